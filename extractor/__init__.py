"""extractor: what a deep-learning paper says about how its models were built.

Example::

    import extractor
    report = extractor.extract("paper.pdf")
    print(report.fields["hardware"].status, report.fields["hardware"].values)
    print(report.to_yaml())

``import extractor`` stays cheap: spaCy and pdfplumber load on the first extraction.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Union

__version__ = "0.1.0"

from .errors import ExtractorError, ReadError, RuleError  # noqa: E402

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from .report import Report


def extract(path: "Union[str, Path]", engine: str = "pdfplumber", ner: bool = False) -> "Report":
    """The report of one PDF or text file; raises :class:`ReadError` if it cannot be read.

    ``engine`` picks the PDF reader: ``"pdfplumber"`` (default) or ``"pdfium"``
    (pypdfium2, several times faster; ``bench/README.md`` lists where they differ).
    ``ner=True`` adds the trained NER's names that no rule knows (evidence ``rule: ner``).
    """
    from .pipeline import extract as _extract

    return _extract(path, engine=engine, ner=ner)


def extract_text(text: str, source: str = "<text>", ner: bool = False) -> "Report":
    """The report of a text whose paragraphs (separated by blank lines) are passages."""
    from .pipeline import extract_text as _extract_text

    return _extract_text(text, source=source, ner=ner)


def __getattr__(name: str):
    if name == "Report":
        from .report import Report

        return Report
    raise AttributeError(name)


__all__ = ["extract", "extract_text", "Report", "ExtractorError", "ReadError", "RuleError", "__version__"]
