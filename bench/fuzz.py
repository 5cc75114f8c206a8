"""Fuzz the PDF reading and extraction with mutated copies of real PDFs.

Usage:  python bench/fuzz.py [--minutes 10] [--pdfs ../shared/pdfs] [--timeout 120]
                             [--stage extract|read] [--seed 1] [--log fuzz-failures.jsonl]
        python bench/fuzz.py --replay SEED --source NAME.pdf [--save mutant.pdf]

Each mutant is one source PDF with one to three damages, chosen and placed by a
``random.Random(seed)``: byte flips, a truncation, zeroed or shuffled bytes inside a
``stream ... endstream`` body, a deleted ``endobj``, a changed xref offset or
``startxref``, a wrong ``/Length``, a duplicated or deleted chunk, deeply nested arrays.
It is run in a worker process (spaCy loaded once) with its own time limit, and sorted:

* ``ok``        a report that passes the report contract and reads back with yaml.safe_load;
* ``rejected``  the tool's own ReadError (one clear line; the expected outcome for junk);
* ``crash``     any other exception, or the worker died (signal, out of memory);
* ``hang``      no answer within ``--timeout`` seconds (the worker is killed and restarted);
* ``contract``  a report was made but breaks the contract or does not round-trip.

Failures are appended to ``--log`` as JSON lines (seed, source, mutations, outcome,
detail) -- never the files: ``--replay SEED --source NAME`` rebuilds the exact mutant.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import select
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import List, Optional, Tuple

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
FAILURES = ("crash", "hang", "contract")

# ---------------------------------------------------------------------------
# Mutations: each takes (data, rng) and returns (new data, description)

_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) n")
_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_LENGTH = re.compile(rb"/Length (\d+)")


def _span(rng: random.Random, n: int, most: int) -> Tuple[int, int]:
    start = rng.randrange(max(n, 1))
    return start, min(n, start + rng.randint(1, max(1, most)))


def flip_bytes(data: bytes, rng: random.Random) -> Tuple[bytes, str]:
    out = bytearray(data)
    k = rng.randint(1, 32)
    for _ in range(k):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out), f"flip {k} bits"


def truncate(data: bytes, rng: random.Random) -> Tuple[bytes, str]:
    cut = rng.randrange(1, len(data))
    return data[:cut], f"truncate at {cut}/{len(data)}"


def _pick_stream(data: bytes, rng: random.Random):
    streams = [m for m in _STREAM.finditer(data) if m.end(1) > m.start(1)]
    return rng.choice(streams) if streams else None


def zero_stream(data: bytes, rng: random.Random) -> Tuple[bytes, str]:
    m = _pick_stream(data, rng)
    if m is None:
        return flip_bytes(data, rng)
    a, b = m.start(1), m.end(1)
    s, e = _span(rng, b - a, 512)
    return data[:a + s] + bytes(e - s) + data[a + e:], f"zero {e - s} bytes in stream at {a}"


def shuffle_stream(data: bytes, rng: random.Random) -> Tuple[bytes, str]:
    m = _pick_stream(data, rng)
    if m is None:
        return flip_bytes(data, rng)
    a, b = m.start(1), m.end(1)
    s, e = _span(rng, b - a, 256)
    chunk = bytearray(data[a + s:a + e])
    rng.shuffle(chunk)
    return data[:a + s] + bytes(chunk) + data[a + e:], f"shuffle {e - s} bytes in stream at {a}"


def delete_endobj(data: bytes, rng: random.Random) -> Tuple[bytes, str]:
    spots = [m.start() for m in re.finditer(rb"endobj", data)]
    if not spots:
        return flip_bytes(data, rng)
    i = rng.choice(spots)
    return data[:i] + data[i + 6:], f"delete endobj at {i}"


def change_xref(data: bytes, rng: random.Random) -> Tuple[bytes, str]:
    entries = list(_XREF_ENTRY.finditer(data))
    if entries and rng.random() < 0.7:
        m = rng.choice(entries)
        new = rng.choice([0, int(m.group(1)) + rng.randint(-50, 50), rng.randrange(10 ** 9)])
        new = max(new, 0)
        return (data[:m.start(1)] + b"%010d" % new + data[m.end(1):],
                f"xref entry at {m.start()} -> {new}")
    starts = list(_STARTXREF.finditer(data))
    if not starts:
        return flip_bytes(data, rng)
    m = rng.choice(starts)
    new = rng.choice([0, rng.randrange(len(data)), len(data) * 2])
    return data[:m.start(1)] + str(new).encode() + data[m.end(1):], f"startxref at {m.start()} -> {new}"


def change_length(data: bytes, rng: random.Random) -> Tuple[bytes, str]:
    lengths = list(_LENGTH.finditer(data))
    if not lengths:
        return flip_bytes(data, rng)
    m = rng.choice(lengths)
    new = rng.choice([0, int(m.group(1)) // 2, int(m.group(1)) * 3 + 17, 2 ** 31])
    return data[:m.start(1)] + str(new).encode() + data[m.end(1):], f"/Length at {m.start()} -> {new}"


def duplicate_chunk(data: bytes, rng: random.Random) -> Tuple[bytes, str]:
    s, e = _span(rng, len(data), 4096)
    at = rng.randrange(len(data))
    return data[:at] + data[s:e] + data[at:], f"copy bytes {s}:{e} to {at}"


def delete_chunk(data: bytes, rng: random.Random) -> Tuple[bytes, str]:
    s, e = _span(rng, len(data), 4096)
    return data[:s] + data[e:], f"delete bytes {s}:{e}"


def nest_arrays(data: bytes, rng: random.Random) -> Tuple[bytes, str]:
    """Deep nesting where an object or content stream begins (recursion limits)."""
    spots = [m.end() for m in re.finditer(rb"\d+ \d+ obj\s*", data)] or [rng.randrange(len(data))]
    at = rng.choice(spots)
    depth = rng.choice([200, 2000, 20000])
    return data[:at] + b"[" * depth + data[at:], f"{depth} nested [ at {at}"


MUTATIONS = (flip_bytes, truncate, zero_stream, shuffle_stream, delete_endobj, change_xref,
             change_length, duplicate_chunk, delete_chunk, nest_arrays)


def mutate(data: bytes, seed: int) -> Tuple[bytes, List[str]]:
    """The mutant for ``seed``: the same bytes and description every time."""
    rng = random.Random(seed)
    notes = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        fn = rng.choice(MUTATIONS)
        data, note = fn(data, rng)
        notes.append(f"{fn.__name__}: {note}")
        if not data:
            break
    return data, notes


# ---------------------------------------------------------------------------
# The worker: one process, spaCy loaded once, one JSON line per job


def worker() -> None:
    proto = sys.stdout
    sys.stdout = sys.stderr  # nothing else may write on the protocol channel
    sys.path.insert(0, str(HERE.parent))
    import yaml

    import extractor
    from extractor.errors import ReadError
    from extractor.nlp import get_nlp
    from extractor.reading.pdf import read_pdf
    from extractor.report import check_report

    get_nlp()
    proto.write("ready\n")
    proto.flush()
    for line in sys.stdin:
        job = json.loads(line)
        try:
            if job["stage"] == "read":
                read_pdf(job["path"])
                answer = {"outcome": "ok"}
            else:
                report = extractor.extract(job["path"])
                text = report.to_yaml()
                back = yaml.safe_load(text)
                check_report(back)
                answer = {"outcome": "ok"}
        except ReadError as exc:
            answer = {"outcome": "rejected", "detail": exc.cause}
        except Exception as exc:
            kind = "contract" if type(exc).__name__ == "ContractError" else "crash"
            tb = traceback.extract_tb(exc.__traceback__)
            where = "; ".join(f"{Path(f.filename).name}:{f.lineno}" for f in tb[-4:])
            answer = {"outcome": kind, "detail": f"{type(exc).__name__}: {str(exc)[:300]} @ {where}"}
        proto.write(json.dumps(answer) + "\n")
        proto.flush()


class Worker:
    def __init__(self, memory_mb: int):
        self.memory_mb = memory_mb
        self.proc: Optional[subprocess.Popen] = None

    def start(self) -> None:
        limit = self.memory_mb * 1024 * 1024

        def limit_memory():  # runs in the child before exec
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, preexec_fn=limit_memory, cwd=str(HERE.parent),
        )
        if self._readline(300) != "ready":
            raise SystemExit("fuzz: the worker did not start")

    def _readline(self, timeout: float) -> Optional[str]:
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.proc.stdout.readline()
        return line.strip() if line else ""

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()  # only the worker this object started
            self.proc.wait()
        self.proc = None

    def run(self, path: str, stage: str, timeout: float) -> dict:
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        try:
            self.proc.stdin.write(json.dumps({"path": path, "stage": stage}) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            self.stop()
            return {"outcome": "crash", "detail": "worker died before the job"}
        line = self._readline(timeout)
        if line is None:
            self.stop()
            return {"outcome": "hang", "detail": f"no answer in {timeout:.0f} s"}
        if not line:
            code = self.proc.wait()
            self.proc = None
            return {"outcome": "crash", "detail": f"worker died (exit code {code})"}
        return json.loads(line)


# ---------------------------------------------------------------------------


def _sources(folder: Path) -> List[Path]:
    return sorted(folder.glob("*.pdf"))


def replay(args) -> int:
    source = args.pdfs / args.source
    data, notes = mutate(source.read_bytes(), args.replay)
    print(f"seed {args.replay} on {args.source}: " + "; ".join(notes))
    target = Path(args.save) if args.save else Path(tempfile.mkdtemp()) / "mutant.pdf"
    target.write_bytes(data)
    print(f"mutant written to {target} (sha256 {hashlib.sha256(data).hexdigest()[:16]})")
    w = Worker(args.memory_mb)
    try:
        print(json.dumps(w.run(str(target), args.stage, args.timeout)))
    finally:
        w.stop()
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=10.0, help="how long to fuzz (default 10)")
    ap.add_argument("--pdfs", type=Path, default=SHARED / "pdfs", help="folder of source PDFs")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per mutant before it counts as a hang")
    ap.add_argument("--stage", choices=("extract", "read"), default="extract",
                    help="extract: the whole pipeline and the report contract; read: the PDF reader only")
    ap.add_argument("--seed", type=int, default=1, help="first seed; mutant i uses seed+i")
    ap.add_argument("--log", default="fuzz-failures.jsonl", help="failures are appended here (JSON lines)")
    ap.add_argument("--memory-mb", type=int, default=3072, help="address-space limit of the worker")
    ap.add_argument("--replay", type=int, metavar="SEED", help="rebuild and run one mutant")
    ap.add_argument("--source", help="with --replay: the source PDF's file name")
    ap.add_argument("--save", help="with --replay: where to write the mutant")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker()
        return 0
    if args.replay is not None:
        if not args.source:
            ap.error("--replay needs --source")
        return replay(args)

    sources = _sources(args.pdfs)
    if not sources:
        print(f"fuzz: no PDFs in {args.pdfs}", file=sys.stderr)
        return 2
    blobs = {p.name: p.read_bytes() for p in sources}
    names = sorted(blobs)
    counts: Counter = Counter()
    causes: Counter = Counter()
    tmpdir = Path(tempfile.mkdtemp(prefix="extractor-fuzz-"))
    mutant_path = tmpdir / "mutant.pdf"
    w = Worker(args.memory_mb)
    t0 = time.monotonic()
    deadline = t0 + 60 * args.minutes
    seed = args.seed
    try:
        w.start()
        while time.monotonic() < deadline:
            name = names[seed % len(names)]
            data, notes = mutate(blobs[name], seed)
            mutant_path.write_bytes(data)
            answer = w.run(str(mutant_path), args.stage, args.timeout)
            outcome = answer["outcome"]
            counts[outcome] += 1
            if outcome == "rejected":
                causes[re.sub(r"\d+", "N", answer.get("detail", ""))[:70]] += 1
            if outcome in FAILURES:
                record = {"seed": seed, "source": name, "stage": args.stage, "mutations": notes,
                          "outcome": outcome, "detail": answer.get("detail", "")}
                with open(args.log, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps(record) + "\n")
                print(f"{outcome}: seed {seed} {name}: {answer.get('detail', '')[:160]}", flush=True)
            seed += 1
    except KeyboardInterrupt:
        pass
    finally:
        w.stop()
        mutant_path.unlink(missing_ok=True)
        tmpdir.rmdir()
    minutes = (time.monotonic() - t0) / 60
    total = sum(counts.values())
    print(f"\n{total} mutants in {minutes:.1f} min (stage {args.stage}, seeds {args.seed}..{seed - 1}, "
          f"timeout {args.timeout:.0f} s)")
    for outcome in ("ok", "rejected", "crash", "hang", "contract"):
        print(f"  {outcome:<9} {counts[outcome]}")
    if causes:
        print("most common rejections:")
        for cause, n in causes.most_common(8):
            print(f"  {n:>5}  {cause}")
    failed = sum(counts[o] for o in FAILURES)
    if failed:
        print(f"{failed} failures logged to {args.log} (replay: --replay SEED --source NAME)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
