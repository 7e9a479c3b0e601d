"""Batches that never lose data: reruns, kills, duplicates, publishing under a reader."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import duckdb
import polars as pl
import pytest
from conftest import ROOT, SAMPLE_DATA, SAMPLE_PDFS, copy_project, copy_raw, run_extract

from extract.schema import raw_families
from fixtures.render import VARIANTS, load, render_report
from fixtures.textdump import render_dump


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every raw file but the run manifests (manifests/: one per run, a log by design)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] != "manifests"
    }


def other_report(
    tmp: Path, name: str, entity: str, variant: str = "liaoning", sample: str = "liaoning_dandong_hrss_2024"
) -> Path:
    """A distinct report: a sample's nine tables under another entity name (its evaluation
    annex, with the 2024 report's acknowledged typo, is left out)."""
    data = load(SAMPLE_DATA / f"{sample}.json")
    data = {**data, "entity_name": entity, "report_title": f"2024年度{entity}部门决算"}
    return render_report(data, tmp / f"{name}.pdf", replace(VARIANTS[variant], evaluations=False))


def other_dump(tmp: Path, name: str, entity: str) -> Path:
    """A distinct report as a text dump (quick to read): the 2024 sample's nine tables under
    another entity name."""
    data = load(SAMPLE_DATA / "liaoning_dandong_hrss_2024.json")
    data = {**data, "entity_name": entity, "report_title": f"2024年度{entity}部门决算"}
    path = tmp / f"{name}.txt"
    path.write_text(render_dump(data, evaluations=False), encoding="utf-8")
    return path


def build(inputs, raw, warehouse, log, project=None) -> subprocess.CompletedProcess:
    # A private copy of the dbt project: tests run in parallel and dbt writes target/.
    project = project or copy_project(Path(tempfile.mkdtemp(prefix="project-", dir=warehouse.parent)))
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline.build",
            *map(str, inputs),
            "--raw-dir",
            str(raw),
            "--warehouse",
            str(warehouse),
            "--log",
            str(log),
            "--project-dir",
            str(project),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_rerun_is_byte_identical_and_adding_a_report_extracts_only_it(tmp_path, sample_raw):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for pdf in SAMPLE_PDFS.glob("*.pdf"):
        (inputs / pdf.name).write_bytes(pdf.read_bytes())
    raw = copy_raw(sample_raw, tmp_path / "raw")  # the samples already extracted, as by a first run
    first = run_extract([inputs], raw)
    assert first.returncode == 0 and "0 extracted, 2 unchanged" in first.stderr
    before = snapshot(raw)
    second = run_extract([inputs], raw)
    assert second.returncode == 0 and "0 extracted, 2 unchanged" in second.stderr
    assert snapshot(raw) == before
    other_dump(inputs, "c_new", "测试市测试局")
    third = run_extract([inputs], raw)
    assert "1 extracted, 2 unchanged" in third.stderr and "c_new.txt: ok" in third.stderr
    after = snapshot(raw)
    assert {k: v for k, v in after.items() if k in before and k != "manifest.csv"} == {
        k: v for k, v in before.items() if k != "manifest.csv"
    }


# Runs the extractor and SIGKILLs it just before its Nth atomic rename: a deterministic
# stand-in for a kill at any moment, since every file reaches its final name by os.replace.
KILL_AT_RENAME = """
import os, signal, sys
limit, calls, real_replace = int(sys.argv[1]), 0, os.replace
def replace(source, target):
    global calls
    calls += 1
    if calls == limit:
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(source, target)
os.replace = replace
from extract.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("files_into_third_report", [5, len(raw_families())], ids=["mid-tables", "before-report-row"])
def test_kill_mid_extraction_leaves_nothing_half_written(tmp_path, files_into_third_report):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for n in range(3):  # the smaller sample: the kill, not the reading, is under test
        other_report(
            inputs, f"r{n}", f"测试市第{n}局", variant="paged", sample="liaoning_dandong_social_insurance_2023"
        )
    raw = tmp_path / "raw"
    per_report = len(raw_families())  # one file per family; the empty headers come first
    kill_at = per_report + 2 * per_report + files_into_third_report
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AT_RENAME, str(kill_at), str(inputs), "--out", str(raw)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    assert list(raw.rglob(".*.tmp")), "the kill should leave a temporary file behind"
    # Whatever was written is whole: every CSV parses, and every listed report has all its tables.
    for csv_file in raw.rglob("*.csv"):
        pl.read_csv(csv_file, infer_schema=False)
    listed = [p.stem for p in (raw / "reports").glob("*.csv") if p.name != "_empty.csv"]
    assert len(listed) == 2
    for report_id in listed:
        assert len(list(raw.glob(f"t0*/{report_id}.csv"))) == 9
    assert not (raw / "manifest.csv").exists()  # the manifest is written at the end, whole
    rerun = run_extract([inputs], raw)
    assert rerun.returncode == 0
    assert "1 extracted, 2 unchanged" in rerun.stderr
    assert not list(raw.rglob(".*.tmp"))
    clean = tmp_path / "clean"
    run_extract([inputs], clean)
    assert snapshot(raw) == snapshot(clean)


# Two files of the same report: test_reliability.py::test_a_damaged_newer_copy_never_displaces_a_complete_one


@pytest.fixture(scope="module")
def published(tmp_path_factory, sample_raw):
    """The samples published by the pipeline (their raw files already extracted once)."""
    work = tmp_path_factory.mktemp("publish")
    inputs = work / "inputs"
    inputs.mkdir()
    for pdf in SAMPLE_PDFS.glob("*.pdf"):
        (inputs / pdf.name).write_bytes(pdf.read_bytes())
    copy_raw(sample_raw, work / "raw")
    result = build([inputs], work / "raw", work / "warehouse.duckdb", work / "runs.jsonl")
    assert result.returncode == 0, result.stderr[-3000:]
    return work


# A BI client holding the warehouse read-write, with unsaved changes in its write-ahead log.
READ_WRITE_CLIENT = """
import duckdb, sys
client = duckdb.connect(sys.argv[1])
client.execute("set checkpoint_threshold = '1GB'")
client.execute("delete from dim_report")
client.execute("update fct_expenditure_by_function set total = total * 1000")
print("ready", flush=True)
sys.stdin.readline()
"""


def _fresh_view(warehouse: Path) -> list[str]:
    """What a new reader sees, from a process of its own."""
    probe = (
        "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
        "print(c.execute('select count(*) from dim_report').fetchone()[0], "
        "c.execute('select max(total) from fct_expenditure_by_function').fetchone()[0])"
    )
    return subprocess.run([sys.executable, "-c", probe, str(warehouse)], capture_output=True, text=True).stdout.split()


def test_readers_holding_the_warehouse_open_do_not_stop_a_build_and_a_failed_build_changes_nothing(published):
    warehouse = published / "warehouse.duckdb"
    reports, largest = _fresh_view(warehouse)
    assert reports == "2"
    # A client holding it read-write with unsaved changes while a report is added: the build is
    # whole, and the client's write-ahead log stays with the build it opened.
    command = [sys.executable, "-c", READ_WRITE_CLIENT, str(warehouse)]
    writer = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        other_dump(published / "inputs", "c_new", "测试市测试局")  # the 2024 figures again: same largest
        result = build([published / "inputs"], published / "raw", warehouse, published / "runs.jsonl")
        assert result.returncode == 0, result.stderr[-3000:]
        assert _fresh_view(warehouse) == ["3", largest]  # a new reader sees the new build, untouched
    finally:
        writer.communicate("\n", timeout=60)
    assert _fresh_view(warehouse) == ["3", largest]  # and after the client closes
    assert warehouse.is_symlink() and not list((published / "warehouse.duckdb.d").glob("*.building*"))
    with duckdb.connect(str(warehouse), read_only=True) as client:  # after two builds, the same catalog
        assert client.execute("select current_database()").fetchone() == ("warehouse",)
        assert client.execute("select count(*) from warehouse.main.dim_report").fetchone() == (3,)
    _bi_tools_reflect_the_marts_under_the_name_warehouse(warehouse)
    # A reader holding the published file while the next build runs (one that fails) keeps
    # reading it whole.
    reader = duckdb.connect(str(warehouse), read_only=True)
    try:
        _a_failed_build_keeps_the_previous_warehouse(published)
        assert reader.execute("select count(*) from dim_report").fetchone()[0] == 3
        assert reader.execute("select count(*) from audit_identity_checks where status = 'fail'").fetchone()[0] == 0
    finally:
        reader.close()
    _a_run_with_nothing_changed_does_nothing(published)
    _the_run_log_says_what_each_run_did(published)


# The next two run on the warehouse the test above published (one fixture build, not one per
# test worker).
def _a_failed_build_keeps_the_previous_warehouse(published):
    warehouse = published / "warehouse.duckdb"
    before = warehouse.read_bytes()
    project = copy_project(Path(tempfile.mkdtemp(dir=published)) / "project")
    (project / "tests" / "assert_always_fails.sql").write_text("select 1 as broken\n", encoding="utf-8")
    result = build([published / "inputs"], published / "raw", warehouse, published / "runs.jsonl", project=project)
    assert result.returncode == 2
    assert "Not published: the build or its tests failed" in result.stderr
    assert "warehouse.duckdb.d/failed/warehouse.duckdb" in result.stderr
    assert warehouse.read_bytes() == before
    builds = published / "warehouse.duckdb.d"
    assert not list(builds.glob("*.building*"))
    with duckdb.connect(str(builds / "failed" / "warehouse.duckdb"), read_only=True) as failed:  # kept to look at
        assert failed.execute("select count(*) from dim_report").fetchone()[0] >= 2


def _a_run_with_nothing_changed_does_nothing(published):
    """Inputs, raw files, seeds and project as the published build had them (dbt's own files
    apart): no dbt run, no new build, the published one left as it is."""
    warehouse, builds = published / "warehouse.duckdb", published / "warehouse.duckdb.d"
    before = (sorted(p.name for p in builds.iterdir()), os.readlink(warehouse))
    project = copy_project(Path(tempfile.mkdtemp(dir=published)) / "project")
    (project / "profiles" / ".user.yml").write_text("id: a-cookie\n", encoding="utf-8")  # what dbt writes
    (project / "target").mkdir()
    (project / "target" / "run_results.json").write_text("{}", encoding="utf-8")
    result = build([published / "inputs"], published / "raw", warehouse, published / "runs.jsonl", project=project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Nothing changed, nothing built: " in result.stderr and ": 3 current reports" in result.stderr
    assert (sorted(p.name for p in builds.iterdir()), os.readlink(warehouse)) == before


def _the_run_log_says_what_each_run_did(published):
    records = [json.loads(line) for line in (published / "runs.jsonl").read_text(encoding="utf-8").splitlines()]
    first = records[0]
    assert len(first["skipped_unchanged"]) == 2 and first["published"] is True and first["exit_code"] == 0
    assert first["dbt_results"].get("pass", 0) > 50
    assert all(
        {"started", "finished", "skipped_unchanged", "failed", "duplicate"} <= set(r)
        and ("dbt_exit_code" in r or r.get("unchanged"))
        for r in records
    )
    # the second run added one report: only it was extracted; the failed build is logged too
    assert len(records[1]["extracted"]) == 1 and len(records[1]["skipped_unchanged"]) == 2
    failed, unchanged = records[-2:]
    assert failed["exit_code"] == 2 and failed["published"] is False
    assert unchanged["exit_code"] == 0 and unchanged["unchanged"] is True and "dbt_seconds" not in unchanged
    # builds start from the published warehouse, except where a client's unsaved changes sit
    # beside it, or the project changed (a test added)
    assert records[0]["incremental"] is False and records[0]["build_reason"] == "no published warehouse"
    assert records[1]["incremental"] is False and "unsaved changes" in records[1]["build_reason"]
    assert failed["incremental"] is False and failed["build_reason"] == "the dbt project changed"


def _bi_tools_reflect_the_marts_under_the_name_warehouse(warehouse: Path) -> None:
    """What Superset does through SQLAlchemy and duckdb-engine: the catalog is `warehouse`, and
    the marts are listed in its schema main with their descriptions."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(f"duckdb:///{warehouse}", connect_args={"read_only": True})
    try:
        inspector = sqlalchemy.inspect(engine)
        assert "warehouse.main" in inspector.get_schema_names()
        tables = inspector.get_table_names(schema="main")
        assert {"dim_report", "fct_entity_year", "audit_findings"} <= set(tables)
        assert inspector.get_table_comment("fct_entity_year", schema="main")["text"].startswith("The panel")
        with engine.connect() as connection:
            assert connection.execute(sqlalchemy.text("select current_database()")).scalar() == "warehouse"
    finally:
        engine.dispose()
