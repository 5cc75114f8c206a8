"""Speed and memory of extractor on real PDFs, next to bare pdfplumber.

Usage:  python bench/speed.py [--pdfs ../shared/pdfs] [--corpus ../shared/corpus] [--repeat 1]

For each PDF, in the same run: seconds for pdfplumber's bare ``extract_words`` over all
pages (the floor any pdfplumber-based reader pays) and for the full ``extractor.extract``.
Prints medians per paper and per page (all PDFs, and the full papers of more than four
pages), the ratio full/bare, text-input throughput on the corpus, and the peak memory
of a fresh process extracting the longest PDF.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def bare_extract_words(path: Path) -> int:
    import pdfplumber

    from extractor.reading.pdf import WORD_SETTINGS

    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            n += len(page.extract_words(**WORD_SETTINGS))
            page.close()
    return n


def timed(func, *args):
    t0 = time.perf_counter()
    result = func(*args)
    return time.perf_counter() - t0, result


def peak_memory_mb(path: Path) -> float:
    """Peak RSS of a fresh process that imports extractor and extracts ``path``."""
    code = ("import resource, extractor, sys; extractor.extract(sys.argv[1]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024.0  # ru_maxrss is in KiB on Linux


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pdfs", type=Path, default=SHARED / "pdfs")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    args = ap.parse_args(argv)
    import extractor
    from extractor.nlp import get_nlp

    pdfs = sorted(args.pdfs.glob("*.pdf"))
    if not pdfs:
        sys.stderr.write(f"speed: no PDFs in {args.pdfs}\n")
        return 2
    get_nlp()  # load once, as a long batch would
    extractor.extract_text("Warm-up sentence trained on a GPU.")
    rows = []
    for path in pdfs:
        t_bare, _ = timed(bare_extract_words, path)
        t_full, report = timed(extractor.extract, path)
        rows.append((path.name, report.pages or 0, t_bare, t_full))
    print(f"{'file':<34}{'pages':>6}{'bare s':>9}{'full s':>9}{'ratio':>7}")
    for name, pages, tb, tf in rows:
        print(f"{name:<34}{pages:>6}{tb:>9.3f}{tf:>9.3f}{tf / tb:>7.2f}")

    def summarise(label, subset):
        if not subset:
            return
        bare = statistics.median(r[2] for r in subset)
        full = statistics.median(r[3] for r in subset)
        pages = sum(r[1] for r in subset)
        print(f"\n{label}: {len(subset)} PDFs, {pages} pages")
        print(f"  median per paper: bare {bare:.3f} s, full {full:.3f} s, ratio {full / bare:.2f}")
        print(f"  median per page:  bare {statistics.median(r[2] / r[1] for r in subset):.4f} s, "
              f"full {statistics.median(r[3] / r[1] for r in subset):.4f} s")
        print(f"  total: bare {sum(r[2] for r in subset):.1f} s, full {sum(r[3] for r in subset):.1f} s")

    summarise("all PDFs", rows)
    summarise("full papers (> 4 pages)", [r for r in rows if r[1] > 4])

    corpus = args.corpus / "ecoinf_passages.jsonl"
    if corpus.exists():
        texts = ["\n\n".join(json.loads(line)["chunks"]) for line in open(corpus, encoding="utf-8")]
        t, _ = timed(lambda: [extractor.extract_text(x) for x in texts])
        chars = sum(len(x) for x in texts)
        print(f"\ntext input: {len(texts)} papers, {chars:,} chars in {t:.1f} s = {chars / t:,.0f} chars/s (one core)")
    longest = max(rows, key=lambda r: r[1])
    print(f"\npeak memory, fresh process extracting {longest[0]} ({longest[1]} pages): "
          f"{peak_memory_mb(args.pdfs / longest[0]):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
