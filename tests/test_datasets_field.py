"""datasets values: canonical name and role."""
from __future__ import annotations

import pytest

import extractor

from extractor.matching import asserted_values
from extractor.normalize.splits import dataset_role


def values(sentence):
    return asserted_values(sentence, "datasets")

@pytest.mark.parametrize("sentence,expected", [
    ("We trained the classifier on iNaturalist 2021 images of fungi.", [{"name": "iNaturalist 2021", "role": "training"}]),
    ("The model was evaluated on the iWildCam 2022 test set.", [{"name": "iWildCam", "role": "evaluation"}]),
    ("A ResNet-50 pre-trained on ImageNet was fine-tuned on Snapshot Serengeti.",
     [{"name": "ImageNet", "role": "pretraining"}, {"name": "Snapshot Serengeti", "role": "training"}]),
    ("Our detector was tested on the Caltech-UCSD Birds images.", [{"name": "CUB-200-2011", "role": "evaluation"}]),
    ("The network was trained with BirdCLEF 2023 recordings and Xeno-canto files.",
     [{"name": "BirdCLEF 2023", "role": "training"}, {"name": "Xeno-canto", "role": "training"}]),
    ("We used the PlantCLEF 2019 dataset in our experiments.", [{"name": "PlantCLEF 2019", "role": "unknown"}]),
    ("We evaluated the segmentation model on the Coral Reef Mosaic dataset.",
     [{"name": "Coral Reef Mosaic", "role": "evaluation"}]),
    # the study's data came from a portal or data product: a dataset, whatever the model
    ("Occurrence records were downloaded from GBIF.", [{"name": "GBIF", "role": "unknown"}]),
    ("Sentinel-2 scenes were acquired over the study area.", [{"name": "Sentinel-2", "role": "unknown"}]),
])
def test_dataset_values(sentence, expected):
    assert values(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "GBIF is an open portal of occurrence records.",  # a source named in passing
    "Landsat was launched in 1972.",
    "Gridded climate can be had from e.g. CHELSA.",
    "The Training dataset contained 4000 images.",
    "Smith, A., Jones, B., 2019. Birds of the Serengeti. Ecol. Inform. 50, 1-10. Snapshot Serengeti.",
    "In the future, ImageNet-21k could be used for pretraining.",
])
def test_not_datasets(sentence):
    assert values(sentence) == []


def test_role_from_right_context():
    s = "COCO weights initialised the detector."
    assert dataset_role(s, 0, 4) == "pretraining"
    s = "NABirds was used for testing the model."
    assert dataset_role(s, 0, 7) == "evaluation"


@pytest.mark.parametrize("sentence, role", [
    ("Both detectors were initialised with pre-trained weights trained on the COCO dataset.", "pretraining"),
    ("We started from checkpoints previously trained on ImageNet-21k.", "pretraining"),
    ("The detector weights were trained on the COCO dataset.", "training"),
    ("We trained the detector on the COCO dataset for 40 epochs.", "training"),
])
def test_weights_trained_on_is_pretraining(sentence, role):
    name = "COCO" if "COCO" in sentence else "ImageNet-21k"
    i = sentence.index(name)
    assert dataset_role(sentence, i, i + len(name)) == role


def test_pretraining_source_gives_no_dataset_size():
    report = extractor.extract_text("The classifier started from published weights trained on ImageNet.")
    assert report.fields["datasets"].values == [{"name": "ImageNet", "role": "pretraining"}]
    assert report.fields["dataset_size"].status == "unstated"
