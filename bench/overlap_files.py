"""Overlap check for files written for the project (probe sets, corpora, docs).

Usage: python bench/overlap_files.py FILE [FILE ...]

Prints every line of the given files that shares a run of 8 consecutive words (lower-case
alphanumeric runs) with the real papers of the shared corpus, then "N line(s) flagged".
Rewrite any flagged line in your own words. Blind probe writers run it instead of reading
the corpus themselves. It uses the same words and runs as tests/test_own_text.py, which
applies the check to every tracked file. Exit code 0 when nothing is flagged, 1 when a
line is, 2 when the corpus or a file cannot be read (the other files are still checked).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.test_own_text import CORPUS, runs  # noqa: E402  (one definition of a shared run)


def corpus_runs() -> set:
    found: set = set()
    with CORPUS.open(encoding="utf-8") as fh:
        for raw in fh:
            if raw.strip():
                for chunk in json.loads(raw).get("chunks", []):
                    found |= runs(chunk)
    return found


def main(argv) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        shingles = corpus_runs()
    except OSError as exc:
        print(f"overlap_files: cannot read the corpus {CORPUS}: {exc}", file=sys.stderr)
        return 2
    flagged = unreadable = 0
    for name in argv:
        try:
            lines = Path(name).read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"overlap_files: cannot read {name}: {exc}", file=sys.stderr)
            unreadable += 1
            continue  # the other files are still checked
        for number, line in enumerate(lines, 1):
            hits = sorted(runs(line) & shingles)
            if hits:
                flagged += 1
                print(f"{name}:{number}: {hits[0]!r}: {line.strip()[:160]}")
    print(f"{flagged} line(s) flagged")
    return 2 if unreadable else 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
