"""Where a build starts: from a copy of the published warehouse, reading only the reports whose
raw files changed since it was built, or from nothing.

A build is incremental when the published build was made by the same dbt project (models,
macros, seeds: their fingerprint is stored in it) and holds the state of the raw folder it
read: for each report, how many raw files it has, their bytes and their latest modification.
Any difference in that state (a report added, re-extracted, edited by hand or removed) puts
the report in the changes file the staging models read (macros/incremental.sql). Anything
else — no published build, another project, a write-ahead log beside it, most reports
changed — is a full build, which reads every raw file.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from extract.writer import EMPTY_FILE, RUN_MANIFESTS

CHANGES_FILE = "raw_changes.csv"
STATE_SCHEMA = "pipeline"
# What shapes the warehouse: not dbt's own files (target/, logs, profiles/.user.yml) nor tests/python.
PROJECT_PARTS = ("dbt_project.yml", "profiles/profiles.yml", "models", "macros", "seeds", "tests/generic", "tests")
PROJECT_SUFFIXES = (".sql", ".yml", ".yaml", ".csv", ".md")
# Past this many changed reports and this share of them all, reading the changed files by name
# costs more than a full build's reading of every file.
FULL_BUILD_MIN, FULL_BUILD_SHARE = 1000, 0.5

RawState = dict[str, tuple[int, int, int]]  # report_id → (files, bytes, latest mtime in ns)


@dataclass
class BuildStart:
    incremental: bool
    changed: int  # reports whose raw files differ from the build started from (all of them when full)
    reason: str
    nothing_changed: bool = False  # raw files, manifest and project as the published build had them


def manifest_digest(raw_dir: Path) -> str:
    """sha256 of the cumulative manifest: which inputs failed or were skipped is part of the build."""
    manifest = raw_dir / "manifest.csv"
    return hashlib.sha256(manifest.read_bytes()).hexdigest() if manifest.exists() else ""


def raw_state(raw_dir: Path) -> RawState:
    """Per report, its raw files' count, bytes and latest modification: a listing, no reading."""
    state: dict[str, list[int]] = {}
    for family in os.scandir(raw_dir):
        if not family.is_dir() or family.name == RUN_MANIFESTS:
            continue
        for entry in os.scandir(family.path):
            if not entry.name.endswith(".csv") or entry.name == EMPTY_FILE:
                continue
            stat = entry.stat()
            totals = state.setdefault(entry.name[: -len(".csv")], [0, 0, 0])
            totals[0] += 1
            totals[1] += stat.st_size
            totals[2] = max(totals[2], stat.st_mtime_ns)
    return {report_id: tuple(values) for report_id, values in state.items()}


def _project_files(project_dir: Path) -> list[Path]:
    files: set[Path] = set()
    for part in PROJECT_PARTS:
        root = project_dir / part
        if root.is_file():
            files.add(root)
        elif part == "tests":  # the singular tests, not the folders below (python, generic apart)
            files.update(path for path in root.glob("*.sql") if path.is_file())
        elif root.is_dir():
            files.update(path for path in root.rglob("*") if path.is_file() and path.suffix in PROJECT_SUFFIXES)
    return sorted(
        path for path in files if not any(name.startswith(".") for name in path.relative_to(project_dir).parts)
    )


def project_fingerprint(project_dir: Path) -> str:
    """A hash of every file of the dbt project that shapes the warehouse."""
    digest = hashlib.sha256()
    for path in _project_files(project_dir):
        digest.update(str(path.relative_to(project_dir)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _stored_state(database: Path) -> tuple[str | None, str, RawState]:
    """(project fingerprint, manifest digest, raw state) the build was made from."""
    try:
        with duckdb.connect(str(database), read_only=True) as connection:
            (fingerprint, digest) = connection.execute(
                f"select project_fingerprint, manifest_sha256 from {STATE_SCHEMA}.build"
            ).fetchone()
            rows = connection.execute(f"select report_id, files, bytes, modified_ns from {STATE_SCHEMA}.raw_reports")
            return fingerprint, digest, {report_id: tuple(values) for report_id, *values in rows.fetchall()}
    except (duckdb.Error, TypeError):
        return None, "", {}


def changed_reports(before: RawState, now: RawState) -> list[str]:
    return sorted(report_id for report_id in before.keys() | now.keys() if before.get(report_id) != now.get(report_id))


def changes_file(building: Path) -> Path:
    """Where the changed reports are listed for the build into `building` (var raw_changes_file)."""
    return building.with_name(CHANGES_FILE)


def read_changes(building: Path) -> list[str]:
    """The reports the build into `building` reads again (empty for a full build)."""
    path = changes_file(building)
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return [row["report_id"] for row in csv.DictReader(handle)]


def _why_not_incremental(previous: Path | None, fingerprint: str, stored: str | None) -> str | None:
    if previous is None or not previous.exists():
        return "no published warehouse"
    if previous.with_name(previous.name + ".wal").exists():
        return "the published warehouse has unsaved changes (a .wal)"
    if stored is None:
        return "the published warehouse holds no raw-folder state"
    if stored != fingerprint:
        return "the dbt project changed"
    return None


def start_build(
    previous: Path | None, building: Path, now: RawState, fingerprint: str, manifest: str = ""
) -> BuildStart:
    """Copy the published build to `building` and list the changed reports beside it, or
    leave `building` absent (a full build) and say why. When nothing at all changed, nothing
    is copied: there is nothing to build."""
    found = previous is not None and previous.exists()
    stored, stored_manifest, before = _stored_state(previous) if found else (None, "", {})
    reason = _why_not_incremental(previous, fingerprint, stored)
    changed = changed_reports(before, now)
    if reason is None and not changed and manifest and manifest == stored_manifest:
        return BuildStart(True, 0, "nothing changed since the published build", nothing_changed=True)
    building.parent.mkdir(parents=True, exist_ok=True)
    if reason is None and len(changed) > max(FULL_BUILD_MIN, FULL_BUILD_SHARE * len(now)):
        reason = f"{len(changed)} of {len(now)} reports changed"
    _write_changes(changes_file(building), [] if reason else changed)
    if reason:
        return BuildStart(False, len(now), reason)
    shutil.copyfile(previous, building)
    return BuildStart(True, len(changed), f"{len(changed)} of {len(now)} reports changed")


def _write_changes(path: Path, report_ids: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["report_id"])
        writer.writerows([report_id] for report_id in report_ids)


_STATE_COMMENTS = {
    "build": ("What the build was made by (the next build starts from it only if the same).", {
        "project_fingerprint": "sha256 of the dbt project's files (models, macros, seeds, tests, profile).",
        "manifest_sha256": "sha256 of the raw folder's manifest.csv (every input and what was made of it).",
    }),
    "raw_reports": ("The raw folder this build read, per report: how the next build finds what changed.", {
        "report_id": "Report identity (the raw files' name).",
        "files": "How many raw CSVs the report has.",
        "bytes": "Their total size.",
        "modified_ns": "The latest modification time among them (ns since the epoch).",
    }),
}  # fmt: skip


def record_state(database: Path, now: RawState, fingerprint: str, manifest: str = "") -> None:
    """Store in the build what it was built from, for the next build to start from it."""
    with duckdb.connect(str(database)) as connection:
        connection.execute(f"create schema if not exists {STATE_SCHEMA}")
        connection.execute(
            f"create or replace table {STATE_SCHEMA}.build as "
            "select ?::varchar as project_fingerprint, ?::varchar as manifest_sha256",
            [fingerprint, manifest],
        )
        connection.execute(
            f"create or replace table {STATE_SCHEMA}.raw_reports "
            "(report_id varchar primary key, files integer, bytes bigint, modified_ns bigint)"
        )
        report_ids = sorted(now)
        columns = [report_ids] + [[now[report_id][n] for report_id in report_ids] for n in range(3)]
        connection.execute(
            f"insert into {STATE_SCHEMA}.raw_reports select unnest(?), unnest(?), unnest(?), unnest(?)", columns
        )
        for table, (description, column_descriptions) in _STATE_COMMENTS.items():
            connection.execute(f"comment on table {STATE_SCHEMA}.{table} is {_literal(description)}")
            for column, text in column_descriptions.items():
                connection.execute(f"comment on column {STATE_SCHEMA}.{table}.{column} is {_literal(text)}")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
