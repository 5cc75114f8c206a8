"""Settings written as configuration or code (YAML/JSON blocks, keyword arguments, argparse
defaults, command lines): what counts, and what a key switched off takes away."""
from __future__ import annotations

import pytest

from extractor import extract_text


def _field(text, field, section="Appendix A. Configuration"):
    return extract_text(f"# {section}\n\n{text}").to_dict()["fields"][field]


@pytest.mark.parametrize("text,field,value", [
    ("training: epochs: 60 seed: 314 deterministic: true", "randomness", {"seed": "314"}),
    ("parser.add_argument('--seed', type=int, default=21)", "randomness", {"seed": "21"}),
    ("parser.add_argument('--batch-size', type=int, default=48) parser.add_argument('--lr', type=float, default=0.002)",
     "hyperparameters", {"name": "batch_size", "value": "48"}),
    ("augment: vflip: 0.5 rotate_deg: 30", "data_augmentation", {"technique": "vertical_flip", "parameter": "0.5"}),
    ("postprocess: iou_thres: 0.6 conf_thres: 0.3", "postprocessing", {"step": "non-maximum suppression"}),
    ('"split": {"train": 0.6, "val": 0.2, "test": 0.2, "group_by": "island"}', "data_split",
     {"ratio": "60/20/20", "strategy": "grouped"}),
])
def test_a_setting_written_as_configuration_is_found(text, field, value):
    result = _field(text, field)
    assert result["status"] == "found", result
    assert any(all(v.get(k) == want for k, want in value.items()) for v in result["values"]), result["values"]


@pytest.mark.parametrize("text,field", [
    ("callbacks: early_stopping: false checkpoint: last", "stopping_criteria"),
    ("loss: class_weights: null oversample: false", "bias_handling"),
    ("inference: tta: false ensemble: off", "postprocessing"),
    ("augment: mixup: 0.0 cutmix: 0", "data_augmentation"),
    ("seed: null", "randomness"),
])
def test_a_setting_switched_off_is_not_a_finding(text, field):
    assert _field(text, field)["status"] == "unstated"


def test_a_list_of_devices_is_not_a_setting_switched_off():
    # "=0,1" lists two GPUs; the key is not set to zero
    result = _field("CUDA_VISIBLE_DEVICES=0,1 python train.py --device cuda", "hardware", "Appendix E. Run command")
    assert result["status"] == "inferred"


def test_a_hyperparameter_set_to_zero_is_still_a_value():
    result = _field("optimizer: lr: 0.01 weight_decay: 0 momentum: 0.9", "hyperparameters")
    names = {v["name"]: v["value"] for v in result["values"]}
    assert names.get("weight_decay") == "0", result["values"]


def test_split_shares_that_do_not_add_up_are_counts_not_a_ratio():
    result = _field("Table 2. Train: 40 Test: 59", "data_split", "Results")
    assert all(v.get("ratio") != "40/59" for v in result["values"] or [])
