"""Values of the training fields (CQ12-18): architecture, hyperparameters, tuning,
optimizer, stopping criteria, regularization and training monitoring."""
import pytest

import extractor
from extractor.normalize.training import (epochs_in, learning_rate_in, momentum_in, monitored_in,
                                          patience_in, tidy_number)


def values(text, field):
    report = extractor.extract_text(text)
    return report.fields[field].status, report.fields[field].values


@pytest.mark.parametrize("raw,tidy", [
    ("0.001", "0.001"), ("1 × 10−4", "1e-4"), ("10–3", "1e-3"), ("5e−4", "5e-4"),
    ("3 x 10^-4", "3e-4"), ("50 %", "50%"), ("224 × 224", "224x224"),
])
def test_tidy_number(raw, tidy):
    assert tidy_number(raw) == tidy


def test_sentence_readers():
    s = "We used SGD with momentum 0.9 and an initial learning rate of 1 × 10−2 for at most 150 epochs."
    assert learning_rate_in(s) == "1e-2"
    assert momentum_in(s) == "0.9"
    assert epochs_in(s) == 150
    s = "Training stopped once the val_loss had not improved for 8 consecutive epochs."
    assert patience_in(s) == 8
    assert epochs_in(s) is None  # the 8 epochs are the patience
    assert monitored_in(s) == "validation loss"


def test_architecture_names_and_families():
    status, vals = values("We fine-tuned an Inception-ResNet-v2 and a YOLOv5x detector on our drone images.",
                          "architecture")
    assert status == "found"
    assert {"name": "Inception-ResNet-v2", "family": "CNN"} in vals
    assert {"name": "YOLOv5x", "family": "detector"} in vals
    _, vals = values("Our classifier is a recurrent neural network with gated recurrent units.", "architecture")
    # the long form of a case-sensitive short name; the family-only value is subsumed by it
    assert vals == [{"name": "GRU", "family": "RNN"}]
    _, vals = values("A multilayer perceptron with two hidden layers predicted the biomass.", "architecture")
    assert vals == [{"name": None, "family": "MLP"}]


def test_architecture_plus_suffix_and_classical_models():
    _, vals = values("The kelp beds were delineated with DeepLabV3+ trained on our orthomosaics.", "architecture")
    assert vals == [{"name": "DeepLabV3+", "family": "segmentation"}]
    status, vals = values("We fitted a random forest and a MaxEnt model to the occurrence records.", "architecture")
    assert status == "found"
    assert vals == [{"name": "Random forest", "family": "classical ML"}, {"name": "MaxEnt", "family": "classical ML"}]
    # a statistical model alone is not the paper's ML model; beside machine-learning ones it is
    status, _ = values("We used a generalised additive model to test the effect of depth on abundance.", "architecture")
    assert status == "unstated"
    _, vals = values("The ensemble averaged a GAM and a boosted regression tree model.", "architecture")
    assert {"name": "GAM", "family": "classical ML"} in vals
    # praise of a method and other people's models are background
    status, _ = values("Maxent has become a popular tool for niche modelling (Phillips et al., 2006).", "architecture")
    assert status == "unstated"
    status, _ = values("Kapur's maximum entropy method gave the threshold of each image.", "architecture")
    assert status == "unstated"


def test_optimizer_with_parameters():
    _, vals = values("The network was trained with the Adam optimiser (learning rate 3e-4) for 40 epochs.", "optimizer")
    assert vals == [{"name": "Adam", "learning_rate": "3e-4", "momentum": None}]
    _, vals = values("Weights were updated with stochastic gradient descent, momentum = 0.95, lr = 0.005.", "optimizer")
    assert vals == [{"name": "SGD", "learning_rate": "0.005", "momentum": "0.95"}]
    status, _ = values("Adam counted the birds along the transect on three mornings.", "optimizer")
    assert status == "unstated"


def test_optimizer_set_aside_is_not_reported():
    """The method the paper replaced ("instead of back-propagation") is not its optimiser."""
    status, vals = values("Connection weights of the ANN were found with a genetic algorithm, utilised instead of "
                          "error back-propagation.", "optimizer")
    assert status == "found"
    assert [v["name"] for v in vals] == ["Genetic algorithm"]
    status, vals = values("The weights were trained by back-propagation rather than by a particle swarm.", "optimizer")
    assert [v["name"] for v in vals] == ["Backpropagation"]


def test_hyperparameters():
    _, vals = values("We trained the U-Net for 80 epochs with a batch size of 12 and a learning rate of 10−4.",
                     "hyperparameters")
    assert {"name": "epochs", "value": "80"} in vals
    assert {"name": "batch_size", "value": "12"} in vals
    assert {"name": "learning_rate", "value": "1e-4"} in vals
    status, _ = values("Training stopped after 12 epochs without improvement in the validation loss.", "hyperparameters")
    assert status == "unstated"


def test_tuning_methods():
    _, vals = values("We searched the hyperparameter space with Optuna and a random search baseline.",
                     "hyperparameter_tuning")
    assert {"method": "Optuna"} in vals and {"method": "random search"} in vals
    status, _ = values("Grid search is often used to tune hyperparameters (Smith, 2019).", "hyperparameter_tuning")
    assert status == "unstated"


def test_stopping_criteria():
    _, vals = values("We used early stopping with a patience of 20 epochs on the validation mAP, "
                     "with a maximum of 300 epochs.", "stopping_criteria")
    assert vals == [{"criterion": "early stopping", "patience": 20, "epochs": 300, "monitored": "validation mAP"}]


def test_regularization_values():
    _, vals = values("Two dropout layers (rate = 0.3) and L2 regularisation of 1e-5 limited overfitting.",
                     "regularization")
    assert {"technique": "dropout", "value": "0.3"} in vals
    assert {"technique": "L2", "value": "1e-5"} in vals
    status, vals = values("We did not apply dropout because the network was small.", "regularization")
    assert status == "unstated"


def test_training_monitoring():
    _, vals = values("We kept the checkpoint with the highest validation accuracy and logged all runs to Weights & Biases.",
                     "training_monitoring")
    assert {"method": "checkpoint selection", "metric": "validation accuracy"} in vals
    assert any(v["method"] == "Weights & Biases" for v in vals)


def test_classical_model_hyperparameters():
    """Settings of random forests, boosted trees, SVMs and MaxEnt are hyperparameters too."""
    _, vals = values("The random forest used ntree = 1,500 and mtry = 3; the BRT a tree complexity of 4, "
                     "a learning rate of 0.005 and a bag fraction of 0.6.", "hyperparameters")
    for expected in ({"name": "n_trees", "value": "1500"}, {"name": "mtry", "value": "3"},
                     {"name": "tree_complexity", "value": "4"}, {"name": "learning_rate", "value": "0.005"},
                     {"name": "bag_fraction", "value": "0.6"}):
        assert expected in vals
    _, vals = values("The SVR had a Gaussian radial basis function kernel; cost and gamma were set to 8 and 0.25, "
                     "respectively.", "hyperparameters")
    assert {"name": "kernel", "value": "RBF"} in vals
    assert {"name": "cost", "value": "8"} in vals and {"name": "gamma", "value": "0.25"} in vals
    _, vals = values("Maxent was run with hinge and quadratic features, a regularisation multiplier of 2 and "
                     "10000 background points.", "hyperparameters")
    assert {"name": "feature_classes", "value": "QH"} in vals
    assert {"name": "regularization_multiplier", "value": "2"} in vals
    assert {"name": "background_points", "value": "10000"} in vals
    # real trees and kernel smoothing are not model settings
    status, _ = values("The 40 plots held 500 trees of 12 species, smoothed with a Gaussian kernel.", "hyperparameters")
    assert status == "unstated"


def test_classical_model_tuning():
    """tuneRF, ENMeval, AICc-based choice and out-of-bag / cross-validated searches are tuning."""
    cases = [
        ("The mtry of each forest was chosen with tuneRF.", "tuneRF"),
        ("Feature classes and regularisation multipliers were compared with ENMevaluate.", "ENMeval"),
        ("We retained the Maxent settings with the lowest AICc.", "information-criterion selection"),
        ("The number of trees and mtry were determined using the out-of-bag error.", "out-of-bag error"),
        ("The SVM hyperparameters were optimised by five-fold cross-validation.", "cross-validated tuning"),
    ]
    for text, method in cases:
        status, vals = values(text, "hyperparameter_tuning")
        assert status == "found" and {"method": method} in vals, text
    for text in ("The generalised linear model with the lowest AICc kept elevation and slope.",
                 "The optimal number of clusters was chosen with the elbow method.",
                 "Model accuracy was assessed by ten-fold cross-validation."):
        assert values(text, "hyperparameter_tuning")[0] == "unstated", text


@pytest.mark.parametrize("text, seconds", [
    ("We fitted the boosted trees to every species in turn. This took about six hours on the cluster.", 21600),
    ("Fine-tuning was done on a workstation with one RTX 3090. On that machine it took 2 h 40 min.", 9600),
    # the sentence before is another study's: the time is theirs
    ("Ortiz et al. trained their network on four GPUs. It took them a week.", None),
    # nothing in the sentence before was trained
    ("The recorders were collected in May. It took three days to copy the files.", None),
])
def test_a_run_time_whose_subject_is_the_sentence_before(text, seconds):
    field = extractor.extract_text("# Methods\n\n" + text).fields["training_time"]
    if seconds is None:
        assert field.status == "unstated", field.values
    else:
        assert field.status == "found"
        assert [(v["phase"], v["duration_s"]) for v in field.values] == [("training", seconds)]


@pytest.mark.parametrize("text, batch", [
    ("Mini-batches were drawn by a class-balanced sampler. Each of them held 64 spectrograms.", "64"),
    # the sentence before is not about batches
    ("The herbarium sent twelve boxes. Each held 40 specimens photographed twice.", None),
])
def test_a_batch_size_said_of_the_batches_named_before(text, batch):
    field = extractor.extract_text("# Methods\n\n" + text).fields["hyperparameters"]
    values = [v["value"] for v in field.values if v["name"] == "batch_size"]
    assert values == ([batch] if batch else [])
