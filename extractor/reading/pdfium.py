"""Second PDF reader (``--engine pdfium``): the only module that talks to pypdfium2.

PDFium's text page gives every character with its box, font size and font name.
Characters become words the way pdfplumber's ``extract_words`` makes them with
``reading.pdf.WORD_SETTINGS`` (characters clustered into lines by their top, read
left to right, cut at spaces, at gaps wider than ``X_TOLERANCE`` and where the
font changes; vertical text read bottom to top), and from there the layout pass
of ``reading/pdf.py`` (rows, columns, blocks, headings, running headers, title,
DOI) is shared, so both engines hand the pipeline the same kind of Document.

PDFium parses in C++, so reading costs a fraction of pdfminer's; see
``bench/engines.py`` and ``bench/README.md`` for where the two engines differ.

Example: ``read_pdf_pdfium("paper.pdf").blocks[0].text``.
"""
from __future__ import annotations

import ctypes
import hashlib
import math
import warnings
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractor.document import Document
from extractor.errors import ReadError
from extractor.reading import pdf as layout

__all__ = ["read_pdf_pdfium"]

_HYPHEN_MARK = 0x02  # PDFium's code for a hyphen that ends a line
_FONT_BUFFER = 256
_DASHES = ("-", "\u2010", "\u2011", "\u2012", "\u2013")


def read_pdf_pdfium(path: Union[str, Path]) -> Document:
    """Read a PDF into blocks in reading order with PDFium.

    Same contract as :func:`extractor.reading.pdf.read_pdf`: pages without a usable
    text layer are left out with a warning; ReadError for a file that is missing,
    empty, not a PDF, encrypted or damaged.
    """
    source = str(path)
    data = layout._read_bytes(source, Path(path))
    doc = Document(source=source, sha256=hashlib.sha256(data).hexdigest())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pages, metadata, n_pages = _read_pages(source, data, doc.warnings)
        for w in caught:
            msg = f"pdf: {str(w.message).strip()[:200]}"
            if msg not in doc.warnings:
                doc.warnings.append(msg)
    doc.pages = n_pages
    layout.assemble(doc, pages, metadata)
    return doc


def _read_pages(source: str, data: bytes, doc_warnings: List[str]):
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # PdfiumError for damaged or encrypted files
        raise ReadError(source, layout._describe_failure(exc)) from exc
    try:
        n_pages = len(pdf)
        if not n_pages:
            raise ReadError(source, "damaged PDF: no pages found")
        try:
            metadata: Dict[str, object] = dict(pdf.get_metadata_dict(skip_empty=True))
        except Exception:  # noqa: BLE001 - metadata only helps with the title
            metadata = {}
        results = []
        failures = 0
        last_error: Optional[BaseException] = None
        for number in range(1, n_pages + 1):
            try:
                result = _read_page(pdf, number, doc_warnings)
            except Exception as exc:  # noqa: BLE001 - one bad page must not stop the others
                failures += 1
                last_error = exc
                doc_warnings.append(
                    f"page {number}: could not be parsed ({layout._describe_failure(exc)}); its text is left out"
                )
                continue
            if result is not None:
                results.append(result)
        if failures == n_pages and last_error is not None:
            raise ReadError(source, layout._describe_failure(last_error))
        return results, metadata, n_pages
    finally:
        pdf.close()


def _read_page(pdf, number: int, doc_warnings: List[str]):
    page = pdf[number - 1]
    try:
        left, bottom, right, top = page.get_mediabox()
        textpage = page.get_textpage()
        try:
            chars = _chars(textpage, left, top)
        finally:
            textpage.close()
    finally:
        page.close()
    if not chars:
        doc_warnings.append(f"page {number}: no text layer (scanned image?); run OCR first")
        return None
    words = _upright_words([c for c in chars if c[7]]) + _rotated_words([c for c in chars if not c[7]])
    return layout.page_from_words(words, float(right - left), float(top - bottom), number, doc_warnings)


# A character: (text, x0, x1, top, bottom, size, fontname, upright); text is "" for a space.
_Char = Tuple[str, float, float, float, float, float, str, bool]


def _chars(textpage, left: float, top: float) -> List[_Char]:
    """Every character PDFium found on the page, in points from the top-left corner."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    rect = pdfium_c.FS_RECTF()
    name = ctypes.create_string_buffer(_FONT_BUFFER)
    flags = ctypes.c_int()
    get_unicode = pdfium_c.FPDFText_GetUnicode
    generated = pdfium_c.FPDFText_IsGenerated
    map_error = pdfium_c.FPDFText_HasUnicodeMapError
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    font_size = pdfium_c.FPDFText_GetFontSize
    font_info = pdfium_c.FPDFText_GetFontInfo
    angle = pdfium_c.FPDFText_GetCharAngle
    origin = pdfium_c.FPDFText_GetCharOrigin
    text_object = pdfium_c.FPDFText_GetTextObject
    obj_font = pdfium_c.FPDFTextObj_GetFont
    glyph_width = pdfium_c.FPDFFont_GetGlyphWidth
    ox, oy = ctypes.c_double(), ctypes.c_double()
    advance = ctypes.c_float()
    char_matrix = pdfium_c.FPDFText_GetMatrix
    matrix = pdfium_c.FS_MATRIX()
    out: List[_Char] = []
    low_half = -1  # index of the second half of a surrogate pair, already read
    inked = -1  # index in ``out`` of the last glyph measured by its ink, not its advance
    for i in range(count):
        if i == low_half or generated(raw, i):
            continue  # spaces and line breaks PDFium infers; words are cut by geometry below
        code = get_unicode(raw, i)
        if 0xD800 <= code < 0xE000:
            # UTF-16: a character beyond U+FFFF ("𝒟") comes as two code units.
            low = get_unicode(raw, i + 1) if code < 0xDC00 and i + 1 < count else 0
            if 0xDC00 <= low < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                low_half = i + 1
            else:
                code = 0xFFFD
        if code == 0 or chr(code).isspace():
            # A printed space ends a word; it sits on the line of the character
            # before it (its own box may be empty).
            if out and out[-1][0]:
                prev = out[-1]
                out.append(("", prev[2], prev[2], prev[3], prev[4], prev[5], prev[6], prev[7]))
            continue
        if map_error(raw, i):
            text = f"(cid:{code})"  # no Unicode for this glyph, as pdfplumber writes it
        elif code == _HYPHEN_MARK:
            text = "-"
        else:
            text = chr(code)
        if not loose_box(raw, i, rect):
            continue
        # PDFium gives the size set in the content stream; pdfplumber's (and the
        # printed one) also carries the text matrix's scaling (tables set smaller).
        char_matrix(raw, i, matrix)
        font_pt = float(font_size(raw, i))
        size = font_pt * math.hypot(matrix.c, matrix.d)
        font_info(raw, i, name, _FONT_BUFFER, ctypes.byref(flags))
        a = angle(raw, i)
        upright = a < 0 or abs(math.sin(a)) < 0.5
        bottom = top - rect.bottom
        if upright:
            # As pdfplumber measures a glyph: from its origin over its advance width,
            # one font size tall above the descender. PDFium's box is the ink plus
            # the font's ascent (an italic "f" overhangs both neighbours).
            origin(raw, i, ctypes.byref(ox), ctypes.byref(oy))
            x0 = ox.value - left
            font = obj_font(text_object(raw, i))
            width = 0.0
            if font and code != _HYPHEN_MARK and code < 0x10000 and glyph_width(
                    font, code, ctypes.c_float(font_pt), ctypes.byref(advance)):
                width = advance.value * math.hypot(matrix.a, matrix.b)
            # No width when PDFium cannot map the letter back to the font's code: the
            # glyph's ink box stands in. That box, and the width found for a dash in
            # some fonts (the code found for "-" is another glyph's), fall short of
            # the advance: where the next glyph follows closely, the advance ended
            # where that glyph starts.
            x1 = x0 + width if width > 0.1 * size else max(x0, rect.right - left)
            if out and inked == len(out) - 1 and out[-1][0] and abs(out[-1][4] - bottom) < 0.5 \
                    and out[-1][2] <= x0 < out[-1][2] + 0.2 * size:
                out[-1] = out[-1][:2] + (x0,) + out[-1][3:]
            if not width > 0.1 * size or text in _DASHES:
                inked = len(out)
            char_top = bottom - size if size > 0 else top - rect.top
            if out and out[-1][0] and abs(out[-1][1] - x0) < 0.01 and abs(out[-1][4] - bottom) < 0.5:
                # A ligature ("ﬁ") comes as letters sharing one origin: they span the glyph.
                x1 = max(x1, out[-1][2], rect.right - left)
                out[-1] = out[-1][:2] + (x1,) + out[-1][3:]
        else:
            x0, x1, char_top = rect.left - left, rect.right - left, top - rect.top
        out.append((text, x0, x1, char_top, bottom, size, name.value.decode("utf-8", "replace"), upright))
    return out


def _word(chars: List[_Char], upright: bool) -> Dict[str, object]:
    return {
        "text": "".join(c[0] for c in chars),
        "x0": min(c[1] for c in chars),
        "x1": max(c[2] for c in chars),
        "top": min(c[3] for c in chars),
        "bottom": max(c[4] for c in chars),
        "size": chars[0][5],
        "fontname": chars[0][6],
        "upright": upright,
    }


def _clusters(chars: List[_Char], key: int, tolerance: float) -> List[List[_Char]]:
    """Groups of characters whose ``key`` values chain within ``tolerance``."""
    groups: List[List[_Char]] = []
    last = None
    for c in sorted(chars, key=lambda c: c[key]):
        if groups and c[key] - last <= tolerance:
            groups[-1].append(c)
        else:
            groups.append([c])
        last = c[key]
    return groups


def _words_along(lines: List[List[_Char]], upright: bool, breaks) -> List[Dict[str, object]]:
    """Words of each line of characters (already in reading order): a space, a change of
    font or size, or ``breaks(prev, c)`` (a gap, a step back) ends a word."""
    words: List[Dict[str, object]] = []
    for line in lines:
        current: List[_Char] = []
        for c in line:
            if not c[0]:  # a space ends the word
                if current:
                    words.append(_word(current, upright))
                current = []
                continue
            if current:
                prev = current[-1]
                if breaks(prev, c) or (c[5], c[6]) != (prev[5], prev[6]):
                    words.append(_word(current, upright))
                    current = []
            current.append(c)
        if current:
            words.append(_word(current, upright))
    return words


def _upright_words(chars: List[_Char]) -> List[Dict[str, object]]:
    x_tol = layout.WORD_SETTINGS["x_tolerance"]
    lines = [sorted(line, key=lambda c: c[1]) for line in _clusters(chars, 3, layout.WORD_SETTINGS["y_tolerance"])]
    return _words_along(lines, True, lambda prev, c: c[1] > prev[2] + x_tol or c[1] < prev[1])


def _rotated_words(chars: List[_Char]) -> List[Dict[str, object]]:
    """Vertical text, read bottom to top (arXiv margin stamps)."""
    x_tol = layout.WORD_SETTINGS["x_tolerance"]
    columns = [sorted(col, key=lambda c: -c[4]) for col in _clusters(chars, 1, layout.WORD_SETTINGS["y_tolerance"])]
    return _words_along(columns, False, lambda prev, c: c[4] < prev[3] - x_tol)
