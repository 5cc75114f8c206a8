"""Normalisers for the names the statistical NER finds (``extractor/ner.py``).

A NER span is a name no catalogue knows, so these normalisers take the name as written
and read the rest from the sentence with the same helpers the rule normalisers use
(counts and memory for hardware, the role of a dataset, a paired version). They give
values of each field's usual shape:

* hardware: ``{type, vendor, model, count, memory_gb}`` ("two Zephyr Z9 GPUs" ->
  ``{type: GPU, vendor: None, model: "Zephyr Z9", count: 2, memory_gb: None}``);
* framework: ``{name, version}`` (the version is the VERSION span right after the name);
* datasets: ``{name, role}``; architecture: ``{name, family: None}``; metrics: ``{name}``.

Like the rule normalisers they return ``None`` to reject a span: a bibliography entry,
a piece of a URL, or a span that does not look like a name (plain lower-case words for
anything but a metric, unbalanced brackets, too long).
"""
from __future__ import annotations

import re
from . import Mention, Values, normalizer
from .cues import looks_like_reference
from .hardware import count_after, count_before, device, is_comparison, is_plural, memory_after, single_machine
from .splits import dataset_role

_IN_URL = re.compile(r"(?:https?://|www\.|github\.com|gitlab\.com|\.(?:com|org|io|net|dev|ai|edu)/)\S*$", re.IGNORECASE)
_VENDORS = (
    ("NVIDIA", r"NVIDIA|Nvidia|GeForce|Quadro|Tesla|RTX|GTX"), ("AMD", r"\bAMD\b|Radeon|Instinct|EPYC|Ryzen"),
    ("Intel", r"\bIntel\b|Xeon|Gaudi|Arc\b"), ("Apple", r"\bApple\b"), ("Google", r"\bGoogle\b|\bTPU"),
    ("Graphcore", r"Graphcore"), ("Qualcomm", r"Qualcomm|Snapdragon"), ("Huawei", r"Huawei|Ascend"),
    ("Cerebras", r"Cerebras"), ("Raspberry Pi", r"Raspberry Pi"),
)
_VENDOR_WORD = re.compile(r"^(?:NVIDIA|Nvidia|AMD|Intel|Apple|Google|Graphcore|Qualcomm|Huawei|Cerebras)\s+")


_ODD_CHARS = re.compile(r"://|www\.|[_§‡†→←×∗∈=<>|{}\\@#$^~“”\"]|’s\b|'s$")
# acronyms of general terms, not of a product, data set or model
_GENERIC_ACRONYMS = frozenset("""AI ML DL NLP NER OCR IE RE API GUI GIS UAV UAS DEM DSM DTM GCP ROI IOT IoT HPC
    RS CV LLM VLM SOTA DNN ANN CSV PDF JSON XML HTML URL DOI ID IDs QA QC SI MS PhD USA UK EU US UN""".split())
# a plain Title-case word ("Blue", "Japanese", "Quillion") is a name only next to a head noun of
# its kind or after a verb phrase that introduces one
_HEAD_AFTER = {
    "hardware": r"(?:GPUs?|cards?|processors?|CPUs?|accelerators?|boards?|devices?|chips?|modules?|TPUs?)",
    "framework": r"(?:librar(?:y|ies)|packages?|frameworks?|toolbox(?:es)?|toolkits?|software|tools?|platforms?"
                 r"|plugins?|modules?|APIs?|v?\d+(?:\.\w+)+)",
    "datasets": r"(?:data\s?sets?|data|benchmarks?|corpus|corpora|collections?|images?|imagery|recordings|archives?"
                r"|challenge|database|split|subset)",
    "architecture": r"(?:models?|networks?|net|architectures?|backbones?|detectors?|classifiers?|encoders?|decoders?"
                    r"|transformers?|variants?|baselines?)",
    "metrics": r"(?:scores?|metrics?|index|measures?|coefficients?|rates?|errors?|loss)",
}
_VERB_BEFORE = {
    "framework": r"(?:implemented|written|coded|developed|built|programmed|run|ran|performed|done|fitted|computed|analy[sz]ed|processed)"
                 r"\s+(?:\w+\s+){0,2}(?:in|with|using|via|through)\s+(?:the\s+)?$",
    "datasets": r"(?:trained|evaluated|tested|validated|pre-?trained|fine-?tuned|benchmarked)\s+(?:\w+\s+){0,2}on\s+(?:the\s+)?$",
    "hardware": r"(?:on|using|with)\s+(?:an?|one|two|three|four|eight|\d+|the|our)?\s*(?:NVIDIA|AMD|Intel|Apple|Google)?\s*$",
}


def name_like(text: str, metric: bool = False) -> bool:
    """Whether a span reads as a name: short, balanced brackets, no URL, code or symbol
    characters, at most one bare number, not a general acronym ("ML", "LLMs"), and (but for
    metrics) a capital letter or a digit somewhere."""
    if not text or len(text) > 60 or len(text.split()) > 6 or len(text.strip()) < 2:
        return False
    if len(text) < 3 and not text.isupper():
        return False  # "s1", "k6": a symbol
    if text.count("(") != text.count(")") or text.count("[") != text.count("]"):
        return False
    if not re.search(r"[A-Za-z]", text) or _ODD_CHARS.search(text):
        return False
    words = text.split()
    if sum(1 for w in words if re.fullmatch(r"[\d.,]+", w)) > 1 or (len(words) > 1 and re.fullmatch(r"\d+", words[0])):
        return False  # a table row ("Road 3188 42622"), not a name
    if text in _GENERIC_ACRONYMS or re.fullmatch(r"[A-Z]{2,6}s", text) or text.rstrip("s") in _GENERIC_ACRONYMS:
        return False
    return metric or bool(re.search(r"[A-Z0-9]", text))


_HEAD_INSIDE = {
    "hardware": r"GPU|TPU|NPU|CPU|RTX|GTX|NVIDIA|Nvidia|AMD|Intel|Xeon|Apple|Jetson|Raspberry|Qualcomm|Snapdragon|Huawei|Ascend",
    "framework": None,
    "datasets": r"(?i:data\s?set|benchmark|corpus)",
    "architecture": r"(?i:net\b|net-|former|\bGAN\b|YOLO|R-?CNN|BERT|GPT)",
    "metrics": None,
}
# an author list or a citation: "Juan M. Daza:", "(Kamilaris and Prenafeta-Boldú, 2018)", "Smith et al."
_CITED_AFTER = re.compile(r"^\s*(?:et\s+al\b|,?\s*\(?\s*(?:19|20)\d\d\b|(?:,\s*[A-Z]\.)+|\.?\s*:\s+[A-Z][a-z]+(?:,|\s+[a-z]))")
_CITED_BEFORE = re.compile(r"(?:\((?:[^()]*;\s*)?|\band\s+|&\s*)$")


def has_field_cue(mention: Mention) -> bool:
    """A NER span becomes a finding only with evidence of its kind around it, as a reader would
    want before trusting a name nobody has listed: a head noun of its field right after it
    ("Quillion library", "the Zephyr Z9 GPU"), an introducing verb right before it
    ("implemented in Quillion", "trained on BIRDeep"), or, for a device or a model, a telling
    part inside the name ("RTX 6090", "MothNet"). Parts of citations and author lists are not."""
    if _CITED_AFTER.match(mention.right) or (_CITED_BEFORE.search(mention.left)
                                             and re.match(r"^\s*,?\s*(?:19|20)\d\d", mention.right)):
        return False
    if mention.field == "metrics":
        return True  # ner_metric asks for an evaluation in the sentence instead
    inside = _HEAD_INSIDE.get(mention.field)
    if inside and re.search(inside, mention.text):
        return True
    head = _HEAD_AFTER.get(mention.field)
    if head and re.match(r"^[\s\-]*(?:\(\w+\)\s*)?(?:\w+\s+)?" + head + r"\b", mention.right, re.IGNORECASE):
        return True
    verb = _VERB_BEFORE.get(mention.field)
    return bool(verb and re.search(verb, mention.left, re.IGNORECASE))


# "GUODA (Global Unified Open Data Access)", "Large Language Models (LLMs)": an acronym
# and its spelled-out words name an organisation or a general term, not a product
_EXPANSION_AFTER = re.compile(r"^\s*\((?:[A-Z][\w\-]*\s+){2,}")
_ACRONYM_AFTER = re.compile(r"^\s*\([A-Z][A-Z0-9]+s?[;,)]")
_ACRONYM_BEFORE = re.compile(r"\b[A-Z][A-Z0-9]+s?\s*\(\s*$")


def spelled_out(mention: Mention) -> bool:
    if _EXPANSION_AFTER.match(mention.right):
        return True
    return len(mention.text.split()) >= 3 and bool(_ACRONYM_AFTER.match(mention.right)
                                                   or _ACRONYM_BEFORE.search(mention.left))


from spacy.lang.en.stop_words import STOP_WORDS as _STOP_WORDS

# words of a paper's own apparatus that the model sometimes takes for a name
_APPARATUS = frozenset("""section sections table tables fig figs figure figures eq eqs equation equations appendix
    chapter step steps phase stage level class type group version vs vs. ref refs supplementary note""".split())


def _plain_word(text: str) -> bool:
    low = text.lower().rstrip(".")
    return low in _STOP_WORDS or low in _APPARATUS or text.lower() in _APPARATUS


def _rejected(mention: Mention, metric: bool = False) -> bool:
    return (_plain_word(mention.text) or not name_like(mention.text, metric)
            or not has_field_cue(mention)
            or spelled_out(mention)
            or looks_like_reference(mention.sentence, mention.start, mention.end)
            or bool(_IN_URL.search(mention.left)))


def _device_type(text: str, right: str) -> str:
    if re.search(r"\bTPU|\bNPU|\bIPU", text):
        return "TPU" if "TPU" in text else "other"
    after = right[:40]
    if re.search(r"\b(?:Xeon|EPYC|Ryzen|Core i\d|Threadripper)\b", text) or re.match(r"^\W*(?:\w+\W+)?(?:CPUs?|processors?)\b", after, re.I):
        return "CPU"
    if re.search(r"GeForce|Quadro|Radeon|Instinct|\bRTX\b|\bGTX\b|\bGPU", text) or re.match(
            r"^\W*(?:\w+\W+)?(?:GPUs?|graphics|cards?|accelerators?)\b", after, re.I):
        return "GPU"
    return "other"


@normalizer("ner_hardware")
def ner_hardware(mention: Mention) -> Values:
    """An unseen device: the name as given; type, vendor, count and memory from the sentence."""
    if _rejected(mention) or is_comparison(mention.left):
        return None
    text = " ".join(mention.text.split())
    vendor = next((v for v, pattern in _VENDORS if re.search(pattern, text)), None)
    model = _VENDOR_WORD.sub("", text) or text
    type_ = _device_type(text, mention.right)
    plural = is_plural(text, mention.right)
    count = count_after(mention.right) or count_before(mention.left, singular_default=not plural)
    if count is None and not plural and single_machine(mention.left):
        count = 1
    memory = memory_after(mention.right) if type_ in ("GPU", "TPU") else None
    return [device(type_, vendor, model, count, memory)]


_PACKAGE_RIGHT = re.compile(r"^\s*(?:\(?\s*(?:version|v)?\s*\d+(?:\.\w+)+|(?:R\s+|Python\s+)?(?:package|library|toolbox|toolkit|module|plugin|pipeline|framework|software|tool)\b)", re.IGNORECASE)
_PACKAGE_LEFT = re.compile(r"\b(?:package|library|toolbox|toolkit|module|plugin|software|tool|libraries|packages)\s+$", re.IGNORECASE)


@normalizer("ner_framework")
def ner_framework(mention: Mention) -> Values:
    """``{name, version}``; the version comes from the paired VERSION span (group ``version``).

    Package names are often all lower-case ("sonotaxa 0.8.3"); such a name is kept when a
    version or a word like "package" or "library" stands next to it.
    """
    version = mention.groups.get("version")
    if _plain_word(mention.text):
        return None  # "Section 2.5.1", "vs. 0.02", "can"
    plain = not re.search(r"[A-Z0-9]", mention.text)
    if plain and (version or _PACKAGE_RIGHT.match(mention.right) or _PACKAGE_LEFT.search(mention.left)):
        if not name_like(mention.text, True) or looks_like_reference(mention.sentence, mention.start, mention.end) \
                or _IN_URL.search(mention.left):
            return None
    elif _rejected(mention):
        return None
    if version:
        version = re.sub(r"^[vV](?=\d)", "", version.strip())
        if not re.match(r"^\d+(?:\.\w+){0,4}$", version):
            version = None
    return [{"name": " ".join(mention.text.split()), "version": version or None}]


_DATA_WORD = re.compile(
    r"\b(?:data\s?sets?|data|benchmarks?|corpus|corpora|images?|imagery|scenes|recordings|clips|videos|collection"
    r"|challenge|splits?|archive|database|samples|annotations|labels|subset|tasks?)\b", re.IGNORECASE)


@normalizer("ner_dataset")
def ner_dataset(mention: Mention) -> Values:
    """``{name, role}``. Like the pattern rule ``datasets.named``, a name whose role the
    sentence does not show (trained / tested / pre-trained on it) needs a data word next
    to it ("the xBD image pairs"): a tool or a model tagged as a dataset rarely has one."""
    if _rejected(mention):
        return None
    name = re.sub(r"^(?:The|the)\s+", "", " ".join(mention.text.split()))
    role = dataset_role(mention.sentence, mention.start, mention.end)
    if role == "unknown" and not (_DATA_WORD.search(mention.right[:60]) or _DATA_WORD.search(mention.left[-30:])):
        return None
    return [{"name": name, "role": role}]


@normalizer("ner_architecture")
def ner_architecture(mention: Mention) -> Values:
    if _rejected(mention):
        return None
    return [{"name": " ".join(mention.text.split()), "family": None}]


# a metric is a metric where a sentence evaluates: an evaluation word or a score-like number
_EVALUATES = re.compile(
    r"\b(?:evaluat\w*|assess\w*|measur\w*|report\w*|scor\w*|achiev\w*|reach\w*|obtain\w*|yield\w*|metrics?"
    r"|performance|accuracy|precision|recall|compar\w*|validation|test(?:ed|ing)?|outperform\w*|improv\w*)\b"
    r"|\d\s*%|(?<![\d.])0?\.\d+\b|[=:]\s*\d", re.IGNORECASE)


_METRIC_HEAD = re.compile(
    r"(?i:score|error|rate|index|accuracy|precision|recall|loss|coefficient|ratio|distance|measure|fidelity|"
    r"agreement|deviation|bias|correlation|overlap|similarity|divergence|entropy|likelihood|gain|regret|"
    r"coverage|sensitivity|specificity|statistic|skill|curve|area|mean|median|percent|proportion|F\d|AUC|IoU|mAP)")


@normalizer("ner_metric")
def ner_metric(mention: Mention) -> Values:
    if _rejected(mention, metric=True):
        return None
    if not _EVALUATES.search(mention.left + " " + mention.right):
        return None  # "converted to log-mel spectrograms": no evaluation in sight
    if not (_METRIC_HEAD.search(mention.text) or re.fullmatch(r"[A-Z][A-Za-z0-9@.\-]{1,12}", mention.text)):
        return None  # "researchers rely": a metric names a measure or is an acronym
    return [{"name": " ".join(mention.text.split())}]


NORMALIZER_OF = {"hardware": "ner_hardware", "framework": "ner_framework", "datasets": "ner_dataset",
                 "architecture": "ner_architecture", "metrics": "ner_metric"}
