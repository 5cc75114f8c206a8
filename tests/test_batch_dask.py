"""The batch on a dask.distributed cluster (``--dask``), against the local worker pool."""
import csv
from pathlib import Path

import pytest

from extractor import batch
from extractor.cli import main

from . import faults, pdfgen

pytest.importorskip("distributed")

LIMIT = 12  # seconds per paper


@pytest.fixture
def pdfs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    pdfgen.make_one_column(folder / "one_column.pdf")
    pdfgen.make_two_column(folder / "two_column.pdf")
    pdfgen.make_cid_like(folder / "cid_like.pdf", text_pages=2)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a PDF body\n")
    (folder / "stuck_HANG.txt").write_text("The worker sleeps on this one.\n", encoding="utf-8")
    return folder


def _rows(out: Path):
    with open(out / "summary.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_dask_local_cluster_gives_the_same_reports_and_fails_only_the_bad_files(pdfs, tmp_path, capsys,
                                                                               monkeypatch):
    monkeypatch.setattr(batch, "compute_one", faults.faulty_job)  # stuck_HANG.txt never finishes
    # the limit must cover a good paper waiting in a loaded machine's queue (on dask it counts
    # from when the paper is handed to the cluster), yet keep the test short
    local, on_dask = tmp_path / "local", tmp_path / "dask"
    assert main(["extract", str(pdfs), "--out", str(local), "--no-progress", "--timeout", str(LIMIT)]) == 1
    capsys.readouterr()
    code = main(["extract", str(pdfs), "--out", str(on_dask), "--dask", "local", "--jobs", "2", "--timeout", str(LIMIT)])
    err = capsys.readouterr().err
    assert code == 1
    files = sorted(p.name for p in local.iterdir())
    assert files == ["cid_like.yaml", "one_column.yaml", "summary.csv", "two_column.yaml"]
    assert sorted(p.name for p in on_dask.iterdir()) == files
    for name in files:
        if name != "summary.csv":
            assert (on_dask / name).read_bytes() == (local / name).read_bytes(), name
    # the summaries differ only in where the hung paper timed out
    summary = (on_dask / "summary.csv").read_bytes()
    assert summary.count(b" on the dask cluster") == 1
    assert summary.replace(b" on the dask cluster", b"") == (local / "summary.csv").read_bytes()
    rows = _rows(on_dask)
    assert [r["outcome"] for r in rows] == ["failed", "written", "written", "failed", "written"]
    assert Path(rows[0]["source"]).name == "broken.pdf" and rows[0]["error"].startswith(str(pdfs / "broken.pdf"))
    assert rows[3]["error"] == f"{pdfs / 'stuck_HANG.txt'}: timed out after {LIMIT} s on the dask cluster"
    errors = sorted(line for line in err.splitlines() if "error" in line)
    assert errors == sorted(f"extractor: error: {rows[i]['error']}" for i in (0, 3))
    assert "5/5" in err  # progress as papers finish
