"""Decides whether a mention is about the paper's own work (ConText-style).

Triggers and terminations are data in ``rules/context.yml``. For a mention at
``[start, end)`` of a sentence, a forward trigger before it (or a backward trigger after
it) within its window, and with no termination in between, gives the mention that
trigger's category. Pseudo-triggers ("not only") cancel triggers they overlap.

Example: in "Previous studies used Caffe, whereas we used PyTorch", "Caffe" is
``attributed`` and "PyTorch" is ``asserted`` (the termination "whereas" ends the scope).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import RuleError
from ..ruleset import SCHEMA_VERSION, _check_keys, read_yaml, rules_root
from .sentences import SPANS_KEY, doc_text

CATEGORIES = ("negated", "hypothetical", "attributed", "pseudo")
DIRECTIONS = ("forward", "backward", "both")
ASSERTED = "asserted"
_PATH = "rules/context.yml"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Trigger:
    id: str
    pattern: "re.Pattern[str]"
    category: str
    direction: str = "forward"
    window: Optional[int] = None  # words between trigger and mention; None: to the sentence end
    inside: bool = False  # also applies when it overlaps the mention ("time could drop to 1 h")
    unless_before: Optional["re.Pattern[str]"] = None  # not when the text before the mention matches
    examples: Tuple[str, ...] = ()
    negative_examples: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Termination:
    id: str
    pattern: "re.Pattern[str]"
    categories: Tuple[str, ...] = CATEGORIES


@dataclass(frozen=True)
class Background:
    """Sections where a sentence is about other work unless it names the paper's own."""

    id: str
    sections: Tuple[str, ...]
    own_work: "re.Pattern[str]"

    def applies(self, section: str, sentence: str) -> bool:
        return section in self.sections and not self.own_work.search(sentence)


@dataclass(frozen=True)
class OwnWork:
    """The words by which a sentence speaks of the paper's own work ("we", "this study")."""

    id: str
    pattern: "re.Pattern[str]"
    examples: Tuple[str, ...] = ()
    negative_examples: Tuple[str, ...] = ()


@dataclass(frozen=True)
class FollowUp:
    """A sentence that takes back what the sentence before it named: "Mixup blends pairs of
    images. We did not use it." A mention of a sentence that does not describe the paper's
    own usage gets the category of the first follow-up matching the next sentence."""

    id: str
    pattern: "re.Pattern[str]"
    category: str
    examples: Tuple[str, ...] = ()
    negative_examples: Tuple[str, ...] = ()
    # the next sentence names the source outright ("So reported Diaz and Moreau (2022)",
    # "These settings are quoted from its authors"): it takes back even a sentence that
    # describes a usage ("A batch size of 256 was used."), though never one that says "we"
    despite_usage: bool = False


@dataclass(frozen=True)
class ContextRules:
    triggers: Tuple[Trigger, ...]
    terminations: Tuple[Termination, ...]
    own_work: OwnWork
    background: Optional[Background] = None
    follow_ups: Tuple[FollowUp, ...] = ()
    # a sentence that describes its own usage ("Images were augmented with mixup"): the
    # sentence after it cannot take that back
    own_usage: Optional["re.Pattern[str]"] = None


def _compile(raw: dict, path: str, rule_id: str) -> "re.Pattern[str]":
    regex = raw.get("regex")
    if not isinstance(regex, str) or not regex:
        raise RuleError(path, "'regex' must be a non-empty string", rule_id)
    try:
        return re.compile(regex, re.IGNORECASE)
    except re.error as exc:
        raise RuleError(path, f"bad regex: {exc}", rule_id) from None


@lru_cache(maxsize=None)
def load_context_rules() -> ContextRules:
    data = read_yaml(rules_root() / "context.yml", _PATH)
    _check_keys(data, {"schema_version", "description", "own_work", "triggers", "terminations", "background",
                       "follow_up"}, _PATH)
    if data.get("schema_version") != SCHEMA_VERSION:
        raise RuleError(_PATH, f"schema_version must be {SCHEMA_VERSION}")
    triggers: List[Trigger] = []
    for raw in data.get("triggers") or []:
        rid = raw.get("id") if isinstance(raw, dict) else None
        _check_keys(raw, {"id", "regex", "category", "direction", "window", "examples",
                          "negative_examples", "description", "inside", "unless_before"}, _PATH, rid)
        if not isinstance(rid, str) or not rid.startswith("context."):
            raise RuleError(_PATH, "trigger id must start with 'context.'", rid)
        category = raw.get("category")
        if category not in CATEGORIES:
            raise RuleError(_PATH, f"unknown category {category!r}; valid: {', '.join(CATEGORIES)}", rid)
        direction = raw.get("direction", "forward")
        if direction not in DIRECTIONS:
            raise RuleError(_PATH, f"unknown direction {direction!r}; valid: {', '.join(DIRECTIONS)}", rid)
        window = raw.get("window")
        if window is not None and (not isinstance(window, int) or window < 0):
            raise RuleError(_PATH, "'window' must be a whole number of words or null", rid)
        inside = raw.get("inside", False)
        if not isinstance(inside, bool):
            raise RuleError(_PATH, "'inside' must be true or false", rid)
        unless_before = None
        if raw.get("unless_before") is not None:
            unless_before = _compile({"regex": raw.get("unless_before")}, _PATH, rid)
        examples = tuple(raw.get("examples") or ())
        negatives = tuple(raw.get("negative_examples") or ())
        for ex in examples + negatives:
            if not isinstance(ex, str) or ex.count("[[") != 1 or ex.count("]]") != 1:
                raise RuleError(_PATH, "each example marks one mention as [[mention]]", rid)
        triggers.append(Trigger(rid, _compile(raw, _PATH, rid), category, direction, window,
                                inside, unless_before, examples, negatives))
    terminations: List[Termination] = []
    for raw in data.get("terminations") or []:
        rid = raw.get("id") if isinstance(raw, dict) else None
        _check_keys(raw, {"id", "regex", "categories", "description"}, _PATH, rid)
        cats = tuple(raw.get("categories") or CATEGORIES)
        bad = [c for c in cats if c not in CATEGORIES]
        if bad:
            raise RuleError(_PATH, f"unknown categories {bad}", rid)
        terminations.append(Termination(str(rid), _compile(raw, _PATH, rid), cats))
    raw = data.get("own_work")
    rid = raw.get("id") if isinstance(raw, dict) else None
    if rid is None:
        raise RuleError(_PATH, "'own_work' must be a mapping with id and regex")
    _check_keys(raw, {"id", "description", "regex", "examples", "negative_examples"}, _PATH, rid)
    own_work = OwnWork(str(rid), _compile(raw, _PATH, rid), tuple(raw.get("examples") or ()),
                       tuple(raw.get("negative_examples") or ()))
    background = None
    raw = data.get("background")
    if raw is not None:
        rid = raw.get("id") if isinstance(raw, dict) else None
        _check_keys(raw, {"id", "description", "sections"}, _PATH, rid)
        sections = raw.get("sections")
        if not isinstance(sections, list) or not all(isinstance(x, str) for x in sections):
            raise RuleError(_PATH, "'sections' must be a list of section names", rid)
        background = Background(str(rid), tuple(sections), own_work.pattern)
    follow_ups, own_usage = _load_follow_ups(data.get("follow_up"))
    return ContextRules(tuple(triggers), tuple(terminations), own_work, background, follow_ups, own_usage)


def _load_follow_ups(raw) -> Tuple[Tuple[FollowUp, ...], Optional["re.Pattern[str]"]]:
    if raw is None:
        return (), None
    if not isinstance(raw, dict):
        raise RuleError(_PATH, "'follow_up' must be a mapping with own_usage and triggers")
    _check_keys(raw, {"description", "own_usage", "triggers"}, _PATH, "follow_up")
    own_usage = _compile({"regex": raw.get("own_usage")}, _PATH, "follow_up.own_usage")
    out: List[FollowUp] = []
    for item in raw.get("triggers") or []:
        rid = item.get("id") if isinstance(item, dict) else None
        _check_keys(item, {"id", "regex", "category", "description", "examples", "negative_examples", "despite_usage"}, _PATH, rid)
        if not isinstance(rid, str) or not rid.startswith("context.follow_up."):
            raise RuleError(_PATH, "follow-up id must start with 'context.follow_up.'", rid)
        if item.get("category") not in ("negated", "hypothetical", "attributed"):
            raise RuleError(_PATH, "a follow-up's category is negated, hypothetical or attributed", rid)
        examples = tuple(item.get("examples") or ())
        negatives = tuple(item.get("negative_examples") or ())
        for ex in examples + negatives:
            if not isinstance(ex, str) or ex.count("[[") != 1 or ex.count("]]") != 1:
                raise RuleError(_PATH, "each example marks one mention as [[mention]]", rid)
        despite_usage = item.get("despite_usage", False)
        if not isinstance(despite_usage, bool):
            raise RuleError(_PATH, "'despite_usage' must be true or false", rid)
        out.append(FollowUp(rid, _compile(item, _PATH, rid), item["category"], examples, negatives, despite_usage))
    return tuple(out), own_usage


def follow_up(sentence: str, next_sentence: str,
              rules: Optional[ContextRules] = None) -> Tuple[str, Optional[str]]:
    """The context a mention of ``sentence`` gets from the sentence after it, if any.

    ``("hypothetical", "context.follow_up...")`` for "JAX compiles code for accelerators."
    followed by "Porting our code to it could cut training time."; ``("asserted", None)``
    when ``sentence`` describes the paper's own usage or nothing in ``next_sentence`` takes
    it back.
    """
    rules = rules or load_context_rules()
    if not rules.follow_ups or not next_sentence:
        return ASSERTED, None
    if rules.own_work.pattern.search(sentence):
        return ASSERTED, None
    usage = rules.own_usage is not None and rules.own_usage.search(sentence) is not None
    for rule in rules.follow_ups:
        if (rule.despite_usage or not usage) and rule.pattern.search(next_sentence):
            return rule.category, rule.id
    return ASSERTED, None


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _terminated(between: str, category: str, rules: ContextRules) -> bool:
    return any(category in t.categories and t.pattern.search(between) for t in rules.terminations)


def trigger_hits(sentence: str, rules: Optional[ContextRules] = None) -> tuple:
    """Where the triggers occur in a sentence: ``(pseudo spans, ((trigger, start, end), ...))``,
    the latter in trigger order and then left to right. Every mention of the sentence
    is judged against the same hits, so the component finds them once per sentence."""
    rules = rules or load_context_rules()
    pseudo = tuple(m.span() for t in rules.triggers if t.category == "pseudo"
                   for m in t.pattern.finditer(sentence))
    hits = tuple((t, m.start(), m.end()) for t in rules.triggers if t.category != "pseudo"
                 for m in t.pattern.finditer(sentence))
    return pseudo, hits


def classify(sentence: str, start: int, end: int,
             rules: Optional[ContextRules] = None, hits: Optional[tuple] = None) -> Tuple[str, Optional[str]]:
    """The context of the mention ``sentence[start:end]`` and the trigger that set it.

    Returns ``("asserted", None)`` when no trigger reaches the mention. ``hits``: what
    :func:`trigger_hits` gives for this sentence and these rules, if already known.
    """
    rules = rules or load_context_rules()
    pseudo_spans, found = hits if hits is not None else trigger_hits(sentence, rules)
    for trigger, t0, t1 in found:
        if any(p0 <= t0 and t1 <= p1 for p0, p1 in pseudo_spans):
            continue
        if trigger.unless_before is not None and trigger.unless_before.search(sentence[:start]):
            continue
        if t0 < end and t1 > start:
            # A trigger overlapping the mention is part of what the rule matched ("no
            # augmentation"), unless the trigger says it still applies there: a modal verb
            # in a matched clause ("the training time could drop to one hour"), a general
            # claim whose subject holds the mention ("Deep CNNs can ...").
            if trigger.inside:
                return trigger.category, trigger.id
            continue
        if t1 <= start and trigger.direction in ("forward", "both"):
            between = sentence[t1:start]
        elif t0 >= end and trigger.direction in ("backward", "both"):
            between = sentence[end:t0]
        else:
            continue
        if trigger.window is not None and _words(between) > trigger.window:
            continue
        if _terminated(between, trigger.category, rules):
            continue
        return trigger.category, trigger.id
    return ASSERTED, None


@Language.factory("extractor_context", default_config={})
def make_context(nlp: Language, name: str) -> "ContextComponent":
    return ContextComponent(name)


class ContextComponent:
    """Sets the context of every rule match that ``extractor_field_ruler`` found."""

    def __init__(self, name: str):
        self.name = name
        self.rules = load_context_rules()

    def __call__(self, doc: Doc) -> Doc:
        seen: dict = {}  # sentence -> its trigger hits
        after: Optional[dict] = None  # sentence start -> the next sentence's span
        followed: dict = {}  # sentence start -> what the next sentence says of it
        for record in doc._.extractor_matches or []:
            if not record.rule.context:
                continue
            m = record.mention
            hits = seen.get(m.sentence)
            if hits is None:
                hits = seen[m.sentence] = trigger_hits(m.sentence, self.rules)
            record.context, record.trigger = classify(m.sentence, m.start, m.end, self.rules, hits)
            if record.context == ASSERTED and self.rules.follow_ups:
                verdict = followed.get(record.sent_start)
                if verdict is None:
                    if after is None:
                        spans = doc.user_data.get(SPANS_KEY) or [(s.start_char, s.end_char) for s in doc.sents]
                        after = {a: spans[i + 1] for i, (a, _) in enumerate(spans[:-1])}
                    nxt = after.get(record.sent_start)
                    verdict = followed[record.sent_start] = (
                        follow_up(m.sentence, doc_text(doc)[nxt[0]:nxt[1]], self.rules) if nxt else (ASSERTED, None))
                if verdict[0] != ASSERTED:
                    record.context, record.trigger = verdict
        return doc
