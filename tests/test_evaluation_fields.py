"""Value tests for the evaluation and use fields (training_time, postprocessing, metrics,
generalizability, randomness, purpose, bias_handling, deployment) and their normalisers."""
from __future__ import annotations

import pytest

from extractor import extract_text
from extractor.matching import values_of
from extractor.normalize.evaluation import metric_name, parse_duration, task_of
from extractor.ruleset import load_rules


def _values(field, sentence):
    return values_of(sentence, load_rules().for_field(field))


# ---------------------------------------------------------------------------- durations
@pytest.mark.parametrize("text,seconds", [
    ("36 h", 129600.0),
    ("about two days", 172800.0),
    ("3 h 20 min", 12000.0),
    ("8-10 hours", 32400.0),
    ("1,5 h", 5400.0),
    ("a few minutes", 180.0),
    ("450 ms", 0.45),
    ("half an hour", 1800.0),
])
def test_parse_duration(text, seconds):
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["ones", "was", "as many", "no time at all"])
def test_parse_duration_rejects_words(text):
    assert parse_duration(text) is None


def test_training_time_total_and_rates():
    [v] = _values("training_time", "Fitting the segmentation network took roughly 9 hours on the cluster.")
    assert v == {"phase": "training", "duration_s": 32400.0, "rate": None, "text": "took roughly 9 hours"}
    [v] = _values("training_time", "Once trained, the detector labels a photo in 0.12 s per image on a laptop CPU.")
    assert v["phase"] == "inference" and v["duration_s"] is None and v["rate"] == "0.12 s/image"
    [v] = _values("training_time", "Every epoch needed about 4 min with a batch size of 32.")
    assert v["phase"] == "training" and v["rate"] == "4 min/epoch"
    [v] = _values("training_time", "Our tracker runs at 30 FPS on the onboard computer.")
    assert v == {"phase": "inference", "duration_s": None, "rate": "30 fps", "text": "30 FPS"}


@pytest.mark.parametrize("sentence", [
    "The loggers recorded for 10 min every hour.",
    "Camera traps were deployed for 6 weeks at each site.",
    "Nestlings were weighed 12 days after hatching.",
])
def test_training_time_ignores_fieldwork(sentence):
    assert _values("training_time", sentence) == []


# ---------------------------------------------------------------------------- metrics
@pytest.mark.parametrize("alias,name", [
    ("F1-scores", "F1 score"), ("F-measure", "F1 score"), ("mean Average Precision", "mAP"),
    ("mAP50-95", "mAP@0.5:0.95"), ("mAP@.5", "mAP@0.5"), ("Jaccard index", "IoU"),
    ("root mean squared error", "RMSE"), ("R²", "R2"), ("coefficient of determination", "R2"),
    ("sensitivity", "recall"), ("true skill statistic", "TSS"), ("AUROC", "AUC"),
])
def test_metric_aliases(alias, name):
    assert metric_name(alias) == name


def test_metrics_in_sentence():
    got = _values("metrics", "Our classifier reached an overall accuracy of 94% (kappa = 0.91) and a macro F1 of 0.88.")
    assert {"name": "overall accuracy"} in got and {"name": "Cohen's kappa"} in got and {"name": "F1 score"} in got
    got = _values("metrics", "The counting model had an MAE of 3.2 birds and an R 2 of 0.87 against manual counts.")
    assert {"name": "MAE"} in got and {"name": "R2"} in got


@pytest.mark.parametrize("sentence", [
    "High-precision GNSS receivers located every plot corner.",
    "The F1 offspring were reared in tanks.",
    "We mapped the nests in region R2 in 2019.",
    "The accuracy of the GPS collars was about 10 m.",
])
def test_metrics_ignore_generic_words(sentence):
    assert _values("metrics", sentence) == []


# ---------------------------------------------------------------------------- purpose
@pytest.mark.parametrize("word,task", [
    ("classifying", "classification"), ("identification", "classification"), ("detect", "detection"),
    ("semantic segmentation", "semantic segmentation"), ("re-identification", "re-identification"),
    ("forecasting", "forecasting"), ("counting", "counting"), ("species distribution model", "species distribution modelling"),
])
def test_task_terms(word, task):
    assert task_of(word) == task


def test_purpose_values():
    got = _values("purpose", "We fine-tuned a ResNet-50 to identify 37 frog species from their calls.")
    assert {"task": "classification", "target": "frog species"} in got
    got = _values("purpose", "A Mask R-CNN model for the segmentation of kelp canopies was trained on drone images.")
    assert {"task": "segmentation", "target": "kelp canopies"} in got
    got = _values("purpose", "Our lynx re-identification pipeline matches coat patterns.")
    assert any(v["task"] == "re-identification" for v in got)


@pytest.mark.parametrize("sentence,target", [
    # a leading adverb is skipped, a trailing one ends the target
    ("We trained a CNN to detect highly invasive shrubs in drone images.", "invasive shrubs"),
    ("The network classified frog calls more reliably than the template matcher.", "frog calls"),
    # adjectives ending in -ly are not adverbs
    ("An LSTM was trained to predict daily river discharge.", "daily river discharge"),
    # the words after the last comma only
    ("Our CNN was built for noisy, sonar image classification.", "sonar"),
    # a score after the data is not what is classified
    ("We trained the network to classify image data with 85% accuracy.", "image data"),
])
def test_purpose_target_words(sentence, target):
    assert {v["target"] for v in _values("purpose", sentence)} == {target}


@pytest.mark.parametrize("sentence", [
    "With the algorithm, all classes were tried to predict correctly for each of the images.",  # an adverb
    "We trained the detector to detect various in the tiles.",  # a lone determiner-like word
    "We trained the model to detect two in each tile.",
    "The CNN was trained to classify x_k ∈ R into species.",  # a symbol of an equation
    "Our approach is a learning-based image classification.",  # how, not what
])
def test_purpose_target_is_none_for_non_nouns(sentence):
    values = _values("purpose", sentence)
    assert values and all(v["target"] is None for v in values)


def test_purpose_rejects_analysis_goals():
    assert _values("purpose", "A mixed model was used to identify which habitat variables matter most.") == []


# ---------------------------------------------------------------------------- randomness
def test_randomness_values():
    assert {"method": "fixed seed", "seed": "2023", "runs": None} in _values(
        "randomness", "All experiments used the random seed 2023.")
    assert {"method": "repeated runs", "seed": None, "runs": 3} in _values(
        "randomness", "Each network was trained three times with different seeds and the mean is reported.")
    assert {"method": "random split", "seed": None, "runs": None} in _values(
        "randomness", "The clips were randomly divided into training (80%) and test (20%) sets.")
    assert _values("randomness", "Seed germination was checked daily for four weeks.") == []


# ---------------------------------------------------------------------------- the other labelled fields
def test_postprocessing_generalizability_bias_values():
    assert {"step": "non-maximum suppression"} in _values(
        "postprocessing", "Duplicate boxes were suppressed by NMS with an IoU threshold of 0.5.")
    assert {"step": "confusion matrix"} in _values(
        "postprocessing", "Fig. 7 shows the normalised confusion matrix of the test predictions.")
    assert {"measure": "k-fold cross-validation"} in _values(
        "generalizability", "We ran ten-fold cross-validation on the training images.")
    assert {"measure": "spatial blocking"} in _values(
        "generalizability", "Folds were spatially blocked to reduce autocorrelation between training and test plots.")
    assert {"technique": "undersampling"} in _values(
        "bias_handling", "The majority background class was undersampled to 2,000 windows.")
    assert {"technique": "stratified splitting"} in _values(
        "bias_handling", "A stratified split kept the species proportions equal in the training and test sets.")


def test_deployment_values():
    assert {"target": "edge device", "detail": "Jetson Xavier NX"} in _values(
        "deployment", "The pruned model was deployed on a Jetson Xavier NX mounted in the field station.")
    assert {"target": "model file", "detail": "TensorFlow Lite"} in _values(
        "deployment", "For the phone app, the network was converted to TFLite.")
    assert {"target": "package", "detail": "R package"} in _values(
        "deployment", "We provide the trained classifiers as an R package for ecologists.")
    assert _values("deployment", "Sound was recorded with AudioMoth devices deployed at 20 sites.") == []


def test_deployment_targets_come_from_the_vocabulary():
    """Every target a deployment rule can give is one of DEPLOYMENT_TARGETS."""
    from extractor.normalize.evaluation import DEPLOYMENT_TARGETS
    rules = load_rules().for_field("deployment")
    targets = {r.params["target"] for r in rules if r.params.get("target")}
    targets |= {t for r in rules for _, t in r.params.get("targets") or []}
    assert targets and targets <= set(DEPLOYMENT_TARGETS), targets - set(DEPLOYMENT_TARGETS)


def test_deployment_detail_named_from_the_sentence():
    # the user is named elsewhere in the sentence than the operational-use phrase
    assert {"target": "operational use", "detail": "provincial wildlife agency"} in _values(
        "deployment", "The provincial wildlife agency has used our lynx classifier routinely since 2021.")
    assert {"target": "operational use", "detail": None} in _values(
        "deployment", "Our detector went into routine use after the 2020 field season.")


def test_purpose_tasks_come_from_the_vocabulary():
    from extractor.normalize.evaluation import TASKS
    for rule in load_rules().for_field("purpose"):
        for _, task in rule.params.get("retask") or []:
            assert task in TASKS, (rule.id, task)


@pytest.mark.parametrize("sentence,value", [
    # what is predicted decides the task: occurrence and suitability are distribution modelling
    ("The boosted trees predict the probability of presence of the hazel dormouse in each hedgerow.",
     {"task": "species distribution modelling", "target": "hazel dormouse"}),
    ("We predicted habitat suitability with a random forest.",
     {"task": "species distribution modelling", "target": "habitat suitability"}),
    ("The random forest predicts stand basal area from the lidar metrics.",
     {"task": "prediction", "target": "stand basal area"}),
])
def test_purpose_task_from_what_is_predicted(sentence, value):
    assert value in _values("purpose", sentence)


def test_report_values_for_a_short_paper():
    text = ("Abstract\n\nWe trained a YOLOv5 detector to detect sea turtles in drone images.\n\n"
            "Methods\n\nThe images were randomly split into training and test sets. Training took 5 h. "
            "Performance was measured with precision, recall and mAP@0.5. Detections below a "
            "confidence threshold of 0.4 were removed.")
    report = extract_text(text)
    assert {"task": "detection", "target": "sea turtles"} in report.fields["purpose"].values
    assert {"name": "mAP@0.5"} in report.fields["metrics"].values
    assert report.fields["training_time"].values == [
        {"phase": "training", "duration_s": 18000.0, "rate": None, "text": "took 5 h"}]
    assert {"step": "confidence thresholding"} in report.fields["postprocessing"].values
    # a random split alone introduces randomness; it does not handle it
    assert report.fields["randomness"].status == "unstated"
    assert report.fields["deployment"].status == "unstated"


def test_purpose_reads_a_possessive_target_but_not_a_possessive_property():
    found = _values("purpose", "We trained a small network on meadow recordings to detect its rasping call.")
    assert any(v["task"] == "detection" for v in found)
    assert not _values("purpose", "The random forest was used to estimate its importance for each plot.")


def test_training_time_phase_of_runs_and_of_a_trained_model():
    [v] = _values("training_time", "Runs took roughly six hours each on two GPUs.")
    assert v["phase"] == "training"
    [v] = _values("training_time", "Scoring one night of audio takes the trained model about 90 seconds on a CPU.")
    assert v["phase"] == "inference" and v["duration_s"] == 90.0
    [v] = _values("training_time", "The network processes a single one-minute recording in 3 s.")
    assert v["duration_s"] == 3.0  # the last duration, not "one minute" plus 3 s


def test_stopping_on_a_validation_score_is_early_stopping_and_a_training_plateau_is_not():
    [v] = _values("stopping_criteria", "Training stopped once the validation loss had not improved for eight epochs.")
    assert v["criterion"] == "early stopping" and v["patience"] == 8
    [v] = _values("stopping_criteria", "We terminated the training once the training loss plateaued.")
    assert v["criterion"] == "loss plateau"
