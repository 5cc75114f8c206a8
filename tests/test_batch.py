import io
from pathlib import Path

import unicodedata

from extractor.batch import (MAX_STEM_BYTES, Outcome, Progress, expand_inputs, output_name_list, output_names,
                             run_batch, summary_csv, write_atomic)


def test_output_names_are_distinct_and_stay_in_the_folder():
    inputs = [Path("a/paper.pdf"), Path("b/paper.pdf"), Path("b/Paper.txt"), Path("../../etc/passwd.pdf"),
              Path("x/na me é.pdf")]
    names = output_names(inputs, ".yaml")
    assert names[inputs[0]] == "paper.yaml"
    assert len({n.lower() for n in names.values()}) == len(inputs)
    assert all("/" not in n and "\\" not in n and not n.startswith(".") for n in names.values())


def test_expand_inputs_recurses_in_a_stable_order(tmp_path):
    for rel in ("b.pdf", "A.txt", "sub/c.md", "sub/skip.csv"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in expand_inputs([str(tmp_path)])]
    assert found == ["A.txt", "b.pdf", "sub/c.md"]


def test_write_atomic_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "r.yaml"
    write_atomic(target, "a: 1\n")
    write_atomic(target, "a: 2\n")
    assert target.read_text() == "a: 2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


def test_progress_in_a_log_prints_plain_lines_every_five_percent():
    out = io.StringIO()
    progress = Progress(40, stream=out, tty=False)
    for i in range(40):
        progress.step(f"p{i}.pdf")
    lines = out.getvalue().splitlines()
    assert lines[0] == "extractor: 2/40 inputs done" and lines[-1] == "extractor: 40/40 inputs done"
    assert len(lines) == 20 and "\r" not in out.getvalue()


def test_progress_on_a_terminal_redraws_one_line():
    out = io.StringIO()
    progress = Progress(3, stream=out, tty=True)
    progress.step("a.pdf")
    progress.message("extractor: error: b.pdf: not a PDF")
    progress.step("b.pdf")
    progress.close()
    text = out.getvalue()
    assert text.count("\r") == 2 and "1/3 a.pdf" in text and "\nextractor: error: b.pdf" in text


def test_summary_has_a_row_per_input_and_a_column_per_field():
    rows = summary_csv([Outcome("a.pdf", "a.yaml", None, {"hardware": "found"}),
                        Outcome("b.pdf", None, "b.pdf: not a PDF"),
                        Outcome("c.pdf", "c.yaml", None, {"hardware": "unstated"}, state="resumed")],
                       fields=("hardware",)).splitlines()
    assert rows == ["source,report,outcome,error,hardware", "a.pdf,a.yaml,written,,found",
                    "b.pdf,,failed,b.pdf: not a PDF,", "c.pdf,c.yaml,resumed,,unstated"]


HOSTILE = ["../x.pdf", "../../etc/passwd.pdf", "/abs/olute/x.pdf", "a/..pdf", "b/...pdf", ".hidden.pdf",
           "x.pdf", "X.txt", "x?.pdf", "x*.pdf", "x:.pdf", "line\nbreak.pdf", "tab\there.md",
           "with space.pdf", "with_space.pdf", "na\u0308me.pdf", "n\u00e4me.pdf", "\u8ad6\u6587.pdf",
           "\u00e9" * 200 + ".pdf", "y" * 300 + ".pdf", "z" * 300 + ".txt", "summary.pdf", "-.pdf", "CON.pdf"]


def test_hostile_input_names_give_distinct_names_inside_the_folder(tmp_path):
    inputs = [Path(raw) for raw in HOSTILE]
    names = output_name_list(inputs, ".yaml")
    assert len(names) == len(inputs) and len({n.lower() for n in names}) == len(names)
    out = tmp_path / "out"
    out.mkdir()
    for name in names:
        assert name.endswith(".yaml") and not name.startswith(".") and name.lower() != "summary.csv"
        assert "/" not in name and "\\" not in name and ".." not in name.replace("...", "")
        assert all(c.isprintable() and c != " " for c in name)
        assert len(name.encode("utf-8")) <= MAX_STEM_BYTES + len("-99.yaml")
        assert unicodedata.normalize("NFC", name) == name
        assert (out / name).resolve().parent == out.resolve()
        (out / name).write_text("x", encoding="utf-8")  # the file system accepts every name
    assert len(list(out.iterdir())) == len(inputs)
    # the NFD and NFC spellings of the same name do not overwrite each other
    assert names[HOSTILE.index("na\u0308me.pdf")] == "n\u00e4me.yaml"
    assert names[HOSTILE.index("n\u00e4me.pdf")] == "n\u00e4me-2.yaml"
    assert names[HOSTILE.index("with space.pdf")] == "with_space.yaml"
    assert names[HOSTILE.index("with_space.pdf")] == "with_space-2.yaml"


def test_the_same_input_given_twice_gets_two_reports(tmp_path):
    paper = tmp_path / "p.txt"
    paper.write_text("We trained on a single NVIDIA Tesla T4 GPU.\n", encoding="utf-8")
    names = output_name_list([paper, paper], ".json")
    assert names == ["p.json", "p-2.json"]


def test_a_batch_over_hostile_names_writes_only_inside_out(tmp_path):
    src = tmp_path / "deep" / "in"
    src.mkdir(parents=True)
    text = "The model was trained with PyTorch 2.0 on one GPU.\n"
    inputs = []
    for raw in ["../up.txt", "with space.txt", "\u00fcber.txt", "q" * 246 + ".txt", "..txt"]:
        p = src / raw
        p.write_text(text, encoding="utf-8")
        inputs.append(Path(str(src) + "/" + raw))
    out = tmp_path / "deep" / "out"
    outcomes = run_batch(inputs, out, jobs=1, timeout=60)
    assert all(o.error is None for o in outcomes), [o.error for o in outcomes]
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == len(inputs) + 1 and "summary.csv" in written
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["in", "out", "up.txt"]
