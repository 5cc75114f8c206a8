"""The PDFium engine (``engine="pdfium"``) against the default pdfplumber one."""
from __future__ import annotations

from pathlib import Path

import pytest

import extractor
from extractor.cli import main
from extractor.errors import ReadError
from extractor.reading.pdf import read_pdf
from extractor.reading.pdfium import read_pdf_pdfium

try:
    from tests import pdfgen
except ImportError:  # tests/ is not a package: pytest put it on sys.path itself
    import pdfgen

SHARED_PDFS = Path(__file__).resolve().parents[1].parent / "shared" / "pdfs"


@pytest.fixture(scope="module", params=["make_one_column", "make_two_column"])
def generated(request, tmp_path_factory):
    path = getattr(pdfgen, request.param)(tmp_path_factory.mktemp("pdf") / f"{request.param}.pdf")
    return path, read_pdf(path), read_pdf_pdfium(path)


def _layout(doc):
    return [(b.text, b.page, b.font_size, b.bold, b.is_heading) for b in doc.blocks]


def test_same_blocks_in_the_same_order(generated):
    _, plumber, pdfium = generated
    assert pdfium.blocks, "the PDFium engine read no text"
    assert _layout(pdfium) == _layout(plumber)
    assert [b.text for b in pdfium.furniture] == [b.text for b in plumber.furniture]
    assert (pdfium.title, pdfium.doi, pdfium.pages, pdfium.sha256) == (plumber.title, plumber.doi, plumber.pages, plumber.sha256)


def test_boxes_agree_within_a_point(generated):
    _, plumber, pdfium = generated
    for a, b in zip(plumber.blocks, pdfium.blocks):
        assert all(abs(x - y) < 1.0 for x, y in zip(a.bbox, b.bbox)), (a.text, a.bbox, b.bbox)


def test_gpu_sentence_is_read_whole_from_two_columns(tmp_path):
    doc = read_pdf_pdfium(pdfgen.make_two_column(tmp_path / "two.pdf"))
    assert any(pdfgen.GPU_SENTENCE in b.text for b in doc.blocks)
    assert pdfgen.RUNNING_HEADER in [b.text for b in doc.furniture]


def _findings(report):
    return {
        name: (res.status, res.values, [(e.text, e.page, e.section) for e in res.evidence])
        for name, res in report.fields.items()
    }


def test_same_fields_found_as_the_default_engine(generated):
    path, _, _ = generated
    default = extractor.extract(path)
    pdfium = extractor.extract(path, engine="pdfium")
    assert _findings(pdfium) == _findings(default)
    assert default.fields["hardware"].status == "found"
    assert pdfium.fields["framework"].status == "found"


def test_scanned_and_cid_pages_give_the_same_warnings(tmp_path):
    scanned = pdfgen.make_scanned(tmp_path / "scan.pdf")
    cid = pdfgen.make_cid_like(tmp_path / "cid.pdf", text_pages=1)
    for path in (scanned, cid):
        assert read_pdf_pdfium(path).warnings == read_pdf(path).warnings != []
    assert [b.page for b in read_pdf_pdfium(cid).blocks] == [2]


@pytest.mark.parametrize("make, cause", [
    (lambda p: p, "file not found"),
    (lambda p: (p.write_bytes(b""), p)[1], "empty file (0 bytes)"),
    (lambda p: (p.write_text("<html><body>Sign in</body></html>"), p)[1], "not a PDF (starts with <html>)"),
    (lambda p: pdfgen.make_encrypted(p), "encrypted: a password is required"),
])
def test_read_errors_name_the_file_and_cause(tmp_path, make, cause):
    path = make(tmp_path / "bad.pdf")
    with pytest.raises(ReadError) as info:
        read_pdf_pdfium(path)
    assert info.value.source == str(path)
    assert info.value.cause.startswith(cause)


def test_damaged_pdf_is_a_read_error_not_a_crash(tmp_path):
    data = pdfgen.make_one_column(tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:200])
    with pytest.raises(ReadError) as info:
        read_pdf_pdfium(path)
    assert info.value.cause.startswith("damaged PDF")


def test_unknown_engine_is_refused(tmp_path):
    path = pdfgen.make_one_column(tmp_path / "one.pdf")
    with pytest.raises(ValueError, match="unknown PDF engine"):
        extractor.extract(path, engine="mupdf")


def test_cli_engine_option(tmp_path, capsys):
    path = pdfgen.make_one_column(tmp_path / "one.pdf")
    assert main(["extract", "--engine", "pdfium", str(path)]) == 0
    out = capsys.readouterr().out
    assert "hardware:" in out and "GeForce GTX 1080 Ti" in out
    with pytest.raises(SystemExit) as info:
        main(["extract", "--engine", "nonsense", str(path)])
    assert info.value.code == 2


@pytest.mark.skipif(not SHARED_PDFS.is_dir(), reason="shared PDFs not available")
def test_real_paper_reads_with_pdfium():
    path = min(SHARED_PDFS.glob("*.pdf"), key=lambda p: p.stat().st_size)
    doc = read_pdf_pdfium(path)
    assert doc.pages and doc.blocks
    assert sum(len(b.text) for b in doc.blocks) > 500
