"""The framework field: catalogue names, versions, languages, CUDA, and false positives."""
from __future__ import annotations

import pytest

from extractor.catalogues import get_catalogue
from extractor.components.context import classify
from extractor.matching import match_sentence
from extractor.normalize.framework import looks_like_reference, parse_version
from extractor.ruleset import load_rules

RULES = load_rules().for_field("framework")


def asserted_values(sentence, rule_ids=None):
    """Values of the matches that survive the context step, as (name, version) pairs."""
    out = []
    for m in match_sentence(sentence, RULES):
        if rule_ids is not None and m.rule.id not in rule_ids:
            continue
        if m.rule.context and classify(sentence, m.mention.start, m.mention.end)[0] != "asserted":
            continue
        out.extend((v["name"], v["version"]) for v in m.values)
    return out


FRAMEWORK_RULES = {"framework.catalogue", "framework.glued_version", "framework.tf_abbreviation",
                   "framework.ultralytics_yolo"}


@pytest.mark.parametrize("sentence,expected", [
    ("Our CNN was implemented in TensorFlow v2.4.1 on a workstation.", [("TensorFlow", "2.4.1")]),
    ("The classifier was trained with Pytorch (version 1.8.0).", [("PyTorch", "1.8.0")]),
    ("Keras (v. 2.2.4) was used with the Theano backend.", [("Keras", "2.2.4"), ("Theano", None)]),
    ("We used tensorflow-gpu 1.15 with Keras 2.3.1.", [("TensorFlow", "1.15"), ("Keras", "2.3.1")]),
    ("Our environment: torch==2.0.1, torchvision==0.15.2.", [("PyTorch", "2.0.1"), ("torchvision", "0.15.2")]),
    ("The segmentation network was trained with PyTorch 1.12.1+cu113.", [("PyTorch", "1.12.1")]),
    ("The experiments ran in MATLAB 2018b using the Neural Network Toolbox.",
     [("MATLAB", "2018b"), ("MATLAB Neural Network Toolbox", None)]),
    ("YOLOv4 was trained with Darknet on the annotated frames.", [("Darknet", None)]),
    ("We trained the detector using the Ultralytics library (v8.0.20).", [("Ultralytics", "8.0.20")]),
    ("The TensorFlow 1.x code base was ported to PyTorch.", [("TensorFlow", "1.x"), ("PyTorch", None)]),
    ("Models were written in Tensorflow2 and trained on a V100.", [("TensorFlow", "2")]),
    ("We used the TF 2.3 object detection API to retrain the detector.", [("TensorFlow", "2.3")]),
    ("The YOLOv8 package was used for training and inference.", [("Ultralytics", None)]),
    ("The MLP was fitted with the nnet package in R.", [("nnet", None)]),
    ("Mask R-CNN was trained using the Matterport implementation in Keras.",
     [("Mask R-CNN (Matterport)", None), ("Keras", None)]),
    ("Detection used MMDetection 2.25 with an MMCV backend.", [("MMDetection", "2.25"), ("MMCV", None)]),
    ("The R-package keras was used to fit the network.", [("Keras", None)]),
])
def test_frameworks_and_versions(sentence, expected):
    assert asserted_values(sentence, FRAMEWORK_RULES) == expected


@pytest.mark.parametrize("sentence", [
    # citations, years and counts are not versions
    "We implemented the network in TensorFlow (Abadi et al., 2016).",
    "The model was built with Keras (2015) defaults.",
    "The model was trained with PyTorch [23] using Adam.",
])
def test_citation_is_not_a_version(sentence):
    values = asserted_values(sentence, FRAMEWORK_RULES)
    assert values and all(version is None for _, version in values), values


@pytest.mark.parametrize("sentence", [
    "Marsh, D., Ito, K., 2017. TensorFlow: a practical guide for ecological image analysis. In: EcoVis.",
    "Chollet, F., 2015. Keras. GitHub. https://github.com/fchollet/keras.",
    "Keras.",
    "Deep Learning with PyTorch and Caffe: Which One Is Faster?",
    "Previous studies have implemented CNNs in Caffe.",
    "Smith et al. (2020) used Keras to classify bird calls.",
    "In future work we will port the network to TensorFlow Lite.",
    "Libraries such as PyTorch and TensorFlow make it easy to train a baseline model.",
    "TensorFlow is one of the leading open-source machine learning frameworks.",
    "The backbone, CSPDarknet53, extends Darknet-53 with cross-stage partial connections.",
    "Images were exported from Roboflow in YOLOv5 PyTorch format.",
    "A Burmese python (Python bivittatus) was detected on 12 cameras.",
    "Sap flow was measured with a torch-shaped probe in the field.",
    "The Weka (Gallirallus australis) was the most frequently photographed bird.",
    "Emissions of H2O and CO2 were measured at 20 Hz.",
    "Confusion matrices and F1 scores were computed with scikit-learn.",
    "The code is archived at https://github.com/someone/BirdNET-Analyzer-fork.",
    "We could have tuned the hyperparameters with Optuna or sklearn instead.",
    "The crop rotation included Flax and barley in 2019.",
])
def test_not_a_framework_of_this_paper(sentence):
    assert asserted_values(sentence, FRAMEWORK_RULES) == []


def test_unversioned_duplicate_defers_to_versioned_mention():
    sentence = "We trained the network in the PyTorch framework, using Torch version 1.10.0."
    assert asserted_values(sentence, FRAMEWORK_RULES) == [("PyTorch", "1.10.0")]


@pytest.mark.parametrize("sentence,expected", [
    ("Scripts were written in Python 3.8.3 and R version 4.1.2.", [("Python", "3.8.3"), ("R", "4.1.2")]),
    ("Everything ran under python3.7 on Ubuntu.", [("Python", "3.7")]),
    ("We used the R software (version 4.0.3) for statistics.", [("R", "4.0.3")]),
    ("The solver was written in Julia 1.6.", [("Julia", "1.6")]),
    ("We implemented everything in Python.", []),
    ("Pythons (Python regius) were tracked for 3.5 months.", []),
    ("The fit was good (R 0.92).", []),
])
def test_language_versions(sentence, expected):
    assert asserted_values(sentence, {"framework.language"}) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("Training used CUDA 11.6 and cuDNN 8.4.1.", [("CUDA", "11.6"), ("cuDNN", "8.4.1")]),
    ("The environment had Cudatoolkit version 10.2.89.", [("CUDA", "10.2.89")]),
    ("CUDA Version-12.0 was installed on the server.", [("CUDA", "12.0")]),
    ("The card has 4,352 CUDA cores.", []),
])
def test_cuda(sentence, expected):
    assert asserted_values(sentence, {"framework.cuda"}) == expected


def test_parse_version():
    assert parse_version(" 2.4 library") == "2.4"
    assert parse_version(" (version 1.7.1)") == "1.7.1"
    assert parse_version(" deep learning framework version 1.12.0.") == "1.12.0"
    assert parse_version("==1.9.0") == "1.9.0"
    assert parse_version(" 2 backend") == "2"
    assert parse_version(" 2 layers") is None
    assert parse_version(" (2016)") is None
    assert parse_version(" [23]") is None
    assert parse_version(" R2020b", matlab=True) == "R2020b"


def test_reference_detector():
    assert looks_like_reference("Paszke, A., Gross, S., Massa, F., 2019. PyTorch: an imperative style library.")
    assert looks_like_reference("Jocher, G., 2020. YOLOv5 by Ultralytics. https://github.com/ultralytics/yolov5.")
    assert not looks_like_reference("We implemented the network in PyTorch (Paszke et al., 2019).")
    assert not looks_like_reference("The data were collected in 2019.")
    # a title split off its reference, against a terse list of settings after a colon
    title = "Scikit-learn: machine learning in Python."
    assert looks_like_reference(title, 0, len("Scikit-learn"))
    settings = "Augmentation: horizontal flip (p = 0.5), rotation of up to 15 degrees."
    assert not looks_like_reference(settings, 0, len("Augmentation"))


def test_catalogue_aliases_and_kinds():
    catalogue = get_catalogue("frameworks")
    assert catalogue.lookup("tf.keras").name == "Keras"
    assert catalogue.lookup("Tensorflow-GPU").name == "TensorFlow"
    assert catalogue.lookup("sklearn").name == "scikit-learn"
    assert catalogue.lookup("Detectron 2").name == "Detectron2"
    assert catalogue.lookup("Caffe2").name == "Caffe2"
    assert catalogue.get("TensorFlow Lite").attrs["kind"] == "runtime"
    assert catalogue.get("PyTorch").attrs["kind"] == "dl_framework"
    # every entry says what kind of software it is
    assert all(e.attrs.get("kind") for e in catalogue.entries)
