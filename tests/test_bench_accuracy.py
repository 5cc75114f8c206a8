"""The accuracy benchmark's mapping from a report to a competency question's yes/no."""
import importlib.util
from pathlib import Path

import extractor

_spec = importlib.util.spec_from_file_location("bench_accuracy", Path(__file__).resolve().parent.parent / "bench" / "accuracy.py")
accuracy = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(accuracy)


def _data(text):
    return extractor.extract_text(text).fields["data_availability"]


def test_on_request_is_a_finding_but_names_no_repository():
    res = _data("Readers may request the camera-trap images of this study from the first author.")
    assert res.status == "found"
    assert [v["status"] for v in res.values] == ["on request"]
    assert accuracy.field_for_cq(9) == "data_availability"
    assert not accuracy._answers(9, res) and not accuracy._answers(11, res)


def test_a_repository_answers_where_and_link():
    res = _data("All occurrence records and trained weights are archived on Zenodo (https://doi.org/10.5281/zenodo.1234567).")
    assert accuracy._answers(9, res) and accuracy._answers(11, res)


def test_other_questions_count_any_finding():
    res = extractor.extract_text("We trained a ResNet-50 on two NVIDIA V100 GPUs.").fields["hardware"]
    assert accuracy._answers(20, res)
    assert not accuracy._answers(20, extractor.extract_text("The owls were ringed in May.").fields["hardware"])
    assert not accuracy._answers(3, None)
