"""Builds the spaCy pipeline once per process.

``spacy.blank("en")`` plus extractor's own components; nothing is downloaded.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .components import context as _context  # noqa: F401  (registers the factory)
from .components import field_ruler as _field_ruler  # noqa: F401
from .components import sentences as _sentences  # noqa: F401


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline: sentences -> field rules -> context."""
    nlp = spacy.blank("en")
    nlp.add_pipe("extractor_sentences")
    nlp.add_pipe("extractor_field_ruler")
    nlp.add_pipe("extractor_context")
    return nlp
