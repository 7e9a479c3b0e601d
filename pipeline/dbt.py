"""`dbt build` as the pipeline runs it, and what its failures say about which reports failed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from extract.isolation import die_with_parent

from .incremental import changes_file

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
FAILED_STATUSES = ("fail", "error")


@dataclass
class DbtRun:
    exit_code: int
    seconds: float
    statuses: dict[str, int] = field(default_factory=dict)
    failures: list[dict] = field(default_factory=list)  # failed nodes: name, status, relation
    output: str = ""


def run_build(project_dir: Path, raw_dir: Path, database: Path, target: Path, quarantine_file: Path | None) -> DbtRun:
    """dbt build into database; when tests fail, their failing rows are stored afterwards
    (storing every test's rows on every build would cost a third of a passing build)."""
    run = _run_dbt(["build"], project_dir, raw_dir, database, target, quarantine_file)
    failed_tests = [failure["name"] for failure in run.failures if failure["is_test"]]
    if failed_tests:
        store = ["test", "--store-failures", "--select", *failed_tests]
        stored = _run_dbt(store, project_dir, raw_dir, database, target, quarantine_file)
        relations = {failure["name"]: failure["relation"] for failure in stored.failures}
        for failure in run.failures:
            failure["relation"] = relations.get(failure["name"], failure["relation"])
    return run


def _run_dbt(
    arguments: list[str], project_dir: Path, raw_dir: Path, database: Path, target: Path, quarantine_file: Path | None
) -> DbtRun:
    """One dbt command on database; dbt dies with this process."""
    env = dict(
        os.environ,
        FISCAL_RAW_DIR=str(raw_dir.resolve()),
        FISCAL_DUCKDB=str(database),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    command = [
        str(Path(sys.executable).with_name("dbt")), *arguments,
        "--project-dir", str(project_dir), "--profiles-dir", str(project_dir / "profiles"),
        "--target-path", str(target), "--log-path", str(target / "logs"),
        "--exclude-resource-type", "unit_test",  # code checks: `make test` runs them, not every nightly build
        "--log-level-file", "warn",  # dbt's debug log costs a tenth of a build; failures are logged here
        "--vars", json.dumps({"quarantine_file": str(quarantine_file) if quarantine_file else "",
                              "raw_changes_file": _changes_file(database)}),
    ]  # fmt: skip
    started = time.monotonic()
    completed = subprocess.run(
        command, cwd=project_dir, capture_output=True, text=True, env=env, preexec_fn=die_with_parent
    )
    run = DbtRun(completed.returncode, round(time.monotonic() - started, 1), output=_ANSI.sub("", completed.stdout))
    _read_results(run, target / "run_results.json")
    return run


def _changes_file(database: Path) -> str:
    """The reports an incremental build reads (pipeline/incremental.py), written beside it."""
    changes = changes_file(database)
    return str(changes) if changes.exists() else ""


def _read_results(run: DbtRun, results_file: Path) -> None:
    if not results_file.exists():
        return
    for result in json.loads(results_file.read_text(encoding="utf-8")).get("results", []):
        run.statuses[result["status"]] = run.statuses.get(result["status"], 0) + 1
        if result["status"] in FAILED_STATUSES:
            kind, _, name = (result["unique_id"].split(".") + ["", ""])[:3]
            run.failures.append({"name": name or result["unique_id"], "status": result["status"],
                                 "relation": result.get("relation_name"), "is_test": kind == "test"})  # fmt: skip


def blamed_checks(database: Path, run: DbtRun) -> tuple[list[dict], list[str]]:
    """(failing rows that name a report, failed tests that name none) from the stored failures.
    A test that fails for every report of a batch of several blames the project (a seed, a
    model), not the reports: quarantining them all would publish an empty warehouse."""
    checks: list[dict] = []
    unblamed: list[str] = []
    with duckdb.connect(str(database), read_only=True) as connection:
        reports = _report_count(connection)
        for failure in run.failures:
            rows = _stored_rows(connection, failure["relation"])
            blamed = {row["report_id"] for row in rows}
            if not rows or (len(blamed) > 1 and len(blamed) >= reports):
                unblamed.append(failure["name"] + (" (every report)" if rows else ""))
                continue
            checks += [{"test_name": failure["name"], **row, **null_subject(row)} for row in rows]
    return checks, unblamed


def _report_count(connection) -> int:
    try:
        (schema,) = connection.execute(
            "select table_schema from information_schema.tables where table_name = 'stg_reports' limit 1"
        ).fetchone()
        return connection.execute(f'select count(*) from "{schema}".stg_reports').fetchone()[0]
    except (duckdb.Error, TypeError):
        return 0


def null_subject(row: dict) -> dict:
    """A row of not_null_columns names the column found NULL: an amount printed as something
    that is not a number, or a cell left empty that must not be. That is the check's subject."""
    if not row.get("null_column") or row.get("subject"):
        return {}
    where = f", row {row['row_no']}" if row.get("row_no") is not None else ""
    return {"subject": f"{row['null_column']} is NULL (empty, or not a number as printed){where}"}


def _stored_rows(connection, relation: str | None) -> list[dict]:
    """The failing rows a test stored, when they carry a report_id."""
    if not relation:
        return []
    try:
        cursor = connection.execute(f"select * from {relation}")
    except duckdb.Error:
        return []
    columns = [column[0] for column in cursor.description]
    if "report_id" not in columns:
        return []
    rows = [dict(zip(columns, values)) for values in cursor.fetchall()]
    return [row for row in rows if row["report_id"]]
