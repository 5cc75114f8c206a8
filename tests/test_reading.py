"""Tests of the PDF and text readers and their shared text helpers."""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
import yaml

from extractor import extract_text
from extractor.errors import ReadError
from extractor.reading._textutil import Vocabulary, clean_text, join_lines, keep_line_end_hyphen
from extractor.reading.pdf import _compose_accents, read_pdf
from extractor.reading.text import read_text, read_text_file

try:
    from tests import pdfgen
except ImportError:  # tests/ is not a package: pytest put it on sys.path itself
    import pdfgen

SHARED_PDFS = Path(__file__).resolve().parents[1].parent / "shared" / "pdfs"


def _text(doc) -> str:
    return "\n".join(b.text for b in doc.blocks)


@pytest.fixture(scope="module")
def one_column(tmp_path_factory):
    path = pdfgen.make_one_column(tmp_path_factory.mktemp("pdf") / "one_column.pdf")
    return path, read_pdf(path)


@pytest.fixture(scope="module")
def two_column(tmp_path_factory):
    path = pdfgen.make_two_column(tmp_path_factory.mktemp("pdf") / "two_column.pdf")
    return path, read_pdf(path)


# ---------------------------------------------------------------------------
# Generated PDFs


@pytest.mark.parametrize("maker", ["make_one_column", "make_two_column", "make_scanned", "make_cid_like"])
def test_generated_pdfs_are_byte_stable(tmp_path, maker):
    first = getattr(pdfgen, maker)(tmp_path / "a.pdf").read_bytes()
    second = getattr(pdfgen, maker)(tmp_path / "b.pdf").read_bytes()
    assert first.startswith(b"%PDF-")
    assert first == second


def test_two_column_pages_read_left_column_then_right(two_column):
    _, doc = two_column
    text = _text(doc)
    order = [
        "Filtering empty camera trap frames with a small network",  # full-width title
        "Camera traps produce millions",  # left column
        "Images were resized to 224",  # left column, lower
        "same images for twenty epochs",  # right column, top
        "Augmentation used random crops",  # right column, lower
        "Figure 1: Example frames",  # full-width caption: a new band
        "Below the figure the left column",
        "Below the figure the right column",
    ]
    positions = [text.find(s) for s in order]
    assert all(p >= 0 for p in positions), list(zip(order, positions))
    assert positions == sorted(positions)


def test_two_column_lines_are_not_interleaved(two_column):
    _, doc = two_column
    full_width = [b.text for b in doc.blocks if b.bbox[0] < pdfgen.RIGHT_X - 20 < pdfgen.RIGHT_X + 20 < b.bbox[2]]
    assert full_width == [
        "Filtering empty camera trap frames with a small network",
        pdfgen.WIDE_CAPTION,
    ]


@pytest.mark.parametrize("fixture", ["one_column", "two_column"])
def test_running_header_and_page_numbers_become_furniture(request, fixture):
    _, doc = request.getfixturevalue(fixture)
    assert pdfgen.RUNNING_HEADER not in _text(doc)
    headers = [b for b in doc.furniture if b.text == pdfgen.RUNNING_HEADER]
    assert sorted(b.page for b in headers) == [1, 2]
    numbers = {(b.page, b.text) for b in doc.furniture if b.text.isdigit()}
    assert numbers == {(1, "1"), (2, "2")}
    assert not any(b.text.strip() in ("1", "2") for b in doc.blocks)


def test_headings_are_flagged_and_kept(one_column):
    _, doc = one_column
    headings = [b.text for b in doc.blocks if b.is_heading]
    for name in ("Abstract", "2. Methods", "3. Results", "Acknowledgements", "References"):
        assert name in headings
    assert not any(b.is_heading for b in doc.blocks if pdfgen.GPU_SENTENCE in b.text)
    assert doc.blocks[0].text == pdfgen.TITLE  # the title is kept, not taken for a header


def test_line_break_hyphens_repaired(one_column, two_column):
    one = _text(one_column[1])
    assert "the network architecture follows" in one
    assert "a state-of-the-art detector" in one
    assert "a ResNet-50 backbone" in one
    assert "archi-" not in one and "archi tecture" not in one
    two = _text(two_column[1])
    assert "The network architecture is a small" in two
    assert "a Faster R-CNN detector" in two
    assert "a ResNet-50 baseline" in two
    assert "state-of-the-art attention block" in two


def test_paragraph_lines_joined_with_single_spaces(one_column):
    _, doc = one_column
    methods = next(b for b in doc.blocks if pdfgen.GPU_SENTENCE in b.text)
    assert "\n" not in methods.text and "  " not in methods.text
    assert methods.text.startswith("We chose a compact design")


def test_document_metadata(one_column):
    path, doc = one_column
    assert doc.title == pdfgen.TITLE
    assert doc.doi == "10.5555/jie.2024.0042"
    assert doc.pages == 2
    assert doc.source == str(path)
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.warnings == []


def test_blocks_carry_page_box_and_font(one_column):
    _, doc = one_column
    assert {b.page for b in doc.blocks} == {1, 2}
    for b in doc.blocks:
        x0, top, x1, bottom = b.bbox
        assert 0 <= x0 < x1 <= pdfgen.PAGE_W and 0 <= top < bottom <= pdfgen.PAGE_H
    title = doc.blocks[0]
    body = next(b for b in doc.blocks if pdfgen.GPU_SENTENCE in b.text)
    assert title.font_size > body.font_size
    assert title.bold and not body.bold
    assert body.font_size == pytest.approx(10, abs=0.2)


def test_reference_entries_keep_their_lines_together(one_column):
    _, doc = one_column
    keras = [b.text for b in doc.blocks if b.text.startswith(pdfgen.KERAS_REFERENCE_START)]
    assert keras == ["Chollet, F., 2015. Keras: deep learning for humans. Software, version 2.0, https://keras.io."]


def test_scanned_page_gives_warning_and_no_blocks(tmp_path):
    doc = read_pdf(pdfgen.make_scanned(tmp_path / "scan.pdf"))
    assert doc.blocks == []
    assert doc.pages == 1
    assert doc.warnings == ["page 1: no text layer (scanned image?); run OCR first"]


def test_cid_coded_page_is_left_out_with_warning(tmp_path):
    doc = read_pdf(pdfgen.make_cid_like(tmp_path / "cid.pdf", text_pages=1))
    assert doc.pages == 2
    assert any(w.startswith("page 1: no usable text layer ((cid:N)") for w in doc.warnings)
    assert [b.page for b in doc.blocks] == [2]
    assert "(cid:" not in _text(doc)
    assert "ordinary text layer" in _text(doc)


def test_cid_only_pdf_still_returns_document(tmp_path):
    doc = read_pdf(pdfgen.make_cid_like(tmp_path / "cid.pdf", text_pages=0))
    assert doc.blocks == [] and len(doc.warnings) == 1


# ---------------------------------------------------------------------------
# Read errors


def _cause(path) -> str:
    with pytest.raises(ReadError) as info:
        read_pdf(path)
    assert info.value.source == str(path)
    assert str(info.value).startswith(str(path) + ": ")
    assert "\n" not in str(info.value)
    return info.value.cause


def test_missing_file(tmp_path):
    assert _cause(tmp_path / "missing.pdf") == "file not found"


def test_zero_byte_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert _cause(path) == "empty file (0 bytes)"


def test_html_saved_as_pdf(tmp_path):
    path = tmp_path / "paper.pdf"
    path.write_text("<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body></body></html>")
    assert _cause(path).startswith("not a PDF (starts with <html>)")


def test_other_bytes_are_not_a_pdf(tmp_path):
    path = tmp_path / "paper.pdf"
    path.write_bytes(b"PK\x03\x04" + bytes(200))
    assert _cause(path).startswith("not a PDF")


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.97])
def test_truncated_pdf_is_damaged(tmp_path, one_column, keep):
    data = one_column[0].read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    assert _cause(path).startswith("truncated or damaged PDF: the file ends early")


def test_encrypted_pdf(tmp_path):
    path = pdfgen.make_encrypted(tmp_path / "locked.pdf")
    assert _cause(path) == "encrypted: a password is required"


def test_directory_is_not_a_file(tmp_path):
    assert "directory" in _cause(tmp_path)


# ---------------------------------------------------------------------------
# Shared helpers


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["three al-", "gorithms were compared"], "three algorithms were compared"),
        (["a state-of-the-", "art detector"], "a state-of-the-art detector"),
        (["a ResNet-", "50 backbone"], "a ResNet-50 backbone"),
        (["and Faster R-", "CNN models"], "and Faster R-CNN models"),
        (["COVID-", "19 samples"], "COVID-19 samples"),
        (["pages 389\u2013", "409."], "pages 389\u2013409."),
        (["see https://github.com/example/", "bird-detector for code"], "see https://github.com/example/bird-detector for code"),
        (["trained for", "  twenty   epochs"], "trained for twenty   epochs"),
        (["soft\u00ad", "ware"], "software"),
        (["one line only"], "one line only"),
        ([], ""),
    ],
)
def test_join_lines(lines, expected):
    assert join_lines(lines) == expected


def test_join_lines_uses_the_document_as_evidence():
    # The document prints "pre-trained" elsewhere: keep the hyphen.
    vocab = Vocabulary.from_paragraphs([["weights were pre-trained on ImageNet"]])
    assert join_lines(["the pre-", "trained weights"], vocab) == "the pre-trained weights"
    # It prints "pretrained" elsewhere: join.
    vocab = Vocabulary.from_paragraphs([["pretrained weights were used"]])
    assert join_lines(["the pre-", "trained weights"], vocab) == "the pretrained weights"
    # Both halves are words of the document and the join is not: a compound.
    vocab = Vocabulary.from_paragraphs([["the data were clean", "the model was driven by labels"]])
    assert join_lines(["a data-", "driven model"], vocab) == "a data-driven model"
    # Without any evidence an ordinary word break is joined.
    assert join_lines(["the con-", "volutional layers"], Vocabulary()) == "the convolutional layers"


def test_vocabulary_ignores_the_halves_of_broken_words():
    vocab = Vocabulary.from_paragraphs([["three al-", "gorithms and al-", "gorithms"]])
    assert vocab.count("gorithms") == 0
    assert vocab.count("three") == 1
    assert keep_line_end_hyphen("al", "gorithms", vocab) is False


def test_clean_text_maps_ligatures_but_not_other_compatibility_characters():
    assert clean_text("\ufb01ne \ufb02ow e\ufb00ort e\ufb03cient ba\ufb04e \ufb05op \ufb06ep") == (
        "fine flow effort efficient baffle stop step"
    )
    assert clean_text("soft\u00adware") == "software"
    assert clean_text("10 \u00b5m\u00b2 at 25 \u00b0C, x\u00b3") == "10 \u00b5m\u00b2 at 25 \u00b0C, x\u00b3"


def test_clean_text_writes_superscript_powers_of_ten_and_word_dashes_plainly():
    # a power of ten in superscripts becomes one the number patterns read; area units stay
    assert clean_text("a rate of 3 \u00d7 10\u207b\u2074 over 12 km\u00b2") == "a rate of 3 \u00d7 10^-4 over 12 km\u00b2"
    assert clean_text("2 \u00d7 10\u00b3 tiles") == "2 \u00d7 10^3 tiles"
    # an en dash between words is a hyphen; between years it is a range
    assert clean_text("presence\u2013absence maps, 2019\u20132021") == "presence-absence maps, 2019\u20132021"


def test_latex_accents_are_put_back_on_their_letters():
    assert _compose_accents("Fa\u00a8rber and Pe\u00b4rez") == "F\u00e4rber and P\u00e9rez"
    assert _compose_accents("Mart\u00b4\u0131n") == "Mart\u00edn"
    assert _compose_accents("MS\u02c62 loss") == "MS\u02c62 loss"  # capitals are left alone


# ---------------------------------------------------------------------------
# Text reader


def test_text_paragraphs_and_line_joins():
    doc = read_text(
        "# Methods\n\nAll networks were trained on two\nNVIDIA GPUs for a\n"
        "state-of-the-\nart comparison.\n\n\n  \nThe con-\nvolutional layers were frozen.\n"
    )
    assert [b.text for b in doc.blocks] == [
        "Methods",
        "All networks were trained on two NVIDIA GPUs for a state-of-the-art comparison.",
        "The convolutional layers were frozen.",
    ]
    assert [b.is_heading for b in doc.blocks] == [True, False, False]
    assert all(b.page is None and b.bbox is None for b in doc.blocks)
    assert doc.pages is None and doc.source == "<text>"
    assert doc.title == "Methods"


def test_text_headings_numbered_and_markdown():
    doc = read_text(
        "2. Materials and methods\n\n## Model training\nWe used a batch size of 32.\n\n"
        "1. We collected recordings from ten sites during two seasons, as described below.\n\n"
        "Results\n=======\n\nThe model reached 0.91 accuracy."
    )
    pairs = [(b.text, b.is_heading) for b in doc.blocks]
    assert pairs == [
        ("2. Materials and methods", True),
        ("Model training", True),
        ("We used a batch size of 32.", False),
        ("1. We collected recordings from ten sites during two seasons, as described below.", False),
        ("Results", True),
        ("The model reached 0.91 accuracy.", False),
    ]


def test_text_table_printed_column_by_column_is_one_block():
    text = (
        "The detector was trained on our own photographs.\n\n"
        "Table 4\nImages per subset.\n\nSubset\n\nTrain\nValidation\nTest\n\n"
        "Number of images\n\n4,410\n552\n551\n\n"
        "2.5 Training\n\nAll layers were unfrozen."
    )
    blocks = [b.text for b in read_text(text).blocks]
    assert blocks == [
        "The detector was trained on our own photographs.",
        "Table 4 Images per subset. Subset Train Validation Test Number of images 4,410 552 551",
        "2.5 Training",
        "All layers were unfrozen.",
    ]


def test_short_paragraphs_without_a_table_caption_stay_apart():
    text = "Train\n\nValidation\n\n4,410 552\n\nThe loss fell quickly."
    assert [b.text for b in read_text(text).blocks] == ["Train", "Validation", "4,410 552", "The loss fell quickly."]


def test_table_caption_without_a_number_column_is_not_merged():
    text = "Table 1\nSites.\n\nNorth ridge\n\nSouth valley\n\nEast marsh\n\nWe visited each site twice."
    assert len(read_text(text).blocks) == 5


# Text with no blank line between paragraphs, as some PDF-to-text tools print it: lines cut
# at about 80 characters, a running header between two lines of one paragraph.
_UNBROKEN = """Abstract: Kelp forests are shrinking along temperate coasts, and mapping them from
drones is slow when every orthomosaic has to be digitised by hand. We trained a U-Net.
Keywords: kelp; drone imagery; semantic segmentation
1. Introduction
Canopy-forming kelp supports fisheries and stores carbon, yet its extent changes quickly
from one summer to the next, so surveys must be repeated every year.
2. Materials and Methods
2.1. Imagery
We flew a quadcopter over eleven reefs at low tide and built orthomosaics with a ground
Marine Ecol. Notes 2026, 4, 118          3 of 11
sampling distance of 2 cm. Tiles of 512 x 512 pixels were cut from each mosaic.
Table 1. Tiles per subset.
Subset Tiles Train 4,800 Validation 600 Test 600
The network was trained with Adam for 80 epochs (see Table 1 for the subsets and
Fig. 2 for examples).
References
1. Ortiz, A.; Berg, K. Kelp in decline. Mar. Biol. 2020, 12, 1-9."""


def test_text_without_blank_lines_is_cut_into_paragraphs_and_headings():
    doc = read_text(_UNBROKEN)
    texts = [b.text for b in doc.blocks]
    headings = [b.text for b in doc.blocks if b.is_heading]
    assert headings == ["1. Introduction", "2. Materials and Methods", "2.1. Imagery", "References"]
    assert texts[0].startswith("Abstract:") and texts[0].endswith("We trained a U-Net.")
    assert texts[1] == "Keywords: kelp; drone imagery; semantic segmentation"
    # the running header between two lines of one paragraph is dropped, the paragraph kept whole
    assert ("We flew a quadcopter over eleven reefs at low tide and built orthomosaics with a ground "
            "sampling distance of 2 cm. Tiles of 512 x 512 pixels were cut from each mosaic.") in texts
    assert not any("3 of 11" in t for t in texts)
    # a caption starts a block; "see Table 1 for ..." and "Fig. 2 for" inside prose do not
    assert any(t.startswith("Table 1. Tiles per subset.") for t in texts)
    assert any(t.endswith("The network was trained with Adam for 80 epochs (see Table 1 for the subsets and "
                          "Fig. 2 for examples).") for t in texts)


def test_unbroken_text_reports_its_fields():
    report = extract_text(_UNBROKEN)
    assert report.fields["architecture"].status == "found"
    assert report.fields["optimizer"].values[0]["name"] == "Adam"
    sections = {e.section for e in report.fields["optimizer"].evidence}
    assert sections == {"Methods"}


def test_running_header_lines_are_dropped_in_unbroken_text():
    body = ("We recorded plankton images with two imaging flow cytometers in a coastal bay during three\n"
            "summers and trained a convolutional network to sort them into twelve classes of organisms.\n")
    text = ("Ocean Imaging Workshop 2025 - Lisbon 2\n" + body * 8 +  # a page of prose between the copies
            "The classes were unbalanced, with diatoms far more common than ciliates in every month.\n"
            "Ocean Imaging Workshop 2025 - Lisbon 3\n"
            "C. Class imbalance\n"
            "Mini-batches were drawn with class-balanced sampling, so that every class was equally likely.\n"
            "Each mini-batch held 64 images drawn from the training set of the first two summers only.\n")
    doc = read_text(text)
    assert not any("Ocean Imaging Workshop" in b.text for b in doc.blocks)
    assert [b.text for b in doc.blocks if b.is_heading] == ["C. Class imbalance"]
    assert extract_text(text).fields["bias_handling"].status == "found"


def _narrow_column_paper() -> str:
    """One column of a two-column page, about 40 characters a line, no blank lines, with a
    running header whose page number sits at either end."""
    para = ("Hauls were taken every two weeks with a\n"
            "fine net at six stations of the reservoir,\n"
            "and each sample was fixed before imaging.\n")
    return ("Reservoir Imaging Letters 4 (2026) 20-31\n"
            "Counting rotifers with a small network\n"
            "Abstract\n"
            "We photographed plankton samples and\n"
            "sorted the organisms into nine classes\n"
            "with a ResNet-18 classifier trained on\n"
            "the labelled vignettes of two summers.\n"
            "1. Introduction\n" + para * 6 +
            "2. Methods\n" + para * 4 +
            "The classifier was trained with Adam at\n"
            "P. Ortiz et al.   Reservoir Imaging Letters 4 (2026) 20-31   21\n"
            "a learning rate of 0.001 for 30 epochs.\n" + para * 6 +
            "22   P. Ortiz et al.   Reservoir Imaging Letters 4 (2026) 20-31\n" + para * 2 +
            "References\n"
            "Lund, K., 2019. Rotifer keys. Plankton Notes 2, 1-9.\n")


def test_a_narrow_prose_column_without_blank_lines_is_cut_into_paragraphs():
    # before, lines of about 40 characters were taken for a table and the whole paper became
    # one block that looked like a reference list: every field was unstated
    doc = read_text(_narrow_column_paper())
    assert [b.text for b in doc.blocks if b.is_heading] == ["1. Introduction", "2. Methods", "References"]
    assert not any("Ortiz et al." in b.text for b in doc.blocks)  # the running header, at either end
    report = extract_text(_narrow_column_paper())
    assert report.fields["optimizer"].values[0]["name"] == "Adam"
    assert {e.section for e in report.fields["optimizer"].evidence} == {"Methods"}


def test_a_short_table_column_stays_whole_however_long():
    # a long column of short cells is no prose: few words per line and no sentence ends
    cells = ["Site %d North ridge plot" % i for i in range(40)]
    assert len(read_text("\n".join(cells)).blocks) == 1


def test_a_numbered_heading_after_a_pipe_table_row_starts_a_section():
    prose = ("We logged water temperature and discharge every fifteen minutes at five gauges along the\n"
             "river and kept the hourly means of the three wettest years for the analysis below.\n")
    text = (prose * 3 + "Table 1. Records per split.\n"
            "Split | Years | Hourly records\n"
            "Training | 2015-2020 | 52 300\n"
            "Total | | 61 100\n"
            "3. Preprocessing\n" + prose * 3)
    doc = read_text(text)
    assert "3. Preprocessing" in [b.text for b in doc.blocks if b.is_heading]
    assert not any("Preprocessing" in b.text for b in doc.blocks if not b.is_heading)


def test_keywords_one_per_line_keep_their_boundaries():
    doc = read_text("Keywords:\nCamera traps\nDeep learning\nWild boar")
    assert [b.text for b in doc.blocks] == ["Keywords: Camera traps; Deep learning; Wild boar"]


def test_table_columns_of_short_lines_are_not_cut():
    # a column of values printed one per line: "8 GB" is not a numbered heading, "32" no page number
    lines = ["Operating system", "Memory", "Batch size", "Epochs", "Optimizer", "Linux", "8 GB", "32", "100", "Adam"]
    doc = read_text("\n".join(lines))
    assert [b.text for b in doc.blocks] == [" ".join(lines)]


def test_text_ligatures_and_crlf():
    doc = read_text("E\ufb03cient \ufb01ne-tuning\r\nwas used.\r\n\r\nNext paragraph.")
    assert [b.text for b in doc.blocks] == ["Efficient fine-tuning was used.", "Next paragraph."]


def test_read_text_sha256_is_of_utf8_bytes():
    text = "Trained on an NVIDIA A100 (40 GB) for 12 h at 25 \u00b0C."
    doc = read_text(text, source="note.txt")
    assert doc.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert doc.source == "note.txt"


def test_text_file_utf8(tmp_path):
    path = tmp_path / "paper.md"
    data = "# Results\n\nAccuracy rose to 93 % with 5 \u00b5m\u00b2 patches.\n".encode("utf-8")
    path.write_bytes(data)
    doc = read_text_file(path)
    assert doc.warnings == []
    assert doc.blocks[1].text == "Accuracy rose to 93 % with 5 \u00b5m\u00b2 patches."
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.source == str(path)


def test_text_file_latin1_fallback_warns(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Samples from S\u00e3o Paulo were dried at 60 \u00b0C.".encode("latin-1"))
    doc = read_text_file(path)
    assert doc.blocks[0].text == "Samples from S\u00e3o Paulo were dried at 60 \u00b0C."
    assert len(doc.warnings) == 1 and "Latin-1" in doc.warnings[0]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
        bytes(range(1, 9)) * 50,
    ],
)
def test_binary_junk_is_not_a_text_file(tmp_path, data):
    path = tmp_path / "junk.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError) as info:
        read_text_file(path)
    assert info.value.cause.startswith("not a text file")


def test_text_file_errors(tmp_path):
    with pytest.raises(ReadError, match="file not found"):
        read_text_file(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ReadError, match=r"empty file \(0 bytes\)"):
        read_text_file(empty)


# ---------------------------------------------------------------------------
# Real PDFs written by others (../shared/pdfs)


def _manifest():
    path = SHARED_PDFS / "manifest.csv"
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as fh:
        return {row["file"]: row for row in csv.DictReader(fh)}


_MANIFEST = _manifest()
_REAL_PDFS = sorted(SHARED_PDFS.glob("*.pdf")) if SHARED_PDFS.is_dir() else []


@pytest.mark.parametrize("path", _REAL_PDFS or [None], ids=lambda p: p.name if p else "absent")
def test_real_pdf_smoke(path):
    if path is None:
        pytest.skip(f"shared PDFs not found at {SHARED_PDFS}")
    doc = read_pdf(path)
    row = _MANIFEST.get(path.name, {})
    n_pages = int(row.get("n_pages") or doc.pages)
    assert doc.pages == n_pages
    assert doc.blocks
    text = _text(doc)
    assert "(cid:" not in text
    assert not any(ch in text for ch in "\ufb00\ufb01\ufb02\ufb03\ufb04")
    if n_pages > 4:  # a full paper, not a conference abstract
        assert len(text) >= 800 * n_pages
        assert len(doc.blocks) >= 3 * n_pages
    assert doc.title and len(doc.title.split()) >= 2
    # and the rest of the pipeline turns it into a report that keeps the contract
    from extractor.fields import covered_fields
    from extractor.pipeline import build_report

    data = yaml.safe_load(build_report(doc).to_yaml())
    assert list(data["fields"]) == list(covered_fields())
    assert all(ev["section"] != "References" for f in data["fields"].values() for ev in f["evidence"])


def _right_to_left_switches(doc, page):
    """How often reading jumps from the right column back to the left one."""
    blocks = [b for b in doc.blocks if b.page == page]
    width = max(b.bbox[2] for b in doc.blocks) + min(b.bbox[0] for b in doc.blocks)
    middle = width / 2
    sides = []
    for b in blocks:
        x0, _, x1, _ = b.bbox
        if x1 <= middle:
            sides.append("L")
        elif x0 >= middle:
            sides.append("R")
    return sum(1 for a, b in zip(sides, sides[1:]) if a == "R" and b == "L")


@pytest.mark.parametrize("name", ["pm_2020.acl-main.447.pdf", "weecology_ref_200511977.pdf", "kaur_kiesel_ivapp20.pdf"])
def test_real_two_column_paper_reads_columns_in_order(name):
    path = SHARED_PDFS / name
    if not path.exists():
        pytest.skip(f"shared PDF {name} not found at {SHARED_PDFS}")
    doc = read_pdf(path)
    # Read column by column, a page jumps back to the left column only when a
    # full-width figure or table starts a new band (a few times at most);
    # lines read across both columns would jump back dozens of times.
    for page in range(1, doc.pages + 1):
        assert _right_to_left_switches(doc, page) <= 3, page
    # No block mixes the two columns.
    mixed = [b for b in doc.blocks if len(b.text) > 200 and b.bbox[0] < 200 and b.bbox[2] > 400 and not b.is_heading]
    full_width = [b for b in mixed if b.text.lower().startswith(("fig", "table"))]
    assert len(mixed) - len(full_width) <= 3


def test_real_paper_page_numbers_are_furniture():
    path = SHARED_PDFS / "pm_2020.acl-main.447.pdf"
    if not path.exists():
        pytest.skip(f"shared PDF not found at {SHARED_PDFS}")
    doc = read_pdf(path)
    numbers = [b for b in doc.furniture if b.text.isdigit()]
    assert len({b.page for b in numbers}) == doc.pages
    assert not any(b.text.isdigit() and len(b.text) == 4 for b in doc.blocks)


def test_a_heading_and_its_subheading_without_a_blank_line_are_two_headings():
    text = ("The aim was to map seagrass from drone images.\n\n"
            "2. Materials and methods\n2.1. Drone surveys and labels\n\n"
            "Images were stored as GeoTIFF files and labelled by two botanists.")
    doc = read_text(text)
    assert [b.text for b in doc.blocks if b.is_heading] == ["2. Materials and methods", "2.1. Drone surveys and labels"]
    assert extract_text(text).fields["data_format"].evidence[0].section == "Methods"
    # a numbered list of two short steps is not a pair of headings
    steps = read_text("1. Collect the images\n2. Label the boxes")
    assert not any(b.is_heading for b in steps.blocks)


def test_preprint_line_numbers_and_repeated_running_headers_go():
    header = "Seal Census Preprints doi: 10.5555/scp.2025.001; posted 3 March 2025 (preprint)"
    body = []
    n = 1
    for page in range(3):
        body.append(header)
        for k in range(12):
            body.append(f"{n} The counts of page {page} line {k} come from drone images of the colony.")
            n += 1
        body.append(str(page + 1))  # the page number on a line of its own
    text = "\n".join(body)
    doc = read_text(text)
    joined = " ".join(b.text for b in doc.blocks)
    assert "preprint" not in joined.lower()
    assert " 13 The" not in joined and not joined.startswith("1 ")
    assert "The counts of page 0 line 0 come from drone images" in joined
    # a numbered heading or a table row here and there is no numbering run
    plain = read_text("2 Methods\n\nWe trained 3 networks.\n\n12 of them failed.")
    assert [b.text for b in plain.blocks] == ["2 Methods", "We trained 3 networks.", "12 of them failed."]


def test_pipe_table_rows_become_one_clause_each():
    text = ("# Methods\n\nTable 2. Training settings.\n"
            "| Setting | Value |\n| --- | --- |\n| Batch size | 24 |\n| Learning rate | 0.002 |\n| Epochs | 75 |\n\n"
            "Training used one GPU.\n")
    blocks = [b.text for b in read_text(text).blocks]
    # (the caption right above the table heads its paragraph, as in a PDF)
    assert "Table 2. Training settings. Setting: Value; Batch size: 24; Learning rate: 0.002; Epochs: 75." in blocks
    values = {(v["name"], v["value"]) for v in extract_text(text).fields["hyperparameters"].values}
    assert {("batch_size", "24"), ("learning_rate", "0.002"), ("epochs", "75")} <= values


def test_a_split_table_is_read_with_the_caption_that_names_its_unit():
    # the caption says what the cells count; the table alone only has class names and numbers
    table = ("| Class | Train | Validation | Test |\n|---|---|---|---|\n| Heron | 2,410 | 515 | 517 |\n"
             "| Egret | 1,306 | 280 | 279 |\n| **Total** | **3,716** | **795** | **796** |\n")
    with_caption = "# Data\n\nTable 1. Photographs per class and subset.\n\n" + table
    values = extract_text(with_caption).fields["dataset_size"].values
    assert {(v["count"], v["unit"], v["split"]) for v in values} >= {
        (3716, "images", "train"), (795, "images", "validation"), (796, "images", "test")}
    # without the caption nothing names the unit, and a table of bare numbers is not taken
    assert not extract_text("# Data\n\n" + table).fields["dataset_size"].values


def test_a_caption_stays_with_the_table_cells_but_not_with_prose():
    from extractor.components.sentences import sentence_spans
    cells = "Table 3. Clips per site. Site Train Test Marsh 1,204 301 Fen 988 247 Total 2,192 548."
    assert [cells[a:b] for a, b in sentence_spans(cells)] == [cells]
    prose = "Table 3. Clips per site. The marsh gave 1,204 clips for training and 301 for testing."
    assert [prose[a:b] for a, b in sentence_spans(prose)] == ["Table 3. Clips per site.",
                                                             "The marsh gave 1,204 clips for training and 301 for testing."]
    # a reference to a table at the end of a sentence still ends it
    ref = "Counts are given in Table 3. We then trained the network."
    assert len(sentence_spans(ref)) == 2


def test_unknown_headings_in_capitals_after_the_introduction_open_the_methods():
    from extractor.passages import make_passages
    intro = ["Automatic ring detection has a long history,", "and earlier studies trained networks on",
             "X-ray density images with a Tesla K80 and", "special equipment that few laboratories have,",
             "so we wanted a tool for ordinary scans."]
    methods = ["Every core was scanned at 2400 dpi with a", "flatbed scanner and the boundaries were",
               "marked by hand before training, and the", "network was trained on an RTX 3060 for",
               "twenty hours in total on our own scans."]
    column = "\n".join(["INTRODUCTION", *intro, "CORES AND SCANS", *methods, "RESULTS",
                        "The network found most ring boundaries."])
    paragraphs = "\n\n".join(["INTRODUCTION", " ".join(intro), "CORES AND SCANS", " ".join(methods)])
    for text in (column, paragraphs):  # one column without blank lines, and paragraphs
        sections = {p.text.split()[0]: p.section for p in make_passages(read_text(text))}
        assert sections["Every"] == "Methods", text
        assert sections["Automatic"] == "Introduction"
    # acronyms in capitals on their own line are table cells, not headings
    cells = "INTRODUCTION\n\nWe map reefs.\n\nNSE MEF\n\nWe trained the network on an RTX 3060."
    assert {p.section for p in make_passages(read_text(cells)) if p.text.startswith("We trained")} == {"Introduction"}


def test_name_value_lines_with_one_pipe_each_are_read_as_a_table():
    # a two-column table printed without outer pipes: "Input size | 384 x 384" over "Augmentation | none"
    text = "# Methods\n\nTraining configuration\nInput size | 384 x 384\nAugmentation | none\nLoss | focal\n"
    blocks = [b.text for b in read_text(text).blocks]
    assert "Input size: 384 x 384; Augmentation: none; Loss: focal." in blocks
    values = extract_text(text).fields["data_augmentation"].values
    assert [v["technique"] for v in values] == ["none"]
    # a single line with one pipe, or a formula, is left as it is
    single = "# Methods\n\nThe likelihood P(y | x) was maximised.\n"
    assert "The likelihood P(y | x) was maximised." in [b.text for b in read_text(single).blocks]


def test_a_table_column_names_the_role_of_each_dataset():
    text = ("# Data\n\n| Dataset | Role | Images |\n|---|---|---|\n| Snapshot Serengeti | training | 148,200 |\n"
            "| Caltech Camera Traps | external test | 13,553 |\n")
    roles = {v["name"]: v["role"] for v in extract_text(text).fields["datasets"].values}
    assert roles == {"Snapshot Serengeti": "training", "Caltech Camera Traps": "evaluation"}


def test_a_software_table_gives_each_package_its_version():
    text = "# Methods\n\nTable S6. Software\nPackage | Version\nscikit-learn | 1.3.0\nPyTorch | 2.1.2\n"
    values = {(v["name"], v["version"]) for v in extract_text(text).fields["framework"].values}
    assert {("scikit-learn", "1.3.0"), ("PyTorch", "2.1.2")} <= values


def test_pipe_table_with_model_columns_keeps_values_next_to_settings():
    text = ("# Methods\n\n| Setting | CNN | SVM |\n|---|---|---|\n| Batch size | 48 | - |\n| C | - | 10 |\n")
    blocks = [b.text for b in read_text(text).blocks]
    assert "Setting: CNN, SVM; Batch size: 48 (CNN); C: 10 (SVM)." in blocks


def test_pipe_table_with_setting_names_across_the_top_is_read_column_by_column():
    # one row of values under a row of names: each name leads its own clause
    text = ("# Methods\n\n| Learning rate | Batch size | Epochs |\n|---|---|---|\n| 0.0003 | 12 | 90 |\n")
    blocks = [b.text for b in read_text(text).blocks]
    assert "Learning rate: 0.0003; Batch size: 12; Epochs: 90." in blocks
    values = {(v["name"], v["value"]) for v in extract_text(text).fields["hyperparameters"].values}
    assert {("learning_rate", "0.0003"), ("batch_size", "12"), ("epochs", "90")} <= values
    # models down the side, settings across the top: the value keeps its model in brackets
    text = ("# Methods\n\n| Network | Learning rate | Batch size |\n|---|---|---|\n"
            "| DenseNet-121 | 0.002 | 20 |\n| MobileNetV2 | 0.01 | 64 |\n")
    blocks = [b.text for b in read_text(text).blocks]
    assert ("Network: DenseNet-121, MobileNetV2; Learning rate: 0.002 (DenseNet-121), 0.01 (MobileNetV2); "
            "Batch size: 20 (DenseNet-121), 64 (MobileNetV2).") in blocks
    # years down the side are labels of rows, not settings: the table keeps its rows
    text = "# Results\n\n| Year | Images | Sites |\n|---|---|---|\n| 2018 | 410 | 6 |\n| 2019 | 388 | 7 |\n"
    assert "Year: Images, Sites; 2018: 410 (Images), 6 (Sites); 2019: 388 (Images), 7 (Sites)." in [
        b.text for b in read_text(text).blocks]


def test_a_line_ending_in_a_bracketed_link_ends_its_paragraph_before_a_heading():
    text = ("4 Discussion\nThe detector transfers well to new lakes and seasons in our region, which we tested.\n"
            "Code and data availability\nThe code is on GitHub and all annotated frames of both seasons\n"
            "are deposited on figshare (https://doi.org/10.6084/m9.figshare.1234567).\nReferences\n"
            "Smith, A., 2020. Counting fish with cameras. Fish Informatics 3, 1-10.\n")
    blocks = read_text(text).blocks
    headings = [b.text for b in blocks if b.is_heading]
    assert "References" in headings
    assert not any("Smith" in b.text and "figshare" in b.text for b in blocks)


def test_a_table_flattened_onto_one_line_gets_its_rows_back():
    # rows joined by "||", the caption in the first cell
    flat = "# Data\n\nTable 4 | Subset | Photos | Boxes || Train | 3,310 | 9,802 || Test | 402 | 1,275 || Total | 3,712 | 11,077\n"
    values = extract_text(flat).fields["dataset_size"].values
    assert {(v["count"], v["unit"], v["split"]) for v in values} >= {
        (3310, "images", "train"), (402, "images", "test"), (3712, "images", "total")}
    # rows ended by full stops, the caption before the first row
    flat = "# Settings\n\nTable 5. Training settings. Setting | Value. Batch size | 12. Epochs | 140. Dropout | 0.25.\n"
    values = {(v["name"], v["value"]) for v in extract_text(flat).fields["hyperparameters"].values}
    assert {("batch_size", "12"), ("epochs", "140")} <= values
    # prose with a few pipes is left alone: rows must have the same number of cells
    prose = "# Methods\n\nWe tried a | b | c and then x || y as separators, with no table at all.\n"
    assert [b.text for b in read_text(prose).blocks][-1].startswith("We tried a | b | c")


def test_a_two_column_table_printed_column_by_column_is_read_as_pairs():
    # the names under "Setting", then the values under "Value", one cell per line, no blank lines
    text = ("# Methods\n\nWe trained the classifier with the settings in Table 2.\nTable 2. Settings.\nSetting\n"
            "Optimizer\nBatch size\nEpochs\nValue\nSGD\n24\n60\nTraining took 5 h on one GPU.\n")
    values = {(v["name"], v["value"]) for v in extract_text(text).fields["hyperparameters"].values}
    assert {("batch_size", "24"), ("epochs", "60")} <= values
    paragraph = [b.text for b in read_text(text).blocks if "Optimizer" in b.text][0]
    assert "Optimizer: SGD; Batch size: 24; Epochs: 60." in paragraph
    # unequal columns are not paired
    uneven = "# Methods\n\nSetting\nOptimizer\nBatch size\nValue\nSGD\nTraining took 5 h on one GPU.\n"
    assert not any("Optimizer: SGD" in b.text for b in read_text(uneven).blocks)


def test_space_aligned_table_rows_keep_their_columns():
    # columns set apart by runs of spaces: each count stays with its split and its column,
    # not with the number printed before it ("Validation 7 6,780" would give 7 images)
    import extractor

    text = ("# Methods\n\nTable S1. Photographs per split.\n"
            "Split        Sites      Photographs\n"
            "Training     1-6        12,400\n"
            "Validation   7          2,150\n"
            "Test         8-9        3,020\n")
    values = extractor.extract_text(text).fields["dataset_size"].values
    assert {"count": 2150, "unit": "images", "split": "validation"} in values
    assert not any(v["count"] == 7 for v in values)


def test_run_in_numbered_heading_keeps_its_paragraph():
    # a narrow column with no blank lines: "2.1 Recording. We placed ..." is a heading run
    # into the first line of its paragraph; the line is not a heading on its own
    import extractor

    lines = ["# Acoustic monitoring of olive groves", "",
             "Bird communities differ between olive groves under different kinds of",
             "management, and repeated point counts are expensive to carry out.",
             "We ask whether acoustic indices can stand in for the counts here.",
             "2. METHODS",
             "2.1 Recording. We placed one Song Meter Mini re-",
             "corder at the centre of each of 30 groves and left",
             "it there from April to the middle of May in 2023.",
             "Each recorder saved ten minutes of every hour to",
             "its card as uncompressed WAV files for the study."]
    result = extractor.extract_text("\n".join(lines)).fields["data_collection"]
    assert result.status == "found"
    assert any("Song Meter" in ev.text for ev in result.evidence)
