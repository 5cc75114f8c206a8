"""Turns rule matches on passage Docs into findings with evidence."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Tuple

from .components.context import load_context_rules
from .components.sentences import doc_text
from .document import BBox, Passage

NON_EVIDENCE_SECTIONS = frozenset({"References"})


@dataclass(frozen=True)
class Evidence:
    """Where a finding comes from: the sentence as extracted and its place."""

    text: str
    rule: str
    section: str
    page: Optional[int] = None
    start: int = 0  # offsets of the sentence in the document text
    end: int = 0
    bbox: Optional[BBox] = None  # of the passage that holds the sentence


@dataclass
class Finding:
    """One mention of a field, normalised, with its context.

    Example: "All models were trained on two NVIDIA Tesla V100 GPUs." gives
    ``Finding("hardware", [{"type": "GPU", "model": "Tesla V100", "count": 2, ...}], ...)``.
    """

    field: str
    values: List[Dict[str, Any]]
    evidence: Evidence
    context: str = "asserted"  # asserted | negated | hypothetical | attributed
    trigger: Optional[str] = None
    mention: str = ""
    premise_only: bool = False  # from a rule whose findings only feed inference

    @property
    def asserted(self) -> bool:
        return self.context == "asserted"


def findings_from_doc(doc, passage: Passage) -> List[Finding]:
    """Findings of one passage Doc (after ``extractor_field_ruler`` and ``extractor_context``).

    A sentence of an Introduction or Related-work passage that does not speak of the
    paper's own work ("we", "this study") is background: its mentions count as attributed.
    """
    background = load_context_rules().background
    out: List[Finding] = []
    records = doc._.extractor_matches or []
    text = doc_text(doc) if records else ""
    for rec in records:
        raw = text[rec.sent_start:rec.sent_end]
        sentence = raw.strip()
        context, trigger = rec.context, rec.trigger
        if (context == "asserted" and rec.rule.context and background is not None
                and background.applies(passage.section, sentence)):
            context, trigger = "attributed", background.id
        evidence = make_evidence(passage, raw, rec.sent_start, rec.rule.id)
        out.append(Finding(rec.rule.field, list(rec.values), evidence, context, trigger, rec.mention.text,
                           rec.rule.premise))
    return out


def make_evidence(passage: Passage, raw_sentence: str, sent_start: int, rule_id: str) -> Evidence:
    """The evidence for a sentence that starts at ``sent_start`` of the passage text."""
    sentence = raw_sentence.strip()
    lead = len(raw_sentence) - len(raw_sentence.lstrip())
    start = passage.start + sent_start + lead
    return Evidence(
        text=" ".join(sentence.split()), rule=rule_id, section=passage.section,
        page=_page_of(passage), start=start, end=start + len(sentence), bbox=passage.bbox,
    )


def _page_of(passage: Passage) -> Optional[int]:
    return passage.pages[0] if passage.pages else None


def evidence_passages(passages: Iterable[Passage]) -> List[Passage]:
    """Passages that may serve as evidence: everything but the reference list."""
    return [p for p in passages if p.section not in NON_EVIDENCE_SECTIONS]


def value_key(value: Dict[str, Any]) -> Tuple:
    return tuple(sorted((k, repr(v)) for k, v in value.items()))
