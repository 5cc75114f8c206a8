"""The rules of ``rules/inference.yml`` over resolved fields: what the paper implies.

Runs after :func:`extractor.status.resolve`. A conclusion fills a field that would
otherwise be unstated (status ``inferred``, evidence = the premise's evidence); a
``derive`` conclusion adds a computed value to a stated field and lists it under
``inference.derived``. Stated values always win: a found field is never overwritten.

Example: a paper whose only hardware statement is "GPU parallelisation used CUDA 10.2"
gets hardware ``inferred`` = ``{type: GPU, vendor: NVIDIA}`` by
``inference.cuda_implies_nvidia_gpu``, with that sentence as evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from .errors import RuleError
from .fields import FIELD_NAMES
from .findings import Evidence, Finding
from .ruleset import SCHEMA_VERSION, _check_keys, read_yaml, rules_root
from .status import FieldResult, merge_values, subsumes

_PATH = "rules/inference.yml"


@dataclass(frozen=True)
class Premise:
    field: Optional[str] = None
    value: Optional[Mapping[str, Any]] = None
    any_of: Tuple[Mapping[str, Any], ...] = ()
    name_matches: Optional["re.Pattern[str]"] = None
    rules: Tuple[str, ...] = ()  # premise-only findings of these rules
    text_matches: Optional["re.Pattern[str]"] = None  # on the field's evidence sentences

    def matches(self, value: Mapping[str, Any]) -> bool:
        if self.value is not None and not _subset(self.value, value):
            return False
        if self.any_of and not any(_subset(v, value) for v in self.any_of):
            return False
        if self.name_matches is not None:
            names = [v for v in value.values() if isinstance(v, str)]
            if not any(self.name_matches.search(n) for n in names):
                return False
        return True


@dataclass(frozen=True)
class InferenceRule:
    id: str
    premise: Premise
    conclusion_field: str
    values: Tuple[Mapping[str, Any], ...] = ()
    derive: Optional[str] = None
    from_premise: bool = False
    unless: Optional[Premise] = None
    description: str = ""


def _subset(small: Mapping[str, Any], big: Mapping[str, Any]) -> bool:
    return all(big.get(k) == v for k, v in small.items())


# Derivations: (premise values, target field's values) -> new values.
Derivation = Callable[[Sequence[Dict[str, Any]], Sequence[Dict[str, Any]]], List[Dict[str, Any]]]


def _total_from_splits(premise: Sequence[Dict[str, Any]], current: Sequence[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """600 = 500 train + 100 test, when no total of that unit is stated (a training count is
    needed: a validation and a test count alone leave the total open)."""
    by_unit: Dict[Any, Dict[str, int]] = {}
    for v in current:
        unit, split, count = v.get("unit"), v.get("split"), v.get("count")
        if isinstance(count, int):
            by_unit.setdefault(unit, {}).setdefault(split, count)
    out = []
    for unit, splits in by_unit.items():
        parts = [splits[s] for s in ("train", "validation", "test") if s in splits]
        if "total" not in splits and "train" in splits and len(parts) >= 2:  # validation + test alone are no total
            out.append({"count": sum(parts), "unit": unit, "split": "total"})
    # "We trained the classifier on 186,420 images" and, later, "2017-2020 for training (131,006
    # ROIs), 2021 for validation (27,114 ROIs) and 2022 for testing (28,300 ROIs)": a lone training
    # count that equals the sum of the splits of another unit is the whole set, named by its unit
    sums = {v["count"] for v in out}
    for unit, splits in by_unit.items():
        if set(splits) == {"train"} and splits["train"] in sums:
            out.append({"count": splits["train"], "unit": unit, "split": "total"})
    return out


def _size_from_catalogue(premise: Sequence[Dict[str, Any]], current: Sequence[Dict[str, Any]]) -> List[Dict[str, Any]]:
    if current:
        return []
    from .catalogues import catalogue_names, get_catalogue

    if "datasets" not in catalogue_names():
        return []
    cat = get_catalogue("datasets")
    out = []
    for v in premise:
        entry = cat.lookup(v.get("name") or "")
        size = entry.attrs.get("size") if entry else None
        if isinstance(size, int):
            split = entry.attrs.get("size_split") or "total"
            split = split if split in ("total", "train", "validation", "test") else "total"
            out.append({"count": size, "unit": entry.attrs.get("unit") or "samples", "split": split})
    return out


DERIVATIONS: Dict[str, Derivation] = {
    "total_from_splits": _total_from_splits,
    "size_from_catalogue": _size_from_catalogue,
}


def _premise(raw: Any, rid: str) -> Premise:
    _check_keys(raw, {"field", "value", "any_of", "name_matches", "text_matches", "rules"}, _PATH, rid)
    fld = raw.get("field")
    rules = tuple(raw.get("rules") or ())
    if (fld is None) == (not rules):
        raise RuleError(_PATH, "a premise names either a field or rules", rid)
    if fld is not None and fld not in FIELD_NAMES:
        raise RuleError(_PATH, f"unknown field {fld!r}; valid fields: {', '.join(FIELD_NAMES)}", rid)
    value = raw.get("value")
    any_of = raw.get("any_of") or []
    if value is not None and not isinstance(value, dict):
        raise RuleError(_PATH, "'value' must be a mapping", rid)
    if not isinstance(any_of, list) or not all(isinstance(v, dict) for v in any_of):
        raise RuleError(_PATH, "'any_of' must be a list of mappings", rid)
    pattern = None
    if raw.get("name_matches") is not None:
        try:
            pattern = re.compile(raw["name_matches"])
        except (re.error, TypeError) as exc:
            raise RuleError(_PATH, f"bad name_matches regex: {exc}", rid) from None
    text_pattern = None
    if raw.get("text_matches") is not None:
        try:
            text_pattern = re.compile(raw["text_matches"], re.IGNORECASE)
        except (re.error, TypeError) as exc:
            raise RuleError(_PATH, f"bad text_matches regex: {exc}", rid) from None
    return Premise(fld, value, tuple(any_of), pattern, rules, text_pattern)


@lru_cache(maxsize=None)
def load_inference_rules() -> Tuple[InferenceRule, ...]:
    resource = rules_root() / "inference.yml"
    if not resource.is_file():
        return ()
    data = read_yaml(resource, _PATH)
    _check_keys(data, {"schema_version", "description", "rules"}, _PATH)
    if data.get("schema_version") != SCHEMA_VERSION:
        raise RuleError(_PATH, f"schema_version must be {SCHEMA_VERSION}")
    out: List[InferenceRule] = []
    seen = set()
    for raw in data.get("rules") or []:
        rid = raw.get("id") if isinstance(raw, dict) else None
        _check_keys(raw, {"id", "description", "premise", "unless", "conclusion"}, _PATH, rid)
        if not isinstance(rid, str) or not rid.startswith("inference.") or rid in seen:
            raise RuleError(_PATH, "ids start with 'inference.' and are unique", rid)
        seen.add(rid)
        concl = raw.get("conclusion")
        _check_keys(concl, {"field", "values", "derive", "from_premise"}, _PATH, rid)
        target = concl.get("field")
        if target not in FIELD_NAMES:
            raise RuleError(_PATH, f"unknown conclusion field {target!r}", rid)
        kinds = [k for k in ("values", "derive", "from_premise") if concl.get(k)]
        if len(kinds) != 1:
            raise RuleError(_PATH, "a conclusion has exactly one of values, derive, from_premise", rid)
        derive = concl.get("derive")
        if derive is not None and derive not in DERIVATIONS:
            raise RuleError(_PATH, f"unknown derivation {derive!r}; valid: {', '.join(sorted(DERIVATIONS))}", rid)
        values = concl.get("values") or []
        if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
            raise RuleError(_PATH, "'values' must be a list of mappings", rid)
        unless = _premise(raw["unless"], rid) if raw.get("unless") is not None else None
        out.append(InferenceRule(rid, _premise(raw.get("premise"), rid), target, tuple(values), derive,
                                 bool(concl.get("from_premise")), unless, str(raw.get("description") or "").strip()))
    return tuple(out)


def _premise_hits(premise: Premise, results: Mapping[str, FieldResult],
                  premise_findings: Sequence[Finding]) -> Tuple[List[Dict[str, Any]], List[Evidence]]:
    """Values and evidence that satisfy a premise."""
    if premise.rules:
        hits = [f for f in premise_findings if f.evidence.rule in premise.rules and f.asserted]
        values = [v for f in hits for v in f.values]
        return values, [f.evidence for f in hits]
    result = results.get(premise.field)
    if result is None or result.status == "unstated":
        return [], []
    values = [v for v in result.values if premise.matches(v)]
    if not values:
        return [], []
    if premise.text_matches is not None:
        evidence = [e for e in result.evidence if premise.text_matches.search(e.text)]
        return (values, evidence) if evidence else ([], [])
    return values, list(result.evidence)


def _record(target: FieldResult, block: Dict[str, Any]) -> None:
    """Adds an inference block to a field; a second rule goes under ``also``."""
    if target.inference is None:
        target.inference = block
    else:
        target.inference.setdefault("also", []).append(block)


def apply_inference(results: Dict[str, FieldResult], premise_findings: Sequence[Finding] = (),
                    rules: Optional[Sequence[InferenceRule]] = None) -> Dict[str, FieldResult]:
    """Applies the inference rules in order; returns ``results`` updated in place.

    An unstated field becomes ``inferred`` with the conclusion's values and the
    premise's evidence. A stated field keeps its values and gains only conclusions it
    does not already state (a bare {name: TensorFlow} is not added beside a stated
    TensorFlow 2.4); those are listed under ``inference.derived``.
    """
    for rule in (load_inference_rules() if rules is None else rules):
        if rule.conclusion_field not in results:
            continue  # the field is not covered in this report
        target = results[rule.conclusion_field]
        values, evidence = _premise_hits(rule.premise, results, premise_findings)
        if not evidence:
            continue
        if rule.unless is not None and _premise_hits(rule.unless, results, premise_findings)[0]:
            continue
        if rule.derive is not None:
            conclusion = DERIVATIONS[rule.derive](values, target.values)
        elif rule.from_premise:
            conclusion = merge_values([dict(v) for v in values])
        else:
            conclusion = [dict(v) for v in rule.values]
        new = [c for c in conclusion if c not in target.values
               and not any(subsumes(v, c) for v in target.values)]
        if not new:
            continue
        premise_desc = {"field": rule.premise.field or rule.conclusion_field,
                        "values": [dict(v) for v in values][:5],
                        "evidence": [e.text for e in evidence][:3]}
        if target.status == "unstated":
            results[rule.conclusion_field] = FieldResult(
                "inferred", merge_values(new), list(evidence)[:5], {"rule": rule.id, "premise": premise_desc})
        elif target.status == "inferred":
            target.values = merge_values(list(target.values) + new)
            _record(target, {"rule": rule.id, "premise": premise_desc})
        else:
            target.values = merge_values(list(target.values) + new)
            _record(target, {"rule": rule.id, "premise": premise_desc, "derived": new})
    return results
