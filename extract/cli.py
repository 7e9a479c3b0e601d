"""python -m extract INPUT... --out RAW_DIR: a batch of reports (PDF or text dumps) to raw
CSVs and a manifest (the engine is extract/batch.py).

The exit status is 1 if any input failed, else 0 (2 if the manifest itself could not be
written).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .batch import run
from .isolation import Limits


def configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(levelname)s %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("pdfminer").setLevel(logging.WARNING)


def main(argv: list[str] | None = None, prog: str = "python -m extract", parser_class=argparse.ArgumentParser) -> int:
    parser = parser_class(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help="report files (PDF, or .txt text dumps) or folders of them")
    parser.add_argument("--out", required=True, type=Path, help="raw CSV directory")
    parser.add_argument("--verbose", action="store_true", help="show details of failures")
    parser.add_argument("--jobs", type=int, default=1, help="reports extracted in parallel processes (default 1)")
    add_limit_options(parser)
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    return run(args.inputs, args.out, args.verbose, args.jobs, limits_from(args), args.executor).exit_code


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    """The per-file limits, and where the files are extracted."""
    defaults = Limits()
    parser.add_argument(
        "--executor",
        metavar="ADDRESS",
        help="a Dask distributed scheduler (tcp://host:8786) whose workers extract the files; default: here",
    )
    parser.add_argument(
        "--time-limit", type=float, default=defaults.seconds, help=f"seconds per file (default {defaults.seconds:g})"
    )
    parser.add_argument(
        "--memory-limit", type=int, default=defaults.memory_mb, help=f"MB per file (default {defaults.memory_mb})"
    )


def limits_from(args: argparse.Namespace) -> Limits:
    return Limits(seconds=args.time_limit, memory_mb=args.memory_limit)
