"""Decides each field's status from its findings: the one place status is set.

* ``found``: at least one asserted finding (the paper states it);
* ``inferred``: reserved for the inference rules of ``rules/inference.yml``;
* ``unstated``: otherwise.

Values of all asserted findings are merged: duplicates go, and a value that says less
than another one about the same thing is subsumed ({model: V100, count: null} goes when
{model: V100, count: 4} is there). In the architecture field a family name goes beside one
of its variants ("ResNet" when "ResNet-50" is there, "YOLO" beside "YOLOv8n").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence

from .findings import Evidence, Finding, value_key

MAX_EVIDENCE = 5


@dataclass
class FieldResult:
    status: str
    values: List[Dict[str, Any]] = field(default_factory=list)
    evidence: List[Evidence] = field(default_factory=list)
    inference: Optional[Dict[str, Any]] = None


UNKNOWN = "unknown"  # a value the normaliser could not tell ({name: COCO, role: unknown}), like None
QUOTE = "text"  # a value's quoted words (training_time): a shorter quote of the same statement says less


def subsumes(big: Dict[str, Any], small: Dict[str, Any]) -> bool:
    """True if ``big`` states everything ``small`` states, and more."""
    if big is small or set(big) != set(small):
        return False
    more = False
    for key, value in small.items():
        if value is None or value == UNKNOWN:
            more = more or big[key] not in (None, UNKNOWN)
        elif key == QUOTE and isinstance(value, str) and isinstance(big[key], str) \
                and value != big[key] and value in big[key]:
            more = True  # the same statement quoted shorter ("0.2 s per frame" in "took 0.2 s per frame")
        elif big[key] != value:
            return False
    return more


def _overlapping_quotes(a: str, b: str, least: int = 6) -> bool:
    """True if one quote runs on into the other: the end of ``a`` is the start of ``b`` or
    the reverse ("needed about two hours" / "two hours of training"), over ``least`` chars."""
    for x, y in ((a, b), (b, a)):
        for k in range(min(len(x), len(y)) - 1, least - 1, -1):
            if x.endswith(y[:k]):
                return True
    return False


def _same_statement(a: Dict[str, Any], b: Dict[str, Any]) -> bool:
    """Two values equal but for overlapping quotes: two rules read one statement."""
    if set(a) != set(b) or QUOTE not in a:
        return False
    if any(a[k] != b[k] for k in a if k != QUOTE):
        return False
    qa, qb = a[QUOTE], b[QUOTE]
    return isinstance(qa, str) and isinstance(qb, str) and _overlapping_quotes(qa, qb)


# what follows a family name in the name of one of its variants: a number or version
# ("-50", "v8n", "V3+", " v2", "-B0") or a size ("-Tiny", "-S", "-B/16")
_VARIANT_TAIL = re.compile(r"^[\s_\-]?(?:[vV]?\d|[A-Z]\d|(?i:tiny|small|base|large|huge|nano|medium)\b|[TSBLMNX]\b)")
VARIANT_FIELDS = frozenset({"architecture"})


def is_variant(name: Any, family_name: Any) -> bool:
    """True if ``name`` names a variant of the family ``family_name`` ("DenseNet-201" of
    "DenseNet", "YOLOv8n" of "YOLO"); a name with a digit is never a family here, and a
    longer word is not a variant ("Inception-ResNet-v2" is not an "Inception")."""
    if not isinstance(name, str) or not isinstance(family_name, str) or name == family_name \
            or any(ch.isdigit() for ch in family_name) or not name.startswith(family_name):
        return False
    return bool(_VARIANT_TAIL.match(name[len(family_name):]))


def _variant_subsumes(big: Dict[str, Any], small: Dict[str, Any]) -> bool:
    return set(big) == set(small) and is_variant(big.get("name"), small.get("name")) \
        and all(big[k] == small[k] for k in small if k != "name")


def merge_values(values: Sequence[Dict[str, Any]], variants: bool = False) -> List[Dict[str, Any]]:
    """Unique values in first-seen order, without the ones another value subsumes, and
    without a later quote of the same statement. With ``variants``, a family name goes
    when one of its variants is there."""
    unique: List[Dict[str, Any]] = []
    seen = set()
    for value in values:
        key = value_key(value)
        if key not in seen and not any(_same_statement(u, value) for u in unique):
            seen.add(key)
            unique.append(value)
    return [v for v in unique if not any(subsumes(o, v) or (variants and _variant_subsumes(o, v)) for o in unique)]


def pick_evidence(findings: Sequence[Finding], kept: Sequence[Dict[str, Any]]) -> List[Evidence]:
    """Up to MAX_EVIDENCE sentences, those that give a kept value first, in document order."""
    kept_keys = {value_key(v) for v in kept}
    by_sentence: Dict[int, Finding] = {}
    gives: Dict[int, bool] = {}
    for f in findings:
        pos = f.evidence.start
        by_sentence.setdefault(pos, f)
        if any(value_key(v) in kept_keys for v in f.values):
            gives[pos] = True
    order = sorted(by_sentence, key=lambda p: (not gives.get(p, False), p))
    chosen = sorted(order[:MAX_EVIDENCE])
    return [by_sentence[p].evidence for p in chosen]


def resolve_field(findings: Sequence[Finding]) -> FieldResult:
    asserted = [f for f in findings if f.asserted and not f.premise_only]
    if not asserted:
        return FieldResult("unstated")
    asserted.sort(key=lambda f: f.evidence.start)
    values = merge_values([v for f in asserted for v in f.values], variants=asserted[0].field in VARIANT_FIELDS)
    return FieldResult("found", values, pick_evidence(asserted, values))


def resolve(fields: Sequence[str], findings: Sequence[Finding]) -> Dict[str, FieldResult]:
    """Status, values and evidence for each field, in the order given."""
    return {name: resolve_field([f for f in findings if f.field == name]) for name in fields}
