"""fiscal: the warehouse's one command.

  fiscal build FOLDER...    extract what is new, build, check and publish the warehouse
  fiscal extract FOLDER...  extract only, to raw CSVs (--out)
  fiscal query "SQL"        run SQL against the published warehouse (read-only)
  fiscal export FORMAT      the marts as parquet, csv (UTF-8 with BOM) or xlsx
  fiscal report [--html DIR] each report and every check that did not pass (and an HTML report)
  fiscal coverage           the scoreboard: per report what was read, and the shares
  fiscal docs               the documentation site of the models, served on localhost
  fiscal --version          the version of the package and of the extractor

Exit codes, the same for every command (cron can tell them apart):
  0  done
  1  done in part: some inputs failed or reports were quarantined; the rest is published
  2  nothing done: nothing published, no warehouse to read, or the command failed
  64 the command line was wrong
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .warehouse import NoWarehouse, default_warehouse

DONE, PARTIAL, FAILED, USAGE = 0, 1, 2, 64
log = logging.getLogger("fiscal")


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on a wrong command line; here 2 means "nothing published"."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(USAGE, f"{self.prog}: error: {message}\n")


def _warehouse_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--warehouse", type=Path, default=default_warehouse(), help="the published warehouse (default %(default)s)"
    )


def _query(argv: list[str]) -> int:
    from .query import DEFAULT_ROWS, run_query

    parser = _Parser(prog="fiscal query", description="Run SQL against the published warehouse (read-only).")
    parser.add_argument("sql")
    parser.add_argument("--csv", action="store_true", help="CSV on stdout instead of a table")
    parser.add_argument("--max-rows", type=int, default=DEFAULT_ROWS, help="rows shown in a table")
    _warehouse_option(parser)
    args = parser.parse_args(argv)
    run_query(args.warehouse, args.sql, args.csv, args.max_rows)
    return DONE


def _export(argv: list[str]) -> int:
    from .export import EXPORTERS
    from .warehouse import connect

    parser = _Parser(prog="fiscal export", description="Export every mart of the published warehouse.")
    parser.add_argument("format", choices=sorted(EXPORTERS))
    parser.add_argument("--out", type=Path, default=Path("exports"), help="folder (default %(default)s)")
    _warehouse_option(parser)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with connect(args.warehouse) as connection:
        written = EXPORTERS[args.format](connection, args.out)
    print(f"wrote {len(written)} {args.format} file(s) to {args.out}", file=sys.stderr)
    return DONE


def _report(argv: list[str]) -> int:
    from .html_report import write_html_report
    from .report import report_data, report_lines

    parser = _Parser(prog="fiscal report", description="Each current report and every check that did not pass.")
    _warehouse_option(parser)
    parser.add_argument("--html", type=Path, metavar="DIR", help="also write the HTML report (index.html) into DIR")
    parser.add_argument("--json", action="store_true", help="the reports and findings as JSON on stdout")
    args = parser.parse_args(argv)
    if args.json:
        print(json.dumps(report_data(args.warehouse), ensure_ascii=False, indent=1, default=str))
    else:
        print("\n".join(report_lines(args.warehouse)))
    if args.html:
        print(f"HTML report: {write_html_report(args.warehouse, args.html)}")
    return DONE


def _coverage(argv: list[str]) -> int:
    from .coverage import coverage_lines

    parser = _Parser(prog="fiscal coverage", description="What was read of each report, and the shares.")
    parser.add_argument("--reports", action="store_true", help="a line for every report too")
    _warehouse_option(parser)
    args = parser.parse_args(argv)
    print("\n".join(coverage_lines(args.warehouse, reports=args.reports)))
    return DONE


def _docs(argv: list[str]) -> int:
    from .docs import generate_docs, serve_docs

    parser = _Parser(prog="fiscal docs", description="Generate the models' documentation and serve it on localhost.")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--no-serve", action="store_true", help="generate only")
    parser.add_argument("--target", type=Path, default=Path("target/docs"), help="where the site is written")
    parser.add_argument("--raw-dir", type=Path, default=Path("data/raw"))
    _warehouse_option(parser)
    args = parser.parse_args(argv)
    index = generate_docs(args.warehouse, args.raw_dir, args.target)
    print(f"documentation: {index}", file=sys.stderr)
    if args.no_serve:
        return DONE
    print(f"serving on http://127.0.0.1:{args.port} (Ctrl-C stops)", file=sys.stderr)
    return serve_docs(args.warehouse, args.raw_dir, args.target, args.port)


def _build(argv: list[str]) -> int:
    from .build import main as build_main

    return build_main(argv, prog="fiscal build", parser_class=_Parser)


def _extract(argv: list[str]) -> int:
    from extract.cli import main as extract_main

    return extract_main(argv, prog="fiscal extract", parser_class=_Parser)


def version_line() -> str:
    """The package's version and the extractor's (raw files are redone when the latter changes)."""
    from importlib.metadata import PackageNotFoundError, version

    from extract import EXTRACTOR_VERSION

    try:
        package = version("fiscal-warehouse")
    except PackageNotFoundError:  # run from a checkout that was never installed
        package = "unknown"
    return f"fiscal {package} (extractor {EXTRACTOR_VERSION})"


COMMANDS = {"build": _build, "extract": _extract, "query": _query, "export": _export, "report": _report,
            "coverage": _coverage, "docs": _docs}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__, file=sys.stderr if not argv else sys.stdout)
        return USAGE if not argv else DONE
    if argv[0] == "--version":
        print(version_line())
        return DONE
    command = COMMANDS.get(argv[0])
    if command is None:
        print(f"fiscal: unknown command {argv[0]!r}; one of {', '.join(COMMANDS)}", file=sys.stderr)
        return USAGE
    try:
        return command(argv[1:])
    except NoWarehouse as exc:
        print(f"fiscal {argv[0]}: {exc}", file=sys.stderr)
        return FAILED
    except SystemExit as exc:  # --help, or a usage error from _Parser
        return exc.code if isinstance(exc.code, int) else FAILED
    except Exception as exc:  # a failed query, a full disk: a reason, not a traceback
        print(f"fiscal {argv[0]}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return FAILED


if __name__ == "__main__":
    raise SystemExit(main())
