"""A reproducible sample of our disagreements with the five-LLM majority vote, to read.

Usage:  python bench/silver_sample.py [--corpus ../shared/corpus] [--field NAME[,NAME]] [--per 5]

Runs ``extractor.extract_text`` on every paper of ``ecoinf_passages.jsonl`` (chunks joined
by blank lines, as in ``bench/accuracy.py``), compares each field's status (found or
inferred = yes) with the majority ``vote`` of ``ecoinf_llm_votes.csv`` per competency
question, and for every field prints up to ``--per`` disagreements in each direction:

- ``ours-yes/vote-no``: our status, values and evidence sentences;
- ``ours-no/vote-yes``: our status and the sentences of the paper that share the most
  keywords with the field's question (bibliography-like sentences left out), so a reader
  can judge whether the fact is there.

The sample is fixed: disagreements are ordered by sha256 of "paper id|field|cq" and the
first ones taken, so the same corpus and the same extractor give the same sample.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Tuple

import extractor
from extractor.fields import FIELD_NAMES, covered_fields, field_for_cq, field_spec

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import DEFAULT_CORPUS, load_corpus  # noqa: E402

# Words that a sentence answering the field's question is likely to hold: a plain keyword
# search, only to put the relevant part of a paper in front of the reader.
KEYWORDS: Dict[str, Tuple[str, ...]] = {
    "data_collection": ("collected", "survey", "sensor", "camera", "recorded", "recorder", "field",
                        "acquired", "downloaded", "satellite", "images were", "sampling", "trap"),
    "data_format": ("image", "audio", "video", "csv", "raster", "tiff", "jpeg", "png", "wav",
                    "spectrogram", "format", "resolution", "pixels", "time series", "satellite", "ndvi",
                    "landsat", "sentinel", "gis", "shapefile", "point", "variables", "text"),
    "data_annotation": ("annotat", "label", "bounding box", "manually", "expert", "segmentation mask",
                        "ground truth", "identified by", "tagged"),
    "data_augmentation": ("augment", "flip", "rotat", "crop", "scal", "brightness", "noise", "mixup"),
    "datasets": ("dataset", "database", "imagenet", "coco", "data set", "benchmark", "archive"),
    "preprocessing": ("preprocess", "normaliz", "normalis", "resiz", "standardi", "clean", "filter",
                      "removed", "scaled", "converted", "spectrogram", "pre-process", "resampl", "interpolat",
                      "mask", "correct", "outlier", "transform", "log", "missing", "extracted"),
    "data_split": ("training set", "test set", "validation", "split", "%", "fold", "divided",
                   "randomly", "partition"),
    "code_availability": ("github", "code", "gitlab", "bitbucket", "available", "repository", "script"),
    "data_availability": ("zenodo", "figshare", "dryad", "gbif", "available", "repository", "data are",
                          "doi", "http", "download"),
    "architecture": ("cnn", "convolutional", "network", "resnet", "lstm", "transformer", "layer",
                     "architecture", "u-net", "yolo", "model"),
    "hyperparameters": ("learning rate", "batch size", "epoch", "optimizer", "momentum", "weight decay",
                        "dropout", "iteration", "hyperparameter", "layers", "neurons"),
    "hyperparameter_tuning": ("grid search", "random search", "tun", "optimi", "bayesian",
                              "hyperparameter", "cross-validation", "trial", "selected"),
    "optimizer": ("adam", "sgd", "stochastic gradient", "rmsprop", "optimizer", "optimiser",
                  "gradient descent", "momentum", "learning rate"),
    "stopping_criteria": ("early stopping", "epoch", "converge", "plateau", "stopped", "patience",
                          "validation loss", "iterations", "until"),
    "regularization": ("dropout", "l2", "l1", "regulari", "weight decay", "overfit", "batch normal",
                       "early stopping", "augment"),
    "training_monitoring": ("validation", "loss", "monitor", "curve", "epoch", "tensorboard",
                            "accuracy", "checkpoint", "during training"),
    "framework": ("tensorflow", "pytorch", "keras", "caffe", "python", "library", "package", "matlab",
                  "scikit", "r"),
    "hardware": ("gpu", "nvidia", "cpu", "tpu", "ram", "memory", "processor", "computer", "cluster",
                 "workstation"),
    "postprocessing": ("post-process", "postprocess", "confusion matrix", "saliency", "grad-cam",
                       "threshold", "non-maximum", "smooth", "aggregat", "map", "metric"),
    "metrics": ("accuracy", "precision", "recall", "f1", "auc", "rmse", "iou", "map", "kappa",
                "r2", "error", "score"),
    "generalizability": ("cross-validation", "generali", "independent", "test set", "external",
                         "transfer", "diverse", "unseen", "different sites", "fold"),
    "randomness": ("random seed", "seed", "random", "repeated", "runs", "initiali", "stochastic"),
    "purpose": ("classif", "detect", "segment", "predict", "identify", "estimat", "count",
                "recogni", "aim", "map"),
    "bias_handling": ("imbalance", "oversampl", "undersampl", "stratif", "balanc", "weight", "bias",
                      "minority", "augment"),
    "deployment": ("deploy", "app", "platform", "server", "cloud", "aws", "azure", "raspberry",
                   "web", "edge", "onnx", "serializ", "smartphone"),
}

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])")
# bibliography entries: a DOI, a scholar link, or "Surname, A., 2020." shapes
_REFERENCE = re.compile(r"doi\.org|Google Scholar|\b[A-Z][a-z]+, [A-Z]\.(?:[A-Z]\.)*, (?:19|20)\d\d\.")


def _keyword_re(word: str) -> "re.Pattern[str]":
    """Short keywords match whole words, longer ones the start of a word."""
    if not word[0].isalnum():
        return re.compile(re.escape(word))
    tail = r"\b" if len(word) <= 3 else ""
    return re.compile(r"\b" + re.escape(word) + tail, re.I)


def _one_line(text: str, width: int = 320) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def related_sentences(text: str, field: str, n: int = 4) -> List[str]:
    """The ``n`` sentences of ``text`` that hold the most distinct keywords of ``field``."""
    patterns = [_keyword_re(w) for w in KEYWORDS.get(field, ())]
    scored = []
    for i, sent in enumerate(_SENT.split(" ".join(text.split()))):
        if _REFERENCE.search(sent):
            continue
        hits = sum(1 for p in patterns if p.search(sent))
        if hits:
            scored.append((-hits, i, sent))
    scored.sort()
    return [s for _, _, s in sorted(scored[:n], key=lambda t: t[1])]


def sample_key(pid: str, field: str, cq: int) -> str:
    return hashlib.sha256(f"{pid}|{field}|{cq}".encode()).hexdigest()


def disagreements(corpus: Path, fields) -> Tuple[Dict[str, Dict[str, List[tuple]]], Dict, Dict]:
    """``{field: {direction: [(pid, cq, n_yes), ...]}}`` in sample order, the reports, the texts."""
    papers = load_corpus(corpus)
    reports = {pid: extractor.extract_text(text, source=pid) for pid, text in papers.items()}
    found: Dict[str, Dict[str, List[tuple]]] = defaultdict(lambda: defaultdict(list))
    with open(corpus / "ecoinf_llm_votes.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            pid, cq = row["publication"], int(row["cq"])
            field = field_for_cq(cq)
            if pid not in reports or field not in fields or field not in reports[pid].fields:
                continue
            ours = reports[pid].fields[field].status in ("found", "inferred")
            vote = row["vote"] == "y"
            if ours != vote:
                direction = "ours-yes/vote-no" if ours else "ours-no/vote-yes"
                found[field][direction].append((pid, cq, int(row["n_yes"])))
    for by_dir in found.values():
        for items in by_dir.values():
            items.sort(key=lambda t: sample_key(t[0], field_for_cq(t[1]), t[1]))
    return found, reports, papers


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--field", help="comma-separated fields to sample (default: all with a question)")
    ap.add_argument("--per", type=int, default=5, help="cases per field and direction")
    args = ap.parse_args(argv)
    if not (args.corpus / "ecoinf_passages.jsonl").exists():
        sys.stderr.write(f"silver_sample: no corpus at {args.corpus}\n")
        return 2
    with_cq = [f for f in covered_fields() if field_spec(f).cqs]
    if args.field:
        wanted = [f.strip() for f in args.field.split(",") if f.strip()]
        unknown = [f for f in wanted if f not in with_cq]
        if unknown:
            sys.stderr.write(f"silver_sample: no question for field(s) {', '.join(unknown)}; "
                             f"choose from {', '.join(with_cq)}\n")
            return 2
        with_cq = [f for f in with_cq if f in wanted]
    found, reports, papers = disagreements(args.corpus, set(with_cq))
    w = sys.stdout.write
    for field in [f for f in FIELD_NAMES if f in with_cq]:
        by_dir = found.get(field, {})
        counts = ", ".join(f"{d} {len(by_dir.get(d, []))}" for d in ("ours-yes/vote-no", "ours-no/vote-yes"))
        w(f"\n=== {field}  (CQ {', '.join(map(str, field_spec(field).cqs))}; disagreements: {counts})\n")
        for direction in ("ours-yes/vote-no", "ours-no/vote-yes"):
            for k, (pid, cq, n_yes) in enumerate(by_dir.get(direction, [])[: args.per], 1):
                res = reports[pid].fields[field]
                w(f"\n[{field} {direction} {k}] {pid} CQ{cq} (LLMs yes {n_yes}/5) ours={res.status}\n")
                if res.values:
                    w(f"   values: {_one_line(repr(res.values), 240)}\n")
                for ev in res.evidence[:3]:
                    w(f"   ours [{ev.rule}, {ev.section}]: {_one_line(ev.text)}\n")
                if direction == "ours-no/vote-yes":
                    for sent in related_sentences(papers[pid], field):
                        w(f"   paper: {_one_line(sent)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
