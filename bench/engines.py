"""The two PDF engines side by side: time per paper and differences in findings.

Usage:  python bench/engines.py [--pdfs ../shared/pdfs] [--show-text]

For each PDF, in the same process: seconds for ``extractor.extract(path, engine=...)``
with pdfplumber (the default) and with pdfium, then every field whose status or values
differ between the two reports (``status pdfplumber -> pdfium`` and the values only one
of them has). ``--show-text`` also prints the first lines of text only one engine read.
Nothing is asserted; read the differences, and see bench/README.md.
"""
from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
ENGINES = ("pdfplumber", "pdfium")


def value_keys(values):
    return {repr(sorted(v.items())) for v in values}


def field_differences(a, b):
    """Lines naming each field whose status or values differ between reports a and b."""
    out = []
    for name in a.fields:
        fa, fb = a.fields[name], b.fields[name]
        va, vb = value_keys(fa.values), value_keys(fb.values)
        if fa.status == fb.status and va == vb:
            continue
        line = f"    {name}: {fa.status} -> {fb.status}" if fa.status != fb.status else f"    {name}: {fa.status}"
        only_a = sorted(va - vb)
        only_b = sorted(vb - va)
        if only_a:
            line += f"; only pdfplumber: {'; '.join(only_a)[:300]}"
        if only_b:
            line += f"; only pdfium: {'; '.join(only_b)[:300]}"
        out.append(line)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pdfs", type=Path, default=SHARED / "pdfs")
    ap.add_argument("--show-text", action="store_true", help="print a sample of text only one engine read")
    args = ap.parse_args(argv)
    pdfs = sorted(args.pdfs.glob("*.pdf"))
    if not pdfs:
        sys.stderr.write(f"engines: no PDFs in {args.pdfs}\n")
        return 2
    import extractor
    from extractor.nlp import get_nlp
    from extractor.pipeline import read_document

    get_nlp()
    extractor.extract_text("Warm-up sentence trained on a GPU.")
    times = {e: [] for e in ENGINES}
    n_same = n_fields_diff = 0
    for path in pdfs:
        reports = {}
        for engine in ENGINES:
            t0 = time.perf_counter()
            try:
                reports[engine] = extractor.extract(path, engine=engine)
            except extractor.ExtractorError as exc:
                reports[engine] = exc
            times[engine].append(time.perf_counter() - t0)
        a, b = reports["pdfplumber"], reports["pdfium"]
        head = (f"{path.name}: {getattr(a, 'pages', None) or '?'} pages, "
                f"pdfplumber {times['pdfplumber'][-1]:.2f} s, pdfium {times['pdfium'][-1]:.2f} s")
        if isinstance(a, Exception) or isinstance(b, Exception):
            print(f"{head}\n    pdfplumber: {a if isinstance(a, Exception) else 'ok'}; "
                  f"pdfium: {b if isinstance(b, Exception) else 'ok'}")
            continue
        diffs = field_differences(a, b)
        extra = []
        if a.title != b.title:
            extra.append(f"    title: {a.title!r} -> {b.title!r}")
        if a.doi != b.doi:
            extra.append(f"    doi: {a.doi!r} -> {b.doi!r}")
        if a.warnings != b.warnings:
            extra.append(f"    warnings: {a.warnings} -> {b.warnings}")
        if not diffs and not extra:
            n_same += 1
            print(f"{head}: same findings")
            continue
        n_fields_diff += len(diffs)
        print(f"{head}: {len(diffs)} field(s) differ")
        for line in diffs + extra:
            print(line)
        if args.show_text:
            ta = [bl.text for bl in read_document(path, engine="pdfplumber").blocks]
            tb = [bl.text for bl in read_document(path, engine="pdfium").blocks]
            lines = [ln for ln in difflib.unified_diff(ta, tb, lineterm="", n=0) if ln[:1] in "+-" and ln[:3] not in ("---", "+++")]
            for ln in lines[:8]:
                print(f"      {ln[:160]}")
    print(f"\n{len(pdfs)} PDFs: {n_same} with the same findings (statuses, values, title, DOI, warnings); "
          f"{n_fields_diff} differing fields in the others")
    for engine in ENGINES:
        print(f"{engine:>10}: median {statistics.median(times[engine]):.3f} s per paper, "
              f"total {sum(times[engine]):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
