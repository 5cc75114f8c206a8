"""The dataset_size rules and normalisers (rules/dataset_size.yml, normalize/dataset_size.py)."""
from __future__ import annotations

import pytest

import extractor

from extractor.matching import match_sentence, values_of
from extractor.normalize.dataset_size import UNITS, canonical_unit, split_near, split_words_in
from extractor.ruleset import load_rule_file, rules_root

# this field's rule file alone, so that a broken rule file of another field fails its own tests
RULES = tuple(load_rule_file(rules_root() / "dataset_size.yml", "rules/dataset_size.yml"))


def triples(sentence):
    return sorted({(v["count"], v["unit"], v["split"]) for v in values_of(sentence, RULES)})  # (the field merges repeats)


# --- values -------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,expected", [
    ("The dataset comprises 12,345 images of 52 bird species.", [(12345, "images", "total")]),
    ("Altogether we gathered 64 500 leaf images in the field.", [(64500, "images", "total")]),
    ("Citizen scientists contributed 2.3 million photographs.", [(2300000, "images", "total")]),
    ("The archive we compiled holds eleven thousand recordings of frogs.",
     [(11000, "recordings", "total")]),
    ("We annotated roughly 18k UAV image tiles of the canopy.", [(18000, "tiles", "total")]),
    ("After cleaning, the corpus consisted of 15 003 spectrograms.",
     [(15003, "spectrograms", "total")]),
    ("In total 27,940 bat call recordings were used for training.",
     [(27940, "recordings", "train")]),
    ("Model performance was assessed on a test set of 480 images.", [(480, "images", "test")]),
    ("We manually labelled 5,102 camera-trap images, of which 4,000 were used for training, "
     "500 for validation and 602 for testing.",
     [(500, "images", "validation"), (602, "images", "test"), (4000, "images", "train"),
      (5102, "images", "total")]),
    ("The training set contained 9,211 images and the validation and test sets 1,150 and 1,152 images.",
     [(1150, "images", "validation"), (1152, "images", "test"), (9211, "images", "train")]),
    ("We used 7,000, 1,000 and 2,000 clips for training, validation and testing, respectively.",
     [(1000, "clips", "validation"), (2000, "clips", "test"), (7000, "clips", "train")]),
    ("Our benchmark has 3,300 training images, 410 validation images and 415 test images.",
     [(410, "images", "validation"), (415, "images", "test"), (3300, "images", "train")]),
    ("The detector was trained on 6,480 annotated drone photos.", [(6480, "images", "train")]),
    ("Next, 1,200 image samples were held out for testing.", [(1200, "images", "test")]),
    ("The remaining 950 audio clips served as the test set.", [(950, "clips", "test")]),
    ("Volunteers drew 41,877 bounding boxes around penguins.", [(41877, "bounding boxes", "total")]),
    ("The counts of test samples and training samples were 2,980 and 11,920, respectively.",
     [(2980, "samples", "test"), (11920, "samples", "train")]),
    ("The CNN was fine-tuned with 2,150 frames extracted from the survey videos.",
     [(2150, "frames", "train")]),
    ("We release a 3,100-image dataset of intertidal quadrats.", [(3100, "images", "total")]),
    ("The validation subset (15%), made up of 720 images, was monitored during training.",
     [(720, "images", "validation")]),
    ("After training, 380 images were used for testing.", [(380, "images", "test")]),
    ("Twenty plots served as training samples, whereas the remaining 12 plot samples were kept for validation.",
     [(12, "samples", "validation")]),
    ("We drew 3,000 recordings for the training set, 300 recordings as the validation set "
     "and 700 recordings as the test set.",
     [(300, "recordings", "validation"), (700, "recordings", "test"), (3000, "recordings", "train")]),
    ("The model was trained and tested on 8,800 images in total.", [(8800, "images", "total")]),
    # (session 19) frames taken at a rate, a part "of those" frames, a sampling year before a use
    ("We pulled 31,500 frames at two frames per second, and 25,200 of those frames went into training.",
     [(25200, "frames", "train"), (31500, "frames", "total")]),
    ("Fitting used 81 200 checklists from 2016 to 2021, and 9 400 observations from 2022 served as the test set.",
     [(9400, "observations", "test")]),
    ("Tile counts per split: training, 4.2k tiles; validation, 600 tiles; test, 1.2k tiles.",
     [(600, "tiles", "validation"), (1200, "tiles", "test"), (4200, "tiles", "train")]),
    ("The archive kept roughly sixty thousand photographs -- 59,874 after near-duplicates were dropped.",
     [(59874, "images", "total")]),
    ("Our scan set holds 318 point clouds, one per stand, with 220 used for training and 98 for testing.",
     [(98, "point clouds", "test"), (220, "point clouds", "train"), (318, "point clouds", "total")]),
])
def test_values(sentence, expected):
    assert triples(sentence) == sorted(expected)


@pytest.mark.parametrize("sentence", [
    # percentage splits belong to data_split
    "We used 80% of the images for training and 20% for testing.",
    "The photographs were split 70:30 into training and test sets.",
    "A 60:20:20 split of the recordings was applied.",
    "Of the images, 70 % were used for training.",
    # per-class / per-item counts
    "We kept at most 500 images per class for training.",
    "Each species was represented by 120 recordings in the training set.",
    "Only three images per individual were available.",
    "Each image was divided into 64 patches.",
    "Clips of 32 frames were fed to the network.",
    "The number of images per category ranged from 35 to 1,900 images.",
    "The average class had on average 240 images.",
    # batch, dimensions, signal lengths
    "A batch size of 32 images was used.",
    "Mini-batches of 256 samples were drawn at random.",
    "Inputs were 512 x 512 pixel images.",
    "Images were resized to 224 × 224 pixels.",
    "The STFT used a window of 1024 samples and a hop length of 256 samples.",
    "Videos were recorded at 25 frames per second.",
    # not sample counts
    "The network has 23 million parameters.",
    "The study area contains 38 species.",
    "Training ran for 150 epochs on two GPUs.",
    "In 2020 images were taken monthly.",
    "We compared the 2018 images with later surveys.",
    "Fig. 5 shows 16 images with their saliency maps.",
    "Five cameras produced images continuously.",
    "Sentinel-2 images with 10 m resolution were used.",
    "When 50 samples were used, accuracy dropped sharply.",
    # pre-training corpora and external archives
    "The backbone was pretrained on ImageNet, which holds 1.2 million images.",
    "ImageNet-1k provides 1.28 million training images in 1,000 classes.",
    "The online archive currently hosts over 900,000 recordings.",
    "The pipeline processes roughly 2.5 million images/day on the cluster.",
    "Forty occurrence records of the orchid were chosen for each class.",
    "Its backbone was trained on 400 million images collected on the web.",
    "The training set covered 35 different individuals photographed in 4,000 x 3,000 pixel frames.",
    # table leftovers
    "300 Frames",
    # too small to be a training set
    "We trained on 6 images.",
])
def test_no_values(sentence):
    assert values_of(sentence, RULES) == []


def test_breakdown_by_class_is_not_a_dataset_size():
    sentence = ("The dataset comprised 9,000 images: Fox (3,100 images), Badger (2,900 images) "
                "and Deer (3,000 images).")
    assert triples(sentence) == [(9000, "images", "total")]
    listing = "We had 1,200 owl images, 950 hawk images, 730 kite images and 410 falcon images."
    assert triples(listing) == []


def test_list_without_splits_is_evidence_without_values():
    matches = match_sentence("We collected 1,200 and 3,400 images at the two reserves.", RULES)
    assert matches, "the sentence is still evidence for the field"
    assert all(m.values == [] for m in matches)


def test_training_and_validation_together_is_not_a_single_split():
    matches = match_sentence("We used 4,500 training and validation images.", RULES)
    assert matches and all(m.values == [] for m in matches)


def test_every_value_has_the_documented_shape():
    sentence = "The training set held 2,222 tiles and the test set 555 tiles."
    values = values_of(sentence, RULES)
    assert values
    for value in values:
        assert set(value) == {"count", "unit", "split"}
        assert isinstance(value["count"], int)
        assert value["unit"] in UNITS
        assert value["split"] in ("total", "train", "validation", "test")


# --- helpers ------------------------------------------------------------------------------

def _split(sentence, number, mods=""):
    start = sentence.index(number)
    end = start + len(number)
    if mods:
        end = sentence.index(mods, end) + len(mods)
    return split_near(sentence, start, end, mods)


@pytest.mark.parametrize("sentence,number,expected", [
    ("A total of 3,000 images were used for training.", "3,000", "train"),
    ("The training set contained 3,000 images.", "3,000", "train"),
    ("The validation set consisted of 400 images.", "400", "validation"),
    ("A held-out set of 400 images was kept aside.", "400", "test"),
    ("We evaluated the models on 400 images.", "400", "test"),
    ("400 images were reserved as the development set.", "400", "validation"),
    ("Our dataset includes 3,000 images.", "3,000", "total"),
    ("The 3,000 images were used for training and testing.", "3,000", "total"),
    ("Of these, 300 were kept for testing.", "300", "test"),
])
def test_split_near(sentence, number, expected):
    assert _split(sentence, number) == expected


def test_split_near_reads_the_modifiers_first():
    s = "We collected 2,000 test images after training."
    assert split_near(s, s.index("2,000"), s.index(" images") + 7, "test") == "test"
    assert split_near(s, s.index("2,000"), s.index(" images") + 7, "training and validation") is None


def test_split_words_in_keeps_order_and_merges_repeats():
    assert split_words_in("for training, validation and testing") == ["train", "validation", "test"]
    assert split_words_in("the test and training sets") == ["test", "train"]
    assert split_words_in("training the trained model") == ["train"]
    assert split_words_in("deep learning") == []


@pytest.mark.parametrize("head,mods,expected", [
    ("photographs", "", "images"),
    ("pictures", "camera trap", "images"),
    ("samples", "image", "images"),
    ("samples", "audio", "recordings"),
    ("samples", "spectrogram", "spectrograms"),
    ("samples", "soil", "samples"),
    ("files", "wav", "recordings"),
    ("files", "", None),
    ("objects", "annotated", "annotations"),
    ("objects", "", None),
    ("clips", "video", "videos"),
    ("clips", "audio", "clips"),
    ("sonograms", "", "spectrograms"),
    ("vocalizations", "", "calls"),
    ("bounding  boxes", "", "bounding boxes"),
    ("widgets", "", None),
])
def test_canonical_unit(head, mods, expected):
    assert canonical_unit(head, mods) == expected


def test_split_table_printed_column_by_column_gives_counts_and_split():
    text = (
        "We trained a detector for stranded kelp on drone photographs.\n\n"
        "Table 3\nSubsets of the kelp dataset.\n\nSubset\n\nTrain\nValidation\nTest\nTotal\n\n"
        "Number of images\n\n2,880\n360\n362\n3,602\n\n"
    )
    report = extractor.extract_text(text)
    assert report.fields["dataset_size"].values == [
        {"count": 3602, "unit": "images", "split": "total"},
        {"count": 2880, "unit": "images", "split": "train"},
        {"count": 360, "unit": "images", "split": "validation"},
        {"count": 362, "unit": "images", "split": "test"},
    ]
    assert report.fields["data_split"].values == [
        {"scheme": "holdout", "ratio": "80/10/10", "folds": None, "strategy": None}]


def test_split_table_whose_total_does_not_add_up_is_not_read():
    text = "Table 3\nScores.\n\nSubset\n\nTrain\nValidation\nTest\nTotal\n\nF1 (%)\n\n97\n91\n90\n93\n\n"
    report = extractor.extract_text(text)
    assert report.fields["dataset_size"].status == "unstated"
    assert report.fields["data_split"].status == "unstated"


def test_split_table_in_a_pdf_is_read_row_by_row(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=12)
    pdf.text(72, 80, "2 Methods")
    pdf.set_font("Times", size=10)
    pdf.text(72, 110, "We trained a detector of nesting gannets on drone photographs.")
    pdf.text(72, 140, "Table 2. Photographs per subset.")
    rows = [("Subset", "Photographs"), ("Train", "3,320"), ("Validation", "415"), ("Test", "416"), ("Total", "4,151")]
    for i, (label, count) in enumerate(rows):
        pdf.text(72, 160 + 14 * i, label)
        pdf.text(200, 160 + 14 * i, count)
    path = tmp_path / "table.pdf"
    pdf.output(str(path))
    report = extractor.extract(str(path))
    assert {"count": 4151, "unit": "images", "split": "total"} in report.fields["dataset_size"].values
    assert {"count": 3320, "unit": "images", "split": "train"} in report.fields["dataset_size"].values
    assert report.fields["data_split"].values[0]["ratio"] == "80/10/10"


@pytest.mark.parametrize("sentence,expected", [
    ("The corpus contains 810 hours of audio from 24 reefs.", [(810, "hours of audio", "total")]),
    ("About 3,050 h of hydrophone recordings were used to train the detector.", [(3050, "hours of audio", "train")]),
    ("We labelled 1.5 h of underwater video for testing.", [(90, "minutes of video", "test")]),
    ("The evaluation set holds 45 minutes of camera footage.", [(45, "minutes of video", "test")]),
    ("Each recorder stored 2 h of audio per night.", []),
    ("Analysts reviewed the first 10 minutes of each recording.", []),
])
def test_audio_and_video_data_sized_by_their_length(sentence, expected):
    assert triples(sentence) == sorted(expected)
    for value in values_of(sentence, RULES):
        assert value["unit"] in UNITS and isinstance(value["count"], int)
