"""Normalisers turn a rule match into values of the field's shape.

A normaliser is a function ``(Mention) -> list[dict] | None`` registered under a name
that rule files refer to (``normalizer: gpu``). It returns:

* a list of value dicts (possibly empty: the sentence is evidence but gives no value,
  e.g. "trained on a GPU" names no model), or
* ``None`` to reject the match as a false positive (e.g. "Titan" the moon).

Normalisers see only the sentence, never the PDF or other passages.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional

Values = Optional[List[Dict[str, Any]]]


@dataclass(frozen=True)
class Mention:
    """One rule match inside one sentence.

    Example: in "All models were trained on two NVIDIA Tesla V100 GPUs." the rule
    ``hardware.gpu_model`` matches ``text="Tesla V100"`` at ``start=39``.
    """

    field: str
    rule_id: str
    text: str  # the matched text
    sentence: str  # the whole sentence containing it
    start: int  # offset of ``text`` in ``sentence``
    end: int
    groups: Mapping[str, str] = field(default_factory=dict)  # named regex groups that matched
    params: Mapping[str, Any] = field(default_factory=dict)  # the rule's ``params``
    # the sentence before, in the same passage ("" for the first): what "It" or "They"
    # opening this sentence may stand for ("The scripts are in Python. They can be ...")
    previous: str = field(default="", compare=False)

    @property
    def left(self) -> str:
        """The sentence before the match."""
        return self.sentence[: self.start]

    @property
    def right(self) -> str:
        """The sentence after the match."""
        return self.sentence[self.end:]


Normalizer = Callable[[Mention], Values]
_REGISTRY: Dict[str, Normalizer] = {}


def normalizer(name: str) -> Callable[[Normalizer], Normalizer]:
    """Registers a normaliser under ``name`` for rule files to use."""

    def register(func: Normalizer) -> Normalizer:
        if name in _REGISTRY and _REGISTRY[name] is not func:
            raise ValueError(f"normalizer {name!r} registered twice")
        _REGISTRY[name] = func
        return func

    return register


_LOADED = False


def _load_all() -> None:
    """Imports every module of this package once, so their normalisers register."""
    global _LOADED
    if _LOADED:
        return
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    _LOADED = True


def normalizer_names() -> List[str]:
    _load_all()
    return sorted(_REGISTRY)


def get_normalizer(name: str) -> Normalizer:
    _load_all()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown normalizer {name!r}; valid: {', '.join(sorted(_REGISTRY))}") from None


def normalize(mention: Mention, name: Optional[str]) -> Values:
    """Runs the named normaliser; a rule without one yields evidence with no values."""
    if name is None:
        return []
    return get_normalizer(name)(mention)
