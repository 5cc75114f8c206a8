"""The report: what the paper says, field by field, and its writers (YAML, JSON).

The dict form is the contract (``REPORT_VERSION``); :func:`check_report` verifies it
whenever a report is written, so a report that breaks the contract is never saved.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import yaml

from . import __version__
from .fields import FIELD_NAMES, STATUSES
from .findings import Evidence, Finding
from .status import FieldResult

REPORT_VERSION = 1


@dataclass
class Report:
    """The result for one input.

    Example::

        report = extractor.extract("paper.pdf")
        report.fields["hardware"].status      # "found"
        report.fields["hardware"].values[0]   # {"type": "GPU", "model": "Tesla V100", ...}
    """

    source: str
    sha256: str
    fields: Dict[str, FieldResult]
    title: Optional[str] = None
    doi: Optional[str] = None
    pages: Optional[int] = None
    passages: int = 0
    warnings: List[str] = field(default_factory=list)
    findings: List[Finding] = field(default_factory=list, repr=False)  # all, incl. dropped ones

    def summary(self) -> Dict[str, int]:
        counts = {s: 0 for s in STATUSES}
        for result in self.fields.values():
            counts[result.status] += 1
        return counts

    def to_dict(self) -> Dict[str, Any]:
        data = {
            "report_version": REPORT_VERSION,
            "document": {
                "source": self.source,
                "sha256": self.sha256,
                "title": self.title,
                "doi": self.doi,
                "pages": self.pages,
                "passages": self.passages,
                "warnings": list(self.warnings),
            },
            "extractor": {"version": __version__},
            "fields": {name: _field_dict(result) for name, result in self.fields.items()},
            "summary": self.summary(),
        }
        return data

    def to_yaml(self) -> str:
        data = self.to_dict()
        check_report(data)
        return dump_yaml(data)

    def to_json(self) -> str:
        data = self.to_dict()
        check_report(data)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _evidence_dict(ev: Evidence) -> Dict[str, Any]:
    out: Dict[str, Any] = {"page": ev.page, "section": ev.section, "text": ev.text, "rule": ev.rule,
                           "offsets": [ev.start, ev.end]}
    if ev.bbox is not None:
        out["bbox"] = [round(float(x), 1) for x in ev.bbox]
    return out


def _field_dict(result: FieldResult) -> Dict[str, Any]:
    return {
        "status": result.status,
        "values": [dict(v) for v in result.values],
        "evidence": [_evidence_dict(e) for e in result.evidence],
        "inference": result.inference,
    }


class ContractError(ValueError):
    """A report dict that breaks the report contract (a bug, never user error)."""


def check_report(data: Dict[str, Any]) -> None:
    """Raises ContractError unless ``data`` follows report contract version 1."""

    def need(cond: bool, what: str) -> None:
        if not cond:
            raise ContractError(f"report contract: {what}")

    need(isinstance(data, dict), "a report is a mapping")
    need(list(data) == ["report_version", "document", "extractor", "fields", "summary"],
         "top-level keys in order report_version, document, extractor, fields, summary")
    need(data["report_version"] == REPORT_VERSION, f"report_version is {REPORT_VERSION}")
    doc = data["document"]
    need(list(doc) == ["source", "sha256", "title", "doi", "pages", "passages", "warnings"],
         "document keys")
    need(isinstance(doc["warnings"], list) and all(isinstance(w, str) for w in doc["warnings"]),
         "document.warnings is a list of strings")
    fields = data["fields"]
    names = list(fields)
    need(names == [n for n in FIELD_NAMES if n in fields], "fields in report order")
    counts = {s: 0 for s in STATUSES}
    for name, item in fields.items():
        need(list(item) == ["status", "values", "evidence", "inference"], f"{name}: keys")
        status = item["status"]
        need(status in STATUSES, f"{name}: status is one of {', '.join(STATUSES)}")
        counts[status] += 1
        need(isinstance(item["values"], list) and all(isinstance(v, dict) for v in item["values"]),
             f"{name}: values is a list of mappings")
        need(isinstance(item["evidence"], list), f"{name}: evidence is a list")
        if status == "unstated":
            need(not item["values"] and not item["evidence"] and item["inference"] is None,
                 f"{name}: unstated carries no values, evidence or inference")
        else:
            need(bool(item["evidence"]), f"{name}: {status} carries evidence")
            for ev in item["evidence"]:
                need(isinstance(ev, dict) and isinstance(ev.get("text"), str) and ev["text"]
                     and isinstance(ev.get("rule"), str) and isinstance(ev.get("section"), str),
                     f"{name}: evidence has text, rule and section")
        if status == "inferred":
            inf = item["inference"]
            need(isinstance(inf, dict) and inf.get("rule") and inf.get("premise"),
                 f"{name}: inferred names its rule and premise")
        elif status == "found":
            inf = item["inference"]
            need(inf is None or (isinstance(inf, dict) and inf.get("rule") and inf.get("derived")),
                 f"{name}: found carries an inference block only for derived values")
    need(data["summary"] == counts, "summary counts the statuses")


class _Flow(list):
    """A list written on one line in YAML."""


class _FlowMap(dict):
    """A mapping written on one line in YAML."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_representer(_FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True))


def _flowify(obj: Any, key: Optional[str] = None) -> Any:
    """Each value and each offsets/bbox pair goes on one line, as a reviewer reads them."""
    if isinstance(obj, dict):
        if key in ("values", "derived") and all(not isinstance(v, (dict, list)) for v in obj.values()):
            return _FlowMap(obj)
        return {k: _flowify(v, k) for k, v in obj.items()}
    if isinstance(obj, list):
        if key in ("offsets", "bbox"):
            return _Flow(obj)
        return [_flowify(v, key) for v in obj]
    return obj


def dump_yaml(data: Dict[str, Any]) -> str:
    """YAML with stable key order, readable by ``yaml.safe_load``."""
    return yaml.dump(_flowify(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     width=100, default_flow_style=False)
