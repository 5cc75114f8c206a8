"""data_split values: scheme, ratio, folds, strategy."""
from __future__ import annotations

import pytest

from extractor.matching import asserted_values
from extractor.normalize.splits import percents_with_roles, strategy_of


def values(sentence):
    return asserted_values(sentence, "data_split")

def V(scheme=None, ratio=None, folds=None, strategy=None):
    return {"scheme": scheme, "ratio": ratio, "folds": folds, "strategy": strategy}


@pytest.mark.parametrize("sentence,expected", [
    ("The photographs were split 80/20 into training and test sets.", V("holdout", "80/20")),
    ("We adopted a 70:15:15 ratio for the training, validation and test subsets.", V("holdout", "70/15/15")),
    ("A random 0.75/0.25 train-test split was used.", V("holdout", "75/25", strategy="random")),
    ("Eighty percent of the clips, i.e. 80% for training and 20% for testing, were drawn at random.",
     V("holdout", "80/20", strategy="random")),
    ("The data set was split into training (70%), validation (15%) and test (15%) subsets.", V("holdout", "70/15/15")),
    ("We kept 25% of the records for testing and used the remaining 75% to train the model.", V("holdout", "75/25")),
    ("Accuracy was estimated with ten-fold cross-validation.", V("k-fold", folds=10)),
    ("A stratified 5-fold CV was applied to the training images.", V("k-fold", folds=5, strategy="stratified")),
    ("We evaluated the models with spatially blocked k-fold cross-validation.", V("k-fold", strategy="spatial")),
    ("Leave-one-out cross-validation was used because only 40 plots were sampled.", V("leave-one-out")),
    ("Transferability was assessed by leave-one-camera-out validation.", V("leave-group-out", strategy="grouped")),
    ("Images were randomly divided into training, validation and test sets.", V("holdout", strategy="random")),
    ("We split the recordings by recorder into training and test sets.",
     V("holdout", strategy="grouped")),
])
def test_split_values(sentence, expected):
    assert expected in values(sentence)


@pytest.mark.parametrize("sentence", [
    "The detector reached 91% precision and 87% recall on the test set.",
    "Dropout of 30% was applied before the final training layer.",
    "Counts of the birds showed a two-fold increase after restoration.",
    "Sampling took place between 06:30 and 10:00 each morning during training of the observers.",
    "The values were rescaled to the [0-1] range before training.",
])
def test_not_splits(sentence):
    assert values(sentence) == []


def test_percent_roles():
    assert percents_with_roles("Of all images, 90% were used for training and 10% for validation.") == [
        ("train", 90.0), ("validation", 10.0)]


def test_strategy_words():
    assert strategy_of("The folds were spatially blocked.") == "spatial"
    assert strategy_of("We trained on 2018-2019 and tested chronologically on 2020.") == "temporal"
    assert strategy_of("We used a random forest and a held-out test set.") is None


def test_negated_apposition_does_not_negate_the_rest_of_the_sentence():
    from extractor.components.context import classify

    sentence = "Whole transects, not single quadrats, were allocated to the training and test sets."
    start = sentence.index("training")
    assert classify(sentence, start, start + 8)[0] == "asserted"
    negated = "Single quadrats were not allocated to the training set."
    start = negated.index("training")
    assert classify(negated, start, start + 8)[0] == "negated"


def test_a_class_named_like_a_split_role_gives_no_share():
    # a per-class table: "Trains" is a class, not the training share
    row = "Class No. Class Name Training Test Percent 17 Gravel Parking Lot 127 22 85.23% 18 Cars 848 5730 12.89% 19 Trains 493 4872 9.19%"
    assert ("train", 12.89) not in percents_with_roles(row)
    # the role word itself still names the share
    assert percents_with_roles("A random 20% of the tiles, set aside before any training, served for testing.") == [("test", 20.0)]
