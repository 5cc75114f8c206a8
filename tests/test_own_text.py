"""The project contains only text its authors wrote.

No line of a tracked text file (outside ``corpora/``, which has its own check) may
share a run of 8 words with the real papers in the shared corpus. Words are the
lower-case alphanumeric runs of a line, so punctuation and case do not hide a copy.
Skipped when the shared corpus or git is not available (e.g. an installed package).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CORPUS = Path("/work/shared/corpus/ecoinf_passages.jsonl")
ROOT = Path(__file__).resolve().parents[1]
RUN = 8
EXTENSIONS = (".py", ".yml", ".yaml", ".md", ".txt", ".cfg")
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list:
    return _WORD.findall(text.lower())


def runs(text: str) -> set:
    w = words(text)
    return {" ".join(w[i:i + RUN]) for i in range(len(w) - RUN + 1)}


def shared_runs(line: str, shingles: set) -> list:
    return sorted(r for r in runs(line) if r in shingles)


@pytest.fixture(scope="module")
def shingles() -> set:
    if not CORPUS.is_file():
        pytest.skip(f"shared corpus not found: {CORPUS}")
    found = set()
    with CORPUS.open(encoding="utf-8") as fh:
        for raw in fh:
            if raw.strip():
                for chunk in json.loads(raw).get("chunks", []):
                    found |= runs(chunk)
    assert found, f"no {RUN}-word runs read from {CORPUS}"
    return found


def tracked_text_files() -> list:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, text=True, check=True).stdout
    return [f for f in out.split("\0") if f and not f.startswith("corpora/") and f.endswith(EXTENSIONS)]


def test_the_check_flags_a_line_taken_from_the_corpus(shingles):
    # built at run time from the corpus, so the repository holds no copied text
    with CORPUS.open(encoding="utf-8") as fh:
        chunk = next(c for raw in fh if raw.strip() for c in json.loads(raw).get("chunks", [])
                     if len(words(c)) >= RUN)
    line = "- text: \"" + " ".join(w.upper() for w in words(chunk)[:RUN]) + ".\""
    assert shared_runs(line, shingles)
    assert not shared_runs("Our own sentence about a GPU, written for the tests of this project.", shingles)


def test_no_tracked_line_shares_an_8_word_run_with_the_corpus(shingles):
    files = tracked_text_files()
    assert any(f.startswith("rules/") for f in files) and any(f.startswith("tests/") for f in files), files[:5]
    bad = []
    for name in files:
        try:
            text = (ROOT / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # deleted in the worktree or not text
        for number, line in enumerate(text.split("\n"), 1):
            hits = shared_runs(line, shingles)
            if hits:
                bad.append(f"{name}:{number}: {line.strip()[:120]}  [shares: {hits[0]!r}]")
    assert not bad, f"{len(bad)} line(s) share a {RUN}-word run with the real papers; rewrite them:\n" + "\n".join(bad)


def test_the_writers_overlap_script_flags_a_copied_line_and_passes_our_own(shingles, tmp_path):
    import importlib.util
    spec = importlib.util.spec_from_file_location("overlap_files", ROOT / "bench" / "overlap_files.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    with CORPUS.open(encoding="utf-8") as fh:
        chunk = next(c for raw in fh if raw.strip() for c in json.loads(raw).get("chunks", [])
                     if len(words(c)) >= RUN)
    copied = tmp_path / "copied.yml"
    copied.write_text("- text: " + " ".join(words(chunk)[:RUN + 2]) + "\n", encoding="utf-8")
    own = tmp_path / "own.yml"
    own.write_text("- text: Our own sentence about a GPU, written for the tests of this project.\n", encoding="utf-8")
    assert tool.main([str(copied)]) == 1
    assert tool.main([str(own)]) == 0
    assert tool.main([str(tmp_path / "missing.yml")]) == 2
