"""Catalogues of canonical names with aliases, read from ``rules/catalogues/*.yml``.

A catalogue entry looks like::

    - name: GeForce GTX 1080 Ti          # the canonical name reports use
      aliases: [GTX 1080 Ti, GTX1080Ti, 1080 Ti]
      attrs: {vendor: NVIDIA, type: GPU, memory_gb: 11}
      needs_context: false               # true: accept only if the sentence has a context cue;
                                         # loose: a cue of context_regex or loose_context_regex

Aliases are matched loosely: "GTX 1080 Ti", "GTX1080Ti" and "GTX-1080-Ti" are one alias,
because spaces, hyphens and underscores between letter/digit runs are optional. Every
alias reduces to a *key* (lower case, letters and digits only); two entries may not share
a key, so each alias maps to exactly one canonical name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Tuple

from .errors import RuleError

_CATALOGUE_KEYS = {"schema_version", "catalogue", "description", "context_regex", "loose_context_regex",
                   "plural", "entries"}
_ENTRY_KEYS = {"name", "aliases", "attrs", "needs_context", "case_sensitive", "note"}
_RUN = re.compile(r"[A-Za-z0-9]+|[^A-Za-z0-9\s\-_]+")
# Shortest alias run worth a prefilter; checked against the passage's set of
# prefilter strings (prefilter.LiteralIndex), so short strings cost nothing to test.
MIN_CATALOGUE_RUN = 2


def alias_key(text: str) -> str:
    """Reduces a name to its lookup key: ``"GeForce GTX-1080 Ti"`` -> ``"geforcegtx1080ti"``."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def alias_regex(alias: str) -> str:
    """A regex for one alias that tolerates spaces, hyphens (also typographic ones, as in
    "Levenberg–Marquardt") and underscores between runs."""
    runs = _RUN.findall(alias)
    if not runs:
        raise ValueError(f"empty alias {alias!r}")
    return r"[\s\-_\u2010\u2011\u2013]*".join(re.escape(r) for r in runs)


_SEP = r"[\s\-_\u2010\u2011\u2013]+"


def _atom_variants(alias: str) -> List[List[str]]:
    """An alias as regex atoms (one per character), once for each way of writing its
    separators: present ("GTX 1080 Ti", "GTX-1080-Ti") or absent ("GTX1080Ti").

    Spelling the variants out, instead of one optional separator, keeps the branches
    of the trie disjoint, so the first branch that matches is also the longest. Runs the
    alias writes together ("d" + "é" in "développement") stay together.
    """
    pieces = [(m.group(0), bool(alias[prev:m.start()].strip(" \t\n-_") == "" and prev < m.start()))
              for prev, m in _with_prev(_RUN.finditer(alias))]
    gaps = [i for i, (_, sep) in enumerate(pieces) if i and sep]
    masks = range(2 ** len(gaps)) if len(gaps) <= 5 else (0, 2 ** len(gaps) - 1)
    variants = []
    for mask in masks:
        with_sep = {g for bit, g in enumerate(gaps) if mask & (1 << bit)}
        atoms: List[str] = []
        for i, (run, _) in enumerate(pieces):
            if i in with_sep:
                atoms.append(_SEP)
            atoms.extend(re.escape(c) for c in run)
        variants.append(atoms)
    return variants


def _with_prev(matches):
    """Pairs (end of the previous match, match)."""
    prev = 0
    for m in matches:
        yield prev, m
        prev = m.end()


def _trie_regex(sequences: List[List[str]]) -> str:
    """A regex matching any of the atom sequences, built from their prefix tree."""
    trie: Dict[str, Any] = {}
    for seq in sequences:
        node = trie
        for atom in seq:
            node = node.setdefault(atom, {})
        node[""] = {}  # end of an alias

    def build(node: Dict[str, Any]) -> str:
        ends = "" in node
        branches = [atom + build(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if ends else body

    return build(trie)


@dataclass(frozen=True)
class Entry:
    name: str
    aliases: Tuple[str, ...]
    attrs: Mapping[str, Any] = field(default_factory=dict)
    needs_context: bool = False
    case_sensitive: bool = False
    # needs_context: loose -- a code distinctive enough ("V100") that a weaker cue, such as
    # training or run time in the same sentence, will do; "T4" or "Xavier" keep the strict one
    loose_context: bool = False


@dataclass
class Catalogue:
    name: str
    entries: Tuple[Entry, ...]
    context_regex: Optional["re.Pattern[str]"] = None
    plural: bool = False
    loose_context_regex: Optional["re.Pattern[str]"] = None
    _by_key: Dict[str, Entry] = field(default_factory=dict, repr=False)
    # find_all results of the last sentences: normalisers ask once per mention, and a
    # run-on "sentence" with hundreds of mentions made that cubic (see test_properties).
    _found: Dict[str, Tuple[Tuple[int, int, Entry], ...]] = field(default_factory=dict, repr=False, compare=False)

    def lookup(self, text: str) -> Optional[Entry]:
        """The entry a mention names, e.g. ``lookup("GTX1080Ti")`` -> GeForce GTX 1080 Ti."""
        key = alias_key(text)
        entry = self._by_key.get(key)
        if entry is None and self.plural and key.endswith("s"):
            entry = self._by_key.get(key[:-1])
        return entry

    def get(self, name: str) -> Entry:
        for entry in self.entries:
            if entry.name == name:
                return entry
        raise KeyError(f"{name!r} is not in catalogue {self.name!r}")

    def accepts(self, entry: Entry, sentence: str, cues: Optional[Dict[str, bool]] = None) -> bool:
        """False for an ambiguous short alias ("T4", "Titan") with no context cue nearby.

        ``cues``: a dict kept across calls on the same sentence, so that each cue pattern is
        searched at most once per sentence."""
        if not entry.needs_context:
            return True
        cues = {} if cues is None else cues
        for key, pattern, wanted in (("strict", self.context_regex, True),
                                     ("loose", self.loose_context_regex, entry.loose_context)):
            if not wanted:
                continue
            if key not in cues:
                cues[key] = bool(pattern and pattern.search(sentence))
            if cues[key]:
                return True
        return False

    def regex_source(self) -> str:
        """One pattern for every alias, bounded by non-alphanumerics.

        Aliases are merged into a trie, so the pattern branches once per character
        instead of trying a thousand alternatives at every position of the text
        (about 20 times faster on GPU names). Case-sensitive entries form a separate,
        scoped-flag alternation. The longest alias that ends at a word boundary wins.
        """
        folded: List[List[str]] = []
        folded_keys: List[str] = []
        exact: List[Tuple[int, str, str]] = []
        for entry in self.entries:
            for alias in entry.aliases:
                if entry.case_sensitive:
                    exact.append((len(alias_key(alias)), alias_key(alias), f"(?-i:{alias_regex(alias)})"))
                else:
                    folded.extend(_atom_variants(alias.lower()))
                    folded_keys.append(alias_key(alias))
        exact.sort(key=lambda p: (-p[0], p[2]))
        # A case-sensitive alias goes after the trie when it is the start of a longer
        # folded alias ("AWS" of "AWS cloud"), before it otherwise ("Zamba Cloud").
        before = [p for _, key, p in exact if not any(k != key and k.startswith(key) for k in folded_keys)]
        after = [p for _, key, p in exact if any(k != key and k.startswith(key) for k in folded_keys)]
        parts = before + ([_trie_regex(folded)] if folded else []) + after
        suffix = r"(?:s|es)?" if self.plural else ""
        return r"(?<![A-Za-z0-9])(?:" + "|".join(parts) + ")" + suffix + r"(?![A-Za-z0-9])"

    def _longest_runs(self):
        """For each alias: (its runs as ``regex_source`` spells them, index of the longest).

        Separators are optional only between an alias's runs of letters and digits (or
        of other symbols), so each run appears whole in a match.
        """
        for entry in self.entries:
            for alias in entry.aliases:
                runs = _RUN.findall(alias if entry.case_sensitive else alias.lower())
                yield runs, max(range(len(runs)), key=lambda k: (len(runs[k]), -k))  # the first longest

    def required_strings(self) -> Optional[FrozenSet[str]]:
        """Lower-case strings one of which every match of :meth:`regex_source` contains:
        the longest run of every alias ("1080" for "GTX 1080 Ti"). None when some alias
        has no run of two characters ("R"): the rule then runs on every passage.
        """
        found = set()
        for runs, i in self._longest_runs():
            if len(runs[i]) < MIN_CATALOGUE_RUN:
                return None
            found.add(runs[i].lower())
        return frozenset(found) or None

    def literal_bounds(self) -> Dict[str, Tuple[bool, bool]]:
        """For each string of :meth:`required_strings`, whether a match needs it to start a
        word and whether it needs it to end one: ``(starts, ends)``.

        The string is an alias's longest run; a first run starts the match, which the
        pattern requires not to follow a letter or digit ("era" of "ERA 5" never inside
        "several"); a last run ends it, unless a plural ending may follow. When several
        aliases share a string, it is bounded only where all of them bound it.
        """
        bounds: Dict[str, Tuple[bool, bool]] = {}
        for runs, i in self._longest_runs():
            alnum = bool(re.fullmatch(r"[A-Za-z0-9]+", runs[i]))
            starts = alnum and i == 0
            ends = alnum and i == len(runs) - 1 and not self.plural
            old = bounds.get(runs[i].lower(), (True, True))
            bounds[runs[i].lower()] = (old[0] and starts, old[1] and ends)
        return bounds

    def find_all(self, text: str) -> List[Tuple[int, int, Entry]]:
        """Every catalogue mention in ``text`` as (start, end, entry), left to right."""
        found = self._found.get(text)
        if found is None:
            out = []
            cues: Dict[str, bool] = {}  # each cue searched once, on the first entry that needs it
            for m in _compiled(self.name).finditer(text):
                entry = self.lookup(m.group(0))
                if entry is None or (entry.needs_context and not self.accepts(entry, text, cues)):
                    continue
                out.append((m.start(), m.end(), entry))
            if len(self._found) >= 64:
                self._found.clear()
            found = self._found[text] = tuple(out)
        return list(found)


def _catalogue_resource(name: str):
    from .ruleset import rules_root

    return rules_root() / "catalogues" / f"{name}.yml"


@lru_cache(maxsize=None)
def catalogue_names() -> Tuple[str, ...]:
    from .ruleset import rules_root

    folder = rules_root() / "catalogues"
    return tuple(sorted(r.name[:-4] for r in folder.iterdir() if r.name.endswith(".yml")))


@lru_cache(maxsize=None)
def _compiled(name: str) -> "re.Pattern[str]":
    return re.compile(get_catalogue(name).regex_source(), re.IGNORECASE)


@lru_cache(maxsize=None)
def get_catalogue(name: str) -> Catalogue:
    """Loads and validates ``rules/catalogues/<name>.yml``."""
    from .ruleset import SCHEMA_VERSION, _check_keys, read_yaml

    path = f"rules/catalogues/{name}.yml"
    resource = _catalogue_resource(name)
    if not resource.is_file():
        raise RuleError(path, f"no such catalogue; valid: {', '.join(catalogue_names())}")
    data = read_yaml(resource, path)
    _check_keys(data, _CATALOGUE_KEYS, path)
    if data.get("schema_version") != SCHEMA_VERSION:
        raise RuleError(path, f"schema_version must be {SCHEMA_VERSION}")
    if data.get("catalogue") != name:
        raise RuleError(path, f"'catalogue' must be {name!r} (the file name)")
    context_regex = _context_pattern(data, "context_regex", path)
    loose_context_regex = _context_pattern(data, "loose_context_regex", path)
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise RuleError(path, "'entries' must be a non-empty list")
    entries: List[Entry] = []
    by_key: Dict[str, Entry] = {}
    for raw in raw_entries:
        entry_name = raw.get("name") if isinstance(raw, dict) else None
        _check_keys(raw, _ENTRY_KEYS, path, entry_name)
        if not isinstance(entry_name, str) or not entry_name.strip():
            raise RuleError(path, "every entry needs a 'name'", entry_name)
        aliases = raw.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and alias_key(a) for a in aliases):
            raise RuleError(path, "'aliases' must be a list of non-empty names", entry_name)
        attrs = raw.get("attrs") or {}
        if not isinstance(attrs, dict):
            raise RuleError(path, "'attrs' must be a mapping", entry_name)
        needs = raw.get("needs_context", False)
        if needs not in (True, False, "loose"):
            raise RuleError(path, "needs_context must be true, false or loose", entry_name)
        if context_regex is None and needs:
            raise RuleError(path, "needs_context requires a catalogue context_regex", entry_name)
        if loose_context_regex is None and needs == "loose":
            raise RuleError(path, "needs_context: loose requires a catalogue loose_context_regex", entry_name)
        for key, value in attrs.items():
            if key.endswith("_regex") or key.startswith("reject_"):
                # an entry's own patterns are checked here, so that a typo fails when the
                # rules load, not in the middle of a batch on the first sentence it meets
                try:
                    re.compile(str(value))
                except re.error as exc:
                    raise RuleError(path, f"bad {key}: {exc}", entry_name) from None
        all_aliases = tuple(dict.fromkeys([entry_name, *aliases]))
        entry = Entry(entry_name, all_aliases, attrs, bool(needs),
                      bool(raw.get("case_sensitive", False)), needs == "loose")
        for alias in all_aliases:
            key = alias_key(alias)
            other = by_key.get(key)
            if other is not None and other is not entry:
                raise RuleError(path, f"alias {alias!r} also names {other.name!r}", entry_name)
            by_key[key] = entry
        entries.append(entry)
    return Catalogue(name, tuple(entries), context_regex, bool(data.get("plural", False)),
                     loose_context_regex, by_key)


def _context_pattern(data: Mapping[str, Any], key: str, path: str) -> Optional["re.Pattern[str]"]:
    if data.get(key) is None:
        return None
    try:
        return re.compile(data[key], re.IGNORECASE)
    except (re.error, TypeError) as exc:
        raise RuleError(path, f"bad {key}: {exc}") from None
