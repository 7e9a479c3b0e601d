"""python -m extract INPUT... --out RAW_DIR: a batch of reports (PDF or text dumps) to raw
CSVs and a manifest.

Incremental: a file whose content (sha256) was already extracted by this extractor version
is skipped, so reruns leave the raw CSVs byte for byte as they were. One bad file never
stops the batch; the exit status is 1 if any input failed, else 0.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import EXTRACTOR_VERSION
from .model import UnreadableInput, file_sha256
from .pdf import extract_pdf
from .textdump import extract_text
from .writer import extracted_reports, prepare_raw_dir, write_manifest, write_report

SUPPORTED_SUFFIXES = {".pdf", ".txt"}
log = logging.getLogger("extract")


@dataclass
class BatchSummary:
    """What a run did with each input, for the exit status and the run log."""

    extracted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


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
    """A .txt file is a text dump of a report; anything else is tried as a PDF (a report
    saved without ".pdf" still reads)."""
    if path.suffix.lower() == ".txt":
        return extract_text(path, sha256)
    return extract_pdf(path, sha256)


def _extract_or_reason(path: Path, sha256: str):
    """(report, None) or (None, reason); runs in a worker process, so nothing is raised."""
    try:
        return extract_one(path, sha256), None
    except UnreadableInput as exc:  # expected: the reason is for people, the chain for --verbose
        return None, (str(exc), "".join(traceback.format_exception(exc)))
    except Exception as exc:  # an extractor defect must not cost the other inputs
        return None, (f"internal error: {type(exc).__name__}: {exc}", "".join(traceback.format_exception(exc)))


def run(inputs: list[str], raw_dir: Path, verbose: bool = False, jobs: int = 1) -> BatchSummary:
    """Extract every input into raw_dir and write its manifest. With jobs > 1 reports are
    extracted in that many processes; results are written in input order either way."""
    prepare_raw_dir(raw_dir)
    known = extracted_reports(raw_dir)
    summary = BatchSummary()
    entries: list[dict] = []
    seen: dict[str, str] = {}
    to_extract: list[tuple[Path, str, dict]] = []
    for path in collect_inputs(inputs):
        entry = {"source_path": str(path), "sha256": "", "status": "failed", "reason": "", "report_id": ""}
        entries.append(entry)
        if not path.is_file():
            entry["reason"] = "no such file"
        else:
            sha256 = file_sha256(path)
            entry["sha256"] = sha256
            previous = known.get(sha256)
            if path.stat().st_size == 0:
                entry["reason"] = "empty file"
            elif sha256 in seen:
                entry.update(status="duplicate", reason=f"same content as {seen[sha256]}")
                summary.duplicate.append(str(path))
                log.info("%s: duplicate of %s", path, seen[sha256])
                continue
            elif previous and previous.get("extractor_version") == EXTRACTOR_VERSION:
                seen[sha256] = str(path)
                entry.update(status="ok", report_id=previous["report_id"], reason=previous["warnings"])
                summary.skipped.append(str(path))
                log.info("%s: unchanged, already extracted as %s", path, previous["report_id"])
                continue
            else:
                seen[sha256] = str(path)
                to_extract.append((path, sha256, entry))
                continue
        summary.failed[str(path)] = entry["reason"]
        log.error("%s: failed: %s", path, entry["reason"])
    if jobs > 1 and len(to_extract) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = pool.map(_extract_or_reason, [p for p, _, _ in to_extract], [h for _, h, _ in to_extract])
            outcomes = list(results)
    else:
        outcomes = [_extract_or_reason(path, sha256) for path, sha256, _ in to_extract]
    for (path, _, entry), (report, failure) in zip(to_extract, outcomes):
        if report is not None:
            write_report(raw_dir, report, str(path))
            entry.update(status="ok", report_id=report.report_id, reason="; ".join(report.warnings))
            summary.extracted.append(str(path))
            log.info("%s: ok, tables %s", path, " ".join(sorted(report.rows)))
            continue
        reason, details = failure
        entry["reason"] = reason
        summary.failed[str(path)] = reason
        log.error("%s: failed: %s", path, reason)
        if verbose and details:
            log.debug(details)
    write_manifest(raw_dir, entries)
    log.info(
        "%d inputs: %d extracted, %d unchanged, %d duplicate, %d failed",
        len(entries),
        len(summary.extracted),
        len(summary.skipped),
        len(summary.duplicate),
        len(summary.failed),
    )
    return summary


def configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(levelname)s %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("pdfminer").setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract", description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help="report files (PDF, or .txt text dumps) or folders of them")
    parser.add_argument("--out", required=True, type=Path, help="raw CSV directory")
    parser.add_argument("--verbose", action="store_true", help="show details of failures")
    parser.add_argument("--jobs", type=int, default=1, help="reports extracted in parallel processes (default 1)")
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    return run(args.inputs, args.out, args.verbose, args.jobs).exit_code
