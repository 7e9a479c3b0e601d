"""python -m pipeline.build INPUT... : extract, build, test and publish the warehouse.

Each build is a new file, tested there by `dbt build`, checkpointed, and only then published
by switching the warehouse link to it (pipeline/publish.py). A reader holding the old build
open keeps reading it and never sees a half-built one; a failed build leaves the published
warehouse as it was, and is kept in <warehouse>.d/failed/ to look at.

A report that extracts but fails the checks is quarantined: the build is run again without
its facts, it is listed with its failing checks in audit_quarantined_reports, and the other
reports are published.

Exit status: 0 all inputs extracted and published; 1 some inputs failed or reports were
quarantined, the rest published; 2 nothing published (the build or its tests failed for a
reason no report can be blamed for). Each run appends one JSON line to the run log, always.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

import duckdb

from extract.batch import run as extract_batch
from extract.cli import add_limit_options, configure_logging, limits_from

from .dbt import DbtRun, blamed_checks, run_build
from .findings import SEVERITIES, count_findings, failing_at_or_above, new_failures
from .incremental import manifest_digest, project_fingerprint, raw_state, read_changes, record_state, start_build
from .publish import dbt_target, keep_failed, new_build_path, publish, remove_database, sweep, warehouse_lock
from .summary import run_summary

PROJECT_DIR = Path(__file__).resolve().parents[1]
QUARANTINE_FILE = "quarantine.csv"
QUARANTINE_COLUMNS = ("report_id", "test_name", "table_number", "identity", "subject", "left_value", "right_value")
log = logging.getLogger("pipeline")


def _write_quarantine(path: Path, checks: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=QUARANTINE_COLUMNS)
        writer.writeheader()
        for check in checks:
            writer.writerow(
                {column: "" if check.get(column) is None else check.get(column) for column in QUARANTINE_COLUMNS}
            )


def _figure(value) -> str:
    """A checked figure as printed: 5096.360000 → 5096.36 (two decimals at least)."""
    whole, _, decimals = f"{value:f}".partition(".")
    return f"{whole}.{decimals.rstrip('0').ljust(2, '0')}"


def describe_check(check: dict) -> str:
    """One failing check in words: the table and rule, the figures, the page."""
    subject = " ".join(str(check.get(k) or "") for k in ("table_number", "identity", "subject")).strip()
    words = f"{check['test_name']} {subject}"
    if check.get("identity_label"):
        words += f" ({check['identity_label']})"
    if check.get("left_value") is not None and check.get("right_value") is not None:
        words += f": {_figure(check['left_value'])} vs {_figure(check['right_value'])}"
    if check.get("page") is not None:
        words += f", page {check['page']}"
    return words


def _describe_failures(run: DbtRun, building: Path) -> None:
    """Say which checks failed for which report (the rows dbt stored), not dbt's whole output."""
    checks, unblamed = blamed_checks(building, run) if building.exists() else ([], [f["name"] for f in run.failures])
    for check in checks[:20]:
        log.error("  %s: %s", check["report_id"], describe_check(check))
    for name in unblamed:
        log.error("  %s failed", name)
    if not run.failures:
        log.error("%s", run.output[-2000:])


QUARANTINE_ROUNDS = 4  # a failing test can hide others downstream: each round may find more


def _quarantine_and_rebuild(
    run: DbtRun, building: Path, raw_dir: Path, project_dir: Path, restart: Callable, held_out: list[dict]
):
    """While every failure names reports, build again without them (and those held_out
    already), from where the first build started (restart: the published warehouse copied
    again, or nothing). A test failing only for reports already held out, or for no report,
    ends it: that is the project's fault."""
    quarantined: dict[str, list[str]] = {}
    held_out = list(held_out)
    for _ in range(QUARANTINE_ROUNDS):
        checks, unblamed = blamed_checks(building, run) if building.exists() else ([], ["no database"])
        known = {check["report_id"] for check in held_out}
        new = [check for check in checks if check["report_id"] not in known]
        if not new or unblamed:
            break
        found = _by_report(new)
        for report_id, reasons in found.items():
            log.warning("quarantined %s: %s", report_id, "; ".join(reasons[:5]))
        quarantined |= found
        held_out += new
        remove_database(building)
        restart()
        quarantine_file = building.with_name(QUARANTINE_FILE)
        _write_quarantine(quarantine_file, held_out)
        run = run_build(project_dir, raw_dir, building, dbt_target(building), quarantine_file)
        if run.exit_code == 0:
            break
    return run, quarantined


def _previous_build(warehouse: Path) -> Path | None:
    return warehouse.resolve() if warehouse.is_symlink() and warehouse.resolve().exists() else None


def _published_contents(database: Path, previous: Path | None = None, unchanged: bool = False) -> dict:
    """What the new warehouse holds, for the summary and the run log: its reports, and its
    findings by severity and status, with the failures new since the build before it."""
    with duckdb.connect(str(database), read_only=True) as connection:
        superseded = connection.execute(
            "select source_file, superseded_by from dim_report where superseded_by is not null order by 1"
        ).fetchall()
        (current,) = connection.execute("select count(*) from dim_report where is_current").fetchone()
        findings = count_findings(connection)
    new = 0 if unchanged else new_failures(database, previous)
    return {"superseded": dict(superseded), "current_reports": current, "findings": findings, "new_failures": new}


def _quarantine_of(database: Path, except_reports: set[str]) -> list[dict]:
    """The failing checks a published build quarantined reports for (not those the extractor
    held back), but for the reports given."""
    query = f"select {', '.join(QUARANTINE_COLUMNS)} from audit_quarantined_reports where test_name not in (?, ?)"
    try:
        with duckdb.connect(str(database), read_only=True) as connection:
            rows = connection.execute(query, ["extraction", "unreadable_identity"]).fetchall()
    except duckdb.Error:  # a build made before the table had these columns: nothing carried
        return []
    checks = [dict(zip(QUARANTINE_COLUMNS, values)) for values in rows]
    return [check for check in checks if check["report_id"] not in except_reports]


def _by_report(checks: list[dict]) -> dict[str, list[str]]:
    quarantined: dict[str, list[str]] = {}
    for check in checks:
        quarantined.setdefault(check["report_id"], []).append(describe_check(check))
    return quarantined


def _nothing_to_do(previous: Path, warehouse: Path) -> tuple[bool, dict]:
    log.info("nothing changed since %s was built: nothing built, nothing published", warehouse)
    outcome = {"unchanged": True, "incremental": True, "reports_read": 0, "build_reason": "nothing changed"}
    quarantined = _by_report(_quarantine_of(previous, set()))
    return False, outcome | {"quarantined": quarantined} | _published_contents(previous, unchanged=True)


def build_and_publish(raw_dir: Path, warehouse: Path, project_dir: Path = PROJECT_DIR) -> tuple[bool, dict]:
    """dbt build into a new file; quarantine reports that fail; publish it when it passes.
    When raw files, manifest and project are as the published build had them, do nothing."""
    warehouse = Path(os.path.abspath(warehouse))
    with warehouse_lock(warehouse, lambda: log.warning("%s is being built by another run; waiting", warehouse)):
        for leftover in sweep(warehouse):
            log.info("removed %s", leftover)
        building = new_build_path(warehouse)
        now, fingerprint, manifest = raw_state(raw_dir), project_fingerprint(project_dir), manifest_digest(raw_dir)
        previous = _previous_build(warehouse)
        restart = partial(start_build, previous, building, now, fingerprint, manifest)
        start = restart()
        if start.nothing_changed:
            return _nothing_to_do(previous, warehouse)
        log.info("%s build: %s", "incremental" if start.incremental else "full", start.reason)
        # An incremental build keeps the published build's quarantine for the reports it does not
        # read again: they would fail as before, and cost a second build to find.
        carried = _quarantine_of(previous, set(read_changes(building))) if start.incremental else []
        quarantine_file = building.with_name(QUARANTINE_FILE)
        _write_quarantine(quarantine_file, carried)
        run = run_build(project_dir, raw_dir, building, dbt_target(building), quarantine_file)
        quarantined = _by_report(carried)
        if run.exit_code != 0:
            run, found = _quarantine_and_rebuild(run, building, raw_dir, project_dir, restart, carried)
            quarantined |= found
        outcome = {"dbt_exit_code": run.exit_code, "dbt_results": run.statuses, "dbt_seconds": run.seconds,
                   "quarantined": quarantined, "incremental": start.incremental,
                   "reports_read": start.changed, "build_reason": start.reason}  # fmt: skip
        if run.exit_code != 0:
            log.error("dbt build failed; %s keeps the previous warehouse", warehouse)
            _describe_failures(run, building)
            if building.exists():
                outcome["failed_build"] = str(keep_failed(building))
            return False, outcome
        record = partial(record_state, building, now, fingerprint, manifest)
        return _publish(building, warehouse, outcome, record, previous)


def _publish(
    building: Path, warehouse: Path, outcome: dict, record: Callable, previous: Path | None
) -> tuple[bool, dict]:
    try:
        record()
        with duckdb.connect(str(building)) as connection:
            connection.execute("checkpoint")  # everything in the file itself, no WAL to lose
        built = publish(building, warehouse)
    except (OSError, duckdb.Error) as exc:
        log.error("%s could not be published: %s", warehouse, exc)
        return False, outcome | {"publish_error": str(exc)}
    outcome |= _published_contents(built, previous)
    for source, current in outcome["superseded"].items():
        log.info("superseded: %s (the current version is %s)", source, current)
    log.info("published %s → %s", warehouse, built.name)
    return True, outcome


def append_run_log(log_file: Path, record: dict) -> None:
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with open(log_file, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")


def _run(args: argparse.Namespace, record: dict) -> int:
    summary = extract_batch(args.inputs, args.raw_dir, args.verbose, args.jobs, limits_from(args), args.executor)
    record.update(
        extracted=summary.extracted, skipped_unchanged=summary.skipped, duplicate=summary.duplicate,
        failed=summary.failed, not_reports=summary.not_reports, manifest_written=summary.manifest_written,
        quarantined_at_extraction=summary.quarantined, ignored=summary.ignored,
    )  # fmt: skip
    published, outcome = build_and_publish(args.raw_dir, args.warehouse, args.project_dir.resolve())
    record.update(published=published, **outcome)
    if not (published or outcome.get("unchanged")) or not summary.manifest_written:
        return 2
    failing = failing_at_or_above(outcome.get("findings", {}), args.fail_on) if args.fail_on else 0
    return 1 if summary.exit_code or outcome["quarantined"] or failing else 0


def main(
    argv: list[str] | None = None, prog: str = "python -m pipeline.build", parser_class=argparse.ArgumentParser
) -> int:
    parser = parser_class(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help="report files or folders")
    parser.add_argument("--raw-dir", type=Path, default=Path("data/raw"))
    parser.add_argument("--warehouse", type=Path, default=Path("warehouse.duckdb"))
    parser.add_argument("--log", type=Path, default=Path("logs/runs.jsonl"), help="run log (JSON lines)")
    parser.add_argument("--project-dir", type=Path, default=PROJECT_DIR, help=argparse.SUPPRESS)
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="extraction processes (default: one per core)"
    )
    parser.add_argument(
        "--fail-on", choices=SEVERITIES[:2], help="exit 1 while a check of this severity or a graver one fails"
    )
    parser.add_argument("--verbose", action="store_true")
    add_limit_options(parser)
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    started = datetime.now(timezone.utc)
    record: dict = {"started": started.isoformat(timespec="seconds"), "inputs": args.inputs,
                    "raw_dir": str(args.raw_dir), "warehouse": str(args.warehouse), "published": False}  # fmt: skip
    try:
        exit_code = _run(args, record)
    except Exception as exc:  # the run log is written whatever happened
        log.error("the run stopped: %s: %s", type(exc).__name__, exc)
        log.debug("%s", traceback.format_exc())
        record["error"] = f"{type(exc).__name__}: {exc}"
        exit_code = 2
    record.update(finished=datetime.now(timezone.utc).isoformat(timespec="seconds"), exit_code=exit_code)
    print("\n".join(run_summary(record)), file=sys.stderr)
    try:
        append_run_log(args.log, record)
    except OSError as exc:
        log.error("the run log %s could not be written: %s", args.log, exc)
        exit_code = 2
    return exit_code


if __name__ == "__main__":
    raise SystemExit(main())
