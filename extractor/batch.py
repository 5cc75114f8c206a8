"""Many inputs: folders, one report per input, progress and ``summary.csv``.

A failure in one input never stops the batch: it is reported on one line and as a row
of ``summary.csv``, and the other inputs still get their reports.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, TextIO

import yaml

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


MAX_STEM_BYTES = 120  # file names stay far below the usual 255-byte limit, even with a temp prefix


def safe_stem(raw: str) -> str:
    """A file-name stem that cannot leave a folder: letters, digits, ``-``, ``_``, ``.`` only.

    Path separators, ``..``, control characters and spaces become ``_``; leading and
    trailing dots go (no hidden files, no ``..``); Unicode is NFC-normalised and the
    stem is cut to :data:`MAX_STEM_BYTES` bytes of UTF-8.
    """
    text = unicodedata.normalize("NFC", raw)
    stem = "".join(c if (c.isalnum() or c in "-_.") and c.isprintable() else "_" for c in text).strip(".")
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1]
    stem = stem.strip(".")
    return stem or "input"


def output_names(inputs: Sequence[Path], suffix: str) -> Dict[Path, str]:
    """A distinct, safe file name per input: ``paper.pdf`` -> ``paper.yaml``; see :func:`output_name_list`."""
    return dict(zip(inputs, output_name_list(inputs, suffix)))


def output_name_list(inputs: Sequence[Path], suffix: str) -> List[str]:
    """A distinct, safe file name per input, in input order (an input given twice gets two).

    Names that would clash (``a/paper.pdf`` and ``b/Paper.txt``, or two names that
    sanitise alike) get ``-2``, ``-3``... in input order; comparison ignores case, so the
    names stay distinct on case-insensitive file systems too.
    """
    names: List[str] = []
    used = {"summary.csv"}
    for p in inputs:
        stem = safe_stem(p.stem)
        name = f"{stem}{suffix}"
        n = 2
        while name.lower() in used:
            name = f"{stem}-{n}{suffix}"
            n += 1
        used.add(name.lower())
        names.append(name)
    return names


def write_atomic(path: Path, text: str) -> None:
    """Writes via a temporary file in the same folder, then renames: no half-written reports."""
    fd, tmp = tempfile.mkstemp(dir=str(path.parent), prefix=f".{path.name}.", suffix=".tmp")
    try:
        # backslashreplace: a file name that is not valid UTF-8 reaches us with lone
        # surrogates; they are written as \udcff escapes instead of failing the batch.
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


DEFAULT_TIMEOUT = 300.0  # seconds per paper in a batch; 0 = no limit

WRITTEN, RESUMED, FAILED = "written", "resumed", "failed"


@dataclass
class Outcome:
    source: str
    report_file: Optional[str] = None
    error: Optional[str] = None
    statuses: Dict[str, str] = field(default_factory=dict)
    title: Optional[str] = None
    text: Optional[str] = None  # the rendered report, when it was not written to a file
    state: Optional[str] = None  # written | resumed | failed, for summary.csv

    @property
    def outcome(self) -> str:
        return self.state or (FAILED if self.error else WRITTEN)


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


def _report_outcome(outcome: Outcome, report) -> None:
    outcome.statuses = {name: res.status for name, res in report.fields.items()}
    outcome.title = report.title


def _guarded(path: Path, outcome: Outcome, work: Callable[[], None]) -> Outcome:
    """Runs ``work``; a bad input or a bug becomes ``outcome.error`` (one line), never an exception."""
    try:
        work()
    except ExtractorError as exc:
        outcome.error = str(exc)
    except MemoryError:
        outcome.error = f"{path}: out of memory"
    except Exception as exc:  # a bug must not stop the batch; say what it was
        outcome.error = f"{path}: internal error ({type(exc).__name__}: {exc})".replace("\n", " ")
    return outcome


def process_one(path: Path, out_file: Optional[Path], fmt: str, force: bool,
                options: Optional[Dict[str, Any]] = None) -> Outcome:
    """Extracts one input in this process and writes its report; never raises for a bad input.
    ``options``: keyword arguments of :func:`extractor.pipeline.extract` (engine, ner)."""
    from .pipeline import extract

    outcome = Outcome(source=str(path))

    def work() -> None:
        if out_file is not None and out_file.exists() and not force:
            raise ExtractorError(f"{out_file}: report exists already; use --force to overwrite it")
        report = extract(path, **(options or {}))
        text = report.to_yaml() if fmt == "yaml" else report.to_json()
        if out_file is not None:
            write_atomic(out_file, text)
            outcome.report_file = out_file.name
        else:
            outcome.text = text
        _report_outcome(outcome, report)

    return _guarded(path, outcome, work)


def compute_one(source: str, fmt: str, options: Optional[Dict[str, Any]] = None) -> Outcome:
    """The job a worker runs: extracts one input and returns the rendered report in ``text``.
    ``options``: keyword arguments of :func:`extractor.pipeline.extract` (engine, ner).

    Writes nothing; the parent writes the report. Never raises for a bad input.
    """
    from .pipeline import extract

    path = Path(source)
    outcome = Outcome(source=source)

    def work() -> None:
        report = extract(path, **(options or {}))
        outcome.text = report.to_yaml() if fmt == "yaml" else report.to_json()
        _report_outcome(outcome, report)

    return _guarded(path, outcome, work)


def process_one_isolated(path: Path, out_file: Optional[Path], fmt: str, force: bool,
                         timeout: Optional[float], options: Optional[Dict[str, Any]] = None) -> Outcome:
    """:func:`process_one` in a worker process, killed after ``timeout`` seconds."""
    from .workers import WorkerPool

    if out_file is not None and out_file.exists() and not force:
        return Outcome(source=str(path), error=f"{out_file}: report exists already; use --force to overwrite it")
    results = WorkerPool(compute_one, jobs=1, timeout=timeout, initializer=init_worker).run([(str(path), fmt, options or {})])
    outcome: Outcome = Outcome(source=str(path), error=f"{path}: no result")
    for _, result in results:
        outcome = result if isinstance(result, Outcome) else Outcome(source=str(path), error=f"{path}: {result.cause}")
    if outcome.error is None and out_file is not None and outcome.text is not None:
        text, outcome.text = outcome.text, None
        try:
            write_atomic(out_file, text)
            outcome.report_file = out_file.name
        except OSError as exc:
            outcome.error = f"{out_file}: cannot be written: {exc.strerror or exc}"
    return outcome


def init_worker() -> None:
    """Run once in each worker process: builds the spaCy pipeline that every paper reuses."""
    from .nlp import get_nlp

    get_nlp()


def summary_csv(outcomes: Sequence[Outcome], fields: Optional[Sequence[str]] = None) -> str:
    """One row per input, in input order: source, report file, outcome, error, a status per field."""
    fields = tuple(fields) if fields is not None else covered_fields()
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["source", "report", "outcome", "error", *fields])
    for o in outcomes:
        writer.writerow([o.source, o.report_file or "", o.outcome, o.error or "",
                         *[o.statuses.get(f, "") for f in fields]])
    return buf.getvalue()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _read_report(out_file: Path, fmt: str) -> dict:
    text = out_file.read_text(encoding="utf-8")
    data = yaml.safe_load(text) if fmt == "yaml" else json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("document"), dict) \
            or not isinstance(data.get("fields"), dict):
        raise ValueError("not an extractor report")
    return data


def check_existing(path: Path, out_file: Path, fmt: str, force: bool, resume: bool) -> Optional[Outcome]:
    """Decides about an input whose report may exist already.

    ``None``: extract it. Otherwise the finished outcome: ``resumed`` (``resume`` and the
    report's recorded sha256 is the input's) or an error (the report exists and may not
    be overwritten without ``force``).
    """
    if not out_file.exists():
        return None
    outcome = Outcome(source=str(path))
    if not resume:
        if force:
            return None
        outcome.error = (f"{out_file}: report exists already; use --force to overwrite it "
                         "or --resume to keep reports of unchanged inputs")
        return outcome
    try:
        data = _read_report(out_file, fmt)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        if force:
            return None
        outcome.error = f"{out_file}: existing report cannot be read ({exc}); use --force to overwrite it"
        outcome.error = outcome.error.replace("\n", " ")
        return outcome
    try:
        sha = file_sha256(path)
    except OSError as exc:
        outcome.error = f"{path}: cannot be read: {exc.strerror or exc}"
        return outcome
    if data["document"].get("sha256") != sha:
        if force:
            return None
        outcome.error = (f"{out_file}: report was made from a different version of {path} "
                         "(sha256 differs); use --force to overwrite it")
        return outcome
    outcome.report_file = out_file.name
    outcome.state = RESUMED
    outcome.title = data["document"].get("title")
    outcome.statuses = {name: (value or {}).get("status", "") for name, value in data["fields"].items()
                        if isinstance(value, dict)}
    return outcome


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def run_batch(inputs: Sequence[Path], out_dir: Path, fmt: str = "yaml", force: bool = False,
              progress: Optional[Progress] = None,
              on_error: Optional[Callable[[str], None]] = None, *,
              jobs: int = 1, timeout: Optional[float] = DEFAULT_TIMEOUT, resume: bool = False,
              dask: Optional[str] = None, job: Optional[Callable[..., Outcome]] = None,
              options: Optional[Dict[str, Any]] = None) -> List[Outcome]:
    """One report per input in ``out_dir`` plus ``summary.csv``; returns the outcomes in input order.

    Every input is extracted in a worker process (``jobs`` of them; ``timeout`` seconds at
    most per input, ``0``/``None`` for no limit) or, with ``dask`` (a scheduler address or
    ``"local"``), as one task per input on a dask cluster. The parent writes each report
    as its result arrives; a worker that hangs or crashes fails only its input.
    ``resume`` keeps reports whose recorded sha256 matches their input. ``job`` replaces
    :func:`compute_one` (tests inject faults with it); it must be importable by name,
    as must the calling script's code: call this under ``if __name__ == "__main__":``.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = ".yaml" if fmt == "yaml" else ".json"
    names = output_name_list(inputs, suffix)
    root = out_dir.resolve()
    for name in names:  # output_name_list guarantees it; a broken guarantee must not write elsewhere
        if (root / name).resolve().parent != root:
            raise ExtractorError(f"{name}: report name would leave {out_dir}")
    outcomes: List[Optional[Outcome]] = [None] * len(inputs)

    def finish(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        if progress is not None:
            progress.step(inputs[index].name)
        if outcome.error and on_error is not None:
            on_error(outcome.error)

    todo: List[int] = []
    for index, path in enumerate(inputs):
        early = check_existing(path, out_dir / names[index], fmt, force, resume)
        if early is None:
            todo.append(index)
        else:
            finish(index, early)

    # largest inputs first, so that a long paper does not start last and leave the other
    # workers idle at the end; reports and summary.csv keep the input order all the same
    todo.sort(key=lambda i: -_size(inputs[i]))
    tasks = [(str(inputs[i]), fmt, dict(options or {})) for i in todo]
    job = job if job is not None else compute_one
    if dask:
        from .dask_batch import run_on_dask

        results = run_on_dask(dask, job, tasks, timeout=timeout, jobs=jobs, initializer=init_worker)
    else:
        from .workers import WorkerPool

        results = WorkerPool(job, jobs=jobs, timeout=timeout, initializer=init_worker).run(tasks)
    try:
        for task_index, result in results:
            index = todo[task_index]
            path = inputs[index]
            if not isinstance(result, Outcome):  # a Failure: the worker hung or died
                result = Outcome(source=str(path), error=f"{path}: {result.cause}")
            if result.error is None and result.text is not None:
                text, result.text = result.text, None
                try:
                    write_atomic(out_dir / names[index], text)
                    result.report_file = names[index]
                except OSError as exc:
                    result.error = f"{out_dir / names[index]}: cannot be written: {exc.strerror or exc}"
            finish(index, result)
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()
    if progress is not None:
        progress.close()
    done = [o for o in outcomes if o is not None]
    write_atomic(out_dir / "summary.csv", summary_csv(done))
    return done
