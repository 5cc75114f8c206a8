"""Command line: ``extractor extract PATH...``, ``extractor rules check`` and ``extractor rules suggest``.

Exit codes: 0 every report written; 1 some inputs failed (the others are written);
2 usage error.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

from . import __version__
from .batch import DEFAULT_TIMEOUT
from .errors import ExtractorError, RuleError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; keep its one-line style
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {text!r}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be 0 or more seconds: {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="extractor",
        description="Report what deep-learning papers say about how their models were built "
                    "(28 fields: data, architecture, training, hardware, frameworks, evaluation, "
                    "availability...), each found, inferred or unstated, with evidence.",
        epilog="Exit codes: 0 all reports written; 1 some inputs failed (the others are written); "
               "2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"extractor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    ex = sub.add_parser(
        "extract", help="extract reports from PDF or text files",
        description="Extract a report from each PDF (.pdf) or text (.txt, .md) file. One file: the "
                    "report goes to stdout (or -o FILE). Several files or a folder: one report per "
                    "input in --out DIR, plus DIR/summary.csv, with a progress bar on stderr.",
    )
    ex.add_argument("paths", nargs="+", metavar="PATH", help="input files or folders (searched recursively)")
    ex.add_argument("-o", "--output", metavar="FILE", help="write the single report here instead of stdout")
    ex.add_argument("--out", metavar="DIR", help="folder for one report per input and summary.csv")
    ex.add_argument("--format", choices=("yaml", "json"), default="yaml", help="report format (default: yaml)")
    ex.add_argument("--force", action="store_true", help="overwrite reports that exist already")
    ex.add_argument("--no-progress", action="store_true", help="no progress bar")
    ex.add_argument("--jobs", type=_count, default=1, metavar="N",
                    help="a batch runs N worker processes in parallel (default: 1; 0: one per CPU); "
                         "reports and summary.csv are the same whatever N is")
    ex.add_argument("--timeout", type=_seconds, default=None, metavar="SECONDS",
                    help="time limit per input: a worker that runs longer (or crashes) is killed and "
                         "replaced, that input fails with a one-line error and the batch goes on "
                         f"(default in a batch: {DEFAULT_TIMEOUT:g}; 0: no limit; a single input runs "
                         "in-process with no limit unless this is given)")
    ex.add_argument("--resume", action="store_true",
                    help="with --out: keep a report that exists already when the sha256 it records is "
                         "the input's (summary.csv says 'resumed'); a report of a changed input is an "
                         "error unless --force")
    ex.add_argument("--dask", metavar="ADDRESS",
                    help="with --out: run the batch on a dask.distributed cluster, one task per input: "
                         "a scheduler address (tcp://host:8786) or 'local' for a local cluster of "
                         "--jobs processes; there --timeout counts from when an input is handed to "
                         "the cluster. Needs the 'dask' extra (pip install 'extractor[dask]')")
    ex.add_argument("--engine", choices=("pdfplumber", "pdfium"), default="pdfplumber",
                    help="PDF reader (default: pdfplumber; pdfium is several times faster and gives the "
                         "same findings on the shared test PDFs but one; see bench/README.md)")
    ex.add_argument("--ner", action="store_true",
                    help="also report the names the trained NER finds that no rule knows (evidence "
                         "'rule: ner'; off by default: they are for review, see README)")

    rules = sub.add_parser("rules", help="work with the rule files",
                           description="Work with the rule files shipped in the package.")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="ACTION", parser_class=_Parser)
    rules_sub.add_parser("check", help="validate every rule, catalogue and context file",
                         description="Validate every rule file; prints problems with file and rule id.")
    sg = rules_sub.add_parser(
        "suggest", help="list names the NER found that no rule knows (catalogue candidates)",
        description="Read reports (.yaml/.yml/.json, searched recursively) and list the names that the "
                    "statistical NER found (evidence with rule: ner) and that no rule of the field "
                    "matches today, with how many evidence sentences name them and example sentences, "
                    "most frequent first. Review them before adding them to rules/catalogues/.")
    sg.add_argument("--from-reports", required=True, metavar="DIR", help="folder of reports written by extract")
    sg.add_argument("--examples", type=int, default=2, metavar="N", help="example sentences per name (default 2)")
    return parser


def _err(message: str) -> None:
    sys.stderr.write(f"extractor: error: {message}\n")


def cmd_extract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .batch import Progress, expand_inputs, process_one, process_one_isolated, run_batch
    from .workers import cpu_count

    options = {"engine": args.engine, "ner": args.ner}
    single = len(args.paths) == 1 and not Path(args.paths[0]).is_dir()
    if single and not args.out:
        if args.resume or args.dask:
            parser.error("--resume and --dask work on a batch; give --out DIR")
        path = Path(args.paths[0])
        out_file = Path(args.output) if args.output else None
        force = args.force or out_file is None
        if args.timeout:
            outcome = process_one_isolated(path, out_file, args.format, force, args.timeout, options)
        else:
            outcome = process_one(path, out_file, args.format, force, options)
        if outcome.error:
            _err(outcome.error)
            return EXIT_FAILED
        if outcome.text is not None:
            sys.stdout.write(outcome.text)
        return EXIT_OK
    if args.output:
        parser.error("-o/--output takes one input file; use --out DIR for several inputs or a folder")
    if not args.out:
        parser.error("several inputs or a folder need --out DIR")
    inputs = expand_inputs(args.paths)
    if not inputs:
        _err("no .pdf, .txt or .md files found in " + ", ".join(args.paths))
        return EXIT_FAILED
    progress = Progress(len(inputs), enabled=not args.no_progress)
    outcomes = run_batch(inputs, Path(args.out), args.format, args.force, progress,
                         on_error=lambda message: progress.message(f"extractor: error: {message}"),
                         jobs=args.jobs or cpu_count(),
                         timeout=DEFAULT_TIMEOUT if args.timeout is None else args.timeout,
                         resume=args.resume, dask=args.dask, options=options)
    failed = sum(1 for o in outcomes if o.error)
    resumed = sum(1 for o in outcomes if o.outcome == "resumed")
    kept = f", {resumed} of them kept from an earlier run (--resume)" if resumed else ""
    sys.stderr.write(f"extractor: {len(outcomes) - failed} of {len(outcomes)} reports in "
                     f"{args.out}{kept} (summary.csv lists each input)\n")
    return EXIT_FAILED if failed else EXIT_OK


def cmd_rules_check() -> int:
    from .ruleset import check_all

    try:
        problems = check_all()
    except RuleError as exc:
        problems = [str(exc)]
    for problem in problems:
        _err(problem)
    if problems:
        return EXIT_FAILED
    from .ruleset import load_rules

    rules = load_rules()
    sys.stdout.write(f"rules ok: {len(rules.rules)} rules for {len(rules.fields)} fields\n")
    return EXIT_OK


def cmd_rules_suggest(args: argparse.Namespace) -> int:
    from .suggest import suggest

    folder = Path(args.from_reports)
    if not folder.is_dir():
        _err(f"{folder}: not a folder")
        return EXIT_FAILED
    suggestions, errors = suggest(folder)
    for message in errors:
        _err(message)
    if not suggestions:
        sys.stdout.write("no names from the NER that the rules do not know\n")
    for item in suggestions:
        sys.stdout.write(f"{item.count:4d}  {item.field:<12} {item.name}  ({item.reports} report"
                         f"{'s' if item.reports != 1 else ''})\n")
        for source, sentence in item.examples[:max(0, args.examples)]:
            sys.stdout.write(f"        {source}: {sentence}\n")
    return EXIT_FAILED if errors else EXIT_OK


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "extract":
            return cmd_extract(args, parser)
        if args.command == "rules":
            if args.rules_command == "check":
                return cmd_rules_check()
            if args.rules_command == "suggest":
                return cmd_rules_suggest(args)
            parser.parse_args(["rules", "--help"])
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    except RuleError as exc:
        _err(f"rule files are broken: {exc}")
        return EXIT_FAILED
    except ExtractorError as exc:
        _err(str(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("interrupted")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
