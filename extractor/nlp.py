"""Builds the spaCy pipeline once per process.

``spacy.blank("en")`` plus extractor's own components; nothing is downloaded.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_suffix_regex

from .components import context as _context  # noqa: F401  (registers the factory)
from .components import field_ruler as _field_ruler  # noqa: F401
from .components import sentences as _sentences  # noqa: F401


# spaCy's English suffixes split a final full stop only after a lower-case letter, so a
# sentence ending in a name or a code ("... on an AMD Threadripper 3990X.", "in R.") would
# glue the stop to the name; the NER corpus and model need the name as its own token.
EXTRA_SUFFIXES = (r"(?<=[A-Z0-9])\.$",)


def blank_nlp() -> Language:
    """``spacy.blank("en")`` with the project's tokenizer adjustments (no components)."""
    nlp = spacy.blank("en")
    nlp.tokenizer.suffix_search = compile_suffix_regex(list(nlp.Defaults.suffixes) + list(EXTRA_SUFFIXES)).search
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The shared pipeline: sentences -> field rules -> context."""
    nlp = blank_nlp()
    nlp.add_pipe("extractor_sentences")
    nlp.add_pipe("extractor_field_ruler")
    nlp.add_pipe("extractor_context")
    return nlp
