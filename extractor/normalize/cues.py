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
# what follows a colon is a list of settings, not a title: "Augmentation: horizontal flip (p = 0.5), rotation of 15°"
# (or a block of settings: "early_stopping: monitor: val_loss patience: 12", with snake_case keys)
_SETTINGS_AFTER = re.compile(r"[=%°×±]|\d\.\d|\b\d+\s*(?:px|pixels|degrees|epochs|Hz|kHz|s|ms)\b|"
                             r"\b[a-z]+_[a-z_]+\b|^\s*:\s*\S+(?:\s+\S+){0,2}?\s*[A-Za-z_]+\s*:\s|"
                             r"^\s*:\s*[A-Za-z\-]+\s*[=:]?\s*\d")  # "Early stop: patience 10 on val loss"
# the value of a setting that is switched off ("early_stopping: false", "class_weights: null",
# "mixup: 0.0"): read by the matching step for every field, and by the augmentation values
SETTING_OFF = r"false|null|off|disabled|0+(?:\.0+)?"
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
        if end is not None and not sentence[:start].strip(" \t\"'\u201c") and _TITLE_AFTER.match(sentence[end:]) \
                and not _SETTINGS_AFTER.search(sentence[end:]) and end - start <= 40:
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


# Photogrammetry and mosaicking use GPUs and take hours too, but are no model's hardware or
# training time: "orthomosaics were built in Metashape with GPU acceleration (14 h)".
_IMAGE_PROCESSING = re.compile(
    r"\b(?:orthomosaics?|orthophotos?|photogrammetr\w*|Metashape|PhotoScan|Pix4D\w*|OpenDroneMap|"
    r"structure[\s\-]from[\s\-]motion|dense\s+(?:matching|clouds?|point\s+clouds?)|bundle\s+adjustment|"
    r"image\s+(?:alignment|stitching|mosaicking))\b", re.IGNORECASE)
_MODEL_WORDS = re.compile(
    r"\b(?:train\w*|models?|network\w*|CNNs?|inference|detector|classifier|predict\w*|learning|epochs?|"
    r"segmentation|classification|detection)\b", re.IGNORECASE)


def image_processing_only(sentence: str) -> bool:
    """Whether a sentence is about photogrammetry or mosaicking and names no model."""
    return bool(_IMAGE_PROCESSING.search(sentence)) and not _MODEL_WORDS.search(sentence)


def names_a_model(sentence: str) -> bool:
    """Whether a sentence speaks of training, a model or its predictions."""
    return bool(_MODEL_WORDS.search(sentence))

