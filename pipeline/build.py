"""python -m pipeline.build INPUT... : extract, build, test and publish the warehouse.

The warehouse is built into a new file beside the published one, tested there by
`dbt build`, checkpointed, and only then renamed over the published file. A reader holding
the old file open keeps reading the old warehouse and never sees a half-built one; a failed
build or failed test leaves the published warehouse as it was.

Exit status: 0 all inputs extracted and published; 1 some inputs failed, the rest published;
2 the build or its tests failed, nothing published. Each run appends one JSON line to the
run log.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from extract.cli import configure_logging
from extract.cli import run as extract_batch

PROJECT_DIR = Path(__file__).resolve().parents[1]
log = logging.getLogger("pipeline")


def _remove_database(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


def _dbt_results(target: Path) -> dict[str, int]:
    results_file = target / "run_results.json"
    if not results_file.exists():
        return {}
    counts: dict[str, int] = {}
    for result in json.loads(results_file.read_text(encoding="utf-8")).get("results", []):
        counts[result["status"]] = counts.get(result["status"], 0) + 1
    return counts


def build_and_publish(raw_dir: Path, warehouse: Path, project_dir: Path = PROJECT_DIR) -> tuple[bool, dict]:
    """dbt build into a new file; on success replace the published warehouse with it."""
    warehouse = warehouse.resolve()
    building = warehouse.with_name(f".{warehouse.name}.building-{os.getpid()}")
    _remove_database(building)
    target = project_dir / "target"
    env = dict(
        os.environ,
        FISCAL_RAW_DIR=str(raw_dir.resolve()),
        FISCAL_DUCKDB=str(building),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    dbt = Path(sys.executable).with_name("dbt")
    started = time.monotonic()
    completed = subprocess.run(
        [
            str(dbt),
            "build",
            "--project-dir",
            str(project_dir),
            "--profiles-dir",
            str(project_dir / "profiles"),
            "--target-path",
            str(target),
        ],
        cwd=project_dir,
        capture_output=True,
        text=True,
        env=env,
    )
    outcome = {
        "dbt_exit_code": completed.returncode,
        "dbt_results": _dbt_results(target),
        "dbt_seconds": round(time.monotonic() - started, 1),
    }
    if completed.returncode != 0:
        log.error("dbt build failed; %s keeps the previous warehouse\n%s", warehouse, completed.stdout[-6000:])
        _remove_database(building)
        return False, outcome
    with duckdb.connect(str(building)) as connection:
        connection.execute("checkpoint")  # everything in the file itself, no WAL to lose
    os.replace(building, warehouse)
    _remove_database(building)
    log.info("published %s (%s)", warehouse, outcome["dbt_results"])
    return True, outcome


def append_run_log(log_file: Path, record: dict) -> None:
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with open(log_file, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.build", description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help="report files or folders")
    parser.add_argument("--raw-dir", type=Path, default=Path("data/raw"))
    parser.add_argument("--warehouse", type=Path, default=Path("warehouse.duckdb"))
    parser.add_argument("--log", type=Path, default=Path("logs/runs.jsonl"), help="run log (JSON lines)")
    parser.add_argument("--project-dir", type=Path, default=PROJECT_DIR, help=argparse.SUPPRESS)
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="extraction processes (default: one per core)"
    )
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    started = datetime.now(timezone.utc)
    summary = extract_batch(args.inputs, args.raw_dir, args.verbose, args.jobs)
    published, outcome = build_and_publish(args.raw_dir, args.warehouse, args.project_dir.resolve())
    exit_code = 2 if not published else summary.exit_code
    append_run_log(
        args.log,
        {
            "started": started.isoformat(timespec="seconds"),
            "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "inputs": args.inputs,
            "raw_dir": str(args.raw_dir),
            "warehouse": str(args.warehouse),
            "extracted": summary.extracted,
            "skipped_unchanged": summary.skipped,
            "duplicate": summary.duplicate,
            "failed": summary.failed,
            "published": published,
            **outcome,
            "exit_code": exit_code,
        },
    )
    return exit_code


if __name__ == "__main__":
    raise SystemExit(main())
