"""corpora/build.py: markup -> spans, literal brackets, misalignment reporting, split checks."""
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _build_module():
    spec = importlib.util.spec_from_file_location("corpora_build", ROOT / "corpora" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpora_build"] = module
    spec.loader.exec_module(module)
    return module


build = _build_module()


# ------------------------------------------------------------------ corpus markup
def test_markup_gives_text_and_spans():
    text, spans, problems = build.parse_line(
        "Trained on [NVIDIA Tesla V100](HARDWARE) GPUs with [PyTorch](SOFTWARE) [1.13.1](VERSION).")
    assert text == "Trained on NVIDIA Tesla V100 GPUs with PyTorch 1.13.1."
    assert [(text[a:b], label) for a, b, label in spans] == [
        ("NVIDIA Tesla V100", "HARDWARE"), ("PyTorch", "SOFTWARE"), ("1.13.1", "VERSION")]
    assert problems == []


def test_literal_brackets_stay_text():
    line = "As shown in [12] and [3, 4], [ResNet-50](MODEL) beats [the baseline] (see Table 2)."
    text, spans, problems = build.parse_line(line)
    assert text == "As shown in [12] and [3, 4], ResNet-50 beats [the baseline] (see Table 2)."
    assert [(text[a:b], label) for a, b, label in spans] == [("ResNet-50", "MODEL")]
    assert problems == []


def test_unknown_label_is_reported_and_kept_as_text():
    text, spans, problems = build.parse_line("We used [Foo](TOOL) here.")
    assert text == "We used [Foo](TOOL) here." and spans == []
    assert len(problems) == 1 and "TOOL" in problems[0]


def test_misaligned_span_is_expanded_and_reported():
    from extractor.nlp import get_nlp

    make_doc = get_nlp().make_doc
    log = []
    ex = build.Example(*build.parse_line("Models ran in [Tensor](SOFTWARE)Flow2 on a cluster.")[:2], "x.txt:1")
    doc = build.align(ex, make_doc, log)
    assert [e.text for e in doc.ents] == ["TensorFlow2"]
    assert len(log) == 1 and "does not align" in log[0] and "expanded" in log[0]
    # a name at the end of a sentence is its own token (project tokenizer), so it aligns
    log = []
    ex = build.Example(*build.parse_line("All scripts were written in [R](SOFTWARE).")[:2], "x.txt:2")
    assert [e.text for e in build.align(ex, make_doc, log).ents] == ["R"] and log == []


def test_split_drops_leaks_and_known_test_names(tmp_path):
    src = tmp_path / "source"
    src.mkdir()
    (src / "unseen_a.txt").write_text(
        "@domain test\nWe trained on two [Quorvex Z12](HARDWARE) GPUs using [PyTorch](SOFTWARE).\n", encoding="utf-8")
    (src / "train.txt").write_text(
        "# comment\n\nA [Quorvex Z12](HARDWARE) card was used.\n"
        "We used [Keras](SOFTWARE) for all models.\nThe moon Titan is cold.\n", encoding="utf-8")
    built = build.build(src, augment=False)
    log = "\n".join(built.log)
    # the rules know PyTorch: dropped from the test gold and kept as ignored
    assert [e.text for e in built.test[0].ents] == ["Quorvex Z12"]
    assert [s.text for s in built.test[0].spans["ignored"]] == ["PyTorch"]
    assert "'PyTorch' dropped from the gold" in log
    # the training line with the test name is gone
    texts = [d.text for d in built.train + built.dev]
    assert "A Quorvex Z12 card was used." not in texts and len(texts) == 2
    assert "train.txt:3: dropped from training" in log
    assert "training lines dropped for a test name 1" in built.log[-1]


def test_dev_split_is_a_stable_hash():
    assert build.dev_bucket("We used Keras.") == build.dev_bucket("We used Keras.")
    buckets = [build.dev_bucket(f"sentence number {i}") for i in range(2000)]
    share = sum(b < build.DEV_PERCENT for b in buckets) / len(buckets)
    assert 0.12 < share < 0.18


def test_disguised_copy_keeps_shape_labels_and_context():
    ex = build.Example(*build.parse_line(
        "We trained [ResNet-50](MODEL) on two [NVIDIA V100](HARDWARE) GPUs and report [accuracy](METRIC).")[:2], "x:1")
    copy = build.disguise(ex)
    assert copy is not None and copy.text != ex.text
    assert build.disguise(ex).text == copy.text  # seeded by the text
    got = [(copy.text[a:b], label) for a, b, label in copy.spans]
    assert [label for _, label in got] == ["MODEL", "HARDWARE", "METRIC"]
    model, hardware, metric = (s for s, _ in got)
    assert len(model) == 9 and model[6] == "-" and model[7:].isdigit() and model != "ResNet-50"
    assert hardware.startswith("NVIDIA ") and hardware != "NVIDIA V100"  # vendor words stay
    assert metric == "accuracy"
    assert copy.text.startswith("We trained ") and copy.text.endswith(" GPUs and report accuracy.")
    assert build.disguise(build.Example("Only [accuracy](METRIC) here.", [(5, 13, "METRIC")], "x:2")) is None


# ------------------------------------------------------------------ no copied text
# The corpus must hold only sentences the project wrote. A run of 8 words shared with the
# real papers of /work/shared is taken as copied text (real titles, author lists, stock
# sentences); words are compared lower-cased and alphanumeric only, so punctuation,
# markup and spacing do not hide a copy.
SHARED_PASSAGES = Path("/work/shared/corpus/ecoinf_passages.jsonl")
RUN = 8


def _words(text):
    import re

    return re.findall(r"[a-z0-9]+", text.lower())


def _runs(text, n=RUN):
    w = _words(text)
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def _corpus_lines():
    for path in sorted((ROOT / "corpora" / "source").glob("*.txt")):
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if line and not line.startswith("#") and not line.startswith("@domain"):
                yield f"{path.name}:{number}", build.parse_line(line)[0]


def _shared_runs(lines, shared):
    return [(where, text) for where, text in lines if _runs(text) & shared]


def test_shared_run_detection_sees_through_markup_and_punctuation():
    shared = _runs("Field crews, working at dawn; counted the hares along every transect twice.")
    text = build.parse_line("Our field crews working at dawn counted the [Hares-2](DATASET) along it.")[0]
    assert _shared_runs([("a.txt:1", text)], shared) == [("a.txt:1", text)]
    assert _shared_runs([("a.txt:2", "Field crews working at dawn counted the foxes.")], shared) == []


def test_corpus_shares_no_8_word_run_with_the_shared_papers():
    import json

    import pytest

    if not SHARED_PASSAGES.is_file():
        pytest.skip(f"{SHARED_PASSAGES} is absent")
    shared = set()
    with SHARED_PASSAGES.open(encoding="utf-8") as fh:
        for row in fh:
            for chunk in json.loads(row).get("chunks", []):
                shared |= _runs(chunk)
    lines = list(_corpus_lines())
    assert len(lines) > 2000  # the corpus was read
    copied = _shared_runs(lines, shared)
    assert copied == [], "corpus lines sharing an 8-word run with real papers:\n" + "\n".join(
        f"{where}: {text}" for where, text in copied)
