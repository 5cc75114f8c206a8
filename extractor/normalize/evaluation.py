"""Normalisers for the evaluation and use fields (CQ21-28) and for training_time.

Value shapes (one per field, always the same keys):

* training_time    -- ``{phase: training|inference, duration_s: float|None, rate: str|None, text: str}``:
  ``duration_s`` is a total duration in seconds ("training took 36 h" -> 129600.0);
  a time per unit or a throughput is a ``rate`` instead ("0.3 s/image", "12 min/epoch",
  "25 fps"), with ``duration_s`` None -- except the time to train one model ("each run
  took 35 min", "one fold took 50 min"), which is both a rate and a training duration.
  ``text`` is the phrase as written.
* postprocessing   -- ``{step}``, e.g. "non-maximum suppression", "confusion matrix".
* metrics          -- ``{name}``, the canonical name from ``rules/catalogues/metrics.yml``.
* generalizability -- ``{measure}``, e.g. "cross-validation", "independent test set".
* randomness       -- ``{method, seed, runs}``: method "fixed seed" | "repeated runs" |
  "random split" | "deterministic settings" | "shuffling"; seed the seed as written
  ("42") or None; runs the number of repeated runs or None.
* purpose          -- ``{task, target}``: task from a controlled vocabulary (see
  ``TASKS``), target the thing classified/detected/predicted as written ("bird species")
  or None.
* bias_handling    -- ``{technique}``, e.g. "class weights", "oversampling".
* deployment       -- ``{target, detail}``: target one of ``DEPLOYMENT_TARGETS``, detail
  a name ("Raspberry Pi 4", "TensorFlow Lite") or None.

Most rules of postprocessing, generalizability and bias_handling only need a fixed or
pattern-chosen label: :func:`labelled` does that for all three fields.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, List, Mapping, Optional, Tuple

from ..catalogues import get_catalogue
from . import Mention, Values, normalizer
from .cues import image_processing_only, looks_like_reference, names_a_model
from .quantities import parse_number

_I = re.IGNORECASE


@lru_cache(maxsize=None)
def _rx(pattern: str) -> "re.Pattern[str]":
    return re.compile(pattern, _I)


# a sentence whose subject stands for what the sentence before named: "It now runs on ...",
# "They were ...", "The app works ..." is not this (a noun subject names itself)
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:(?:now|since\s+then|today|currently|also|in\s+addition|then),?\s+)?(?-i:It|They)\s+"
                              r"(?!(?:is|was)\s+(?:\w+\s+)?(?:that|to|possible|likely|worth|clear|important|necessary|known)\b)", _I)


def _guards_ok(mention: Mention, spec: Mapping[str, Any], window: int = 80) -> bool:
    """Applies the optional guard keys of a rule's params or a catalogue entry's attrs.

    ``requires_regex``/``near`` -- the sentence must match (``requires_in_previous``: or, when
    it opens with "It" or "They", the sentence before); ``reject_before`` -- the text
    before the mention must not end with it; ``reject_after`` -- the text after it must not
    start with it; ``reject_regex`` -- the sentence must not match; ``vague_before`` -- the
    text before the mention must not end with it unless a number follows the mention
    ("to improve the accuracy" is prose, "improved the accuracy to 0.91" a result).
    """
    if spec.get("requires_regex") and not _rx(spec["requires_regex"]).search(mention.sentence) \
            and not (spec.get("requires_in_previous") and mention.previous and _PRONOUN_SUBJECT.match(mention.sentence)
                     and _rx(spec["requires_regex"]).search(mention.previous)):
        return False  # (with requires_in_previous, "It" or "They" opening the sentence may stand for what the sentence before names)
    if spec.get("near"):
        lo = max(0, mention.start - window)
        if not _rx(spec["near"]).search(mention.sentence[lo:mention.end + window]):
            return False
    if spec.get("reject_regex") and _rx(spec["reject_regex"]).search(mention.sentence):
        return False
    if spec.get("reject_before") and _rx(f"(?:{spec['reject_before']})$").search(mention.left):
        return False
    if spec.get("reject_after") and _rx(spec["reject_after"]).match(mention.right):
        return False
    if (spec.get("vague_before") and _rx(f"(?:{spec['vague_before']})$").search(mention.left)
            and not re.search(r"\d", _NOT_A_RESULT.sub(" ", mention.right[:100])[:40])):
        return False
    if spec.get("vague_before") and _MODAL_AFTER.match(mention.right) and not re.search(r"\d", mention.right[:40]):
        return False  # "model accuracy could be enhanced by ..."
    return True


# numbers after a metric that are not its value: a citation's year, a table or figure number
_NOT_A_RESULT = re.compile(r"\([^()]*\b(?:19|20)\d\d[a-z]?\b[^()]*\)|\b(?:Fig(?:ure)?s?\.?|Tables?|Eqs?\.?|Equations?|"
                           r"Sections?|Appendix)\s*[A-Z]?\d+(?:\.\d+)?[a-z]?", _I)
_MODAL_AFTER = re.compile(r"^\s+(?:\w+\s+)?(?-i:could|might|may|would|should|can)\s+(?:also\s+|further\s+|still\s+)?be\b", _I)


# ---------------------------------------------------------------------------- metrics
def metric_name(text: str) -> Optional[str]:
    """Canonical metric name for a mention, or None.

    >>> metric_name("F1-scores")
    'F1 score'
    >>> metric_name("mean Average Precision")
    'mAP'
    """
    cat = get_catalogue("metrics")
    entry = cat.lookup(text)
    if entry is None:
        return None
    return entry.attrs.get("canonical", entry.name)


@normalizer("metric")
def metric(mention: Mention) -> Values:
    """``{name}`` for a metrics-catalogue mention; guard keys of the entry apply."""
    cat = get_catalogue("metrics")
    entry = cat.lookup(mention.text)
    if entry is None or not _guards_ok(mention, entry.attrs):
        return None
    if looks_like_reference(mention.sentence, mention.start, mention.end):
        return None
    return [{"name": entry.attrs.get("canonical", entry.name)}]


@normalizer("metric_step")
def metric_step(mention: Mention) -> Values:
    """A metric that is also a postprocessing step (confusion matrix) -> ``{step}``."""
    cat = get_catalogue("metrics")
    entry = cat.lookup(mention.text)
    if entry is None or not entry.attrs.get("postprocessing") or not _guards_ok(mention, entry.attrs):
        return None
    if looks_like_reference(mention.sentence, mention.start, mention.end):
        return None
    return [{"step": entry.attrs.get("canonical", entry.name)}]


# ---------------------------------------------------------------------------- labelled steps
@normalizer("labelled")
def labelled(mention: Mention) -> Values:
    """A one-key value whose label comes from the rule's params.

    params: ``key`` (step|measure|technique), ``label`` (the default label), ``labels``
    (a list of ``[regex, label]`` pairs tried on the matched text, then on the sentence
    when ``label_from_sentence`` is true; the first that matches wins), and the guard keys
    of :func:`_guards_ok`. A label of ``null`` rejects the match.
    """
    p = mention.params
    if not _guards_ok(mention, p, int(p.get("window", 80))):
        return None
    if looks_like_reference(mention.sentence, mention.start, mention.end):
        return None
    label = p.get("label")
    chosen = None
    for pattern, lab in p.get("labels") or []:
        if _rx(pattern).search(mention.text):
            chosen = (lab,)
            break
    if chosen is None and p.get("label_from_sentence"):
        for pattern, lab in p.get("labels") or []:
            if _rx(pattern).search(mention.sentence):
                chosen = (lab,)
                break
    if chosen is not None:
        label = chosen[0]
    if label is None:
        return None
    return [{p.get("key", "step"): label}]


# ---------------------------------------------------------------------------- durations
_UNIT_SECONDS = [
    (r"ms|msec|milliseconds?", 0.001),
    (r"s|secs?|seconds?", 1.0),
    (r"min|mins|minutes?", 60.0),
    (r"h|hr|hrs|hours?", 3600.0),
    (r"d|days?", 86400.0),
    (r"weeks?|wks?", 604800.0),
    (r"months?", 2629800.0),
]
_UNIT = "|".join(u for u, _ in _UNIT_SECONDS)
# ("thirty-six hours" is 36, not a range from thirty to six)
_WORD_AMOUNT = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s\-](?:one|two|three|four|five|six|seven|eight|nine)|"
                r"a\s+quarter\s+of\s+an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+few|few|several|a\s+couple\s+of|couple\s+of|half\s+an?)")
_LONG_UNIT = r"milliseconds?|seconds?|minutes?|hours?|days?|weeks?|months?"
_PIECE = re.compile(
    rf"(?:(?<![\w.,])|(?<=\dh))(?:(?P<num>\d+(?:[.,]\d+)?)(?:\s*(?:-|–|to)\s*(?P<hi>\d+(?:[.,]\d+)?))?[\s\-]*(?:(?:GPU|CPU|core|node)[\s\-])?(?P<unit>{_UNIT}|(?<=\dh\d)m|(?<=\dh\d\d)m)|"
    rf"(?P<wnum>{_WORD_AMOUNT})(?P<frac>\s+and\s+an?\s+(?:half|quarter))?"
    rf"(?:\s*(?:-|–|to)\s*(?P<whi>\d+|two|three|four|five|six|seven|eight|nine|ten))?[\s\-]+(?P<wunit>{_LONG_UNIT})"
    rf"(?P<ufrac>\s+and\s+a\s+half)?)(?![^\W\d])", _I)
_FUZZY = {"a few": 3, "few": 3, "several": 4, "a couple of": 2, "couple of": 2, "a": 1, "an": 1,
          "half an": 0.5, "half a": 0.5, "a quarter of an": 0.25, "a quarter of a": 0.25}


def _unit_seconds(unit: str) -> float:
    if unit.lower() == "m":
        return 60.0  # minutes glued to hours ("3h20m"): _PIECE reads a bare "m" only there
    for pattern, seconds in _UNIT_SECONDS:
        if re.fullmatch(pattern, unit, _I):
            return seconds
    raise ValueError(unit)


def _amount(text: str) -> Optional[float]:
    t = " ".join(text.lower().split())
    if t in _FUZZY:
        return float(_FUZZY[t])
    if re.fullmatch(r"\d+,\d{1,2}", t):
        t = t.replace(",", ".")  # "1,5 h"
    value = parse_number(t)
    return float(value) if value is not None else None


def parse_duration(text: str) -> Optional[float]:
    """Seconds in a written duration; ranges give their mean; None if there is none.

    >>> parse_duration("36 h")
    129600.0
    >>> parse_duration("about two days")
    172800.0
    >>> parse_duration("3 h 20 min")
    12000.0
    >>> parse_duration("8-10 hours")
    32400.0
    >>> parse_duration("two and a half hours"), parse_duration("a day and a half")
    (9000.0, 129600.0)
    >>> parse_duration("thirty-six hours"), parse_duration("about fourteen hours")
    (129600.0, 50400.0)
    """
    total = 0.0
    found = False
    for m in _PIECE.finditer(text):
        amount = _amount(m.group("num") or m.group("wnum"))
        if amount is None:
            continue
        hi_text = m.group("hi") or m.group("whi")
        if hi_text:
            hi = _amount(hi_text)
            if hi is not None and hi > amount:
                amount = (amount + hi) / 2
        # "two and a half hours", "a day and a half"
        if m.group("frac"):
            amount += 0.25 if m.group("frac").lower().endswith("quarter") else 0.5
        if m.group("ufrac"):
            amount += 0.5
        total += amount * _unit_seconds(m.group("unit") or m.group("wunit"))
        found = True
    return round(total, 6) if found else None


_TRAIN_CUE = re.compile(r"\btrain(?!ed\s+(?:model|network|classifier|detector|CNN|ensemble|weights)\b)\w*|\bteach(?:ing)?\s+(?:the|our|a|it)\b|\btaught\b|\bteaching\s+(?:took|lasted|required|needed|ran)\b|\bpre-?train\w*|\bfine[\s\-]?tun\w*|\bepochs?\b|\b(?:re-?)?fit(?:ting|ted)?\b|\bconverge\w*|\bre-?train\w*|\blearning\b|"
                        r"\boptimi[sz]ation\b|\biterations?\b|\bcross[\s\-]?validation\b|\b(?:hyper-?parameter\s+)?tuning\b|"
                        r"\b(?:Optuna|grid|random|Bayesian|hyper-?parameter)\s+search\b|"
                        r"\b(?:full|whole|entire|complete|training|learning[\s\-]rate)\s+schedule\b|\bGPU[\s\-]hours?\b|"
                        # "a run took 35 min", "the final run", "each of the ten runs": a run is a training
                        # run unless it is a run of the trained model over data ("a run of the detector")
                        r"\b(?:a|one|the|each|every|final|full|complete|single|whole|experimental|ten|five|three|\d+)\s+"
                        r"(?:(?:cross[\s\-]?validation|CV|training|final|full)\s+)?runs?\b|"
                        # "Runs took nine hours each": runs that take hours are training runs
                        r"\bruns?\s+(?=(?:took|lasted|required|needed|converged)\b)"
                        r"(?!\s+(?:of|over|on|through)\s+(?:the\s+)?(?:trained|final|fitted|detector|classifier|model|network|pipeline))", _I)
_INFER_CUE = re.compile(r"\binferenc\w*|\binfer\b|\bpredict\w*|\bprocess(?!ors?\b)\w*|\bclassif\w*|\bdetect\w*|\bsegment\w*|"
                        r"\banaly[sz]\w*|(?<!training\s)(?<!fitting\s)\brun(?:s|ning)?\b|\breal[\s\-]time\b|\bfps\b|\bframes?\s+per\s+second|"
                        r"\bspeed\b|\blatency\b|\bthroughput\b|\bdeploy\w*|\bcomputation(?:al)?\s+time|\bexecution|"
                        r"\bruntime|\brun[\s\-]time|\bcount\w*|\bidentif\w*|\bannotat\w*|\bextract\w*|\bembedding\b|"
                        r"\bencod(?:e|es|ed|ing)\b|\bquer(?:y|ies)\b|\branking\b|\bretriev\w*", _I)
_STRONG_INFER_CUE = re.compile(r"\binferenc\w*|\binfer\b|\bpredict\w*|\bprocess(?!ors?\b)\w*|(?<!training\s)(?<!fitting\s)\brun(?:s|ning)?\b|\breal[\s\-]time\b|"
                               r"\bfps\b|\bframes?\s+per\s+second|\bspeed\b|\blatency\b|\bthroughput\b|\bdeploy\w*|"
                               r"\bexecution|\bruntime|\brun[\s\-]time|\bapply\w*|\bapplied|\bonce\s+trained|"
                               r"\b(?:scoring|classifying|screening|analy[sz]ing|labell?ing|segmenting)\s+(?:a|an|one|each|every|the|all|new|\d)", _I)
_NOUN_AFTER = re.compile(
    r"\s*(?:(?:of\s+)?(?:computation|processing|compute|inference|training)\s+(?:time\s+)?)?"
    r"(?:per|/|for\s+(?:each|every|one|a\s+single|an?)|an?)\s*"
    r"(?:(?P<len>\d+(?:\.\d+)?[\s\-]*(?:min|minutes?|h|hours?|s|seconds?))[\s\-]+(?:long\s+)?)?"
    r"(?P<noun>image|frame|photo|picture|recording|file|clip|tile|patch|video|sample|spectrogram|"
    r"epoch|iteration|step|batch|fold|run|fit|model|minute\s+of\s+(?:audio|recording|video)|"
    r"hour\s+of\s+(?:audio|recording|video)|species|site|scene|sequence|orthomosaic|hectare|ha|km2|km²)s?\b", _I)
_TRAIN_NOUNS = {"epoch", "iteration", "step", "batch", "fold", "run", "model", "fit", "round", "pass"}
_FPS = re.compile(r"(?P<num>\d+(?:[.,]\d+)?)\s*(?:(?:fps|FPS|f/s)|(?P<what>frames?|images?|img|photos?|pictures?|samples?|tiles?)"
                  r"\s*(?:per\s+second|/\s*s(?:ec)?\b|s?\s+a\s+second))", _I)
_SPEED_CUE = re.compile(r"\binferenc\w*|\bdetect\w*|\bprocess(?!ors?\b)\w*|\brun(?:s|ning)?\b|\bspeed\b|\breal[\s\-]time\b|"
                        r"\bmodel\w*|\bnetwork\w*|\bdetector|\bclassifier|\bachiev\w*|\bthroughput|\blatency|\bYOLO\w*|"
                        r"\bGPU\b|\bpredict\w*|\bsegment\w*|\bclassif\w*", _I)
_RECORD_RATE = re.compile(r"\b(?:record\w*|film\w*|captur\w*|shot|acquir\w*|sampl\w*|frame\s+rate|video\w*\s+(?:at|of|with))\b[^.;]*$", _I)
_CUE_REJECT = re.compile(
    r"\b(?:record(?:ed|ings?)\s+(?:every|for|at|during)|(?:recorders?|cameras?|sensors?)\s+(?:were|was)\s+(?:set|programmed|deployed)|"
    r"interval|duty\s+cycle|exposure|shutter|flight|flew|survey(?:ed|s)?\s+(?:for|lasted)|sampling\s+(?:period|effort)|"
    r"incubat\w*|observ\w+\s+(?:for|during)|days?\s+after|\bage\b|\bold\b|dives?|tagged|lag\b|photoperiod|"
    r"(?:point|bird|fish|transect|vantage[\s\-]point)?\s*counts?\s+lasted|visits?\s+lasted|sessions?\s+lasted|\bsunrise\b|\bsunset\b|"
    r"\bbatter(?:y|ies)\b)", _I)


def _phase(sentence: str, start: int, end: int, noun: Optional[str]) -> Optional[str]:
    """training or inference: the cue nearest to the duration wins; unit nouns decide first."""
    if noun:
        n = noun.lower().split()[0]
        if n in _TRAIN_NOUNS:
            return "training"
        if re.search(r"\btrain\w*\s+(?:time|speed|duration)\b[^.;]{0,40}$", sentence[:start], _I):
            return "training"
        if re.match(r"\W*(?:fitting|training|calibrating|re-?training|fine-?tuning)\b", sentence[:start], _I):
            return "training"  # "Fitting the ensemble for one species required 40 min": the subject is a training
        return "inference"
    if re.match(r"\W*(?:once|after\s+being|when)\s+(?:fully\s+)?trained\b", sentence, _I):
        return "inference"  # "Once trained, it went through a night's recording in two minutes": the trained model at work
    best: Optional[Tuple[int, str]] = None
    # task words ("segmentation network") describe models of both phases: they decide
    # only when neither a training nor a strong inference word is present
    strong = [(_TRAIN_CUE, "training"), (_STRONG_INFER_CUE, "inference")]
    cues = strong if any(c.search(sentence) for c, _ in strong) else [(_INFER_CUE, "inference")]
    for cue, phase in cues:
        for m in cue.finditer(sentence):
            dist = start - m.end() if m.end() <= start else m.start() - end
            dist = abs(dist) + (0 if m.end() <= start else 15)  # cues before the duration weigh more
            if m.start() >= end and re.search(r"[,;]|\band\b", sentence[end:m.start()]):
                dist += 40  # "fitting took 12 min, and predicting the map took 40 min": another clause
            if best is None or dist < best[0]:
                best = (dist, phase)
    return best[1] if best else None


_LAB_SAMPLES = re.compile(r"\b(?:grab|water|soil|sediment|tissue|blood|faecal|fecal|plankton|filter|eDNA|laboratory|lab)\s+"
                          r"samples?\b|\bsample\s+batch(?:es)?\b", _I)
_PEOPLE = (r"(?:observers?|annotators?|volunteers?|staff|participants?|crews?|students?|rangers?|surveyors?|"
           r"technicians?|label(?:l)?ers?|field\s+teams?|personnel|assistants?|citizen\s+scientists?)")
_PEOPLE_TRAINING = re.compile(r"\b" + _PEOPLE + r"(?:['\u2019]s?)?\s+training\b|\btraining(?:\s+time)?\s+(?:of|for)\s+(?:the\s+|all\s+|new\s+)?"
                              r"(?:[\w\-]+\s+)?" + _PEOPLE + r"\b", _I)


# "a one-day training course on trap handling": a course for people
_COURSE_AFTER = re.compile(r"^[\s\-]*(?:of\s+)?training\s+(?:courses?|sessions?|workshops?|programmes?|programs?|days?|camps?)\b|"
                           # "three weeks of training to become confident at telling them apart": a person learning
                           r"^[\s\-]*(?:of\s+)?(?:training|practice)\s+(?:\w+\s+)?to\s+(?:become|be\s+able|learn|tell|recogni[sz]e|identify|distinguish)\b", _I)
# "the crew received two days of training", "after completing a two-day training": people are
# trained; a model is not said to receive or attend its training
_PEOPLE_GOT_TRAINING = re.compile(r"\b(?:receiv\w*|complet(?:ed|ing)|attend\w*|undergo\w*|underwent|took\s+part\s+in)\s+"
                                  r"(?:an?\s+|the\s+|their\s+)?$", _I)


# a subject that stands for what the sentence before described: "It took ...", "This took ...",
# "On that machine it took ..."
_ANAPHORIC_SUBJECT = re.compile(
    r"^\W*(?:(?:on|with|using|in)\s+(?:that|this|the\s+same|such\s+an?)\s+[\w\-]+(?:\s+[\w\-]+)?,?\s+)?"
    r"(?:it|this|that|these|they|each(?:\s+of\s+(?:them|these))?|the\s+(?:whole\s+|entire\s+)?(?:process|procedure|run|job|fit))\s+"
    r"(?:\w+ly\s+)?(?:took|takes|lasted|required|needed|ran|finished|completed|converged)\b", _I)


# field work on the equipment, not computing: "camera deployment ... took half a day"
_FIELD_WORK = re.compile(r"\b(?:cameras?|sensors?|recorders?|loggers?|tags?|traps?|hydrophones?|equipment|instruments?|buoys?|moorings?|"
                         r"stations?|collars?|nets?)\s+(?:deployment|installation|mounting|maintenance|servicing|retrieval|"
                         r"recovery|calibration|set[\s\-]?up)\b(?![^.;]{0,40}\b(?:model|network|detector|classifier|inference)\b)", re.IGNORECASE)


@normalizer("training_time")
def training_time(mention: Mention) -> Values:
    """``{phase, duration_s, rate, text}`` for a time statement about training or inference."""
    s = mention.sentence
    if looks_like_reference(s, mention.start, mention.end):
        return None
    text = " ".join(mention.text.split())
    forced = mention.params.get("phase")
    fps = _FPS.search(mention.text)
    if fps and not _PIECE.search(mention.text.replace(fps.group(0), "")):
        what = fps.group("what")
        unit = "fps" if not what or what.lower().startswith("frame") else f"{what.lower().rstrip('s')}s/s"
        rate = f"{fps.group('num').replace(',', '.')} {unit}"
        phase = forced or "inference"
        if not _SPEED_CUE.search(s) or _RECORD_RATE.search(s[max(0, mention.start - 50):mention.start]):
            return None
        return [{"phase": phase, "duration_s": None, "rate": rate, "text": text}]
    piece = _PIECE.search(mention.text)
    if piece is None:
        return None
    # the duration proper: from its first piece to the end of the last adjacent piece
    pieces = list(_PIECE.finditer(mention.text))
    for k in range(len(pieces) - 1, 0, -1):
        if not re.fullmatch(r"[\s,]*(?:and\s+)?", mention.text[pieces[k - 1].end():pieces[k].start()]):
            pieces = pieces[k:]  # "processes a one-minute recording in 3 s": the last duration only
            break
    dur_text = mention.text[pieces[0].start():pieces[-1].end()]
    seconds = parse_duration(dur_text)
    if seconds is None or seconds <= 0:
        return None
    abs_start = mention.start + pieces[0].start()
    abs_end = mention.start + pieces[-1].end()
    after = s[abs_end:abs_end + 60]
    noun = None
    um = _NOUN_AFTER.match(after)
    if um:
        noun = um.group("noun")
        if um.group("len"):
            noun = f"{um.group('len')} {noun}"
    if noun is None:
        # "each epoch took 12 min", "processing a 10-min recording takes 4 s"
        before = s[max(0, abs_start - 90):abs_start]
        um = re.search(r"(?:\b(?:each|every|one|a\s+single)\s+|\bper[\s\-]+|\ban?\s+(?=\d))(?:(?:\d+(?:\.\d+)?)[\s\-]*(?:min|minutes?|h|hours?|s|seconds?)[\s\-]+(?:long\s+)?)?"
                       r"(?P<noun>image|frame|photo|picture|recording|file|clip|tile|patch|video|sample|spectrogram|epoch|"
                       r"iteration|step|batch|fold|run|round|pass|model|species|site|scene|sequence|orthomosaic)s?\b(?![^.;]*\b(?:and|,)\s+(?:the\s+)?(?:whole|entire|total|all)\b)[^.;]{0,50}$",
                       before, _I)
        if um:
            noun = um.group("noun")
            lead = re.search(r"(\d+(?:\.\d+)?)[\s\-]*(min|minutes?|h|hours?|s|seconds?)[\s\-]+" + re.escape(um.group("noun")), um.group(0), _I)
            if lead:
                noun = f"{lead.group(1)}-{lead.group(2)} {um.group('noun')}"
    if _CUE_REJECT.search(s) and not re.search(r"\b(?:training|inference|processing\s+time|took|takes)\b", s, _I):
        return None
    if re.match(r"[^.;]{0,25}?\b(?:to|for|of)\s+(?:manually\s+)?(?:label|annotat|review|verif|collect|record|survey|image|scan|photograph|film|digiti[sz])\w*", s[abs_end:], _I):
        return None  # "we spent one hour to label the data": human effort, not computing time
    if re.search(r"\b(?:volunteers|annotators|experts|observers|technicians|students|participants|citizen\s+scientists|"
                 r"taxonomists|ornithologists|rangers|analysts|the\s+team)\s+(?:\w+\s+){0,3}?(?:took|needed|spent|required)\s*$",
                 s[max(0, abs_start - 80):abs_start], _I):
        return None  # "Volunteers took eleven weeks to classify the full set": people's time
    if image_processing_only(s):
        return None  # "processing the survey in Metashape took 14 h": photogrammetry, not the model
    if _FIELD_WORK.search(s[:abs_start]):
        return None  # "Camera deployment was done during a port call and took half a day per vessel"
    if _LAB_SAMPLES.search(s) and not names_a_model(s):
        return None  # "each batch of water samples was analysed within 24 hours": laboratory work
    if re.match(r"within\b", text, _I) and re.match(r"\s*(?:after|before|of|from|following|since)\b", s[abs_end:], _I):
        return None  # "counts peaked within six hours after rainfall": a time lag, not a run time
    if (_PEOPLE_TRAINING.search(s[:abs_start]) or _COURSE_AFTER.match(s[abs_end:])
            or (_PEOPLE_GOT_TRAINING.search(s[:abs_start]) and re.match(r"[\s\-]*(?:of\s+)?training\b", s[abs_end:], _I))):
        return None  # "observer training took two days", "a one-day training course": people were trained
    phase = forced or _phase(s, abs_start, abs_end, noun)
    if (phase is None and mention.previous and _ANAPHORIC_SUBJECT.match(s)
            and not re.search(r"\bet\s+al\b|\b(?:they|their|them)\b", mention.previous + " " + s, _I)):
        # "We fitted the ensemble to all 1.2 million points. This took nine days": the sentence
        # before says what "this" was
        phase = _phase(mention.previous, len(mention.previous), len(mention.previous), None)
    if phase is None:
        return None
    dur_written = " ".join(dur_text.split())
    if noun:
        # "each run took 35 min", "training one fold took 50 minutes": the time one model takes
        # to train is a training duration as well as a rate
        whole = phase == "training" and noun.lower() in _WHOLE_TRAINING_NOUNS
        return [{"phase": phase, "duration_s": seconds if whole else None,
                 "rate": f"{dur_written}/{noun.lower()}", "text": text}]
    return [{"phase": phase, "duration_s": seconds, "rate": None, "text": text}]


_WHOLE_TRAINING_NOUNS = {"run", "fold", "model", "fit", "species"}  # (species: one model each, as in SDMs)


# ---------------------------------------------------------------------------- randomness
# the value of a seed named before it: "the NumPy and PyTorch seeds were both fixed at 10",
# "fixed the seed for Python, NumPy and PyTorch to 2023"
_SEED_AFTER = re.compile(
    r"^[^.;\d]{0,45}?\b(?:to|at|as|=|:|with|value)\s*(?:the\s+)?(?:value\s+(?:of\s+)?|number\s+)?\(?(?P<v>\d{1,10})\b"
    r"(?![.,]\d|\s*(?:%|times|runs|folds?|epochs|seeds|different|repetitions|iterations|replicates|trials|"
    r"g\b|mg|kg|cm|mm|m\b|per\b|plants|days))", _I)


_SEED_RANGE = ("seedfrom", "seedto")  # "seeds 0 to 7": a range of seeds, not one seed


@normalizer("randomness")
def randomness(mention: Mention) -> Values:
    """``{method, seed, runs}``; params.method names the method, groups ``seed``/``runs`` fill the rest."""
    p = mention.params
    if not _guards_ok(mention, p, int(p.get("window", 80))):
        return None
    if looks_like_reference(mention.sentence, mention.start, mention.end):
        return None
    g = mention.groups
    seed = next((g[k] for k in sorted(g) if k.startswith("seed") and k not in _SEED_RANGE and g.get(k)), None)
    if seed is None and p.get("method", "fixed seed") == "fixed seed":
        m = _SEED_AFTER.match(mention.right)
        seed = m.group("v") if m else None
    runs_text = next((g[k] for k in sorted(g) if k.startswith("runs") and g.get(k)), None)
    runs = None
    if runs_text:
        n = parse_number(runs_text.lower().strip())
        if n is None or not (2 <= n <= 10000):
            return None
        if re.fullmatch(r"(?:19|20)\d\d", runs_text.strip()):
            return None  # "the 2022 and 2023 runs": the years of salmon runs, not a count of repeats
        runs = int(n)
    elif g.get("seedfrom") and g.get("seedto"):
        # "trained with seeds 0 to 7": one run per seed of the range
        first, last = int(g["seedfrom"]), int(g["seedto"])
        if 2 <= last - first + 1 <= 1000:
            runs = last - first + 1
    return [{"method": p.get("method", "fixed seed"), "seed": seed, "runs": runs}]


# ---------------------------------------------------------------------------- purpose
TASKS = (
    "classification", "detection", "semantic segmentation", "instance segmentation", "segmentation",
    "counting", "regression", "prediction", "forecasting", "estimation", "tracking", "localisation",
    "re-identification", "mapping", "anomaly detection", "denoising", "species distribution modelling",
    "pose estimation", "clustering", "generation", "super-resolution", "gap filling",
)
_TASK_WORDS = [
    (r"semantic(?:ally)?[\s\-]+segment", "semantic segmentation"),
    (r"instance[\s\-]+segment|panoptic", "instance segmentation"),
    (r"anomal|outlier|novelty", "anomaly detection"),
    (r"pose|keypoint|key-point|landmark", "pose estimation"),
    (r"re-?identif", "re-identification"),
    (r"species\s+distribution|habitat\s+suitability|ecological\s+niche|niche\s+model", "species distribution modelling"),
    (r"segment|delineat|outlin", "segmentation"),
    (r"detect|\bflag|\bfinds?\b|\bfound\b", "detection"),
    (r"classif|categori[sz]|identif|recogni[sz]|discriminat|distinguish|\blabel|annotat|sort|tells?\s+apart|^tell$|^name$|^put$|\bassign", "classification"),
    (r"count|enumerat|census|tall(?:y|ies|ied)", "counting"),
    (r"forecast|nowcast", "forecasting"),
    (r"predict|simulat", "prediction"),
    (r"estimat|quantif|retriev|regress", "estimation"),
    (r"track", "tracking"),
    (r"locali[sz]|locat|pinpoint", "localisation"),
    (r"\bmap", "mapping"),
    (r"denois|noise\s+reduction", "denoising"),
    (r"cluster", "clustering"),
    (r"generat|synthesi[sz]", "generation"),
    (r"super[\s\-]?resol", "super-resolution"),
    (r"gap[\s\-]?fill|imput", "gap filling"),
    (r"monitor", "detection"),
    (r"^modell?(?:ed|ing|s)?$", "prediction"),
]
_TARGET_STOP = re.compile(
    r"^(?:in|on|from|using|with|by|at|based|within|across|for|through|via|to|into|under|over|as|and|or|but|that|which|"
    r"who|whose|where|when|while|than|is|are|was|were|be|been|can|could|may|might|will|would|should|has|have|had|"
    r"do|does|did|per|between|among|amongst|after|before|during|without|along|such|including|e\.g\.|i\.e\.|"
    r"respectively|automatically|accurately|efficiently|simultaneously|directly|reliably|successfully|both|"
    r"only|also|here|then|thus|hence|we|our|their|its|it|these|those|this|they|them|captured|recorded|collected|"
    r"taken|obtained|acquired|present|presented|visible|contained|found|shown|given|provided|derived|produced|used|"
    r"etc|versus|vs|plus|of|serve|serves|remain|remains|become|becomes|seem|seems|appear|appears|helps|allows|enables|"
    r"requires|indicates|represents|occurs|occur|contains|includes)$", _I)
_DETERMINER = re.compile(r"^(?:the|a|an|all|any|each|every|some|several|multiple|many|"
                         r"different|various|specific|certain|potential|possible|new|unknown)\s+", _I)
_BAD_START = re.compile(
    r"\s*(?:(?:whether|how|which|what|if|why|who|where|when|them|it)\b|(?:its|their|his|her)\b(?=\s*(?:[^\w\s]|$)|\s+(?:own|importance|effects?|influence|impact|role|relevance|contribution|performance|accuracy)\b)|"
    # a demonstrative on its own ("to detect these"), not one before its noun ("flags these calls")
    r"(?:this|that|these|those)\b(?=\s*(?:[^\w\s]|$)|\s+(?:is|are|was|were|can|could|may|might|will|would|to|in|of|with|"
    r"by|for|from|and|or|as|at|on)\b)|the\s+(?:best|optimal|most|main|key)|"
    r"(?:the\s+|this\s+|these\s+|those\s+)?(?:best|optimal|key|main|important|significant|relevant|appropriate|suitable|potential)\b|"
    r"(?:the\s+|this\s+|these\s+|those\s+)?(?:factors?|differences?|effects?|relationships?|(?:hyper)?parameters?|drivers?|gaps?|limitations?|"
    r"problems?|issues?|research\s+(?:gaps?|questions?)|variables?|predictors?|thresholds?|trends?|patterns?|changes?)\b|"
    # "to detect overfitting": a check on the training, not what the model is for
    r"(?:signs\s+of\s+|any\s+|possible\s+|potential\s+)?(?:over[\s-]?fitting|under[\s-]?fitting|convergence|divergence|"
    r"vanishing\s+gradients?|exploding\s+gradients?)\b)", _I)
_BAD_TARGET = re.compile(
    r"^(?:(?:the|an?)$|whether|how|which|what|if|why|who|where|when|them|it|this|that|these|those|best|optimal|most|more|"
    r"factors?|differences?|effects?|relationships?|parameters?|hyperparameters?|performance|accuracy|"
    r"results?|changes?|trends?|patterns?|potential|importance|impacts?|influences?|role|feasibility|"
    r"ability|capacity|suitability|sensitivity|uncertaint\w*|errors?|gaps?|limitations?|problems?|issues?|"
    r"areas?\s+for|key|main|important|significant|relevant|appropriate|variables?|predictors?|"
    r"thresholds?|values?|number\s+of\s+(?:epochs|layers|iterations|trees)|weights?|features?|"
    r"model|models|network|networks|method|methods|approach|algorithm)\b", _I)


def task_of(word: str) -> Optional[str]:
    """The controlled task term for a task word ("classifying" -> "classification")."""
    for pattern, task in _TASK_WORDS:
        if re.search(pattern, word, _I):
            return task
    return None


def _target_after(text: str, max_words: int = 4) -> Optional[str]:
    """The noun phrase that starts ``text`` ("the bird species in the images" -> "bird species")."""
    t = text.lstrip(" :")
    t = re.sub(r"^(?:of|between)\s+", "", t, flags=_I)
    for _ in range(2):
        t = _DETERMINER.sub("", t)
    words: List[str] = []
    prev_end = 0
    for raw in re.finditer(r"[^\s,;:.()\[\]]+", t):
        w = raw.group(0)
        # stop at punctuation between the words
        if words and re.search(r"[,;:.()\[\]]", t[prev_end:raw.start()]):
            break
        if re.match(r"^[\d,.]+$", w) and not words:
            continue  # "12 bird species" -> "bird species"
        if _ADVERB.match(w) and not words:
            continue  # "to detect highly invasive plants" -> "invasive plants"
        if _TARGET_STOP.match(w) or (words and re.search(r"[a-z]{3}ing$", w)) or _ADVERB.match(w):
            break
        if _MATH.search(t[raw.end():raw.end() + 3]) or _MATH.search(w):
            return None  # "O_spe ∈ K is classified": a symbol of an equation, not a target
        words.append(w)
        prev_end = raw.end()
        if len(words) >= max_words:
            break
    if not words:
        return None
    while words and _TRAILING.match(words[-1]):
        words.pop()  # "bird calls more (effectively)" -> "bird calls"
    if not words or (len(words) == 1 and _NOT_A_TARGET.match(words[0])):
        return None
    phrase = " ".join(words)
    phrase = re.sub(r"['\u2019]s$", "", phrase)
    if _BAD_TARGET.match(phrase) or len(phrase) < 3 or not re.search(r"[a-z]", phrase):
        return None
    if _SCORE_WORDS.search(phrase):
        return None  # "classify image data with 80-90% accuracy": a score, not what is classified
    return phrase


# an adverb ends a target ("tried to predict correctly for each image"); nouns ending in -ly stay
_ADVERB = re.compile(
    r"^(?!(?:family|\w*fl(?:y|ies)|anomal\w*|assembl\w*|suppl\w*|lil(?:y|ies)|jell\w*|bell(?:y|ies)|holl(?:y|ies)|"
    r"ital\w*|monopol\w*|rall\w*|bull\w*|gull\w*|reply|ply|only|daily|early|hourly|nightly|weekly|monthly|yearly|"
    r"quarterly|likely|friendly|lonely|curly|hilly|woolly|oily|elderly|costly|deadly|lowly|ugly|silly)$)[a-z]{3,}ly$", _I)
# words that end a target or are no target alone
_TRAILING = re.compile(r"^(?:more|less|most|least|better|worse|all|well|too|very|alone)$", _I)
_NOT_A_TARGET = re.compile(r"^(?:different|various|several|multiple|numerous|many|few|two|three|four|five|six|seven|eight|"
                           r"nine|ten|including|all|both|each|other|others|individual|similar|same|such|further|"
                           r"additional|new|unseen|them|one|ones)$", _I)
_SCORE_WORDS = re.compile(r"%|\b(?:accuracy|accuracies|precision|recall|F1|F-score|score|scores|error|errors)\b", _I)
# symbols of equations: a target next to one is a variable name
_MATH = re.compile(r"[=∈∉⊂⊆×∑∏≤≥≈^_{}|∀∃∂∇]")

_LEFT_MODIFIERS = re.compile(r"(?:^|[\s(])((?:[A-Za-z][\w\-]*\s+){0,3}?)$")
_LEFT_STOP = re.compile(
    r"^(?:the|a|an|for|of|in|on|to|and|or|with|by|from|we|our|this|that|these|its|their|is|are|was|were|be|been|"
    r"used|using|use|based|automatic|automated|automatically|accurate|efficient|robust|novel|new|deep|deep-learning|"
    r"learning|machine|neural|network|networks|model|models|cnn|cnns|perform|performs|performed|performing|enable|"
    r"enables|allow|allows|improve|improves|achieve|achieves|fast|faster|real-time|simultaneous|joint|multi-class|"
    r"multiclass|binary|fine-grained|large-scale|high-resolution|image|image-based|visual|acoustic|audio|video|"
    r"object|semantic|instance|pixel-wise|pixel-level|end-to-end|two-stage|one-stage|task|tasks|such|as|both|"
    r"state-of-the-art|current|existing|conventional|traditional|manual|better|good|high|low|final|whole|"
    r"present|proposed|developed|trained|applied|when|where|which|while|during|after|before|at|it|also)$", _I)


def _target_before(left: str) -> Optional[str]:
    """Modifiers right before a task noun ("... bird species classification" -> "bird species")."""
    tail = left[-60:]
    if tail and not re.search(r"[\w\-']\s*$", tail):
        return None  # punctuation right before the task noun
    if _MATH.search(tail[-4:]):
        return None
    # the words after the last punctuation only: "weighted fusion, hyperspectral image ..." -> "hyperspectral"
    # (and after the last stop: "Fig. 1. Scene classification ..." -> "Scene")
    tail = re.split(r"[,;:()\[\]]|\.\s", tail)[-1]
    words = re.findall(r"[A-Za-z][\w\-']*", tail)
    picked: List[str] = []
    for w in reversed(words):
        if _LEFT_STOP.match(w) or len(picked) >= 3 or re.search(r"-based$", w, _I):
            break  # "learning-based", "CNN-based": how, not what
        picked.insert(0, w)
    while picked and (_KIND_OF_TASK.match(picked[0]) or _NOT_A_TARGET.match(picked[0])):
        picked.pop(0)  # "binary", "pixel-wise", "temporal": the kind of task, not its target; "various", "two"
    if not picked:
        return None
    phrase = " ".join(picked)
    if _BAD_TARGET.match(phrase) or len(phrase) < 3:
        return None
    return phrase


# modifiers that say what kind of classification/detection it is, not what it is of
_KIND_OF_TASK = re.compile(
    r"^(?:single|multi|multi-?class|multi-?label|binary|two-?class|temporal|spatial|spatio-?temporal|"
    r"pixel(?:-?(?:wise|based|level))?|patch(?:-?(?:wise|based|level))?|object(?:-?(?:based|level))?|"
    r"image(?:-?(?:based|level))?|instance|semantic|supervised|unsupervised|semi-?supervised|automatic|automated|"
    r"manual|fine-?grained|coarse|hierarchical|end-to-end|two-?stage|one-?stage|joint|real-?time|accurate|final|"
    r"further|subsequent|initial|previous|traditional|conventional|standard|overall|simple|robust)$", _I)


_MODEL_CUE = re.compile(
    r"\b(?:model\w*|network\w*|net\b|CNNs?|RNNs?|LSTMs?|transformers?|classifiers?|detectors?|algorithms?|"
    r"deep[\s\-]learning|machine[\s\-]learning|neural|learning|we|our|this\s+(?:study|work|paper|article)|"
    r"approach\w*|method\w*|framework|pipeline|work-?flow|flow-?chart|system|tool\w*|YOLO\w*|R-?CNN|U-?Net|ResNet\w*|random\s+forests?|"
    r"MaxEnt|Maxent|trained|train\w*|architecture|software|app|application|BirdNET|MegaDetector|AI\b|"
    r"artificial\s+intelligence|computer\s+vision|automat\w*|GAMs?|GLMs?|regression|SVMs?|boost\w*|ensembles?|"
    r"XGBoost|LightGBM|CatBoost|SVR|k-?NN|EfficientNet\w*|ViT|MLPs?|ANNs?|embeddings?|foundation\s+models?|CLIP|"
    # a stated aim of the study: "the aim was to estimate grassland biomass from reflectance"
    r"(?:our|the)\s+(?:(?:main|primary|overall|specific)\s+)?(?:aim|objective|goal|purpose)s?\s+(?:of\s+(?:this|the\s+present|"
    r"the\s+current|our)\s+(?:study|work|paper|research|project)\s+)?(?:was|were|is|are))\b", _I)


_THANKS = re.compile(r"\b(?:thank(?:s|ed|ing)?|(?:gratefully\s+)?acknowledg(?:e|es|ed|ing)\s+(?!that\b)|grateful|gratitude|indebted)\b", _I)


@normalizer("purpose")
def purpose(mention: Mention) -> Values:
    """``{task, target}`` from a task verb or noun; params.form is verb | noun_of | compound | named.

    ``retask`` (a list of ``[regex, task]`` pairs, matched at the start of the text after a
    verb-form mention) names the task by what is predicted: "predicts the probability of
    occurrence of the lynx" is species distribution modelling of "lynx". A group ``rest``
    in the regex gives the target; without it the matched words are the target.
    """
    p = mention.params
    s = mention.sentence
    if looks_like_reference(s, mention.start, mention.end):
        return None
    if _THANKS.search(s):
        return None  # "we thank X for help with classifying the images": an acknowledgement
    definition = _DEFINES_KIND.match(s)
    if definition and mention.end > definition.end():
        return None  # "RNN is a neural network that recognizes sequential data": a textbook definition
    if not _guards_ok(mention, p, int(p.get("window", 120))):
        return None
    # "Goal: flag whale song"; a table row "Task | semantic segmentation of mangroves"
    labelled_aim = (re.match(r"(?:Goal|Aim|Objective|Purpose|Task|Output)s?\s*[:|]", mention.text, _I)
                    or re.search(r"(?:^|[\n|;])\s*(?:Goal|Aim|Objective|Purpose|Task|Output)s?\s*[:|]\s*(?:[\w\-]+\s+){0,2}$",
                                 mention.left, _I))  # ("Task: multi-label classification of ...")
    if not p.get("no_model_cue") and not _MODEL_CUE.search(s) and not labelled_aim:
        return None
    g = mention.groups
    word = g.get("task") or mention.text
    task = p.get("task") or task_of(word)
    if task is None:
        return None
    form = p.get("form", "verb")
    target = None
    if form in ("verb", "noun_of"):
        # "locates and counts grey seals": the object follows the last of the coordinated verbs
        right = _COORDINATED_VERB.sub("", mention.right, count=1)
        retasked = _retask(right, p.get("retask"))
        if retasked:
            return [{"task": retasked[0], "target": retasked[1]}]
        if re.match(r"\s*(?:them|whether)\b", right, _I) and word.lower() in ("name", "tell"):
            return [{"task": task, "target": None}]  # "to name them", "to tell whether a roe deer is browsing": no target
        if task == "classification" and re.match(r"\s*which\s+of\s+", right, _I):
            right = re.sub(r"^\s*which\s+of\s+(?:the\s+)?", " ", right, flags=_I)  # "tell which of eight bat species was calling"
        if _BAD_START.match(right):
            return None
        target = _target_after(right)
        media = re.match(r"\s*(?:the\s+|these\s+|our\s+)?(?:[\w\-]+\s+){0,2}?(?:images|photos|photographs|pictures|recordings|"
                         r"spectrograms|videos|frames|clips|data|scenes|sequences|signals|sounds|files)\s+"
                         r"(?:of|containing|with|showing|into|as)\s+(?P<rest>.*)", right, _I)
        if media:
            target = _target_after(media.group("rest")) or target
    elif form == "compound":
        target = g.get("target") or _target_before(mention.left + (g.get("pre") or ""))
        if target:
            target = _target_before(" " + target) or target
            retasked = _retask(" " + target, p.get("retask"))
            if retasked:
                task = retasked[0]
    values = [{"task": task, "target": target}]
    noun_task = _MODEL_NOUN_TASK.get((_MODEL_NOUN.search(mention.text) or [""])[0].lower().rstrip("s"))
    if form == "verb" and noun_task and noun_task != task:
        values.append({"task": noun_task, "target": target})  # "a detector that counts seals": detection too
    return values


# "RNN is a neural network that ...", "YOLO is a one-stage detector which ...": what a kind of
# model does in general (the paper's own model is "our ...", "the proposed ...", "this ...")
_DEFINES_KIND = re.compile(
    r"^\W*(?!(?:our|the|this|these|we|it|its)\b)(?:[A-Z][\w\-]*\s+){1,3}(?:\([^()]*\)\s+)?(?:is|are)\s+an?\s+"
    r"(?:[\w\-]+\s+){0,3}?(?:neural\s+networks?|networks?|models?|architectures?|algorithms?|methods?|classifiers?|"
    r"detectors?|techniques?)\s+(?:that|which)\b", _I)


_COORDINATED_VERB = re.compile(
    r"^\s*(?:,\s*)?(?:and|or|,)\s+(?:then\s+)?(?:classif|detect|count|segment|locat|locali[sz]|identif|map|track|"
    r"estimat|predict|recogni[sz]|delineat|quantif|measur|sort|label)\w*\s+", _I)
_MODEL_NOUN = re.compile(r"\b(?:detectors?|classifiers?|segmenters?|trackers?|regressors?)\b", _I)
_MODEL_NOUN_TASK = {"detector": "detection", "classifier": "classification", "segmenter": "segmentation",
                    "tracker": "tracking", "regressor": "estimation"}


def _retask(right: str, pairs: Optional[List[List[str]]]) -> Optional[Tuple[str, Optional[str]]]:
    """(task, target) when the words after a task verb name what the task is ("the probability
    of occurrence of the lynx" -> species distribution modelling of "lynx"), else None."""
    for pattern, task in pairs or []:
        hit = _rx(pattern).match(right)
        if not hit:
            continue
        rest = hit.groupdict().get("rest")
        obj = right[:hit.start("rest")] if rest is not None else hit.group(0)
        obj = re.sub(r"\s+(?:of|for)\s*$", "", " ".join(obj.split()), flags=_I)
        target = (_target_after(rest) if rest else None) or _DETERMINER.sub("", obj) or None
        return task, target
    return None


# ---------------------------------------------------------------------------- deployment
DEPLOYMENT_TARGETS = ("edge device", "mobile app", "web app", "cloud", "API", "desktop software", "package",
                      "model file", "server", "local computer", "camera trap", "drone", "embedded system", "existing software",
                      "operational use")


@normalizer("deployment")
def deployment(mention: Mention) -> Values:
    """``{target, detail}``: params.target is the kind; ``detail`` the named thing (group ``detail``).

    ``targets`` (``[regex, target]`` pairs tried on the matched text) choose the kind; when the
    match names nothing, ``detail_regex`` (searched in the sentence, group ``detail``) can name
    it ("used operationally by the national park service" -> "national park service").
    """
    p = mention.params
    if looks_like_reference(mention.sentence, mention.start, mention.end):
        return None
    if not _guards_ok(mention, p, int(p.get("window", 100))):
        return None
    target = p.get("target")
    for pattern, lab in p.get("targets") or []:
        if _rx(pattern).search(mention.text):
            target = lab
            break
    if target is None:
        return None
    detail = next((mention.groups[k] for k in sorted(mention.groups) if k.startswith("detail") and mention.groups.get(k)),
                  None)  # groups detail, detail2, detail3 ...: the alternatives of one rule
    if detail:
        detail = " ".join(detail.split()).strip(" .,;:")
        canon = p.get("details") or {}
        for pattern, name in canon.items():
            if _rx(pattern).fullmatch(detail):
                detail = name
                break
    elif p.get("detail_regex"):
        found = _rx(p["detail_regex"]).search(mention.sentence)
        detail = " ".join(found.group("detail").split()) if found else None
    elif p.get("detail"):
        detail = p["detail"]
    return [{"target": target, "detail": detail or None}]
