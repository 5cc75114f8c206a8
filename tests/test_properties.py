"""Property-based tests: whatever text comes in, the report keeps its contract.

Random unicode, control characters, very long lines and mutated methods sentences
(written for these tests) go through ``extractor.extract_text``; every report must pass
``check_report``, render to YAML that ``yaml.safe_load`` reads back to the same data as
the JSON rendering, and carry evidence that points into its own passages.
"""
import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractor
from extractor.report import check_report

SETTINGS = settings(max_examples=40, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Invented sentences in the style of a methods section (several fields each).
SENTENCES = [
    "All models were trained on four NVIDIA A100 GPUs with 40 GB of memory using PyTorch 1.12.",
    "We fine-tuned a ResNet-50 pretrained on ImageNet for 30 epochs with a batch size of 128.",
    "The dataset contains 12,480 images, of which 80% were used for training and 20% for testing.",
    "Optimisation used Adam with a learning rate of 3e-4, weight decay of 0.01 and early stopping.",
    "Images were resized to 512 x 512 pixels and augmented with random flips and rotations.",
    "Code and trained weights are available at https://example.org/owl-detector under the MIT licence.",
    "Two annotators drew bounding boxes around every nest; disagreements were resolved by a third.",
    "We report mean average precision (mAP@0.5) and F1 score on the held-out test set.",
    "Training took 14 hours on a single GeForce RTX 3090 with TensorFlow 2.9 and Keras.",
    "Hyperparameters were chosen by grid search on the validation split with five random seeds.",
]

CONTROL = [chr(c) for c in list(range(0, 32)) + [127]] + ["\u200b", "\u2028", "\u2029", "\ufeff", "\u00ad"]


def assert_contract(report) -> None:
    data = report.to_dict()
    check_report(data)
    text = report.to_yaml()
    back = yaml.safe_load(text)
    check_report(back)
    assert back == json.loads(report.to_json())
    assert back["document"]["passages"] == report.passages
    for name, item in back["fields"].items():
        for ev in item["evidence"]:
            start, end = ev["offsets"]
            assert 0 <= start <= end, (name, ev)
            assert ev["text"].strip()


@st.composite
def mutated_methods(draw):
    """A few methods sentences, then edits: deletions, insertions, duplications,
    control characters, odd whitespace, case changes and swapped numbers."""
    parts = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6))
    sep = draw(st.sampled_from([" ", "\n", "\n\n", "\r\n", "\t", "  \n \n"]))
    text = sep.join(parts)
    for _ in range(draw(st.integers(0, 8))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        j = draw(st.integers(i, min(len(text), i + 40)))
        op = draw(st.sampled_from(["delete", "insert", "dup", "control", "case", "number", "heading"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.text(max_size=20)) + text[i:]
        elif op == "dup":
            text = text[:j] + text[i:j] * draw(st.integers(1, 50)) + text[j:]
        elif op == "control":
            text = text[:i] + draw(st.sampled_from(CONTROL)) + text[i:]
        elif op == "case":
            text = text[:i] + text[i:j].swapcase() + text[j:]
        elif op == "number":
            text = text[:i] + str(draw(st.integers(-10 ** 30, 10 ** 30))) + text[j:]
        else:
            text = text[:i] + "\n\n" + draw(st.sampled_from(["2 Methods", "# Results", "IV. DATA", "**Setup**"])) + "\n\n" + text[i:]
    return text


@SETTINGS
@given(st.text(max_size=2000))
def test_random_unicode(text):
    assert_contract(extractor.extract_text(text))


@SETTINGS
@given(st.text(alphabet=st.sampled_from(CONTROL + list("ab .,\n")), max_size=500))
def test_control_characters(text):
    assert_contract(extractor.extract_text(text))


@settings(max_examples=6, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(SENTENCES), st.integers(60, 250), st.sampled_from([" ", "", ";", "\u00a0"]))
def test_very_long_lines(sentence, repeat, glue):
    """One paragraph of up to 25,000 characters, with or without sentence breaks (a run-on
    "sentence" with hundreds of mentions once took minutes; see components/sentences.py)."""
    report = extractor.extract_text(glue.join([sentence] * repeat))
    assert_contract(report)
    if glue in (" ", ";"):
        assert report.fields["hardware"].status == "found" or "GPU" not in sentence


@SETTINGS
@given(mutated_methods())
def test_mutated_methods_sentences(text):
    assert_contract(extractor.extract_text(text))


@SETTINGS
@given(st.text(max_size=200), st.text(min_size=1, max_size=40))
def test_odd_sources_and_surrogates(text, source):
    """A source name from an undecodable file name carries lone surrogates; the report
    must still render and read back. (The methods sentence comes first: random text before
    it can be a heading such as "RELATED WORK" that rightly makes it background.)"""
    report = extractor.extract_text(SENTENCES[0] + "\n\n" + text, source=source + "\udcff")
    assert_contract(report)
    assert report.fields["hardware"].status == "found"
