"""python -m extract INPUT... --out RAW_DIR: a batch of reports to raw CSVs and a manifest."""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path

from .pdf_reader import UnreadableInput
from .report import extract_pdf, file_sha256
from .writer import prepare_raw_dir, write_manifest, write_report

SUPPORTED_SUFFIXES = {".pdf"}
log = logging.getLogger("extract")


def collect_inputs(arguments: list[str]) -> list[Path]:
    """Files as given, folders searched recursively, in a stable order."""
    found: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            found.append(path)
    return found


def extract_one(path: Path, sha256: str):
    suffix = path.suffix.lower()
    if suffix == ".pdf" or suffix not in SUPPORTED_SUFFIXES:
        return extract_pdf(path, sha256)
    raise UnreadableInput(f"unsupported file type {suffix!r}")


def run(inputs: list[str], raw_dir: Path, verbose: bool = False) -> int:
    """Extract every input; return 1 if any failed, else 0. One bad file never stops the batch."""
    prepare_raw_dir(raw_dir)
    entries: list[dict] = []
    seen: dict[str, str] = {}
    for path in collect_inputs(inputs):
        entry = {"source_path": str(path), "sha256": "", "status": "failed", "reason": "", "report_id": ""}
        entries.append(entry)
        try:
            if not path.is_file():
                raise UnreadableInput("no such file")
            sha256 = file_sha256(path)
            entry["sha256"] = sha256
            if path.stat().st_size == 0:
                raise UnreadableInput("empty file")
            if sha256 in seen:
                entry.update(status="duplicate", reason=f"same content as {seen[sha256]}")
                log.info("%s: duplicate of %s", path, seen[sha256])
                continue
            seen[sha256] = str(path)
            report = extract_one(path, sha256)
            write_report(raw_dir, report, str(path))
            entry.update(status="ok", report_id=report.report_id, reason="; ".join(report.warnings))
            log.info("%s: ok, tables %s", path, " ".join(sorted(report.rows)))
        except UnreadableInput as exc:
            entry["reason"] = str(exc)
            log.error("%s: failed: %s", path, exc)
            if verbose:
                log.debug("".join(traceback.format_exception(exc)))
        except Exception as exc:  # an extractor defect must not cost the other inputs
            entry["reason"] = f"internal error: {type(exc).__name__}: {exc}"
            log.error("%s: failed: %s", path, entry["reason"])
            if verbose:
                log.error("".join(traceback.format_exception(exc)))
    write_manifest(raw_dir, entries)
    failed = sum(1 for e in entries if e["status"] == "failed")
    log.info(
        "%d inputs: %d ok, %d duplicate, %d failed",
        len(entries),
        sum(1 for e in entries if e["status"] == "ok"),
        sum(1 for e in entries if e["status"] == "duplicate"),
        failed,
    )
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract", description=__doc__)
    parser.add_argument("inputs", nargs="+", help="report files (PDF) or folders of them")
    parser.add_argument("--out", required=True, type=Path, help="raw CSV directory")
    parser.add_argument("--verbose", action="store_true", help="show details of failures")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("pdfminer").setLevel(logging.WARNING)
    return run(args.inputs, args.out, args.verbose)
