"""The blind probe benchmark (bench/probe.py, bench/probe/*.yml): files well formed, scoring right."""
from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

import extractor

ROOT = Path(__file__).resolve().parent.parent
PROBE_PY = ROOT / "bench" / "probe.py"


@pytest.fixture(scope="module")
def probe():
    spec = importlib.util.spec_from_file_location("probe_bench", PROBE_PY)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fields():
    return list(extractor.extract_text("x").fields.keys())


@pytest.fixture(scope="module")
def sets(probe, fields):
    return {name: probe.load_set(name, fields=fields) for name in ("dev", "test", "dev2")}


@pytest.fixture(scope="module")
def later_sets(probe, fields):
    return {name: probe.load_set(name, fields=fields) for name in (
        "dev3", "papers_dev", "papers_test", "papers2_dev", "papers2_test", "papers3_dev", "papers3_test")}


def test_probe_files_load_with_required_keys(sets):
    for name, items in sets.items():
        assert len(items) >= 150, name
        for item in items:
            for key in ("id", "section", "text", "expect"):
                assert key in item, (name, item.get("id"), key)
            assert item["text"].strip() and item["section"].strip()


def test_ids_unique_across_all_files(sets, probe):
    ids = [item["id"] for items in sets.values() for item in items]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates
    probe.check_unique_ids(sets)  # the runner's own check agrees


def test_statuses_fields_and_values_are_valid(sets, fields):
    for items in sets.values():
        for item in items:
            for name, status in item["expect"].items():
                assert name in fields, (item["id"], name)
                assert status in ("found", "inferred", "unstated", "yes"), (item["id"], status)
            for name, wanted in item.get("values", {}).items():
                assert name in item["expect"], (item["id"], name)
                assert all(isinstance(v, dict) and v for v in wanted), item["id"]


def test_every_field_is_probed_with_positives_and_negatives(sets, fields, probe):
    kinds = {name: Counter() for name in fields}
    for items in sets.values():
        for item in items:
            kinds[probe.main_field(item)][item.get("kind", "positive")] += 1
    for name in fields:
        positives = kinds[name]["positive"]
        negatives = sum(kinds[name].values()) - positives
        assert positives >= 7 and negatives >= 5, (name, dict(kinds[name]))


def test_dev2_probes_every_field_six_times(sets, fields, probe):
    kinds = {name: Counter() for name in fields}
    for item in sets["dev2"]:
        assert item["id"].startswith("v2-"), item["id"]
        kinds[probe.main_field(item)][item.get("kind", "positive")] += 1
    for name in fields:
        positives = kinds[name]["positive"]
        negatives = sum(kinds[name].values()) - positives
        assert positives >= 3 and negatives >= 2 and positives + negatives == 6, (name, dict(kinds[name]))


def test_dev3_probes_every_field_seven_times(later_sets, fields, probe):
    kinds = {name: Counter() for name in fields}
    for item in later_sets["dev3"]:
        assert item["id"].startswith("v3-"), item["id"]
        kinds[probe.main_field(item)][item.get("kind", "positive")] += 1
    for name in fields:
        assert kinds[name]["positive"] == 4 and sum(kinds[name].values()) == 7, (name, dict(kinds[name]))


def test_paper_sets_judge_every_field_of_every_paper(later_sets, sets, fields, probe):
    papers = [item for name, items in later_sets.items() if name.startswith("papers") for item in items]
    assert len(papers) == 16 + 16 + 12
    for item in papers:
        assert item["section"] == probe.PAPER_SECTION and item["kind"] == "paper", item["id"]
        assert set(item["expect"]) == set(fields), item["id"]
        assert len(item["text"].split()) >= 500, item["id"]  # a whole short paper
    # the first two sets give markdown headings, the third imitates PDF text without them
    assert all(item["text"].count("\n# ") >= 3 for item in papers if not item["id"].startswith("paper3-"))
    probe.check_unique_ids({**sets, **later_sets})


def test_set_choices(probe, tmp_path):
    assert probe.set_names("both") == ("dev", "test")  # unchanged: dev2 is not part of 'both'
    assert probe.set_names("dev2") == ("dev2",)
    # every file in bench/probe/: dev and test first, then the others by name
    others = sorted(path.stem for path in probe.PROBE_DIR.glob("*.yml") if path.stem not in ("dev", "test"))
    assert probe.set_names("all") == ("dev", "test", *others)
    assert {"dev2", "dev3", "papers_dev", "papers_test"} <= set(others)
    for name in ("dev2", "dev", "extra"):
        (tmp_path / f"{name}.yml").write_text("[]", encoding="utf-8")
    assert probe.set_names("all", tmp_path) == ("dev", "dev2", "extra")
    assert probe.set_names("all", tmp_path / "missing") == ()


def _report(**fields):
    return SimpleNamespace(fields={
        name: SimpleNamespace(status=status, values=values,
                              evidence=[SimpleNamespace(text="some sentence")] if status != "unstated" else [])
        for name, (status, values) in fields.items()})


ITEM = {
    "id": "hardware-99", "section": "Methods", "kind": "positive",
    "text": "Trained on two GeForce RTX 3090 GPUs in PyTorch 1.12.",
    "expect": {"hardware": "found", "framework": "yes"},
    "values": {"hardware": [{"model": "GeForce RTX 3090", "count": 2}],
               "framework": [{"name": "pytorch", "version": "1.12"}]},
}


def test_scoring_passes_a_matching_report(probe):
    report = _report(
        hardware=("found", [{"type": "GPU", "vendor": "NVIDIA", "model": "GeForce RTX 3090",
                             "count": "2", "memory_gb": 24}]),
        framework=("inferred", [{"name": "PyTorch", "version": "1.12"}]))
    judgments = probe.score_item(ITEM, report, "dev")
    assert [(j.field, j.what) for j in judgments] == [
        ("hardware", "status"), ("hardware", "value"), ("framework", "status"), ("framework", "value")]
    assert all(j.ok for j in judgments)
    assert not any(j.negative for j in judgments)


def test_scoring_fails_a_wrong_report(probe):
    report = _report(
        hardware=("inferred", [{"type": "GPU", "model": "GeForce RTX 3090", "count": 1},
                               {"type": "CPU", "model": "Core i9", "count": 2}]),
        framework=("unstated", []))
    judgments = probe.score_item(ITEM, report, "test")
    assert [j.ok for j in judgments] == [False, False, False, False]
    # 'yes' accepts found or inferred, never unstated; 'found' does not accept inferred
    assert probe.status_matches("yes", "inferred") and not probe.status_matches("yes", "unstated")
    assert not probe.status_matches("found", "inferred")


def test_value_equality_rules(probe):
    assert probe.value_equal(0.0001, "1e-4") and probe.value_equal(12480, 12480.0)
    assert probe.value_equal("ImageNet", "imagenet") and not probe.value_equal("2.3", "2.30")
    assert probe.value_equal(False, False) and not probe.value_equal(False, None)
    assert not probe.value_equal(True, "true") and not probe.value_equal(5, None)
    # a number expected as a string matches a reported number; two strings stay strings
    assert probe.value_equal("3e-4", 0.0003) and probe.value_equal("16", 16) and not probe.value_equal("16", 61)
    assert not probe.value_equal("1.10", "1.1") and probe.value_equal("0.0003", "3e-4") and not probe.value_equal("3e-4", "3e-3")
    # the report writes controlled values with underscores: "camera trap" is "camera_trap"
    assert probe.value_equal("camera trap", "camera_trap") and probe.value_equal("Horizontal  flip", "horizontal_flip")
    assert not probe.value_equal("camera trap", "camera_traps") and not probe.value_equal("k fold", "k-fold")


def test_metric_and_device_names_match_by_catalogue_entry(probe):
    assert probe.value_matches({"name": "F1"}, [{"name": "F1 score"}])
    assert probe.value_matches({"name": "mIoU"}, [{"name": "IoU"}])
    assert not probe.value_matches({"name": "RMSE"}, [{"name": "MAE"}])
    assert probe.value_matches({"model": "A100"}, [{"model": "NVIDIA A100"}])


def test_negative_items_are_marked_negative(probe):
    item = {"id": "regularization-99", "section": "Introduction", "kind": "textbook",
            "text": "Dropout is widely used.", "expect": {"regularization": "unstated"}}
    (judgment,) = probe.score_item(item, _report(regularization=("unstated", [])))
    assert judgment.ok and judgment.negative
    (judgment,) = probe.score_item(item, _report(regularization=("found", [{"technique": "dropout"}])))
    assert not judgment.ok


def test_paper_items_keep_their_own_headings_and_judge_every_field(probe):
    item = {"id": "paper-01", "section": probe.PAPER_SECTION, "kind": "paper",
            "text": "# Methods\n\nWe trained on one GPU.\n\n# Results\n\nIt worked.",
            "expect": {"hardware": "found", "regularization": "unstated"}}
    assert probe.build_text(item) == item["text"]
    assert probe.build_text(dict(item, section="Methods")).startswith("# Methods\n\n# Methods")
    hardware, regularization = probe.score_item(
        item, _report(hardware=("found", [{"type": "GPU"}]), regularization=("found", [])))
    assert hardware.ok and not hardware.negative
    assert regularization.kind == "paper" and regularization.negative and not regularization.ok


@pytest.mark.parametrize("text, cause", [
    ("- id: a-01\n  section: Methods\n  text: x\n", "missing key(s) expect"),
    ("- id: a-01\n  section: Methods\n  text: x\n  expect: {hardware: yes}\n", "quote 'yes'"),
    ("- id: a-01\n  section: Methods\n  text: x\n  expect: {hardwar: found}\n", "unknown field 'hardwar'"),
    ("- id: a-01\n  section: Methods\n  text: [x\n", "malformed YAML"),
])
def test_malformed_probe_file_exits_2_naming_file_and_item(probe, tmp_path, capsys, text, cause):
    (tmp_path / "dev.yml").write_text(text, encoding="utf-8")
    assert probe.main(["--set", "dev", "--probe-dir", str(tmp_path), "--show", "0"]) == 2
    err = capsys.readouterr().err
    assert "dev.yml" in err and cause in err
    if "malformed" not in cause:
        assert "a-01" in err


def test_runner_scores_a_small_set_end_to_end(probe, tmp_path, capsys):
    items = [
        {"id": "hardware-01", "section": "Methods", "kind": "positive",
         "text": "The model was trained on two NVIDIA GeForce RTX 3090 GPUs.",
         "expect": {"hardware": "found"}, "values": {"hardware": [{"type": "GPU", "count": 2}]}},
        {"id": "hardware-02", "section": "Discussion", "kind": "hypothetical",
         "text": "Future work could use TPUs.", "expect": {"hardware": "unstated"}},
    ]
    (tmp_path / "dev.yml").write_text(yaml.safe_dump(items), encoding="utf-8")
    assert probe.main(["--set", "dev", "--probe-dir", str(tmp_path), "--json", "--show", "5"]) == 0
    out = yaml.safe_load(capsys.readouterr().out)  # JSON is YAML
    assert out["per_set"]["dev"]["status_n"] == 2 and out["per_set"]["dev"]["values_n"] == 1
    assert out["per_set"]["dev"]["positives_n"] == 1 and out["per_set"]["dev"]["negatives_n"] == 1
    assert set(out["per_field"]) == {"hardware"}


def _probe_item(item_id, text="The model was trained on two NVIDIA GeForce RTX 3090 GPUs."):
    return {"id": item_id, "section": "Methods", "kind": "positive", "text": text,
            "expect": {"hardware": "found"}}


def test_runner_accepts_dev2_and_all(probe, tmp_path, capsys):
    (tmp_path / "dev.yml").write_text(yaml.safe_dump([_probe_item("hardware-01")]), encoding="utf-8")
    (tmp_path / "dev2.yml").write_text(yaml.safe_dump([_probe_item("v2-hardware-01")]), encoding="utf-8")
    assert probe.main(["--set", "dev2", "--probe-dir", str(tmp_path), "--json", "--show", "0"]) == 0
    out = yaml.safe_load(capsys.readouterr().out)
    assert set(out["per_set"]) == {"dev2", "all"} and out["per_set"]["dev2"]["status_n"] == 1
    assert probe.main(["--set", "all", "--probe-dir", str(tmp_path), "--json", "--show", "0"]) == 0
    out = yaml.safe_load(capsys.readouterr().out)
    assert list(out["per_set"]) == ["dev", "dev2", "all"] and out["per_set"]["all"]["status_n"] == 2
    # 'both' still means dev + test: test.yml is missing here, so it is an error naming it
    assert probe.main(["--set", "both", "--probe-dir", str(tmp_path), "--show", "0"]) == 2
    assert "test.yml" in capsys.readouterr().err


def test_runner_all_rejects_an_id_used_in_two_files(probe, tmp_path, capsys):
    (tmp_path / "dev.yml").write_text(yaml.safe_dump([_probe_item("hardware-01")]), encoding="utf-8")
    (tmp_path / "dev2.yml").write_text(yaml.safe_dump([_probe_item("hardware-01")]), encoding="utf-8")
    assert probe.main(["--set", "all", "--probe-dir", str(tmp_path), "--show", "0"]) == 2
    err = capsys.readouterr().err
    assert "dev2.yml" in err and "hardware-01" in err
