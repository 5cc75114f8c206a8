"""Errors a user sees. Each renders as one line: the file, the cause, what to do."""
from __future__ import annotations

import re

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` on one line and encodable: control characters and the lone surrogates of
    an undecodable file name become escapes ("two\\nlines.pdf", "bad\\udcffname.txt")."""
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape", "backslashreplace").decode("ascii"), text)


class ExtractorError(Exception):
    """Base class for errors that end one input's processing but not the batch."""


class ReadError(ExtractorError):
    """An input could not be read.

    Example: ``ReadError("paper.pdf", "encrypted: a password is required")``
    renders as ``paper.pdf: encrypted: a password is required``.
    """

    def __init__(self, source: str, cause: str):
        super().__init__(f"{printable(source)}: {printable(cause)}")
        self.source = source
        self.cause = cause


class RuleError(ExtractorError):
    """A rule file is invalid; names the file and, where known, the rule id."""

    def __init__(self, path: str, message: str, rule_id: str | None = None):
        where = f"{path} [{rule_id}]" if rule_id else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.rule_id = rule_id
