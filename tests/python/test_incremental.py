"""Incremental builds: a build that starts from the last warehouse reads only the reports that
changed, and ends with the warehouse a full build of the same raw folder gives."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
from conftest import copy_project, copy_raw, dbt_build

from pipeline.incremental import (
    changed_reports,
    changes_file,
    manifest_digest,
    project_fingerprint,
    raw_state,
    record_state,
    start_build,
)


def _report_ids(raw: Path) -> list[str]:
    return sorted(p.stem for p in (raw / "reports").glob("*.csv") if p.stem != "_empty")


def _copy_report(raw: Path, report_id: str, new_id: str, entity: str | None = None) -> None:
    """Every raw file of one report under a new id: another report (entity given), or another
    version of the same one."""
    lines = (raw / "reports" / f"{report_id}.csv").read_text(encoding="utf-8").splitlines()
    (old_entity,) = {line.split(",")[3] for line in lines[1:]}
    for family in raw.iterdir():
        source = family / f"{report_id}.csv"
        if source.exists():
            text = (
                source.read_text(encoding="utf-8").replace(report_id, new_id).replace(old_entity, entity or old_entity)
            )
            (family / f"{new_id}.csv").write_text(text, encoding="utf-8")


def _remove_report(raw: Path, report_id: str) -> None:
    for path in raw.glob(f"*/{report_id}.csv"):
        path.unlink()


def _marts(database: Path) -> dict[str, list[tuple]]:
    """Every row of every table users see (main), in a stable order."""
    with duckdb.connect(str(database), read_only=True) as connection:
        names = connection.execute("select table_name from duckdb_tables() where schema_name = 'main'").fetchall()
        names = [name for (name,) in names]
        return {name: sorted(connection.execute(f'select * from "{name}"').fetchall(), key=repr) for name in names}


def _incremental_build(project: Path, raw: Path, before: Path, tmp_path: Path, data_tests: bool) -> Path:
    """The build the pipeline runs from `before` (recorded with fingerprint "fingerprint")."""
    building = tmp_path / "builds" / "next.duckdb"
    building.parent.mkdir()
    assert start_build(before, building, raw_state(raw), "fingerprint").incremental
    changes = str(changes_file(building))
    built = dbt_build(project, raw, building, dbt_vars={"raw_changes_file": changes}, data_tests=data_tests)
    assert built.returncode == 0, built.stdout[-3000:]
    return building


def test_an_incremental_build_reads_only_the_changed_reports_and_equals_a_full_build(
    tmp_path, sample_raw, sample_warehouse
):
    kept, edited = _report_ids(sample_raw)
    # The warehouse before: one report as it is, one edited by hand, and a third since removed.
    raw = copy_raw(sample_raw, tmp_path / "raw")
    removed = "f" * 32
    _copy_report(raw, edited, removed, "测试市测试局")  # (the report without the annex's acknowledged typo)
    table = raw / "t05_general_budget_expenditure" / f"{edited}.csv"
    table.write_text(table.read_text(encoding="utf-8").replace(",合计,", ",合 计,", 1), encoding="utf-8")
    project = copy_project(tmp_path / "project")
    before = tmp_path / "before.duckdb"
    assert dbt_build(project, raw, before, data_tests=False).returncode == 0  # its tests are the next build's
    state_before = raw_state(raw)
    record_state(before, state_before, "fingerprint")

    # Now the raw folder of the samples: the edit undone (the file rewritten), the third gone.
    shutil.rmtree(raw)
    copy_raw(sample_raw, raw)
    os.utime(raw / "t05_general_budget_expenditure" / f"{edited}.csv")
    state_now = raw_state(raw)
    assert changed_reports(state_before, state_now) == sorted([edited, removed])

    building = _incremental_build(project, raw, before, tmp_path, data_tests=True)
    changes = changes_file(building).read_text(encoding="utf-8").split()
    assert changes == ["report_id", *sorted([edited, removed])]
    # Staging read the edited report's files only; the facts and checks were computed for the
    # edited and the removed report only, and the kept report's rows stayed as they were.
    compiled = project / "target" / "compiled" / "fiscal_warehouse" / "models"
    read = (compiled / "staging" / "stg_reports.sql").read_text(encoding="utf-8")
    assert "/reports/*.csv" not in read and f"/reports/{edited}.csv" in read and kept not in read
    for fact in ("marts/fct_summary_lines.sql", "audit/audit_identity_checks.sql"):
        computed = (compiled / fact).read_text(encoding="utf-8").rsplit("where report_id in", 1)[-1]
        assert edited in computed and removed in computed and kept not in computed
    assert _marts(building) == _marts(sample_warehouse)
    with duckdb.connect(str(building), read_only=True) as connection:
        assert connection.execute("select count(*) from staging.stg_reports").fetchone() == (2,)


def test_removing_the_current_version_brings_back_the_one_it_superseded(tmp_path, sample_raw, sample_warehouse):
    kept, other = _report_ids(sample_raw)
    raw = copy_raw(sample_raw, tmp_path / "raw")
    newer = "f" * 32  # the same report again, under the largest report_id: the current version
    _copy_report(raw, kept, newer)
    project = copy_project(tmp_path / "project")
    before = tmp_path / "before.duckdb"
    assert dbt_build(project, raw, before, data_tests=False).returncode == 0
    with duckdb.connect(str(before), read_only=True) as connection:
        current = connection.execute("select report_id from dim_report where is_current order by 1").fetchall()
        assert current == sorted([(newer,), (other,)])
    record_state(before, raw_state(raw), "fingerprint")
    _remove_report(raw, newer)  # only it changed; the version it superseded is current again

    building = _incremental_build(project, raw, before, tmp_path, data_tests=False)  # the first test runs them
    compiled = project / "target" / "compiled" / "fiscal_warehouse" / "models" / "marts" / "fct_summary_lines.sql"
    computed = compiled.read_text(encoding="utf-8").rsplit("where report_id in", 1)[-1]
    assert newer in computed and kept in computed and other not in computed  # the entity's reports
    assert _marts(building) == _marts(sample_warehouse)


def test_a_build_is_full_when_the_project_changed_or_nothing_was_published(tmp_path):
    raw = tmp_path / "raw"
    (raw / "reports").mkdir(parents=True)
    (raw / "reports" / "a.csv").write_text("report_id\na\n", encoding="utf-8")
    now = raw_state(raw)
    building = tmp_path / "next.duckdb"
    assert start_build(None, building, now, "p1").reason == "no published warehouse"
    previous = tmp_path / "previous.duckdb"
    duckdb.connect(str(previous)).close()
    assert start_build(previous, building, now, "p1").reason == "the published warehouse holds no raw-folder state"
    record_state(previous, now, "p1")
    assert start_build(previous, building, now, "p2").reason == "the dbt project changed"
    assert not building.exists()
    unchanged = start_build(previous, building, now, "p1")
    assert unchanged.incremental and unchanged.changed == 0 and building.exists()


def test_nothing_changed_means_nothing_to_build(tmp_path):
    raw = tmp_path / "raw"
    (raw / "reports").mkdir(parents=True)
    (raw / "reports" / "a.csv").write_text("report_id\na\n", encoding="utf-8")
    (raw / "manifest.csv").write_text("source_path,status\na.pdf,ok\n", encoding="utf-8")
    previous, building = tmp_path / "previous.duckdb", tmp_path / "next.duckdb"
    record_state(previous, raw_state(raw), "p1", manifest_digest(raw))
    start = start_build(previous, building, raw_state(raw), "p1", manifest_digest(raw))
    assert start.nothing_changed and not building.exists()
    (raw / "manifest.csv").write_text("source_path,status\na.pdf,ok\nb.docx,not_a_report\n", encoding="utf-8")
    start = start_build(previous, building, raw_state(raw), "p1", manifest_digest(raw))  # a file came, not a report
    assert not start.nothing_changed and start.incremental and start.changed == 0 and building.exists()


def test_dbt_own_files_are_no_change_of_the_project(tmp_path):
    project = copy_project(tmp_path / "project")
    before = project_fingerprint(project)
    (project / "profiles" / ".user.yml").write_text("id: a-cookie\n", encoding="utf-8")
    for folder in ("target", "logs", "tests/python", "models/.ipynb_checkpoints"):
        (project / folder).mkdir(parents=True, exist_ok=True)
        (project / folder / "x.sql").write_text("select 1\n", encoding="utf-8")
    (project / "models" / "notes.txt").write_text("a note\n", encoding="utf-8")
    assert project_fingerprint(project) == before
    (project / "tests" / "generic" / "labelled.sql").write_text("{% test labelled() %}select 1{% endtest %}\n")
    assert project_fingerprint(project) != before
