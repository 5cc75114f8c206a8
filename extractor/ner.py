"""Statistical NER beside the rules: finds names no catalogue lists yet.

The trained spaCy model (``extractor/models/ner``, built by ``corpora/train.py`` from the
project's own annotated sentences) tags HARDWARE, SOFTWARE, VERSION, DATASET, MODEL and
METRIC. Its spans become findings of the fields hardware, framework, datasets,
architecture and metrics through the normalisers of ``normalize/ner.py``, with evidence
``rule: ner``. Rules always win: a NER span that overlaps a rule mention of one of these
fields in the same passage is dropped.

The model runs only on *cue* sentences (see :func:`has_cue`), so that the prose of a
paper that names no tool, device or data costs nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

LABELS = ("HARDWARE", "SOFTWARE", "VERSION", "DATASET", "MODEL", "METRIC")
LABEL_FIELD = {"HARDWARE": "hardware", "SOFTWARE": "framework", "VERSION": "framework",
               "DATASET": "datasets", "MODEL": "architecture", "METRIC": "metrics"}
FIELD_LABEL = {"hardware": "HARDWARE", "framework": "SOFTWARE", "datasets": "DATASET",
               "architecture": "MODEL", "metrics": "METRIC"}
NER_FIELDS = tuple(FIELD_LABEL)
RULE_ID = "ner"
MODEL_DIR = Path(__file__).resolve().parent / "models" / "ner"

Span = Tuple[int, int, str]  # (start_char, end_char, label)


@lru_cache(maxsize=2)
def load_model(path: Optional[str] = None):
    """The trained NER pipeline (by default the one shipped in the package), or None when
    it is absent. Set ``EXTRACTOR_NER_MODEL`` to try another model folder."""
    import os

    folder = Path(path or os.environ.get("EXTRACTOR_NER_MODEL") or MODEL_DIR)
    if not (folder / "config.cfg").is_file():
        return None
    import spacy

    from .nlp import blank_nlp

    model = spacy.load(folder)
    # the corpus was tokenised by the project's tokenizer: tag with the same rules
    model.tokenizer.suffix_search = blank_nlp().tokenizer.suffix_search
    return model


# ------------------------------------------------------------------------------- gating
# A sentence is worth tagging when it has a cue word of the five fields and a *candidate*
# that no rule has matched: a name-like token (a capital inside or after the first letter,
# letters with digits, a capitalised word inside the sentence) or a lower-case package
# name followed by a version number.
_CUE = re.compile(
    r"\b(?:GPUs?|CPUs?|TPUs?|NPUs?|graphics|card|accelerat\w*|processors?|chips?|board|device|hardware|workstation"
    r"|server|cluster|node|laptop|cores?|memory|RAM|VRAM"
    r"|implement\w*|library|librar\w*|framework|package|toolbox|toolkit|software|python|code|written|version|v\d"
    r"|script|language|module|api|platform|environment|installed"
    r"|data\s?sets?|database|benchmark|corpus|collection|images|recordings|archive|challenge|split|annotat\w*"
    r"|model|network|net|architecture|backbone|detector|classifier|encoder|decoder|transformer|layers?"
    r"|pretrain\w*|pre-train\w*|fine-tun\w*|train\w*|learn\w*|baseline|weights|predict\w*"
    r"|accuracy|precision|recall|score|metric|error|evaluat\w*|measured|performance|loss|coefficient|index"
    r"|reported|achiev\w*|obtain\w*|reach\w*|test\w*|validat\w*|used|using|run|ran)\b",
    re.IGNORECASE,
)
_CANDIDATE = re.compile(
    r"(?<![\w\-])(?:[A-Za-z][\w\-+./]*[A-Z][\w\-+./]*|[A-Za-z][\w\-+./]*\d[\w\-+./]*|\d+[A-Za-z][\w\-+./]*"
    r"|(?<=\s)[A-Z][a-z][\w\-]*|[a-z][\w\-]{2,}(?=\s+v?\d+\.\d))")
# capitalised words that name nothing of the five kinds
_PLAIN_CAPS = frozenset("""The This These That Those We Our It Its In On For With From To By As At An A And Or But
    Fig Figs Figure Figures Table Tables Section Sections Eq Equation Appendix Supplementary Methods Results
    Discussion Introduction Conclusion Conclusions Materials However Moreover Furthermore Finally First Second
    Third Then Each All After Before During Here There When Where While Since Because Although Both Other Overall
    January February March April May June July August September October November December Monday Sunday
    Data Model Models Training Test Testing Validation Accuracy Precision Recall Dataset Datasets Network Networks
    Study Area Site Sites Station Stations Species Bayesian Gaussian Euclidean Pearson Spearman Fourier Markov
    Monte Carlo Student Wilcoxon Kruskal Mann Whitney Tukey Fisher Poisson Laplace Adam SGD""".split())


def _candidates(sentence: str, blocked: Sequence[Tuple[int, int]] = ()) -> bool:
    for m in _CANDIDATE.finditer(sentence):
        word = m.group(0).rstrip(".")
        if word in _PLAIN_CAPS or len(word) < 2:
            continue
        if any(m.start() < b and a < m.end() for a, b in blocked):
            continue
        return True
    return False


_NUMBER_TOKEN = re.compile(r"(?<!\S)[\d.,%±()\-]+(?!\S)")
_CODE = re.compile(r"\bimport\s+\w|\bdef\s+\w+\(|\w+\s*=\s*\w+\s*\(|\(\s*\"|[{};]\s*$")


def prose_like(sentence: str) -> bool:
    """False for what the PDF reader hands over as a "sentence" but is a table row, a run of
    cells or code: very long, mostly bare numbers, or code syntax."""
    words = sentence.split()
    if len(words) > 70:
        return False
    numbers = len(_NUMBER_TOKEN.findall(sentence))
    if numbers >= 4 and numbers > 0.25 * len(words):
        return False
    return not _CODE.search(sentence)


def has_cue(sentence: str, blocked: Sequence[Tuple[int, int]] = ()) -> bool:
    """True if the NER should look at ``sentence``: prose (not a table row or code), a field
    cue word and a candidate name outside the ``blocked`` spans (what the rules matched).
    Cheap: a few regex searches."""
    return bool(_CUE.search(sentence)) and prose_like(sentence) and _candidates(sentence, blocked)


# ------------------------------------------------------------------------ rule spans
def _version_span(sentence: str, after: int, version: str) -> Optional[Tuple[int, int]]:
    """Where ``version`` is written in ``sentence`` at or after ``after`` (within 25 chars)."""
    for m in re.finditer(re.escape(version), sentence):
        if after <= m.start() <= after + 25:
            start = m.start()
            if start > 0 and sentence[start - 1] in "vV" and (start < 2 or not sentence[start - 2].isalnum()):
                start -= 1
            return start, m.end()
    return None


_SOFT_TAIL = re.compile(r"(?:[\s,(]+(?:version|ver\.?|v\.?)?[\s:=]*)+$", re.IGNORECASE)


def record_spans(records: Iterable, offset: int = 0) -> List[Span]:
    """Labelled character spans of the rule matches (``MatchRecord``) that name something.

    Only matches that give a named value count: "trained on a GPU" names no hardware,
    "128 GB of RAM" is memory, not a device, "Google Cloud" is a service. A framework match is split into its
    SOFTWARE name and the VERSION after it, as the corpus marks them.
    """
    out: List[Span] = []
    for rec in records:
        field = rec.rule.field
        label = FIELD_LABEL.get(field)
        if label is None or not rec.values or rec.rule.premise:
            continue
        start, end = rec.start_char - offset, rec.end_char - offset
        if field == "hardware":
            # a device by name; memory, generic machines, clusters and cloud services are
            # not HARDWARE names in the corpus (the processors they provide are)
            if (rec.rule.id.startswith(("hardware.ram", "hardware.machine", "hardware.cluster"))
                    or not any(v.get("model") and v.get("type") not in ("cloud", "cluster") for v in rec.values)):
                continue
        elif field == "architecture":
            if not any(v.get("name") for v in rec.values):
                continue
        elif field == "framework":
            sentence = rec.mention.sentence
            base = rec.start_char - rec.mention.start - offset  # the sentence start, in span offsets
            soft_end = rec.mention.end
            version_spans = []
            for v in rec.values:
                if v.get("version"):
                    where = _version_span(sentence, rec.mention.start, str(v["version"]))
                    if where is not None:
                        version_spans.append(where)
                        if where[0] < soft_end:
                            soft_end = where[0]
            soft_text = sentence[rec.mention.start:soft_end]
            lowered = soft_text.lower()
            named = []  # each value's name where the mention writes it ("the R package ranger")
            for v in rec.values:
                at = lowered.find(str(v.get("name") or "").lower()) if v.get("name") else -1
                if at >= 0:
                    named.append((rec.mention.start + at, rec.mention.start + at + len(v["name"])))
            if not named:
                tail = _SOFT_TAIL.search(soft_text)
                if tail and tail.start() > 0:
                    soft_end = rec.mention.start + tail.start()
                named = [(rec.mention.start, soft_end)]
            out.extend((base + a, base + b, "SOFTWARE") for a, b in named)
            out.extend((base + a, base + b, "VERSION") for a, b in version_spans)
            continue
        out.append((start, end, label))
    return sorted(set(out))


def overlaps(a: Tuple[int, int], b: Tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def merge_spans(rule: Sequence[Span], ner: Sequence[Span]) -> List[Span]:
    """Rule spans plus the NER spans that overlap no rule span (the rule wins)."""
    kept = [s for s in ner if not any(overlaps(s, r) for r in rule)]
    return sorted(set(rule) | set(kept))


def tag_texts(texts: Sequence[str], gate: bool = True,
              blocked: Optional[Sequence[Sequence[Tuple[int, int]]]] = None) -> List[List[Span]]:
    """The NER spans of each text (a sentence); with ``gate`` only cue sentences are tagged
    (``blocked``: per text, the spans the rules matched, see :func:`has_cue`).

    The model's tokenizer has the project's rules (``extractor.nlp.blank_nlp``), so the
    tokens are those the corpus was built with.
    """
    model = load_model()
    out: List[List[Span]] = [[] for _ in texts]
    if model is None:
        return out
    todo = [i for i, t in enumerate(texts) if not gate or has_cue(t, blocked[i] if blocked else ())]
    for i, doc in zip(todo, model.pipe([texts[i] for i in todo], batch_size=64)):
        out[i] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    return out


CATALOGUES = ("gpus", "cpus", "computers", "compute_services", "frameworks", "annotation_tools", "datasets",
              "collection_sources", "architectures", "metrics", "formats", "repositories", "optimizers", "augmentations")


@lru_cache(maxsize=4096)
def known_name(text: str) -> bool:
    """Whether any rule catalogue lists ``text``. The NER is for names the rules have never
    seen: a listed name that no rule matched was either rejected by a rule on purpose
    ("Titan" the moon, "Keras" in a reference) or belongs to another field ("XGBoost" the
    model tagged as software, "Google Cloud" the service tagged as hardware)."""
    from .catalogues import get_catalogue

    return any(get_catalogue(name).lookup(text) is not None for name in CATALOGUES)


def normalised(sentence: str, spans: Sequence[Span], context: Sequence[Span] = ()) -> List[Tuple[Span, list]]:
    """The NER ``spans`` of a sentence that the pipeline keeps, each with its values: names no
    catalogue lists that the normalisers of ``normalize/ner.py`` accept (a SOFTWARE name gets
    the VERSION span right after it), and VERSION spans that follow a kept SOFTWARE span or a
    SOFTWARE span of ``context`` (the rule spans); a VERSION has no values of its own."""
    from .normalize import Mention, normalize
    from .normalize.ner import NORMALIZER_OF

    pairs = pair_versions(list(spans) + [c for c in context if c[2] == "SOFTWARE"], sentence)
    kept: List[Tuple[Span, list]] = []
    for a, b, label in spans:
        if label == "VERSION":
            continue
        field = LABEL_FIELD[label]
        if known_name(sentence[a:b]):
            continue
        groups = {}
        if (a, b) in pairs:
            v0, v1 = pairs[(a, b)]
            groups["version"] = sentence[v0:v1]
        mention = Mention(field, RULE_ID, sentence[a:b], sentence, a, b, groups, {})
        values = normalize(mention, NORMALIZER_OF[field])
        if values is not None:
            kept.append(((a, b, label), values))
    software = {(s[0], s[1]) for s, _ in kept if s[2] == "SOFTWARE"} | {(c[0], c[1]) for c in context
                                                                        if c[2] == "SOFTWARE"}
    versions = {v for k, v in pairs.items() if k in software}
    kept.extend(((a, b, label), []) for a, b, label in spans if label == "VERSION" and (a, b) in versions)
    return sorted(kept, key=lambda item: item[0])


def accepted(sentence: str, spans: Sequence[Span], context: Sequence[Span] = ()) -> List[Span]:
    """The spans of :func:`normalised` (what the pipeline turns into findings)."""
    return [span for span, _ in normalised(sentence, spans, context)]


def pair_versions(spans: Sequence[Span], text: str) -> Dict[Tuple[int, int], Tuple[int, int]]:
    """Each SOFTWARE span -> the VERSION span right after it (at most 3 words between)."""
    pairs: Dict[Tuple[int, int], Tuple[int, int]] = {}
    ordered = sorted(spans)
    for i, (s, e, label) in enumerate(ordered):
        if label != "SOFTWARE":
            continue
        for s2, e2, label2 in ordered[i + 1:]:
            if label2 == "SOFTWARE":
                break
            if label2 == "VERSION":
                gap = text[e:s2]
                if len(gap.split()) <= 3 and len(gap) <= 25 and not re.search(r"[;.]\s", gap):
                    pairs[(s, e)] = (s2, e2)
                break
    return pairs


# ----------------------------------------------------------------------------- findings
def ner_findings(pairs: Sequence[Tuple[object, object]], fields: Sequence[str]) -> list:
    """Findings (evidence ``rule: ner``) from the NER over the cue sentences of
    ``(passage, doc)`` pairs, for the wanted ``fields``; docs went through the rule pipeline.

    A NER span that overlaps a rule match of the five NER fields is dropped: the rule wins.
    The rest go through the normalisers of ``normalize/ner.py`` and the same context step
    as rule matches (negated, hypothetical, attributed, background sections).
    """
    fields = [f for f in fields if f in NER_FIELDS]
    if not fields or load_model() is None:
        return []
    from .components.context import classify, load_context_rules
    from .components.sentences import SPANS_KEY
    from .findings import Finding, make_evidence

    jobs = []
    for passage, doc in pairs:
        text = doc.text
        sentences = doc.user_data.get(SPANS_KEY) or [(s.start_char, s.end_char) for s in doc.sents]
        ruled = [(r.start_char, r.end_char) for r in (doc._.extractor_matches or [])
                 if r.rule.field in NER_FIELDS and r.values and not r.rule.premise]
        for s0, s1 in sentences:
            sentence = text[s0:s1]
            blocked = [(a - s0, b - s0) for a, b in ruled if a < s1 and b > s0]
            if has_cue(sentence, blocked):
                jobs.append((passage, s0, sentence, blocked))
    if not jobs:
        return []
    tagged = tag_texts([j[2] for j in jobs], gate=False)
    context_rules = load_context_rules()
    background = context_rules.background
    out = []
    for (passage, s0, sentence, blocked), spans in zip(jobs, tagged):
        spans = [s for s in spans if not any(overlaps(s, b) for b in blocked)]
        if not spans:
            continue
        for (a, b, label), values in normalised(sentence, spans):
            if label == "VERSION":
                continue
            field = LABEL_FIELD[label]
            if field not in fields:
                continue
            context, trigger = classify(sentence, a, b, context_rules)
            if context == "asserted" and background is not None and background.applies(passage.section,
                                                                                         sentence.strip()):
                context, trigger = "attributed", background.id
            evidence = make_evidence(passage, sentence, s0, RULE_ID)
            out.append(Finding(field, values, evidence, context, trigger, sentence[a:b]))
    return out
