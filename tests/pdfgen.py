"""Generate small, deterministic test PDFs with fpdf2 (no binary files in the repo).

Every line is placed explicitly with ``FPDF.text`` so that line breaks (and the
hyphenated breaks the reader must repair) are exactly where the tests expect.
All text is invented for these tests. Core fonts only (Helvetica, Times), so no
font files are needed; they cannot print ligature glyphs, so ligatures are
tested on text input instead.

Layout facts the tests rely on are exported as constants (RUNNING_HEADER,
GPU_SENTENCE, ...).
"""
from __future__ import annotations

import datetime as _dt
import zlib
from pathlib import Path
from typing import List, Sequence, Union

from fpdf import FPDF

PathLike = Union[str, Path]

FIXED_DATE = _dt.datetime(2024, 1, 15, 12, 0, 0, tzinfo=_dt.timezone.utc)
PAGE_W, PAGE_H = 612.0, 792.0  # US Letter in points

TITLE = "Counting songbirds in field recordings with convolutional networks"
RUNNING_HEADER = "Journal of Invented Ecology 12 (2024) 101-109"
GPU_SENTENCE = "All networks were trained on two NVIDIA GeForce GTX 1080 Ti GPUs using PyTorch 1.7.1."
KERAS_REFERENCE_START = "Chollet, F., 2015."


def _new_pdf(title: str) -> FPDF:
    pdf = FPDF(unit="pt", format="letter")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(title)
    pdf.set_author("Test Author")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    return pdf


def _furniture(pdf: FPDF, page_number: int) -> None:
    """Running header and page number, the same place on every page."""
    pdf.set_font("Helvetica", size=8)
    pdf.text(72, 40, RUNNING_HEADER)
    pdf.text(PAGE_W / 2 - 3, 760, str(page_number))


def _heading(pdf: FPDF, x: float, y: float, text: str, size: float = 12) -> None:
    pdf.set_font("Helvetica", style="B", size=size)
    pdf.text(x, y, text)


def _lines(pdf: FPDF, x: float, y: float, lines: Sequence[str], size: float = 10, leading: float = 12.5) -> float:
    """Body text, one explicit line each; returns the baseline after the last line."""
    pdf.set_font("Times", size=size)
    for line in lines:
        pdf.text(x, y, line)
        y += leading
    return y


# ---------------------------------------------------------------------------
# One-column paper

ONE_COLUMN_ABSTRACT = [
    "We present a detector for songbird calls in long field recordings. The detector reaches",
    "an average precision of 0.87 on a held-out set of 1,200 annotated clips and runs faster",
    "than real time on a single workstation.",
]
ONE_COLUMN_METHODS_1 = [
    "Recordings were cut into clips of ten seconds and converted to log-mel spectrograms with",
    "128 frequency bands. Clips with heavy rain or wind were removed before annotation.",
]
ONE_COLUMN_METHODS_2 = [
    "We chose a compact design because the network architecture must run on field hardware;",
    "the network archi-",
    "tecture follows a standard encoder with four convolutional blocks. For comparison we",
    "also trained a state-of-the-",
    "art detector and a ResNet-",
    "50 backbone with the same data split.",
    GPU_SENTENCE,
]
ONE_COLUMN_RESULTS = [
    "The compact network reached an average precision of 0.87, close to the larger backbone",
    "(0.89) while needing a fifth of its parameters. Most errors were distant calls.",
]
ONE_COLUMN_ACK = [
    "We thank the volunteers who annotated the recordings in the spring of 2021.",
]
ONE_COLUMN_REFERENCES = [
    ["Chollet, F., 2015. Keras: deep learning for humans. Software, version 2.0,",
     "https://keras.io."],
    ["Moreau, L., Tanaka, H.K., 2019. Acoustic surveys of forest birds with automated",
     "recorders. J. Invented Ornithol. 59 (3), 389-409."],
    ["Quist, R., Lindqvist, A., Obi, C., 2021. Spectrogram features for call detection in",
     "noisy recordings. Invented Bioacoustics 30 (1), 12-29."],
]


def make_one_column(path: PathLike) -> Path:
    """A two-page, one-column paper with header, page numbers and five headings."""
    pdf = _new_pdf(TITLE)

    pdf.add_page()
    _furniture(pdf, 1)
    pdf.set_font("Helvetica", style="B", size=18)
    pdf.text(72, 90, "Counting songbirds in field recordings")
    pdf.text(72, 112, "with convolutional networks")
    pdf.set_font("Helvetica", size=10)
    pdf.text(72, 134, "Ana Example and Ben Sample")
    pdf.text(72, 148, "doi: 10.5555/jie.2024.0042")
    _heading(pdf, 72, 184, "Abstract")
    _lines(pdf, 72, 204, ONE_COLUMN_ABSTRACT)
    _heading(pdf, 72, 272, "2. Methods")
    y = _lines(pdf, 72, 292, ONE_COLUMN_METHODS_1)
    _lines(pdf, 72, y + 10, ONE_COLUMN_METHODS_2)

    pdf.add_page()
    _furniture(pdf, 2)
    _heading(pdf, 72, 90, "3. Results")
    _lines(pdf, 72, 110, ONE_COLUMN_RESULTS)
    _heading(pdf, 72, 160, "Acknowledgements")
    _lines(pdf, 72, 180, ONE_COLUMN_ACK)
    _heading(pdf, 72, 216, "References")
    y = 236.0
    for entry in ONE_COLUMN_REFERENCES:
        pdf.set_font("Times", size=9)
        pdf.text(72, y, entry[0])
        for cont in entry[1:]:
            y += 11
            pdf.text(84, y, cont)
        y += 17
    return _save(pdf, path)


# ---------------------------------------------------------------------------
# Two-column paper

LEFT_X, RIGHT_X = 54.0, 318.0  # columns 240 pt wide, 24 pt gutter
LEFT_COLUMN_P1 = [
    "Camera traps produce millions of images each",
    "season, and most of them show no animal at",
    "all. We describe a filter that removes empty",
    "frames before experts look at the rest.",
]
METHODS_LEFT_P1 = [
    "Images were resized to 224 by 224 pixels and",
    "split by camera site into training, validation",
    "and test sets. The network archi-",
    "tecture is a small residual network with a",
    "state-of-the-",
    "art attention block; we also compared it with",
    "a ResNet-",
    "50 baseline and a Faster R-",
    "CNN detector trained on the",
]
METHODS_RIGHT_P1 = [
    "same images for twenty epochs. All networks",
    "were trained on two NVIDIA GeForce GTX 1080",
    "Ti GPUs using PyTorch 1.7.1.",
]
RIGHT_COLUMN_P1_END = [
    "Augmentation used random crops and colour",
    "jitter; no test image was seen in training.",
]
RESULTS_P2 = [
    "The filter removed 71 percent of empty frames",
    "while keeping 98 percent of frames with an",
    "animal. The network architecture mattered",
    "less than the quality of the site split.",
]
ACK_P2 = [
    "We thank the park rangers for access to the",
    "camera sites.",
]
REFERENCES_P2 = [
    ["Chollet, F., 2015. Keras: deep learning for", "humans. Software, https://keras.io."],
    ["Duarte, M., Osei, K.A., 2020. Empty frame", "filtering for camera traps. Invented Ecol.", "Inform. 14 (2), 55-71."],
]
WIDE_CAPTION = "Figure 1: Example frames from three camera sites; the filter keeps the two frames on the right."


def make_two_column(path: PathLike) -> Path:
    """A two-page, two-column paper: full-width title and caption, columns below.

    The Methods paragraph starts in the left column and continues, mid-sentence,
    at the top of the right column.
    """
    pdf = _new_pdf("Filtering empty camera trap frames")

    pdf.add_page()
    _furniture(pdf, 1)
    pdf.set_font("Helvetica", style="B", size=18)
    pdf.text(LEFT_X, 90, "Filtering empty camera trap frames with a small network")
    pdf.set_font("Helvetica", size=10)
    pdf.text(LEFT_X, 112, "Carla Example, Dev Sample and Eli Placeholder")

    _heading(pdf, LEFT_X, 150, "Abstract", 11)
    y = _lines(pdf, LEFT_X, 168, LEFT_COLUMN_P1)
    _heading(pdf, LEFT_X, y + 14, "Methods", 11)
    _lines(pdf, LEFT_X, y + 32, METHODS_LEFT_P1)

    y = _lines(pdf, RIGHT_X, 150, METHODS_RIGHT_P1)
    _lines(pdf, RIGHT_X, y + 8, RIGHT_COLUMN_P1_END)

    # A wide caption below both columns cuts the page into bands.
    pdf.set_font("Times", size=9)
    pdf.text(LEFT_X, 470, WIDE_CAPTION)
    pdf.rect(LEFT_X, 490, 504, 120)
    pdf.set_font("Times", size=10)
    pdf.text(LEFT_X, 640, "Below the figure the left column goes on with a")
    pdf.text(LEFT_X, 652.5, "remark on the site split.")
    pdf.text(RIGHT_X, 640, "Below the figure the right column ends the")
    pdf.text(RIGHT_X, 652.5, "page with a note on labels.")

    pdf.add_page()
    _furniture(pdf, 2)
    _heading(pdf, LEFT_X, 90, "Results", 11)
    y = _lines(pdf, LEFT_X, 108, RESULTS_P2)
    _heading(pdf, LEFT_X, y + 14, "Acknowledgements", 11)
    _lines(pdf, LEFT_X, y + 32, ACK_P2)

    _heading(pdf, RIGHT_X, 90, "References", 11)
    y = 108.0
    for entry in REFERENCES_P2:
        pdf.set_font("Times", size=9)
        pdf.text(RIGHT_X, y, entry[0])
        for cont in entry[1:]:
            y += 11
            pdf.text(RIGHT_X + 10, y, cont)
        y += 17
    return _save(pdf, path)


# ---------------------------------------------------------------------------
# Pages without usable text


def make_scanned(path: PathLike) -> Path:
    """One page of drawn shapes only, like a scan without a text layer."""
    pdf = _new_pdf("Scanned page")
    pdf.add_page()
    pdf.set_fill_color(120, 120, 120)
    for i in range(12):
        pdf.rect(72, 80 + i * 50, 460, 30, style="F")
    return _save(pdf, path)


def make_encrypted(path: PathLike) -> Path:
    """A one-page PDF that needs a user password to open."""
    pdf = _new_pdf("Locked")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(72, 90, "Only readers with the password see this line.")
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    return _save(pdf, path)


def _raw_pdf(objects: List[bytes]) -> bytes:
    """Assemble numbered objects into a PDF file with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: List[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_cid_like(path: PathLike, text_pages: int = 1) -> Path:
    """A PDF whose first page uses a CID font with no Unicode map.

    pdfminer can only report such glyphs as "(cid:N)". ``text_pages`` further
    pages carry normal Helvetica text.
    """
    codes = b"".join(b"%04x" % (30 + i % 40) for i in range(400))
    cid_content = b"BT /F1 10 Tf 72 700 Td <" + codes[:800] + b"> Tj 0 -14 Td <" + codes[800:] + b"> Tj ET"
    text_content = b"BT /F2 10 Tf 72 700 Td (This page has an ordinary text layer for the reader.) Tj ET"

    n_pages = 1 + text_pages
    # 1 catalog, 2 pages, 3 CID font, 4 descendant, 5 descriptor, 6 Helvetica,
    # then (page, content) pairs.
    first_page = 7
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(n_pages))
    objects: List[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n_pages,
        b"<< /Type /Font /Subtype /Type0 /BaseFont /InventedSans /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /InventedSans "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 5 0 R /DW 500 >>",
        b"<< /Type /FontDescriptor /FontName /InventedSans /Flags 4 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i in range(n_pages):
        content = cid_content if i == 0 else text_content
        page_obj = first_page + 2 * i
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R /F2 6 0 R >> >> /Contents %d 0 R >>" % (page_obj + 1)
        )
        packed = zlib.compress(content)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
    target = Path(path)
    target.write_bytes(_raw_pdf(objects))
    return target


def _save(pdf: FPDF, path: PathLike) -> Path:
    target = Path(path)
    pdf.output(str(target))
    return target

