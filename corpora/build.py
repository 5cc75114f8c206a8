"""Builds the NER corpus: ``corpora/source/*.txt`` (readable markup) -> spaCy DocBin files.

    python corpora/build.py            # writes corpora/{train,dev,test}.spacy and prints what it did

Markup (see corpora/README.md): one example per line, entities as ``[surface](LABEL)``.
Tokenisation is the project's own (``extractor.nlp.get_nlp().make_doc``); a marked span
that does not start and end on token boundaries is reported and expanded to the tokens
that hold it ("[V100](HARDWARE)s" -> "V100s"), and dropped if that makes it overlap
another entity.

Splits:
* test = the lines of ``unseen_*.txt``. Their entity names must be new. Each test entity
  that the rules already find (the project's field ruler over the test sentence gives an
  overlapping span of the same field) or whose name is written in a rule file is dropped
  from the gold and kept in ``doc.spans["ignored"]`` (the benchmark ignores predictions
  there, for every system alike);
* train/dev = every other line, minus any line that contains a test name (a leak);
  dev = the lines whose text hashes (sha1) into the lowest 15 of 100 buckets;
* each training line with a HARDWARE/SOFTWARE/DATASET/MODEL name also gets a disguised
  copy (names replaced by made-up names of the same shape, see :func:`disguise`).
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractor.ner import LABELS, LABEL_FIELD, overlaps  # noqa: E402

SOURCE = ROOT / "corpora" / "source"
DEV_PERCENT = 15
_MARK = re.compile(r"\[([^\[\]\n]+)\]\(([A-Z_]+)\)")


@dataclass
class Example:
    text: str
    spans: List[Tuple[int, int, str]]  # character offsets in text
    source: str  # file:line
    domain: str = ""
    problems: List[str] = field(default_factory=list)


def parse_line(line: str) -> Tuple[str, List[Tuple[int, int, str]], List[str]]:
    """``"on a [Tesla V100](HARDWARE) [3]"`` -> ``("on a Tesla V100 [3]", [(5, 15, "HARDWARE")], [])``.

    Brackets not followed by ``(LABEL)`` stay literal. ``[x](NAME)`` with an unknown upper-case
    NAME stays literal too and is reported as a problem.
    """
    out: List[str] = []
    spans: List[Tuple[int, int, str]] = []
    problems: List[str] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(line):
        surface, label = m.group(1), m.group(2)
        if label not in LABELS:
            problems.append(f"unknown label {label!r} (kept as text)")
            continue
        before = line[pos:m.start()]
        out.append(before)
        length += len(before)
        if surface != surface.strip() or not surface.strip():
            problems.append(f"entity {surface!r} has spaces at its edges (trimmed)")
        lead = len(surface) - len(surface.lstrip())
        core = surface.strip()
        out.append(surface)
        if core:
            spans.append((length + lead, length + lead + len(core), label))
        length += len(surface)
        pos = m.end()
    out.append(line[pos:])
    return "".join(out), spans, problems


def read_file(path: Path) -> List[Example]:
    examples: List[Example] = []
    domain = ""
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@domain"):
            domain = line[len("@domain"):].strip()
            continue
        text, spans, problems = parse_line(line)
        examples.append(Example(text, spans, f"{path.name}:{n}", domain, problems))
    return examples


def _tokenizer():
    from extractor.nlp import get_nlp

    return get_nlp().make_doc


def align(example: Example, make_doc, log: List[str]):
    """The Doc of ``example`` with its entities; misaligned spans are expanded or dropped."""
    doc = make_doc(example.text)
    spans = []
    for start, end, label in example.spans:
        span = doc.char_span(start, end, label=label)
        if span is None:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            what = "expanded" if span is not None else "dropped"
            shown = f"{example.text[start:end]!r}" + (f" -> {span.text!r}" if span is not None else "")
            log.append(f"{example.source}: {label} {shown} does not align to tokens: {what}")
        if span is None:
            continue
        if any(span.start < s.end and s.start < span.end for s in spans):
            log.append(f"{example.source}: {label} {span.text!r} overlaps another entity after alignment: dropped")
            continue
        spans.append(span)
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


def dev_bucket(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 100


def name_key(name: str) -> str:
    return " ".join(name.lower().split())


def _name_pattern(name: str) -> "re.Pattern[str]":
    return re.compile(r"(?<![\w])" + r"\s+".join(re.escape(w) for w in name.split()) + r"(?![\w])", re.IGNORECASE)


def rule_file_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "rules").rglob("*.yml")))


def rule_spans_of(text: str) -> List[Tuple[int, int, str]]:
    """What the project's rules find in one sentence, as labelled spans."""
    from extractor.ner import record_spans
    from extractor.nlp import get_nlp

    doc = get_nlp()(text)
    return record_spans(doc._.extractor_matches or [])


# ------------------------------------------------------------------- augmentation
# Words kept when a name is disguised: vendor and product-line words carry the label.
KEEP_WORDS = frozenset("""NVIDIA GeForce RTX GTX Tesla Quadro Intel Xeon Core AMD Ryzen EPYC Radeon Instinct Apple
    Google TPU Jetson Raspberry Pi Cloud Arm Qualcomm Snapdragon Huawei Ascend""".split())
DISGUISED = ("HARDWARE", "SOFTWARE", "DATASET", "MODEL")


def _disguise_word(word: str, rng) -> str:
    if word in KEEP_WORDS or len(word) <= 1:
        return word
    keep_tail = len(word) > 5 and rng.random() < 0.5  # "...Net", "...Former" stay informative
    out = []
    for i, ch in enumerate(word):
        if keep_tail and i >= len(word) - 3:
            out.append(ch)
        elif ch.isupper():
            out.append(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        elif ch.islower():
            out.append(rng.choice("abcdefghijklmnopqrstuvwxyz"))
        elif ch.isdigit():
            out.append(rng.choice("0123456789"))
        else:
            out.append(ch)
    return "".join(out)


def disguise(example: Example) -> Optional[Example]:
    """A copy of a training example whose HARDWARE/SOFTWARE/DATASET/MODEL names are replaced
    by made-up names of the same shape ("ResNet-50" -> "QuvLet-50"), seeded by the text, so the
    model learns names from their context and shape rather than by heart. None if the
    example has no such name."""
    import random

    if not any(label in DISGUISED for _, _, label in example.spans):
        return None
    rng = random.Random(int(hashlib.sha1(example.text.encode("utf-8")).hexdigest(), 16))
    text, spans, pos, shift = [], [], 0, 0
    for start, end, label in sorted(example.spans):
        text.append(example.text[pos:start])
        surface = example.text[start:end]
        if label in DISGUISED:
            surface = " ".join(_disguise_word(w, rng) for w in surface.split(" "))
        new_start = start + shift
        spans.append((new_start, new_start + len(surface), label))
        shift += len(surface) - (end - start)
        text.append(surface)
        pos = end
    text.append(example.text[pos:])
    return Example("".join(text), spans, example.source + " (disguised)", example.domain)


@dataclass
class Built:
    train: list
    dev: list
    test: list
    log: List[str]


def build(source: Path = SOURCE, files: Optional[Sequence[Path]] = None, rules_text: Optional[str] = None,
          rule_spans=rule_spans_of, augment: bool = True) -> Built:
    """Reads, aligns, checks and splits the corpus (nothing is written)."""
    from spacy.tokens import Span

    log: List[str] = []
    paths = sorted(files) if files is not None else sorted(source.glob("*.txt"))
    make_doc = _tokenizer()
    test_ex: List[Example] = []
    other_ex: List[Example] = []
    for path in paths:
        (test_ex if path.name.startswith("unseen_") else other_ex).extend(read_file(path))
    for ex in test_ex + other_ex:
        for p in ex.problems:
            log.append(f"{ex.source}: {p}")
    n_misaligned_before = len(log)

    rules_text = rule_file_text() if rules_text is None else rules_text
    test_docs = []
    test_names: Dict[str, str] = {}
    dropped_known = 0
    for ex in test_ex:
        doc = align(ex, make_doc, log)
        found = rule_spans(ex.text)
        keep, ignored = [], []
        for ent in doc.ents:
            a, b = ent.start_char, ent.end_char
            hit = [r for r in found if overlaps((a, b), r[:2]) and LABEL_FIELD[r[2]] == LABEL_FIELD[ent.label_]]
            in_rules = ent.label_ != "VERSION" and _name_pattern(ent.text).search(rules_text)
            if hit or in_rules:
                why = "the rules find it" if hit else "a rule file names it"
                log.append(f"{ex.source}: test {ent.label_} {ent.text!r} dropped from the gold: {why}")
                dropped_known += 1
                ignored.append(Span(doc, ent.start, ent.end, label=ent.label_))
            else:
                keep.append(ent)
                if ent.label_ != "VERSION":
                    test_names.setdefault(name_key(ent.text), ex.source)
        doc.set_ents(keep, missing=ignored, default="outside")
        doc.spans["ignored"] = ignored
        doc.user_data["source"] = ex.source
        doc.user_data["domain"] = ex.domain
        test_docs.append(doc)

    patterns = {k: _name_pattern(k) for k in test_names}
    train_docs, dev_docs = [], []
    leaks = 0
    augmented = 0
    seen_text = set()
    for ex in other_ex:
        leaked = [k for k, pat in patterns.items() if pat.search(ex.text)]
        if leaked:
            leaks += 1
            log.append(f"{ex.source}: dropped from training: contains test name(s) "
                       + ", ".join(f"{k!r} ({test_names[k]})" for k in leaked))
            continue
        if ex.text in seen_text:
            log.append(f"{ex.source}: duplicate line dropped")
            continue
        seen_text.add(ex.text)
        doc = align(ex, make_doc, log)
        doc.user_data["source"] = ex.source
        doc.user_data["domain"] = ex.domain
        if dev_bucket(ex.text) < DEV_PERCENT:
            dev_docs.append(doc)
            continue
        train_docs.append(doc)
        copy = disguise(ex) if augment else None
        if copy is not None:
            disguised = align(copy, make_doc, [])  # misalignments are reported for the original only
            disguised.user_data["source"] = copy.source
            disguised.user_data["domain"] = copy.domain
            train_docs.append(disguised)
            augmented += 1
    misaligned = sum(1 for line in log if "does not align" in line)
    overlapped = sum(1 for line in log if "overlaps another entity" in line)
    n_ents = {name: sum(len(d.ents) for d in docs) for name, docs in
              (("train", train_docs), ("dev", dev_docs), ("test", test_docs))}
    log.append(f"summary: {len(paths)} files, {len(other_ex) + len(test_ex)} lines; "
               f"train {len(train_docs)} ({n_ents['train']} entities), dev {len(dev_docs)} ({n_ents['dev']}), "
               f"test {len(test_docs)} ({n_ents['test']}); misaligned spans {misaligned} "
               f"({overlapped} dropped on overlap); test entities dropped as known to the rules {dropped_known}; "
               f"training lines dropped for a test name {leaks}; markup problems {n_misaligned_before}; "
               f"disguised copies added to train {augmented}")
    return Built(train_docs, dev_docs, test_docs, log)


def write(built: Built, out: Path) -> None:
    from spacy.tokens import DocBin

    for name, docs in (("train", built.train), ("dev", built.dev), ("test", built.test)):
        db = DocBin(store_user_data=True)
        for d in docs:
            db.add(d)
        db.to_disk(out / f"{name}.spacy")


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", default=str(SOURCE), help="folder of *.txt source files")
    ap.add_argument("--out", default=str(ROOT / "corpora"), help="where to write train/dev/test.spacy")
    ap.add_argument("--quiet", action="store_true", help="print the summary only")
    ap.add_argument("--no-augment", action="store_true", help="no disguised copies of training lines")
    args = ap.parse_args(argv)
    built = build(Path(args.source), augment=not args.no_augment)
    for line in built.log if not args.quiet else built.log[-1:]:
        print(line)
    write(built, Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
