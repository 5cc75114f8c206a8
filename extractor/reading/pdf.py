"""PDF reader: the only module that talks to pdfplumber.

One ``extract_words`` call per page gives words with their font size and
font name; everything else (lines, columns, paragraphs, running headers) is
worked out here from the word boxes, so the cost stays close to that of the
bare word extraction.

Example: a two-column page whose left column ends with "All networks were
trained on two NVIDIA" and whose right column starts with "GeForce GTX 1080 Ti
GPUs." is read as the whole left column, then the right one.
"""
from __future__ import annotations

import hashlib
import io
import re
import statistics
import unicodedata
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

import pdfplumber

from extractor.document import BBox, Block, Document
from extractor.errors import ReadError
from extractor.reading._textutil import Vocabulary, clean_text, join_lines
from extractor.reading.files import read_input_bytes

__all__ = ["read_pdf", "WORD_SETTINGS"]

# Word splitting. pdfplumber's default x_tolerance=3 glues words on many real
# PDFs ("TitanXGPUcard"): over the 56 PDFs in shared/pdfs it finds 86,017 words,
# against 149,793 with x_tolerance=1 (measured with pdfplumber 0.11.10).
# x_tolerance=1.5 already glues 229 word pairs ("Proceedingsofthe59thAnnual...",
# "macrophages,complementsystem)"); x_tolerance_ratio=0.12 (tolerance scaled by
# font size) splits small monospaced code ("doc.add(" -> "doc" "." "add") in
# 150 places while fixing one kerned heading ("K eywords"). x_tolerance=1 it is.
# extra_attrs=["size", "fontname"] makes extract_words itself about 15% dearer
# (1.38 s -> 1.58 s CPU over the 12 full papers, page parsing excluded), about 1%
# of a page's whole cost once pdfminer's parsing is counted; it splits words at
# font changes (152,455 pieces instead of 149,793), and pieces closer than
# X_TOLERANCE are glued back when lines are built.
X_TOLERANCE = 1.0
WORD_SETTINGS = dict(
    x_tolerance=X_TOLERANCE,
    y_tolerance=3,
    keep_blank_chars=False,
    use_text_flow=False,
    extra_attrs=["size", "fontname"],
    # Vertical margin stamps ("arXiv:2005.11977v1 [eess.IV]") run bottom to top.
    char_dir_rotated="btt",
)

# A page whose characters are more than this share of "(cid:N)" codes has no
# usable text layer (the font has no Unicode map).
CID_SHARE_LIMIT = 0.30
# Running headers and footers live in these top/bottom shares of the page.
MARGIN_ZONE = 0.10
# Two columns need at least this many text lines on each side of the gutter.
MIN_COLUMN_LINES = 3
# ... and at most this share of the page's lines may cross the gutter.
MAX_SPANNING_SHARE = 0.5

_CID = re.compile(r"\(cid:\d+\)")
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|-medi|cmbx|sfbx|(?:libertine|biolinum)t?b", re.I)
_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?(?:\s*\|)?|[A-Z](?:\.\d{1,2}){1,3}\.?|[IVXLC]{1,6}\.|[A-Z]\.)\s+\S")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.I)
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$", re.I
)
# A line ending so may close a paragraph (":" usually announces a list or formula).
_PARAGRAPH_END = (".", "!", "?")
# LaTeX sets accents as separate glyphs after the letter: "Fa¨rber", "Pe´rez".
_SPACING_ACCENTS = {
    "\u00a8": "\u0308",  # diaeresis
    "\u00b4": "\u0301",  # acute
    "`": "\u0300",  # grave
    "\u02c6": "\u0302",  # circumflex
    "\u02dc": "\u0303",  # tilde
    "\u00b8": "\u0327",  # cedilla
    "\u02c7": "\u030c",  # caron
}
_LETTER_ACCENT = re.compile("([a-z\u0131])([" + "".join(_SPACING_ACCENTS) + "])")
_ACCENT_DOTLESS_I = re.compile("([" + "".join(_SPACING_ACCENTS) + "])\u0131")
_BULLETS = ("•", "◦", "▪", "‣", "●", "∙")


_ANY_SPACING_ACCENT = re.compile("[" + re.escape("".join(_SPACING_ACCENTS)) + "]")


def _compose_accents(text: str) -> str:
    """Put LaTeX's separate accent glyphs back on their letters ("Fa¨rber" -> "Färber")."""
    if not _ANY_SPACING_ACCENT.search(text):
        return text

    def compose(base: str, accent: str, whole: str) -> str:
        if base == "\u0131":
            base = "i"
        merged = unicodedata.normalize("NFC", base + _SPACING_ACCENTS[accent])
        return merged if len(merged) == 1 else whole

    text = _ACCENT_DOTLESS_I.sub(lambda m: compose("\u0131", m.group(1), m.group(0)), text)
    return _LETTER_ACCENT.sub(lambda m: compose(m.group(1), m.group(2), m.group(0)), text)


@lru_cache(maxsize=4096)
def _is_bold_font(fontname: str) -> bool:
    """Bold by its name; a page uses a handful of fonts for thousands of words."""
    return bool(_BOLD_FONT.search(fontname))


# ---------------------------------------------------------------------------
# Small internal types


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class _Line:
    words: List[_Word]
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    bold_share: float = 0.0
    n_chars: int = 0
    heading_like: bool = False

    def finish(self) -> "_Line":
        words = sorted(self.words, key=lambda w: w.x0)
        self.words = words
        parts: List[str] = []
        prev: Optional[_Word] = None
        for w in words:
            # Pieces split only by a font change touch each other: glue them back.
            if prev is not None and w.x0 - prev.x1 > X_TOLERANCE:
                parts.append(" ")
            parts.append(w.text)
            prev = w
        self.text = "".join(parts)
        self.x0 = min(w.x0 for w in words)
        self.x1 = max(w.x1 for w in words)
        self.top = min(w.top for w in words)
        self.bottom = max(w.bottom for w in words)
        weights = Counter()
        bold = 0
        for w in words:
            weights[round(w.size, 1)] += len(w.text)
            if w.bold:
                bold += len(w.text)
        self.n_chars = sum(weights.values())
        self.size = weights.most_common(1)[0][0] if weights else 0.0
        self.bold_share = bold / self.n_chars if self.n_chars else 0.0
        return self


@dataclass
class _RawBlock:
    page: int
    lines: List[_Line]
    page_height: float
    text: str = ""
    font_size: float = 0.0
    bold: bool = False
    is_heading: bool = False

    @property
    def bbox(self) -> BBox:
        return (
            round(min(ln.x0 for ln in self.lines), 2),
            round(min(ln.top for ln in self.lines), 2),
            round(max(ln.x1 for ln in self.lines), 2),
            round(max(ln.bottom for ln in self.lines), 2),
        )

    def to_block(self) -> Block:
        return Block(
            text=self.text,
            page=self.page,
            bbox=self.bbox,
            font_size=self.font_size,
            bold=self.bold,
            is_heading=self.is_heading,
        )


@dataclass
class _PageResult:
    number: int
    blocks: List[_RawBlock] = field(default_factory=list)
    rotated: List[_RawBlock] = field(default_factory=list)
    sizes: Counter = field(default_factory=Counter)


# ---------------------------------------------------------------------------
# Public entry point


def read_pdf(path: Union[str, Path]) -> Document:
    """Read a PDF into blocks in reading order.

    Args:
        path: the PDF file.

    Returns:
        A Document; pages without a usable text layer are left out with a
        warning, and a PDF without any text gives a Document with no blocks.

    Raises:
        ReadError: the file is missing, empty, not a PDF, encrypted or damaged.
    """
    source = str(path)
    data = _read_bytes(source, Path(path))
    digest = hashlib.sha256(data).hexdigest()
    doc = Document(source=source, sha256=digest)
    truncated = _looks_truncated(data)
    if truncated:
        doc.warnings.append(TRUNCATED_WARNING)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pages, metadata, n_pages = _read_pages(source, data, doc.warnings, truncated)
        for w in caught:
            msg = f"pdf: {str(w.message).strip()[:200]}"
            if msg not in doc.warnings:
                doc.warnings.append(msg)
    doc.pages = n_pages
    _assemble(doc, pages, metadata)
    return doc


def _read_bytes(source: str, path: Path) -> bytes:
    data = read_input_bytes(source, path)
    if b"%PDF-" not in data[:1024]:
        head = data[:256].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
            raise ReadError(source, "not a PDF (starts with <html>): the download saved a web page")
        kind = next((name for magic, name in _OTHER_FORMATS if head.startswith(magic)), None)
        if kind:
            raise ReadError(source, f"not a PDF: it is {kind} with a .pdf name")
        raise ReadError(source, "not a PDF (no %PDF- header)")
    return data


# File signatures of what most often hides behind a wrong ".pdf" (lower-cased bytes).
_OTHER_FORMATS = (
    (b"\x89png", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"gif8", "a GIF image"),
    (b"ii*\x00", "a TIFF image"),
    (b"mm\x00*", "a TIFF image"),
    (b"pk\x03\x04", "a ZIP archive (or a Word/EPUB file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
    (b"%!ps", "a PostScript file"),
)


def _looks_truncated(data: bytes) -> bool:
    """No ``%%EOF`` marker near the end: the file was cut short (an interrupted download).

    Readers accept the marker anywhere in the last 1024 bytes (all 56 shared PDFs end
    with it). A file cut inside an incremental update still holds the earlier
    revision's marker, further up: that is a truncation too.
    """
    return b"%%EOF" not in data[-1024:]


# A truncated PDF whose pages still parse is read, with this warning in its report;
# one that cannot be parsed at all is a ReadError with TRUNCATED_CAUSE.
TRUNCATED_WARNING = ("the file looks truncated (no %%EOF end marker): pages or text after "
                     "the cut may be missing; get a complete copy")
TRUNCATED_CAUSE = ("truncated or damaged PDF: the file ends early (no %%EOF end marker; "
                   "an interrupted download?); get a complete copy")

# pdfminer's messages, in words a user understands (matched on the lower-cased text).
_KNOWN_FAILURES = (
    ("no /root object", "the document catalogue is missing (broken cross-reference table or trailer)"),
    ("unexpected eof", "an object or stream ends early"),
    ("invalid dictionary construct", "an object dictionary is malformed"),
    ("maximum recursion depth", "objects nested too deeply"),
)


def _describe_failure(exc: BaseException, truncated: bool = False) -> str:
    """A short cause for an exception raised while opening or parsing."""
    chain: List[BaseException] = []
    seen = exc
    while seen is not None and len(chain) < 6:
        chain.append(seen)
        nested = [a for a in getattr(seen, "args", ()) if isinstance(a, BaseException)]
        seen = seen.__cause__ or seen.__context__ or (nested[0] if nested else None)
    names = " ".join(type(e).__name__ for e in chain).lower()
    text = " ".join(str(e) for e in chain).lower()
    if "password" in names or "encrypt" in names or "password" in text or "encrypt" in text:
        return "encrypted: a password is required"
    if truncated:
        return TRUNCATED_CAUSE
    for needle, words in _KNOWN_FAILURES:
        if needle in text or needle in names:
            return f"damaged PDF: {words}"
    detail = next((str(e) for e in chain if str(e).strip()), type(exc).__name__)
    detail = " ".join(detail.split())[:120]
    return f"damaged PDF: cannot be parsed ({detail})"


def _read_pages(
    source: str, data: bytes, doc_warnings: List[str], truncated: bool = False
) -> Tuple[List[_PageResult], Dict[str, object], int]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many unrelated types
        raise ReadError(source, _describe_failure(exc, truncated)) from exc
    results: List[_PageResult] = []
    try:
        try:
            pages = pdf.pages
            metadata = dict(pdf.metadata or {})
        except Exception as exc:
            raise ReadError(source, _describe_failure(exc, truncated)) from exc
        if not pages:
            raise ReadError(source, TRUNCATED_CAUSE if truncated else "damaged PDF: no pages found")
        failures = 0
        last_error: Optional[BaseException] = None
        for number, page in enumerate(pages, start=1):
            try:
                result = _read_page(page, number, doc_warnings)
            except Exception as exc:
                failures += 1
                last_error = exc
                doc_warnings.append(
                    f"page {number}: could not be parsed ({_describe_failure(exc)}); its text is left out"
                )
                continue
            finally:
                _close_quietly(page)
            if result is not None:
                results.append(result)
        if failures == len(pages) and last_error is not None:
            raise ReadError(source, _describe_failure(last_error, truncated))
        return results, metadata, len(pages)
    finally:
        _close_quietly(pdf)


def _close_quietly(obj) -> None:
    """Close a pdfplumber PDF or page; on a damaged file closing can raise the parse error
    again (pdfplumber re-reads the page list), which must not hide the ReadError."""
    try:
        obj.close()
    except Exception:
        pass


# ---------------------------------------------------------------------------
# One page


def _read_page(page, number: int, doc_warnings: List[str]) -> Optional[_PageResult]:
    if not page.chars:
        doc_warnings.append(f"page {number}: no text layer (scanned image?); run OCR first")
        return None
    raw_words = page.extract_words(**WORD_SETTINGS)
    return page_from_words(raw_words, float(page.width), float(page.height), number, doc_warnings)


def page_from_words(
    raw_words: Sequence[Dict[str, object]], width: float, height: float, number: int, doc_warnings: List[str]
) -> Optional[_PageResult]:
    """The layout pass of one page, from words as ``extract_words`` gives them.

    Each word is a mapping with ``text``, ``x0``, ``x1``, ``top``, ``bottom`` (points,
    origin top-left), ``size``, ``fontname`` and ``upright``; unmapped glyphs are
    written "(cid:N)". Shared by both engines (``pdfium.py`` builds such words from
    PDFium's characters). None for a page without usable text (with a warning).
    """
    n_cid = 0
    n_other = 0
    for w in raw_words:
        text = w["text"]
        if "(cid:" in text:
            found = len(_CID.findall(text))
            n_cid += found
            n_other += len(_CID.sub("", text))
        else:
            n_other += len(text)
    if n_cid + n_other == 0:
        doc_warnings.append(f"page {number}: no text layer (scanned image?); run OCR first")
        return None
    if n_cid / (n_cid + n_other) > CID_SHARE_LIMIT:
        doc_warnings.append(
            f"page {number}: no usable text layer ((cid:N) glyph codes); its text is left out"
        )
        return None

    result = _PageResult(number)
    upright: List[_Word] = []
    rotated: List[_Word] = []
    # Most pages need neither cleaning nor accent repair: one test on the whole page
    # spares the two per word.
    page_text = "".join(w["text"] for w in raw_words)
    plain = not n_cid and clean_text(page_text) == page_text and not _ANY_SPACING_ACCENT.search(page_text)
    raw_sizes: Counter = Counter()
    for w in raw_words:
        text = w["text"] if plain else _compose_accents(clean_text(_CID.sub("", w["text"]) if n_cid else w["text"]))
        if not text.strip():
            continue
        size = float(w.get("size") or 0.0)
        bold = _is_bold_font(w.get("fontname") or "")
        word = _Word(text, float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]), size, bold)
        if w.get("upright", True):
            upright.append(word)
            raw_sizes[size] += len(text)
        else:
            rotated.append(word)
    for size, n in raw_sizes.items():
        result.sizes[round(size, 1)] += n

    if len(rotated) > len(upright):
        doc_warnings.append(f"page {number}: most text is rotated (landscape table?); it is kept aside as furniture")
    for line in _rotated_lines(rotated):
        # Vertical text is a margin stamp (arXiv id, "accepted manuscript") far
        # more often than body text; it is kept aside as furniture.
        result.rotated.append(_RawBlock(number, [line], height, text=line.text, font_size=line.size))

    if upright:
        rows = _rows(upright)
        for sequence in _reading_sequences(rows, width, height):
            for lines in _split_blocks(sequence):
                result.blocks.append(_RawBlock(number, lines, height))
    return result


def _rotated_lines(words: List[_Word]) -> List[_Line]:
    """Vertical text read bottom to top, one line per x position."""
    columns: List[List[_Word]] = []
    for w in sorted(words, key=lambda w: w.x0):
        if columns and abs(w.x0 - columns[-1][0].x0) <= 0.5 * max(w.size, 1.0):
            columns[-1].append(w)
        else:
            columns.append([w])
    lines: List[_Line] = []
    for col in columns:
        col.sort(key=lambda w: -w.bottom)
        parts: List[str] = []
        for prev, w in zip([None] + col[:-1], col):
            # Stamps are letter-spaced: only a real gap separates two words.
            if prev is not None and prev.top - w.bottom > 0.25 * max(w.size, 1.0):
                parts.append(" ")
            parts.append(w.text)
        line = _Line(col).finish()
        line.text = "".join(parts)
        lines.append(line)
    return lines


def _rows(words: List[_Word]) -> List[List[_Word]]:
    """Group words that share a baseline band into rows, top to bottom.

    A word joins a row when its vertical middle lies inside the row's band;
    superscripts and small-caps pieces stay on their line this way.
    """
    words = sorted(words, key=lambda w: (w.top, w.x0))
    rows: List[List[_Word]] = []
    bands: List[List[float]] = []  # [top, bottom] per row
    for w in words:
        mid = (w.top + w.bottom) / 2
        placed = False
        # Only the last few rows can still overlap a word that starts lower.
        for i in range(len(rows) - 1, max(-1, len(rows) - 6), -1):
            top, bottom = bands[i]
            if top <= mid <= bottom:
                rows[i].append(w)
                if w.bottom - w.top >= 0.7 * (bottom - top):
                    bands[i] = [min(top, w.top), max(bottom, w.bottom)]
                placed = True
                break
        if not placed:
            rows.append([w])
            bands.append([w.top, w.bottom])
    order = sorted(range(len(rows)), key=lambda i: bands[i][0])
    return [rows[i] for i in order]


def _find_gutter(rows: List[List[_Word]], width: float, height: float) -> Optional[Tuple[float, float]]:
    """Find the empty vertical strip between two columns, if the page has one.

    For each x in the middle 40% of the page, count the words that a 6 pt wide
    window at x would touch; the gutter is the widest run of x where that count
    is lowest. One-column text touches almost every line there (word spaces are
    narrower than the window), a real gutter only the full-width lines.
    """
    window = 6
    lo, hi = int(0.3 * width), int(0.7 * width) + 1
    diff = [0] * (hi - lo + window + 3)
    body = [w for row in rows for w in row if MARGIN_ZONE * height < (w.top + w.bottom) / 2 < (1 - MARGIN_ZONE) * height]
    if len(body) < 20:
        return None
    for w in body:
        s = max(lo, int(w.x0) + 1 - window)
        e = min(hi, int(w.x1))
        if s <= e:
            diff[s - lo] += 1
            diff[e - lo + 1] -= 1
    coverage: List[int] = []
    running = 0
    for k in range(hi - lo + 1):
        running += diff[k]
        coverage.append(running)
    lowest = min(coverage)
    best = (0, 0, 0)
    k = 0
    while k < len(coverage):
        if coverage[k] <= lowest:
            j = k
            while j < len(coverage) and coverage[j] <= lowest:
                j += 1
            if j - k > best[0]:
                best = (j - k, lo + k, lo + j - 1 + window)
            k = j
        else:
            k += 1
    return float(best[1]), float(best[2])


def _classify_rows(
    rows: List[List[_Word]], gutter: Tuple[float, float]
) -> Tuple[List[Tuple[str, List[_Word]]], int, int, int]:
    """Split each row at the gutter, or mark it as spanning both columns."""
    g0, g1 = gutter
    gap_needed = 0.6 * (g1 - g0)
    items: List[Tuple[str, List[_Word]]] = []
    n_left = n_right = n_span = 0
    for row in rows:
        left = [w for w in row if w.x1 <= g0 + 1]
        right = [w for w in row if w.x0 >= g1 - 1]
        if len(left) + len(right) < len(row):
            items.append(("S", row))
            n_span += 1
            continue
        if left and right:
            gap = min(w.x0 for w in right) - max(w.x1 for w in left)
            size = max(w.size for w in row)
            if gap < gap_needed or gap < 0.8 * size:
                items.append(("S", row))
                n_span += 1
                continue
        if left:
            items.append(("L", left))
            n_left += 1
        if right:
            items.append(("R", right))
            n_right += 1
    return items, n_left, n_right, n_span


def _absorb_stray_rows(items: List[Tuple[str, List[_Word]]]) -> None:
    """Re-mark as full-width the column rows that continue full-width text.

    The last line of a full-width paragraph or caption ("saved.", "tion
    Recognition") often stops before the gutter; read as a column line it would
    land in the wrong column. Such a row sits right under the full-width row,
    in the same font.
    """
    for i in range(1, len(items)):
        kind, words = items[i]
        prev_kind, prev_words = items[i - 1]
        if kind == "S" or prev_kind != "S":
            continue
        if i + 1 < len(items) and items[i + 1][0] != "S" and items[i + 1][0] != kind:
            top_next = min(w.top for w in items[i + 1][1])
            if abs(top_next - min(w.top for w in words)) < 1.0:
                continue  # both columns start here: a real band
        size = max(w.size for w in words)
        prev_size = max(w.size for w in prev_words)
        gap = min(w.top for w in words) - max(w.bottom for w in prev_words)
        bold = sum(w.bold for w in words) / len(words)
        prev_bold = sum(w.bold for w in prev_words) / len(prev_words)
        if gap < 0.8 * size and abs(size - prev_size) < 0.5 and abs(bold - prev_bold) < 0.5:
            items[i] = ("S", words)


def _reading_sequences(rows: List[List[_Word]], width: float, height: float) -> List[List[_Line]]:
    """Order the page's lines for reading; each sequence is one column stretch.

    Full-width rows (title, wide captions) cut the page into bands; each band
    is read left column first, then right column.
    """
    gutter = _find_gutter(rows, width, height)
    if gutter is not None:
        items, n_left, n_right, n_span = _classify_rows(rows, gutter)
        total = n_left + n_right + n_span
        two_columns = (
            n_left >= MIN_COLUMN_LINES
            and n_right >= MIN_COLUMN_LINES
            and n_span <= MAX_SPANNING_SHARE * total
        )
        if two_columns:
            _absorb_stray_rows(items)
            sequences: List[List[_Line]] = []
            left: List[_Line] = []
            right: List[_Line] = []
            span: List[_Line] = []
            for kind, words in items:
                line = _Line(words).finish()
                if kind == "S":
                    if left or right:
                        sequences.extend(s for s in (left, right) if s)
                        left, right = [], []
                    span.append(line)
                else:
                    if span:
                        sequences.append(span)
                        span = []
                    (left if kind == "L" else right).append(line)
            sequences.extend(s for s in (left, right, span) if s)
            return sequences
    return [[_Line(row).finish() for row in rows]]


def _column_edges(lines: Sequence[_Line]) -> Tuple[float, float]:
    lefts = Counter(round(ln.x0) for ln in lines)
    rights = sorted(ln.x1 for ln in lines)
    left_edge = float(lefts.most_common(1)[0][0])
    right_edge = rights[int(0.9 * (len(rights) - 1))]
    return left_edge, right_edge


def _split_blocks(lines: List[_Line]) -> List[List[_Line]]:
    """Cut one column stretch into paragraph-like blocks.

    A block ends at a larger vertical gap, a change of font size, a heading-like
    line, or an indented first line after a line that ended a sentence.
    """
    if not lines:
        return []
    gaps_by_size: Dict[float, List[float]] = defaultdict(list)
    for a, b in zip(lines, lines[1:]):
        if abs(a.size - b.size) < 0.5 and b.top >= a.bottom - 0.5 * a.size:
            gaps_by_size[round(a.size)].append(b.top - a.bottom)
    all_gaps = [g for gaps in gaps_by_size.values() for g in gaps]
    page_gap = statistics.median(all_gaps) if all_gaps else 0.0
    usual_gap = {size: statistics.median(gaps) if len(gaps) >= 2 else page_gap for size, gaps in gaps_by_size.items()}
    left_edge, right_edge = _column_edges(lines)
    for ln in lines:
        ln.heading_like = _heading_like_line(ln)
    justified = sum(1 for ln in lines if abs(ln.x1 - right_edge) <= 1.5) >= 0.5 * len(lines)
    blocks: List[List[_Line]] = [[lines[0]]]
    for a, b in zip(lines, lines[1:]):
        size = max(min(a.size, b.size), 1.0)
        gap = b.top - a.bottom
        line_gap = max(usual_gap.get(round(a.size), page_gap), 0.0)
        ends_sentence = a.text.rstrip().endswith(_PARAGRAPH_END)
        # The short last line of a bold caption or bold paragraph looks like a
        # heading on its own; it continues the bold line above it.
        bold_run = a.bold_share >= 0.6 and b.bold_share >= 0.6 and not ends_sentence
        if a.heading_like and b.heading_like and abs(a.size - b.size) < 0.5:
            # A heading wrapped over two lines stays one block, unless the second
            # line is the next (numbered) heading.
            if gap > line_gap + 0.45 * size or _SECTION_NUMBER.match(b.text):
                blocks.append([b])
            else:
                blocks[-1].append(b)
            continue
        new_block = (
            gap > line_gap + 0.45 * size
            or abs(a.size - b.size) > 0.9
            or (a.heading_like != b.heading_like and not bold_run)
            or (a.heading_like and b.heading_like and abs(a.bold_share - b.bold_share) > 0.5)
            or b.x0 > a.x1 + size  # side by side, not one above the other
            or b.x1 < a.x0 - size
            or gap < -0.5 * size
            or b.text.startswith(_BULLETS)
            # An indented first line after a line that ended a sentence (an
            # indented line after a comma is a hanging indent: a reference entry).
            or (ends_sentence and 0.6 * size < b.x0 - max(a.x0, left_edge) < 6 * size)
            # After a finished sentence, a line that starts further left (end of
            # a list item, next hanging-indent reference) starts a new block.
            or (ends_sentence and b.x0 < a.x0 - 0.6 * size)
            # Justified text without indents or spacing (Word manuscripts): a
            # finished sentence on a short line closes the paragraph.
            or (justified and ends_sentence and a.x1 < right_edge - 2 * size)
        )
        if new_block:
            blocks.append([b])
        else:
            blocks[-1].append(b)
    return blocks


def _heading_like_line(line: _Line) -> bool:
    """A line set like a heading (before the body font size is known)."""
    text = line.text.strip()
    words = text.split()
    if not words or len(words) > 14 or len(text) > 120:
        return False
    if not any(ch.isalpha() for ch in text):
        return False
    if text.endswith((",", ";")):
        return False
    # Nearly all bold: a bold run-in heading ("Data collection. We ...") leaves
    # the rest of its line in the body font.
    return line.bold_share >= 0.9 or bool(_SECTION_NUMBER.match(text) and _mostly_capitals(text))


def _mostly_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)


# ---------------------------------------------------------------------------
# The whole document


def assemble(doc: Document, pages: List[_PageResult], metadata: Dict[str, object]) -> None:
    """Fill ``doc`` (blocks, furniture, title, DOI) from the pages' layout results."""
    _assemble(doc, pages, metadata)


def _assemble(doc: Document, pages: List[_PageResult], metadata: Dict[str, object]) -> None:
    sizes: Counter = Counter()
    for page in pages:
        sizes.update(page.sizes)
    body_size = _weighted_median(sizes) if sizes else 0.0

    all_blocks = [b for page in pages for b in page.blocks]
    vocab = Vocabulary.from_paragraphs([ln.text for ln in b.lines] for b in all_blocks)
    for b in all_blocks:
        b.text = join_lines([ln.text for ln in b.lines], vocab).strip()
        b.font_size = _block_size(b.lines)
        n = sum(ln.n_chars for ln in b.lines) or 1
        b.bold = sum(ln.bold_share * ln.n_chars for ln in b.lines) / n >= 0.6
        b.is_heading = _is_heading(b, body_size)

    furniture_ids = _furniture(all_blocks, body_size)
    for page in pages:
        for b in page.blocks:
            if not b.text:
                continue
            if id(b) in furniture_ids:
                doc.furniture.append(b.to_block())
            else:
                doc.blocks.append(b.to_block())
        for b in page.rotated:
            doc.furniture.append(b.to_block())

    first_page = [b for b in pages[0].blocks if id(b) not in furniture_ids] if pages and pages[0].number == 1 else []
    doc.title = _title(first_page, body_size, metadata)
    doc.doi = _doi(pages, metadata)


def _weighted_median(counts: Counter) -> float:
    total = sum(counts.values())
    running = 0
    for value in sorted(counts):
        running += counts[value]
        if running >= total / 2:
            return float(value)
    return 0.0


def _block_size(lines: Sequence[_Line]) -> float:
    weights: Counter = Counter()
    for ln in lines:
        weights[ln.size] += ln.n_chars
    return _weighted_median(weights)


def _is_heading(block: _RawBlock, body_size: float) -> bool:
    text = block.text
    words = text.split()
    numbered = bool(_SECTION_NUMBER.match(text))
    if not words or len(block.lines) > 2 or len(words) > (24 if numbered else 16) or len(text) > 200:
        return False
    if not any(ch.isalpha() for ch in text) or text.endswith((",", ";")):
        return False
    larger = body_size > 0 and block.font_size >= body_size + 0.9
    if block.bold or larger:
        # A bold sentence in running text is not a heading.
        return not (len(words) > 8 and text.endswith(".")) or numbered
    return numbered and _mostly_capitals(text) and len(block.lines) == 1


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _carries_page_number(block: _RawBlock, body_size: float) -> bool:
    """A small-print margin line that starts or ends with its own page number.

    Odd and even pages of short papers carry different running heads
    ("2 Pantazis O et al", "Reducing manual supervision ... 3"), so each
    occurs only once; the page number gives them away.
    """
    if block.is_heading or block.font_size > body_size + 0.5:
        return False
    tokens = block.text.split()
    if len(tokens) < 2:
        return False
    return str(block.page) in (tokens[0], tokens[-1])


def _furniture(blocks: List[_RawBlock], body_size: float) -> set:
    """Blocks in the top/bottom margins that repeat over pages, or page numbers."""
    in_margin: List[Tuple[_RawBlock, str]] = []
    for b in blocks:
        if not b.text:
            continue
        x0, top, x1, bottom = b.bbox
        zone = MARGIN_ZONE * b.page_height
        if bottom <= zone:
            in_margin.append((b, "top"))
        elif top >= b.page_height - zone:
            in_margin.append((b, "bottom"))
    groups: Dict[Tuple[str, str], List[_RawBlock]] = defaultdict(list)
    ids = set()
    for b, where in in_margin:
        if _PAGE_NUMBER.match(b.text.strip()) or _carries_page_number(b, body_size):
            ids.add(id(b))
            continue
        groups[(where, _furniture_key(b.text))].append(b)
    for members in groups.values():
        pages = {b.page for b in members}
        if len(pages) < 2:
            continue
        # Same place on the page too: a repeated running header sits at a fixed
        # height, while two section headings with similar wording do not.
        tops = Counter(round(b.bbox[1] / 6) for b in members)
        common_top = tops.most_common(1)[0][0]
        same_place = [b for b in members if abs(round(b.bbox[1] / 6) - common_top) <= 1]
        if len({b.page for b in same_place}) >= 2:
            ids.update(id(b) for b in same_place)
    return ids


def _title(first_page: List[_RawBlock], body_size: float, metadata: Dict[str, object]) -> Optional[str]:
    candidates = [
        b
        for b in first_page
        if b.text and any(ch.isalpha() for ch in b.text) and b.bbox[1] < 0.6 * b.page_height
    ]
    layout_title = None
    if candidates:
        biggest = max(b.font_size for b in candidates)
        if biggest >= body_size + 1.5:
            parts = [b.text for b in candidates if abs(b.font_size - biggest) < 0.3]
            text = " ".join(" ".join(parts).split())
            if 2 <= len(text.split()) <= 40:
                layout_title = text
    if layout_title:
        return layout_title
    meta = _metadata_text(metadata.get("Title"))
    if meta and _sensible_title(meta):
        return meta
    return None


def _metadata_text(value: object) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, bytes):
        try:
            if value.startswith((b"\xfe\xff", b"\xff\xfe")):
                value = value.decode("utf-16")
            else:
                value = value.decode("utf-8")
        except UnicodeDecodeError:
            value = value.decode("latin-1")
    text = clean_text(str(value)).replace("\uf020", " ")
    text = " ".join(text.split())
    return text or None


def _sensible_title(text: str) -> bool:
    lowered = text.lower()
    if len(text) < 8 or len(text.split()) < 2:
        return False
    if lowered.startswith(("microsoft word", "untitled")) or lowered.endswith((".doc", ".docx", ".dvi", ".pdf", ".tex")):
        return False
    return sum(ch.isalpha() for ch in text) >= 0.6 * len(text)


def _doi(pages: List[_PageResult], metadata: Dict[str, object]) -> Optional[str]:
    def first_doi(texts: Iterable[str]) -> Optional[str]:
        for text in texts:
            m = _DOI.search(text)
            if m:
                return m.group(1).rstrip(".,;:)]}'\"")
        return None

    def page_texts(number: int) -> List[str]:
        out: List[str] = []
        for page in pages:
            if page.number == number:
                out.extend(b.text for b in page.blocks)
                out.extend(b.text for b in page.rotated)
        return out

    found = first_doi(page_texts(1))
    if found:
        return found
    meta_values = [_metadata_text(v) or "" for k, v in metadata.items() if isinstance(k, str)]
    found = first_doi(meta_values)
    if found:
        return found
    return first_doi(page_texts(2))
