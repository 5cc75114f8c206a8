"""The 28 report fields, in report order, with the question each answers."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple


@dataclass(frozen=True)
class FieldSpec:
    name: str
    question: str
    cqs: Tuple[int, ...] = ()  # competency questions of the multi-LLM study this field answers


FIELDS: Tuple[FieldSpec, ...] = (
    FieldSpec("data_collection", "How were the raw data collected?", (1,)),
    FieldSpec("data_format", "What formats do the data have?", (2,)),
    FieldSpec("data_annotation", "How were the data annotated?", (3,)),
    FieldSpec("data_augmentation", "Which augmentations were applied?", (4,)),
    FieldSpec("datasets", "Which named datasets were used?", (5,)),
    FieldSpec("dataset_size", "How many samples were used, and how were they split?"),
    FieldSpec("preprocessing", "Which preprocessing steps came before training?", (6,)),
    FieldSpec("data_split", "How were the data split?", (7,)),
    FieldSpec("code_availability", "Where is the code available?", (8, 10)),
    FieldSpec("data_availability", "Where are the data available?", (9, 11)),
    FieldSpec("architecture", "Which model architecture was used?", (12,)),
    FieldSpec("pretraining", "Was the model pretrained, and on what?"),
    FieldSpec("hyperparameters", "Which hyperparameter values were used?", (13,)),
    FieldSpec("hyperparameter_tuning", "How were hyperparameters tuned?", (14,)),
    FieldSpec("optimizer", "Which optimiser was used?", (15,)),
    FieldSpec("stopping_criteria", "When did training stop?", (16,)),
    FieldSpec("regularization", "Which regularisation was used?", (17,)),
    FieldSpec("training_monitoring", "How was training monitored?", (18,)),
    FieldSpec("framework", "Which software frameworks built the model?", (19,)),
    FieldSpec("hardware", "Which hardware trained the model?", (20,)),
    FieldSpec("training_time", "How long did training and inference take?"),
    FieldSpec("postprocessing", "Which postprocessing steps followed training?", (21,)),
    FieldSpec("metrics", "Which metrics evaluated the model?", (22,)),
    FieldSpec("generalizability", "What supports generalisation?", (23,)),
    FieldSpec("randomness", "How was randomness handled?", (24,)),
    FieldSpec("purpose", "What is the model for?", (25,)),
    FieldSpec("bias_handling", "How was data bias handled?", (26,)),
    FieldSpec("deployment", "How and where was the model deployed?", (27, 28)),
)

FIELD_NAMES: Tuple[str, ...] = tuple(f.name for f in FIELDS)

# The report lists only covered fields: those with a rule file (a field without rules
# is "not covered", not "unstated").
def covered_fields() -> Tuple[str, ...]:
    """Fields that have a rule file, in report order."""
    from .ruleset import load_rules

    return load_rules().fields

STATUSES: Tuple[str, ...] = ("found", "inferred", "unstated")


def field_spec(name: str) -> FieldSpec:
    for spec in FIELDS:
        if spec.name == name:
            return spec
    raise KeyError(f"unknown field {name!r}; valid fields: {', '.join(FIELD_NAMES)}")


def field_for_cq(cq: int) -> Optional[str]:
    for spec in FIELDS:
        if cq in spec.cqs:
            return spec.name
    return None
