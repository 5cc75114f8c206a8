"""A small pool of worker processes that can be killed one at a time.

``concurrent.futures`` cannot stop one hung task, so extractor supervises its own
``multiprocessing`` processes: each worker runs an initializer once (building the spaCy
pipeline), then takes one task at a time over its own pipe. The parent waits on every
pipe and every process sentinel at once; a worker that runs past the time limit is
killed, one that dies (segfault, ``os._exit``, the out-of-memory killer) is noticed,
and either way its task is reported as failed in plain words and a fresh worker takes
its place. The other tasks go on.

Workers start from a fork server that has imported extractor and built the pipeline
already (``extractor._preload``), so a replacement costs a fork, not a fresh spaCy load.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait as _wait
from pathlib import Path
from typing import Any, Callable, Deque, Iterator, List, Optional, Sequence, Tuple

from .errors import ExtractorError


class WorkerStartError(ExtractorError):
    """No worker could start (for example the rule files are broken): the batch cannot run."""


@dataclass
class Failure:
    """A task that ended without a result: why, in plain words."""

    cause: str


def _cwd_shadows_package() -> bool:
    """True when the working directory holds another ``extractor`` folder than the one this
    package was imported from (a source checkout next to an installed copy). The fork server
    starts with the working directory first on its path (its ``sys_path`` is ignored up to
    Python 3.11), so it would import that folder instead; spawned workers take this process's
    path and do not."""
    here = Path(__file__).resolve().parent
    local = Path.cwd() / "extractor"
    try:
        return local.is_dir() and local.resolve() != here
    except OSError:
        return False


def default_context(preload: Sequence[str] = ("extractor._preload",)):
    """Fork server where the platform has one (cheap, safe restarts), spawn elsewhere.

    ``preload``: modules the fork server imports before it forks anything (it takes
    effect only when this process starts its fork server).
    """
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods and not _cwd_shadows_package():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(list(preload))
        return ctx
    return multiprocessing.get_context("spawn")


def seconds(value: float) -> str:
    """``300`` -> ``"300"``, ``0.5`` -> ``"0.5"``."""
    return f"{value:g}"


def crash_cause(exitcode: Optional[int]) -> str:
    """What a worker's exit code means, in words."""
    if exitcode is None:
        return "the worker stopped responding"
    if exitcode < 0:
        number = -exitcode
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = "unknown signal"
        if number == getattr(signal, "SIGKILL", 9):
            return f"the worker was killed (signal {number}, {name}), perhaps for lack of memory"
        return f"the worker crashed (signal {number}, {name})"
    return f"the worker exited unexpectedly (exit code {exitcode})"


def _leave_with(parent_pid: int) -> None:
    """Ends this worker once the parent is gone (killed, say): no orphan keeps running."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except OSError:
            pass


def _serve(conn, job: Callable[..., Any], initializer: Optional[Callable[[], Any]],
           parent_pid: Optional[int] = None) -> None:
    """A worker's life: initialise once, then run tasks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if parent_pid is not None and os.name == "posix":
        threading.Thread(target=_leave_with, args=(parent_pid,), daemon=True, name="parent-watch").start()
    try:
        if initializer is not None:
            initializer()
    except BaseException as exc:  # report why, then stop: the parent cannot run the batch
        conn.send(("init-error", f"{type(exc).__name__}: {exc}".replace("\n", " ")))
        return
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, args = message
        try:
            reply: Tuple[str, Any] = ("ok", job(*args))
        except MemoryError:
            reply = ("error", "out of memory")
        except Exception as exc:  # the job should catch its own errors; this is a backstop
            reply = ("error", f"internal error ({type(exc).__name__}: {exc})".replace("\n", " "))
        conn.send((index, reply))


class _Worker:
    def __init__(self, ctx, job, initializer):
        parent_end, child_end = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_serve, args=(child_end, job, initializer, os.getpid()), daemon=True,
                                name="extractor-worker")
        self.proc.start()
        child_end.close()
        self.conn = parent_end
        self.ready = False
        self.task: Optional[int] = None
        self.started = 0.0

    def stop(self, grace: float = 1.0) -> None:
        """Asks the worker to leave, then makes sure it did."""
        if self.proc.is_alive() and self.ready and self.task is None:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                pass
            self.proc.join(grace)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()
        self.proc.close()


class WorkerPool:
    """Runs ``job(*args)`` for each task in up to ``jobs`` worker processes.

    ``timeout`` is the limit in seconds for one task, counted from when a ready worker
    takes it (``0`` or ``None``: no limit). :meth:`run` yields ``(index, result)`` as tasks
    finish, where ``result`` is what ``job`` returned or a :class:`Failure`.
    """

    def __init__(self, job: Callable[..., Any], jobs: int = 1, timeout: Optional[float] = None,
                 initializer: Optional[Callable[[], Any]] = None, context=None):
        self.job = job
        self.jobs = max(1, jobs)
        self.timeout = timeout or None
        self.initializer = initializer
        self.ctx = context if context is not None else default_context()

    def run(self, tasks: Sequence[tuple]) -> Iterator[Tuple[int, Any]]:
        pending: Deque[int] = deque(range(len(tasks)))
        workers: List[_Worker] = []
        try:
            for _ in range(min(self.jobs, len(tasks))):
                workers.append(_Worker(self.ctx, self.job, self.initializer))
            while pending or any(w.task is not None for w in workers):
                for w in workers:
                    if w.ready and w.task is None and pending:
                        index = pending.popleft()
                        try:
                            w.conn.send((index, tasks[index]))
                        except OSError:  # it died just now: the task waits for its replacement
                            pending.appendleft(index)
                            continue
                        w.task, w.started = index, time.monotonic()
                wait_for = None
                if self.timeout is not None:
                    busy = [w.started + self.timeout for w in workers if w.task is not None]
                    if busy:
                        wait_for = max(0.0, min(busy) - time.monotonic()) + 0.01
                _wait([w.conn for w in workers] + [w.proc.sentinel for w in workers], wait_for)
                for slot, w in enumerate(workers):
                    done, replace = self._check(w)
                    if done is not None:
                        yield done
                    if replace:
                        w.stop(grace=0)
                        workers[slot] = _Worker(self.ctx, self.job, self.initializer)
                # a worker without work to come is not replaced (keeps the pool small at the end)
                if not pending:
                    for w in [w for w in workers if w.task is None and w.ready]:
                        w.stop()
                        workers.remove(w)
        finally:
            for w in workers:
                w.stop()

    def _check(self, w: _Worker) -> Tuple[Optional[Tuple[int, Any]], bool]:
        """What happened to one worker: (finished task or None, whether to replace it)."""
        try:
            while w.conn.poll():
                kind, value = w.conn.recv()
                if kind == "ready":
                    w.ready = True
                elif kind == "init-error":
                    raise WorkerStartError(f"a worker process could not start: {value}")
                else:  # (index, (status, result)) of the task this worker had
                    w.task = None
                    status, result = value
                    return (kind, result if status == "ok" else Failure(result)), False
        except (EOFError, OSError):
            pass  # the pipe broke: the process is gone, handled below
        if not w.proc.is_alive() or w.conn.closed:
            w.proc.join(0.5)
            if w.task is None:
                if not w.ready:
                    raise WorkerStartError(f"a worker process died while starting: {crash_cause(w.proc.exitcode)}")
                return None, True
            index, w.task = w.task, None
            return (index, Failure(crash_cause(w.proc.exitcode))), True
        if w.task is not None and self.timeout is not None and time.monotonic() - w.started >= self.timeout:
            w.proc.kill()
            w.proc.join()
            index, w.task = w.task, None
            return (index, Failure(f"timed out after {seconds(self.timeout)} s")), True
        return None, False


def cpu_count() -> int:
    """CPUs this process may use (the affinity mask where the platform has one)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1
