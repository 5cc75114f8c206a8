import copy

import pytest
import yaml

from extractor.findings import Evidence
from extractor.report import ContractError, Report, check_report
from extractor.status import FieldResult


def make_report():
    evidence = Evidence("We trained on two Tesla V100 GPUs.", "hardware.gpu_model", "Methods", 4, 120, 155,
                        (72.0, 300.25, 290.0, 340.0))
    fields = {
        "framework": FieldResult("unstated"),
        "hardware": FieldResult("found", [{"type": "GPU", "vendor": "NVIDIA", "model": "Tesla V100", "count": 2,
                                            "memory_gb": None}], [evidence]),
    }
    return Report(source="paper.pdf", sha256="ab" * 32, fields=fields, title="A: title", pages=9, passages=40)


def test_yaml_reads_back_to_the_same_dict_in_contract_order():
    report = make_report()
    text = report.to_yaml()
    data = yaml.safe_load(text)
    assert data == report.to_dict()
    assert list(data) == ["report_version", "document", "extractor", "fields", "summary"]
    assert list(data["fields"]) == ["framework", "hardware"]
    assert data["summary"] == {"found": 1, "inferred": 0, "unstated": 1}


def test_values_are_written_one_per_line():
    text = make_report().to_yaml()
    assert "- {type: GPU, vendor: NVIDIA, model: Tesla V100, count: 2, memory_gb: null}" in text
    assert "offsets: [120, 155]" in text


def test_json_matches_dict():
    import json

    report = make_report()
    assert json.loads(report.to_json()) == report.to_dict()


@pytest.mark.parametrize("breakage", [
    lambda d: d["fields"]["hardware"].update(status="maybe"),
    lambda d: d["fields"]["hardware"].update(evidence=[]),
    lambda d: d["fields"]["framework"].update(values=[{"name": "Keras"}]),
    lambda d: d["fields"]["hardware"].update(status="inferred"),
    lambda d: d.update(summary={"found": 2, "inferred": 0, "unstated": 0}),
    lambda d: d["document"].pop("sha256"),
    lambda d: d.__setitem__("fields", dict(reversed(list(d["fields"].items())))),
])
def test_contract_check_rejects_broken_reports(breakage):
    data = make_report().to_dict()
    check_report(copy.deepcopy(data))
    breakage(data)
    with pytest.raises(ContractError):
        check_report(data)
