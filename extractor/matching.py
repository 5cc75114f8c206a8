"""Runs rules over one sentence: the matching step, free of spaCy.

The spaCy component (``components/field_ruler.py``) calls :func:`match_sentence` for
each sentence and writes the results to ``doc.spans``; tests and the rule checker call it
directly.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional

from .catalogues import get_catalogue
from .normalize import Mention, normalize
from .ruleset import Rule


@dataclass(frozen=True)
class RuleMatch:
    rule: Rule
    mention: Mention
    values: List[Dict[str, Any]]


def match_rule(rule: Rule, sentence: str) -> List[RuleMatch]:
    """All accepted matches of one rule in one sentence."""
    if rule.requires is not None and not rule.requires.search(sentence):
        return []
    if rule.excludes is not None and rule.excludes.search(sentence):
        return []
    out: List[RuleMatch] = []
    for m in rule.pattern.finditer(sentence):
        if m.end() == m.start():
            continue
        if rule.kind == "catalogue":
            catalogue = get_catalogue(rule.source)
            entry = catalogue.lookup(m.group(0))
            if entry is None or not catalogue.accepts(entry, sentence):
                continue
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        mention = Mention(rule.field, rule.id, m.group(0), sentence, m.start(), m.end(),
                          groups, rule.params)
        values = normalize(mention, rule.normalizer)
        if values is None:
            continue
        out.append(RuleMatch(rule, mention, values))
    return out


def match_sentence(sentence: str, rules: Iterable[Rule]) -> List[RuleMatch]:
    """All accepted matches of ``rules`` in ``sentence``, in rule order then position."""
    out: List[RuleMatch] = []
    for rule in rules:
        out.extend(match_rule(rule, sentence))
    return out


def values_of(sentence: str, rules: Iterable[Rule]) -> List[Dict[str, Any]]:
    """The values all matches give, in order (a helper for rule examples)."""
    values: List[Dict[str, Any]] = []
    for match in match_sentence(sentence, rules):
        values.extend(match.values)
    return values


def first_value(sentence: str, rules: Iterable[Rule]) -> Optional[Dict[str, Any]]:
    values = values_of(sentence, rules)
    return values[0] if values else None
