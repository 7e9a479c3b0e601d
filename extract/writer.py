"""Raw CSV output: one folder per table family, one file per report, written atomically."""

from __future__ import annotations

import csv
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from . import EXTRACTOR_VERSION
from .evaluations import EVALUATION_FAMILIES, evaluation_rows
from .families import PROVENANCE, raw_columns
from .kinds import KINDS

REPORT_COLUMNS = [
    "report_id",
    "source_file",
    "sha256",
    "entity_name",
    "fiscal_year",
    "report_kind",
    "page_count",
    "tables_found",
    "evaluations_found",
    "warnings",
    "source_modified",
    "extractor_version",
]
MANIFEST_COLUMNS = ["source_path", "sha256", "status", "reason", "report_id"]
EMPTY_FILE = "_empty.csv"  # a header-only file so every family folder always has a CSV


def _frame(rows: list[dict], columns: list[str]) -> pl.DataFrame:
    data = {column: ["" if row.get(column) is None else str(row.get(column)) for row in rows] for column in columns}
    return pl.DataFrame(data, schema={column: pl.String for column in columns})


def write_csv_atomic(path: Path, rows: list[dict], columns: list[str]) -> None:
    """Write via a temporary file in the same folder and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        _frame(rows, columns).write_csv(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle), [])


def family_folders() -> dict[str, list[str]]:
    """Every raw family written per report, with its columns (reports/ last: it is written last)."""
    tables = {kind.raw_name: raw_columns(kind) for kind in KINDS}
    evaluations = {family: PROVENANCE + [c for c in columns if c not in PROVENANCE] for family, columns in EVALUATION_FAMILIES.items()}
    return tables | evaluations | {"reports": REPORT_COLUMNS}


REPORT_FAMILIES = [folder for folder in family_folders() if folder != "reports"]


def prepare_raw_dir(raw_dir: Path) -> None:
    """Header-only files for every family, and no temporary file left by a killed run."""
    for folder, columns in family_folders().items():
        for stale in (raw_dir / folder).glob(".*.tmp"):
            stale.unlink(missing_ok=True)
        empty = raw_dir / folder / EMPTY_FILE
        # rewritten when an extractor version added columns, so the folder always shows them
        if not empty.exists() or _header(empty) != columns:
            write_csv_atomic(empty, [], columns)
    for stale in raw_dir.glob(".*.tmp"):
        stale.unlink(missing_ok=True)


def extracted_reports(raw_dir: Path) -> dict[str, dict]:
    """Reports already extracted into raw_dir and complete (every family file present),
    by sha256, with the version of the extractor that wrote them."""
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


def write_report(raw_dir: Path, report, source_label: str) -> None:
    """All raw files of one report; the report row is written last, so a report listed in
    reports/ always has its tables written."""
    provenance = {"report_id": report.report_id, "source_file": source_label}
    family_rows = {kind.raw_name: report.rows.get(kind.number, []) for kind in KINDS} | evaluation_rows(report.evaluations)
    columns = family_folders()
    for folder in REPORT_FAMILIES:
        rows = [{**provenance, **row} for row in family_rows[folder]]
        write_csv_atomic(raw_dir / folder / f"{report.report_id}.csv", rows, columns[folder])
    identity = report.identity
    write_csv_atomic(
        raw_dir / "reports" / f"{report.report_id}.csv",
        [
            {
                "report_id": report.report_id,
                "source_file": source_label,
                "sha256": report.sha256,
                "entity_name": identity.entity_name or "",
                "fiscal_year": identity.fiscal_year or "",
                "report_kind": identity.kind,
                "page_count": report.page_count,
                "tables_found": " ".join(sorted(report.rows)),
                "evaluations_found": len(report.evaluations),
                "warnings": "; ".join(report.warnings),
                "source_modified": datetime.fromtimestamp(report.source_path.stat().st_mtime, timezone.utc).isoformat(timespec="seconds"),
                "extractor_version": EXTRACTOR_VERSION,
            }
        ],
        REPORT_COLUMNS,
    )


def write_manifest(raw_dir: Path, entries: list[dict]) -> None:
    write_csv_atomic(raw_dir / "manifest.csv", entries, MANIFEST_COLUMNS)
