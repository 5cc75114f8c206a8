"""Normalisers for the ``framework`` field: ``{"name": <canonical>, "version": str | None}``.

Rules (``rules/framework.yml``) find a framework name; these functions turn the match
into the canonical name from ``rules/catalogues/frameworks.yml`` and read a version
written right after it:

* "TensorFlow 2.4", "TensorFlow v2.4.1", "PyTorch (version 1.7.1)", "Keras (v. 2.2.4)",
  "torch==1.9.0", "PyTorch 1.12.1+cu113" (-> "1.12.1"), "PyTorch deep learning framework
  version 1.12.0", "MATLAB R2020b";
* but not a citation or year: "TensorFlow (Abadi et al., 2016)", "PyTorch [23]",
  "Keras (2015)", nor a count: "Keras 2 layers".

They also reject matches that are not the paper's use of a framework and that the
context step cannot see: bibliography entries ("Chollet, F., 2015. Keras. GitHub."),
architecture names that contain a framework name ("Darknet-53"), annotation formats
("YOLOv5 PyTorch format") and generic lists ("frameworks such as PyTorch make it easy").

Helpers :func:`looks_like_reference` and :func:`parse_version` are shared with the
pretraining normaliser.
"""
from __future__ import annotations

import re
from typing import Any, Dict, Optional

from ..catalogues import Entry, get_catalogue
from . import Mention, Values, normalizer
from .cues import OWN_WORK, looks_like_reference, own_work_with  # noqa: F401  (looks_like_reference is also imported from here by tests)

CATALOGUE = "frameworks"

# ----------------------------------------------------------------------------- versions
# (R packages number their patches after a hyphen: dismo 1.3-9, randomForest 4.7-1.1)
_V_CORE = r"\d{1,2}(?:\.\d{1,4}){1,3}(?:-\d{1,3}(?:\.\d{1,3})?(?!\d|\.\d))?(?:\.x)?(?:(?:rc|a|b|alpha|beta|post|dev)\d*)?|\d{1,2}\.x"
_V_INT = r"\d{1,2}"
_FILLER = (r"(?:(?:deep|machine|learning|open[\s\-]?source|framework|library|platform|package|"
           r"toolkit|toolbox|backend|back-end|environment|module|api|gpu|cpu|software|programming|"
           r"language|r|python|julia|\(|-)\s*){0,5}")  # "the xgboost R package (version 1.7.6)"
_KEYWORD = r"(?:version|ver\.?|v\.?|release|rel\.?)"  # "version 2.4", "v. 2.2.4", "Version-12.0"
# "framework version 1.12.0", "(version 1.7.1)", "(v. 2.2.4)", "v2.4.1", "version 2"
_AFTER_KEYWORD = re.compile(
    r"^\s*[,:]?\s*[(\[]?\s*" + _FILLER + _KEYWORD + r"\s*[:=\-]?\s*(?P<v>" + _V_CORE + "|" + _V_INT +
    r")(?![\d.]*\d)(?!\s*(?:%|GB|MB|s\b))", re.IGNORECASE)
# "torch==1.9.0", "tensorflow>=2.4"
_AFTER_PIN = re.compile(r"^\s*(?:==|>=|~=|=)\s*(?P<v>" + _V_CORE + "|" + _V_INT + r")")
# "TensorFlow 2.4", "PyTorch-1.7", "PyTorch (1.7.1)"
# (not a row of a results table: "XGBoost 0.46 0.71 68")
_AFTER_BARE = re.compile(r"^[\s\-_]*(?P<paren>\(\s*)?(?P<v>" + _V_CORE + r")(?P<local>\+[A-Za-z0-9.]+)?(?![\d.]*\d)"
                         r"(?!\s+\d[\d.]*\s+\d)")
# "TensorFlow 2", "Keras 2" -- an integer alone, only when followed by a harmless word
_AFTER_INT = re.compile(
    r"^[\s\-_]*(?P<v>[1-9])(?:\.x)?(?=\s*(?:$|[.,;:)\]]|\s(?:and|with|or|on|in|as|for|framework|library|"
    r"backend|back-end|platform|API|under|using|via|to|was|were|is|are|installed|environment|\()\b))",
    re.IGNORECASE)
# a table's version cell after its package, as the reader renders it ("scikit-learn: 1.3.0;")
_VERSION_CELL = re.compile(r"^\s*:\s*(?P<v>" + _V_CORE + r")(?=\s*(?:[;.,]|\(Version\)|$))", re.IGNORECASE)
# MATLAB: "R2020b", "2018b", "(R2016a)"
_MATLAB_RELEASE = re.compile(r"^\s*[,(]?\s*(?:version\s+|release\s+)?(?P<v>R?\s?(?:19|20)\d{2}\s?[ab])\b", re.IGNORECASE)


def parse_version(right: str, matlab: bool = False) -> Optional[str]:
    """The version written at the start of ``right`` (the text after a name), or None.

    >>> parse_version(" 2.4 library"), parse_version(" (version 1.7.1)"), parse_version(" [23]")
    ('2.4', '1.7.1', None)
    """
    if matlab:
        m = _MATLAB_RELEASE.match(right)
        if m:
            return re.sub(r"\s+", "", m.group("v"))
    for pattern in (_AFTER_PIN, _AFTER_KEYWORD):
        m = pattern.match(right)
        if m:
            return m.group("v")
    m = _AFTER_BARE.match(right)
    if m:
        return m.group("v")
    m = _AFTER_INT.match(right)
    if m:
        return m.group("v")
    return None


# ----------------------------------------------------------------------------- rejections
_FORMAT_AFTER = re.compile(r"^[\s\-]*(?:TXT\s+|txt\s+|annotation\s+|label\s+)?format\b", re.IGNORECASE)
_GENERIC_BEFORE = re.compile(r"\b(?:such as|e\.g\.|for example|for instance|including|like)\b[^.;]{0,200}$", re.IGNORECASE)
# own work, or a passive "was implemented in" / "version" that reports what was done
_OWN_WORK = own_work_with(
    r"\b(?:was|were)\s+(?:\w+\s+)?(?:used|implemented|built|trained|developed|written|coded|conducted|"
    r"performed|run|carried|done|employed|utili[sz]ed|constructed|created|programmed|adopted|applied)\b|"
    r"\b(?:implemented|built|developed|written|coded|programmed|constructed)\s+(?:in|with|using|on)\b|"
    r"\bversion\b")
_STRICT_OWN = OWN_WORK
# "TensorFlow is one of the leading frameworks", "PyTorch (Paszke et al.) is an open-source library"
_DESCRIPTION_AFTER = re.compile(r"^\s*(?:\([^)]{0,60}\)\s*)?,?\s*(?:is|are|has been|have been)\s+(?:a|an|one|the|widely|"
                                r"commonly|currently|among)\b", re.IGNORECASE)
_CAN_BEFORE = re.compile(r"\b(?:can|could)\s+(?:\w+\s+){0,8}$", re.IGNORECASE)
_TITLE_SENTENCE = re.compile(r"^\W*(?:[A-Z][\w.\-]*\s+){0,5}[A-Za-z][\w.\-]*:\s+(?:an?\s+|the\s+)?[A-Za-z]")
_LOWER_VERBISH = re.compile(r"\b(?:we|our|used|using|use|implemented|trained|built|developed|was|were|is|are|ran|run)\b")
_VERBISH = re.compile(r"\b(?:we|our|used|using|use|implemented|trained|built|developed|was|were|is|are|ran|run)\b",
                      re.IGNORECASE)


def _entry_flags_reject(entry: Entry, mention: Mention, alias_text: str) -> bool:
    """Per-entry disambiguation read from the catalogue attrs."""
    attrs = entry.attrs
    catalogue = get_catalogue(CATALOGUE)
    context_aliases = {a.lower() for a in attrs.get("context_aliases", []) or []}
    if re.sub(r"[^a-z0-9]", "", alias_text.lower()) in context_aliases:
        if not (catalogue.context_regex and catalogue.context_regex.search(mention.sentence)):
            return True
    if attrs.get("requires_regex") and not re.search(attrs["requires_regex"], mention.sentence, re.IGNORECASE):
        return True
    if attrs.get("reject_before") and re.search(attrs["reject_before"], mention.left, re.IGNORECASE):
        return True
    if attrs.get("reject_after") and re.search(attrs["reject_after"], mention.right, re.IGNORECASE):
        return True
    return False


def _auxiliary_use(entry: Entry, mention: Mention) -> bool:
    """scikit-learn (and the like) used only for metrics, splitting, scaling ... in this sentence."""
    regex = entry.attrs.get("auxiliary_regex")
    if not regex:
        return False
    if not re.search(regex, mention.sentence, re.IGNORECASE):
        return False
    # still a model-building use if the sentence says a model was built/trained with it
    return not re.search(r"\b(?:implemented|built|trained|fitted|fit|developed|constructed|coded)\b[^.;]{0,50}$",
                         mention.left, re.IGNORECASE)


_COUNTERFACTUAL = re.compile(r"\b(?:could|would|might|should)\s+(?:also\s+)?have\b", re.IGNORECASE)
_IN_URL = re.compile(r"(?:https?://|www\.|github\.com|gitlab\.com|\.(?:com|org|io|net|dev|ai|edu)/)\S*$", re.IGNORECASE)


def _generic_listing(mention: Mention) -> bool:
    """'frameworks such as PyTorch and TensorFlow make it easy ...' with no sign of own use."""
    if _COUNTERFACTUAL.search(mention.left):
        return True  # "we could have achieved the same with Sklearn"
    if not _STRICT_OWN.search(mention.sentence):
        if _DESCRIPTION_AFTER.match(mention.right):
            return True  # "TensorFlow is a widely used library for deep learning"
        if _CAN_BEFORE.search(mention.left):
            return True  # "analysis can be performed using TensorFlow"
    if not _GENERIC_BEFORE.search(mention.left):
        return False
    return not _OWN_WORK.search(mention.sentence)


def _too_short(mention: Mention, version: Optional[str]) -> bool:
    """A split-off reference title or heading: "Keras.", "YOLO by Ultralytics.",
    "Scikit-learn: machine learning in Python.", "Classification and Regression Training:
    Package caret." (a sentence with a version, as in a software table, is kept)."""
    if version:
        return False
    words = re.findall(r"[A-Za-z]{2,}", mention.sentence)
    if len(words) < 5 and not _VERBISH.search(mention.sentence):
        return True
    if not _LOWER_VERBISH.search(mention.sentence):
        capitalised = sum(1 for w in words if w[0].isupper())
        if len(words) < 25 and capitalised >= 0.7 * len(words):
            return True  # "CUDA Application Design and Development." -- a title
    return bool(_TITLE_SENTENCE.match(mention.sentence)) and len(words) < 25


def _value(name: str, version: Optional[str]) -> Dict[str, Any]:
    return {"name": name, "version": version}


def _same_name_with_version(mention: Mention, entry: Entry) -> bool:
    """Another mention of the same framework in the sentence carries a version."""
    catalogue = get_catalogue(CATALOGUE)
    for start, end, other in catalogue.find_all(mention.sentence):
        if other.name != entry.name or start == mention.start:
            continue
        if parse_version(mention.sentence[end:], matlab=other.name == "MATLAB"):
            return True
    return False


# ----------------------------------------------------------------------------- normalisers
@normalizer("framework")
def framework(mention: Mention) -> Values:
    """A catalogue (or glued-version) framework mention -> ``[{"name", "version"}]``.

    ``params`` of the rule may give ``name`` (a fixed canonical name, e.g. Ultralytics for
    "the YOLOv8 framework") or ``aliases`` (extra lower-case spellings -> canonical name,
    e.g. ``tf: TensorFlow``). A named group ``version`` (or ``version2``, beside ``name2``)
    in the rule's regex is taken as the version; otherwise the version is read after the
    match, unless ``params.no_version`` (a glued footnote number is no version).
    """
    catalogue = get_catalogue(CATALOGUE)
    alias_text = mention.groups.get("name") or mention.groups.get("name2") or mention.text
    name = mention.params.get("name")
    entry: Optional[Entry] = None
    if name is None:
        entry = catalogue.lookup(alias_text)
        if entry is None:
            extra = {str(k).lower(): v for k, v in (mention.params.get("aliases") or {}).items()}
            mapped = extra.get(alias_text.lower())
            if mapped is None:
                return None
            entry = catalogue.get(mapped)
        name = entry.name
    if entry is not None and _entry_flags_reject(entry, mention, alias_text):
        return None
    if looks_like_reference(mention.sentence, mention.start, mention.end):
        return None
    if _IN_URL.search(mention.left):
        return None  # part of a URL path ("github.com/kahst/BirdNET-Analyzer"): names a repository
    if _FORMAT_AFTER.match(mention.right) and (entry is None or entry.attrs.get("kind") in ("dl_framework", "dl_api")):
        return None  # "exported in YOLOv5 PyTorch format": an annotation format
    version = mention.groups.get("version") or mention.groups.get("version2")
    if version is None and not mention.params.get("no_version"):
        version = parse_version(mention.right, matlab=(name == "MATLAB"))
        cell = _VERSION_CELL.match(mention.right) if version is None else None
        if cell and re.search(r"\bVersions?\b", mention.sentence):
            version = cell.group("v")  # a software table, "Package: Version; scikit-learn: 1.3.0"
    if version is not None:
        version = version.strip()
    if _too_short(mention, version):
        return None
    if _generic_listing(mention):
        return None
    if entry is not None and _auxiliary_use(entry, mention):
        return None
    if version is None and entry is not None and _same_name_with_version(mention, entry):
        return []  # "the PyTorch framework ... torch version 1.10.0": the versioned one speaks
    return [_value(name, version)]


_LANGUAGE_NAMES = {"python": "Python", "r": "R", "julia": "Julia"}
# what a plausible version of each language looks like
_LANGUAGE_VERSION = {
    "Python": re.compile(r"^[23](?:\.\d{1,2}){0,2}(?:\.x)?$"),
    "R": re.compile(r"^[1-4]\.\d{1,2}(?:\.\d{1,2})?$"),
    "Julia": re.compile(r"^[01]\.\d{1,2}(?:\.\d{1,2})?$"),
}
_LANGUAGE_FILLER = re.compile(
    r"^\s*(?:\(\s*)?(?:(?:programming|language|software|environment|statistical|computing|interpreter|"
    r"platform|core|team|-)\s*){0,3}(?=\s*(?:version|ver\.?|v\.?|\(|\d))", re.IGNORECASE)


@normalizer("language_version")
def language_version(mention: Mention) -> Values:
    """``Python 3.8.3`` / ``R version 4.1.2`` / ``python3.7`` -> ``[{"name", "version"}]``.

    Only a mention with a plausible version is kept, so the snake ("Python bivittatus")
    and the letter R never match.
    """
    raw = mention.groups.get("name", mention.text)
    name = _LANGUAGE_NAMES.get(raw.lower())
    if name is None:
        return None
    if looks_like_reference(mention.sentence, mention.start, mention.end):
        return None
    right = mention.right
    if name != "Python" and not re.match(r"^[\s(,]", right):
        return None  # "R1.1" is a label, not R 1.1
    if re.match(r"^\s*package\b", right, re.IGNORECASE):
        return None  # "R package version 1.0.0" is the package's version
    filler = _LANGUAGE_FILLER.match(right)
    if filler:
        right = right[filler.end():]
    version = mention.groups.get("version") or parse_version(right)
    if version is None or not _LANGUAGE_VERSION[name].match(version):
        return None
    return [_value(name, version)]


_CUDA_NAMES = {"cuda": "CUDA", "cudatoolkit": "CUDA", "cudatoolkitversion": "CUDA", "cudnn": "cuDNN"}


@normalizer("cuda")
def cuda(mention: Mention) -> Values:
    """``CUDA 11.6`` / ``cuDNN v7.2.1`` / ``CUDA Toolkit 10.1`` -> ``[{"name", "version"}]``.

    "CUDA cores" (a GPU specification) is not the CUDA software and is rejected.
    """
    raw = re.sub(r"[^a-z]", "", mention.groups.get("name", mention.text).lower())
    name = _CUDA_NAMES.get(raw) or ("CUDA" if raw.startswith("cuda") else None)
    if name is None:
        return None
    if re.match(r"^[\s\-]*(?:cores?|processors?|units?|capable|compute capability)\b", mention.right, re.IGNORECASE):
        return None
    if looks_like_reference(mention.sentence, mention.start, mention.end):
        return None
    version = mention.groups.get("version")
    if version is None:
        right = re.sub(r"^[\s\-]*(?:toolkit|tool kit|SDK|library|runtime)\b", "", mention.right, flags=re.IGNORECASE)
        version = parse_version(right)
        if version is None:
            m = re.match(r"^\s*(?:\(\s*)?(?:version|ver\.?|v\.?)?\s*[:=\-]?\s*(\d{1,2})(?![\d.]*\d)(?!\s*(?:GB|cores?|%))", right,
                         re.IGNORECASE)
            version = m.group(1) if m else None  # "CUDA 11", "CUDA Version-12"
    if _too_short(mention, version):
        return None
    if version is not None and not re.match(r"^\d{1,2}(?:\.\d+){0,3}$", version):
        version = None
    return [_value(name, version)]


__all__ = ["framework", "language_version", "cuda", "looks_like_reference", "parse_version"]


_PACKAGE_STOP = frozenset(
    """the a an this that these those our their its which we in of for with and or to by from
    as on was were is are be has have version package packages library libraries module modules
    toolbox software code function functions called named entitled termed known""".split()
)
_LANGUAGE_NAMES = {"r": "R", "python": "Python", "matlab": "MATLAB", "julia": "Julia"}


@normalizer("software_package")
def software_package(mention: Mention) -> Values:
    """A package or library named through its language, which no catalogue can list whole.

    "We fitted the models with the R package ranger" -> ``{name: ranger}`` and
    ``{name: R}``; "implemented in R (R Core Team, 2022)" -> ``{name: R}``. A name the
    framework catalogue knows is left to ``framework.catalogue``.
    """
    if looks_like_reference(mention.sentence, mention.start, mention.end):
        return None
    groups = mention.groups
    values = []
    name = groups.get("name") or groups.get("name2")
    if name:
        name = name.strip("“”\"'‘’.,;:()")
        if len(name) < 2 or name.lower() in _PACKAGE_STOP or not re.search(r"[A-Za-z]", name):
            return None
        catalogue = get_catalogue("frameworks")
        entry = catalogue.lookup(name)
        values.append(_value(entry.name if entry else name, None))
    language = groups.get("lang") or groups.get("lang2") or groups.get("lang3")
    if language:
        values.append(_value(_LANGUAGE_NAMES.get(language.lower(), language), None))
    return values or None
