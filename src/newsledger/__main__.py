"""The command line: ``python -m newsledger run`` and friends."""

from __future__ import annotations

import argparse
import sys

from . import pipeline


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsledger", description="Turn news articles into a verified ledger of figures and events.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the pipeline's notebooks (ingest, annotate, analyze, report)")
    run.add_argument("--raw", metavar="DIR", help="folder of raw articles (default: data/raw)")
    run.add_argument("--processed", metavar="DIR", help="folder for the stages' tables (default: data/processed)")
    run.add_argument("--reports", metavar="DIR", help="folder for the report and executed notebooks (default: reports)")
    run.add_argument("--stage", choices=pipeline.STAGE_NAMES, help="run only this stage")
    commands.add_parser("dictionary", help="write docs/data_dictionary.md from the table schemas")
    commands.add_parser("baseline", help="re-execute the notebooks in place: nbval's new baseline")
    args = parser.parse_args(argv)

    if args.command == "dictionary":
        from .dictionary import write_data_dictionary

        print(f"written: {write_data_dictionary()}")
        return 0
    if args.command == "baseline":
        pipeline.refresh_baseline()
        return 0
    try:
        report = pipeline.run(args.raw, args.processed, args.reports, args.stage)
    except pipeline.StageFailed as failure:
        print(f"error: {failure}", file=sys.stderr)
        print(f"       the executed notebook, with the error in it: {failure.executed}", file=sys.stderr)
        return 1
    except (FileNotFoundError, NotADirectoryError, PermissionError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if report:
        print(f"report: {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
