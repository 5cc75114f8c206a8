"""Runs rules over text: the matching step, free of spaCy.

The spaCy component (``components/field_ruler.py``) calls :func:`match_text` once per
passage with its sentence boundaries; tests and the rule checker call
:func:`match_sentence` on a single sentence. Both apply the same acceptance steps
(``requires``/``excludes``, catalogue context, normaliser) to each sentence.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
import re
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from .catalogues import get_catalogue
from .normalize import Mention, normalize
from .normalize.cues import SETTING_OFF
from .prefilter import RuleIndex, scanner
from .ruleset import Rule


@dataclass(frozen=True)
class RuleMatch:
    rule: Rule
    mention: Mention
    values: List[Dict[str, Any]]
    sentence_start: int = 0  # offset of the sentence in the text that was searched


# A setting written as configuration and switched off: the rest of the key, then a value
# that is false, null, off, disabled or zero (not a list: "CUDA_VISIBLE_DEVICES=0,1"). A
# hyperparameter set to 0 is still a value.
_SWITCHED_OFF = re.compile(r"[\w\-]{0,24}[\"']?\s*[:=]\s*[\"']?(?:" + SETTING_OFF + r")(?![\w.]|,\d)", re.I)
_VALUE_FIELDS = frozenset({"hyperparameters"})


def _accept(rule: Rule, sentence: str, m: "re.Match[str]", offset: int, gate: Dict[int, bool],
            previous: Tuple[str, int, int] = ("", 0, 0)) -> Optional[RuleMatch]:
    """The match ``m`` (found in a text where ``sentence`` starts at ``offset``) if the rule accepts it."""
    text = m.group(0)
    entry = None
    if rule.kind == "catalogue":
        # the entry first: a dictionary lookup, cheaper than the sentence tests below
        entry = get_catalogue(rule.source).lookup(text)
        if entry is None:
            return None
        wanted = rule.params.get("entry_attrs")
        if wanted and any(entry.attrs.get(k) != v for k, v in wanted.items()):
            return None
    ok = gate.get(offset)
    if ok is None:
        ok = not ((rule.requires is not None and not rule.requires.search(sentence))
                  or (rule.excludes is not None and rule.excludes.search(sentence)))
        gate[offset] = ok
    if not ok:
        return None
    start, end = m.start() - offset, m.end() - offset
    if rule.context and rule.field not in _VALUE_FIELDS and _SWITCHED_OFF.match(sentence, end):
        return None  # "early_stopping: false", "class_weights: null": a setting that is off
    if entry is not None and not get_catalogue(rule.source).accepts(entry, sentence):
        return None
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    # (the sentence before, as (text, start, end), is cut out only for a match that got this far)
    before = previous[0][previous[1]:previous[2]]
    wanted = rule.params.get("previous_regex")
    if wanted and not re.search(wanted, before, re.IGNORECASE):
        return None  # "Each of them held 64 spectrograms": only after a sentence about mini-batches
    mention = Mention(rule.field, rule.id, text, sentence, start, end, groups, rule.params, before)
    values = normalize(mention, rule.normalizer)
    if values is None:
        return None
    return RuleMatch(rule, mention, values, offset)


def match_text(text: str, sentences: Sequence[Tuple[int, int]], rules: Iterable[Rule],
               index: Optional[RuleIndex] = None) -> List[RuleMatch]:
    """All accepted matches in ``text`` whose sentences are ``(start, end)`` spans.

    Each rule's pattern runs once over the text (not once per sentence); a match is
    kept only inside one sentence and judged with that sentence as context.
    ``index``, built once over the same ``rules`` tuple, picks the rules worth running
    from one scan of the text instead of testing each rule's prefilter strings, and
    limits each rule to the sentences holding a string its matches need.
    """
    starts = [s for s, _ in sentences]
    lowered = text.lower()
    if index is not None and index.rules is rules:
        # Offsets in the lower-cased text are offsets in the text only when lower-casing
        # keeps the length ("İ" becomes two characters): else every rule scans it all.
        plan = index.plan(lowered, sentences if len(lowered) == len(text) else ())
    else:
        plan = [(rule, None) for rule in rules
                if rule.prefilter is None or any(s in lowered for s in rule.prefilter)]
    out: List[RuleMatch] = []
    scanned: Dict[Tuple[int, Optional[tuple]], list] = {}  # rules sharing a pattern scan once
    for rule, spans in plan:
        if spans is None and rule.requires is not None and not rule.requires.search(text):
            continue  # no sentence of this text can meet the rule's requirement
        # (over a few sentences the scan is cheaper than this test; _accept makes it per sentence)
        starts_sentence = _reads_sentence_start(rule.pattern)
        if spans is None and (starts_sentence or _reads_sentence_end(rule.pattern)):
            spans = sentences  # "^" and "$" mean the sentence's start and end, whichever way the rule is run
        key = (id(rule.pattern), None if spans is None else tuple(spans))  # a Pattern's hash is slow
        found = scanned.get(key)
        if found is None:
            pattern = scanner(rule.pattern)  # the same matches, found faster
            if spans is None:
                found = [m for m in pattern.finditer(text) if m.end() > m.start()]
            elif starts_sentence:
                # each sentence searched as a string of its own, where "^" can match
                found = [_Shifted(m, a) for a, b in spans for m in pattern.finditer(text[a:b]) if m.end() > m.start()]
            else:
                found = [m for a, b in spans for m in pattern.finditer(text, a, b) if m.end() > m.start()]
            scanned[key] = found
        gate: Dict[int, bool] = {}
        for m in found:
            i = bisect_right(starts, m.start()) - 1
            if i < 0:
                continue
            s0, s1 = sentences[i]
            if m.end() > s1:
                continue  # spans a sentence boundary
            hit = _accept(rule, text[s0:s1], m, s0, gate, (text, *sentences[i - 1]) if i else ("", 0, 0))
            if hit is not None:
                out.append(hit)
    return out


_SENTENCE_END: Dict[int, bool] = {}
_SENTENCE_START: Dict[int, bool] = {}


class _Shifted:
    """A match found in one sentence searched on its own, with offsets into the whole text."""

    __slots__ = ("_m", "_offset")

    def __init__(self, m: "re.Match[str]", offset: int):
        self._m, self._offset = m, offset

    def start(self, group: Union[int, str] = 0) -> int:
        i = self._m.start(group)
        return i if i < 0 else i + self._offset

    def end(self, group: Union[int, str] = 0) -> int:
        i = self._m.end(group)
        return i if i < 0 else i + self._offset

    def group(self, *names):
        return self._m.group(*names)

    def groupdict(self, default=None):
        return self._m.groupdict(default)


def _outside_classes(pattern: "re.Pattern[str]") -> str:
    return re.sub(r"\\.|\[(?:\\.|[^\]\\])*\]", "", pattern.pattern)  # escapes and classes out


def _reads_sentence_start(pattern: "re.Pattern[str]") -> bool:
    """True if the pattern uses ``^`` (outside a character class): such a rule searches each
    sentence as a string of its own, so that ``^`` stands for the start of the sentence (in a
    scan of the whole passage it would match only at the passage's start)."""
    found = _SENTENCE_START.get(id(pattern))
    if found is None:
        found = _SENTENCE_START[id(pattern)] = "^" in _outside_classes(pattern)
    return found


def _reads_sentence_end(pattern: "re.Pattern[str]") -> bool:
    """True if the pattern uses ``$`` (outside a character class): such a rule is run sentence by
    sentence, so that ``$`` stands for the end of the sentence as it does when the plan limits the
    rule to the sentences that can hold a match (a scan over the whole text would read it as the
    end of the text)."""
    found = _SENTENCE_END.get(id(pattern))
    if found is None:
        found = _SENTENCE_END[id(pattern)] = "$" in _outside_classes(pattern)
    return found


def match_rule(rule: Rule, sentence: str) -> List[RuleMatch]:
    """All accepted matches of one rule in one sentence."""
    return match_text(sentence, [(0, len(sentence))], [rule])


def match_sentence(sentence: str, rules: Iterable[Rule]) -> List[RuleMatch]:
    """All accepted matches of ``rules`` in ``sentence``, in rule order then position."""
    return match_text(sentence, [(0, len(sentence))], rules)


def values_of(sentence: str, rules: Iterable[Rule]) -> List[Dict[str, Any]]:
    """The values all matches give, in order (a helper for rule examples)."""
    values: List[Dict[str, Any]] = []
    for match in match_sentence(sentence, rules):
        values.extend(match.values)
    return values


def first_value(sentence: str, rules: Iterable[Rule]) -> Optional[Dict[str, Any]]:
    values = values_of(sentence, rules)
    return values[0] if values else None


def asserted_matches(sentence: str, rules: Iterable[Rule], previous: str = "") -> List[RuleMatch]:
    """Matches that survive the context step (not negated, hypothetical or attributed),
    as the pipeline keeps them; rules with ``context: false`` are kept as they are.
    ``previous``: the sentence before, for rules that read it."""
    from .components.context import classify

    if previous:
        text = f"{previous} {sentence}"
        start = len(previous) + 1
        found = [m for m in match_text(text, [(0, len(previous)), (start, len(text))], list(rules))
                 if m.sentence_start == start]
    else:
        found = match_sentence(sentence, rules)
    return [m for m in found
            if not m.rule.context or classify(sentence, m.mention.start, m.mention.end)[0] == "asserted"]


def asserted_values(sentence: str, field: str) -> List[Dict[str, Any]]:
    """Distinct values the rules of ``field`` give for one sentence, after the context step.

    Example: ``asserted_values("We trained on two Tesla V100 GPUs.", "hardware")``.
    """
    from .ruleset import load_rules

    out: List[Dict[str, Any]] = []
    for m in asserted_matches(sentence, load_rules().for_field(field)):
        for v in m.values:
            if v not in out:
                out.append(v)
    return out
