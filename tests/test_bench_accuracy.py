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


def test_value_keys_compare_urls_numbers_and_short_forms_alike():
    assert accuracy._url_key("https://www.GitHub.com/lab/tool/") == accuracy._url_key("http://github.com/lab/tool")
    assert accuracy._url_key("https://zenodo.org/record/1.") == "zenodo.org/record/1"
    assert accuracy._url_key(None) is None
    assert accuracy._number("1e-4") == accuracy._number("0.0001") == "0.0001"
    assert accuracy._number("10 (per training stage)") == "10"
    assert accuracy._number("1,000") == "1000"
    assert accuracy._number("none") is None
    # a short form with its own catalogue entry counts as its canonical metric
    assert accuracy._canon("metrics", "F1") == accuracy._canon("metrics", "F1-score") == "F1 score"
    assert accuracy._canon("architectures", "RF") == accuracy._canon("architectures", "random forests")


def test_score_values_counts_links_names_and_hyperparameters():
    text = ("# Methods\n\nWe fine-tuned a ResNet-50 pretrained on ImageNet with Adam, a learning rate of 0.001, "
            "a batch size of 32 and 50 epochs, and report accuracy and the F1-score.\n\n"
            "# Code availability\n\nThe code is available at https://github.com/example-lab/owl-counter.")
    rep = extractor.extract_text(text, source="p")
    empty = {"status": "unstated"}
    rec = {"id": "p", "is_dl": True,
           "hardware": {"devices": []}, "framework": {"items": []},
           "dataset_size": {"total": None, "splits": {}}, "pretraining": {"status": "unstated", "pretrained": None, "source": None},
           "code_link": {"urls": ["https://github.com/example-lab/owl-counter"]}, "data_link": {"urls": []},
           "architecture": {"names": ["ResNet50"]}, "datasets": {"names": ["ImageNet"]},
           "metrics": {"names": ["accuracy", "F1", "AUC"]},
           "hyperparameters": {"learning_rate": "1e-3", "batch_size": "32", "epochs": "100", "optimizer": "Adam"},
           "random_seed": empty}
    got = accuracy.score_values([rec], {"p": rep})
    assert (got["code_link.url"]["tp"], got["code_link.url"]["gold"]) == (1, 1)
    assert got["architecture.name"]["tp"] == 1 and got["datasets.name"]["tp"] == 1
    assert (got["metrics.name"]["tp"], got["metrics.name"]["gold"]) == (2, 3)
    assert (got["hyperparameters.lr/batch/epochs"]["tp"], got["hyperparameters.lr/batch/epochs"]["ours"]) == (2, 3)
    assert got["optimizer.name"]["tp"] == 1
    # the DL-only tally skips papers the gold does not mark is_dl
    assert accuracy.score_values([dict(rec, is_dl=False)], {"p": rep}, dl_only=True) == {}
