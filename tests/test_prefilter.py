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
    (r"\d+\s*GB", re.I, {"gb"}),                 # a rare pair of letters filters well
    (r"\d+(?:\.\d+)?\s*%", re.I, {"%"}),          # so does a symbol
    (r"(?:learning rate|(?-i:lr))\s*=", re.I, {"learning rate", "lr"}),
])
def test_required_strings(pattern, flags, expected):
    assert required_strings(re.compile(pattern, flags)) == expected


def test_lookarounds_count_only_when_asked():
    """What a lookahead needs is in the text but not in the match: a passage filter may use
    it, a filter on the span that holds the match may not."""
    glued = re.compile(r"(?:RTX|GTX)\s?\d{4}(?=GPU)", re.I)
    assert required_strings(glued) == {"rtx", "gtx"}
    bare = re.compile(r"\d{4}(?=\s*GPUs?\b)", re.I)
    assert required_strings(bare) is None
    assert required_strings(bare, lookarounds=True) == {"gpu"}
    assert required_strings(re.compile(r"\d{4}(?!\s*GPUs?)", re.I), lookarounds=True) is None


@pytest.mark.parametrize("pattern", [
    r"\d+\s*in",              # the only literal is a common pair of letters: it filters nothing
    r"\d+\s*x",               # one letter
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


def _passage(*parts):
    """The sentences joined by single spaces, and their (start, end) spans in the text."""
    spans, pos = [], 0
    for part in parts:
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    return " ".join(parts), spans


def test_plan_limits_rules_to_sentences_that_can_hold_a_match():
    """The plan runs a rule only over sentences holding a string its matches need, and
    matching through the plan finds exactly what a scan of every rule over the text finds."""
    from extractor.matching import match_text
    from extractor.prefilter import RuleIndex

    rules = load_rules().rules
    index = RuleIndex(rules)
    second = "Birds were counted along transects in spring."
    text, sentences = _passage("The network was trained for 50 epochs on two NVIDIA Tesla V100 GPUs.", second)
    planned = dict((r.id, spans) for r, spans in index.plan(text.lower(), sentences))
    assert planned["hardware.gpu_model"] == [sentences[0]]
    assert all(spans is None or sentences[1] not in spans for rid, spans in planned.items()
               if rid.startswith("hardware."))
    checked = 0
    for rule in rules:
        for example in rule.examples[:3]:
            t, sents = _passage(example.text, second, example.text)
            fast = [(m.rule.id, m.mention.start + m.sentence_start) for m in match_text(t, sents, index.rules, index)]
            slow = [(m.rule.id, m.mention.start + m.sentence_start) for m in match_text(t, sents, list(rules))]
            assert sorted(fast) == sorted(slow), (rule.id, example.text)
            checked += 1
    assert checked > 300


def test_plan_is_not_misled_by_lower_casing_that_changes_the_length():
    """"İ".lower() has two characters: literal offsets then no longer match the text's,
    and a rule limited to the wrong sentence would miss its match."""
    from extractor.matching import match_text
    from extractor.prefilter import RuleIndex

    rules = load_rules().rules
    index = RuleIndex(rules)
    first = "İİİİİİİİİİİİİİİİİİİİİİİİİİİİİİ: we trained on one Tesla V100 card."
    second = "Birds were counted along transects in spring by two observers on foot."
    text = first + " " + second
    assert len(text.lower()) != len(text)
    sentences = [(0, len(first)), (len(first) + 1, len(text))]
    found = {m.rule.id for m in match_text(text, sentences, index.rules, index)}
    assert "hardware.gpu_model" in found


@pytest.mark.parametrize("pattern,flags,expected", [
    (r"\b(?:took|takes)\s+\d", re.I, "[t]"),
    (r"(?<![A-Za-z])(?:GPU|\d+x)", 0, "[G\\d]"),
    (r"(?:batch)?\s*size", re.I, None),         # may start with "batch", a space or "size": \s is kept
    (r"x?", 0, None),                              # can match nothing: no first character
    (r"(?i:cuda)|CUDA", 0, None),                  # a case-insensitive part in a case-sensitive pattern
    (r"[^a-z]+", 0, None),                         # a negated class
])
def test_first_char_class(pattern, flags, expected):
    from extractor.prefilter import first_char_class

    got = first_char_class(re.compile(pattern, flags))
    if expected is None and pattern.startswith("(?:batch)"):
        assert got is not None and "b" in got and "\\s" in got and "s" in got
    else:
        assert got == expected


def test_scanner_finds_exactly_the_matches_of_every_rule():
    """The first-character lookahead changes speed only: same spans and groups on every
    example and counter-example of every rule, searched as one text."""
    from extractor.prefilter import scanner

    rules = load_rules().rules
    text = " ".join(ex.text for r in rules for ex in r.examples) + " " + \
        " ".join(n for r in rules for n in r.negative_examples)
    faster = 0
    for rule in rules:
        fast = scanner(rule.pattern)
        faster += fast is not rule.pattern
        slow_hits = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text)]
        fast_hits = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
        assert fast_hits == slow_hits, rule.id
    assert faster > len(rules) * 0.8  # catalogue tries are left as they are (see MAX_SCANNER_PATTERN)


def test_plan_skips_a_catalogue_string_inside_a_longer_word():
    """"WIT" (a dataset) needs a whole word: "with" and "witness" do not send the datasets
    catalogue over their sentences, "WIT" does; the matches stay those of a full scan."""
    from extractor.catalogues import get_catalogue
    from extractor.matching import match_text
    from extractor.prefilter import RuleIndex

    assert get_catalogue("datasets").literal_bounds()["wit"] == (True, True)
    rules = load_rules().rules
    index = RuleIndex(rules)
    inside = "They left home with a witness."
    whole = "The encoder was pretrained on WIT before fine-tuning."
    text = inside + " " + whole
    sentences = [(0, len(inside)), (len(inside) + 1, len(text))]
    planned = {r.id: spans for r, spans in index.plan(text.lower(), sentences)}
    assert planned["datasets.catalogue"] == [sentences[1]]
    only_inside = {r.id: spans for r, spans in index.plan(inside.lower(), [(0, len(inside))])}
    assert "datasets.catalogue" not in only_inside
    fast = [(m.rule.id, m.mention.text) for m in match_text(text, sentences, index.rules, index)]
    slow = [(m.rule.id, m.mention.text) for m in match_text(text, sentences, list(rules))]
    assert sorted(fast) == sorted(slow)
    assert ("datasets.catalogue", "WIT") in fast


def test_a_rule_that_reads_the_end_of_a_sentence_finds_it_in_every_sentence():
    """A pattern with "$" (here: a patience value that ends its sentence) matches at the end of
    each sentence of a passage, not only of the last one, whether or not the plan is used."""
    from extractor.matching import match_text
    from extractor.prefilter import RuleIndex

    rules = load_rules().rules
    index = RuleIndex(rules)
    text, sentences = _passage("callbacks: early_stopping: monitor: val_auc patience: 6",
                               "Birds were counted along transects in spring.")
    for planned in (True, False):
        found = [m for m in match_text(text, sentences, index.rules if planned else list(rules), index if planned else None)
                 if m.rule.id == "stopping_criteria.exit_condition"]
        assert [m.values[0]["patience"] for m in found] == [6], planned


def test_a_rule_that_reads_the_start_of_a_sentence_finds_it_in_every_sentence():
    """A pattern with "^" (here: "These were discarded" after a sentence naming blurred
    frames) matches at the start of each sentence of a passage, not only of the first one,
    whether or not the plan is used, and reports offsets into the whole passage."""
    from extractor.matching import match_text
    from extractor.prefilter import RuleIndex

    rules = load_rules().rules
    index = RuleIndex(rules)
    text, sentences = _passage("Birds were counted along transects in spring.",
                               "Blurred frames hide the birds.",
                               "These were discarded before the split.")
    for planned in (True, False):
        found = [m for m in match_text(text, sentences, index.rules if planned else list(rules), index if planned else None)
                 if m.rule.id == "preprocessing.cleaning_anaphor"]
        assert [text[m.sentence_start + m.mention.start:m.sentence_start + m.mention.end] for m in found] \
            == ["These were discarded"], planned
