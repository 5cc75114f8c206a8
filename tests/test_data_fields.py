"""The data fields (collection, format, annotation, augmentation, preprocessing): values."""
from __future__ import annotations

import pytest

import extractor

from extractor.matching import asserted_values
from extractor.normalize.data_fields import annotation_values, augmentation_values




@pytest.mark.parametrize("sentence,expected", [
    ("Calls were recorded with AudioMoth devices fixed to trees at 1.5 m.",
     {"method": "acoustic_recorder", "detail": "AudioMoth"}),
    ("We used WorldView-3 scenes acquired in July 2020.", {"method": "satellite", "detail": "WorldView-3"}),
    ("The photographs were taken with a Canon EOS 80D camera.", {"method": "camera", "detail": "Canon EOS 80D"}),
    ("Presence records were downloaded from the GBIF portal in May 2022.",
     {"method": "occurrence_database", "detail": "GBIF"}),
    ("Fish were filmed with baited remote underwater video stations at 12 reefs.",
     {"method": "underwater_camera", "detail": None}),
])
def test_collection_values(sentence, expected):
    assert expected in asserted_values(sentence, "data_collection")


def test_collection_rejects_other_peoples_data():
    sentence = "Remote sensing with satellite images has a long history (Tucker, 1979; Smith et al., 2015)."
    assert asserted_values(sentence, "data_collection") == []


@pytest.mark.parametrize("sentence,expected", [
    ("The recordings were stored as FLAC files.", {"modality": "audio", "file_format": "FLAC"}),
    ("Hyperspectral images with 224 bands were collected by the airborne sensor.",
     {"modality": "hyperspectral", "file_format": None}),
    ("Each 3-s clip was converted to a mel spectrogram that served as input.",
     {"modality": "spectrogram", "file_format": None}),
])
def test_format_values(sentence, expected):
    assert expected in asserted_values(sentence, "data_format")


def test_annotation_values_reads_the_whole_sentence():
    v = annotation_values("Volunteers outlined every penguin as a polygon in the VGG Image Annotator.")
    assert v == {"method": "polygon", "annotator": "crowd", "tool": "VGG Image Annotator"}


def test_annotation_ignores_predicted_boxes():
    assert asserted_values("The network outputs bounding boxes after non-maximum suppression.", "data_annotation") == []


@pytest.mark.parametrize("sentence,expected", [
    ("Augmentation consisted of rotations of ±15° and random zoom between 0.9 and 1.1.",
     [{"technique": "rotation", "parameter": "±15°"}, {"technique": "scaling", "parameter": "0.9-1.1"}]),
    ("We augmented the training images with vertical flips, Gaussian blur and 10% brightness changes.",
     [{"technique": "vertical_flip", "parameter": None}, {"technique": "blur", "parameter": None},
      {"technique": "brightness", "parameter": "10%"}]),
])
def test_augmentation_parameters(sentence, expected):
    got = asserted_values(sentence, "data_augmentation")
    for value in expected:
        assert value in got, got


def test_augmentation_none_and_its_limits():
    assert asserted_values("No augmentation was applied to the spectrograms.", "data_augmentation") == [
        {"technique": "none", "parameter": None}]
    assert asserted_values("Other authors trained without augmentation.", "data_augmentation") == []
    assert asserted_values("The solar radiation was augmented by the reflection.", "data_augmentation") == []


def test_augmentation_values_helper_skips_in_contrast():
    assert augmentation_values("In contrast, the images were flipped horizontally.") == [
        {"technique": "horizontal_flip", "parameter": None}]


@pytest.mark.parametrize("sentence,expected", [
    ("All frames were resized to 416 × 416 pixels.", {"step": "resize", "detail": "416x416"}),
    ("Input bands were standardised using z-scores.", {"step": "standardization", "detail": "z-scores"}),
    ("Recordings were band-pass filtered between 1 and 10 kHz.", {"step": "filtering", "detail": "band-pass 1 kHz 10 kHz"}),
    ("The audio was downsampled to 32 kHz.", {"step": "resampling", "detail": "32 kHz"}),
    ("Spectrograms were computed using a 512-point FFT with 50% overlap.",
     {"step": "spectrogram", "detail": "FFT 512, overlap 50%"}),
])
def test_preprocessing_values(sentence, expected):
    assert expected in asserted_values(sentence, "preprocessing")


@pytest.mark.parametrize("sentence", [
    "Each convolution is followed by batch normalization and a ReLU.",
    "The decoder upsamples the feature maps to the input resolution.",
    "Images were randomly cropped to 224 × 224 pixels during training.",
])
def test_preprocessing_rejects_model_internals_and_augmentation(sentence):
    assert asserted_values(sentence, "preprocessing") == []


@pytest.mark.parametrize("sentence,field,speculative", [
    ("Denoising the clips before training might raise the recall.", "preprocessing", True),
    ("Spatial thinning of the records would reduce sampling bias.", "preprocessing", True),
    ("A larger test set, around 5,000 frames, would be more convincing.", "dataset_size", True),
    ("The clips were denoised before training, which might raise the recall.", "preprocessing", False),
    ("Our 5,000 frames may still contain some label errors.", "dataset_size", False),
    ("During training the 5,000 frames were shuffled, so the order would not matter.", "dataset_size", False),
])
def test_mention_in_the_subject_of_a_later_modal(sentence, field, speculative):
    # decided by the context trigger context.hypothetical.modal_after for every field
    status = extractor.extract_text("# Methods\n\n" + sentence).fields[field].status
    assert (status == "unstated") is speculative


def test_an_identifier_is_no_augmentation_technique():
    assert augmentation_values("Positives were up-weighted with scale_pos_weight during training.") == []
    assert augmentation_values("Crops were randomly scaled during training.")


@pytest.mark.parametrize("previous,found", [
    ("Frames fogged by rain or out of focus carry nothing for the classifier.", True),
    ("Sticky traps were hung at 40 sites and emptied weekly.", False),
])
def test_removal_of_poor_items_named_the_sentence_before(previous, found):
    # "These were discarded" is cleaning only when the sentence before names poor-quality items
    report = extractor.extract_text(f"# Methods\n\n{previous} These were discarded before the data were split.")
    field = report.to_dict()["fields"]["preprocessing"]
    assert (field["status"] == "found") is found
    if found:
        assert {"step": "cleaning", "detail": None} in field["values"]
