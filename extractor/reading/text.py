"""Plain-text and Markdown reader.

Paragraphs are separated by one or more blank lines; each becomes a
:class:`~extractor.document.Block` with ``page=None``. Lines inside a
paragraph are joined with single spaces, repairing words that were broken
with a hyphen at a line end (the same helper the PDF reader uses).

Text extracted from PDFs by other tools often prints a table column by column, each
column a "paragraph" of its own ("Train Validation Test Total", then "Number of
images", then "6107 763 764 7634"). The "Table N" caption and the run of short
cell-like paragraphs after it, one of them a column of numbers, are kept as one block,
so that rules can read a label column next to its number column.

Some tools also flatten a paragraph's lines with spaces and keep the typesetter's
hyphens: "the images underwent augmen- tation". Such a break ("augmen-" + "tation") is
put back at a line end, where the hyphen rule judges it like any other; a suspended
hyphen ("pre- and post-processing", "short- to long-term") is left alone.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import List, Optional, Tuple, Union

from extractor.document import Block, Document
from extractor.errors import ReadError
from extractor.reading._textutil import Vocabulary, clean_text, join_lines
from extractor.reading.files import read_input_bytes

__all__ = ["read_text", "read_text_file", "clean_text", "join_lines"]

_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
# "augmen- tation" inside a line: a line-end hyphen whose line break became a space. Not
# before the words of a suspended hyphen ("pre- and post-", "two- or three-fold").
_FLATTENED_BREAK = re.compile(
    r"(?<=[A-Za-z][a-z]-) (?!(?:and|or|to|nor|versus|vs|through|but|as|than|plus|with|via|then|till|until)\b)(?=[a-z])")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_EMPHASIS_ONLY = re.compile(r"^(\*\*|__)(.+?)\1$")
# "2. Materials and methods", "2.1 Model training", "IV. RESULTS", "A. Datasets"
_NUMBERED_HEADING = re.compile(
    # ("1 | INTRODUCTION": a pipe after the number, as some publishers print it)
    r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?(?:\s*\|)?|[IVXLC]{1,6}\.|[A-Z]\.)\s+[A-Z][^\n]{0,80}$"
)
_MAX_HEADING_WORDS = 12
# A table printed column by column: cell-like paragraphs (no sentence inside), some of
# them mostly numbers.
_TABLE_CAPTION = re.compile(r"^(?:Table|TABLE|Tab\.)\s+[A-Z]?\d+[a-z]?\b")
_CELL_NUMBER = re.compile(r"^[(\[]?[<>~±+\-\u2212]?\d[\d,.]*%?[)\],;]?$")
_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.!?]\s+[A-Z][a-z]")
_MAX_CELL_WORDS = 40
_MAX_TABLE_CHARS = 1500
# Bytes that never occur in text files; a few stray ones are tolerated.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_text_file(path: Union[str, Path]) -> Document:
    """Read a UTF-8 (or, failing that, Latin-1) text or Markdown file.

    Raises:
        ReadError: the file is missing, empty, unreadable or binary.
    """
    source = str(path)
    data = read_input_bytes(source, Path(path))
    text, warnings = _decode(source, data)
    doc = _parse(text, source, hashlib.sha256(data).hexdigest())
    doc.warnings[:0] = warnings
    return doc


def read_text(text: str, source: str = "<text>") -> Document:
    """Read text given as a string (``sha256`` is of its UTF-8 bytes).

    Example: ``read_text("# Methods\\n\\nAll networks were trained on two\\nNVIDIA GPUs.")``
    gives a heading block "Methods" and one paragraph block.
    """
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return _parse(text, source, digest)


def _decode(source: str, data: bytes) -> Tuple[str, List[str]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise ReadError(source, "not a text file (broken UTF-16)") from exc
    if b"\x00" in data:
        raise ReadError(source, "not a text file (binary data: NUL bytes)")
    warnings: List[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        warnings.append("not valid UTF-8; decoded as Latin-1 (check accented characters)")
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, 0.05 * len(sample)):
        raise ReadError(source, "not a text file (mostly non-printable bytes)")
    return text, warnings


def _split_markdown_headings(lines: List[str]) -> List[Tuple[List[str], int]]:
    """Split a paragraph's lines so that each Markdown heading stands alone.

    Returns (lines, heading level) pairs; level 0 is body text.
    """
    pieces: List[Tuple[List[str], int]] = []
    current: List[str] = []
    for i, line in enumerate(lines):
        m = _MD_HEADING.match(line)
        underline = (
            i + 1 < len(lines)
            and _SETEXT_UNDERLINE.match(lines[i + 1])
            and line.strip()
            and not _SETEXT_UNDERLINE.match(line)
        )
        if _SETEXT_UNDERLINE.match(line) and pieces and pieces[-1][1] and not current:
            continue  # the underline of a setext heading already taken
        if m or underline:
            if current:
                pieces.append((current, 0))
                current = []
            title = m.group(2) if m else line.strip()
            level = len(m.group(1)) if m else (1 if lines[i + 1].strip()[0] == "=" else 2)
            if title:
                pieces.append(([title], level))
            continue
        current.append(line)
    if current:
        pieces.append((current, 0))
    return pieces


def _looks_like_heading(lines: List[str]) -> Tuple[bool, List[str]]:
    if len(lines) != 1:
        return False, lines
    line = lines[0].strip()
    emphasised = _EMPHASIS_ONLY.match(line)
    if emphasised and len(emphasised.group(2).split()) <= _MAX_HEADING_WORDS:
        return True, [emphasised.group(2).strip()]
    if (
        _NUMBERED_HEADING.match(line)
        and len(line.split()) <= _MAX_HEADING_WORDS
        and not line.endswith((".", ",", ";", ":"))
    ):
        return True, [line]
    if _caps_heading(line):
        return True, [line]
    return False, lines


# Text without blank lines between paragraphs (what many PDF-to-text tools give): lines
# are cut at a fixed width, so a paragraph ends at a line that closes a sentence well
# short of that width, and headings, run-in labels and captions start lines of their own.
_MIN_UNBROKEN_LINES = 6
_SHORT_LINE = 0.8  # of the usual line length
_MIN_PROSE_WIDTH = 45
# a narrower run counts as prose when it is long and wordy (one column of a two-column page)
_MIN_NARROW_WIDTH = 28
_MIN_NARROW_LINES = 12
_PAGE_LINES = 15  # running headers repeat at least this many lines apart
_CLOSES = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")  # not ":", which leads into what follows
_RUN_IN_START = re.compile(
    r"^(?:abstract|keywords?|key\s+words|index\s+terms|author\s+contributions?|funding|acknowledge?ments?|"
    r"data\s+availability(?:\s+statement)?|code\s+availability(?:\s+statement)?|conflicts?\s+of\s+interests?|"
    r"competing\s+interests?|institutional\s+review\s+board\s+statement|informed\s+consent\s+statement|"
    r"supplementary\s+materials?)\s*[:.\u2014\u2013]", re.I)
# "Table 2. Training settings", "Fig. 3 Map of ..."; not "Table 1 shows ...", which is prose
_CAPTION_START = re.compile(r"^(?:Fig(?:ure)?|FIGURE|Table|TABLE|Tab)\.?\s+[A-Z]?\d+[a-z]?[.:]?(?:\s+[A-Z(]|\s*$)")
# running headers and footers: a page number alone, "Page 3 of 12", or a short line with a
# wide gap inside ("Remote Sens. 2025, 17, 2218          2 of 14")
_FURNITURE = re.compile(r"^(?:\d{1,4}|page\s+\d+(?:\s+of\s+\d+)?|\d+\s+of\s+\d+)$", re.I)
_WIDE_GAP = re.compile(r"\S {5,}\S")
_DOTTED_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.\s+[A-Z][a-z]{3,}")
_HEADING_MARK = "\x00"  # put before a heading line found by _split_unbroken, taken off in _parse


def _known_section(line: str) -> bool:
    from extractor.passages import canonical_section  # the reader sits below passages
    return canonical_section(line, prefix_ok=False) is not None


# a numbered heading run into the first line of its paragraph: "2.1 Recording. We placed one ..."
_RUN_IN_NUMBERED = re.compile(r"^(?P<head>\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+[A-Z][A-Za-z\-]*(?:\s+[A-Za-z\-]+){0,5})\.\s+(?P<rest>[A-Z].*)$")


def _unbroken_heading(line: str) -> bool:
    """A numbered heading ("2.3. Model Training", "IV. EXPERIMENTS") or a known section name
    alone on its line ("Introduction", "References")."""
    words = line.split()
    if not words or len(words) > 10 or line.endswith((".", ",", ";", ":", "-")) or re.search(r"[,;]", line):
        return False
    if _RUN_IN_NUMBERED.match(line):
        return False  # "2.1 Recording. We placed one ...": a run-in heading, then the paragraph
    if _NUMBERED_HEADING.match(line):
        rest = re.sub(r"^\S+\s+", "", line)
        # "1 Adam 0.001" is a table row, "8 GB" or "1 GB RAM" a cell
        return not re.search(r"\d", rest) and bool(re.search(r"[A-Za-z]{4}", rest))
    return len(words) <= 5 and (_known_section(line) or _caps_heading(line))


def _caps_heading(line: str) -> bool:
    """A short line in capitals with no digits ("NETWORK AND TRAINING", "STUDY AREA"): a
    section heading in papers that set their headings in capitals."""
    words = line.split()
    if not (1 <= len(words) <= 5 and line.isupper() and not re.search(r"[\d,;.:()\[\]/=|\-]", line)):
        return False
    # words, not a table's acronyms ("NSE MEF", "RMSE"): every word but "AND", "OF" ... is a
    # word of four letters or more, and one has five or more
    content = [w for w in words if w not in _CAPS_SMALL_WORDS]
    return bool(content) and all(len(w) >= 4 and w.isalpha() for w in content) and max(map(len, content)) >= 5


_CAPS_SMALL_WORDS = frozenset("& AND OF THE FOR IN ON TO A AN BY WITH FROM AT".split())


def _closes(line: str) -> bool:
    """Whether a line ends a sentence: "... 50 epochs." but not "(https://github." or "Fig."."""
    if not _CLOSES.search(line):
        return False
    last = line.split()[-1]
    if last.endswith((").", "].")) and "://" in last:
        return True  # "(https://doi.org/10.6084/m9.figshare.25190443).": the bracket closes the link
    return not (_NOT_A_SENTENCE_END.search(last) or "://" in last or last.lower().startswith(("(http", "http", "www.")))


_NOT_A_SENTENCE_END = re.compile(
    r"^(?:\(?(?:et\s+al|e\.g|i\.e|cf|vs|viz|approx|ca|no|nos|vol|fig|figs|eq|eqs|tab|ref|refs|sect?|resp|"
    r"etc|incl|[A-Z])\.)$|\.(?:com|org|net|edu|gov|io)\.$", re.I)


def _running_lines(lines: List[str]) -> set:
    """Indexes of short lines printed two or more times with only their numbers changed
    ("IEEE OCEANS 2024 - Halifax 3", "... 4"): running headers and footers. A line needs
    three words of letters, so that repeated table rows ("CNN 0.91 0.88") stay."""
    keys = {}
    for i, line in enumerate(lines):
        words = line.split()
        if len(words) > 12 or len(re.findall(r"\b[A-Za-z]{2,}\b", line)) < 3 or _CLOSES.search(line) \
                or not re.search(r"\d", line) or re.search(r"[,;=+:/]|[\-\u2010]$", line):
            continue  # a header carries a page number or year, and is no list, formula or URL
        # the page number may sit at either end ("114  R. Lee et al. ..." / "R. Lee et al. ...  113")
        key = re.sub(r"^(?:#\s+)+|(?:\s+#)+$", "", re.sub(r"\d+", "#", " ".join(words).lower()))
        keys.setdefault(key, []).append(i)
    out = set()
    for found in keys.values():
        if len(found) >= 2 and min(b - a for a, b in zip(found, found[1:])) >= _PAGE_LINES:
            out.update(found)  # copies a page apart, not neighbouring rows of a table
    return out


def _narrow_prose(lines: List[str], width: int) -> bool:
    """A narrow column of wrapped prose (one column of a two-column page, about 40
    characters a line) rather than a table: a long run whose lines are mostly words, five
    or more of them, with sentences ending along the way."""
    if width < _MIN_NARROW_WIDTH or len(lines) < _MIN_NARROW_LINES:
        return False
    wordy = sum(1 for ln in lines if len(re.findall(r"[A-Za-z]{2,}", ln)) >= 5)
    ends = sum(1 for ln in lines if _closes(ln))
    return wordy >= 0.6 * len(lines) and ends >= len(lines) / 15


def _split_unbroken(lines: List[str]) -> List[List[str]]:
    """Cut a long run of lines with no blank line between paragraphs into paragraphs.

    Example: ["2. Methods", "We trained ... for", "50 epochs.", "The model ..."] (lines of
    a text whose other lines run to about 85 characters) gives [["2. Methods"], ["We
    trained ... for", "50 epochs."], ["The model ..."]]. A heading must follow the end of
    a sentence (or another heading), so that a table column ("8 GB", "Loss") is not
    taken for one; a page number or running header between two full lines is dropped.
    Runs of fewer than six lines come back unchanged.
    """
    if len(lines) < _MIN_UNBROKEN_LINES:
        return [lines]
    lengths = sorted(len(ln) for ln in lines)
    width = lengths[(len(lengths) * 3) // 4]  # the usual full line
    if width < _MIN_PROSE_WIDTH and not _narrow_prose(lines, width):
        return [lines]  # a table column or a list, not wrapped prose

    def full(i: int) -> bool:
        return 0 <= i < len(lines) and len(lines[i]) >= 0.6 * width

    repeated = _running_lines(lines)
    out: List[List[str]] = []
    current: List[str] = []
    prev_ends = True  # the previous kept line closed a sentence or was a heading
    for i, line in enumerate(lines):
        if i in repeated:
            continue  # a running header or footer: the same short line on every page
        furniture = _FURNITURE.match(line) or (_WIDE_GAP.search(line) and len(line.split()) <= 12)
        if furniture and full(i - 1) and full(i + 1):
            continue  # "Remote Sens. 2025, 17, 2218      2 of 14" inside a paragraph
        run_in = _RUN_IN_NUMBERED.match(line) if prev_ends else None
        if run_in:
            # "2.1 Recording. We placed one Song Meter ...": the heading, then its paragraph
            if current:
                out.append(current)
            out.append([_HEADING_MARK + run_in.group("head")])
            current = [run_in.group("rest")]
            prev_ends = _closes(line)
            continue
        heading = _unbroken_heading(line) and (
            prev_ends or (len(lines[i - 1]) < _SHORT_LINE * width and _known_section(line))
            # "Total | | | 102 139" then "3. Preprocessing": a pipe-table row ends before a dotted numbered heading
            or (i > 0 and lines[i - 1].count("|") >= 2 and _DOTTED_HEADING.match(line) is not None))
        if (heading or _RUN_IN_START.match(line) or _CAPTION_START.match(line)) and current:
            out.append(current)
            current = []
        if heading:
            out.append([_HEADING_MARK + line])
            continue
        current.append(line)
        prev_ends = _closes(line)
        if prev_ends and len(line) < _SHORT_LINE * width:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


_KEYWORDS_LABEL = re.compile(r"^(?:keywords?|key\s+words|index\s+terms)\b\s*[:.\u2014\u2013-]?", re.I)


def _restore_line_breaks(lines: List[str]) -> List[str]:
    """``lines`` with a flattened hyphenation break ("augmen- tation") cut back into two lines.

    >>> _restore_line_breaks(["the data underwent augmen- tation and pre- and post-processing"])
    ['the data underwent augmen-', 'tation and pre- and post-processing']
    """
    if not any("- " in ln for ln in lines):
        return lines
    out: List[str] = []
    for line in lines:
        out.extend(_FLATTENED_BREAK.split(line))
    return out


def _keyword_lines(lines: List[str]) -> List[str]:
    """Keywords printed one per line keep their boundaries: ["Keywords:", "Deep learning",
    "Herbivory"] -> ["Keywords:", "Deep learning;", "Herbivory"], so that the joined text
    does not run two keywords into one phrase ("Deep learning Herbivory")."""
    if len(lines) < 3 or not _KEYWORDS_LABEL.match(lines[0]):
        return lines
    items = lines[1:]
    if not all(len(ln.split()) <= 6 and not re.search(r"[.;,:!?]$", ln) for ln in items):
        return lines
    return [lines[0]] + [ln + ";" for ln in items[:-1]] + items[-1:]


_SECTION_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?\s")


def _nested_headings(lines: List[str]) -> bool:
    """Two to four heading lines, each numbered inside the one before ("2." then "2.1."
    then "2.1.1."), or a known section name over a short title: a numbered list
    ("1. Collect", "2. Label") is not one."""
    if len(lines) == 2 and _known_section(lines[0]) and len(lines[1].split()) <= 6 \
            and lines[1][:1].isupper() and not lines[1].rstrip().endswith((".", ",", ";", ":")):
        return True  # "Materials and methods" / "Study area": a section and its first subsection
    if not 1 < len(lines) <= 4 or not all(_looks_like_heading([ln])[0] for ln in lines):
        return False
    numbers = [_SECTION_NUMBER.match(ln) for ln in lines]
    if not all(numbers):
        return False
    return all(b.group(1).startswith(a.group(1) + ".") for a, b in zip(numbers, numbers[1:]))


_LINE_NUMBER = re.compile(r"^(\s*)(\d{1,5})(?:\s+|$)")


def _strip_line_numbers(text: str) -> str:
    """Preprints and review copies number every line ("112 The network was ..."). When most
    lines start with a number and those numbers count up one by one, the numbers go; a
    numbered heading or a table row here and there does not count as such a run."""
    lines = text.split("\n")
    numbered = [(i, int(m.group(2))) for i, m in ((i, _LINE_NUMBER.match(ln)) for i, ln in enumerate(lines)) if m]
    filled = [ln for ln in lines if ln.strip()]
    if len(numbered) < 20 or len(numbered) < 0.5 * len(filled):
        return text
    steps = [b - a for (_, a), (_, b) in zip(numbered, numbered[1:])]
    if sum(1 for d in steps if d == 1) < 0.7 * len(steps):
        return text
    keep = set()
    for k, (i, n) in enumerate(numbered):
        before = numbered[k - 1][1] if k else None
        after = numbered[k + 1][1] if k + 1 < len(numbered) else None
        if (before is not None and 0 < n - before <= 3) or (after is not None and 0 < after - n <= 3):
            keep.add(i)
    out = []
    for i, ln in enumerate(lines):
        if i in keep:
            out.append(_LINE_NUMBER.sub(r"\1", ln, count=1))
        elif not re.fullmatch(r"\s*\d{1,4}\s*", ln):
            out.append(ln)  # (a lone number outside the run is a page number: it goes)
    return "\n".join(out)


_FURNITURE_WORDS = re.compile(r"\b(?:doi|preprint|copyright|journal|vol\.|volume|pp\.|page|licen[cs]e|arxiv|biorxiv|"
                              r"medrxiv|proceedings)\b|\((?:19|20)\d\d\)|\u00a9", re.IGNORECASE)


def _drop_repeated_lines(text: str) -> str:
    """A line printed verbatim three times or more that reads like a running header or footer
    (a journal, a year in brackets, a DOI, "preprint", "copyright": "bioRxiv preprint doi: ...;
    this version posted ...") goes everywhere. Other repeated lines stay: passages quoted
    twice and table rows repeat too."""
    lines = text.split("\n")
    counts: dict = {}
    for ln in lines:
        key = ln.strip()
        if len(key.split()) >= 5 and _FURNITURE_WORDS.search(key):
            counts[key] = counts.get(key, 0) + 1
    repeated = {k for k, n in counts.items() if n >= 3}
    if not repeated:
        return text
    return "\n".join(ln for ln in lines if ln.strip() not in repeated)


_PIPE_RULE_CELL = re.compile(r"^:?-{2,}:?$")


def _pipe_cells(line: str) -> Optional[List[str]]:
    """The cells of a pipe-table row ("| Batch size | 32 |", "Train | 2012-2019 | 59 907"),
    or None when the line is not one: it needs two pipes, or pipes at both ends."""
    body = line.strip()
    if body.count("|") < 2 and not (body.startswith("|") and body.endswith("|") and len(body) > 1):
        return None
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    # (Markdown emphasis around a cell, "**Total**", is typography, not text)
    return [_EMPHASIS.sub(r"\1", cell.strip()) for cell in body.split("|")]


def _pair_cells(line: str) -> Optional[List[str]]:
    """A "name | value" line of a two-column table printed without outer pipes
    ("Input size | 384 x 384"): one pipe, a short name before it, something after it."""
    if line.count("|") != 1:
        return None
    name, value = (c.strip() for c in line.split("|"))
    if not name or not value or len(name.split()) > 5 or not re.match(r"[A-Za-z]", name):
        return None
    return [name, value]


def _space_cells(line: str) -> Optional[List[str]]:
    """The cells of a table row whose columns are set apart by runs of spaces, as text
    taken from a PDF or typed into a plain-text file prints them ("Training     1-6
    38,412"): two to eight short cells, at least one of them holding a digit.

    >>> _space_cells("Validation   7        6,780")
    ['Validation', '7', '6,780']
    >>> _space_cells("We fitted the model.  Then we tested it.") is None
    True
    """
    if "  " not in line.strip() or "|" in line:
        return None
    cells = re.split(r"\s{2,}|\t+", line.strip())
    if not 2 <= len(cells) <= 8 or any(len(c.split()) > 5 or c.endswith(".") for c in cells):
        return None
    return cells


_EMPHASIS = re.compile(r"(?<!\w)(?:\*\*|__|\*)(\S(?:.*?\S)?)(?:\*\*|__|\*)(?!\w)")


_MAIN_COLUMN = re.compile(r"^(?:values?|selected|final|chosen|best|optimal|optimi[sz]ed|used|setting|default)\b", re.I)


def _filled(cell: str) -> bool:
    return bool(cell) and cell.lower() not in ("-", "\u2013", "\u2014", "n/a", "na", "\u2012")


# words that name a setting or a measured quantity in a table's header ("Learning rate",
# "Batch size", "No. of trees", "F1"): a header of them is the table's name axis
# (an underscore separates words too: "max_depth", "n_estimators", "learning_rate")
_SETTING_CELL = re.compile(
    r"(?<![A-Za-z0-9])(?:rates?|sizes?|epochs?|decay|momentum|dropout|iterations?|steps|depth|trees|estimators|"
    r"optimi[sz]ers?|layers?|units|neurons|filters|patience|kernels?|gamma|lambda|alpha|mtry|lr|"
    r"warm-?up|schedulers?|loss|activation|resolution|threshold|seed|folds?|eta|nrounds|ntrees?|subsample|"
    r"colsample\w*|shrinkage|multiplier|regulari[sz]ation|leaves|rounds)(?![A-Za-z0-9])", re.I)
_VALUE_CELL = re.compile(r"^[(\[]?[<>~\u2248±+\-\u2212]?(?:\d[\d,.]*(?:\s*[eE][\-\u2212+]?\d+)?"
                         r"(?:\s*[×x\*]\s*(?:10\s*\^?\s*[\-\u2212]?\s*)?\d+)*|\.\d+)\s*%?[)\],;]?$")


_SPLIT_CELL = re.compile(r"^(?:train(?:ing)?|validation|val|dev(?:elopment)?|test(?:ing)?|total|all)(?:\s+(?:set|subset|split|data))?$",
                         re.I)
_BRACKETED = re.compile(r"\s*\([^()]*\)")


def _names_across(rows: List[List[str]]) -> bool:
    """True when a ruled table's header row, not its first column, holds the names of what
    the cells give: one row of values under a row of names ("Images | Sites" over
    "1,240 | 12"), or setting names across the top with no setting down the side
    ("Model | Learning rate | Batch size" over "ResNet-50 | 1e-4 | 16")."""
    header, body = rows[0], rows[1:]
    if not body or any(re.search(r"\d", _BRACKETED.sub("", c)) for c in header):
        return False
    if len(body) == 1 and _VALUE_CELL.match(body[0][0] or "-"):
        return True
    across = sum(bool(_SETTING_CELL.search(c)) for c in header[1:])
    down = sum(bool(_SETTING_CELL.search(cells[0])) for cells in body)
    return across >= 1 and across * 2 >= len(header) - 1 and down == 0


def _render_pipe_table(rows: List[List[str]]) -> str:
    """One paragraph for a pipe table: a row per clause, the first cell as the row's label.

    Two columns give "label: value"; with more columns and a header, each value follows
    its column's name, and a column named "Value" / "Selected" / "Final" comes first:

    >>> _render_pipe_table([["Setting", "Value"], ["---", "---"], ["Batch size", "32"], ["Epochs", "50"]])
    'Setting: Value; Batch size: 32; Epochs: 50.'
    >>> _render_pipe_table([["Parameter", "Range", "Selected"], ["---", "---", "---"], ["max_depth", "3-10", "6"]])
    'Parameter: Range, Selected; max_depth: 6, 3-10 (Range).'
    >>> _render_pipe_table([["Setting", "CNN", "SVM"], ["Epochs", "120", "-"], ["C", "-", "10"]])
    'Setting: CNN, SVM; Epochs: 120 (CNN); C: 10 (SVM).'
    """
    rows = [cells for cells in rows if not all(_PIPE_RULE_CELL.match(c) or not c for c in cells)]
    if not rows:
        return ""
    ruled = len(rows) >= 2  # (separator rows are gone; a header is told by its cells)
    # (digits in brackets are a header's note, "Train (32 stations)", not a row of values)
    header = rows[0] if ruled and not any(re.search(r"\d", _BRACKETED.sub("", c)) for c in rows[0][1:]) else None
    if header is not None and sum(bool(_SPLIT_CELL.match(_BRACKETED.sub("", c).strip())) for c in header[1:]) >= 2:
        # splits across the top ("Class | Train | Validation | Test | Total"): the rows as a
        # PDF prints them, label then counts, the form the split-table rules read
        head = [_BRACKETED.sub("", c).strip() for c in header]
        return " ".join(" ".join(c for c in cells if c) for cells in [head] + rows[1:]) + "."
    if header is not None and _names_across(rows):
        # names across the top: turned on its side, each name leads its own clause
        rows = [list(col) for col in zip(*rows)]
        if len(rows[0]) == 2:
            rows = rows[1:] if not _filled(rows[0][0]) else rows
            return "; ".join(f"{a}: {b}" if _filled(b) else a for a, b in rows if a) + "."
        header = rows[0]
    main = None
    if header is not None and len(header) > 2:
        main = next((k for k in range(1, len(header)) if _MAIN_COLUMN.match(header[k])), None)
    clauses = []
    for n, cells in enumerate(rows):
        label = cells[0]
        if header is None or n == 0 or len(cells) <= 2:
            rest = ", ".join(c for c in cells[1:] if _filled(c))
        else:
            # "Batch size: 128 (CNN)": the value stays next to its setting, the column named after it
            pairs = [(header[k], cells[k]) for k in range(1, len(cells)) if _filled(cells[k]) and k != main]
            named = [f"{c} ({_BRACKETED.sub('', h).strip() or h})" if h else c for h, c in pairs]
            if main is not None and _filled(cells[main]):
                named.insert(0, cells[main])
            rest = ", ".join(named)
        clause = f"{label}: {rest}" if label and rest else label or rest
        if clause:
            clauses.append(clause.rstrip(" .;"))
    return "; ".join(clauses) + "." if clauses else ""


_CAPTION_LINE = re.compile(r"^\W{0,3}(?:Table|TABLE)\s*[A-Z]?\d{1,2}[a-z]?\b.{0,200}$")


# where one row of a table flattened onto a line ends and the next begins: "||", or a full
# stop before a short label cell ("... | 11,237. Val | 415 | ...")
_ROW_BREAK = re.compile(r"\s*\|\|\s*|(?<=[\w%)])\.\s+(?=[A-Z][^|.]{0,40}\|)")
_TABLE_LABEL = re.compile(r"^(?:Table|TABLE)\s*[A-Z]?\d{1,2}[a-z]?\b")


def _unflatten_table(line: str) -> Optional[List[str]]:
    """The rows of a table that was flattened onto one line, as pipe-table lines headed by
    its caption, or None when the line is not one.

    >>> _unflatten_table("Table 3. Settings. Parameter | Value || Batch size | 8 || Epochs | 250")
    ['Table 3. Settings.', '| Parameter | Value |', '| Batch size | 8 |', '| Epochs | 250 |']
    """
    parts = [part.strip().strip("|").strip() for part in _ROW_BREAK.split(line.strip())]
    caption: List[str] = []
    while parts and "|" not in parts[0]:
        caption.append(parts.pop(0) + ".")
    if len(parts) < 3:
        return None
    rows = [[cell.strip() for cell in part.split("|")] for part in parts]
    width = len(rows[-1])
    first = rows[0]
    if len(first) == width + 1 and _TABLE_LABEL.match(first[0]):
        caption.append(first.pop(0))  # "Table 1 | Split | Images": the caption in the first cell
    elif not caption and _TABLE_LABEL.match(first[0]) and ". " in first[0]:
        head, _, cell = first[0].rpartition(". ")
        caption.append(head + ".")  # "Table 3. Hyperparameters. Parameter | Value"
        first[0] = cell
    if width < 2 or any(len(row) != width for row in rows):
        return None
    return [" ".join(caption)] * bool(caption) + ["| " + " | ".join(row).rstrip(".") + " |" for row in rows]


def _unflatten_tables(text: str) -> str:
    """Text with each table that was flattened onto one line (rows joined by "||" or by full
    stops) put back on lines of its own, so that the pipe-table reader sees its rows."""
    if "|" not in text:
        return text
    out: List[str] = []
    for line in text.split("\n"):
        rows = _unflatten_table(line) if line.count("|") >= 4 else None
        if rows:
            out.extend(["", *rows, ""])
        else:
            out.append(line)
    return "\n".join(out)


def _render_pipe_tables(text: str) -> str:
    """Text with each run of two or more pipe-table rows (with the same number of cells)
    replaced by one paragraph of its own (see :func:`_render_pipe_table`): joined as prose,
    the rows of a Markdown table run into each other ("| 32 | | Epochs | 50 |") and no
    rule can tell which value belongs to which setting."""
    if text.count("|") < 2 and "  " not in text:
        return text
    lines = text.split("\n")
    out: List[str] = []
    i = 0
    while i < len(lines):
        first = _pipe_cells(lines[i])
        cells_of = _pipe_cells
        pair = _pair_cells(lines[i]) if first is None else None
        if pair and i + 1 < len(lines) and _pair_cells(lines[i + 1]):
            first, cells_of = pair, _pair_cells  # "Input size | 384 x 384" over "Augmentation | none"
        spaced = _space_cells(lines[i]) if first is None and pair is None else None
        if spaced and i + 2 < len(lines) and all(
                (c := _space_cells(lines[i + d])) is not None and len(c) == len(spaced) and any(re.search(r"\d", x) for x in c)
                for d in (1, 2)):
            first, cells_of = spaced, _space_cells  # a header and at least two rows with digits, columns set by spaces
        j = i + 1
        rows = [first] if first else []
        while first and j < len(lines):
            cells = cells_of(lines[j])
            if cells is None or len(cells) != len(first):
                break
            rows.append(cells)
            j += 1
        if len(rows) >= 2 and len(first) >= 2:
            rendered = _render_pipe_table(rows)
            k = len(out)
            while k and not out[k - 1].strip():
                k -= 1
            if k and _CAPTION_LINE.match(out[k - 1]) and (k == 1 or not out[k - 2].strip()):
                # the caption names what the cells count ("Table 1. Images per class and
                # subset."): it heads the table's paragraph, as it does in a PDF
                rendered = _EMPHASIS.sub(r"\1", out[k - 1].strip()) + " " + rendered
                del out[k - 1:]
            out.extend(["", rendered, ""])
            i = j
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


# a two-column table printed one column after the other: "Setting" over the names, then
# "Value" over the values, one cell per line
_NAME_HEADER = re.compile(r"^(?:settings?|parameters?|hyper-?\s?parameters?|names?|items?|quantity|variable|arguments?|options?|keys?|"
                          r"(?:parameter|setting|argument|option)\s+names?)$", re.IGNORECASE)
_VALUE_HEADER = re.compile(r"^(?:values?|settings?\s+values?|values?\s+used|used)$", re.IGNORECASE)
_MAX_CELL_LINE_WORDS = 7


def _pair_column_table(lines: List[str]) -> List[str]:
    """Lines of a name column followed by its value column, turned into "name: value" pairs.

    >>> _pair_column_table(["Table 1.", "Setting", "Optimizer", "Batch size", "Value", "Adam", "32", "Training took 2 h."])
    ['Table 1.', 'Optimizer: Adam; Batch size: 32.', 'Training took 2 h.']
    >>> _pair_column_table(["Argument", "batch", "epochs", "Value", "16", "120"])
    ['batch: 16; epochs: 120.']
    """
    for h, line in enumerate(lines):
        if not _NAME_HEADER.match(line):
            continue
        for k in range(h + 2, min(len(lines), h + 40)):
            if _VALUE_HEADER.match(lines[k]):
                n = k - h - 1
                names, values = lines[h + 1:k], lines[k + 1:k + 1 + n]
                cells = names + values
                if len(values) == n and all(len(c.split()) <= _MAX_CELL_LINE_WORDS and not c.endswith(".") for c in cells):
                    pairs = "; ".join(f"{a}: {b}" for a, b in zip(names, values))
                    return lines[:h] + [pairs + "."] + _pair_column_table(lines[k + 1 + n:])
                break
            if len(lines[k].split()) > _MAX_CELL_LINE_WORDS:
                break
    return lines


_EMPTY_CELL = re.compile(r"^(?:[\-\u2013\u2014]|n/?a|NA|nd|\u2026)$", re.IGNORECASE)


def _cell_line_table(lines: List[str]) -> List[str]:
    """A captioned table printed one cell per line, row after row (header cells, then each
    row's label and its numbers), put back together as the pipe-table reader renders it.

    >>> _cell_line_table(["Table 1. Images.", "Split", "Train", "Test", "Sites", "20", "5", "Images", "900", "210", "Fine."])
    ['Table 1. Images.', 'Split Train Test Sites 20 5 Images 900 210.', 'Fine.']
    """
    for h, line in enumerate(lines):
        if not _TABLE_CAPTION.match(line):
            continue
        start = k = h + 1
        while k < len(lines) and k - start <= 12 and not _CELL_NUMBER.match(lines[k]) \
                and len(lines[k].split()) <= _MAX_CELL_LINE_WORDS and not lines[k].endswith("."):
            k += 1
        width = k - 1 - start  # the header's cells; the line before the first number labels the first row
        if k >= len(lines) or not _CELL_NUMBER.match(lines[k]) or width < 3:
            continue
        rows, pos = [lines[start:k - 1]], k - 1
        while pos + width <= len(lines):
            row = lines[pos:pos + width]
            if _CELL_NUMBER.match(row[0]) or len(row[0].split()) > _MAX_CELL_LINE_WORDS or row[0].endswith("."):
                break
            if not all(_CELL_NUMBER.match(c) or _EMPTY_CELL.match(c) for c in row[1:]):
                break
            rows.append(row)
            pos += width
        if len(rows) >= 3:
            return lines[:h + 1] + [_render_pipe_table(rows)] + _cell_line_table(lines[pos:])
    return lines


def _parse(text: str, source: str, digest: str) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _render_pipe_tables(_unflatten_tables(_drop_repeated_lines(_strip_line_numbers(text))))
    pieces: List[Tuple[List[str], int]] = []
    for para in _BLANK_LINES.split(text):
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        if not lines:
            continue
        lines = _cell_line_table(_pair_column_table(lines))
        for piece, level in _split_markdown_headings(lines):
            if level:
                pieces.append((piece, level))
            elif _nested_headings(piece):
                # a heading and its first subheading with no blank line between them
                # ("3. Methods" / "3.1. Sampling design"): each of them is a heading
                pieces.extend(([ln], 2) for ln in piece)
            else:
                for part in _split_unbroken(piece):
                    if part[0].startswith(_HEADING_MARK):
                        pieces.append(([part[0][len(_HEADING_MARK):]], 2))
                    else:
                        pieces.append((_restore_line_breaks(_keyword_lines(part)), 0))
    vocab = Vocabulary.from_paragraphs(chunk for chunk, _ in pieces)
    blocks: List[Block] = []
    title: Optional[str] = None
    for chunk, level in pieces:
        is_heading = level > 0
        if not is_heading:
            is_heading, chunk = _looks_like_heading(chunk)
        joined = join_lines(chunk, vocab)
        if not joined:
            continue
        if level == 1 and not blocks:
            title = joined  # a leading "# Title" line names the document
        blocks.append(Block(text=joined, page=None, is_heading=is_heading))
    blocks = _merge_table_columns(blocks)
    return Document(source=source, sha256=digest, blocks=blocks, pages=None, title=title)


def _cell_like(block: Block) -> bool:
    words = block.text.split()
    if block.is_heading or not words or len(words) > _MAX_CELL_WORDS:
        return False
    if _SENTENCE_INSIDE.search(block.text) or _NUMBERED_HEADING.match(block.text):
        return False
    return not (block.text.endswith(".") and len(words) > 6)


def _number_column(block: Block) -> bool:
    words = block.text.split()
    numbers = sum(bool(_CELL_NUMBER.match(w)) for w in words)
    return numbers >= 2 and numbers * 2 >= len(words)


def _merge_table_columns(blocks: List[Block]) -> List[Block]:
    """Joins a "Table N" caption block and the run of cell-like blocks after it into one
    block, when the run has three or more blocks and one of them is a column of numbers.

    Example: blocks "Table 2 Splits.", "Set", "Train Validation Test", "Images" and
    "800 100 100" become "Table 2 Splits. Set Train Validation Test Images 800 100 100".
    Headings ("2.3 Training") end a run; a table without a caption just before it is
    left as it is.
    """
    out: List[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        out.append(block)
        i += 1
        if block.is_heading or not _TABLE_CAPTION.match(block.text):
            continue
        j, size = i, len(block.text)
        while j < len(blocks) and _cell_like(blocks[j]) and size + len(blocks[j].text) < _MAX_TABLE_CHARS:
            size += len(blocks[j].text) + 1
            j += 1
        run = blocks[i:j]
        if len(run) >= 3 and any(_number_column(b) for b in run):
            out[-1] = Block(text=" ".join(b.text for b in [block] + run), page=None)
            i = j
    return out
