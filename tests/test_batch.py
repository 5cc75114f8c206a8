import io
from pathlib import Path

from extractor.batch import Progress, expand_inputs, output_names, summary_csv, write_atomic, Outcome


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
                        Outcome("b.pdf", None, "b.pdf: not a PDF")], fields=("hardware",)).splitlines()
    assert rows == ["source,report,error,hardware", "a.pdf,a.yaml,,found", "b.pdf,,b.pdf: not a PDF,"]
