"""Character clean-up and line joining shared by the PDF and text readers.

Both readers hand over paragraphs whose line breaks are already gone, so the
hyphen that a typesetter put at a line end has to be judged here: "al-" +
"gorithms" is one word cut in two, "state-of-the-" + "art" is a compound that
keeps its hyphen. The best witness is the document itself: if it prints
"algorithms" elsewhere, the break is a typesetting hyphen.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, List, Optional, Sequence

# Presentation-form ligatures that PDF text layers (and text copied from PDFs)
# carry. A blanket NFKC would also fold "²" to "2" and "µ" to "μ", so only these
# are mapped.
_CHAR_MAP = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u00ad": "",  # soft hyphen: only a hint where a word may be broken
    "\u200b": "",  # zero-width space
    "\u200c": "",  # zero-width non-joiner
    "\u200d": "",  # zero-width joiner
    "\u2060": "",  # word joiner
    "\ufeff": "",  # byte-order mark / zero-width no-break space
    "\u00a0": " ",  # no-break space
    "\u2009": " ",  # thin space
    "\u202f": " ",  # narrow no-break space
}
_CHAR_TABLE = str.maketrans(_CHAR_MAP)

SOFT_HYPHEN = "\u00ad"
# A line that ends in one of these is a word broken by the typesetter (or a compound).
_LINE_END_HYPHENS = ("-", "\u2010", "\u2011")
# Dashes after which the next line continues without a space ("pp. 389–" + "409").
_LINE_END_DASHES = ("\u2013", "\u2014")
_URL_START = re.compile(r"(?:https?://|ftp://|www\.|doi\.org/|github\.com/)", re.I)
_URL_BREAK_CHARS = "/-_?=&#~"

_BROKEN_ENDS = _LINE_END_HYPHENS + (SOFT_HYPHEN,)
_TOKEN_STRIP = "\"'“”‘’()[]{}<>.,;:!?*†‡§"


# A power of ten set in superscript characters, as text copied from a web page has it:
# "1 × 10⁻³" becomes "1 × 10^-3", which the number patterns of the rules read.
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_POWER = re.compile(f"(?<![\\d.])10([⁻⁺]?)([{_SUPERSCRIPT_DIGITS}]+)")
_WORD_EN_DASH = re.compile(r"(?<=[^\W\d_])\u2013(?=[^\W\d_])")
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPT_DIGITS + "⁻⁺", "0123456789-+")


def clean_text(text: str) -> str:
    """Map ligatures to letters and drop soft hyphens and zero-width marks.

    Example: ``clean_text("eﬃcient ﬁne-tuning")`` gives ``"efficient fine-tuning"``;
    "10 µm²" is left as it is, "1 × 10⁻³" becomes "1 × 10^-3" and "presence–absence"
    "presence-absence" (but "2019–2021" keeps its dash).
    """
    text = text.translate(_CHAR_TABLE)
    if "\u2013" in text:
        # an en dash joining two words is a hyphen ("presence–absence", "Bray–Curtis"); between
        # numbers ("2019–2021") it is a range and stays
        text = _WORD_EN_DASH.sub("-", text)
    if "10" in text:
        text = _SUPERSCRIPT_POWER.sub(lambda m: "10^" + m.group(0)[2:].translate(_FROM_SUPERSCRIPT), text)
    return text


def _strip_token(token: str) -> str:
    return token.strip(_TOKEN_STRIP)


class Vocabulary:
    """How often each word form occurs in one document, for hyphen decisions.

    ``plain`` counts words as printed without a line break (lower-cased, outer
    punctuation stripped), including hyphenated compounds such as
    "state-of-the-art".
    """

    def __init__(self, counts: Optional[Counter] = None, pending: Optional[List[Sequence[str]]] = None):
        # either the counts, or the paragraphs to count when first asked
        self._counts: Optional[Counter] = None if pending is not None else (counts if counts is not None else Counter())
        self._pending = pending

    @property
    def plain(self) -> Counter:
        if self._counts is None:  # counted on first use: a document without a line-end hyphen never asks
            self._counts = _count_words(self._pending or ())
            self._pending = None
        return self._counts

    def count(self, word: str) -> int:
        return self.plain.get(word.lower(), 0)

    def __len__(self) -> int:
        return len(self.plain)

    @classmethod
    def from_paragraphs(cls, paragraphs: Iterable[Sequence[str]]) -> "Vocabulary":
        """The words of paragraphs given as lists of lines (counted when first asked).

        The halves of a word broken at a line end ("al-" and the "gorithms"
        that starts the next line) are not counted: they are what is being
        judged, not evidence. Only a hyphen at a line end asks, so a document
        without one never pays for the count.
        """
        return cls(pending=list(paragraphs))


def _count_words(paragraphs: Iterable[Sequence[str]]) -> Counter:
    """Word counts of paragraphs, without the halves of words broken at line ends."""
    # Count tokens as printed first (a C loop), then clean each distinct one once.
    raw: Counter = Counter()
    whole: List[str] = []  # lines counted whole: cleaned and split together at the end
    for lines in paragraphs:
        skip_first = False
        for line in lines:
            broken_end = line.rstrip().endswith(_BROKEN_ENDS)
            if not (skip_first or broken_end):
                whole.append(line)
                continue
            tokens = clean_text(line).split()
            if not tokens:
                skip_first = False
                continue
            tokens = tokens[1 if skip_first else 0:len(tokens) - 1 if broken_end else len(tokens)]
            raw.update(tokens)
            skip_first = broken_end
    raw.update(clean_text("\n".join(whole)).split())
    counts: Counter = Counter()
    for token, n in raw.items():
        word = _strip_token(token).lower()
        if word and any(ch.isalpha() for ch in word):
            counts[word] += n
    return counts


def _last_token(text: str) -> str:
    parts = text.rsplit(None, 1)
    return parts[-1] if parts else ""


def _first_token(text: str) -> str:
    parts = text.split(None, 1)
    return parts[0] if parts else ""


def keep_line_end_hyphen(left: str, right: str, vocab: Optional[Vocabulary] = None) -> bool:
    """Decide whether a hyphen at a line end belongs to the word.

    ``left`` is the last token of the line without its final hyphen ("al",
    "state-of-the", "R"), ``right`` the first token of the next line
    ("gorithms", "art", "CNN"). Returns True to keep the hyphen
    ("state-of-the-art", "ResNet-50", "Faster R-CNN"), False to join
    ("algorithms").
    """
    left = left.lstrip(_TOKEN_STRIP)
    right_word = right.rstrip(_TOKEN_STRIP)
    if not left or not right_word:
        return True
    head = left.rsplit("-", 1)[-1]  # "the" of "state-of-the"
    if vocab is not None and len(vocab):
        joined = vocab.count(left + right_word)
        hyphenated = vocab.count(left + "-" + right_word)
        if joined > hyphenated:
            return False
        if hyphenated > joined:
            return True
    if right_word[0].isdigit() or left[-1].isdigit():
        return True  # ResNet-50, COVID-19, 3-D
    if right_word[0].isupper():
        # Faster R-CNN, non-English; an all-capitals word cut in two
        # ("CONVOLU-" + "TIONAL") is the exception.
        return not (left.isupper() and right_word.isupper() and len(head) > 1)
    if "-" in left:
        return True  # the line already broke inside a compound: state-of-the-art
    if not (head.isalpha() and right_word.isalpha()):
        return True
    if (
        vocab is not None
        and len(head) >= 3
        and len(right_word) >= 3
        and vocab.count(head) > 0
        and vocab.count(right_word) > 0
    ):
        return True  # both halves are words of their own here: fine-tuning, data-driven
    return False


def _is_url_token(token: str) -> bool:
    return bool(_URL_START.search(token))


def join_two_lines(left: str, right: str, vocab: Optional[Vocabulary] = None) -> str:
    """Join two lines of one paragraph, repairing a break inside a word."""
    left = left.rstrip()
    right = right.lstrip()
    if not left:
        return right
    if not right:
        return left
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    if left.endswith(_LINE_END_HYPHENS) and len(left) >= 2 and left[-2].isalnum():
        last = _last_token(left)
        if _is_url_token(last):
            return left + right
        word = last[:-1]
        if keep_line_end_hyphen(word, _first_token(right), vocab):
            return left + right
        return left[:-1] + right
    if left.endswith(_LINE_END_DASHES):
        return left + right
    if left[-1] in _URL_BREAK_CHARS and _is_url_token(_last_token(left)):
        return left + right
    return left + " " + right


def join_lines(lines: Sequence[str], vocab: Optional[Vocabulary] = None) -> str:
    """Join the lines of one paragraph with single spaces, repairing hyphenation.

    Example: ``join_lines(["we compare three al-", "gorithms on ResNet-", "50"])``
    gives ``"we compare three algorithms on ResNet-50"``.
    """
    text = ""
    for line in lines:
        text = join_two_lines(text, line, vocab) if text else line.strip()
    return clean_text(text)


def collapse_spaces(text: str) -> str:
    return re.sub(r"[ \t]{2,}", " ", text).strip()
