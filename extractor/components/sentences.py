"""Sentence boundaries tuned to scientific prose.

spaCy's rule-based sentencizer splits after every full stop, which breaks "et al. (2019)
trained ..." and "Fig. 3 shows ..." in two and cuts evidence short. This component
splits after ``.``, ``!`` or ``?`` followed by space and an upper-case letter, digit
or opening bracket, unless the word before the stop is a known abbreviation.
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    """al e.g i.e fig figs eq eqs tab sect sec ref refs no nos vs cf approx ca resp dr prof
    inc ltd co corp sp spp var subsp ssp st vol pp ed eds et etc jan feb mar apr jun jul aug
    sep sept oct nov dec mr mrs ms min max avg std est incl excl dept univ v ver viz
    opt mom ep eps iter iters init pretr val sel ckpt thr conf cfg""".split()
)
# (the last line: a terse training note's abbreviations, "opt. SGD, mom. 0.9; ckpt sel. on val. mIoU")
# A "sentence" longer than this is a table, a list of references or text without
# punctuation; it is cut at the last space before the limit. Every rule and normaliser
# looks at whole sentences, some once per mention, so an unbounded sentence with
# hundreds of mentions costs quadratic time (a 35,000-character run-on took a minute).
# The longest sentence in the 364 papers of the shared corpus has 998 characters.
MAX_SENTENCE_CHARS = 2000
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n")
# the word before a stop, as a whole word: the "x" that ends a URL or an identifier
# ("dryad.w3r8kp27x.", "github.com/lab/repo.") is no initial
_LAST_WORD = re.compile(r"(?<![\w/\-])([A-Za-z][A-Za-z.]*)\.$")
_UNIT_AFTER_NUMBER = re.compile(r"\d\s?[hsmgl]\.$")  # "took 160 h.", "at 30 m.", "for 5 s."


# A table's caption ("Table 2. Images per class and subset.") names what the cells count: it
# stays in one sentence with the rows that follow it, when they are cells rather than prose
_CAPTION = re.compile(r"^\W{0,3}(?:Table|TABLE|Tab\.)\s*[A-Z]?\d{1,2}[a-z]?\b[^.!?\n]{0,12}[.:]?\s+[^.!?\n]{3,160}[.:]$")
_CAPTION_START = re.compile(r"\s*\W{0,3}(?:Table|TABLE|Figure|FIGURE|Fig\.|Tab\.)")  # both checks below need it
_LABEL_NUMBER = re.compile(r"\W{0,3}(?:Table|TABLE|Figure|FIGURE|Fig\.|Tab\.)\s*[A-Z]?\d{1,2}[a-z]?\.$")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*")
_WORD = re.compile(r"[A-Za-z]{2,}")
_PROSE_WORD = re.compile(r"\b(?:the|of|was|were|is|are|we|our|to|with|for|on|that|which|this)\b")


def _cells_follow(text: str, at: int) -> bool:
    """True when the text from ``at`` to the next stop reads as table cells: three or more
    numbers, at least one for every three words, and hardly any words of prose."""
    nxt = _BOUNDARY.search(text, at)
    chunk = text[at: nxt.start() if nxt else len(text)][:600]
    numbers = len(_NUMBER.findall(chunk))
    return numbers >= 3 and numbers * 3 >= len(_WORD.findall(chunk)) and len(_PROSE_WORD.findall(chunk)) <= 1


def sentence_starts(text: str) -> list:
    """Character offsets where sentences start (always includes 0)."""
    starts = [0]
    for m in _BOUNDARY.finditer(text):
        current = text[starts[-1]: m.start()]  # the sentence so far
        if _CAPTION_START.match(current):
            if m.group(0).count("\n") < 2 and _CAPTION.match(current) and _cells_follow(text, m.end()):
                continue  # "Table 2. Images per subset. Class Train Test Deer 5,210 1,117 ..."
            if _LABEL_NUMBER.match(current.strip()):
                continue  # "Table 2. Images per ...", "Figure 3. Maps of ...": a caption's label, not a sentence
        head = text[: m.start()].rstrip("\"')]")

        word = _LAST_WORD.search(head[-25:])
        if word:
            token = word.group(1).lower().rstrip(".")
            if token in ABBREVIATIONS or (len(token) == 1 and not _UNIT_AFTER_NUMBER.search(head[-25:])):
                continue  # "et al.", "Fig.", initials like "J. Smith" (but "took 3 h. We" ends a sentence)
        starts.append(m.end())
    return _cap_lengths(text, starts)


def spans_from_starts(text: str, starts: list) -> list:
    """``(start, end)`` of each non-blank sentence, trailing space left out."""
    spans = []
    for s, e in zip(starts, starts[1:] + [len(text)]):
        stripped = text[s:e].rstrip()
        if stripped.strip():
            spans.append((s, s + len(stripped)))
    return spans


def sentence_spans(text: str) -> list:
    """The spans the ``extractor_sentences`` component gives a passage of this text."""
    return spans_from_starts(text, sentence_starts(text))


def _cap_lengths(text: str, starts: list) -> list:
    """Adds starts so that no sentence is longer than MAX_SENTENCE_CHARS."""
    if all(b - a <= MAX_SENTENCE_CHARS for a, b in zip(starts, starts[1:] + [len(text)])):
        return starts
    out = []
    for a, b in zip(starts, starts[1:] + [len(text)]):
        out.append(a)
        while b - a > MAX_SENTENCE_CHARS:
            limit = a + MAX_SENTENCE_CHARS
            space = text.rfind(" ", a + MAX_SENTENCE_CHARS // 2, limit)
            a = space + 1 if space >= 0 else limit
            out.append(a)
    return out


@Language.factory("extractor_sentences", default_config={})
def make_sentences(nlp: Language, name: str) -> "SentenceSplitter":
    return SentenceSplitter()


SPANS_KEY = "extractor.sentence_spans"
TEXT_KEY = "extractor.text"


def doc_text(doc: Doc) -> str:
    """The Doc's text, kept in ``doc.user_data`` after the first call.

    ``doc.text`` joins the tokens anew on every access (a Python loop over every
    token); the pipeline puts each passage's text there when it makes the Doc.
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


class SentenceSplitter:
    """Sets ``token.is_sent_start`` and keeps the sentences' character spans in
    ``doc.user_data`` (iterating ``doc.sents`` costs more than the rules themselves)."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        starts = sentence_starts(text)
        if len(doc):
            # One array write instead of a property call per token: the first token
            # and every token at a sentence start get 1, the others -1 (not a start).
            offsets = doc.to_array(IDX)
            wanted = numpy.asarray(starts, dtype=offsets.dtype)
            at = numpy.minimum(numpy.searchsorted(offsets, wanted), len(offsets) - 1)
            flags = numpy.full(len(offsets), -1, dtype="int64")
            flags[at[offsets[at] == wanted]] = 1  # starts that fall on a token
            flags[0] = 1
            flags = flags.astype("uint64")  # -1 as spaCy stores it
            doc.from_array([SENT_START], flags.reshape(-1, 1))
        doc.user_data[SPANS_KEY] = spans_from_starts(text, starts)
        return doc
