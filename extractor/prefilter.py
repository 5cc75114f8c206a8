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
from bisect import bisect_right
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

try:  # the parser behind ``re``; private, so anything unexpected means "no prefilter"
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore
    import sre_parse as _p  # type: ignore

# Shortest required string worth keeping. A shorter one is kept only when it is rare in
# prose: two characters that are not both letters ("f1", "r2", "%)") or a pair of
# letters that is not one of English's common pairs ("lr", "tf", "cv"); one character only
# when it is a symbol ("%"). Common pairs ("in", "an") occur in nearly every passage:
# they filter nothing and cost a lookup at each of their many positions.
MIN_LENGTH = 3
_COMMON_PAIRS = frozenset(
    "th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le "
    "ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns di fo ho pe ec "
    "pr no ct us ac ot il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ad ol rt po we na "
    "ul ni ts mo ow pa im mi ai sh ir su id os iv ia am fi ci vi pl ig tu ev ld ry mp fe bl ab "
    "gh ty op wo sa ay ex ke fr oo av ag if ap gr od bo sp rd do uc bu ei ov by rm ep tt oc fa "
    "ef cu rn sc gi da yo cr cl du ga qu ue ff ba ey ls va um pp ua up lu go ht ru ug ds lt pi "
    "rc rr eg au ck ew mu br bi pt ak pu ui rg ib tl ny ki rk ys ob mm fu ph og ms ye ud mb ip "
    "ub oi rl gu dr hr cc tw ft wn nu af hu nn eo vo rv nf xp gn sm fl iz ok nl my gl aw ju oa "
    "eq sy sl ps jo rf na iu".split())


def _short_but_rare(x: str) -> bool:
    if len(x) == 1:
        return not x.isalnum() and not x.isspace()
    return len(x) == 2 and not x.isspace() and x not in _COMMON_PAIRS and not (x.isalpha() and not x.isascii())
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


def _useful(strings: Set[str]) -> bool:
    return all(len(x) >= MIN_LENGTH or _short_but_rare(x) for x in strings)


def _required(items, lookarounds: bool = False) -> Optional[Set[str]]:
    """A set of strings of which every match of ``items`` contains at least one.

    With ``lookarounds`` the text around a match counts too: what a positive lookahead
    or lookbehind needs must be in the text, though not inside the match.
    """
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
            sub = _required(av[-1], lookarounds)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            sub = _required(av[2], lookarounds)
        elif op is _c.BRANCH:
            alts = [_required(alt, lookarounds) for alt in av[1]]
            sub = set().union(*alts) if alts and all(alts) else None
        elif op is _c.ASSERT and lookarounds:
            sub = _required(av[1], lookarounds)  # (direction, pattern): a positive lookaround
        else:
            sub = None  # classes, anchors, lookarounds, optional parts: nothing required
        if sub:
            candidates.append(sub)
    flush()
    if not candidates:
        return None
    return max(candidates, key=lambda s: (_useful(s), min(len(x) for x in s), -len(s)))


def required_strings(pattern: "re.Pattern[str]", lookarounds: bool = False) -> Optional[FrozenSet[str]]:
    """Lower-case strings one of which every match of ``pattern`` contains, or None.

    With ``lookarounds``, one of which every text holding a match contains (what a
    positive lookahead or lookbehind needs counts, though it lies outside the match).
    """
    return required_sets(pattern)[1 if lookarounds else 0]


def required_sets(pattern: "re.Pattern[str]") -> Tuple[Optional[FrozenSet[str]], Optional[FrozenSet[str]]]:
    """``(inside every match, in every text holding a match)``: :func:`required_strings`
    without and with lookarounds, from one parse of the pattern."""
    try:
        tree = _p.parse(pattern.pattern, pattern.flags)
        inside, around = _required(tree, False), _required(tree, True)
    except Exception:  # noqa: BLE001 - an unexpected tree only costs the optimisation
        return None, None
    return tuple(frozenset(f) if f and _useful(f) else None for f in (inside, around))  # type: ignore[return-value]


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
        known = set(literals)
        self._prefixes = {s: tuple(s[:k] for k in range(1, len(s) + 1) if s[:k] in known) for s in literals}
        tree = _trie_regex([[re.escape(ch) for ch in s] for s in literals]) if literals else ""
        self._scan = re.compile("(?=(" + tree + "))", re.DOTALL) if literals else None

    def present(self, lowered: str) -> FrozenSet[str]:
        """The strings that occur in ``lowered`` (a text already lower-cased)."""
        return frozenset(self.positions(lowered))

    def positions(self, lowered: str) -> Dict[str, List[int]]:
        """Where each string occurs in ``lowered``: string -> start offsets, ascending."""
        out: Dict[str, List[int]] = {}
        if self._scan is None:
            return out
        for m in self._scan.finditer(lowered):
            longest = m.group(1)
            if longest:
                at = m.start()
                for s in self._prefixes[longest]:
                    out.setdefault(s, []).append(at)
        return out


class RuleIndex:
    """The rules worth running on a text, from one :class:`LiteralIndex` scan.

    A rule is skipped when the text lacks every prefilter string of its pattern, or
    every string its ``requires`` pattern needs (the rule would then be skipped by
    the ``requires`` test anyway). Built once per rule tuple (the spaCy component
    does it when the pipeline loads); :meth:`candidates` keeps the rules' order.
    """

    def __init__(self, rules: "Iterable"):
        self.rules = tuple(rules)
        needs = [required_strings(r.requires, lookarounds=True) if r.requires is not None else None
                 for r in self.rules]
        # Strings one of which lies inside every match (lookarounds excluded): a sentence
        # without any of them cannot hold a match, so :meth:`plan` skips it.
        self._within = [_within(r) for r in self.rules]
        self.literals = LiteralIndex([r.prefilter for r in self.rules] + needs + self._within)
        self._free = frozenset(i for i, r in enumerate(self.rules) if r.prefilter is None)
        self._free_needs = frozenset(i for i, n in enumerate(needs) if n is None)
        self._by_string: dict = {}
        self._by_need: dict = {}
        self._by_within: dict = {}
        for i, within in enumerate(self._within):
            bounds = _bounds(self.rules[i])
            for s in within or ():
                self._by_within.setdefault(s, []).append((i, bounds.get(s, (False, False))))
        for i, r in enumerate(self.rules):
            for s in r.prefilter or ():
                self._by_string.setdefault(s, []).append(i)
            for s in needs[i] or ():
                self._by_need.setdefault(s, []).append(i)

    def candidates(self, lowered: str) -> list:
        """The rules that may match ``lowered`` (the text, lower-cased), in order."""
        return [rule for rule, _ in self.plan(lowered, ())]

    def plan(self, lowered: str, sentences: "Sequence[Tuple[int, int]]") -> list:
        """``(rule, spans)`` for each rule that may match ``lowered``, in rule order.

        ``spans`` are the ``sentences`` (``(start, end)``, ascending) that contain a
        string the rule's matches need, merged where adjacent; None when the rule must
        search the whole text (it needs no such string, or no sentences were given).
        """
        found = self.literals.positions(lowered)
        passing = set(self._free)
        meeting = set(self._free_needs)
        starts = [a for a, _ in sentences]
        holding: Dict[int, Set[int]] = {}  # rule -> sentences holding a string it needs
        for s, ats in found.items():
            passing.update(self._by_string.get(s, ()))
            meeting.update(self._by_need.get(s, ()))
            users = self._by_within.get(s)
            if users and sentences:
                by_bounds: Dict[Tuple[bool, bool], Set[int]] = {}
                for i, bound in users:
                    ks = by_bounds.get(bound)
                    if ks is None:
                        ks = by_bounds[bound] = _sentences_of(ats, s, bound, lowered, starts, sentences)
                    holding.setdefault(i, set()).update(ks)
        out = []
        for i in sorted(passing & meeting):
            if self._within[i] is None or not sentences:
                out.append((self.rules[i], None))
                continue
            spans: List[Tuple[int, int]] = []
            for k in sorted(holding.get(i, ())):
                a, b = sentences[k]
                if spans and spans[-1][1] == a:
                    spans[-1] = (spans[-1][0], b)
                else:
                    spans.append((a, b))
            if spans:
                out.append((self.rules[i], spans))
        return out


def _is_alnum(ch: str) -> bool:
    return ("a" <= ch <= "z") or ("0" <= ch <= "9") or ("A" <= ch <= "Z")


def _sentences_of(ats: List[int], s: str, bound: Tuple[bool, bool], lowered: str,
                  starts: List[int], sentences: "Sequence[Tuple[int, int]]") -> Set[int]:
    """Indices of the sentences holding an occurrence of ``s`` at ``ats`` that may be part
    of a match: with ``bound`` = (starts a word, ends a word) as the rule needs."""
    needs_start, needs_end = bound
    out: Set[int] = set()
    n = len(s)
    for at in ats:
        if needs_start and at > 0 and _is_alnum(lowered[at - 1]):
            continue  # "era" inside "several" cannot start "ERA5"
        if needs_end and at + n < len(lowered) and _is_alnum(lowered[at + n]):
            continue
        k = bisect_right(starts, at) - 1
        if k >= 0 and at < sentences[k][1]:
            out.add(k)
    return out


def _bounds(rule) -> dict:
    """For a catalogue rule, which of its strings must start or end a word (see
    ``Catalogue.literal_bounds``); other rules bound none."""
    if rule.kind != "catalogue":
        return {}
    from .catalogues import get_catalogue

    return get_catalogue(rule.source).literal_bounds()


def _within(rule) -> Optional[FrozenSet[str]]:
    """Strings one of which lies inside every match of ``rule``, or None."""
    if rule.kind == "catalogue":
        return rule.prefilter  # alias runs: always inside the match (catalogues.py)
    return rule.inner


# ---------------------------------------------------------------------------
# First characters: a lookahead that lets the regex engine skip positions fast

_CATEGORY_CLASS = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W", "CATEGORY_SPACE": r"\s", "CATEGORY_NOT_SPACE": r"\S",
}
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


class _Unknown(Exception):
    """The first character of a match cannot be bounded."""


def _class_part(op, av) -> str:
    name = str(op)
    if name == "LITERAL":
        return re.escape(chr(av))
    if name == "RANGE":
        return re.escape(chr(av[0])) + "-" + re.escape(chr(av[1]))
    if name == "CATEGORY" and str(av) in _CATEGORY_CLASS:
        return _CATEGORY_CLASS[str(av)]
    raise _Unknown


def _first(items, flags: int) -> "Tuple[Set[str], bool]":
    """(class parts one of which the first character matches, whether ``items`` can match empty)."""
    parts: Set[str] = set()
    for op, av in items:
        name = str(op)
        if name in _ZERO_WIDTH:
            continue  # consumes nothing: the next item gives the first character
        if name in ("LITERAL", "CATEGORY"):
            parts.add(_class_part(op, av))
            return parts, False
        if name == "IN":
            for sub_op, sub_av in av:
                if str(sub_op) == "NEGATE":
                    raise _Unknown
                parts.add(_class_part(sub_op, sub_av))
            return parts, False
        if name == "SUBPATTERN":
            add = av[1]
            if add & re.IGNORECASE and not flags & re.IGNORECASE:
                raise _Unknown  # "(?i:...)" in a case-sensitive pattern: the class would be too narrow
            sub, empty = _first(av[-1], flags)
        elif name == "ATOMIC_GROUP":
            sub, empty = _first(av, flags)
        elif name == "BRANCH":
            sub, empty = set(), False
            for alt in av[1]:
                alt_parts, alt_empty = _first(alt, flags)
                sub |= alt_parts
                empty = empty or alt_empty
        elif name in _REPEATS:
            sub, empty = _first(av[2], flags)
            empty = empty or av[0] == 0
        else:
            raise _Unknown  # any character, back-references, conditionals ...
        parts |= sub
        if not empty:
            return parts, False
    return parts, True


def first_char_class(pattern: "re.Pattern[str]") -> Optional[str]:
    """A character class every match of ``pattern`` starts with, or None.

    Example: ``\\b(?:took|takes)\\s+\\d`` starts with ``[t]`` (case-folded by the
    pattern's own flags). Scanning with ``(?=[t])`` in front lets the engine skip every
    other position quickly: about twice as fast on prose for rules that start with a
    word boundary.
    """
    try:
        parts, empty = _first(_p.parse(pattern.pattern, pattern.flags), pattern.flags)
    except Exception:  # noqa: BLE001 - anything unexpected: no prefix, same results
        return None
    if empty or not parts:
        return None
    return "[" + "".join(sorted(parts)) + "]"


_SCANNERS: dict = {}
MAX_SCANNER_PATTERN = 3000  # characters of regex source


def scanner(pattern: "re.Pattern[str]") -> "re.Pattern[str]":
    """``pattern`` with a first-character lookahead in front, compiled once (by identity).

    It finds exactly the matches of ``pattern`` (same spans and groups); where no class
    can be derived, or the pattern sets global inline flags, it is ``pattern`` itself.
    """
    found = _SCANNERS.get(id(pattern))
    if found is not None and found[0] is pattern:
        return found[1]
    fast = pattern
    # A catalogue trie (thousands of characters) may start with nearly any letter: its
    # class gains little and compiling it twice costs start-up time.
    cls = first_char_class(pattern) if len(pattern.pattern) <= MAX_SCANNER_PATTERN else None
    if cls is not None and not re.match(r"\(\?[aiLmsux]+\)", pattern.pattern):  # global flags come first
        try:
            fast = re.compile(f"(?={cls})(?:{pattern.pattern})", pattern.flags)
        except re.error:
            fast = pattern
    _SCANNERS[id(pattern)] = (pattern, fast)
    return fast
