"""Literal strings a regex cannot match without, to skip rules cheaply.

Most passages hold no mention of most fields, yet a regex scan costs the same whether
it matches or not. From a pattern's parse tree this module derives a set of lower-case
strings such that every match contains at least one of them; a passage that contains
none (a fast ``in`` test) cannot match, and the scan is skipped. The derivation is
conservative: where it is unsure it returns None and the rule always runs.

Example: ``\\b(?:took|takes)\\s+\\d+ h`` requires one of ``{"took", "takes"}``.
"""
from __future__ import annotations

import re
from typing import FrozenSet, Iterable, List, Optional, Set

try:  # the parser behind ``re``; private, so anything unexpected means "no prefilter"
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore
    import sre_parse as _p  # type: ignore

MIN_LENGTH = 3  # shorter required strings filter too little to be worth the test
MAX_EXPANSIONS = 64


def _expand(items) -> Optional[Set[str]]:
    """Every string a purely literal sequence can match, or None."""
    out = {""}
    for op, av in items:
        if op is _c.LITERAL:
            parts = {chr(av).lower()}
        elif op is _c.BRANCH:
            parts = set()
            for alt in av[1]:
                sub = _expand(alt)
                if sub is None:
                    return None
                parts |= sub
        elif op is _c.SUBPATTERN:
            parts = _expand(av[-1])
            if parts is None:
                return None
        else:
            return None
        out = {a + b for a in out for b in parts}
        if len(out) > MAX_EXPANSIONS:
            return None
    return out


def _required(items) -> Optional[Set[str]]:
    """A set of strings of which every match of ``items`` contains at least one."""
    candidates: List[Set[str]] = []
    run: list = []

    def flush() -> None:
        if run:
            expanded = _expand(run)
            if expanded and all(expanded):
                candidates.append(expanded)
            run.clear()

    for item in items:
        op, av = item
        if _expand([item]) is not None:
            run.append(item)
            continue
        flush()
        if op is _c.SUBPATTERN:
            sub = _required(av[-1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            sub = _required(av[2])
        elif op is _c.BRANCH:
            alts = [_required(alt) for alt in av[1]]
            sub = set().union(*alts) if alts and all(alts) else None
        else:
            sub = None  # classes, anchors, lookarounds, optional parts: nothing required
        if sub:
            candidates.append(sub)
    flush()
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(len(x) for x in s), -len(s)))


def required_strings(pattern: "re.Pattern[str]") -> Optional[FrozenSet[str]]:
    """Lower-case strings one of which every match of ``pattern`` contains, or None."""
    try:
        found = _required(_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - an unexpected tree only costs the optimisation
        return None
    if not found or min(len(s) for s in found) < MIN_LENGTH:
        return None
    return frozenset(found)


class LiteralIndex:
    """Which of many prefilter strings a text contains, in one scan of the text.

    Testing each rule's strings with ``in`` costs one pass over the passage per
    string (about 1,100 per passage for all rules). This index merges every string
    into one prefix tree and runs it once, as a lookahead, at each position of the
    lower-cased text: the tree gives the longest string starting there, and every
    shorter string that is a prefix of it starts there too.

    Example: ``LiteralIndex([{"gpu", "gpus"}, {"epoch"}]).present("two gpus")``
    gives ``{"gpu", "gpus"}``.
    """

    def __init__(self, literal_sets: "Iterable[Optional[FrozenSet[str]]]"):
        from .catalogues import _trie_regex

        literals = sorted({s for group in literal_sets if group for s in group})
        self.literals = frozenset(literals)
        # For each string, the strings it starts with (itself included).
        self._prefixes = {s: tuple(t for t in literals if s.startswith(t)) for s in literals}
        tree = _trie_regex([[re.escape(ch) for ch in s] for s in literals]) if literals else ""
        self._scan = re.compile("(?=(" + tree + "))", re.DOTALL) if literals else None

    def present(self, lowered: str) -> FrozenSet[str]:
        """The strings that occur in ``lowered`` (a text already lower-cased)."""
        if self._scan is None:
            return frozenset()
        longest = {m.group(1) for m in self._scan.finditer(lowered)}
        longest.discard("")
        out: Set[str] = set()
        for s in longest:
            out.update(self._prefixes[s])
        return frozenset(out)


class RuleIndex:
    """The rules worth running on a text, from one :class:`LiteralIndex` scan.

    A rule is skipped when the text lacks every prefilter string of its pattern, or
    every string its ``requires`` pattern needs (the rule would then be skipped by
    the ``requires`` test anyway). Built once per rule tuple (the spaCy component
    does it when the pipeline loads); :meth:`candidates` keeps the rules' order.
    """

    def __init__(self, rules: "Iterable"):
        self.rules = tuple(rules)
        needs = [required_strings(r.requires) if r.requires is not None else None for r in self.rules]
        self.literals = LiteralIndex([r.prefilter for r in self.rules] + needs)
        self._free = frozenset(i for i, r in enumerate(self.rules) if r.prefilter is None)
        self._free_needs = frozenset(i for i, n in enumerate(needs) if n is None)
        self._by_string: dict = {}
        self._by_need: dict = {}
        for i, r in enumerate(self.rules):
            for s in r.prefilter or ():
                self._by_string.setdefault(s, []).append(i)
            for s in needs[i] or ():
                self._by_need.setdefault(s, []).append(i)

    def candidates(self, lowered: str) -> list:
        """The rules that may match ``lowered`` (the text, lower-cased), in order."""
        present = self.literals.present(lowered)
        passing = set(self._free)
        meeting = set(self._free_needs)
        for s in present:
            passing.update(self._by_string.get(s, ()))
            meeting.update(self._by_need.get(s, ()))
        return [self.rules[i] for i in sorted(passing & meeting)]
