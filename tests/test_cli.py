"""The command line, through main([...]) and once through a real subprocess."""
import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from extractor.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "example_paper.pdf"

METHODS = (
    "2 Methods\n\n"
    "All networks were trained on two NVIDIA GeForce GTX 1080 Ti GPUs using PyTorch 1.7.1.\n"
)


@pytest.fixture
def papers(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(METHODS, encoding="utf-8")
    (folder / "sub" / "b.md").write_text("We used Keras 2.2.4 to build the model.\n", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"<html><body>not a pdf</body></html>")
    (folder / "ignored.csv").write_text("x,y\n", encoding="utf-8")
    return folder


def test_single_file_to_stdout(tmp_path, capsys):
    path = tmp_path / "paper.txt"
    path.write_text(METHODS, encoding="utf-8")
    assert main(["extract", str(path)]) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert data["document"]["source"] == str(path)
    assert data["fields"]["hardware"]["status"] == "found"


def test_single_file_to_output_file_and_json(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_text(METHODS, encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["extract", str(path), "-o", str(out), "--format", "json"]) == 0
    import json

    assert json.loads(out.read_text())["fields"]["framework"]["status"] == "found"
    # an existing report is kept without --force
    assert main(["extract", str(path), "-o", str(out), "--format", "json"]) == 1
    assert main(["extract", str(path), "-o", str(out), "--format", "json", "--force"]) == 0


def test_folder_batch_writes_reports_summary_and_reports_failures(papers, tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["extract", str(papers), "--out", str(out), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 1  # broken.pdf failed, the others were written
    assert sorted(p.name for p in out.iterdir()) == ["a.yaml", "b.yaml", "summary.csv"]
    error_lines = [line for line in err.splitlines() if "broken.pdf" in line]
    assert len(error_lines) == 1 and "not a PDF" in error_lines[0]
    with open(out / "summary.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [Path(r["source"]).name for r in rows] == ["a.txt", "broken.pdf", "b.md"]
    by_name = {Path(r["source"]).name: r for r in rows}
    assert by_name["broken.pdf"]["error"] and not by_name["broken.pdf"]["report"]
    assert by_name["a.txt"]["hardware"] == "found"
    assert by_name["b.md"]["framework"] == "found" and by_name["b.md"]["hardware"] == "unstated"


def test_usage_errors_exit_2(tmp_path, capsys):
    a = tmp_path / "a.txt"
    a.write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(a), str(a)])  # several inputs need --out
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["extract"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(a), "--format", "xml"])
    assert exc.value.code == 2


def test_missing_file_is_one_line_and_exit_1(tmp_path, capsys):
    missing = tmp_path / "nope.pdf"
    assert main(["extract", str(missing)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nope.pdf" in err[0] and "not found" in err[0]


def test_rules_check_passes_on_shipped_rules(capsys):
    assert main(["rules", "check"]) == 0
    assert "rules ok" in capsys.readouterr().out


def test_python_dash_m_on_the_bundled_example():
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", str(EXAMPLE)],
                          capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "error"})
    assert proc.returncode == 0, proc.stderr
    data = yaml.safe_load(proc.stdout)
    assert data["document"]["pages"] >= 1
    hw = data["fields"]["hardware"]
    assert hw["status"] == "found"
    assert any(v.get("model") == "GeForce RTX 3090" for v in hw["values"])
    # the hypothetical A100s in future work are not a finding
    assert not any("A100" in str(v.get("model")) for v in hw["values"])
