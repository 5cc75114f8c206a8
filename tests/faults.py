"""Test-only worker jobs that misbehave on chosen inputs (never used by the CLI itself).

A file whose name contains ``HANG`` makes the worker write its pid to ``<file>.pid`` and
sleep for an hour, ``SEGV`` makes it
die of signal 11, ``EXIT`` calls ``os._exit(3)``, ``NOMEM`` raises MemoryError; every
other input goes to the real :func:`extractor.batch.compute_one`. ``counting_job``
(bound to a log file with functools.partial) appends each input it extracts to the log.
"""
import os
import signal
import time
from pathlib import Path

from extractor.batch import compute_one


def faulty_job(source: str, fmt: str, options=None):
    name = Path(source).name
    if "HANG" in name:
        Path(source + ".pid").write_text(str(os.getpid()), encoding="ascii")
        time.sleep(3600)
    if "SEGV" in name:
        os.kill(os.getpid(), signal.SIGSEGV)
        time.sleep(60)
    if "EXIT" in name:
        os._exit(3)
    if "NOMEM" in name:
        raise MemoryError()
    return compute_one(source, fmt, options)


def counting_job(log: str, source: str, fmt: str, options=None):
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(Path(source).name + "\n")
    return compute_one(source, fmt, options)
