"""Imported by the workers' fork server: builds the spaCy pipeline once, before any fork.

Every worker forked from the server starts with the pipeline ready. Errors are left for
the worker's own initializer to raise and report (a fork server must not die of them).
"""
try:
    from .nlp import get_nlp

    get_nlp()
except Exception:  # pragma: no cover - reported by the worker initializer instead
    pass
