"""Plain-text and Markdown reader.

Paragraphs are separated by one or more blank lines; each becomes a
:class:`~extractor.document.Block` with ``page=None``. Lines inside a
paragraph are joined with single spaces, repairing words that were broken
with a hyphen at a line end (the same helper the PDF reader uses).
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import List, Optional, Tuple, Union

from extractor.document import Block, Document
from extractor.errors import ReadError
from extractor.reading._textutil import Vocabulary, clean_text, join_lines
from extractor.reading.files import read_input_bytes

__all__ = ["read_text", "read_text_file", "clean_text", "join_lines"]

_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_EMPHASIS_ONLY = re.compile(r"^(\*\*|__)(.+?)\1$")
# "2. Materials and methods", "2.1 Model training", "IV. RESULTS", "A. Datasets"
_NUMBERED_HEADING = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVXLC]{1,6}\.|[A-Z]\.)\s+[A-Z][^\n]{0,80}$"
)
_MAX_HEADING_WORDS = 12
# Bytes that never occur in text files; a few stray ones are tolerated.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_text_file(path: Union[str, Path]) -> Document:
    """Read a UTF-8 (or, failing that, Latin-1) text or Markdown file.

    Raises:
        ReadError: the file is missing, empty, unreadable or binary.
    """
    source = str(path)
    data = read_input_bytes(source, Path(path))
    text, warnings = _decode(source, data)
    doc = _parse(text, source, hashlib.sha256(data).hexdigest())
    doc.warnings[:0] = warnings
    return doc


def read_text(text: str, source: str = "<text>") -> Document:
    """Read text given as a string (``sha256`` is of its UTF-8 bytes).

    Example: ``read_text("# Methods\\n\\nAll networks were trained on two\\nNVIDIA GPUs.")``
    gives a heading block "Methods" and one paragraph block.
    """
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return _parse(text, source, digest)


def _decode(source: str, data: bytes) -> Tuple[str, List[str]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise ReadError(source, "not a text file (broken UTF-16)") from exc
    if b"\x00" in data:
        raise ReadError(source, "not a text file (binary data: NUL bytes)")
    warnings: List[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        warnings.append("not valid UTF-8; decoded as Latin-1 (check accented characters)")
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, 0.05 * len(sample)):
        raise ReadError(source, "not a text file (mostly non-printable bytes)")
    return text, warnings


def _split_markdown_headings(lines: List[str]) -> List[Tuple[List[str], int]]:
    """Split a paragraph's lines so that each Markdown heading stands alone.

    Returns (lines, heading level) pairs; level 0 is body text.
    """
    pieces: List[Tuple[List[str], int]] = []
    current: List[str] = []
    for i, line in enumerate(lines):
        m = _MD_HEADING.match(line)
        underline = (
            i + 1 < len(lines)
            and _SETEXT_UNDERLINE.match(lines[i + 1])
            and line.strip()
            and not _SETEXT_UNDERLINE.match(line)
        )
        if _SETEXT_UNDERLINE.match(line) and pieces and pieces[-1][1] and not current:
            continue  # the underline of a setext heading already taken
        if m or underline:
            if current:
                pieces.append((current, 0))
                current = []
            title = m.group(2) if m else line.strip()
            level = len(m.group(1)) if m else (1 if lines[i + 1].strip()[0] == "=" else 2)
            if title:
                pieces.append(([title], level))
            continue
        current.append(line)
    if current:
        pieces.append((current, 0))
    return pieces


def _looks_like_heading(lines: List[str]) -> Tuple[bool, List[str]]:
    if len(lines) != 1:
        return False, lines
    line = lines[0].strip()
    emphasised = _EMPHASIS_ONLY.match(line)
    if emphasised and len(emphasised.group(2).split()) <= _MAX_HEADING_WORDS:
        return True, [emphasised.group(2).strip()]
    if (
        _NUMBERED_HEADING.match(line)
        and len(line.split()) <= _MAX_HEADING_WORDS
        and not line.endswith((".", ",", ";", ":"))
    ):
        return True, [line]
    return False, lines


def _parse(text: str, source: str, digest: str) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pieces: List[Tuple[List[str], int]] = []
    for para in _BLANK_LINES.split(text):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        if not lines:
            continue
        pieces.extend(_split_markdown_headings(lines))
    vocab = Vocabulary.from_paragraphs(chunk for chunk, _ in pieces)
    blocks: List[Block] = []
    title: Optional[str] = None
    for chunk, level in pieces:
        is_heading = level > 0
        if not is_heading:
            is_heading, chunk = _looks_like_heading(chunk)
        joined = join_lines(chunk, vocab)
        if not joined:
            continue
        if level == 1 and not blocks:
            title = joined  # a leading "# Title" line names the document
        blocks.append(Block(text=joined, page=None, is_heading=is_heading))
    return Document(source=source, sha256=digest, blocks=blocks, pages=None, title=title)
