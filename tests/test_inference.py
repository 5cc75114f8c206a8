"""The inference layer: rules/inference.yml over resolved fields."""
import pytest
import yaml

import extractor
from extractor.errors import RuleError
from extractor.inference import _premise, apply_inference, load_inference_rules
from extractor.findings import Evidence
from extractor.status import FieldResult


def ev(text):
    return Evidence(text=text, rule="x.y", section="Methods", page=1, start=0, end=len(text))


def test_cuda_alone_makes_hardware_inferred_with_premise_evidence():
    report = extractor.extract_text("GPU parallelisation of the training code used CUDA 10.2.")
    hw = report.fields["hardware"]
    assert hw.status == "inferred"
    assert hw.values == [{"type": "GPU", "vendor": "NVIDIA", "model": None, "count": None, "memory_gb": None}]
    assert hw.inference["rule"] == "inference.cuda_implies_nvidia_gpu"
    assert "CUDA 10.2" in hw.evidence[0].text
    data = yaml.safe_load(report.to_yaml())  # the contract holds for inferred fields
    assert data["fields"]["hardware"]["inference"]["premise"]["field"] == "framework"


def test_stated_values_win_over_inferred_ones():
    text = "The detector ran on one NVIDIA RTX 3090 GPU with CUDA 11.3 and Keras 2.4 on TensorFlow 2.4."
    report = extractor.extract_text(text)
    assert report.fields["hardware"].status == "found"
    assert report.fields["hardware"].inference is None  # the stated GPU already says NVIDIA GPU
    fw = report.fields["framework"]
    assert {"name": "TensorFlow", "version": "2.4"} in fw.values
    assert {"name": "TensorFlow", "version": None} not in fw.values


def test_keras_adds_tensorflow_as_a_derived_value():
    fw = extractor.extract_text("We built the classifier with Keras 2.2.4.").fields["framework"]
    assert fw.status == "found"
    assert fw.values == [{"name": "Keras", "version": "2.2.4"}, {"name": "TensorFlow", "version": None}]
    assert fw.inference["rule"] == "inference.keras_implies_tensorflow"
    assert fw.inference["derived"] == [{"name": "TensorFlow", "version": None}]


def test_keras_with_another_backend_implies_nothing():
    fw = extractor.extract_text("We used Keras 2.0 with the Theano 1.0 backend.").fields["framework"]
    assert {"name": "TensorFlow", "version": None} not in fw.values


def test_fine_tuning_alone_is_inferred_pretraining():
    pt = extractor.extract_text("We fine-tuned a ResNet-50 on our camera trap images.").fields["pretraining"]
    assert pt.status == "inferred"
    assert pt.values[0]["pretrained"] is True
    assert pt.inference["rule"] == "inference.fine_tuning_implies_pretraining"


def test_explicit_pretraining_is_found_not_inferred():
    pt = extractor.extract_text("The backbone was pre-trained on ImageNet and fine-tuned on our images.").fields["pretraining"]
    assert pt.status == "found" and pt.values == [{"pretrained": True, "source": "ImageNet"}]


def test_split_counts_add_up_to_a_derived_total():
    results = {"dataset_size": FieldResult("found", [
        {"count": 500, "unit": "images", "split": "train"},
        {"count": 100, "unit": "images", "split": "test"}], [ev("500 for training and 100 for testing")])}
    apply_inference(results)
    ds = results["dataset_size"]
    assert {"count": 600, "unit": "images", "split": "total"} in ds.values
    assert ds.inference["derived"] == [{"count": 600, "unit": "images", "split": "total"}]


def test_a_lone_training_count_equal_to_the_splits_of_another_unit_is_the_total():
    # "trained on 6,000 images" and, later, the same set split into 4,800 / 600 / 600 crops
    results = {"dataset_size": FieldResult("found", [
        {"count": 6000, "unit": "images", "split": "train"},
        {"count": 4800, "unit": "crops", "split": "train"},
        {"count": 600, "unit": "crops", "split": "validation"},
        {"count": 600, "unit": "crops", "split": "test"}], [ev("s")])}
    apply_inference(results)
    derived = results["dataset_size"].inference["derived"]
    assert {"count": 6000, "unit": "crops", "split": "total"} in derived
    assert {"count": 6000, "unit": "images", "split": "total"} in derived
    # a training count that is not the sum stays a training count only
    results = {"dataset_size": FieldResult("found", [
        {"count": 5000, "unit": "images", "split": "train"},
        {"count": 4800, "unit": "crops", "split": "train"},
        {"count": 600, "unit": "crops", "split": "test"}], [ev("s")])}
    apply_inference(results)
    assert {"count": 5000, "unit": "images", "split": "total"} not in results["dataset_size"].inference["derived"]


def test_a_stated_total_is_not_recomputed():
    results = {"dataset_size": FieldResult("found", [
        {"count": 650, "unit": "images", "split": "total"},
        {"count": 500, "unit": "images", "split": "train"},
        {"count": 100, "unit": "images", "split": "test"}], [ev("s")])}
    apply_inference(results)
    assert results["dataset_size"].inference is None
    assert [v["count"] for v in results["dataset_size"].values] == [650, 500, 100]


def test_every_shipped_inference_rule_loads_and_names_known_fields():
    rules = load_inference_rules()
    assert len(rules) >= 8
    assert len({r.id for r in rules}) == len(rules)


@pytest.mark.parametrize("raw,message", [
    ({"field": "nosuch"}, "unknown field"),
    ({"field": "framework", "rules": ["a.b"]}, "either a field or rules"),
    ({"field": "framework", "name_matches": "("}, "bad name_matches"),
    ({"field": "framework", "colour": 1}, "unknown key"),
])
def test_bad_premises_are_rule_errors(raw, message):
    with pytest.raises(RuleError, match=message):
        _premise(raw, "inference.demo")


def test_iou_implies_segmentation_but_not_beside_map():
    seg = {"metrics": FieldResult("found", [{"name": "IoU"}], [ev("mean IoU of 0.8")]),
           "purpose": FieldResult("unstated")}
    apply_inference(seg)
    assert seg["purpose"].status == "inferred" and seg["purpose"].values[0]["task"] == "segmentation"
    det = {"metrics": FieldResult("found", [{"name": "mAP"}, {"name": "IoU"}], [ev("mAP at an IoU of 0.5")]),
           "purpose": FieldResult("unstated")}
    apply_inference(det)
    assert det["purpose"].values == [{"task": "detection", "target": None}]


def test_validation_split_makes_monitoring_inferred():
    text = "The images were split into 70% training, 15% validation and 15% test sets."
    report = extractor.extract_text(text)
    assert report.fields["data_split"].status == "found"
    tm = report.fields["training_monitoring"]
    assert tm.status == "inferred"
    assert tm.values == [{"method": "held-out validation", "metric": None}]
    assert tm.inference["rule"] == "inference.validation_split_implies_monitoring"
    assert "validation" in tm.evidence[0].text


def test_split_without_validation_does_not_imply_monitoring():
    report = extractor.extract_text("The images were randomly split into 80% for training and 20% for testing.")
    assert report.fields["data_split"].status == "found"
    assert report.fields["training_monitoring"].status == "unstated"


def test_stated_monitoring_is_not_given_the_inferred_method():
    text = ("The images were split into 70% training, 15% validation and 15% test sets. "
            "We kept the weights with the lowest validation loss.")
    tm = extractor.extract_text(text).fields["training_monitoring"]
    assert tm.status == "found"
    assert {"method": "held-out validation", "metric": None} not in tm.values


def test_stopping_on_a_validation_score_makes_monitoring_inferred():
    text = "Training was stopped once the validation F1 score had not improved for 15 epochs."
    report = extractor.extract_text(text)
    assert report.fields["stopping_criteria"].status == "found"
    tm = report.fields["training_monitoring"]
    assert tm.status == "inferred"
    assert tm.values == [{"method": "validation metric", "metric": None}]
    assert tm.inference["rule"] == "inference.validation_stopping_implies_monitoring"


def test_stopping_on_a_fixed_budget_implies_no_monitoring():
    report = extractor.extract_text("Each network was trained for 120 epochs.")
    assert report.fields["stopping_criteria"].status == "found"
    assert report.fields["training_monitoring"].status == "unstated"


def test_colab_in_deployment_adds_colab_to_hardware_only_once():
    stated = extractor.extract_text("The detector was trained using the Google Colab Pro infrastructure on a Tesla T4 GPU.")
    hw = stated.fields["hardware"]
    assert stated.fields["deployment"].values == [{"target": "cloud", "detail": "Google Colab Pro"}]
    assert [v["model"] for v in hw.values if v["type"] == "cloud"] == ["Google Colab Pro"]
    assert hw.inference is None
    rules = {r.id: r for r in load_inference_rules()}
    results = {"deployment": FieldResult("found", [{"target": "cloud", "detail": "Google Colab"}], [ev("x")]),
               "hardware": FieldResult("unstated")}
    apply_inference(results, rules=[rules["inference.colab_implies_cloud_gpu"]])
    assert results["hardware"].status == "inferred"
    assert results["hardware"].values[0]["model"] == "Google Colab"


def test_test_split_makes_generalizability_inferred():
    text = "The plots were randomly divided into 75% for model fitting and 25% for testing."
    report = extractor.extract_text(text)
    assert report.fields["data_split"].status == "found"
    gen = report.fields["generalizability"]
    assert gen.status == "inferred"
    assert gen.values == [{"measure": "held-out test set"}]
    assert gen.inference["rule"] == "inference.test_split_implies_generalizability"


def test_stated_generalizability_keeps_its_own_measure():
    text = ("The plots were randomly divided into 75% for model fitting and 25% for testing. "
            "We then applied the fitted model to two other study regions to test its transferability.")
    gen = extractor.extract_text(text).fields["generalizability"]
    assert gen.status == "found"
    assert {"measure": "held-out test set"} not in gen.values


def test_a_split_without_a_test_part_implies_no_generalizability():
    report = extractor.extract_text("The annotated tiles were grouped into training batches of 64.")
    assert report.fields["generalizability"].status == "unstated"


def test_a_score_on_test_data_makes_generalizability_inferred():
    report = extractor.extract_text("On the test images the classifier reached an F1 score of 0.88.")
    assert report.fields["metrics"].status == "found"
    gen = report.fields["generalizability"]
    assert gen.status == "inferred"
    assert gen.inference["rule"] == "inference.test_score_implies_generalizability"


def test_a_score_without_test_data_implies_no_generalizability():
    report = extractor.extract_text("The classifier reached an F1 score of 0.88.")
    assert report.fields["metrics"].status == "found"
    assert report.fields["generalizability"].status == "unstated"
