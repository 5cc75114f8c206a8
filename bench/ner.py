"""NER benchmark: precision, recall and F1 per label for rules alone, NER alone and both.

    python bench/ner.py                 # test split (unseen names) and dev split
    python bench/ner.py --split test --show 30   # ... and list up to 30 errors of "both"
    python bench/ner.py --cost [--pdfs ../shared/pdfs]  # per-paper cost of the NER in extraction

Reads ``corpora/test.spacy`` and ``corpora/dev.spacy`` (``python corpora/build.py``).
Systems, over each sentence on its own:

* rules: the spans of the field ruler (``extractor.nlp.get_nlp``) that name something,
  mapped hardware -> HARDWARE, framework -> SOFTWARE + VERSION, datasets -> DATASET,
  architecture -> MODEL, metrics -> METRIC (``extractor.ner.record_spans``);
* ner: the shipped model (``extractor/models/ner``) on the sentences the cue gate lets
  through (a field word and a candidate name outside the rule spans), as in the pipeline;
* both: rule spans plus the NER spans that overlap none of them (the rule wins), that no
  catalogue lists, that the NER normalisers accept (a name, not in a bibliography entry, a
  dataset with a role or a data word, a metric where the sentence evaluates) and, for a
  VERSION, that follow a SOFTWARE span: what the pipeline turns into findings.

Matching: *exact* (same start, end and label) and *overlap* (same label, the spans share
a character; each gold span is matched once). Test entities the rules already know were
dropped by build.py; predictions over them are ignored for every system.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractor.ner import LABELS, accepted, has_cue, load_model, merge_spans, overlaps, record_spans  # noqa: E402
from extractor.nlp import get_nlp  # noqa: E402

Span = Tuple[int, int, str]


def load_split(name: str):
    from spacy.tokens import DocBin

    path = ROOT / "corpora" / f"{name}.spacy"
    if not path.is_file():
        sys.exit(f"bench/ner.py: {path} is missing: run python corpora/build.py")
    return list(DocBin().from_disk(path).get_docs(get_nlp().vocab))


def predict(docs) -> Dict[str, List[List[Span]]]:
    from extractor.ner import tag_texts

    nlp = get_nlp()
    texts = [d.text for d in docs]
    rules = [record_spans(nlp(t)._.extractor_matches or []) for t in texts]
    ner = tag_texts(texts, gate=True)  # NER alone: cue words and candidate names
    # both: as in the pipeline, the sentence must also have a candidate outside the rule spans
    gated = [n if has_cue(t, [(a, b) for a, b, _ in r]) else [] for t, r, n in zip(texts, rules, ner)]
    both = [merge_spans(r, accepted(t, n, r)) for t, r, n in zip(texts, rules, gated)]
    return {"rules": rules, "ner": ner, "both": both}


def score(gold: Sequence[Sequence[Span]], pred: Sequence[Sequence[Span]], ignored, mode: str):
    tp_p = defaultdict(int)  # predictions that are right
    tp_r = defaultdict(int)  # gold spans that are found
    n_p = defaultdict(int)
    n_g = defaultdict(int)
    for g, p, ign in zip(gold, pred, ignored):
        p = [s for s in p if not any(overlaps(s, i) for i in ign)]
        for s in g:
            n_g[s[2]] += 1
        for s in p:
            n_p[s[2]] += 1
        if mode == "exact":
            gs = set(g)
            for s in p:
                if s in gs:
                    tp_p[s[2]] += 1
            ps = set(p)
            for s in g:
                if s in ps:
                    tp_r[s[2]] += 1
        else:
            used = set()
            for s in p:
                for j, t in enumerate(g):
                    if t[2] == s[2] and overlaps(s, t) and j not in used:
                        used.add(j)
                        tp_p[s[2]] += 1
                        break
            for t in g:
                if any(s[2] == t[2] and overlaps(s, t) for s in p):
                    tp_r[t[2]] += 1
    rows = {}
    for label in list(LABELS) + ["ALL"]:
        if label == "ALL":
            a, b, c, d = (sum(x.values()) for x in (tp_p, n_p, tp_r, n_g))
        else:
            a, b, c, d = tp_p[label], n_p[label], tp_r[label], n_g[label]
        prec = a / b if b else 0.0
        rec = c / d if d else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows[label] = (prec, rec, f1, d, b)
    return rows


def table(title: str, results) -> str:
    lines = [f"\n### {title}\n", "| label (gold n) | rules P / R / F1 | NER P / R / F1 | both P / R / F1 |",
             "|---|---|---|---|"]
    for label in list(LABELS) + ["ALL"]:
        n = results["rules"][label][3]
        cells = []
        for system in ("rules", "ner", "both"):
            p, r, f, _, npred = results[system][label]
            prec = f"{100 * p:.1f}" if npred else "–"  # no predictions: precision undefined
            cells.append(f"{prec} / {100 * r:.1f} / {100 * f:.1f}")
        lines.append(f"| {label} ({n}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def cost(pdf_dir: Path, limit: int) -> None:
    """Per paper, in the same run: bare pdfplumber words, report without NER, with gated NER,
    with NER on every sentence; each PDF is read once, the report is built from the parsed
    document, and the three report builds alternate."""
    import statistics
    import time

    import extractor.ner as ner
    from extractor.pipeline import build_report, read_document

    sys.path.insert(0, str(ROOT / "bench"))
    from speed import bare_extract_words

    pdfs = sorted(pdf_dir.glob("*.pdf"))[:limit or None]
    if not pdfs:
        print(f"no PDFs in {pdf_dir}: skipped")
        return
    real_model, real_cue = ner.load_model, ner.has_cue
    build_report(read_document(pdfs[0]))  # warm up: load rules and model
    rows = []
    for path in pdfs:
        t0 = time.perf_counter()
        bare_extract_words(path)
        bare = time.perf_counter() - t0
        doc = read_document(path)
        times = {}
        for mode in ("off", "gated", "all"):
            ner.load_model = real_model if mode != "off" else (lambda path=None: None)
            ner.has_cue = real_cue if mode != "all" else (lambda sentence, blocked=(): True)
            t0 = time.perf_counter()
            build_report(doc)
            times[mode] = time.perf_counter() - t0
        ner.load_model, ner.has_cue = real_model, real_cue
        rows.append((path.name, doc.pages, bare, times))
    med = statistics.median
    print(f"\n## NER cost over {len(rows)} PDFs (median per paper, seconds; report built from the parsed PDF)\n")
    print(f"bare pdfplumber words {med(r[2] for r in rows):.3f}; report without NER {med(r[3]['off'] for r in rows):.3f}; "
          f"with gated NER {med(r[3]['gated'] for r in rows):.3f}; with NER on every sentence "
          f"{med(r[3]['all'] for r in rows):.3f}")
    added = [r[3]["gated"] - r[3]["off"] for r in rows]
    added_all = [r[3]["all"] - r[3]["off"] for r in rows]
    print(f"NER adds per paper: gated {med(added):.3f} s (max {max(added):.3f}), ungated {med(added_all):.3f} s "
          f"(max {max(added_all):.3f}); as a share of the bare parse: gated {med(a / r[2] for a, r in zip(added, rows)):.2f}x, "
          f"ungated {med(a / r[2] for a, r in zip(added_all, rows)):.2f}x")
    long_rows = [(r, a) for r, a in zip(rows, added) if r[1] > 4]
    if long_rows:
        print(f"full papers (> 4 pages, {len(long_rows)}): bare parse {med(r[2] for r, _ in long_rows):.3f} s, "
              f"report without NER {med(r[3]['off'] for r, _ in long_rows):.3f} s, NER adds "
              f"{med(a for _, a in long_rows):.3f} s gated (max {max(a for _, a in long_rows):.3f}, "
              f"{med(a / r[2] for r, a in long_rows):.2f}x the bare parse), "
              f"{med(r[3]['all'] - r[3]['off'] for r, _ in long_rows):.3f} s ungated")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="NER benchmark")
    ap.add_argument("--split", choices=("test", "dev", "all"), default="all")
    ap.add_argument("--show", type=int, default=0, help="list up to N errors of 'both' (overlap matching)")
    ap.add_argument("--cost", action="store_true", help="time the NER inside extraction on real PDFs instead")
    ap.add_argument("--pdfs", type=Path, default=ROOT.parent / "shared" / "pdfs")
    ap.add_argument("--limit", type=int, default=0, help="at most N PDFs for --cost")
    args = ap.parse_args(argv)
    if load_model() is None:
        sys.exit("bench/ner.py: no model in extractor/models/ner: run python corpora/train.py")
    if args.cost:
        cost(args.pdfs, args.limit)
        return 0
    splits = ["test", "dev"] if args.split == "all" else [args.split]
    for split in splits:
        docs = load_split(split)
        gold = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs]
        ignored = [[(s.start_char, s.end_char) for s in d.spans.get("ignored", [])] for d in docs]
        preds = predict(docs)
        alone = sum(1 for d in docs if has_cue(d.text))
        gated = sum(1 for d, r in zip(docs, preds["rules"]) if has_cue(d.text, [(a, b) for a, b, _ in r]))
        print(f"\n## {split}: {len(docs)} sentences, {sum(map(len, gold))} gold entities, "
              f"{sum(map(len, ignored))} ignored (known to the rules); cue sentences: {alone} for NER alone, "
              f"{gated} with a candidate outside the rule spans (both)")
        for mode in ("exact", "overlap"):
            results = {name: score(gold, p, ignored, mode) for name, p in preds.items()}
            print(table(f"{split}, {mode} match", results))
        if args.show:
            shown = 0
            for d, g, p, ign in zip(docs, gold, preds["both"], ignored):
                p = [s for s in p if not any(overlaps(s, i) for i in ign)]
                fp = [s for s in p if not any(s[2] == t[2] and overlaps(s, t) for t in g)]
                fn = [t for t in g if not any(s[2] == t[2] and overlaps(s, t) for s in p)]
                if (fp or fn) and shown < args.show:
                    shown += 1
                    print(f"- {d.user_data.get('source')}: {d.text}")
                    for s in fp:
                        print(f"    FP {s[2]} {d.text[s[0]:s[1]]!r}")
                    for t in fn:
                        print(f"    FN {t[2]} {d.text[t[0]:t[1]]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
