"""Opening an input file, with the errors a user understands."""
from __future__ import annotations

from pathlib import Path

from ..errors import ReadError


def read_input_bytes(source: str, path: Path) -> bytes:
    """The file's bytes; ReadError for a missing, unreadable, folder or empty input."""
    if not path.exists():
        raise ReadError(source, "file not found")
    if path.is_dir():
        raise ReadError(source, "is a directory, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(source, unreadable_cause(exc)) from exc
    if not data:
        raise ReadError(source, "empty file (0 bytes)")
    return data


def unreadable_cause(exc: OSError) -> str:
    """Why the file could not be read, e.g. "cannot read the file: permission denied"."""
    import errno

    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot read the file: permission denied (check its permissions)"
    reason = (exc.strerror or type(exc).__name__).lower()
    return f"cannot read the file: {reason}"
