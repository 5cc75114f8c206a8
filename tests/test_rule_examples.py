"""Every rule's own examples, positive and negative, run from the rule files themselves."""
from __future__ import annotations


import pytest

from extractor.components.context import ContextRules, classify, follow_up, load_context_rules
from extractor.matching import asserted_matches as _asserted
from extractor.ruleset import load_rules

RULES = load_rules().rules


def _cases(kind):
    for rule in RULES:
        items = rule.examples if kind == "pos" else rule.negative_examples
        for i, ex in enumerate(items):
            yield pytest.param(rule, ex, id=f"{rule.id}[{i}]")


def asserted_matches(rule, sentence, previous=""):
    return _asserted(sentence, [rule], previous)


def test_there_are_rules_with_examples():
    assert RULES, "no rule files were loaded"
    assert all(rule.examples for rule in RULES), [r.id for r in RULES if not r.examples]


@pytest.mark.parametrize("rule,example", list(_cases("pos")))
def test_rule_finds_its_example(rule, example):
    matches = asserted_matches(rule, example.text, example.previous)
    assert matches, f"{rule.id} found nothing in {example.text!r}"
    produced = [v for m in matches for v in m.values]
    for expected in example.values:
        assert any(all(v.get(k) == val for k, val in expected.items()) for v in produced), (
            f"{rule.id}: no value containing {expected} in {produced} for {example.text!r}")


@pytest.mark.parametrize("rule,sentence", list(_cases("neg")))
def test_rule_ignores_its_negative_example(rule, sentence):
    matches = asserted_matches(rule, sentence)
    assert not matches, f"{rule.id} found {[m.mention.text for m in matches]} in {sentence!r}"


def _marked_cases(rules):
    """(rule, example, affected) for the examples and negative examples of context rules."""
    for rule in rules:
        for i, ex in enumerate(rule.examples):
            yield pytest.param(rule, ex, True, id=f"{rule.id}[{i}]")
        for i, ex in enumerate(rule.negative_examples):
            yield pytest.param(rule, ex, False, id=f"{rule.id}[neg{i}]")


@pytest.mark.parametrize("trigger,example,affected", list(_marked_cases(load_context_rules().triggers)))
def test_context_trigger_examples(trigger, example, affected):
    start = example.index("[[")
    sentence = example.replace("[[", "").replace("]]", "")
    end = example.index("]]") - 2
    if affected:
        # the trigger alone (with the terminations and pseudo-triggers) must reach the mention
        rules = load_context_rules()
        alone = ContextRules(tuple(t for t in rules.triggers if t is trigger or t.category == "pseudo"),
                             rules.terminations, rules.own_work)
        assert classify(sentence, start, end, alone) == (trigger.category, trigger.id)
    else:
        # and with all triggers together, its counter-examples stay asserted
        category, trigger_id = classify(sentence, start, end)
        assert category == "asserted", (category, trigger_id)


@pytest.mark.parametrize("rule,example,affected", list(_marked_cases(load_context_rules().follow_ups)))
def test_follow_up_examples(rule, example, affected):
    """The example's first sentence (its mention marked) ends at the first ". " after the mark;
    the pipeline gives the mention the follow-up's category from the sentence after it."""
    cut = example.index(". ", example.index("]]")) + 1
    first, then = example[:cut], example[cut:].strip()
    mention = first[first.index("[[") + 2:first.index("]]")]
    first = first.replace("[[", "").replace("]]", "")
    category, rule_id = follow_up(first, then)
    if affected:
        assert (category, rule_id) == (rule.category, rule.id)
        # and the whole pipeline drops what the first sentence named
        record = [r for r in _pipeline_records(first + " " + then) if r.mention.text == mention]
        assert record and all(r.context == rule.category for r in record), mention
    else:
        assert category == "asserted", (category, rule_id)


def _pipeline_records(text):
    from extractor.nlp import get_nlp
    return list(get_nlp()(text)._.extractor_matches or [])


_OWN = load_context_rules().own_work


@pytest.mark.parametrize("sentence,own", [(s, True) for s in _OWN.examples] + [(s, False) for s in _OWN.negative_examples])
def test_own_work_examples(sentence, own):
    assert bool(_OWN.pattern.search(sentence)) is own


def test_own_work_is_one_pattern_everywhere():
    """The normalisers' own-work cue and the context rules' background cue are the same object."""
    from extractor.normalize.cues import OWN_WORK
    rules = load_context_rules()
    assert OWN_WORK is rules.own_work.pattern
    assert rules.background is not None and rules.background.own_work is rules.own_work.pattern
    term = [t for t in rules.terminations if t.id == "context.term.own_work"]
    assert term and term[0].pattern.pattern == rules.own_work.pattern.pattern
