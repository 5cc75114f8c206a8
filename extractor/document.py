"""Small typed hand-offs between the stages.

The readers produce a :class:`Document` made of :class:`Block` objects (one per
paragraph-like piece of text, in reading order). ``passages.py`` turns blocks into
:class:`Passage` objects that know their section. Nothing in this module knows
about fields or rules.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple

BBox = Tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


@dataclass
class Block:
    """A paragraph-like run of text from one page (or one paragraph of a text file).

    Example: the reader turns the lines "All models were trained on two NVIDIA" and
    "Tesla V100 GPUs." of one column into a single block with both lines joined.
    """

    text: str
    page: Optional[int] = None  # 1-based; None for plain text input
    bbox: Optional[BBox] = None
    font_size: Optional[float] = None  # median size of the block's characters
    bold: bool = False  # most characters come from a bold font
    is_heading: bool = False  # reader's layout guess (short line, larger or bold font)


@dataclass
class Document:
    """What a reader hands over: the blocks of one input in reading order."""

    source: str  # path as given, or "<text>"
    sha256: str
    blocks: List[Block] = field(default_factory=list)
    pages: Optional[int] = None  # None for text input
    title: Optional[str] = None
    doi: Optional[str] = None
    warnings: List[str] = field(default_factory=list)
    furniture: List[Block] = field(default_factory=list)  # running headers/footers kept aside


@dataclass
class Passage:
    """One unit of evidence: a paragraph with the place it came from.

    ``start``/``end`` are character offsets into the document text, which is the
    passages' texts joined by two newlines, in order.
    """

    index: int
    text: str
    section: str  # canonical section name, e.g. "Methods"; "Front matter" before the first heading
    heading: Optional[str] = None  # the nearest heading as printed, e.g. "2.3 Model training"
    pages: List[int] = field(default_factory=list)
    bbox: Optional[BBox] = None  # union box on the first page of the passage
    start: int = 0
    end: int = 0

    @property
    def page(self) -> Optional[int]:
        return self.pages[0] if self.pages else None
