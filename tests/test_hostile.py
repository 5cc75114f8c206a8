"""Hostile and broken input: the run goes on, nothing good is lost, the cause is said plainly.

Every input here is generated (``tests/hostile_inputs.py``). A bad input gets one error
line naming the file and the cause, exit code 1 and a row in ``summary.csv``; the good
inputs of the same batch still get their reports.
"""
import csv
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from extractor.cli import main
from extractor.errors import ReadError
from extractor.pipeline import extract
from tests import hostile_inputs as hi
from tests import pdfgen

ROOT = Path(__file__).resolve().parents[1]
SHARED_PDFS = ROOT.parent / "shared" / "pdfs"


@pytest.fixture(scope="module")
def good_pdf(tmp_path_factory):
    return hi.make_text_pdf(tmp_path_factory.mktemp("src") / "good.pdf", pages=2)


# Each bad input: a maker (path, good_pdf) -> path, and words its error must contain.
BAD = {
    "zero.pdf": (lambda p, g: hi.make_zero_bytes(p), ["empty file"]),
    "login page.pdf": (lambda p, g: hi.make_html_as_pdf(p), ["not a PDF", "web page"]),
    "figure.pdf": (lambda p, g: hi.make_png_as_pdf(p), ["not a PDF", "PNG image"]),
    "cut10.pdf": (lambda p, g: hi.make_truncated(p, g, 0.1), ["truncated", "get a complete copy"]),
    "cut50.pdf": (lambda p, g: hi.make_truncated(p, g, 0.5), ["truncated", "get a complete copy"]),
    "cut90.pdf": (lambda p, g: hi.make_truncated(p, g, 0.9), ["truncated", "get a complete copy"]),
    "garbled trailer.pdf": (lambda p, g: hi.make_garbled_trailer(p, g),
                            ["damaged PDF", "cross-reference table or trailer"]),
    "locked.pdf": (lambda p, g: hi.make_user_password(p), ["encrypted: a password is required"]),
    "scan.pdf": (lambda p, g: hi.make_image_only(p), ["no text layer", "scanned", "run OCR first"]),
    "cid.pdf": (lambda p, g: pdfgen.make_cid_like(p, text_pages=0),
                ["no usable text layer", "run OCR first"]),
    "junk.txt": (lambda p, g: hi.make_binary_junk(p), ["not a text file"]),
}


def _error_lines(err: str, name: str):
    return [line for line in err.splitlines() if name in line]


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_alone_is_one_clear_line_and_exit_1(tmp_path, capsys, good_pdf, name):
    maker, words = BAD[name]
    path = maker(tmp_path / name, good_pdf)
    assert main(["extract", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"extractor: error: {path}: ")
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in captured.err and "internal error" not in captured.err


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_raises_read_error_from_the_api(tmp_path, good_pdf, name):
    maker, words = BAD[name]
    path = maker(tmp_path / name, good_pdf)
    with pytest.raises(ReadError) as info:
        extract(path)
    assert info.value.source == str(path)
    assert "\n" not in str(info.value)
    assert words[0] in info.value.cause


def test_repairable_xref_is_read_in_full(tmp_path, good_pdf):
    """Wrong xref offsets and a startxref past the end: the reader rebuilds the table."""
    report = extract(hi.make_broken_xref(tmp_path / "xref.pdf", good_pdf))
    assert report.pages == 2
    assert report.fields["hardware"].status == "found"
    assert report.fields["hardware"].evidence[0].page == 1


def test_owner_password_only_is_read_normally(tmp_path):
    """An owner password restricts copying and printing, not reading: no password is needed."""
    path = hi.make_owner_password_only(tmp_path / "owner.pdf")
    assert b"/Encrypt" in path.read_bytes()
    report = extract(path)
    hw = report.fields["hardware"]
    assert hw.status == "found" and hw.values[0]["model"] == "Tesla V100"
    assert report.warnings == []


def test_truncated_pdf_whose_pages_parse_gives_a_report_with_a_warning(tmp_path, good_pdf):
    """Decision: a cut-short file is read when its pages still parse, and the report says it
    may be incomplete; when nothing parses it is a ReadError (see BAD["cut90.pdf"])."""
    report = extract(hi.make_truncated_readable(tmp_path / "cut.pdf", good_pdf))
    assert report.pages == 2
    assert report.fields["hardware"].status == "found"
    assert any(w.startswith("the file looks truncated") for w in report.warnings)
    assert not extract(good_pdf).warnings  # the complete file carries no such warning


@pytest.mark.skipif(not (SHARED_PDFS / "biss_2018_25260.pdf").is_file(), reason="shared PDFs absent")
def test_real_pdf_cut_short_is_consistent(tmp_path):
    """A real paper cut at 99% and at 50%: either a report with the truncation warning or
    the truncation error, never anything else."""
    data = (SHARED_PDFS / "biss_2018_25260.pdf").read_bytes()
    for keep in (0.99, 0.5):
        path = tmp_path / f"cut{keep}.pdf"
        path.write_bytes(data[: int(len(data) * keep)])
        try:
            report = extract(path)
        except ReadError as exc:
            assert exc.cause.startswith("truncated or damaged PDF: the file ends early")
        else:
            assert report.warnings[0].startswith("the file looks truncated")


def test_latin1_text_is_read_with_a_warning(tmp_path):
    report = extract(hi.make_latin1_text(tmp_path / "latin1.txt"))
    assert any("Latin-1" in w for w in report.warnings)
    assert report.fields["hardware"].status == "found"
    assert "entraîné" in report.fields["hardware"].evidence[0].text


def test_500_page_pdf(tmp_path):
    report = extract(hi.make_many_pages(tmp_path / "long.pdf", pages=500))
    assert report.pages == 500
    hw = report.fields["hardware"]
    assert hw.status == "found" and hw.evidence[0].page == 500


def test_unreadable_file_cause_in_process(tmp_path, monkeypatch):
    """The message for a file the user may not read (simulated: tests often run as root)."""
    path = hi.make_good_text(tmp_path / "secret.txt")
    real_open = open

    def guarded_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_open)
    with pytest.raises(ReadError) as info:
        extract(path)
    assert info.value.cause == "cannot read the file: permission denied (check its permissions)"


def _cli(args, **kwargs):
    return subprocess.run([sys.executable, "-m", "extractor", *args], capture_output=True, text=True,
                          timeout=300, **kwargs)


def test_unreadable_file_for_real(tmp_path):
    """chmod 000 blocks reading except for root; as root the CLI runs as user nobody."""
    base = Path(tempfile.mkdtemp(prefix="extractor-perm-"))
    try:
        base.chmod(0o755)
        good = hi.make_good_text(base / "good.txt")
        secret = hi.make_good_text(base / "secret.txt")
        good.chmod(0o644)
        secret.chmod(0o000)
        out = base / "out"
        kwargs = {"cwd": str(base), "env": {**os.environ, "PYTHONPATH": str(ROOT)}}
        if os.geteuid() == 0:
            probe = None
            try:
                probe = _cli(["--version"], user="nobody", **kwargs)
            except (OSError, subprocess.SubprocessError) as exc:
                pytest.skip(f"running as root and user nobody cannot run {sys.executable}: {exc}")
            if probe.returncode != 0:
                pytest.skip(f"running as root and user nobody cannot import extractor: {probe.stderr[-200:]}")
            out.mkdir()
            out.chmod(0o777)
            kwargs["user"] = "nobody"
        result = _cli(["extract", str(base / "good.txt"), str(secret), "--out", str(out), "--no-progress"],
                      **kwargs)
        assert result.returncode == 1
        lines = _error_lines(result.stderr, "secret.txt")
        assert len(lines) == 1 and "permission denied" in lines[0]
        assert (out / "good.yaml").is_file() and not (out / "secret.yaml").exists()
    finally:
        secret_path = base / "secret.txt"
        if secret_path.exists():
            secret_path.chmod(0o644)
        shutil.rmtree(base, ignore_errors=True)


def test_mixed_folder_keeps_every_good_paper(tmp_path, capsys, good_pdf):
    folder = tmp_path / "in dir ünïcødé"
    (folder / "sub folder").mkdir(parents=True)
    for name, (maker, _) in BAD.items():
        maker(folder / name, good_pdf)
    good = {
        "good.pdf": shutil.copy(good_pdf, folder / "good.pdf"),
        "good.txt": hi.make_good_text(folder / "good.txt"),
        "latin1.txt": hi.make_latin1_text(folder / "latin1.txt"),
        "owner.pdf": hi.make_owner_password_only(folder / "owner.pdf"),
        "xref.pdf": hi.make_broken_xref(folder / "xref.pdf", good_pdf),
        "étude n°2 – final.pdf": hi.make_text_pdf(folder / "sub folder" / "étude n°2 – final.pdf"),
        "long.pdf": hi.make_many_pages(folder / "long.pdf", pages=500),
    }
    out = tmp_path / "reports"
    code = main(["extract", str(folder), "--out", str(out), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 1
    for name, (_, words) in BAD.items():
        lines = _error_lines(err, str(folder / name))
        assert len(lines) == 1, (name, err)
        assert all(word in lines[0] for word in words), lines[0]
    with open(out / "summary.csv", encoding="utf-8") as fh:
        rows = {Path(r["source"]).name: r for r in csv.DictReader(fh)}
    assert set(rows) == set(BAD) | set(good)
    for name in BAD:
        assert rows[name]["error"].startswith(str(folder / name) + ": ") and not rows[name]["report"]
        assert rows[name]["hardware"] == ""
    for name in good:
        row = rows[name]
        assert row["error"] == "" and row["hardware"] == "found", (name, row)
        data = yaml.safe_load((out / row["report"]).read_text(encoding="utf-8"))
        assert Path(data["document"]["source"]).name == name
        assert data["fields"]["hardware"]["status"] == "found"
    assert rows["étude n°2 – final.pdf"]["report"].startswith("étude_n")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_same_input_same_bytes_across_processes_and_hash_seeds(tmp_path, good_pdf):
    """Reports are byte-identical whatever PYTHONHASHSEED the process starts with."""
    inputs = [str(shutil.copy(good_pdf, tmp_path / "paper.pdf")),
              str(pdfgen.make_two_column(tmp_path / "two.pdf")),
              str(hi.make_latin1_text(tmp_path / "notes.txt")),
              str(hi.make_good_text(tmp_path / "methods.txt"))]
    outputs = []
    for seed in ("0", "4242"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        result = _cli(["extract", *inputs, "--out", str(out), "--no-progress"], env=env, cwd=str(tmp_path))
        assert result.returncode == 0, result.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert sorted(outputs[0]) == ["methods.yaml", "notes.yaml", "paper.yaml", "summary.csv", "two.yaml"]
    assert outputs[0] == outputs[1]
    assert b"status: found" in outputs[0]["two.yaml"]


def test_run_on_text_is_cut_into_bounded_sentences():
    """Text without sentence breaks (a flattened table) is cut at spaces into pieces of at
    most MAX_SENTENCE_CHARS, so per-sentence work stays bounded; mentions are still found."""
    from extractor import extract_text
    from extractor.components.sentences import MAX_SENTENCE_CHARS, sentence_starts

    row = "GPU NVIDIA Tesla V100 32 GB PyTorch 1.10 batch 64 lr 0.001 "
    text = row * 300  # 18,000 characters, no full stop
    starts = sentence_starts(text)
    ends = starts[1:] + [len(text)]
    assert len(starts) > 1 and all(0 < e - s <= MAX_SENTENCE_CHARS for s, e in zip(starts, ends))
    assert all(text[s - 1] == " " for s in starts[1:])  # cut after a space, never inside a word
    assert sentence_starts("x" * (2 * MAX_SENTENCE_CHARS + 5)) == [0, MAX_SENTENCE_CHARS, 2 * MAX_SENTENCE_CHARS]
    short = "We trained on a V100. " * 3
    assert sentence_starts(short) == [0, 22, 44]
    report = extract_text(text.replace("GPU NVIDIA", "trained on one NVIDIA"))
    assert report.fields["hardware"].status == "found"
    assert all(len(ev.text) <= MAX_SENTENCE_CHARS for ev in report.fields["hardware"].evidence)


def test_file_names_with_newlines_or_bytes_that_are_not_utf8(tmp_path, capsys):
    """Error lines stay one line and summary.csv is still written (it once crashed the batch)."""
    folder = tmp_path / "in"
    folder.mkdir()
    undecodable = os.fsdecode(os.fsencode(str(folder)) + b"/bad\xffname.txt")
    hi.make_good_text(undecodable)
    hi.make_html_as_pdf(folder / "two\nlines.pdf")
    out = tmp_path / "out"
    assert main(["extract", str(folder), "--out", str(out), "--no-progress"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"extractor: error: {folder}/two\\nlines.pdf: not a PDF (starts with <html>): " \
                     "the download saved a web page"
    with open(out / "summary.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_error = {bool(r["error"]): r for r in rows}
    assert by_error[False]["source"].endswith("bad\\udcffname.txt")
    assert by_error[False]["hardware"] == "found"
    assert yaml.safe_load((out / by_error[False]["report"]).read_text(encoding="utf-8"))["document"]["source"] \
        == undecodable
    assert by_error[True]["error"].startswith(f"{folder}/two\\nlines.pdf: not a PDF")
