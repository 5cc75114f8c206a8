"""Normalisers for the ``pretraining`` field: ``{"pretrained": bool, "source": str | None}``.

``source`` is the canonical name of a dataset from ``rules/catalogues/datasets.yml``
("ImageNet", "COCO", "AudioSet" ...) when the sentence ties one to the pretraining, else
None ("we fine-tuned a pretrained YOLOv5s" says nothing about the source).

Choosing the source: every catalogue dataset in the sentence is scored by how it is tied
to the pretraining words:

* 3 -- "pre-trained on/with/from D", "initialised with D weights", "D-pretrained",
  "D weights", "weights='imagenet'", "transfer learning from D";
* 2 -- "trained on D" (in a sentence that is about pretraining);
* 1 -- a generic pretraining corpus (ImageNet, COCO, AudioSet ...; catalogue attr
  ``pretraining_source``) merely present in the sentence;
* excluded -- the target of the fine-tuning or an evaluation set: "fine-tuned on D",
  "then trained on D", "tested on D".

The best-scored datasets are the sources. Negative statements ("trained from scratch",
"randomly initialised weights", "without pre-training") give ``pretrained: false`` via
:func:`not_pretrained`; those rules run with ``context: false`` (the context step would
drop them as negated), so this function does its own checks for hypothetical, generic
and other people's statements.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

from ..catalogues import Entry, get_catalogue
from . import Mention, Values, normalizer
from .cues import OWN_WORK, looks_like_reference

CATALOGUE = "datasets"
_I = re.IGNORECASE

_PRETRAIN = r"pre[\s\-\u2010\u2011]*train\w*|pretrain\w*"
_FINETUNE = r"fine[\s\-\u2010\u2011]*tun\w*|finetun\w*"
_TRANSFER = r"transfer[\s\-\u2010\u2011]*learn\w*"
_POSITIVE_CUE = re.compile(rf"{_PRETRAIN}|{_FINETUNE}|{_TRANSFER}|\btransferr?(?:ed|ing)?\b", _I)

# the last verb-like word before a dataset decides whether it is the source or the target
_VERB = re.compile(
    rf"(?P<pre>{_PRETRAIN}|initiali[sz]\w*|weights|checkpoints?|transfer\w*(?:\s+learning)?|"
    rf"(?:originally|previously|already|first)\s+trained|learn(?:ed|t)\s+representations?)|"
    rf"(?P<target>{_FINETUNE}|re-?train\w*|tested|testing|evaluat\w*|validat\w*|applied|adapted|"
    rf"(?:then|subsequently|later|afterwards|further|finally)\s+(?:\w+\s+)?trained)|"
    rf"(?P<plain>\btrained|\blearned|\blearnt|\bderived|\bobtained)", _I)
_TIE = re.compile(r"^\s+(?:(?!then\b|and\b|but\b|while\b)\S+\s+){0,7}?(?P<prep>on|from|with|using|in|by|of|to|into)\s+"
                  r"(?:the\s+|a\s+|an\s+)?(?:\S+\s+){0,3}?$", _I)
_COORDINATED = re.compile(r"^\W*(?:\([^()]{0,80}\)\W*)?(?:,|and|or|&|as well as|,\s*and)\s+(?:the\s+|on\s+|with\s+)?$", _I)
_WEIGHTS_EQ = re.compile(r"weights\s*=\s*['\"\u2018\u2019\u201c]?\s*$", _I)
_ADJ_RIGHT = re.compile(
    rf"^[\s\-\u2010\u2011\u2013]*(?:{_PRETRAIN}|trained|weights|checkpoints?|initiali[sz]\w*|"
    rf"based\s+(?:{_PRETRAIN})|(?:pre-?)?trained\s+weights|model\s+weights|initial\s+weights)\b", _I)


def _score(sentence: str, start: int, end: int, entry: Entry) -> float:
    left = sentence[max(0, start - 110):start]
    right = sentence[end:end + 40]
    if _ADJ_RIGHT.match(right):
        return 3.0
    if _WEIGHTS_EQ.search(left):
        return 3.0
    verbs = list(_VERB.finditer(left))
    if verbs:
        last = verbs[-1]
        between = left[last.end():]
        tie = _TIE.match(" " + between.lstrip())
        if tie or not between.strip():
            if tie and tie.group("prep").lower() in ("to", "into"):
                return -1.0  # "transfer learning applied to D", "transferred to D": D is the target
            if last.group("target"):
                return -1.0
            if last.group("pre"):
                return 3.0
            return 2.0
    # "tested on D" further away still marks D as an evaluation set
    if re.search(r"\b(?:tested|evaluated|validated|benchmarked)\s+(?:\S+\s+){0,4}?(?:on|with|using)\s+"
                 r"(?:the\s+)?(?:\S+\s+){0,2}?$", left, _I):
        return -1.0
    if entry.attrs.get("pretraining_source"):
        return 1.0
    return 0.5


def find_sources(sentence: str, generic_only: bool = False, explicit: bool = True,
                 cue_end: int = 0) -> List[str]:
    """Canonical names of the datasets the sentence says a model was pretrained on.

    >>> find_sources("The backbone was pre-trained on ImageNet and fine-tuned on DeepWeeds.")
    ['ImageNet']
    """
    catalogue = get_catalogue(CATALOGUE)
    scored: List[Tuple[float, str]] = []
    previous: Optional[Tuple[int, float]] = None  # (end, score) of the dataset before
    for start, end, entry in catalogue.find_all(sentence):
        score = _score(sentence, start, end, entry)
        if previous is not None and score in (0.5, 1.0) and _COORDINATED.match(sentence[previous[0]:start]):
            score = previous[1]  # "pre-trained on COCO and iNaturalist 2017": both are sources
        previous = (end, score)
        if generic_only and not entry.attrs.get("pretraining_source"):
            continue
        if score == 0.5 and start < cue_end:
            continue  # an untied dataset before the pretraining words is not its source
        if score > 0:
            scored.append((score, entry.name))
    if not scored:
        return []
    best = max(s for s, _ in scored)
    if best < 1:
        # an unnamed tie: keep it only for an explicit pretraining statement with one candidate
        names = {n for _, n in scored}
        return sorted(names) if explicit and len(names) == 1 else []
    out: List[str] = []
    for score, name in scored:
        if score == best and name not in out:
            out.append(name)
    return out


# ------------------------------------------------------------------------- rejections
_ALTERNATIVE_BEFORE = re.compile(
    r"(?:\brather than|\binstead of|\bas opposed to|\bin place of|\bnon|\bun)[\s\-]*(?:(?:using|a|an|the|any|from|with|on)\s+){0,2}$", _I)
_HYPERPARAMETER_RIGHT = re.compile(
    r"^\W*(?:(?:the|its|their|our|model|these|those|all|of|some|a|few|several|various|other|key|main|"
    r"relevant|respective)\s+){0,3}(?:hyper[\s\-]?parameters?|learning[\s\-]rates?|thresholds?|settings?|"
    r"coefficients?|configurations?|grid|search\b|n_estimators|regulari[sz]ation\s+(?:strength|parameters?)|"
    r"mtry|cost\s+parameter)", _I)
_PARAMETERS_RIGHT = re.compile(
    r"^\W*(?:(?:the|its|their|our|model|these|those|all|of|some|a|few|several|various|other|key|main)\s+){0,3}"
    r"(?:parameters?|values?)\b", _I)
_DL_CUE = re.compile(rf"{_PRETRAIN}|\blayers?\b|\bbackbone|\bepochs?\b|{_TRANSFER}|\bnetwork weights|ImageNet|"
                     r"\bCNNs?\b|\bconvolutional|\bneural|\bdeep\b", _I)
_HYPERPARAMETER_LEFT = re.compile(r"hyper[\s\-]?parameters?[^.;]{0,40}$|(?:learning rate|thresholds?)\s+(?:was|were)\s+$", _I)


def _hyperparameter_tuning(mention: Mention) -> bool:
    """'fine-tuning the learning rate', 'hyperparameters were fine-tuned' -- not pretraining."""
    right = mention.right[:80]
    if _HYPERPARAMETER_RIGHT.match(right) or _HYPERPARAMETER_LEFT.search(mention.left[-60:]):
        return True
    if _PARAMETERS_RIGHT.match(right) and not _DL_CUE.search(mention.sentence):
        return True
    return False


def _value(pretrained: bool, source: Optional[str]) -> Dict[str, Any]:
    return {"pretrained": pretrained, "source": source}


_LOWER_VERB = re.compile(
    r"\b(?:(?i:we|our|us)|was|were|is|are|be|been|has|have|had|can|could|uses|use|apply|train|allows?|"
    r"enables?|involves?|consists?|shows?|compare|compares|found|improves?|led|requires?|provides?|helps?|"
    r"did|does|do|began|begun|ran|run|took|made|gave|given|chosen|taken|shown|seen|done|went|serves?|"
    r"starts?|became)\b")


# a lower-case past form not glued by a hyphen ("served", "started"; not "pre-trained") and
# not one of the participles that titles use as adjectives
_PAST_VERB = re.compile(r"(?<![\w\-])(?!(?:based|supervised|unsupervised|labell?ed|annotated|related|advanced|"
                        r"automated|integrated|distributed|embedded|detailed|weighted|limited|informed|"
                        r"enhanced|guided|driven|assisted)\b)[a-z]{3,}ed\b")


_NOTE_LABEL = re.compile(r"^\W*(?:backbone|model|architecture|network|encoder|feature\s+extractor|(?:initial\s+|starting\s+)?weights|initiali[sz]ation|init|"
                         r"pre-?training|transfer(?:\s+learning)?|set-?up|settings?)\s*[:=]\s", re.I)


def _title_fragment(sentence: str) -> bool:
    """A short verb-less sentence ending in a full stop: a reference title split off its
    entry ("A survey of transfer learning.", "AlexNet with transfer learning.")."""
    text = sentence.strip()
    if not text.endswith("."):
        return False  # headings and table cells carry no full stop
    if _NOTE_LABEL.match(text):
        return False  # "Backbone: EfficientNet-B3 (ImageNet weights).": a terse note of the methods
    words = re.findall(r"[A-Za-z][A-Za-z\-]*", text)
    return len(words) < 15 and not _LOWER_VERB.search(text) and not _PAST_VERB.search(text)


_CAPITALISED_WORD = re.compile(r"[A-Z][\w\-]*[\s\-]*$")


def _in_proper_name(mention: Mention) -> bool:
    """A capitalised "Pre-trained" inside a model's name, not a statement about training:
    "Generative Pre-trained Transformer", "Contrastive Language-Image Pre-Training"."""
    text = mention.text.lstrip()
    if not text[:1].isupper() or not mention.left.strip():
        return False  # lower case, or the first word of the sentence
    return bool(_CAPITALISED_WORD.search(mention.left)) or bool(re.match(r"^[\s\-]*[A-Z]", mention.right))


_TRAINED_BEINGS = re.compile(
    r"\b(?:dogs?|animals?|rats?|bees|horses|handlers|observers?|volunteers?|staff|students?|people|annotators?|"
    r"experts?|participants?|surveyors?|assessors?|raters?)\s*,?\s*(?:(?:who|which|that)\s+)?"
    r"(?:(?:were|was|had\s+been|have\s+been|has\s+been)\s+)?$", _I)


_ON_IT = re.compile(r"\bon\s+(?:it|this|that|these|them|this\s+\w+)\s*$", re.I)


@normalizer("pretraining")
def pretraining(mention: Mention) -> Values:
    """A pretraining / fine-tuning / transfer-learning mention -> ``pretrained: true`` values.

    ``params``: ``cue`` (pretrain | finetune | transfer | weights | trained_on) and
    ``generic_only`` (true: keep the match only when it ties a generic pretraining corpus,
    used for the plain "trained on ImageNet").
    """
    sentence = mention.sentence
    if looks_like_reference(sentence, mention.start, mention.end):
        return None
    if _title_fragment(sentence):
        return None
    if _in_proper_name(mention):
        return None
    cue = mention.params.get("cue", "pretrain")
    if _TRAINED_BEINGS.search(mention.left[-40:]):
        return None  # "two detection dogs, pre-trained on crayfish odour": animals or people, not a model
    if _ALTERNATIVE_BEFORE.search(mention.left[-30:]):
        return None  # "rather than using pretrained weights", "non-pretrained", "untrained"
    if cue == "finetune" and _hyperparameter_tuning(mention):
        return None
    if cue == "weights" and re.search(r"\brandom\w*|\bdefault\b|\bzeros?\b|\bXavier\b|\bGlorot\b|\bHe\s+(?:normal|uniform)",
                                      mention.text, _I):
        return None  # "initialised with random weights" is handled by pretraining.not_pretrained
    generic_only = bool(mention.params.get("generic_only"))
    sources = find_sources(sentence, generic_only=generic_only, explicit=cue == "pretrain",
                           cue_end=mention.end)
    if not sources and mention.previous and _ON_IT.search(mention.text):
        # "The ImageNet collection holds 1.28 million photographs. The starting weights of our
        # backbone came from training on it": the sentence before names the source
        named = [e.name for _, _, e in get_catalogue(CATALOGUE).find_all(mention.previous)]
        sources = named[:1]
    if generic_only and not sources:
        return None
    if not sources:
        return [_value(True, None)]
    return [_value(True, s) for s in sources]


# ------------------------------------------------------------------- pretrained: false
_HYPOTHETICAL_LEFT = re.compile(r"(?-i:\b(?:could|would|might|should|may|can|cannot|must)\b)|\bif\b|\bfuture\b|\bunless\b", _I)
_ATTRIBUTED = re.compile(
    r"\bet al\b|\b(?:previous|prior|earlier|other|existing|many|several|most|some)\s+(?:\w+\s+)?"
    r"(?:studies|study|works?|research|researchers|authors|papers|approaches)\b|\b(?:they|their)\b", _I)
# "its weights initialised following He et al.": a method cited, not someone else's model
_METHOD_CITATION = re.compile(
    r"\b(?:following|after|as\s+(?:in|by|described\s+(?:by|in)|proposed\s+by|suggested\s+by|recommended\s+by)|"
    r"according\s+to|(?:proposed|described|introduced|suggested|recommended)\s+by)\s+"
    r"[A-Z][\w\-']+(?:\s+(?:and|&)\s+[A-Z][\w\-']+)?\s+et\s+al\b\.?(?:\s*\(?\d{4}\w?\)?)?")
_OWN = OWN_WORK
_GENERIC_RIGHT = re.compile(
    r"^\W*(?:\S+\s+){0,5}?(?:requires?|needs?|demands?|is\s+(?:\w+\s+)?(?:costly|expensive|time|difficult|"
    r"challenging|impractical|infeasible|prone|slow|hard)|are\s+(?:\w+\s+)?(?:costly|expensive|difficult|prone))\b", _I)
_MODAL_RIGHT = re.compile(r"^\W*(?:\S+\s+){0,1}?(?-i:(?:could|would|might|may|should|can)\b)", _I)
_COMPARISON = re.compile(r"\b(?:than|compared?|comparison|comparing|versus|vs\.?|outperform\w*|relative to|baseline|"
                         r"with and without|both)\b", _I)
_NEGATED_CUE_BEFORE = re.compile(r"(?:\bnot|\bno|\bwithout|\brather than|\binstead of|\bnon)[\s\-]+(?:\w+[\s\-]+){0,2}$", _I)
_TRAIN_VERB_LEFT = re.compile(r"\b(?:train\w*|learn\w*|initiali[sz]\w*|optimi[sz]\w*|fit|fitted|fitting|re-?train\w*|"
                              r"(?:network|model|CNN|classifier|detector)s?\s+(?:started|began|starts|begins))\b"
                              r"[^.;]{0,70}$", _I)
_NOT_TRAINING_SCRATCH = re.compile(r"\b(?:code|coded|written|wrote|implemented|programm\w*|scripts?|software|pipeline|"
                                   r"annotat\w*|dataset|database)\b[^.;]{0,30}$", _I)
_LAYER_WORDS = re.compile(r"\b(?:output|classification|final|last|new|newly|added|top|fully[\s\-]?connected|FC|dense|"
                          r"softmax|head|heads|classifier|bias|biases|decoder|extra|additional)\b", _I)
_REPEATED_RUNS = re.compile(r"\b(?:different|multiple|several|each|seeds?|runs|repeat\w*|independent|times|"
                            r"randomness|such as|e\.g\.)\b", _I)
_NETWORK_WORDS = re.compile(r"\b(?:weights?|networks?|models?|parameters|layers?|CNNs?|neural|nets?|DNNs?|ANNs?|"
                            r"backbones?|encoders?)\b", _I)


def _has_positive_cue(sentence: str, span: Tuple[int, int] = (0, 0)) -> bool:
    """A pretraining word outside ``span`` (the negative match itself) that is not negated."""
    for m in _POSITIVE_CUE.finditer(sentence):
        if span[0] <= m.start() < span[1]:
            continue
        if not _NEGATED_CUE_BEFORE.search(sentence[:m.start()]) and not _NEGATED_CLAUSE.search(sentence[:m.start()]):
            return True
    return False


# "...; no weights from other basins or tasks were transferred": the clause is negated
_NEGATED_CLAUSE = re.compile(r"(?:^|[;:]\s*)(?:no|none\s+of\s+the|neither)\b[^;:,.]*$", _I)


@normalizer("not_pretrained")
def not_pretrained(mention: Mention) -> Values:
    """'trained from scratch', 'randomly initialised', 'without pre-training' -> ``pretrained: false``.

    ``params.kind``: scratch | random_init | negated. Rejects hypothetical ("could be trained
    from scratch"), generic ("training from scratch requires much data"), other people's
    ("they trained it from scratch") and comparison-baseline statements ("better than the
    model trained from scratch"), and random initialisation of a new head only.
    """
    sentence = mention.sentence
    if looks_like_reference(sentence, mention.start, mention.end):
        return None
    kind = mention.params.get("kind", "scratch")
    left = mention.left
    if _HYPOTHETICAL_LEFT.search(left):
        return None
    if _ATTRIBUTED.search(_METHOD_CITATION.sub(" ", sentence)) and not _OWN.search(sentence):
        return None
    if _GENERIC_RIGHT.match(mention.right) or _MODAL_RIGHT.match(mention.right):
        return None
    if kind == "scratch":
        if not _TRAIN_VERB_LEFT.search(left):
            return None
        if _NOT_TRAINING_SCRATCH.search(left[-60:]):
            return None
    if kind == "random_init":
        window = sentence[max(0, mention.start - 60):mention.end + 60]
        if _LAYER_WORDS.search(window) or _REPEATED_RUNS.search(sentence):
            return None
        if not _NETWORK_WORDS.search(sentence):
            return None  # "t-SNE ordination used a random initialization"
    if re.search(r"\bwith and\s+$", left, _I):
        return None  # "with and without pre-training": both arms
    if _has_positive_cue(sentence, (mention.start, mention.end)) and (kind == "negated" or _COMPARISON.search(sentence)):
        return None  # "pre-trained and not pre-trained CNNs", "better than the model trained from scratch"
    return [_value(False, None)]


__all__ = ["pretraining", "not_pretrained", "find_sources"]
