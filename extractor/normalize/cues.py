"""Sentence cues that several normalisers share: bibliography entries and own-work words.

No normaliser is registered here; the field modules import these.
"""
from __future__ import annotations

from functools import lru_cache
import re
from typing import Optional, Tuple

from ..components.context import load_context_rules

# "we", "our", "this study": the sentence speaks of the paper's own work. Defined once, in
# rules/context.yml (own_work), which the context component uses too.
OWN_WORK = load_context_rules().own_work.pattern


def own_work_with(extra: str) -> "re.Pattern[str]":
    """The own-work words plus a field's own cues (a regex alternative), case-insensitive."""
    return re.compile(f"(?:{OWN_WORK.pattern})|(?:{extra})", re.IGNORECASE)

# "Chollet, F.," / "Paszke, A., Gross, S.," -- surname, comma, initials
_AUTHOR_INITIALS = re.compile(r"\b[A-Z][A-Za-z\u00C0-\u017F'\u2019\-]+,\s?(?:[A-Z]\.\s?-?){1,3}(?=[,\s.]|$)")
# "G. Jocher, A. Stoken," -- initials first (numbered reference styles)
_INITIALS_AUTHOR = re.compile(r"\b(?:[A-Z]\.\s?){1,3}[A-Z][a-z\u00C0-\u017F'\-]+,")
_YEAR_DOT = re.compile(r"(?:^|[\s,])(?:19|20)\d{2}[a-z]?\.(?:\s|$)")
_ET_AL_YEAR_DOT = re.compile(r"\bet al\.,?\s*(?:19|20)\d{2}[a-z]?\.")
_BIB_MARKERS = re.compile(
    r"\bIn:\s|\bProc(?:eedings|\.)\s|\barXiv\b|\bpreprint\b|\bJ\.\s?[A-Z]|\bpp\.\s?\d|\bvol\.\s?\d|"
    r"\bRetrieved\s+from\b|\bAvailable\s+(?:at|from|online)\b|\[WWW Document\]|\bAccessed\b|"
    r"\bdoi\s*:|\bdoi\.org\b|\bURL\b|\bSoftware available from\b|\bIEEE\b|\bAdv\. Neural\b|"
    r"\bConference on\b|\bJournal of\b|\bTrans\.\s|\bLett\.\s|\bRes\.\s\d|\bInc\.|\bNatick\b|"
    r"https?://|\bwww\.",
)
# "TensorFlow: an open platform for ecologists" -- a title after the name
_TITLE_AFTER = re.compile(r"^\s*:\s+(?:an?\s+|the\s+)?[A-Za-z]")
_PREPRINT = re.compile(r"\barXiv\b|\bpreprint\b|\bIn:\s|\bProc")
_YEAR_BEFORE = re.compile(r"(?:19|20)\d{2}[a-z]?\.\s*$")


def looks_like_reference(sentence: str, start: Optional[int] = None, end: Optional[int] = None) -> bool:
    """True when the sentence (or the piece around ``start``) reads as a bibliography entry.

    >>> looks_like_reference("Brandt, E., et al., 2019. Keras. https://keras.io.")
    True
    >>> looks_like_reference("We implemented the network in Keras (Chollet, 2015).")
    False
    """
    authors, year_dot, markers, whole = _reference_cues(sentence)
    if whole:
        return True
    if start is not None:
        if end is not None and not sentence[:start].strip(" \t\"'\u201c") and _TITLE_AFTER.match(sentence[end:]):
            return True  # "Scikit-learn: machine learning in Python." -- a title split off its reference
        before = sentence[max(0, start - 12):start]
        if _YEAR_BEFORE.search(before):
            return True  # "... 2016. TensorFlow: ..." -- the title right after the year
        if end is not None and _TITLE_AFTER.match(sentence[end:]) and (year_dot or markers):
            return True
    return False


@lru_cache(maxsize=4096)
def _reference_cues(text: str) -> Tuple[int, bool, int, bool]:
    """(author names, a year closing with a dot, bibliography markers, whole-sentence verdict).

    Cached because every match in a sentence asks about the same sentence; the verdict
    covers the tests that need no mention position.
    """
    authors = len(_AUTHOR_INITIALS.findall(text)) + len(_INITIALS_AUTHOR.findall(text))
    year_dot = bool(_YEAR_DOT.search(text))
    markers = len(_BIB_MARKERS.findall(text))
    whole = (authors >= 2
             or (authors == 1 and (year_dot or markers > 0))
             or _ET_AL_YEAR_DOT.search(text) is not None
             or (markers >= 2 and (year_dot or _PREPRINT.search(text) is not None))
             or (year_dot and markers >= 1))
    return authors, year_dot, markers, whole


# A modal verb after the mention whose subject holds the mention: "Denoising the recordings
# before classification might improve precision", "A larger training set, perhaps 50,000
# images, would be needed", "Repeating the training with several seeds would show ...".
# The context triggers only look forward from a modal; these look back to the subject.
_MODAL_LATER = re.compile(r"(?-i:\b(?:could|would|might|may|should|will)\b)(?!\s+not\b)")
_FINITE_OR_CLAUSE = re.compile(
    r"\b(?:was|were|is|are|am|be|been|has|have|had|did|do|does|we|they|it|he|she|which|that|who|whose|where|when|"
    r"while|because|since|although|though|if|after)\b|[;:]", re.IGNORECASE)
_SPECULATIVE_SUBJECT = re.compile(
    r"\s*(?:(?:[A-Z][\w\-]*\s+)?(?<![A-Za-z])(?!(?:during|following|according|regarding|including|concerning|nothing|something|everything|king|spring|"
    r"morning|evening|ring|string|thing|wing)\b)[a-z][a-z\-]*ing\b(?=\s+(?:the|a|an|all|each|every|our|these|those|this|it|them|of|with|on|in|to|for|by|\w+s)\b)"
    r"|(?!(?:During|Following|According|Regarding|Including|Concerning|Nothing|Something|Everything|King|Spring|"
    r"Morning|Evening|Ring|String|Thing|Wing)\b)[A-Z][a-z\-]*ing\b"
    r"|(?:An?\s+|The\s+)?(?:larger|bigger|smaller|more|additional|further|extra|greater|wider|longer|higher|lower|"
    r"better|different|alternative|hypothetical)\b)")


def in_modal_subject(sentence: str, start: int, end: int) -> bool:
    """True when the mention at ``start:end`` sits in the subject of a later modal verb
    that starts the sentence with a gerund or an indefinite comparison.

    >>> s = "Denoising the recordings before classification might improve precision."
    >>> in_modal_subject(s, 0, 9)
    True
    >>> s = "The recordings were denoised, which might improve precision."
    >>> in_modal_subject(s, 19, 27)
    False
    """
    m = _MODAL_LATER.search(sentence, end)
    if not m or m.start() - end > 100:
        return False
    head = sentence[:m.start()]
    if _FINITE_OR_CLAUSE.search(head) or OWN_WORK.search(head):
        return False
    return bool(_SPECULATIVE_SUBJECT.match(head))
