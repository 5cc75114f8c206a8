"""Many inputs: folders, one report per input, progress and ``summary.csv``.

A failure in one input never stops the batch: it is reported on one line and as a row
of ``summary.csv``, and the other inputs still get their reports.
"""
from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, TextIO

from .errors import ExtractorError
from .fields import covered_fields

INPUT_SUFFIXES = (".pdf", ".txt", ".md")


def expand_inputs(paths: Iterable[str]) -> List[Path]:
    """Files as given, and the .pdf/.txt/.md files below folders, in a stable order."""
    out: List[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = [q for q in p.rglob("*") if q.suffix.lower() in INPUT_SUFFIXES and q.is_file()]
            out.extend(sorted(found, key=lambda q: str(q.relative_to(p)).lower()))
        else:
            out.append(p)
    return out


def output_names(inputs: Sequence[Path], suffix: str) -> Dict[Path, str]:
    """A distinct, safe file name per input: ``paper.pdf`` -> ``paper.yaml``."""
    names: Dict[Path, str] = {}
    used = set()
    for p in inputs:
        stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in p.stem).strip(".") or "input"
        name = f"{stem}{suffix}"
        n = 2
        while name.lower() in used:
            name = f"{stem}-{n}{suffix}"
            n += 1
        used.add(name.lower())
        names[p] = name
    return names


def write_atomic(path: Path, text: str) -> None:
    """Writes via a temporary file in the same folder, then renames: no half-written reports."""
    fd, tmp = tempfile.mkstemp(dir=str(path.parent), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@dataclass
class Outcome:
    source: str
    report_file: Optional[str] = None
    error: Optional[str] = None
    statuses: Dict[str, str] = field(default_factory=dict)
    title: Optional[str] = None
    text: Optional[str] = None  # the rendered report, when it was not written to a file


class Progress:
    """Progress on stderr: a redrawn bar on a terminal, a plain line every 5% in a log."""

    def __init__(self, total: int, stream: Optional[TextIO] = None, enabled: bool = True,
                 tty: Optional[bool] = None):
        self.total = total
        self.stream = stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.tty = stream.isatty() if tty is None else tty
        self.done = 0
        self._step_lines = max(1, total // 20)

    def step(self, label: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self.tty:
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            name = label if len(label) <= 40 else "..." + label[-37:]
            self.stream.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total} {name:<40}")
        elif self.done % self._step_lines == 0 or self.done == self.total:
            self.stream.write(f"extractor: {self.done}/{self.total} inputs done\n")
        self.stream.flush()

    def message(self, text: str) -> None:
        """A line (an error) that must not be drawn over by the bar."""
        if self.enabled and self.tty and self.done:
            self.stream.write("\n")
        self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()


def process_one(path: Path, out_file: Optional[Path], fmt: str, force: bool,
                engine: str = "pdfplumber") -> Outcome:
    """Extracts one input and writes its report; never raises for a bad input."""
    from .pipeline import extract

    outcome = Outcome(source=str(path))
    try:
        if out_file is not None and out_file.exists() and not force:
            raise ExtractorError(f"{out_file}: report exists already; use --force to overwrite it")
        report = extract(path, engine=engine)
        text = report.to_yaml() if fmt == "yaml" else report.to_json()
        if out_file is not None:
            write_atomic(out_file, text)
            outcome.report_file = out_file.name
        else:
            outcome.text = text
        outcome.statuses = {name: res.status for name, res in report.fields.items()}
        outcome.title = report.title
    except ExtractorError as exc:
        outcome.error = str(exc)
    except MemoryError:
        outcome.error = f"{path}: out of memory"
    except Exception as exc:  # a bug must not stop the batch; say what it was
        outcome.error = f"{path}: internal error ({type(exc).__name__}: {exc})".replace("\n", " ")
    return outcome


def summary_csv(outcomes: Sequence[Outcome], fields: Optional[Sequence[str]] = None) -> str:
    fields = tuple(fields) if fields is not None else covered_fields()
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["source", "report", "error", *fields])
    for o in outcomes:
        writer.writerow([o.source, o.report_file or "", o.error or "",
                         *[o.statuses.get(f, "") for f in fields]])
    return buf.getvalue()


def run_batch(inputs: Sequence[Path], out_dir: Path, fmt: str = "yaml", force: bool = False,
              progress: Optional[Progress] = None,
              on_error: Optional[Callable[[str], None]] = None, engine: str = "pdfplumber") -> List[Outcome]:
    """One report per input in ``out_dir`` plus ``summary.csv``; returns the outcomes in input order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = ".yaml" if fmt == "yaml" else ".json"
    names = output_names(inputs, suffix)
    outcomes: List[Outcome] = []
    for path in inputs:
        outcome = process_one(path, out_dir / names[path], fmt, force, engine)
        outcomes.append(outcome)
        if progress is not None:
            progress.step(path.name)
        if outcome.error and on_error is not None:
            on_error(outcome.error)
    if progress is not None:
        progress.close()
    write_atomic(out_dir / "summary.csv", summary_csv(outcomes))
    return outcomes
