"""Blind probe benchmark: how well extractor generalises to sentences it has never seen.

Usage:  python bench/probe.py [--set dev|test|dev2|dev3|papers_dev|papers_test|both|all] [--field NAME] [--show N] [--json]

``bench/probe/dev.yml`` and ``bench/probe/test.yml`` hold about 420 short passages (one to
three sentences under a section heading), about 15 per field: positives in varied wording
and research areas, and mentions that must not count (negated, hypothetical, attributed to
other studies, a word used in another sense, a general textbook statement). They were
written *blind*: without reading ``rules/``, ``tests/``, ``corpora/`` or
``extractor/normalize/``, only the README's field definitions, so they measure
generalisation rather than agreement with the rules' own examples. Each item was put in
dev or test by a coin flip.

``bench/probe/dev2.yml`` (168 items, 6 per field) and ``dev3.yml`` (196 items, 7 per field)
are further blind dev sets, written the same way after each round of fixes, for the next
round. ``papers_*``, ``papers2_*`` and ``papers3_*`` (dev and test files) hold whole short
papers, each judged on all 28 fields (section ``-``, kind ``paper``). ``--set both`` is
dev + test (as before); ``--set all`` is every ``*.yml`` file in ``bench/probe/``.

Use **dev** for finding and fixing errors (read its failures with ``--show``); use **test**
only for reporting: do not read its failures or change rules because of them, or it stops
being a measure of unseen text. Items are never edited to fit the output; an item may be
corrected only when it is malformed or contradicts the README's field definitions.

For each item the runner builds ``"# " + section + "\\n\\n" + text``, runs
``extractor.extract_text`` once, and scores

* each expected status: ``found`` / ``inferred`` / ``unstated`` exactly, ``yes`` = found or
  inferred;
* each expected value: a dict matches when one reported value has, for every key of the
  dict, an equal value (strings case-insensitively, a device model also by its catalogue
  product, numbers numerically, booleans and null exactly).

It prints, per field, the number of status judgments, the status accuracy and the value
recall; per set (dev, test, all) the totals, positives and negatives separately (a
negative is a judgment about a mention that must not count as a finding: ``unstated``
expected, or a negated statement read as ``none`` / not available / not pretrained);
and up to ``--show`` failures with the reported values and evidence. Exit code 0, or 2
when a probe file is missing or malformed (the file and item are named).
"""
from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence

import yaml

HERE = Path(__file__).resolve().parent
PROBE_DIR = HERE / "probe"
SETS = ("dev", "test")  # what --set both means
EXTRA_SETS = ("dev2", "dev3", "dev4", "test4", "papers_dev", "papers_test", "papers2_dev", "papers2_test",
              "papers3_dev", "papers3_test", "papers4_dev", "papers4_test", "papers5_dev",
              "papers5_test", "papers6_test", "papers7_dev", "papers8_dev", "papers8_test",
              "papers9_test", "papers10_dev", "papers10_test", "papers11_test", "dev5",
              "test5", "dev6", "test6", "papers12_dev", "papers12_test",
              "papers13_test", "papers14_dev", "papers15_dev", "papers16_test", "papers17_dev",
              "papers18_dev", "papers19_dev", "papers20_dev", "papers21_test", "papers22_dev",
              "papers23_test", "test7", "test8", "dev7", "test9", "papers24_test", "papers25_dev", "dev8", "test10", "papers27_test", "dev9", "papers26_dev", "papers28_test", "test11", "dev10", "papers29_dev", "dev11", "papers31_dev", "test12", "dev12", "papers30_test",
              "dev13", "dev14", "test13", "papers32_dev", "papers33_test", "dev15", "test14", "papers34_dev",
              "papers35_test", "dev16", "dev17", "dev18", "test15", "papers37_test", "papers36_dev", "dev19", "test16", "papers38_dev", "test17", "papers39_test",
              "test19", "dev20", "test18", "dev21", "papers41_test", "papers40_dev",
              "test20", "dev22", "papers43_test", "papers42_dev",
              "test21", "dev23", "dev24", "test22", "papers45_test", "papers47_test",
              "papers44_dev", "papers46_dev", "test23", "dev25", "papers48_test",
              "dev26", "test24", "dev27", "test25", "papers49_dev", "papers50_test", "dev28", "test26", "papers51_test",
              "dev29", "dev30", "dev31", "test27", "test28", "papers52_dev", "papers53_test", "papers54_test",
              "dev32", "dev33", "dev34", "test29", "test30", "papers55_dev", "papers56_test", "papers57_test",
              "dev35", "dev36", "papers58_dev", "test31", "dev37", "papers59_test")  # listed in --help; any file's stem works
STATUSES = ("found", "inferred", "unstated", "yes")
KINDS = ("positive", "negated", "hypothetical", "attributed", "other_sense", "textbook", "paper")
# A "paper" item is a whole short paper (several headed sections) with an expectation for
# every field; its section is PAPER_SECTION and its text carries its own "# " headings.
PAPER_SECTION = "-"
REQUIRED_KEYS = ("id", "section", "text", "expect")
ALLOWED_KEYS = set(REQUIRED_KEYS) | {"kind", "values"}


class ProbeError(Exception):
    """A probe file that cannot be used: names the file, the item and the cause."""


@dataclass
class Judgment:
    """One scored expectation of one item."""

    set: str
    item_id: str
    field: str
    kind: str  # the kind of mention judged: positive, negated, hypothetical, ...
    what: str  # "status" or "value"
    expected: Any
    got: Any
    ok: bool
    values: List[dict] = field(default_factory=list)
    evidence: List[str] = field(default_factory=list)

    @property
    def negative(self) -> bool:
        return self.kind != "positive"


# --------------------------------------------------------------------------- loading

def field_names() -> List[str]:
    """The report's field names, in report order (taken from a real extraction)."""
    import extractor

    return list(extractor.extract_text("x").fields.keys())


def main_field(item: dict) -> str:
    """The field an item is about: its id's prefix (``hardware-03``), else its first expectation."""
    prefix = str(item["id"]).rsplit("-", 1)[0]
    return prefix if prefix in item["expect"] else next(iter(item["expect"]))


def validate_items(items: Any, path: str, fields: Optional[Iterable[str]] = None) -> List[dict]:
    """Check the shape of a probe file's items; raise :class:`ProbeError` naming file and item."""
    if not isinstance(items, list):
        raise ProbeError(f"{path}: expected a YAML list of items, got {type(items).__name__}")
    known = set(fields) if fields is not None else None
    for n, item in enumerate(items, 1):
        label = f"{path}: item {n}"
        if not isinstance(item, dict):
            raise ProbeError(f"{label}: not a mapping")
        if "id" in item:
            label = f"{path}: item {n} ({item['id']})"
        missing = [k for k in REQUIRED_KEYS if k not in item]
        if missing:
            raise ProbeError(f"{label}: missing key(s) {', '.join(missing)}")
        extra = sorted(set(item) - ALLOWED_KEYS)
        if extra:
            raise ProbeError(f"{label}: unknown key(s) {', '.join(extra)}")
        for key in ("id", "section", "text"):
            if not isinstance(item[key], str) or not item[key].strip():
                raise ProbeError(f"{label}: {key} must be a non-empty string")
        kind = item.get("kind", "positive")
        if kind not in KINDS:
            raise ProbeError(f"{label}: kind {kind!r} is not one of {', '.join(KINDS)}")
        expect = item["expect"]
        if not isinstance(expect, dict) or not expect:
            raise ProbeError(f"{label}: expect must be a non-empty mapping field -> status")
        for name, status in expect.items():
            if known is not None and name not in known:
                raise ProbeError(f"{label}: unknown field {name!r} in expect")
            if not isinstance(status, str) or status not in STATUSES:
                raise ProbeError(f"{label}: status {status!r} for {name} is not one of "
                                 f"{', '.join(STATUSES)} (quote 'yes' in YAML)")
        values = item.get("values", {})
        if not isinstance(values, dict):
            raise ProbeError(f"{label}: values must be a mapping field -> list of dicts")
        for name, wanted in values.items():
            if known is not None and name not in known:
                raise ProbeError(f"{label}: unknown field {name!r} in values")
            if name not in expect:
                raise ProbeError(f"{label}: values given for {name} but no status expected")
            if not isinstance(wanted, list) or not wanted or not all(
                    isinstance(v, dict) and v for v in wanted):
                raise ProbeError(f"{label}: values for {name} must be a non-empty list of dicts")
    return items


def set_names(choice: str, probe_dir: Path = PROBE_DIR) -> tuple:
    """The probe files a ``--set`` choice stands for: ``both`` = dev + test, ``all`` = every
    ``*.yml`` in ``probe_dir`` (dev, test, then the others by name), else the one named."""
    if choice == "both":
        return SETS
    if choice == "all":
        found = sorted(path.stem for path in probe_dir.glob("*.yml"))
        return tuple([name for name in SETS if name in found]
                     + [name for name in found if name not in SETS])
    return (choice,)


def load_set(name: str, probe_dir: Path = PROBE_DIR,
             fields: Optional[Iterable[str]] = None) -> List[dict]:
    path = probe_dir / f"{name}.yml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProbeError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        items = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ProbeError(f"{path}: malformed YAML ({str(exc).splitlines()[0]})") from None
    return validate_items(items, str(path), fields)


def check_unique_ids(sets: Dict[str, List[dict]]) -> None:
    seen: Dict[str, str] = {}
    for name, items in sets.items():
        for item in items:
            if item["id"] in seen:
                raise ProbeError(f"bench/probe/{name}.yml: item {item['id']}: id also used in "
                                 f"bench/probe/{seen[item['id']]}.yml")
            seen[item["id"]] = name


# --------------------------------------------------------------------------- scoring

def status_matches(expected: str, got: str) -> bool:
    if expected == "yes":
        return got in ("found", "inferred")
    return got == expected


def _as_number(value: Any) -> Optional[float]:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip().replace(",", ""))
    except ValueError:
        return None


def _fold(text: Any) -> str:
    """A string as compared: case folded, underscores read as spaces ("camera_trap" is how
    the report spells "camera trap"), runs of space collapsed."""
    return " ".join(str(text).replace("_", " ").split()).casefold()


def value_equal(expected: Any, got: Any) -> bool:
    """One key's value: strings case-insensitively (underscores as spaces), numbers
    numerically (also a number expected as a string), bool/null exactly."""
    if expected is None or isinstance(expected, bool):
        return got is expected or (isinstance(got, bool) and got == expected)
    if isinstance(expected, (int, float)):
        number = _as_number(got)
        return number is not None and math.isclose(number, float(expected), rel_tol=1e-9, abs_tol=1e-12)
    if got is None or isinstance(got, bool):
        return False
    if isinstance(got, (int, float)) and _as_number(expected) is not None:
        # a number written as a string ('16', '3e-4') against a reported number; two
        # strings stay strings, so version '1.10' never equals '1.1'
        return math.isclose(float(got), _as_number(expected), rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(got, str) and re.search(r"\de", got + str(expected), re.IGNORECASE) \
            and _as_number(got) is not None and _as_number(expected) is not None:
        return math.isclose(_as_number(got), _as_number(expected), rel_tol=1e-9, abs_tol=1e-12)  # '3e-4' is '0.0003'
    return _fold(got) == _fold(expected)


def _same_device(expected: Any, got: Any) -> bool:
    """A GPU or CPU model named as the catalogue names it or by a shorter alias of the same
    product ("A100" and "NVIDIA A100")."""
    from extractor.catalogues import get_catalogue
    if not isinstance(expected, str) or not isinstance(got, str):
        return False
    for name in ("gpus", "cpus"):
        cat = get_catalogue(name)
        a, b = cat.lookup(expected), cat.lookup(got)
        if a is not None and a is b:
            return True
    return False


def _same_metric(expected: Any, got: Any) -> bool:
    """A metric named as the catalogue names it or by another name of the same metric
    ("F1" and "F1 score", "mIoU" and "IoU")."""
    from extractor.catalogues import get_catalogue
    if not isinstance(expected, str) or not isinstance(got, str):
        return False
    cat = get_catalogue("metrics")

    def canonical(name: str) -> Optional[str]:
        entry = cat.lookup(name)
        return None if entry is None else entry.attrs.get("canonical", entry.name)

    a = canonical(expected)
    return a is not None and a == canonical(got)


def value_matches(expected: dict, reported: Sequence[dict]) -> bool:
    """True if one reported value has every key of ``expected`` with an equal value (a
    device ``model`` also when both name the same catalogue product, a metric ``name``
    when both name the same catalogue metric)."""
    return any(isinstance(value, dict)
               and all(key in value and (value_equal(want, value[key])
                                         or (key == "model" and _same_device(want, value[key]))
                                         or (key == "name" and _same_metric(want, value[key])))
                       for key, want in expected.items())
               for value in reported)


def score_item(item: dict, report: Any, set_name: str = "",
               only_field: Optional[str] = None) -> List[Judgment]:
    """The judgments of one item against a report (anything with ``.fields[name]`` having
    ``.status``, ``.values`` and ``.evidence``)."""
    main = main_field(item)
    kind = item.get("kind", "positive")
    judgments = []
    for name, expected in item["expect"].items():
        if only_field and name != only_field:
            continue
        result = report.fields[name]
        values = list(result.values or [])
        evidence = [getattr(ev, "text", str(ev)) for ev in (result.evidence or [])]
        # A field other than the one the item is about is always an implied positive,
        # unless it is expected unstated.
        # In a paper item every field is judged: a positive when something is expected, else
        # a negative ("paper" kind, so the by-kind table shows how papers fare).
        if kind == "paper":
            judged_kind = "positive" if expected != "unstated" else "paper"
        else:
            judged_kind = kind if name == main else ("positive" if expected != "unstated" else "negated")
        judgments.append(Judgment(set_name, item["id"], name, judged_kind, "status", expected,
                                  result.status, status_matches(expected, result.status),
                                  values, evidence))
        for wanted in item.get("values", {}).get(name, []):
            judgments.append(Judgment(set_name, item["id"], name, judged_kind, "value", wanted,
                                      result.status, value_matches(wanted, values), values, evidence))
    return judgments


def build_text(item: dict) -> str:
    if item["section"] == PAPER_SECTION:
        return item["text"]
    return "# " + item["section"] + "\n\n" + item["text"]


def run(sets: Dict[str, List[dict]], only_field: Optional[str] = None) -> List[Judgment]:
    import extractor

    judgments: List[Judgment] = []
    for set_name, items in sets.items():
        for item in items:
            if only_field and only_field not in item["expect"]:
                continue
            report = extractor.extract_text(build_text(item), source=f"probe:{item['id']}")
            judgments.extend(score_item(item, report, set_name, only_field))
    return judgments


# --------------------------------------------------------------------------- summary

def _ratio(ok: int, n: int) -> Optional[float]:
    return round(100.0 * ok / n, 1) if n else None


def _tally(judgments: Sequence[Judgment]) -> dict:
    status = [j for j in judgments if j.what == "status"]
    values = [j for j in judgments if j.what == "value"]
    pos = [j for j in status if not j.negative]
    neg = [j for j in status if j.negative]
    return {
        "status_n": len(status), "status_ok": sum(j.ok for j in status),
        "status_acc": _ratio(sum(j.ok for j in status), len(status)),
        "positives_n": len(pos), "positives_acc": _ratio(sum(j.ok for j in pos), len(pos)),
        "negatives_n": len(neg), "negatives_acc": _ratio(sum(j.ok for j in neg), len(neg)),
        "values_n": len(values), "values_ok": sum(j.ok for j in values),
        "value_recall": _ratio(sum(j.ok for j in values), len(values)),
    }


def summarise(judgments: Sequence[Judgment], fields: Sequence[str]) -> dict:
    per_field = {}
    for name in fields:
        mine = [j for j in judgments if j.field == name]
        if mine:
            per_field[name] = _tally(mine)
    order = list(dict.fromkeys(j.set for j in judgments))
    per_set = {name: _tally([j for j in judgments if j.set == name]) for name in order}
    per_set["all"] = _tally(judgments)
    per_kind = {}
    for kind in KINDS:
        mine = [j for j in judgments if j.kind == kind and j.what == "status"]
        if mine:
            per_kind[kind] = {"n": len(mine), "acc": _ratio(sum(j.ok for j in mine), len(mine))}
    return {"per_field": per_field, "per_set": per_set, "per_kind": per_kind}


def _fmt(x: Optional[float]) -> str:
    return "-" if x is None else f"{x:.1f}"


def print_summary(summary: dict) -> None:
    print(f"{'field':<24}{'n':>5}{'status %':>10}{'pos %':>8}{'neg %':>8}{'values':>10}{'recall %':>10}")
    for name, t in summary["per_field"].items():
        print(f"{name:<24}{t['status_n']:>5}{_fmt(t['status_acc']):>10}{_fmt(t['positives_acc']):>8}"
              f"{_fmt(t['negatives_acc']):>8}{t['values_ok']:>5}/{t['values_n']:<4}{_fmt(t['value_recall']):>10}")
    print()
    print(f"{'set':<8}{'status':>16}{'positives':>18}{'negatives':>18}{'value recall':>18}")
    for name, t in summary["per_set"].items():
        print(f"{name:<8}{t['status_ok']:>5}/{t['status_n']:<4}{_fmt(t['status_acc']):>6}"
              f"{_fmt(t['positives_acc']):>12} (n={t['positives_n']:<3})"
              f"{_fmt(t['negatives_acc']):>7} (n={t['negatives_n']:<3})"
              f"{t['values_ok']:>7}/{t['values_n']:<4}{_fmt(t['value_recall']):>6}")
    print()
    print("status accuracy by kind of mention: " + ", ".join(
        f"{k} {_fmt(v['acc'])} (n={v['n']})" for k, v in summary["per_kind"].items()))


def print_failures(judgments: Sequence[Judgment], limit: int) -> None:
    failures = [j for j in judgments if not j.ok]
    if limit <= 0 or not failures:
        return
    print(f"\nfailures: {len(failures)} (showing {min(limit, len(failures))})")
    for j in failures[:limit]:
        what = "status" if j.what == "status" else "value"
        print(f"- {j.item_id} [{j.set}, {j.kind}] {j.field} {what}: expected {j.expected!r}, got {j.got}")
        if j.values:
            print(f"    values: {json.dumps(j.values, ensure_ascii=False, default=str)}")
        for text in j.evidence:
            print(f"    evidence: {text}")


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="both", metavar="NAME",
                        help=f"a probe file's name ({', '.join(SETS + EXTRA_SETS)}), or both = "
                             "dev + test, or all = every *.yml file in bench/probe/ (default both)")
    parser.add_argument("--field", help="score only this field's expectations")
    parser.add_argument("--show", type=int, default=30, metavar="N", help="failures to print (default 30)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--probe-dir", type=Path, default=PROBE_DIR, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    fields = field_names()
    if args.field and args.field not in fields:
        print(f"probe.py: unknown field {args.field!r}", file=sys.stderr)
        return 2
    names = set_names(args.set, args.probe_dir)
    if not names:
        print(f"probe.py: {args.probe_dir}: no probe files (*.yml)", file=sys.stderr)
        return 2
    try:
        sets = {name: load_set(name, args.probe_dir, fields) for name in names}
        check_unique_ids(sets)
    except ProbeError as exc:
        print(f"probe.py: {exc}", file=sys.stderr)
        return 2
    judgments = run(sets, args.field)
    summary = summarise(judgments, fields)
    if args.json:
        failures = [{"id": j.item_id, "set": j.set, "field": j.field, "kind": j.kind, "what": j.what,
                     "expected": j.expected, "got": j.got, "values": j.values, "evidence": j.evidence}
                    for j in judgments if not j.ok][:max(args.show, 0)]
        print(json.dumps({**summary, "failures": failures}, indent=2, ensure_ascii=False, default=str))
    else:
        print(f"probe sets: {', '.join(f'{n} ({len(sets[n])} items)' for n in names)}"
              + (f"; field {args.field}" if args.field else ""))
        print_summary(summary)
        print_failures(judgments, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
