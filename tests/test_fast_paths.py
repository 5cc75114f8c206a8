"""The shortcuts taken for speed give what the plain path gives.

Each shortcut skips work whose result is known: passages no rule matches are not
tokenised, trigger positions are found once per sentence, word counts are taken in one
pass. These tests run the plain path next to the shortcut and compare.
"""
from collections import Counter
import random

import pytest

from extractor.components.context import classify, load_context_rules, trigger_hits
from extractor.findings import evidence_passages, findings_from_doc
from extractor.nlp import get_nlp
from extractor.passages import make_passages
from extractor.pipeline import _new_doc, _passages_with_matches, build_report
from extractor.reading._textutil import Vocabulary, _BROKEN_ENDS, _strip_token, clean_text
from extractor.reading.text import read_text

PAPER = """# Counting seabirds from drone images

## Abstract

Colonies of nesting gulls were photographed from a drone over three summers.

## Introduction

Counting birds by hand is slow. Earlier work trained detectors on ImageNet features.

## Methods

We annotated 4,210 images with bounding boxes in CVAT. The images were split 70/15/15 into
training, validation and test sets. We trained a Faster R-CNN with a ResNet-50 backbone in
PyTorch 1.13 on one NVIDIA RTX 3090 GPU for 40 epochs with a learning rate of 0.001.

The weather was calm on most days of the survey.

Training stopped early when the validation loss had not improved for 8 epochs.

## Results

The detector reached a mean average precision of 0.81 on the test set.

## Data availability

Code is available at https://github.com/example-lab/gull-counts and the images will be
shared on request.
"""


def _plain_findings(text):
    """Findings the pipeline gives when every passage is tokenised and run through spaCy."""
    document = read_text(text, source="paper.md")
    passages = [p for p in evidence_passages(make_passages(document)) if p.text.strip()]
    nlp = get_nlp()
    out = []
    for passage, doc in zip(passages, nlp.pipe(_new_doc(nlp, p.text) for p in passages)):
        out.extend(findings_from_doc(doc, passage))
    return passages, out


def test_skipping_passages_without_matches_changes_no_finding():
    passages, plain = _plain_findings(PAPER)
    kept, ready = _passages_with_matches(get_nlp(), passages)
    assert 0 < len(kept) < len(passages)  # some passages are skipped, some kept
    assert all(ready)
    report = build_report(read_text(PAPER, source="paper.md"))

    def key(f):
        return (f.field, f.evidence.rule, f.evidence.start, f.evidence.end, f.mention, repr(f.values),
                f.context, f.trigger)

    assert sorted(map(key, report.findings)) == sorted(map(key, plain))
    assert len(plain) > 10
    assert {f.context for f in plain} >= {"asserted", "attributed"}


@pytest.mark.parametrize("sentence", [
    "We did not use data augmentation, but we trained on two GPUs.",
    "Future work could use TPUs; we trained on a V100 and did not fine-tune it.",
    "Smith et al. trained on TPUs, whereas we used an RTX 3090.",
])
def test_trigger_hits_found_once_give_what_each_mention_would_get(sentence):
    rules = load_context_rules()
    hits = trigger_hits(sentence, rules)
    words = [(i, i + len(w)) for i, w in ((sentence.index(w), w) for w in sentence.split()[:12])]
    assert any(classify(sentence, a, b, rules)[0] != "asserted" for a, b in words)
    for a, b in words:
        assert classify(sentence, a, b, rules, hits) == classify(sentence, a, b, rules)


def _count_per_line(paragraphs):
    """Word counts as the reader took them before: line by line, halves of broken words left out."""
    raw = Counter()
    for lines in paragraphs:
        skip_first = False
        for line in lines:
            tokens = clean_text(line).split()
            if not tokens:
                skip_first = False
                continue
            broken_end = line.rstrip().endswith(_BROKEN_ENDS)
            if skip_first or broken_end:
                tokens = tokens[1 if skip_first else 0:len(tokens) - 1 if broken_end else len(tokens)]
            raw.update(tokens)
            skip_first = broken_end
    counts = Counter()
    for token, n in raw.items():
        word = _strip_token(token).lower()
        if word and any(ch.isalpha() for ch in word):
            counts[word] += n
    return counts


def test_word_counts_taken_in_one_pass_equal_the_line_by_line_counts():
    rng = random.Random(7)
    words = ["al-", "gorithms", "state-of-the-", "art", "ResNet-", "50", "ﬁne", "\u00ad", "\u200b",
             "data", "(Fig.", "3)", "train-", "ing", "\u00a0", "GPU", "we", "-", "\u2010"]
    paragraphs = [[" ".join(rng.choice(words) for _ in range(rng.randint(0, 6)))
                   for _ in range(rng.randint(1, 8))] for _ in range(300)]
    expected = _count_per_line(paragraphs)
    vocab = Vocabulary.from_paragraphs(paragraphs)
    assert vocab.plain == expected
    assert vocab.count("algorithms") == expected["algorithms"]
    assert sum(expected.values()) > 500
