"""Runs the stages for one document: passages -> spaCy -> findings -> status -> report."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional, Sequence, Tuple, Union

from .document import Document, Passage
from .errors import ReadError
from .fields import covered_fields
from .findings import Finding, evidence_passages, findings_from_doc
from .inference import apply_inference
from .ner import ner_findings
from .components.field_ruler import MATCHED_KEY
from .components.sentences import TEXT_KEY, sentence_spans
from .nlp import get_nlp
from .passages import make_passages
from .report import Report
from .status import resolve

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
# PDF readers: pdfplumber (reading/pdf.py, the default) or PDFium (reading/pdfium.py).
ENGINES = ("pdfplumber", "pdfium")
DEFAULT_ENGINE = "pdfplumber"


def read_document(path: Union[str, Path], engine: str = DEFAULT_ENGINE) -> Document:
    """Opens a PDF or a plain-text file, chosen by content first, then by suffix.

    ``engine`` picks the PDF reader (one of ``ENGINES``); text files ignore it.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r}; valid: {', '.join(ENGINES)}")
    p = Path(path)
    source = str(path)
    if not p.exists():
        raise ReadError(source, "file not found")
    if p.is_dir():
        raise ReadError(source, "is a folder, not a file")
    try:
        with open(p, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        from .reading.files import unreadable_cause

        raise ReadError(source, unreadable_cause(exc)) from None
    if b"%PDF-" in head or p.suffix.lower() == ".pdf":
        with _gc_paused():
            if engine == "pdfium":
                from .reading.pdfium import read_pdf_pdfium

                return _require_text(read_pdf_pdfium(p))
            from .reading.pdf import read_pdf

            return _require_text(read_pdf(p))
    if p.suffix.lower() in TEXT_SUFFIXES:
        from .reading.text import read_text_file

        return read_text_file(p)
    raise ReadError(source, f"unsupported file type {p.suffix or '(no suffix)'}: give a .pdf, .txt or .md file")


NO_TEXT_CAUSE = "no text layer: the PDF looks scanned (pages are images); run OCR first"
CID_ONLY_CAUSE = ("no usable text layer: its fonts have no Unicode map, so the text comes out as "
                  "(cid:N) codes; run OCR first")


def _require_text(document: Document) -> Document:
    """A PDF with no text on any page is an error, not a report that every field is unstated."""
    if document.blocks or document.furniture:
        return document
    if any("(cid:N)" in w for w in document.warnings):
        raise ReadError(document.source, CID_ONLY_CAUSE)
    raise ReadError(document.source, NO_TEXT_CAUSE)


@contextmanager
def _gc_paused():
    """Python's cycle collector paused while a PDF is read.

    pdfminer allocates millions of small objects per paper, and every few hundred
    allocations the collector walks the young ones: about 15% of the CPU time of
    pdfplumber's own extract_words (bench/README.md). Whatever cycles reading leaves
    are collected as usual once the collector runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_report(document: Document, fields: Optional[Sequence[str]] = None, ner: bool = False) -> Report:
    """The report for one document that a reader has produced (all covered fields by default).

    ``ner``: also run the trained NER over cue sentences, for names no rule knows (evidence
    ``rule: ner``). Off by default: on the 364 corpus papers it lowered agreement with the
    LLM vote (framework 73.4 -> 63.2, architecture 83.0 -> 76.9) and GPU precision on the
    value gold (100 -> 83): the names it adds are worth reviewing (``extractor rules
    suggest``), not yet worth trusting.
    """
    fields = tuple(fields) if fields is not None else covered_fields()
    passages = make_passages(document)
    usable = [p for p in evidence_passages(passages) if p.text.strip()]
    nlp = get_nlp()
    findings: List[Finding] = []
    if not ner:
        usable, ready = _passages_with_matches(nlp, usable)
        docs = list(nlp.pipe(_new_doc(nlp, p.text, matched) for p, matched in zip(usable, ready)))
    else:  # the NER reads every passage
        docs = list(nlp.pipe(_new_doc(nlp, p.text) for p in usable))
    for passage, doc in zip(usable, docs):
        findings.extend(findings_from_doc(doc, passage))
    wanted = [f for f in fields]
    # names no rule knows, from the statistical NER (after the rule findings: rules win)
    if ner:
        findings.extend(ner_findings(list(zip(usable, docs)), wanted))
    findings = [f for f in findings if f.field in wanted]
    warnings = list(document.warnings)
    if document.pages and not any(p.text.strip() for p in passages):
        warnings.append("no text could be extracted: the PDF looks scanned or its text layer is unusable; run OCR first")
    results = apply_inference(resolve(wanted, findings), [f for f in findings if f.premise_only])
    return Report(
        source=document.source, sha256=document.sha256, fields=results,
        title=document.title, doi=document.doi, pages=document.pages, passages=len(passages),
        warnings=warnings, findings=findings,
    )


def _passages_with_matches(nlp, passages: List[Passage]) -> Tuple[List[Passage], list]:
    """The passages where some rule matches, with their match records.

    The rules need only text and sentence spans, so they run before tokenising; a
    passage without a match can give no finding and is not tokenised at all (four in
    five passages of the corpus papers; two in five of their characters). The records
    go to the field ruler with the Doc, which therefore gets the same ones it would find.
    """
    ruler = nlp.get_pipe("extractor_field_ruler")
    kept, ready = [], []
    for passage in passages:
        records = ruler.match_passage(passage.text, sentence_spans(passage.text))
        if records:
            kept.append(passage)
            ready.append(records)
    return kept, ready


def _new_doc(nlp, text: str, matched: Optional[list] = None):
    """The tokenised passage, with its text kept so the components need not rebuild it
    (and the field ruler's records when they were computed before)."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    if matched is not None:
        doc.user_data[MATCHED_KEY] = matched
    return doc


def extract(path: Union[str, Path], engine: str = DEFAULT_ENGINE, ner: bool = False) -> Report:
    """The report of one PDF or text file. Raises ReadError for unreadable input."""
    return build_report(read_document(path, engine=engine), ner=ner)


def extract_text(text: str, source: str = "<text>", ner: bool = False) -> Report:
    """The report of a text: paragraphs separated by blank lines are the passages."""
    from .reading.text import read_text

    return build_report(read_text(text, source=source), ner=ner)
