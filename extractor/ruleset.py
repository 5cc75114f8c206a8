"""Loads and validates the rule data shipped in ``rules/``.

Three kinds of file live there:

* ``rules/<field>.yml`` -- the rules that find one field (see :class:`Rule`);
* ``rules/catalogues/<name>.yml`` -- canonical names with aliases (see ``catalogues.py``);
* ``rules/fragments.yml`` -- named regex pieces shared by rules, spliced in as ``{{name}}``.

Every file is read with ``yaml.safe_load`` and checked key by key; an unknown key, a
bad regex or an unknown normaliser raises :class:`~extractor.errors.RuleError` naming
the file and the rule id. A file is either loaded whole or not at all.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

import yaml

from .errors import RuleError
from .fields import FIELD_NAMES
from .prefilter import required_sets

SCHEMA_VERSION = 1
RULE_KINDS = ("regex", "literal", "catalogue")
_RULE_KEYS = {
    "id", "regex", "literal", "catalogue", "normalizer", "case_sensitive", "requires",
    "excludes", "params", "examples", "negative_examples", "description", "context", "premise",
}
_FILE_KEYS = {"schema_version", "field", "description", "rules"}
_PLACEHOLDER = re.compile(r"\{\{([a-z_][a-z0-9_]*)\}\}")


@dataclass(frozen=True)
class Example:
    """A sentence a rule must find, optionally with values the finding must contain."""

    text: str
    values: Tuple[Mapping[str, Any], ...] = ()
    previous: str = ""  # the sentence before, for a rule that reads it ("Each of them held ...")


@dataclass(frozen=True)
class Rule:
    """One way of finding a field in a sentence.

    Example (``rules/hardware.yml``)::

        - id: hardware.gpu_model
          catalogue: gpus
          normalizer: gpu
          examples: ["All models were trained on two NVIDIA Tesla V100 GPUs."]
    """

    id: str
    field: str
    kind: str  # one of RULE_KINDS
    source: str  # the regex, literal or catalogue name as written
    pattern: "re.Pattern[str]" = field(compare=False, repr=False)
    normalizer: Optional[str] = None
    requires: Optional["re.Pattern[str]"] = field(default=None, compare=False, repr=False)
    excludes: Optional["re.Pattern[str]"] = field(default=None, compare=False, repr=False)
    # params go to the normaliser; one is read by the matcher: for a catalogue rule,
    # ``entry_attrs: {family: classical ML}`` keeps only entries with those attrs, tested
    # before the rule's sentence tests (cheaper than letting the normaliser refuse them)
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)
    context: bool = True  # apply negation/hypothesis/attribution triggers
    premise: bool = False  # findings are premises for inference, not statements of the field
    examples: Tuple[Example, ...] = ()
    negative_examples: Tuple[str, ...] = ()
    path: str = ""
    prefilter: Optional[frozenset] = field(default=None, compare=False, repr=False)  # see prefilter.py
    inner: Optional[frozenset] = field(default=None, compare=False, repr=False)  # ... inside every match


@dataclass(frozen=True)
class RuleSet:
    """All rules, grouped by field in report order."""

    rules: Tuple[Rule, ...]

    def for_field(self, name: str) -> Tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.field == name)

    def by_id(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    @property
    def fields(self) -> Tuple[str, ...]:
        seen = {r.field for r in self.rules}
        return tuple(f for f in FIELD_NAMES if f in seen)


def rules_root():
    """The packaged ``rules`` folder (a Traversable, works from a wheel too)."""
    return resources.files("extractor.rules")


class _RuleLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` (no Python tags) that also refuses a key given twice in one
    mapping, which plain YAML loading resolves silently by keeping the last value."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    duplicate = key in seen
                    seen.add(key)
                except TypeError:  # an unhashable key; the base class reports it
                    continue
                if duplicate:
                    raise yaml.constructor.ConstructorError(
                        "while reading a mapping", node.start_mark,
                        f"found the key {key!r} twice", key_node.start_mark)
        return super().construct_mapping(node, deep=deep)


def read_yaml(resource, path: str) -> Any:
    """The YAML data of one rule file, loaded safely; RuleError naming the file otherwise."""
    try:
        text = resource.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise RuleError(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        stream = io.StringIO(text)
        stream.name = path  # YAML error marks name the file: in "rules/x.yml", line 3
        return yaml.load(stream, Loader=_RuleLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        raise RuleError(path, f"not valid YAML: {exc}".replace("\n", " ")) from None


@lru_cache(maxsize=None)
def load_fragments() -> Dict[str, str]:
    """Named regex fragments from ``rules/fragments.yml`` (e.g. ``number``)."""
    resource = rules_root() / "fragments.yml"
    path = "rules/fragments.yml"
    if not resource.is_file():
        return {}
    data = read_yaml(resource, path) or {}
    _check_keys(data, {"schema_version", "description", "fragments"}, path)
    frags = data.get("fragments") or {}
    if not isinstance(frags, dict):
        raise RuleError(path, "'fragments' must be a mapping of name -> regex")
    out: Dict[str, str] = {}
    for name, value in frags.items():
        if isinstance(value, dict):
            value = value.get("regex")
        if not isinstance(value, str):
            raise RuleError(path, "fragment must be a regex string", name)
        out[name] = value
    # fragments may use earlier fragments
    for name in list(out):
        out[name] = _expand(out[name], out, path, name, catalogue_ok=False, depth=0)
        try:
            re.compile(out[name])
        except re.error as exc:
            raise RuleError(path, f"bad regex: {exc}", name) from None
    return out


def _expand(text: str, fragments: Mapping[str, str], path: str, rule_id: str,
            catalogue_ok: bool = True, depth: int = 0) -> str:
    if depth > 8:
        raise RuleError(path, "placeholders nest too deeply", rule_id)

    def sub(m: "re.Match[str]") -> str:
        name = m.group(1)
        if name in fragments:
            return "(?:" + _expand(fragments[name], fragments, path, rule_id, catalogue_ok, depth + 1) + ")"
        if catalogue_ok:
            from .catalogues import catalogue_names, get_catalogue

            if name in catalogue_names():
                return "(?:" + get_catalogue(name).regex_source() + ")"
        raise RuleError(path, f"unknown placeholder {{{{{name}}}}}", rule_id)

    return _PLACEHOLDER.sub(sub, text)


def _check_keys(data: Any, allowed: set, path: str, rule_id: Optional[str] = None) -> None:
    if not isinstance(data, dict):
        raise RuleError(path, "expected a mapping", rule_id)
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise RuleError(path, f"unknown key(s) {', '.join(unknown)}; valid keys: {', '.join(sorted(allowed))}", rule_id)


_SHARED: Dict[Tuple[str, int], "re.Pattern[str]"] = {}


def _compile_shared(regex: str, flags: int) -> "re.Pattern[str]":
    """One compiled object per (regex, flags): rules over the same catalogue then share
    a pattern, and the matcher scans a text once for all of them. (``re``'s own cache
    is too small to keep 20,000-character catalogue patterns.)"""
    key = (regex, flags)
    pattern = _SHARED.get(key)
    if pattern is None:
        pattern = _SHARED[key] = re.compile(regex, flags)
    return pattern


def compile_rule(raw: Mapping[str, Any], field_name: str, path: str) -> Rule:
    """Validates one rule mapping and compiles its pattern."""
    rule_id = raw.get("id") if isinstance(raw, dict) else None
    _check_keys(raw, _RULE_KEYS, path, rule_id)
    if not isinstance(rule_id, str) or not rule_id.startswith(field_name + "."):
        raise RuleError(path, f"rule id must be a string starting with '{field_name}.'", rule_id)
    kinds = [k for k in RULE_KINDS if k in raw]
    if len(kinds) != 1:
        raise RuleError(path, f"a rule needs exactly one of {', '.join(RULE_KINDS)}", rule_id)
    kind = kinds[0]
    source = raw[kind]
    if not isinstance(source, str) or not source.strip():
        raise RuleError(path, f"'{kind}' must be a non-empty string", rule_id)
    case_sensitive = raw.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        raise RuleError(path, "'case_sensitive' must be true or false", rule_id)
    flags = 0 if case_sensitive else re.IGNORECASE
    fragments = load_fragments()
    if kind == "regex":
        regex = _expand(source, fragments, path, rule_id)
    elif kind == "literal":
        regex = r"(?<![\w])" + re.escape(source) + r"(?![\w])"
    else:
        from .catalogues import catalogue_names, get_catalogue

        if source not in catalogue_names():
            raise RuleError(path, f"unknown catalogue {source!r}; valid: {', '.join(catalogue_names())}", rule_id)
        regex = get_catalogue(source).regex_source()
    try:
        pattern = _compile_shared(regex, flags)
    except re.error as exc:
        raise RuleError(path, f"bad regex: {exc}", rule_id) from None
    extra = {}
    for key in ("requires", "excludes"):
        if key in raw:
            if not isinstance(raw[key], str):
                raise RuleError(path, f"'{key}' must be a regex string", rule_id)
            try:
                extra[key] = re.compile(_expand(raw[key], fragments, path, rule_id), re.IGNORECASE)
            except re.error as exc:
                raise RuleError(path, f"bad '{key}' regex: {exc}", rule_id) from None
    normalizer = raw.get("normalizer")
    if normalizer is not None:
        from .normalize import normalizer_names

        if normalizer not in normalizer_names():
            raise RuleError(path, f"unknown normalizer {normalizer!r}; valid: {', '.join(normalizer_names())}", rule_id)
    params = raw.get("params") or {}
    if not isinstance(params, dict):
        raise RuleError(path, "'params' must be a mapping", rule_id)
    context = raw.get("context", True)
    if not isinstance(context, bool):
        raise RuleError(path, "'context' must be true or false", rule_id)
    premise = raw.get("premise", False)
    if not isinstance(premise, bool):
        raise RuleError(path, "'premise' must be true or false", rule_id)
    examples = []
    for ex in raw.get("examples") or []:
        if isinstance(ex, str):
            examples.append(Example(ex))
        elif isinstance(ex, dict) and isinstance(ex.get("text"), str):
            _check_keys(ex, {"text", "values", "previous"}, path, rule_id)
            values = ex.get("values") or []
            if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
                raise RuleError(path, "example 'values' must be a list of mappings", rule_id)
            if not isinstance(ex.get("previous", ""), str):
                raise RuleError(path, "example 'previous' must be a sentence", rule_id)
            examples.append(Example(ex["text"], tuple(values), ex.get("previous", "")))
        else:
            raise RuleError(path, "an example is a sentence or {text, values, previous}", rule_id)
    negatives = raw.get("negative_examples") or []
    if not isinstance(negatives, list) or not all(isinstance(n, str) for n in negatives):
        raise RuleError(path, "'negative_examples' must be a list of sentences", rule_id)
    if kind == "catalogue":
        from .catalogues import get_catalogue

        prefilter = inner = get_catalogue(source).required_strings()
    else:
        inner, prefilter = required_sets(pattern)
    return Rule(
        id=rule_id, field=field_name, kind=kind, source=source, pattern=pattern,
        normalizer=normalizer, requires=extra.get("requires"), excludes=extra.get("excludes"),
        params=params, context=context, premise=premise, examples=tuple(examples),
        negative_examples=tuple(negatives), path=path, prefilter=prefilter, inner=inner,
    )


def load_rule_file(resource, path: str) -> List[Rule]:
    """Loads one ``rules/<field>.yml`` whole, or raises RuleError."""
    data = read_yaml(resource, path)
    _check_keys(data, _FILE_KEYS, path)
    if data.get("schema_version") != SCHEMA_VERSION:
        raise RuleError(path, f"schema_version must be {SCHEMA_VERSION}")
    field_name = data.get("field")
    if field_name not in FIELD_NAMES:
        raise RuleError(path, f"unknown field {field_name!r}; valid fields: {', '.join(FIELD_NAMES)}")
    expected = path.rsplit("/", 1)[-1][: -len(".yml")]
    if field_name != expected:
        raise RuleError(path, f"field {field_name!r} does not match the file name")
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RuleError(path, "'rules' must be a non-empty list")
    rules = [compile_rule(raw, field_name, path) for raw in raw_rules]
    ids = [r.id for r in rules]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise RuleError(path, f"duplicate rule id(s): {', '.join(dupes)}")
    return rules


def _display_path(root, name: str) -> str:
    """How errors name a rule file: ``rules/x.yml`` when shipped, the real path otherwise."""
    return f"rules/{name}" if root is None else str(Path(str(root)) / name)


@lru_cache(maxsize=None)
def load_rules(root: Optional[Path] = None) -> RuleSet:
    """All field rule files, validated, in report field order.

    ``root`` is a folder of ``<field>.yml`` files to use instead of the shipped ones
    (fragments and catalogues stay the shipped ones). One broken file raises RuleError
    and nothing is returned: rules are never half loaded.
    """
    folder = rules_root() if root is None else Path(root)
    rules: List[Rule] = []
    for name in FIELD_NAMES:
        resource = folder / f"{name}.yml"
        if resource.is_file():
            rules.extend(load_rule_file(resource, _display_path(root, f"{name}.yml")))
    return RuleSet(tuple(rules))


def check_all(root: Optional[Path] = None) -> List[str]:
    """Validates every rule, catalogue and context file; returns a list of problems.

    With ``root``, the field rule files are those of that folder (see :func:`load_rules`).
    """
    from .catalogues import catalogue_names, get_catalogue

    problems: List[str] = []
    load_fragments.cache_clear()
    try:
        load_fragments()
    except RuleError as exc:
        problems.append(str(exc))
    for name in catalogue_names():
        try:
            get_catalogue(name)
        except RuleError as exc:
            problems.append(str(exc))
    folder = rules_root() if root is None else Path(root)
    known = {f"{n}.yml" for n in FIELD_NAMES} | {"fragments.yml", "context.yml", "inference.yml"}
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        if resource.name.endswith((".yml", ".yaml")) and resource.name not in known:
            problems.append(f"{_display_path(root, resource.name)}: not a field, fragments or context file")
    for name in FIELD_NAMES:
        resource = folder / f"{name}.yml"
        if resource.is_file():
            try:
                load_rule_file(resource, _display_path(root, f"{name}.yml"))
            except RuleError as exc:
                problems.append(str(exc))
    try:
        from .components.context import load_context_rules

        load_context_rules()
    except RuleError as exc:
        problems.append(str(exc))
    try:
        from .inference import load_inference_rules

        load_inference_rules.cache_clear()
        load_inference_rules()
    except RuleError as exc:
        problems.append(str(exc))
    return problems
