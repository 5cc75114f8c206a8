"""Errors a user sees. Each renders as one line: the file, the cause, what to do."""
from __future__ import annotations


class ExtractorError(Exception):
    """Base class for errors that end one input's processing but not the batch."""


class ReadError(ExtractorError):
    """An input could not be read.

    Example: ``ReadError("paper.pdf", "encrypted: a password is required")``
    renders as ``paper.pdf: encrypted: a password is required``.
    """

    def __init__(self, source: str, cause: str):
        super().__init__(f"{source}: {cause}")
        self.source = source
        self.cause = cause


class RuleError(ExtractorError):
    """A rule file is invalid; names the file and, where known, the rule id."""

    def __init__(self, path: str, message: str, rule_id: str | None = None):
        where = f"{path} [{rule_id}]" if rule_id else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.rule_id = rule_id
