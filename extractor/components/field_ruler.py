"""Finds field mentions with the rules of ``rules/<field>.yml``.

For every sentence of a passage Doc it runs :func:`extractor.matching.match_sentence`
and records each accepted match twice: as a span in ``doc.spans[<field>]`` (label: the
rule id), so spaCy tools can display it, and as a :class:`MatchRecord` in
``doc._.extractor_matches``, which carries the normalised values and, after the
``extractor_context`` component, the mention's context.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from ..matching import match_text
from ..normalize import Mention
from ..prefilter import RuleIndex
from ..ruleset import Rule, load_rules
from .sentences import SPANS_KEY, doc_text

MATCHED_KEY = "extractor.matched"  # records computed before the Doc was made

if not Doc.has_extension("extractor_matches"):
    Doc.set_extension("extractor_matches", default=None)


@dataclass
class MatchRecord:
    rule: Rule
    mention: Mention
    values: List[Dict[str, Any]]
    start_char: int  # of the mention in the passage text
    end_char: int
    sent_start: int  # of the sentence in the passage text
    sent_end: int
    context: str = "asserted"
    trigger: Optional[str] = None


@Language.factory("extractor_field_ruler", default_config={"fields": None})
def make_field_ruler(nlp: Language, name: str, fields: Optional[Sequence[str]]) -> "FieldRuler":
    return FieldRuler(name, fields)


class FieldRuler:
    def __init__(self, name: str, fields: Optional[Sequence[str]] = None):
        self.name = name
        ruleset = load_rules()
        wanted = tuple(fields) if fields else ruleset.fields
        self.rules = tuple(r for r in ruleset.rules if r.field in wanted)
        self.fields = tuple(f for f in ruleset.fields if f in wanted)
        self.index = RuleIndex(self.rules)  # compiled once, see prefilter.py

    def match(self, doc: Doc) -> List[MatchRecord]:
        ready = doc.user_data.pop(MATCHED_KEY, None)
        if ready is not None:
            return ready  # matched on the text before the Doc was made (see match_passage)
        sentences = doc.user_data.get(SPANS_KEY) or [(s.start_char, s.end_char) for s in doc.sents]
        return self.match_passage(doc_text(doc), sentences)

    def match_passage(self, text: str, sentences: Sequence[Tuple[int, int]]) -> List[MatchRecord]:
        """The records for a passage's text and sentence spans, without a Doc.

        The pipeline calls this first to skip tokenising passages no rule matches, and
        hands the records on in ``doc.user_data[MATCHED_KEY]``.
        """
        records = []
        for m in match_text(text, sentences, self.rules, self.index):
            base = m.sentence_start
            records.append(MatchRecord(m.rule, m.mention, m.values, base + m.mention.start,
                                       base + m.mention.end, base, base + len(m.mention.sentence)))
        records.sort(key=lambda r: (r.start_char, r.end_char))
        return records

    def set_annotations(self, doc: Doc, records: List[MatchRecord]) -> None:
        groups: Dict[str, list] = {f: [] for f in self.fields}
        for rec in records:
            span = doc.char_span(rec.start_char, rec.end_char, label=rec.rule.id,
                                 alignment_mode="expand")
            if span is not None:
                groups[rec.rule.field].append(span)
        for field_name, spans in groups.items():
            if spans:
                doc.spans[field_name] = spans
        doc._.extractor_matches = records

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc
