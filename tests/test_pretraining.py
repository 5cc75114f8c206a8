"""The pretraining field: pretrained true/false and the source dataset."""
from __future__ import annotations

import pytest

from extractor.catalogues import get_catalogue
from extractor.components.context import classify
from extractor.matching import match_sentence
from extractor.normalize.pretraining import find_sources
from extractor.ruleset import load_rules

RULES = load_rules().for_field("pretraining")


def asserted_values(sentence):
    """(pretrained, source) pairs of the matches that survive the context step, deduplicated."""
    out = []
    for m in match_sentence(sentence, RULES):
        if m.rule.context and classify(sentence, m.mention.start, m.mention.end)[0] != "asserted":
            continue
        for v in m.values:
            pair = (v["pretrained"], v["source"])
            if pair not in out:
                out.append(pair)
    return out


@pytest.mark.parametrize("sentence,expected", [
    ("We used an Xception network pre-trained on ImageNet as the encoder.", [(True, "ImageNet")]),
    ("Faster R-CNN was initialised with weights pretrained on MS-COCO.", [(True, "COCO")]),
    ("The ImageNet-pretrained DenseNet-121 was fine-tuned on our drone images.", [(True, "ImageNet")]),
    ("Both embedding models were pre-trained on AudioSet.", [(True, "AudioSet")]),
    ("We fine-tuned a ResNet-50 that had been trained on iNaturalist 2018.", [(True, "iNaturalist 2018")]),
    ("Transfer learning from ImageNet was used for all classifiers.", [(True, "ImageNet")]),
    ("Transfer learning was applied to cope with the limited number of labelled images.", [(True, None)]),
    ("We fine-tuned the detector for 50 epochs.", [(True, None)]),
    ("We started training from pretrained YOLOv5s weights.", [(True, None)]),
    ("The pretrained model was then deployed on an edge device.", [(True, None)]),
    ("The models were trained on ImageNet and then trained on our camera-trap data.", [(True, "ImageNet")]),
    ("ResNet-50 was initialised with ImageNet-21k weights.", [(True, "ImageNet-21k")]),
    ("Our backbone used weights='imagenet' when it was loaded.", [(True, "ImageNet")]),
    ("The network was pre-trained on Places365 and fine-tuned on the Snapshot Serengeti images.",
     [(True, "Places365")]),
    ("The classifier was pretrained on bird songs from xeno-canto recordings.", [(True, "Xeno-canto")]),
    ("We trained the network from scratch on 20,000 labelled patches.", [(False, None)]),
    ("The network weights were randomly initialised before training.", [(False, None)]),
    ("No pre-trained models were used in this work.", [(False, None)]),
    ("The U-Net was trained without any transfer learning.", [(False, None)]),
])
def test_pretraining_values(sentence, expected):
    assert asserted_values(sentence) == expected


@pytest.mark.parametrize("sentence", [
    # benchmarks, hyperparameter tuning, other people's and hypothetical statements
    "EfficientNet-B7 reached 84.3% top-1 accuracy on ImageNet.",
    "ImageNet contains more than 14 million annotated images.",
    "We carefully fine-tuned the learning rate and the batch size.",
    "The hyperparameters were fine-tuned with a grid search.",
    "Norman et al. (2019) trained their classifier on ImageNet before fine-tuning it.",
    "Previous studies have used pre-trained networks for bird call detection.",
    "Future work could use models pre-trained on larger audio corpora.",
    "Training from scratch requires far more labelled images than we had.",
    "The model could be trained from scratch if more data were collected.",
    "The new classification layer was randomly initialised.",
    "Each network was trained ten times with different random initialisations.",
    "We compared models with and without pre-training.",
    "Lindgren, P., Osei, A., 2019. Transfer learning for small ecological datasets: a review. Ecol. Comput. Lett. 2, 5.",
    "The annotation tool was built from scratch in JavaScript.",
    "We trained the classifier on 4,000 images of the Caltech Camera Traps dataset.",
])
def test_not_a_pretraining_finding(sentence):
    assert asserted_values(sentence) == []


def test_target_dataset_is_not_the_source():
    sentence = "The model was pre-trained on COCO and fine-tuned on the iWildCam 2020 images."
    assert find_sources(sentence) == ["COCO"]
    assert find_sources("We fine-tuned the network on CUB-200-2011.") == []


def test_two_sources_in_one_sentence():
    sentence = "VGG16 was pre-trained on ImageNet, whereas VGGish was pre-trained on AudioSet."
    assert sorted(find_sources(sentence)) == ["AudioSet", "ImageNet"]


def test_comparison_baseline_gives_only_the_positive_value():
    sentence = ("The transfer-learning models were more accurate than the models trained from scratch "
                "on the same images.")
    assert asserted_values(sentence) == [(True, None)]


def test_dataset_catalogue_attrs():
    catalogue = get_catalogue("datasets")
    imagenet = catalogue.lookup("ILSVRC-2012")
    assert imagenet.name == "ImageNet"
    assert imagenet.attrs["size"] == 1281167 and imagenet.attrs["classes"] == 1000
    assert catalogue.lookup("ImageNet-1 k").name == "ImageNet"
    assert catalogue.lookup("MS COCO").name == "COCO"
    assert catalogue.lookup("iNat2021").attrs["classes"] == 10000
    assert catalogue.lookup("UrbanSound8K").attrs["size"] == 8732
    assert catalogue.get("AudioSet").attrs["pretraining_source"] is True
    # ambiguous short aliases need data vocabulary and the right case
    assert [e.name for _, _, e in catalogue.find_all("Ben and Lila went fishing.")] == []
    assert [e.name for _, _, e in catalogue.find_all("We downloaded XC recordings.")] == ["Xeno-canto"]
    assert [e.name for _, _, e in catalogue.find_all("Kinetics of the enzyme were measured.")] == []
    assert [e.name for _, _, e in catalogue.find_all("For instance, trees were segmented.")] == []
    for entry in catalogue.entries:
        assert entry.attrs.get("domain"), entry.name
