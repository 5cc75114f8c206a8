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


def test_literal_index_finds_exactly_the_strings_a_text_contains():
    """One scan gives the same answer as an ``in`` test per string, prefixes included."""
    from extractor.prefilter import LiteralIndex

    rules = load_rules().rules
    index = LiteralIndex(r.prefilter for r in rules)
    texts = [ex.text for r in rules for ex in r.examples][:400]
    texts += ["", "two gpus and one gpu", "ResNet-50 on 4x A100", "épocas\tde\nentrenamiento"]
    for text in texts:
        lowered = text.lower()
        assert index.present(lowered) == {s for s in index.literals if s in lowered}, text


def test_literal_index_reports_prefixes_and_overlaps():
    from extractor.prefilter import LiteralIndex

    index = LiteralIndex([frozenset({"gpu", "gpus"}), frozenset({"pus", "epoch"}), None])
    assert index.present("two gpus") == {"gpu", "gpus", "pus"}
    assert index.present("one gpu, no epochs") == {"gpu", "epoch"}
    assert index.present("nothing here") == frozenset()


def test_catalogue_rules_get_a_prefilter_from_their_aliases():
    rules = {r.id: r for r in load_rules().rules}
    gpu = rules["hardware.gpu_model"]
    assert gpu.prefilter is not None and "1080" in gpu.prefilter


def test_rule_index_keeps_every_rule_that_can_match():
    """Every rule whose pattern matches an example (and whose requires test passes) is a candidate."""
    from extractor.prefilter import RuleIndex

    rules = load_rules().rules
    index = RuleIndex(rules)
    checked = 0
    for rule in rules:
        for text in [ex.text for ex in rule.examples]:
            if rule.pattern.search(text) and (rule.requires is None or rule.requires.search(text)):
                checked += 1
                assert rule in index.candidates(text.lower()), (rule.id, text)
    assert checked > 300
    assert len(index.candidates("nothing to see here.")) < len(rules) // 2
