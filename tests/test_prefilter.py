import re

import pytest

from extractor.prefilter import required_strings
from extractor.ruleset import load_rules


@pytest.mark.parametrize("pattern,flags,expected", [
    (r"\b(?:took|takes)\s+\d+\s*h", re.I, {"took", "takes"}),
    (r"(?-i:CUDA)\s*(?P<v>\d+)", re.I, {"cuda"}),
    (r"batch[\s\-]?size\s*=\s*\d+", re.I, {"batch"}),
    (r"(?:early stopping|patience of \d+)", re.I, {"early stopping", "patience of "}),
    (r"(?:GPU|\d+ cards)", re.I, {"gpu", " cards"}),
])
def test_required_strings(pattern, flags, expected):
    assert required_strings(re.compile(pattern, flags)) == expected


@pytest.mark.parametrize("pattern", [
    r"\d+\s*GB",              # the only literal run is too short to filter
    r"(?:GPU|\d+x)",          # one alternative needs no literal of length 3
    r"(?:abc)?\d+",           # the literal part is optional
    r"[A-Z]{3,}",
])
def test_no_prefilter_where_nothing_is_required(pattern):
    assert required_strings(re.compile(pattern, re.I)) is None


def test_every_rule_example_that_matches_passes_its_prefilter():
    """Soundness on real rules: wherever a rule's pattern matches, the prefilter lets it run."""
    checked = 0
    for rule in load_rules().rules:
        if rule.prefilter is None:
            continue
        for text in [ex.text for ex in rule.examples] + list(rule.negative_examples):
            if rule.pattern.search(text):
                checked += 1
                assert any(s in text.lower() for s in rule.prefilter), (rule.id, text)
    assert checked > 300
