"""Command line: ``extractor extract PATH...`` and ``extractor rules check``.

Exit codes: 0 every report written; 1 some inputs failed (the others are written);
2 usage error.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

from . import __version__
from .errors import ExtractorError, RuleError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; keep its one-line style
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


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
    ex.add_argument("--engine", choices=("pdfplumber", "pdfium"), default="pdfplumber",
                    help="PDF reader (default: pdfplumber; pdfium is faster, see bench/README.md)")

    rules = sub.add_parser("rules", help="work with the rule files",
                           description="Work with the rule files shipped in the package.")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="ACTION", parser_class=_Parser)
    rules_sub.add_parser("check", help="validate every rule, catalogue and context file",
                         description="Validate every rule file; prints problems with file and rule id.")
    return parser


def _err(message: str) -> None:
    sys.stderr.write(f"extractor: error: {message}\n")


def cmd_extract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .batch import Progress, expand_inputs, process_one, run_batch

    single = len(args.paths) == 1 and not Path(args.paths[0]).is_dir()
    if single and not args.out:
        path = Path(args.paths[0])
        out_file = Path(args.output) if args.output else None
        outcome = process_one(path, out_file, args.format, args.force or out_file is None, args.engine)
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
                         engine=args.engine)
    failed = sum(1 for o in outcomes if o.error)
    sys.stderr.write(f"extractor: {len(outcomes) - failed} of {len(outcomes)} reports written to "
                     f"{args.out} (summary.csv lists each input)\n")
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


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "extract":
            return cmd_extract(args, parser)
        if args.command == "rules":
            if args.rules_command == "check":
                return cmd_rules_check()
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
