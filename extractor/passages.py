"""Blocks -> sections -> passages.

Each non-heading block becomes one :class:`~extractor.document.Passage` that
knows its canonical section ("Methods", "References", ...), the nearest
heading as printed, its page(s) and box, and its character offsets into the
document text (the passages' texts joined by two newlines).

Example: the blocks "2. Materials and methods", "2.1 Model training" and "All
networks were trained on two NVIDIA GeForce GTX 1080 Ti GPUs." give one
passage in section "Methods" with heading "2.1 Model training".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from extractor.document import Block, Document, Passage
from extractor.reading._textutil import Vocabulary, join_two_lines

__all__ = [
    "make_passages",
    "document_text",
    "canonical_section",
    "looks_like_references",
    "FRONT_MATTER",
    "SECTIONS",
]

FRONT_MATTER = "Front matter"
SECTIONS = (
    FRONT_MATTER,
    "Abstract",
    "Introduction",
    "Related work",
    "Methods",
    "Results",
    "Discussion",
    "Conclusion",
    "Acknowledgements",
    "Declarations",
    "Data availability",
    "Code availability",
    "References",
    "Appendix",
)
PASSAGE_SEPARATOR = "\n\n"

# Whole-heading names (lower case, "&" read as "and", numbering and a final
# "." or ":" removed) -> canonical section.
_EXACT: Dict[str, str] = {}


def _names(section: str, *names: str) -> None:
    for name in names:
        _EXACT[name] = section


_names("Abstract", "abstract")
_names("Introduction", "introduction", "background", "introduction and background", "background and motivation")
_names(
    "Related work",
    "related work",
    "related works",
    "related literature",
    "prior work",
    "previous work",
    "literature review",
    "background and related work",
    "related work and background",
    "state of the art",
)
_names(
    "Methods",
    "methods",
    "method",
    "methodology",
    "methodologies",
    "materials and methods",
    "material and methods",
    "materials and method",
    "methods and materials",
    "data and methods",
    "methods and data",
    "experimental setup",
    "experimental set-up",
    "experimental settings",
    "experimental design",
    "experimental details",
    "experiments",
    "experiment",
    "implementation",
    "implementation details",
    "study area",
    "study areas",
    "study site",
    "study sites",
    "study area and data",
    "data",
    "dataset",
    "datasets",
    "data collection",
    "data and preprocessing",
    "model training",
    "training details",
    "proposed method",
    "proposed approach",
    "approach",
    "our approach",
    # plain-language headings of short communications and field notes
    "what we did",
    "how we did it",
    "what we did and why",
    "materials",
    "data and model",
    "model and data",
    "data and models",
    "the model",
    "the data",
)
_names(
    "Results",
    "results",
    "result",
    "results and discussion",
    "results and analysis",
    "experimental results",
    "experiments and results",
    "evaluation",
    "evaluation results",
    "findings",
    "what we found",
    "how well it works",
    "performance",
    "outcomes",
)
_names("Discussion", "discussion", "general discussion", "discussion and future work", "limitations",
       "use in practice", "in practice", "practical use", "applications", "implications", "what it means")
_names(
    "Conclusion",
    "conclusion",
    "conclusions",
    "concluding remarks",
    "conclusion and future work",
    "conclusions and future work",
    "conclusion and outlook",
    "conclusions and outlook",
    "summary and conclusions",
    "future work",
)
_names(
    "Acknowledgements",
    "acknowledgements",
    "acknowledgments",
    "acknowledgement",
    "acknowledgment",
    "funding",
    "funding information",
    "funding statement",
)
# Statements that follow the references in many journals; they end the reference list.
_names(
    "Declarations",
    "declarations",
    "author contributions",
    "authors contributions",
    "author contribution",
    "credit authorship contribution statement",
    "competing interests",
    "conflict of interest",
    "conflicts of interest",
    "declaration of competing interest",
    "ethics statement",
    "ethical considerations",
    "ethics approval",
)
_names(
    "Data availability",
    "data availability",
    "data availability statement",
    "data accessibility",
    "data accessibility statement",
    "availability of data and materials",
    "availability of data",
    "data and code availability",
    "code and data availability",
    "data and software availability",
    "software and data availability",
    "open research",
    "data and code",
    "code and data",
    "data, code and materials",
    "open data and code",
)
_names("Code availability", "code availability", "code availability statement", "software availability")
_names(
    "References",
    "references",
    "reference",
    "bibliography",
    "literature cited",
    "works cited",
    "references and notes",
    "cited literature",
    "literature",
)
_names(
    "Appendix",
    "appendix",
    "appendices",
    "supplementary material",
    "supplementary materials",
    "supplementary information",
    "supplemental material",
    "supplemental materials",
    "supporting information",
    "supplementary methods",
    "supplemental methods",
    "supplementary text",
    "supplementary methods and results",
    "supplementary notes",
)

# For blocks the reader already marked as headings, a heading that starts
# with one of these names is enough ("Appendix A: Hyperparameters",
# "Conclusions and perspectives").
_PREFIXES: Tuple[Tuple[str, str], ...] = (
    ("appendix", "Appendix"),
    ("supplementary", "Appendix"),
    ("supplemental", "Appendix"),
    ("acknowledg", "Acknowledgements"),
    ("conclusion", "Conclusion"),
    ("concluding", "Conclusion"),
    ("discussion", "Discussion"),
    ("results", "Results"),
    ("materials and method", "Methods"),
    ("methods", "Methods"),
    ("methodology", "Methods"),
    ("experimental setup", "Methods"),
    ("data availability", "Data availability"),
    ("code availability", "Code availability"),
    ("introduction", "Introduction"),
    ("related work", "Related work"),
)

# "2.", "2.1", "2.1.3", "II.", "A.", "A.1", "(a)" before the heading words.
_NUMBERING = re.compile(
    r"^\s*(?:\(?(?:\d{1,2}(?:\.\d{1,2}){0,3}|[A-Z](?:\.\d{1,2}){1,3}|[IVXLC]{1,6}|[A-Za-z])(?:[.)]|\s*\|)?)\s+(?=\S)"
)
_SUBSECTION_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[A-Z])\.\d{1,2}(?:\.\d{1,2})*\.?(?:\s*\|)?\s+\S")
# "Appendix A", "Appendix 2: Hyperparameters", "Supplementary material S1"
_NAMED_APPENDIX = re.compile(r"^(?:appendix|annex|supplementary (?:material|information))\s+[a-z]?\d{0,2}\b(?:\s*[:.\u2014\u2013-].*)?$")
_TOP_LEVEL_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[IVXLC]{1,6})\.?\s+\S")
_LETTER_NUMBER = re.compile(r"^\s*[A-Z](?:\.\d{1,2}){0,3}\.?\s+[A-Z]")
_SECTION_NUMBER = re.compile(r"^\s*(\d{1,2})(?:\.\d{1,2}){0,3}\.?\s+\S")

# Run-in labels at the start of a paragraph: "Abstract. We present ...",
# "ABSTRACT We present ...", "Acknowledgements: We thank ...".
_RUN_IN = re.compile(
    r"^(?P<label>abstract|summary|acknowledge?ments?|funding|data availability(?: statement)?"
    r"|code availability(?: statement)?)(?P<sep>\s*[.:\u2014\u2013-]\s*|\s+)(?=\S)",
    re.I,
)
_RUN_IN_SECTIONS = {
    "abstract": "Abstract",
    "funding": "Acknowledgements",
}

_CLOSED = re.compile(r"[.!?:;\u2026][\"'\u201d\u2019)\]]*$")
_CAPTION = re.compile(r"^(?:fig(?:ure)?|tab(?:le)?|algorithm|listing)\.?\s*[A-Z]?\d", re.I)
_MAX_HEADING_WORDS = 20


def _normalise(text: str) -> str:
    text = text.replace("&", " and ").lower()
    text = re.sub(r"[\s\u00a0]+", " ", text)
    return text.strip().rstrip(".:").strip()


def canonical_section(heading: str, prefix_ok: bool = True) -> Optional[str]:
    """Map a printed heading to its canonical section name, if it names one.

    Numbering and case do not matter: "2. MATERIALS AND METHODS", "II. Methods"
    and "Materials & methods" all give "Methods". Unknown headings ("2.3 Model
    training") give None.

    Args:
        heading: the heading as printed.
        prefix_ok: also accept headings that only start with a known name
            ("Conclusions and perspectives"); used for blocks set as headings.
    """
    if not heading or len(heading) > 120:
        return None
    if _SUBSECTION_NUMBER.match(heading):
        return None  # "2.3 Model training" is a subsection, whatever its name
    candidates = [_normalise(heading)]
    stripped = _NUMBERING.sub("", heading, count=1)
    if stripped != heading:
        candidates.append(_normalise(stripped))
    for name in candidates:
        if name in _EXACT:
            return _EXACT[name]
        if _NAMED_APPENDIX.match(name):
            return "Appendix"
    if prefix_ok:
        for name in candidates:
            if len(name.split()) > 8:
                continue
            for prefix, section in _PREFIXES:
                if name.startswith(prefix):
                    return section
    return None


# ---------------------------------------------------------------------------
# Reference lists without a heading

_YEAR = r"(?:19|20)\d{2}[a-z]?"
# "Smith, J.", "Smith, J.A.", "van der Berg, K. L.,"
_SURNAME_INITIALS = re.compile(r"\b[A-Z][A-Za-z'\u2019\-]+,\s(?:[A-Z]\.\s?-?){1,3}(?=[\s,;&(]|$)")
# "Smith JA," "Kays R," (Vancouver style)
_SURNAME_BARE_INITIALS = re.compile(r"\b[A-Z][a-z'\u2019\-]+\s[A-Z]{1,3}(?=[,.](?:\s|$))")
# "J. Smith", "R. K. Brown"
_INITIALS_SURNAME = re.compile(r"\b(?:[A-Z]\.\s?){1,3}[A-Z][a-z]{2,}")
# Where one entry's authors end and its title begins.
_ENTRY_MARKS = (
    re.compile(r"[a-z.]\.\s" + _YEAR + r"\.\s"),  # "Weld. 2020. Title"
    re.compile(r",\s" + _YEAR + r"\.\s"),  # "Brown, K., 2019. Title"
    re.compile(r"\(" + _YEAR + r"\)\.\s"),  # "Smith, J. (2019). Title"
    re.compile(r"(?:[A-Z]{1,3}|et al\.)\s\(" + _YEAR + r"\)\s[A-Z]"),  # "Aodha O (2021) Title"
    re.compile(r"^\[\d{1,3}\]\s"),  # "[8] Y. LeCun, ..." (numbered entry)
    re.compile(r"\u201c[^\u201d]{8,}[,.]\u201d"),  # IEEE title: “Deep learning,”
)
_PUBLICATION = (
    re.compile(r"\b\d{1,4}\s?\(\d{1,4}[a-z]?\)\s?[:,]\s?[eE]?\d{1,6}"),  # 59 (3), 389
    re.compile(r"\b\d{1,4}:\s?[eE]?\d{1,6}\s?[\u2013\u2014-]\s?\d{1,6}"),  # 12: 45-67
    re.compile(r"\bpp?\.\s?\d+"),
    re.compile(r"\bpages\s\d+\s?[\u2013\u2014-]\s?\d+"),
    re.compile(r"\bdoi\s?:|\bdoi\.org/", re.I),
    re.compile(r"\b[Vv]ol\.\s?\d+"),
    re.compile(r"\bIn:?\s(?:Proceedings|Proc\.)|\bProceedings of\b"),
    re.compile(r"\barXiv(?: preprint)?:?\s?(?:arXiv:)?\d{4}\.\d{4,5}"),
)
_YEARS = re.compile(r"\b" + _YEAR + r"\b")


def looks_like_references(text: str) -> bool:
    """Whether a paragraph is (part of) a bibliography rather than prose.

    Looks for what only reference entries have: surnames with initials
    ("Smith, J.A."), the year closing an author list ("..., 2019. Title"),
    and volume/issue/pages or DOI details ("59 (3), 389-409"). In-text
    citations such as "(Smith et al., 2019)" have none of these.
    """
    if len(text) < 40:
        return False
    surname_initials = len(_SURNAME_INITIALS.findall(text))
    marks = sum(len(p.findall(text)) for p in _ENTRY_MARKS)
    publication = sum(len(p.findall(text)) for p in _PUBLICATION)
    if not marks and not publication:
        return surname_initials >= 6  # the only test below that needs neither
    author_names = surname_initials + len(_SURNAME_BARE_INITIALS.findall(text))
    names = author_names + len(_INITIALS_SURNAME.findall(text))
    years = len(_YEARS.findall(text))
    if marks >= 1 and (publication >= 1 or surname_initials >= 1):
        return True
    if surname_initials >= 6:
        return True  # a run of "Abadi, M., Agarwal, A., Barham, P., ..."
    if author_names >= 3 and years >= 2 and (marks >= 1 or publication >= 1):
        return True
    if publication >= 2 and names >= 1 and years >= 1:
        return True  # IEEE style: 'A. Author, "Title," J. Name, vol. 5, pp. 1-9, 2019.'
    return publication >= 3 and years >= 3 and (marks >= 1 or names >= 2)


# ---------------------------------------------------------------------------
# Passages


@dataclass
class _Draft:
    blocks: List[Block]
    text: str
    section: str
    heading: Optional[str]
    pages: List[int] = field(default_factory=list)


def _is_closed(text: str) -> bool:
    return bool(_CLOSED.search(text.rstrip()))


def _starts_lowercase(text: str) -> bool:
    stripped = text.lstrip("\"'([\u201c\u2018")
    return bool(stripped) and stripped[0].islower()


def _across_break(prev: Block, block: Block) -> bool:
    """Whether ``block`` starts on a new page or column after ``prev``."""
    if prev.page is None or block.page is None:
        return False
    if block.page != prev.page:
        return True
    if prev.bbox is None or block.bbox is None:
        return False
    return block.bbox[1] < prev.bbox[1] or block.bbox[0] > prev.bbox[2] - 1


def _interloper(block: Block, open_block: Block) -> bool:
    """A caption or footnote that the layout put between two parts of a paragraph."""
    if _CAPTION.match(block.text):
        return True
    if block.font_size and open_block.font_size:
        return block.font_size < open_block.font_size - 0.5
    return False


def _is_summary(text: str) -> bool:
    return _normalise(_NUMBERING.sub("", text, count=1)) == "summary"


# subheadings that belong to the methods wherever they stand; read only after an introduction,
# so a heading does not move a passage met before any section heading
_METHOD_SUBHEADINGS = frozenset((
    "model", "models", "the network", "network", "model architecture", "network architecture", "architecture",
    "training", "model development", "model fitting", "training and evaluation", "recordings",
    "recordings and labels", "data and labels", "images and labels", "labels", "labelling", "labeling",
    "annotation", "data annotation", "image acquisition", "data acquisition", "field data", "field methods",
    "fieldwork", "sampling design", "study design", "preprocessing", "data preprocessing", "data preparation",
    "statistical analysis", "statistical analyses", "data set", "image data", "audio data", "acoustic data",
    "camera trap data", "species data", "occurrence data", "training data", "test data", "reference data",
    "ground truth", "labelled data", "labeled data", "data augmentation", "augmentation", "transfer learning",
    "loss function", "optimisation", "optimization", "hyperparameters", "hyperparameter tuning",
    "data split", "data splitting", "cross-validation", "model training", "model evaluation", "evaluation metrics",
    "metrics", "feature extraction", "predictors", "environmental variables", "covariates",
    "post-processing", "postprocessing", "software and hardware", "computational resources", "inference"))


def _method_subheading(heading: str) -> bool:
    name = _normalise(_NUMBERING.sub("", heading, count=1))
    return name in _METHOD_SUBHEADINGS


def _heading_text(block: Block, body_size: Optional[float]) -> Optional[Tuple[str, Optional[str]]]:
    """(heading text, canonical section or None) when the block is a heading."""
    text = " ".join(block.text.split())
    words = text.split()
    if not words or len(words) > _MAX_HEADING_WORDS:
        return None
    # Known names in small print are table cells ("Method", "Data"), not headings.
    small = bool(body_size and block.font_size and block.font_size < body_size - 0.5)
    if block.is_heading or not small or text.isupper() or _NUMBERING.match(text):
        section = canonical_section(text, prefix_ok=block.is_heading)
        if section is not None:
            return text, section
        if _is_summary(text):
            return text, "Summary"
    if block.is_heading:
        # A layout heading needs a real word; "(a) (b)" or "C C C" from a figure is not one.
        if not any(len(w) >= 3 and sum(ch.isalpha() for ch in w) >= 3 for w in words):
            return None
        if text.endswith(".") and len(words) > 8:
            return None
        return text, None
    return None


def _body_font_size(blocks: List[Block]) -> Optional[float]:
    """The font size that most characters are set in (None for text input)."""
    weights: Dict[float, int] = {}
    for b in blocks:
        if b.font_size:
            weights[b.font_size] = weights.get(b.font_size, 0) + len(b.text)
    if not weights:
        return None
    return max(weights.items(), key=lambda kv: kv[1])[0]


BODY = "Body"  # main text whose section is not known
_NUMBERED_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+\S")
_OWN_PROSE = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)


def _own_prose(text: str) -> bool:
    """A sentence-like passage in the authors' voice ("We trained ...")."""
    return len(text.split()) >= 12 and bool(_OWN_PROSE.search(text))


def _paper_in_one_block(text: str) -> bool:
    """A long block in the authors' voice again and again ("We photographed ...", "we
    trained ..."): body text that a reader could not cut into paragraphs, with the
    reference list at its end. Calling it all a bibliography would lose every finding."""
    return len(text) >= 3000 and len(re.findall(r"\b[Ww]e\s+[a-z]", text)) >= 3


_AVAILABILITY_HEADING = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:(?:source\s+)?code|data|software|research\s+data)"
                                   r"(?:\s*(?:and|&|,)\s*(?:(?:source\s+)?code|data|software|materials?))*"
                                   r"\s+(?:availability|accessibility)(?:\s+statement)?|(?:source\s+)?code|software)\W*$",
                                   re.IGNORECASE)
_BARE_LINK = re.compile(r"^(?:https?://|www\.|doi:\s*10\.|10\.\d{4,}/)\S+\s*$", re.IGNORECASE)


def make_passages(doc: Document) -> List[Passage]:
    """Turn a document's blocks into passages with sections and offsets.

    Args:
        doc: what a reader returned; its furniture is ignored.

    Returns:
        Passages in reading order; ``document_text(passages)[p.start:p.end] == p.text``.
    """
    blocks = [b for b in doc.blocks if b.text and b.text.strip()]
    vocab = Vocabulary.from_paragraphs([b.text] for b in blocks)
    body_size = _body_font_size(blocks)
    section = FRONT_MATTER
    section_number: Optional[str] = None  # "2" when "2. Related work" opened the section
    heading: Optional[str] = None
    drafts: List[_Draft] = []
    open_index: Optional[int] = None  # a passage that may continue after a break
    caps_style = False  # the paper sets its section headings in capitals ("INTRODUCTION")

    for block in blocks:
        found = _heading_text(block, body_size)
        if found is not None:
            text, canon = found
            if canon == "Summary":
                # "Summary" opens some papers (as the abstract) and closes others.
                canon = "Abstract" if section == FRONT_MATTER else "Conclusion"
            number = _SECTION_NUMBER.match(text)
            if canon is not None:
                section = canon
                section_number = number.group(1) if number else None
                caps_style = caps_style or (text.isupper() and canon in ("Introduction", "Methods", "Results"))
            elif section == "References" and block.is_heading and _LETTER_NUMBER.match(text):
                # "A Hyperparameters" after the references: appendices numbered by letter.
                section = "Appendix"
            elif section == "References" and _NUMBERED_HEADING.match(text):
                # "4.1. Experimental settings": numbered body text after the reference list
                # (floats placed late, or passages given out of order).
                section = BODY
            elif section in ("Introduction", "Related work") and text.isupper() and block.is_heading \
                    and len(text.split()) <= 5 and caps_style:
                # "MATERIAL", "NETWORK AND TRAINING" after "INTRODUCTION": a top-level section
                # set in capitals, as the paper sets its known ones, describes the work done
                section = "Methods"
            elif section in ("Introduction", "Related work") and _method_subheading(text):
                # "Recordings and labels", "Model" after the introduction of a paper with no
                # "Methods" heading of its own: only the methods have such parts
                section = "Methods"
            elif section in ("Introduction", "Related work") and _TOP_LEVEL_NUMBER.match(text):
                # A numbered top-level section with its own name ("3 Bird sound
                # detector") after the introduction describes the work done.
                section = "Methods"
            elif (section in ("Introduction", "Related work") and number and section_number
                  and number.group(1) != section_number):
                # "4.2 Data augmentation" cannot belong to "2 Related work": passages
                # given out of order, or a heading the reader missed.
                section = "Methods"
            heading = text
            open_index = None
            continue

        text = " ".join(block.text.split())
        run_in = _RUN_IN.match(text)
        if run_in and (run_in.group("sep").strip() or run_in.group("label").isupper()):
            label = run_in.group("label").lower()
            if label == "summary":
                section = "Abstract" if section == FRONT_MATTER else "Conclusion"
            else:
                section = _RUN_IN_SECTIONS.get(label) or canonical_section(label) or section
            open_index = None

        if open_index is not None:
            open_draft = drafts[open_index]
            last = open_draft.blocks[-1]
            if _starts_lowercase(text) and _across_break(last, block):
                open_draft.blocks.append(block)
                open_draft.text = join_two_lines(open_draft.text, text, vocab)
                if block.page is not None and block.page not in open_draft.pages:
                    open_draft.pages.append(block.page)
                if _is_closed(open_draft.text):
                    open_index = None
                continue

        if heading and _AVAILABILITY_HEADING.match(heading) and _BARE_LINK.match(text):
            # a statement section that holds only its link ("Code availability" over
            # "https://gitlab.com/..."): the heading is the statement's words
            text = f"{heading.rstrip(' .:')}: {text}"
        draft = _Draft(
            blocks=[block],
            text=text,
            section=section,
            heading=heading,
            pages=[block.page] if block.page is not None else [],
        )
        drafts.append(draft)
        if open_index is not None and _interloper(block, drafts[open_index].blocks[-1]):
            pass  # keep waiting for the continuation of the open paragraph
        elif block.page is not None and not _is_closed(text):
            open_index = len(drafts) - 1
        else:
            open_index = None

    passages: List[Passage] = []
    offset = 0
    for index, draft in enumerate(drafts):
        section_name = draft.section
        if section_name != "References" and looks_like_references(draft.text) and not _paper_in_one_block(draft.text):
            section_name = "References"
        elif section_name == "References" and _own_prose(draft.text) and not looks_like_references(draft.text):
            section_name = BODY  # "we used ..." is never part of a reference list
        start = offset
        end = start + len(draft.text)
        passages.append(
            Passage(
                index=index,
                text=draft.text,
                section=section_name,
                heading=draft.heading,
                pages=list(draft.pages),
                bbox=draft.blocks[0].bbox,
                start=start,
                end=end,
            )
        )
        offset = end + len(PASSAGE_SEPARATOR)
    return passages


def document_text(passages: List[Passage]) -> str:
    """The text that passage offsets point into: texts joined by two newlines."""
    return PASSAGE_SEPARATOR.join(p.text for p in passages)
