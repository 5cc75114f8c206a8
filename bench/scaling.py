"""How a batch scales with --jobs: wall time of ``run_batch`` over the shared PDFs.

Usage:  python bench/scaling.py [--pdfs ../shared/pdfs] [--jobs 1 2] [--repeat 3] [--min-pages 5]

Each run writes to a fresh, empty out folder. Runs alternate between the --jobs values
(1, 2, 1, 2, ...) so that a burst of load from other processes on a shared machine hits
both alike; the speed-up is computed per round and summarised by the median. One small
warm-up batch first starts the workers' fork server (which builds the spaCy pipeline
once per process), so every timed run pays only its own forks, as a long batch would.

``scaling(paths, jobs_list)`` returns the figures for bench/speed.py to print.
"""
from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def timed_job(log: str, source: str, fmt: str, options=None):
    """``compute_one`` that appends ``pid, CPU seconds`` of each paper to ``log``."""
    from extractor.batch import compute_one

    t0 = time.process_time()
    outcome = compute_one(source, fmt, options)
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\t{time.process_time() - t0:.3f}\n")
    return outcome


def _one_run(paths: Sequence[Path], jobs: int) -> Tuple[float, float, float]:
    """Wall seconds, CPU seconds of all papers, and the busiest worker's CPU seconds."""
    from extractor.batch import run_batch

    with tempfile.TemporaryDirectory(prefix=f"scaling-j{jobs}-") as tmp:
        log = Path(tmp) / "cpu.log"
        log.touch()
        t0 = time.perf_counter()
        outcomes = run_batch(list(paths), Path(tmp) / "out", jobs=jobs, timeout=0,
                             job=functools.partial(timed_job, str(log)))
        seconds = time.perf_counter() - t0
        per_worker: Dict[str, float] = {}
        for line in log.read_text(encoding="utf-8").splitlines():
            pid, cpu = line.split("\t")
            per_worker[pid] = per_worker.get(pid, 0.0) + float(cpu)
    failed = [o.error for o in outcomes if o.error]
    if len(failed) == len(outcomes):
        raise RuntimeError(f"every input failed, e.g. {failed[0]}")
    return seconds, sum(per_worker.values()), max(per_worker.values(), default=0.0)


def warm_up() -> None:
    """Starts the fork server (pipeline built once) outside the timed runs."""
    from extractor.batch import run_batch

    with tempfile.TemporaryDirectory(prefix="scaling-warm-") as tmp:
        paper = Path(tmp) / "warm.txt"
        paper.write_text("The network was trained on one GPU.\n", encoding="utf-8")
        run_batch([paper], Path(tmp) / "out", jobs=1, timeout=0)


def scaling(paths: Sequence[Path], jobs_list: Sequence[int] = (1, 2), repeat: int = 1) -> Dict[str, object]:
    """Wall seconds of a batch over ``paths`` per --jobs value, and the speed-up over the first.

    Returns ``{"inputs": n, "runs": {jobs: [wall s, ...]}, "median": {jobs: wall s},
    "speedup": {jobs: median of per-round wall ratios first/jobs}, "cpu": {jobs: [CPU s of
    all papers, ...]}, "busiest": {jobs: [CPU s of the busiest worker, ...]},
    "cpu_speedup": {jobs: median of (CPU s of the first) / (busiest worker's CPU s)}}``.

    ``cpu_speedup`` is what the wall speed-up would be with a free core per worker and no
    contention between them (the busiest worker's CPU time bounds the batch); it is
    the figure to read on a machine shared with other sessions, where the scheduler
    gives a session a fixed share of the CPUs however many processes it runs.
    """
    warm_up()
    runs: Dict[int, List[float]] = {j: [] for j in jobs_list}
    cpu: Dict[int, List[float]] = {j: [] for j in jobs_list}
    busiest: Dict[int, List[float]] = {j: [] for j in jobs_list}
    for _ in range(repeat):
        for jobs in jobs_list:
            wall, total, top = _one_run(paths, jobs)
            runs[jobs].append(wall)
            cpu[jobs].append(total)
            busiest[jobs].append(top)
    base = jobs_list[0]
    return {
        "inputs": len(paths),
        "runs": runs,
        "median": {j: statistics.median(v) for j, v in runs.items()},
        "speedup": {j: statistics.median(b / t for b, t in zip(runs[base], runs[j])) for j in jobs_list},
        "cpu": cpu,
        "busiest": busiest,
        "cpu_speedup": {j: statistics.median(b / t for b, t in zip(cpu[base], busiest[j])) for j in jobs_list},
    }


def full_papers(folder: Path, min_pages: int) -> List[Path]:
    """The PDFs of ``folder`` with at least ``min_pages`` pages (manifest.csv's n_pages, else counted)."""
    import csv

    counts: Dict[str, int] = {}
    manifest = folder / "manifest.csv"
    if manifest.exists():
        with open(manifest, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if (row.get("n_pages") or "").isdigit():
                    counts[row["file"]] = int(row["n_pages"])
    out = []
    for path in sorted(folder.glob("*.pdf")):
        if path.name not in counts:
            import pdfplumber

            with pdfplumber.open(path) as pdf:
                counts[path.name] = len(pdf.pages)
        if counts[path.name] >= min_pages:
            out.append(path)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pdfs", type=Path, default=SHARED / "pdfs")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--min-pages", type=int, default=5,
                    help="only full papers of at least this many pages (default: 5; 0: every PDF)")
    args = ap.parse_args(argv)
    paths = full_papers(args.pdfs, args.min_pages) if args.pdfs.is_dir() else []
    if not paths:
        sys.stderr.write(f"scaling: no PDFs in {args.pdfs}; skipped\n")
        return 0
    from extractor.workers import cpu_count

    figures = scaling(paths, args.jobs, args.repeat)
    print(f"{figures['inputs']} PDFs from {args.pdfs}, {cpu_count()} CPUs, {args.repeat} round(s), "
          f"jobs alternating; wall seconds per run:")
    for jobs in args.jobs:
        runs = " ".join(f"{s:7.1f}" for s in figures["runs"][jobs])
        print(f"  --jobs {jobs}: {runs}   median {figures['median'][jobs]:7.1f}   "
              f"speed-up {figures['speedup'][jobs]:.2f}x")
    print("CPU seconds of all papers / of the busiest worker, and the speed-up those allow "
          "(free cores, no contention):")
    for jobs in args.jobs:
        pairs = " ".join(f"{c:6.1f}/{b:6.1f}" for c, b in zip(figures["cpu"][jobs], figures["busiest"][jobs]))
        print(f"  --jobs {jobs}: {pairs}   speed-up {figures['cpu_speedup'][jobs]:.2f}x")
    if hasattr(os, "getloadavg"):
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"load average at the end: {load} (other processes share these CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
