"""The command line: ``python -m newsledger run`` and friends."""

from __future__ import annotations

import argparse
import ast
import sys

from . import pipeline


def _parameter(text: str) -> tuple[str, object]:
    """``NAME=VALUE``; the value is a Python literal (``20``, ``1e6``, ``'x'``) or else the string as written.

    ``ast.literal_eval`` evaluates literals only, never code."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip().isidentifier():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        return name.strip(), ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return name.strip(), value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsledger", description="Turn news articles into a verified ledger of figures and events.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the pipeline's notebooks (ingest, annotate, analyze, report)")
    run.add_argument("--raw", metavar="DIR", help="folder of raw articles (default: data/raw)")
    run.add_argument("--processed", metavar="DIR", help="folder for the stages' tables (default: data/processed)")
    run.add_argument("--reports", metavar="DIR", help="folder for the report and executed notebooks (default: reports)")
    run.add_argument("--stage", choices=pipeline.STAGE_NAMES, help="run only this stage")
    run.add_argument("--force", action="store_true", help="recompute ingest and annotate even where nothing changed since the last run")
    run.add_argument("--scheduler", metavar="ADDRESS", help="annotate on this Dask distributed scheduler (e.g. tcp://10.0.0.5:8786) "
                     "instead of this machine's cores")
    run.add_argument("-p", "--param", metavar="NAME=VALUE", action="append", default=[], type=_parameter,
                     help="a notebook parameter (e.g. min_words=20); an unknown name is refused")
    commands.add_parser("dictionary", help="write docs/data_dictionary.md from the table schemas")
    commands.add_parser("baseline", help="re-execute the notebooks in place: nbval's new baseline")
    native = commands.add_parser("native", help="compile the annotators with mypyc (same results, faster), or say whether they are")
    native.add_argument("action", choices=["build", "status"])
    args = parser.parse_args(argv)

    if args.command == "dictionary":
        from .dictionary import write_data_dictionary

        print(f"written: {write_data_dictionary()}")
        return 0
    if args.command == "baseline":
        pipeline.refresh_baseline()
        return 0
    if args.command == "native":
        from .annotate import native as native_build

        if args.action == "status":
            print(native_build.status())
            return 0
        return 0 if native_build.build() else 1
    try:
        report = pipeline.run(args.raw, args.processed, args.reports, args.stage, parameters=dict(args.param),
                              force=args.force, scheduler=args.scheduler)
    except pipeline.StageFailed as failure:
        print(f"error: {failure}", file=sys.stderr)
        print(f"       the executed notebook, with the error in it: {failure.executed}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:  # a folder, a parameter or the disk: the message says which
        print(f"error: {error}", file=sys.stderr)
        return 2
    if report:
        print(f"report: {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
