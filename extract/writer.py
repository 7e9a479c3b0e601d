"""Raw CSV output: one folder per table family, one file per report, written atomically."""

from __future__ import annotations

import csv
import logging
import os
import re
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from . import EXTRACTOR_VERSION
from .model import Evaluation, ExtractedReport
from .schema import (
    ALL_KINDS,
    EVALUATION_FAMILIES,
    MANIFEST_COLUMNS,
    NARRATIVE,
    NARRATIVE_SENTENCES,
    OTHER_TABLES,
    PRINTED_NAMES,
    REPORT_COLUMNS,
    SUB_COLUMNS,
    raw_families,
)

EMPTY_FILE = "_empty.csv"  # a header-only file so every family folder always has a CSV
RUN_MANIFESTS = "manifests"  # one manifest per run, beside the cumulative manifest.csv
VERSION_MARKER = ".extractor_version"  # the version whose header every raw file has
QUARANTINE_DIR = "quarantine"  # raw files of reports read but held out: the same layout, not a family
log = logging.getLogger("extract")


def _readable_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _readable_mode()


class UndeclaredColumns(ValueError):
    """A row whose keys are not the columns its family declares: a misspelt or forgotten
    column would otherwise become a blank column, which the warehouse reads as 0.00."""


_NEEDS_QUOTES = re.compile(r'[,"\n\r]')


def _field(value: str) -> str:
    """A string as polars writes it: quoted when empty (an empty string, which polars tells
    from a null) or holding a comma, a quote or a line break, with its quotes doubled."""
    if not value:
        return '""'
    if _NEEDS_QUOTES.search(value):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_text(rows: list[dict], columns: tuple[str, ...], name: str) -> str:
    """The CSV of rows under the declared columns, every value as text (None as empty), byte
    for byte what polars' write_csv makes of a frame of strings; a file per report and family
    is too small for a frame to pay (polars took a millisecond a file, most of the batch
    process's work)."""
    declared = set(columns)
    for row in rows:
        if row.keys() != declared:
            missing, extra = sorted(declared - row.keys()), sorted(row.keys() - declared)
            raise UndeclaredColumns(f"{name}: row {row.get('row_no', '?')} has extra columns {extra}, lacks {missing}")
    lines = [",".join(map(_field, columns))]
    lines += [",".join(_field("" if row[column] is None else str(row[column])) for column in columns) for row in rows]
    return "".join(line + "\n" for line in lines)


def write_csv_atomic(path: Path, rows: list[dict], columns: tuple[str, ...]) -> None:
    """Write via a temporary file in the same folder and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = csv_text(rows, columns, str(path))
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, _FILE_MODE)  # mkstemp makes 0600; a BI service account must read these
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle), [])


REPORT_FAMILIES = [folder for folder in raw_families() if folder != "reports"]


def _align_columns(path: Path, columns: tuple[str, ...]) -> None:
    """A raw file an earlier extractor version wrote, given today's header: the columns it
    lacks are blank, the order is the declared one. Every file of a family then has one
    header, so the warehouse reads a folder file by file (not all files open at once)."""
    frame = pl.read_csv(path, infer_schema=False)
    if not set(frame.columns) <= set(columns):
        log.warning("%s: columns %s are not declared; left as it is", path, sorted(set(frame.columns) - set(columns)))
        return
    missing = [pl.lit("").alias(column) for column in columns if column not in frame.columns]
    rows = frame.with_columns(missing).select(columns).to_dicts()
    write_csv_atomic(path, rows, columns)


def prepare_raw_dir(raw_dir: Path) -> None:
    """Header-only files for every family, no temporary file left by a killed run, and after
    an extractor upgrade every raw file on today's header."""
    upgraded = _read_marker(raw_dir) != EXTRACTOR_VERSION
    for folder, columns in raw_families().items():
        for stale in (raw_dir / folder).glob(".*.tmp"):
            stale.unlink(missing_ok=True)
        empty = raw_dir / folder / EMPTY_FILE
        if not empty.exists() or _header(empty) != list(columns):
            write_csv_atomic(empty, [], columns)
        for path in (raw_dir / folder).glob("*.csv") if upgraded else ():
            if _header(path) != list(columns):
                _align_columns(path, columns)
    for stale in [*raw_dir.glob(".*.tmp"), *(raw_dir / RUN_MANIFESTS).glob(".*.tmp")]:
        stale.unlink(missing_ok=True)
    if upgraded:
        (raw_dir / VERSION_MARKER).write_text(EXTRACTOR_VERSION + "\n", encoding="utf-8")


def _read_marker(raw_dir: Path) -> str:
    marker = raw_dir / VERSION_MARKER
    return marker.read_text(encoding="utf-8").strip() if marker.exists() else ""


def extracted_reports(raw_dir: Path) -> dict[str, dict]:
    """Reports already extracted into raw_dir (or its quarantine folder) and complete (every
    family file present), by sha256, with the version of the extractor that wrote them."""
    found = _complete_reports(raw_dir / QUARANTINE_DIR)
    return found | _complete_reports(raw_dir)


def _complete_reports(raw_dir: Path) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for path in (raw_dir / "reports").glob("*.csv"):
        if path.name == EMPTY_FILE:
            continue
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                complete = all((raw_dir / folder / f"{row['report_id']}.csv").exists() for folder in REPORT_FAMILIES)
                if complete:
                    found[row["sha256"]] = row
    return found


def evaluation_rows(evaluations: list[Evaluation]) -> dict[str, list[dict]]:
    """Raw rows of every evaluation family (without report_id and source_file)."""
    rows: dict[str, list[dict]] = {family: [] for family in EVALUATION_FAMILIES}
    for evaluation in evaluations:
        base = {"evaluation_no": evaluation.number}
        position = {"page": evaluation.first_page, "row_no": 1}
        if evaluation.kind == "unit":
            rows["e01_unit_evaluations"].append({**position, **base, **evaluation.header})
            for task in evaluation.tasks:
                rows["e02_unit_evaluation_tasks"].append(
                    {**base, "unit_label": evaluation.header["unit_label"], **task}
                )
        else:
            rows["e03_project_evaluations"].append({**position, **base, **evaluation.header})
        for number, indicator in enumerate(evaluation.indicators, start=1):
            rows["e04_performance_indicators"].append(
                {
                    **base,
                    "subject_type": evaluation.kind,
                    "subject_name": evaluation.subject_name,
                    "indicator_no": number,
                    **indicator,
                }
            )
    return rows


def _report_row(report: ExtractedReport, source_label: str) -> dict:
    masthead = report.masthead
    modified_ns = report.source_path.stat().st_mtime_ns
    modified = datetime.fromtimestamp(modified_ns / 1e9, timezone.utc)
    return {
        "report_id": report.report_id,
        "source_file": source_label,
        "sha256": report.sha256,
        "entity_name": masthead.entity_name or "",
        "fiscal_year": masthead.fiscal_year or "",
        "report_kind": masthead.kind,
        "page_count": report.page_count,
        "tables_found": " ".join(sorted(report.rows)),
        "tables_listed": " ".join(report.tables_listed),
        "tables_titled": " ".join(report.tables_titled),
        "evaluations_found": len(report.evaluations),
        "rows_extracted": report.rows_extracted,
        "warnings": "; ".join(report.warnings),
        "source_modified": modified.isoformat(timespec="microseconds"),
        "source_modified_ns": modified_ns,
        "extractor_version": EXTRACTOR_VERSION,
    }


def write_report(raw_dir: Path, report: ExtractedReport, source_label: str, quarantined: bool = False) -> None:
    """All raw files of one report, in raw_dir or its quarantine folder (and no longer in the
    other); the report row is written last, so a report listed in reports/ always has its tables."""
    provenance = {"report_id": report.report_id, "source_file": source_label}
    family_rows = {kind.raw_name: report.rows.get(kind.number, []) for kind in ALL_KINDS}
    family_rows |= evaluation_rows(report.evaluations)
    family_rows |= {
        OTHER_TABLES: report.other_rows,
        SUB_COLUMNS: report.sub_column_rows,
        NARRATIVE: report.narrative_rows,
        NARRATIVE_SENTENCES: report.narrative_sentence_rows,
        PRINTED_NAMES: report.printed_name_rows,
    }
    root, other = (raw_dir / QUARANTINE_DIR, raw_dir) if quarantined else (raw_dir, raw_dir / QUARANTINE_DIR)
    columns = raw_families()
    for folder in REPORT_FAMILIES:
        rows = [{**provenance, **row} for row in family_rows[folder]]
        write_csv_atomic(root / folder / f"{report.report_id}.csv", rows, columns[folder])
    write_csv_atomic(root / "reports" / f"{report.report_id}.csv", [_report_row(report, source_label)], REPORT_COLUMNS)
    _remove_report(other, report.report_id)


def _remove_report(root: Path, report_id: str) -> None:
    for folder in ["reports", *REPORT_FAMILIES]:  # the report row first: never listed without its tables
        (root / folder / f"{report_id}.csv").unlink(missing_ok=True)


def retire_report(raw_dir: Path, report_id: str) -> None:
    """Remove every raw file of a report, published or quarantined."""
    _remove_report(raw_dir, report_id)
    _remove_report(raw_dir / QUARANTINE_DIR, report_id)


def _read_manifest(path: Path) -> list[dict]:
    """The cumulative manifest; rows an older extractor wrote get today's columns (blank)."""
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if set(row) <= set(MANIFEST_COLUMNS) and row.get("source_path")]
    return [{column: row.get(column) or "" for column in MANIFEST_COLUMNS} for row in rows]


def write_manifests(raw_dir: Path, entries: list[dict], started: datetime) -> None:
    """This run's manifest (manifests/<start>-<pid>.csv) and the cumulative manifest.csv:
    every input any run has seen, with what the latest run that saw it made of it."""
    stamp = started.strftime("%Y%m%dT%H%M%S%fZ")
    write_csv_atomic(raw_dir / RUN_MANIFESTS / f"{stamp}-{os.getpid()}.csv", entries, MANIFEST_COLUMNS)
    latest = {row["source_path"]: row for row in _read_manifest(raw_dir / "manifest.csv")}
    latest.update({entry["source_path"]: entry for entry in entries})
    write_csv_atomic(raw_dir / "manifest.csv", list(latest.values()), MANIFEST_COLUMNS)
