"""Normalisers for the data fields (CQ1-4 and CQ6).

* ``data_collection``   -> ``{"method": <controlled term>, "detail": <device/platform> | None}``
* ``data_format``       -> ``{"modality": <controlled term> | None, "file_format": <name> | None}``
* ``data_annotation``   -> ``{"method": <shape/kind> | None, "annotator": <who> | None, "tool": <name> | None}``
* ``data_augmentation`` -> ``{"technique": <controlled term>, "parameter": str | None}``
* ``preprocessing``     -> ``{"step": <controlled term>, "detail": str | None}``

The controlled vocabularies live in the catalogues ``collection_sources``, ``formats``,
``annotation_tools`` and ``augmentations`` (``rules/catalogues/``) and in the small
tables below. Every normaliser rejects bibliography entries and keyword lists; the
``none`` rules (``context: false``: "no data augmentation was used") reject
hypothetical, other people's and comparison sentences themselves.

Examples::

    "Calls were recorded with AudioMoth devices."  -> {method: acoustic_recorder, detail: AudioMoth}
    "Images were saved as 24-bit PNG files."        -> {modality: image, file_format: PNG}
    "Two experts drew bounding boxes in LabelImg."  -> {method: bounding_box, annotator: expert, tool: LabelImg}
    "Images were randomly rotated by up to 30°."    -> {technique: rotation, parameter: "30°"}
    "All images were resized to 224 × 224 pixels."  -> {step: resize, detail: "224x224"}
"""
from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, Optional, Tuple

from ..catalogues import get_catalogue
from . import Mention, Values, normalizer
from .cues import OWN_WORK, SETTING_OFF, looks_like_reference

_I = re.IGNORECASE

# ----------------------------------------------------------------------------- shared checks
_KEYWORDS = re.compile(r"\bKey\s?words?\s*:|\bA\s?R\s?T\s?I\s?C\s?L\s?E\s+I\s?N\s?F\s?O\b|\bAbbreviations\s*:", _I)
_HYPOTHETICAL_LEFT = re.compile(
    r"(?-i:\b(?:could|would|might|should|may|can|cannot|must)\b)|\bif\b|\bfuture\b|\bunless\b|\bwhether\b", _I)
_ATTRIBUTED = re.compile(
    r"\bet al\b|\b(?:previous|prior|earlier|other|existing|many|several|most|some)\s+(?:\w+\s+)?"
    r"(?:studies|study|works?|research|researchers|authors|papers|approaches)\b|"
    # (not the data "used as they were", nor things the sentence before named: "They were not augmented")
    r"\b(?<!\bas\s)(?:they|their)\b(?!\s+(?:were|was|are|is)\b)", _I)
_OWN = OWN_WORK
_COMPARISON = re.compile(r"\b(?:with and without|both with|compared (?:to|with)|than|versus|vs\.?)\b", _I)


def _bad_sentence(mention: Mention) -> bool:
    """A bibliography entry, keyword list or similar non-statement."""
    sentence = mention.sentence
    if _KEYWORDS.search(sentence):
        return True
    return looks_like_reference(sentence, mention.start, mention.end)


_MODAL_RIGHT = re.compile(r"^\W*(?:\S+\s+){0,2}?(?-i:(?:could|would|might|may|should|can|will)\b)", _I)
# "Data augmentation is a common remedy", "augmentation helps to ..." -- a generic statement
_GENERIC_RIGHT = re.compile(
    r"^\W*(?:(?:techniques?|methods?|strategies|approaches)\s+)?(?:is|are|has|have|helps?|improves?|reduces?|"
    r"increases?|prevents?|enables?|allows?|remains?|refers?|consists?|means|provides?|requires?|involves?)\b", _I)


def _hypothetical(mention: Mention) -> bool:
    """A modal before the mention or right after it ("X could improve ...")."""
    return bool(_HYPOTHETICAL_LEFT.search(mention.left) or _MODAL_RIGHT.match(mention.right))


def _generic(mention: Mention) -> bool:
    """A definition or general claim about the technique, not this work's use of it."""
    return bool(_GENERIC_RIGHT.match(mention.right)) and not _OWN.search(mention.sentence)


def _own_negative(mention: Mention) -> bool:
    """For ``context: false`` rules: True if a negative statement is about this work."""
    if _bad_sentence(mention):
        return False
    if _hypothetical(mention):
        return False
    if _ATTRIBUTED.search(mention.sentence) and not _OWN.search(mention.sentence):
        return False
    if _COMPARISON.search(mention.sentence):
        return False
    return True


def _clean(text: str) -> str:
    return " ".join(text.replace("\u2010", "-").replace("\u2011", "-").split())


# ----------------------------------------------------------------------------- numbers
_SIZE = re.compile(r"(?<![\d.])(\d{1,5})\s*(?:[x×X*✕]|by)\s*(\d{1,5})(?:\s*(?:[x×X*✕])\s*(\d{1,2}))?(?!\d|\.\d)")
_FREQ = re.compile(r"(?<![\d.])(\d+(?:[.,]\d+)?)\s*(kHz|Hz|KHz|khz)\b")
_FREQ_RANGE_BARE = re.compile(r"(?<![\d.])(\d+(?:[.,]\d+)?)\s*(?:–|—|-|to|and)\s*(\d+(?:[.,]\d+)?)\s*(kHz|Hz|KHz|khz)\b")
_ANGLE = re.compile(r"(?:(±|\+/-|\+-|−|-)\s*)?(\d{1,3}(?:\.\d+)?)\s*(?:°|º|degrees?\b|deg\b)")
_RANGE = re.compile(r"(?<![\w.])\[?\(?\s*(-?\d*\.?\d+)\s*(?:,|–|—|to|-|and)\s*(-?\d*\.?\d+)\s*[\])]?(?!\w|\.\d)")
_PERCENT = re.compile(r"(?:(±|\+/-|\+-|up to|maximum of|max\.?)\s*)?(\d{1,3}(?:\.\d+)?)\s*%")
_PROB = re.compile(r"\b(?:probability|p)\s*(?:of|=|:)?\s*(0?\.\d+|1(?:\.0)?|\d{1,3}\s*%)", _I)
_FACTOR = re.compile(r"\bfactors?\s+(?:of\s+|between\s+|from\s+)?(\d*\.?\d+(?:\s*(?:and|to|–|-)\s*\d*\.?\d+)?)", _I)
_SECONDS = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)[\s-]*(?:s|sec|secs|seconds?|ms|milliseconds?)\b", _I)


def _size(text: str) -> Optional[str]:
    m = _SIZE.search(text)
    if not m:
        return None
    if m.group(3):
        return f"{m.group(1)}x{m.group(2)}x{m.group(3)}"
    return f"{m.group(1)}x{m.group(2)}"


def _freq(text: str) -> Optional[str]:
    m = _FREQ.search(text)
    if not m:
        return None
    return f"{m.group(1).replace(',', '.')} {'kHz' if m.group(2).lower() == 'khz' else 'Hz'}"


# ============================================================================= data_collection
_COLLECTION = "collection_sources"
_ACQUISITION = re.compile(
    r"\b(?:collected|recorded|captured|acquired|obtained|gathered|deployed|installed|placed|mounted|positioned|"
    r"attached|fitted|programmed|taken|took|photographed|filmed|downloaded|retrieved|sampled|surveyed|conducted|"
    r"carried\s+out|monitored|imaged|scanned|flown|flew|equipped|used|employed|utili[sz]ed|made|derived|extracted|"
    r"provided|selected|compiled|produced|measur\w*|stored|transmitted|counted|observed|established|logged|digiti[sz]ed|operated|"
    r"flights?|consist\w*|compris\w*|contain\w*|includ\w*|originat\w*|came|comes|come|"
    # devices fixed in place and citizen-science records handed in
    r"strapped|fastened|affixed|tied|set\s+up|erected|moored|anchored|towed|"
    # calques of "taken with": "the photographs were realized with 24 camera traps fixed in trees"
    r"reali[sz]ed\s+(?=with|by|using|through)|fixed\s+(?=in|on|to|at|along)|"
    # "A DJI Phantom 4 Pro carried the RGB camera"
    r"carr(?:ied|ies|ying)\s+(?=(?:the|a|an|our|its|two|one)\s+(?:[\w\-]+\s+){0,2}?(?:cameras?|sensors?|recorders?|payload|lidar|scanners?)\b)|"
    r"contributed|submitted|uploaded|purchased|bought|licensed|"
    # questionnaires handed out and answered
    r"administered|distributed|interviewed|answered|responded|filled\s+(?:in|out)|"
    r"collect|record|capture|acquire|obtain|gather|deploy|install|use|employ|download|survey|sample)\b|"
    r"\b(?:data\s+)?sources?\s*:|\bsource\s+(?:scenes|images|imagery|data|recordings|footage|tiles)\s*:|"
    # a settings note naming the raw material: "Recordings: AudioMoth units, 48 kHz", "Inputs: Sentinel-2 scenes"
    r"\b(?:recordings|images|imagery|photographs|photos|footage|videos|inputs?|scenes|raw\s+data)\s*:|"  # "Source: national observer programme", "Source scenes: Sentinel-2"
    # cameras or recorders left in place: "trail cameras were left facing 26 waterholes"
    r"\b(?:left|kept|set|hung|strapped)\s+(?:facing|at|on|along|near|beside|overlooking|running|in\s+place)\b|"
    # a terse field note: "Acquisition -- platform: DJI Phantom 4 RTK; fourteen sorties"
    r"\bacquisition\b|\b(?:platform|sensor|camera|recorder|device)s?\s*[:=]|\bsorties\b|"
    # a table's device column, as the reader renders it: "Keldmoor Bog: AudioMoth 1.2 (Recorder)"
    # (a capitalised column name; not an abbreviation after its long form, "Unmanned Aerial Vehicle (UAV)")
    r"(?-i:\((?:Recorders?|Recording\s+(?:devices?|units?)|Cameras?|Camera\s+models?|Devices?|Sensors?|Instruments?|"
    r"Platforms?|Satellites?|Drones?|Hydrophones?|Loggers?)\))", _I)
# a citation in the sentence and no sign of this work's own data (past tense, we/our)
_CITATION = re.compile(r"\bet al\b|\(\s*[A-Z][^()]{0,60}?,?\s(?:19|20)\d\d[a-z]?\s*[;)]|^[A-Z][\w\-]+(?:\s+and\s+[A-Z][\w\-]+)?\s+\((?:19|20)\d\d")
_OWN_DATA = re.compile(r"\b(?:were|was|had\s+been|have\s+been|we|our|us|this\s+study|consist\w*|compris\w*|contain\w*)\b", _I)
_THANKS = re.compile(r"\b(?:we\s+(?:\w+\s+)?thank|thanks\s+(?:are\s+)?(?:due\s+)?to|(?:are|is|am)\s+(?:very\s+|deeply\s+)?grateful)\b", _I)
# a sentence whose subject stands for the devices of the sentence before ("The pictures came from
# 46 units strapped to trunks. Each unit was a Reconyx HyperFire 2 camera trap.")
_DEVICE_SUBJECT = re.compile(r"^\W*(?:(?:each|every|all|the|these|those|both)\s+(?:[\w\-]+\s+){0,2}?(?:units?|devices?|recorders?|cameras?|"
                             r"traps?|sensors?|loggers?|stations?|platforms?|drones?|aircraft|instruments?|ones|models?)|it|they)\b"
                             r"(?:\s+[\w\-]+){0,3}?\s+(?:was|were|is|are)\b", _I)
_MEDIA = re.compile(r"\b(?:pictures|photos?|photographs|images|imagery|recordings?|sounds?|audio|footage|videos?|flights?|"
                    r"scenes|frames|calls|surveys?)\b", _I)
_NOT_DATA = re.compile(r"\b(?:camera[\s-]?ready|cameras? view|trap[\s-]?nights?)\b", _I)


def _collection_value(method: str, detail: Optional[str]) -> Dict[str, Any]:
    return {"method": method, "detail": detail}


@normalizer("data_collection")
def data_collection(mention: Mention) -> Values:
    """A collection device, platform or design -> ``{method, detail}``.

    Catalogue rules read the method from the entry (``attrs.method``); named products give
    ``detail`` (the canonical name, or the text as written for grouped entries such as
    "Nikon D850"). Regex rules give ``params.method`` and, for downloads, the named
    source from the datasets catalogue when the sentence has one.
    """
    if _bad_sentence(mention):
        return None
    sentence = mention.sentence
    if mention.params.get("catalogue") == "datasets":
        # a portal, archive or data product of the datasets catalogue the study's data came from
        entry = get_catalogue("datasets").lookup(mention.text)
        if entry is None or entry.attrs.get("kind") not in ("product", "platform", "archive"):
            return None
        if _CITATION.search(sentence) and not _OWN_DATA.search(sentence):
            return None
        from .splits import source_used  # the datasets field's test: "records were downloaded from GBIF"
        if not source_used(sentence, mention.start, mention.end):
            return None
        method = "occurrence_database" if entry.attrs.get("domain") == "occurrence" else "public_dataset"
        return [_collection_value(method, entry.name)]
    if mention.params.get("catalogue"):
        entry = get_catalogue(mention.params["catalogue"]).lookup(mention.text)
        if entry is None:
            return None
        if not _ACQUISITION.search(sentence) and not (
                _DEVICE_SUBJECT.match(sentence) and _MEDIA.search(mention.previous) and _ACQUISITION.search(mention.previous)):
            return None  # a bare name in a heading, title or table cell
        if _CITATION.search(sentence) and not _OWN_DATA.search(sentence):
            return None  # "X (Smith et al., 2019) uses satellite images ..." -- other people's data
        attrs = entry.attrs
        if attrs.get("method") == "drone" and _DRONE_BEE.match(mention.right):
            return None  # "drone brood was cut out of every colony": male honeybees
        detail = None
        if attrs.get("named"):
            detail = _clean(mention.text) if attrs.get("group") else entry.name
        return [_collection_value(attrs.get("method", "other"), detail)]
    method = mention.params.get("method", "other")
    methods = mention.params.get("methods")
    if methods:
        noun = mention.groups.get("noun") or mention.text
        for word, name in methods.items():
            if re.search(word, noun, _I):
                method = name
                break
    detail = mention.groups.get("detail")
    if method == "public_dataset":
        detail = _named_source(sentence) or None
    return [_collection_value(method, _clean(detail) if detail else None)]


_DRONE_BEE = re.compile(r"^\s*(?:brood|cells?|combs?|bees?|larvae|pupae|congregation|honeybees?|eggs|comb\s+cells)\b", _I)


def _named_source(sentence: str) -> Optional[str]:
    """The first dataset/archive of the datasets catalogue named in the sentence."""
    try:
        hits = get_catalogue("datasets").find_all(sentence)
    except Exception:  # the datasets catalogue belongs to another field; never fail on it
        return None
    return hits[0][2].name if hits else None


# ============================================================================= data_format
_MODALITY_WORDS: Tuple[Tuple[str, "re.Pattern[str]"], ...] = tuple(
    (name, re.compile(rx, _I)) for name, rx in (
        ("hyperspectral", r"hyper[\s-]?spectral"),
        ("multispectral", r"multi[\s-]?spectral|multi[\s-]?band|\bNIR\b|near[\s-]infrared|red[\s-]?edge"),
        ("thermal", r"thermal|\binfrared\b|\bIR\b|long[\s-]?wave"),
        ("spectrogram", r"spectrogram|sonogram|\bMFCC|cepstral|scalogram"),
        ("video", r"\bvideo|footage"),
        ("audio", r"\baudio|\bsound|acoustic|recording|\bcalls?\b|vocali[sz]ation|\bsongs?\b"),
        ("point_cloud", r"point[\s-]?cloud"),
        ("time_series", r"time[\s-]?series|accelero\w*|acceleration|magnetometer|gyroscope|(?:depth|dive)\s+(?:data|records|traces|series)|tri-?axial|3-?axis"),
        ("tabular", r"tabular|spreadsheet|data[\s-]?frame|\btables?\b"),
        ("text", r"\btext|\btweets|\bdocuments\b|\bcorpus\b"),
        ("raster", r"raster|gridded|\bgrids?\b|elevation model|\bDEM\b"),
        ("vector", r"shapefile|vector\s+(?:data|layers?|files?)|polygon\s+layers?"),
        ("sequence", r"\bDNA\b|\bsequences?\b|\breads\b|barcod"),
        ("image", r"image|imagery|photo|picture|frame|\bRGB\b|colou?r|gr[ae]y[\s-]?scale|pixel"),
    ))


def _modality_of(text: str) -> Optional[str]:
    for name, rx in _MODALITY_WORDS:
        if rx.search(text):
            return name
    return None


_IMAGE_QUALIFIER = re.compile(
    r"(?:hyper[\s-]?spectral|multi[\s-]?spectral|multi[\s-]?band|thermal(?:[\s-]infrared)?|infrared|near[\s-]infrared|"
    r"\bNIR\b|RGB|true[\s-]colou?r|gr[ae]y[\s-]?scale|panchromatic)[\s\-(),A-Za-z]{0,25}$", _I)
_FORMAT_CONTEXT = re.compile(
    r"\b(?:format|formats|files?|saved|stored|exported|export|converted|encoded|extension|compressed|lossless|kept\s+as|"
    r"rows?|spreadsheets?|database|"
    r"written|downloaded|provided|delivered|bit|bits|resolution|recorded|captured|taken|acquired|images?|"
    r"recordings?|data|layers?|rasters?|stacks?|tensors?|inputs?|read\s+from|sampl\w+|videos?|footage|clips?|frames|audio|tracks|"
    r"reads|sequences|sequencing|processed)\b", _I)


# the paper's own figures saved for publication, not the study's data
_FIGURE_FILES = re.compile(
    r"\b(?:figures?|charts?|artwork|illustrations?|diagrams?)\s+(?:\w+\s+){0,3}?(?:were|was|are|is|have\s+been)\s+"
    r"(?:\w+\s+)?(?:exported|saved|prepared|produced|submitted|created|drawn|rendered|supplied)\b", _I)


@normalizer("data_format")
def data_format(mention: Mention) -> Values:
    """A modality word or file format -> ``{modality, file_format}``.

    ``params.modality`` fixes the modality of a regex rule; ``image`` is refined by a
    qualifier right before the noun ("multispectral images" -> multispectral). Catalogue
    rules give the canonical file format and its modality (attrs.modality).
    """
    if _bad_sentence(mention):
        return None
    if _CITATION.search(mention.sentence) and not _OWN_DATA.search(mention.sentence):
        return None  # "... applied to image and sound data (e.g. Smith et al., 2019)"
    if mention.params.get("catalogue"):
        entry = get_catalogue(mention.params["catalogue"]).lookup(mention.text)
        if entry is None or not _FORMAT_CONTEXT.search(mention.sentence):
            return None
        if _FIGURE_FILES.search(mention.left):
            return None  # "All figures were exported as TIFF files for the journal": the paper's artwork
        return [{"modality": entry.attrs.get("modality"), "file_format": entry.name}]
    modality = mention.params.get("modality")
    for group, name in (mention.params.get("modality_groups") or {}).items():
        if mention.groups.get(group):
            modality = name  # the named group of the regex that matched
            break
    modality = modality or _modality_of(mention.text)
    if modality == "image":
        q = _IMAGE_QUALIFIER.search(mention.left[-40:]) or _IMAGE_QUALIFIER.search(mention.text)
        if q:
            refined = _modality_of(q.group(0))
            if refined in ("hyperspectral", "multispectral", "thermal"):
                modality = refined
    return [{"modality": modality, "file_format": None}]


# ============================================================================= data_annotation
_SHAPES: Tuple[Tuple[str, "re.Pattern[str]"], ...] = tuple(
    (name, re.compile(rx, _I)) for name, rx in (
        ("bounding_box", r"bounding[\s-]?box|\bbboxes\b|\bbox(?:es)?\b(?![\s-]*(?:plots?|traps?|cars?|corers?|es\b))|rectangles?|rectangular"),
        ("mask", r"\bmasks?\b|pixel[\s-]?(?:wise|level|by[\s-]pixel)|semantic\s+segment|instance\s+segment|"
                 r"segmentation\s+(?:labels?|maps?|annotations?)"),
        ("polygon", r"polygons?|outlin\w+|delineat\w+|digiti[sz]\w+|contours?|traced\s+(?:round|around)\s+(?:the\s+)?edges?"),
        ("keypoint", r"key[\s-]?points?|landmarks?|skeleton|body\s+parts"),
        ("point", r"\bpoints?\b|\bdots?\b|centroids?|\bclicks?\b"),
        ("time_segment", r"start\s+and\s+end\s+times?|onsets?\b|time\s+stamps?|timestamps?|selections?\b|"
                         r"time[\s-]frequency\s+boxes|\bsegments\b"),
        ("image_label", r"(?:image|clip|file|recording|video|frame|bag)[\s-]level|weak\s+labels?|species\s+(?:labels?|names?)|class\s+labels?|categor(?:y|ies)|"
                        r"classified|identified|tagged|tags?\b|presence|absence"),
    ))
_ANNOTATORS: Tuple[Tuple[str, "re.Pattern[str]"], ...] = tuple(
    (name, re.compile(rx, _I)) for name, rx in (
        ("crowd", r"volunteers?|citizen\s+scientists?|crowd[\s-]?sourc\w*|Zooniverse|Mechanical\s+Turk|\bMTurk\b|"
                  r"non[\s-]?experts?|the\s+public"),
        ("expert", r"experts?|expert[\s-]|specialists?|ecologists?|biologists?|ornithologists?|taxonomists?|"
                   r"botanists?|entomologists?|herpetologists?|mammalogists?|zoologists?|researchers?|"
                   r"trained\s+(?:annotators|observers|personnel|staff|technicians|students)|professionals?|"
                   r"experienced|analysts?|technicians?|authors?|co-authors?|observers?|students?|annotators?|"
                   r"investigators?|we\b|ourselves|(?:one|two|three|each|both|all)\s+of\s+us\b|[a-z]*ologists?|[a-z]*pterists?|(?:bio)?acousticians?|naturalists?|rangers?|foresters?|"
                   r"veterinarians?|label(?:l)?ers?|raters?|coders?|(?:photo[\s-]?)?interpreters?|curators?|"
                   r"(?:research|field|lab(?:oratory)?)\s+(?:assistants?|staff|crews?|teams?)"),
        ("automatic", r"semi[\s-]?automatic\w*|automatic(?:ally)?|pseudo[\s-]?label\w*|model[\s-]assisted|"
                      r"pre[\s-]?annotat\w*|MegaDetector"),
    ))
_MANUAL = re.compile(r"\bmanual(?:ly)?\b|\bby\s+hand\b|\bhand[\s-]?(?:labell?ed|annotated|drawn|digiti[sz]ed)|\bvisual(?:ly)?\b", _I)
_TOOLS = "annotation_tools"


def _first(table: Iterable[Tuple[str, "re.Pattern[str]"]], text: str) -> Optional[str]:
    for name, rx in table:
        if rx.search(text):
            return name
    return None


def annotation_values(sentence: str, shape_hint: Optional[str] = None) -> Dict[str, Any]:
    """Method, annotator and tool named anywhere in an annotation sentence.

    >>> annotation_values("Two ornithologists drew bounding boxes around each bird using LabelImg.")
    {'method': 'bounding_box', 'annotator': 'expert', 'tool': 'LabelImg'}
    """
    method = shape_hint or _first(_SHAPES, sentence)
    annotator = _first(_ANNOTATORS, sentence)
    if annotator is None and _MANUAL.search(sentence):
        annotator = "manual"
    tool = None
    hits = get_catalogue(_TOOLS).find_all(sentence)
    if hits:
        tool = hits[0][2].name
        if annotator is None and hits[0][2].attrs.get("annotator"):
            annotator = hits[0][2].attrs["annotator"]
    return {"method": method, "annotator": annotator, "tool": tool}


_ANNOTATION_CUE = re.compile(
    r"annotat\w*|label(?:l?ed|l?ing|s)?\b|\bmark(?:ed|ing)\b|\bdrawn?\b|\bdrew\b|delineat\w*|digiti[sz]\w*|"
    r"outlined|\btagg?(?:ed|ing)\b|ground[\s-]?truth|\bidentified\b|\bclassified\b|\bverified\b|\bvalidated\b|"
    r"\bselections?\b|\bbox(?:es)?\b|\bpainted\b|\btraced\b|\bclicked\b|\bhand[\s-]?drawn\b", _I)
_MODEL_OUTPUT = re.compile(
    r"\b(?:predict\w*|output\w*|detect(?:s|ed|ing)?|generat\w+|regress\w*|proposals?|anchors?|non[\s-]?maximum|NMS|IoU|"
    r"intersection over union|confidence|inference)\b", _I)


# a paper label stuck on a jar or a bag in the field, not a label for a model
_CONTAINER_LABEL = re.compile(
    r"\blabell?ed\s+(?:each|every|all|the)\s+(?:[\w\-]+\s+)?(?:jars?|tubes?|vials?|bottles?|bags?|envelopes?|containers?|"
    r"boxes|cups?|pots?|trays?|sample\s+(?:jars?|bags?|tubes?))\s+with\b", _I)


@normalizer("data_annotation")
def data_annotation(mention: Mention) -> Values:
    """An annotation statement -> ``{method, annotator, tool}``.

    ``params.need``: ``cue`` -- the sentence must also have an annotation word (for shape
    words such as "bounding boxes", which models also predict); ``params.method`` fixes
    the method. A shape sentence that speaks of model outputs (predicted boxes, anchors,
    NMS) without an annotation word is rejected.
    """
    if _bad_sentence(mention):
        return None
    sentence = mention.sentence
    if _CITATION.search(sentence) and not _OWN_DATA.search(sentence):
        return None
    if _CONTAINER_LABEL.search(sentence):
        return None  # "we labelled each specimen jar with the date": a label on a container
    if _THANKS.search(sentence):
        return None  # "we thank the volunteers who labelled ...": an acknowledgement, not a method
    need = mention.params.get("need")
    if need == "cue":
        rest = sentence[:mention.start] + " " + sentence[mention.end:]
        if not _ANNOTATION_CUE.search(rest):
            return None
        if _MODEL_OUTPUT.search(sentence) and not re.search(r"annotat|label|drawn|drew|manual", sentence, _I):
            return None
    if mention.params.get("catalogue"):
        value = annotation_values(sentence)
        entry = get_catalogue(mention.params["catalogue"]).lookup(mention.text)
        if entry is not None:
            value["tool"] = entry.name
        return [value]
    return [annotation_values(sentence, mention.params.get("method"))]


# ============================================================================= data_augmentation
_AUG = "augmentations"
_AUG_CUE = re.compile(r"on[\s-]the[\s-]fly|"
                      # "to increase the variability, images were flipped": variation added on purpose
                      r"\b(?:to|for)\s+(?:increas\w*|enhanc\w*|add|rais\w*|boost\w*|enlarg\w*)\s+(?:the\s+)?(?:variability|variation|variety|diversity)(?:\s+of\s+(?:the\s+|our\s+)?(?:training\s+)?(?:data|dataset|images|photos|samples|set|examples|inputs|tiles|patches|clips|recordings|spectrograms))?\s*,|"
                      r"\b(?:flipped|rotated|turned|mirrored|shifted|scaled|jittered|cropped)\s+randomly\b|(?:during|while|in)\s+(?:the\s+)?(?:training|teaching|learning)\b(?!\s+(?:set|data|images?|sample))|never\s+saw\s+(?:quite\s+|exactly\s+)?the\s+same\s+(?:picture|image|photo(?:graph)?|clip|tile|frame|spectrogram)\s+twice|at\s+training\s+time|training[\s-]time|"
                      # "mixed background noise into 30% of the training clips"
                      r"\b(?:into|to|on|from)\s+(?:(?:a\s+)?(?:random\s+)?\d{1,3}\s*%\s+of\s+)?(?:the\s+|all\s+|each\s+|every\s+)?training\s+"
                      r"(?:images?|clips?|samples?|recordings?|spectrograms?|tiles?|patches|patch|crops?|photos?|frames?|windows?|examples?)\b|"
                      # "flipped horizontally with probability 0.5": a random transformation's rate
                      r"\bwith\s+(?:a\s+)?probability\s+(?:of\s+)?(?:0?\.\d+|\d{1,2}\s*%)|"
                      # "flipped left-right and up-down at random", "turned by a random multiple of 90°"
                      r"\b(?:flipped|rotated|turned|mirrored|shifted|scaled|jittered)\b[^.;]{0,40}?\bat\s+random\b|"
                      r"\b(?:random\s+|by\s+)multiples?\s+of\s+(?:90|ninety)|"
                      # "to stretch the small training set we flipped tiles"
                      r"\bto\s+(?:stretch|pad\s+out|beef\s+up|bulk\s+up|enlarge|expand|enrich|increase)\s+(?:the\s+|our\s+)?(?:small\s+|limited\s+|modest\s+)?training\s+(?:set|data|pool|sample|material)\b|"
                      # "we also showed it every picture flipped left to right", "each clip was also played to the
                      # model a little sped up": the training items shown changed
                      r"\b(?:also\s+)?(?:showed|shown|played|fed|gave|presented)\s+(?:it|the\s+(?:model|network))\s+(?:each|every|all)\s+"
                      r"(?:[\w\-]+\s+)?(?:picture|image|photo(?:graph)?|clip|tile|frame|spectrogram|recording|crop|patch)s?\b|"
                      r"\b(?:was|were)\s+also\s+(?:played|shown|fed|presented|given)\s+to\s+the\s+(?:model|network|classifier)\b|"
                      r"\bto\s+give\s+(?:the\s+)?(?:network|model|classifier)\s+more\s+(?:to\s+learn\s+from|variety|examples)\b|"
                      # "we enlarged the training pool by mirroring every crop": more training items made by transforming them
                      r"\b(?:enlarg\w*|expand\w*|increas\w*|grew|grow\w*|multipl\w*|doubl\w*|enrich\w*|bulk\w*\s+up)\s+(?:the\s+|our\s+)?(?:size\s+of\s+the\s+)?"
                      r"training\s+(?:pool|set|data|material|sample|images|collection)\s+(?:\w+\s+)?by\b|"
                      # "Each square was also used upside down and mirrored": the same item shown changed
                      r"\b(?:each|every)\s+(?:training\s+)?(?:square|image|tile|patch|clip|crop|photo(?:graph)?|frame|spectrogram|chip|"
                      r"window|sample)\s+(?:was|were)\s+also\s+(?:used|shown|fed|presented|given|seen)\s+(?:\w+\s+){0,2}?"
                      r"(?:upside\s+down|mirrored|flipped|rotated|reversed|turned)\b|"
                      # "... so that the network would not rely on the direction of the light": why inputs are varied
                      r"\bso\s+that\s+the\s+(?:network|model|detector|classifier|CNN)\s+(?:would|could|did|does|should)\s+not\s+"
                      r"(?:rely|depend|learn|memori[sz]e|latch)\b|"
                      r"random(?:ly)?\s+(?:chosen\s+|selected\s+|applied\s+)?(?:transformations?|perturbations?)|"
                      # "Training patches were rotated ... and flipped ...": the training data transformed
                      r"^\W*(?:the\s+|all\s+|each\s+|every\s+)?training\s+(?:images?|patches|patch|tiles?|samples?|clips?|crops?|"
                      r"photos?|photographs?|spectrograms?|frames?|examples?|inputs?|chips?|windows?)\s+(?:were|was)\s+"
                      r"(?:randomly\s+|also\s+|then\s+)?(?:rotated|flipped|mirrored|cropped|shifted|scaled|jittered|blurred|"
                      r"translated|transformed|perturbed|augmented|distorted|mixed|overlaid|superimposed|masked|corrupted)\b|"
                      # "mixed with noise at random signal-to-noise ratios"
                      r"\bat\s+random(?:ly\s+chosen)?\s+(?:signal[\s\-]to[\s\-]noise\s+ratios|SNRs?)\b", _I)
# the name of a block of settings: "augment:", "aug = dict(", "augmentations = ["
_SETTINGS_LABEL = re.compile(r"\s*[:=]\s*(?:dict\(|\{|\[|[\"']?[A-Za-z_]+[\"']?\s*[:=(])")
_AUG_VERB_DATA = re.compile(r"\b(?:data|dataset|datasets|training|images?|samples|recordings|spectrograms|tiles|patches|"
                            r"photos|photographs|examples|instances|clips|classes|set|sets|frames|inputs?|windows|segments|"
                            r"crops|chips|sequences|snippets|signals|point\s+clouds|spectra|spectrum|series|vignettes|"
                            r"specimens|calls)\b|\bon\s+the\s+fly\b", _I)
_NOT_AUG = re.compile(r"augmented\s+reality", _I)


def _aug_parameter(technique: str, window: str) -> Optional[str]:
    """A parameter written right after a technique ("up to 30°", "0.8-1.2", "p = 0.5")."""
    if "flip" in technique:
        # a flip has no size: only the probability it is applied with ("p = 0.5", "a 50% probability")
        m = _PROB.search(window)
        if m:
            return f"p={_clean(m.group(1))}"
        m = re.search(r"(\d{1,3}\s*%)\s+(?:probability|chance)\b", window, _I)
        return f"{m.group(1).replace(' ', '')}" if m else None
    if technique in ("rotation", "shear", "affine"):
        m = _ANGLE.search(window)
        if m:
            sign = "±" if m.group(1) in ("±", "+/-", "+-") else ""
            angles = [a.group(2) for a in _ANGLE.finditer(window)]
            if len(angles) > 1 and not sign:
                return ", ".join(f"{a}°" for a in angles[:4])
            return f"{sign}{m.group(2)}°"
    if technique in ("crop", "resized_crop"):
        s = _size(window)
        if s:
            return s
    if technique in ("time_shift", "time_stretch", "time_masking", "frequency_masking", "pitch_shift"):
        m = re.search(r"(?<![\d.])(-?\d+(?:\.\d+)?)\s*(?:semitones?|s\b|ms\b|seconds?|%|frames?|bins?|Hz|kHz)", window, _I)
        if m:
            return _clean(m.group(0))
    m = _PERCENT.search(window)
    if m:
        sign = "±" if m.group(1) in ("±", "+/-", "+-") else ""
        return f"{sign}{m.group(2)}%"
    m = _FACTOR.search(window) or _RANGE.search(window)
    if m:
        if m.re is _RANGE:
            return f"{m.group(1)}-{m.group(2)}"
        return re.sub(r"\s*(?:and|to|–|-)\s*", "-", _clean(m.group(1)))
    m = _PROB.search(window)
    if m:
        return f"p={_clean(m.group(1))}"
    m = _ANGLE.search(window)
    if m and technique in ("flip", "horizontal_flip", "vertical_flip"):
        return None
    return None


# a key of a settings block after the technique's name, and a setting switched off
_CONFIG_SUFFIX = re.compile(r"_(?:deg|degrees|range|limit|prob|p|factor|shift|max|ratio|strength|std|sigma|"
                            r"magnitude|percent|pct|frac|fraction)(?![A-Za-z0-9_])")
_CONFIG_VALUE = re.compile(r"[\"']?\s*[:=]\s*(-?\d*\.?\d+(?:\s*,\s*-?\d*\.?\d+)?)(?![\w.])")
_CONFIG_OFF = re.compile(r"[\"']?\s*[:=]\s*[\"']?(?:none|no|" + SETTING_OFF + r")(?![\w.])", _I)


def augmentation_values(sentence: str, start: int = 0, end: Optional[int] = None,
                        distinctive_only: bool = False) -> List[Dict[str, Any]]:
    """Techniques of the augmentations catalogue in ``sentence[start:end]``, each with a
    parameter read from the words after it (up to the next technique).

    >>> augmentation_values("Images were flipped horizontally and rotated by up to 20°.")
    [{'technique': 'horizontal_flip', 'parameter': None}, {'technique': 'rotation', 'parameter': '20°'}]
    """
    end = len(sentence) if end is None else end
    catalogue = get_catalogue(_AUG)
    hits = [(s, e, entry) for s, e, entry in catalogue.find_all(sentence) if start <= s and e <= end]
    out: List[Dict[str, Any]] = []
    for i, (s, e, entry) in enumerate(hits):
        if distinctive_only and not entry.attrs.get("distinctive"):
            continue
        suffix = _CONFIG_SUFFIX.match(sentence, e)
        if suffix:
            e = suffix.end()  # a setting's key: "rotate_deg: 15", "brightness_limit: 0.2"
        elif sentence[e:e + 1] == "_" or sentence[max(0, s - 1):s] == "_":
            continue  # part of an identifier: "scale_pos_weight" is no scaling
        if _CONFIG_OFF.match(sentence, e):
            continue  # a setting switched off: "mixup: 0.0", "hflip=False"
        left = sentence[max(0, s - 12):s]
        if entry.attrs.get("technique") == "contrast" and re.search(r"\b(?:in|by|as a)\s+$", left, _I):
            continue  # "in contrast"
        window = sentence[e:min(len(sentence), e + 70)]
        if i + 1 < len(hits):
            window = sentence[e:min(hits[i + 1][0], e + 70)]
            cut = list(re.finditer(r",|;|\band\b|\bor\b", window))
            if cut:
                window = window[:cut[-1].start()]  # "blur and 10% brightness": the 10% is the next one's
        technique = entry.attrs.get("technique", entry.name)
        parameter = _aug_parameter(technique, window)
        if parameter is None:
            prev_end = hits[i - 1][1] if i else max(0, s - 30)
            prefix = sentence[prev_end:s]
            seps = list(re.finditer(r",|;|\band\b|\bor\b|:", prefix))
            if seps:
                prefix = prefix[seps[-1].end():]
            parameter = _aug_parameter(technique, prefix)  # "10% brightness changes", "±15° rotations"
        if parameter is None and (suffix is not None or sentence[e:e + 1] in ("=", ":")):
            setting = _CONFIG_VALUE.match(sentence, e)
            parameter = setting.group(1) if setting else parameter  # "rotate_deg: 15" -> "15"
        value = {"technique": technique, "parameter": parameter}
        if value not in out:
            out.append(value)
    return out


@normalizer("data_augmentation")
def data_augmentation(mention: Mention) -> Values:
    """Augmentation statements -> ``{technique, parameter}`` values.

    ``params.mode``: ``cue`` (the word "augmentation": every technique of the sentence,
    possibly none), ``technique`` (a catalogue technique outside such a sentence: kept
    only when distinctive -- "mixup", "random horizontal flip" -- or when the sentence
    speaks of transformations during training).
    """
    if _bad_sentence(mention) or _NOT_AUG.search(mention.sentence):
        return None
    sentence = mention.sentence
    if _MODAL_RIGHT.match(mention.right) or _generic(mention):
        return None
    if _CITATION.search(sentence) and not _OWN_DATA.search(sentence):
        return None
    mode = mention.params.get("mode", "cue")
    if mode == "cue" and not re.search(r"augmentation", mention.text, _I):
        # the verb ("augmented", "to augment"): only with a data noun right next to it
        near = mention.left[-25:] + " " + mention.right[:35]
        if not _AUG_VERB_DATA.search(near) and not _SETTINGS_LABEL.match(mention.right):
            return None
    if mode == "cue":
        values = augmentation_values(sentence)
        if not values and _SETTINGS_LABEL.match(mention.right):
            return None  # "augment: mixup: 0.0 cutmix: 0": a block whose every setting is off
        return values
    catalogue = get_catalogue(_AUG)
    entry = catalogue.lookup(mention.text)
    if entry is None:
        return None
    if not entry.attrs.get("distinctive") and not _AUG_CUE.search(sentence) \
            and not any(e.attrs.get("distinctive") for _, _, e in catalogue.find_all(sentence)):
        return None  # a common word ("rotated") counts beside a distinctive one ("randomly flipped")
    return augmentation_values(sentence, mention.start, mention.end) or None


@normalizer("no_augmentation")
def no_augmentation(mention: Mention) -> Values:
    """'No data augmentation was applied' -> ``{technique: none}``, for this work only."""
    if not _own_negative(mention):
        return None
    if re.search(r"\bwith\s+and\s+$|\band\s+$", mention.left[-12:], _I):
        return None
    return [{"technique": "none", "parameter": None}]


# ============================================================================= preprocessing
_NOT_PREPROCESSING = re.compile(
    r"batch[\s-]?normali[sz]|layer[\s-]?normali[sz]|instance[\s-]?normali[sz]|group[\s-]?normali[sz]|"
    r"local\s+response\s+normali[sz]|normali[sz]ed\s+(?:difference|burn|mutual|root|mean|confusion|"
    r"discounted|entropy|cross|count|index|vegetation|water|built)|\bNDVI\b.{0,20}normali[sz]ed", _I)


_PREPROCESS_BLOCK = re.compile(r"(?<![\w.])(?:pre-?process\w*|transforms?|input_pipeline)[\"']?\s*[:=]", _I)
_SETTINGS_KEY = re.compile(r"[\w\-]{0,24}[\"']?\s*[:=]")
_BEFORE_THE_MODEL = re.compile(r"\b(?:before|prior\s+to|ahead\s+of)\s+(?:the\s+)?(?:\w+\s+)?(?:embedding|encoding|"
                               r"feature\s+extraction|tokeni[sz]ation)\b", _I)
_NETWORK_INTERNALS = re.compile(
    r"\bfeature[\s-]?maps?\b|\bsoftmax\b|\bdecoder\b|\bencoder\b|\b(?:convolutional|pooling|hidden|dense|linear|"
    r"upsampling|downsampling)\s+layers?\b|\blayers?\s+(?:of|in)\s+the\s+(?:network|model)|\btokens?\b|\bembeddings?\b|"
    r"\battention\b|\bspectral\s+normali[sz]ation|\bdot\s+products?\b|\bobject\s+proposals?\b|\bstrides?\b|"
    r"\bRoI\b|\bweights?\s+(?:matrix|matrices)\b|\bnormali[sz]ed\s+(?:matrix|outputs?|weights?|scores?)\b|"
    r"\bprobabilities\b|\bpost-?\s?process\w*|\bprobability\s+(?:distributions?|vectors?|scores?|outputs?)\b|\b(?:output|class|predicted|softmax)\s+probabilit(?:y|ies)\b|\bdownscal\w*\s+(?:model|results|method)|\bstandardi[sz]ed\s+(?:precipitation|index|"
    r"protocols?|methods?|approach\w*|data\s+collection|sampling|procedures?|surveys?|format|terminology)", _I)
_DATA_NOUN = re.compile(
    r"\b(?:data|dataset|datasets|images?|imagery|photos?|photographs?|pictures?|frames?|inputs?|pixels?|px|tiles?|"
    r"(?:herbarium\s+)?sheets|scans|specimens|crops|chips|vignettes|reads|genes|transcripts|expression\s+values|"
    r"patches|rasters?|layers|bands?|scenes?|orthomosaics?|spectrograms?|recordings?|audio|signals?|clips?|files?|"
    r"values|variables|predictors?|covariates?|features|samples|records|observations|reflectance|intensit(?:y|ies)|"
    r"channels?|time\s+series|videos?|point\s+clouds?|sequences|text|matrix|"
    # measured series and gridded layers of classical ecological models
    r"series|measurements|readings|concentrations|occurrences|counts|abundances?|temperatures?|precipitation|"
    r"rainfall|discharge|streamflow|grids?|maps?|DEMs?|NDVI|climate|predictor\s+set|spectra|(?:spectral|vegetation|band)\s+indices|"
    # "Each of them was standardised to zero mean and unit variance": only data are
    r"zero\s+mean\s+and\s+unit\s+(?:variance|standard\s+deviation))\b", _I)
_TOOL_RIGHT = re.compile(r"^\s*(?:modules?|processors?|algorithms?|tools?|software|packages?)\b", _I)


def _detail_for(step: str, mention: Mention) -> Optional[str]:
    """A short detail for a preprocessing step, read around the match."""
    text = mention.text
    right = mention.right[:90]
    window = text + " " + right
    if mention.params.get("rs_tools") and step in ("radiometric_correction", "filtering"):
        m = _RS_TOOL.search(mention.sentence)
        return m.group(0) if m else None
    if step in ("resize", "crop", "tiling"):
        return _size(window) or _size(mention.left[-40:])
    if step == "resampling" and mention.params.get("spatial"):
        m = re.search(r"(\d+(?:\.\d+)?)\s*(m|km|cm|arc[\s-]?(?:seconds?|minutes?|sec|min)|°|degrees?)(?![\w²])", text)
        return f"{m.group(1)} {m.group(2)}" if m else None
    if step in ("resampling", "filtering"):
        found = [f"{m.group(1).replace(',', '.')} {'kHz' if m.group(2).lower() == 'khz' else 'Hz'}"
                 for m in _FREQ.finditer(window)]
        if step == "filtering":
            bare = _FREQ_RANGE_BARE.search(window)  # "between 1 and 10 kHz": the unit is written once
            if bare and len(found) < 2:
                unit = "kHz" if bare.group(3).lower() == "khz" else "Hz"
                found = [f"{bare.group(1).replace(',', '.')} {unit}", f"{bare.group(2).replace(',', '.')} {unit}"]
            kind = re.search(r"(band|high|low)[\s-]?pass|median|Gaussian|Wiener|Butterworth|bandpass|highpass|lowpass",
                             window, _I)
            name = None
            if kind:
                name = kind.group(0).lower().replace(" ", "-")
                name = {"bandpass": "band-pass", "highpass": "high-pass", "lowpass": "low-pass"}.get(name, name)
                if name in ("band", "high", "low"):
                    name += "-pass"
            parts = ([name] if name else []) + found[:2]
            return " ".join(parts) or None
        target = re.search(r"\bfrom\s+[\d.,]+\s*k?Hz\s+(?:down\s+|up\s+)?to\s+([\d.,]+)\s*(k?Hz)\b", window, _I)
        if target:  # "decimated from 48 kHz to 16 kHz": the new rate
            return f"{target.group(1).replace(',', '.')} {'kHz' if target.group(2).lower() == 'khz' else 'Hz'}"
        return found[0] if found else None
    if step == "spectrogram":
        return _spectrogram_detail(mention.sentence)
    if step in ("normalization", "standardization"):
        m = re.search(r"\[\s*-?\d\s*,\s*\d\s*\]|\(\s*-?\d\s*,\s*\d\s*\)|(?:between|from)\s+-?\d(?:\.0)?\s+(?:and|to)\s+\d(?:\.0)?|"
                      r"z[\s-]?scores?|min[\s-]?max|zero\s+mean|unit\s+variance|mean\s+and\s+standard\s+deviation|"
                      r"divid\w+\s+by\s+255|/\s*255|ImageNet", mention.sentence, _I)
        return _clean(m.group(0)) if m else None
    if step == "segmentation":
        m = _SECONDS.search(window)
        return _clean(m.group(0)) if m else None
    if step == "frame_extraction":
        m = re.search(r"\d+(?:\.\d+)?\s*(?:fps|frames?\s+per\s+second)", mention.sentence, _I)
        return _clean(m.group(0)) if m else None
    if mention.params.get("indices") and step == "feature_extraction":
        names = []
        for m in _INDEX_NAME.finditer(mention.sentence):
            name = m.group(0).upper() if m.group(0).isupper() or len(m.group(0)) <= 6 else m.group(0)
            if name not in names:
                names.append(name)
        return ", ".join(names) or None
    return None


# spectral indices computed from image bands, by acronym (case as written)
_INDEX_NAME = re.compile(
    r"(?<![\w\-])(?-i:NDVI|EVI2?|NDWI|MNDWI|SAVI|MSAVI2?|OSAVI|NDRE|GNDVI|dNBR|NBR2?|NDBI|NDSI|NDMI|BSI|ARVI|VARI|"
    r"ExG|ExGR|GLI|TCARI|MCARI|PRI|LSWI|NDII|CIgreen|CIre|RENDVI|WDRVI|TGI|NGRDI)(?![\w\-])")
# tools of remote-sensing preprocessing named as a detail ("masked with Fmask")
_RS_TOOL = re.compile(
    r"\b(?:Fmask|CFMask|s2cloudless|Sen2Cor|FLAASH|LaSRC|LEDAPS|ATCOR|QUAC|iCOR|MAJA|6S|dark[\s-]object\s+subtraction|"
    r"(?:Refined\s+)?Lee(?:\s+sigma)?\s+filter|Frost\s+filter|Gamma[\s-]MAP\s+filter)\b", _I)


_FFT = re.compile(r"(?:FFT|fast\s+Fourier\s+transform|STFT|window)\s*(?:size|length|window|points?)?\s*(?:of|=|:)?\s*"
                  r"(\d{2,5})|(\d{2,5})[\s-]*(?:point|sample|samples)[\s-]*(?:FFT|Hann\w*|Hamming|window)", _I)
_HOP = re.compile(r"hop\s*(?:size|length)?\s*(?:of|=|:)?\s*(\d{1,5}(?:\.\d+)?\s*(?:ms|samples)?)|"
                  r"(\d{1,3})\s*%\s*overlap|overlap\s*(?:of|=|:)?\s*(\d{1,3}\s*%|\d{1,5}\s*samples)", _I)
_MELS = re.compile(r"(\d{1,4})\s*(?:mel|Mel)[\s-]*(?:bands?|bins?|filters?|filter\s*banks?|frequency\s+bins|channels)|"
                   r"(?:mel|Mel)[\s-]*(?:bands?|bins?|filters?)\s*(?:of|=|:)?\s*(\d{1,4})", _I)


def _spectrogram_detail(sentence: str) -> Optional[str]:
    parts = []
    kind = re.search(r"log[\s-]?mel|mel|linear|power|PCEN|constant[\s-]Q|CQT", sentence, _I)
    m = _FFT.search(sentence)
    if m:
        parts.append(f"FFT {m.group(1) or m.group(2)}")
    m = _HOP.search(sentence)
    if m:
        hop = m.group(1) or (m.group(2) + "% overlap" if m.group(2) else None) or m.group(3)
        if hop:
            parts.append(("hop " + _clean(hop)) if m.group(1) else ("overlap " + _clean(hop.replace("% overlap", "%"))))
    m = _MELS.search(sentence)
    if m:
        parts.append(f"{m.group(1) or m.group(2)} mel bands")
    if kind and not parts:
        return _clean(kind.group(0)).lower()
    if kind and "mel" in kind.group(0).lower() and not any("mel" in p for p in parts):
        parts.insert(0, _clean(kind.group(0)).lower())
    return ", ".join(parts) or None


@normalizer("preprocessing")
def preprocessing(mention: Mention) -> Values:
    """A preprocessing step -> ``{step, detail}``.

    ``params.step`` names the step (resize, normalization, standardization, crop, tiling,
    filtering, denoising, resampling, spectrogram, segmentation, cleaning,
    duplicate_removal, outlier_removal, imputation, transformation, dimensionality_reduction,
    grayscale, contrast_enhancement, radiometric_correction, frame_extraction, encoding or
    None for a bare "pre-processed"); ``params.steps`` maps words of the match to steps
    when one rule covers several.
    """
    if _bad_sentence(mention):
        return None
    sentence = mention.sentence
    if not mention.params.get("indices") and (
            _NOT_PREPROCESSING.search(mention.text + mention.right[:30])
            or _NOT_PREPROCESSING.search(sentence[max(0, mention.start - 25):mention.end + 30])):
        return None  # ("indices": the rule names spectral indices such as the normalised difference index)
    if _NETWORK_INTERNALS.search(_BEFORE_THE_MODEL.sub(" ", sentence)):
        return None  # (but "filtered before embedding" is a step done before the network)
    if _CITATION.search(sentence) and not _OWN_DATA.search(sentence):
        return None
    if _generic(mention) or _MODAL_RIGHT.match(mention.right) or _HYPOTHETICAL_LEFT.search(mention.left[-40:]):
        return None
    if mention.params.get("need_data") and not _DATA_NOUN.search(sentence) \
            and not (_PREPROCESS_BLOCK.search(sentence) and _SETTINGS_KEY.match(mention.right)):
        return None  # (a key of a "preprocess:" block of settings needs no data noun)
    if _TOOL_RIGHT.match(mention.right) and not (mention.params.get("rs_tools") and _RS_TOOL.fullmatch(mention.text)):
        return None  # "an atmospheric correction module developed by ..." (but "the Fmask algorithm" is a step)
    step = mention.params.get("step")
    steps = mention.params.get("steps")
    if steps:
        for word, name in steps.items():
            if re.search(word, mention.text, _I):
                step = name
                break
    if step is None:
        return []
    if step == "crop" and re.search(r"\brandom(?:ly)?\b", mention.sentence, _I):
        return None  # random crops are augmentation
    if step == "normalization" and re.search(r"standardi[sz]|z[\s-]?score|z[\s-]?transform|zero\s+mean\s+and\s+unit|cent(?:er|re)d\s+and\s+scaled|"
                                              r"divided\s+by\s+(?:its|their|the)\s+(?:own\s+)?standard\s+deviation", mention.text, _I):
        step = "standardization"
    return [{"step": step, "detail": _detail_for(step, mention)}]


__all__ = [
    "data_collection", "data_format", "data_annotation", "data_augmentation", "no_augmentation",
    "preprocessing", "annotation_values", "augmentation_values",
]
