"""The faults found when the batch was attacked, each reproduced, each shown to cost nothing
but the input that caused it (README, Reliability)."""

from __future__ import annotations

import csv
import fcntl
import json
import multiprocessing
import os
import resource
import select
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import duckdb
import pypdfium2 as pdfium
import pytest
from conftest import ROOT, SAMPLE_DATA, SAMPLE_PDFS, copy_raw, run_extract
from reportlab.pdfgen import canvas
from test_batches import build

import extract.batch
import extract.pdf.document
import extract.textdump
from extract.batch import clean_reason
from extract.batch import run as extract_batch
from extract.inputs import collect_inputs
from extract.isolation import Limits, run_isolated
from extract.masthead import Masthead
from extract.model import ExtractedReport
from extract.quality import review_tables
from extract.schema import KIND_BY_NUMBER
from extract.textdump.document import decode_text
from extract.titles import match_title
from fixtures.render import FONT, VARIANTS, load, render_report
from fixtures.textdump import render_dump

HRSS = SAMPLE_PDFS / "liaoning_dandong_hrss_2024.pdf"
UNIT = SAMPLE_PDFS / "liaoning_dandong_social_insurance_2023.pdf"


def padded(source: Path, destination: Path) -> Path:
    """The same report with bytes after %%EOF: another file, the same printed report."""
    destination.write_bytes(source.read_bytes() + b"\n% another download\n")
    return destination


def manifest(raw: Path) -> dict[str, dict]:
    with open(raw / "manifest.csv", encoding="utf-8", newline="") as handle:
        return {Path(row["source_path"]).name: row for row in csv.DictReader(handle)}


def tables_only(name: str, folder: Path, tables: tuple[str, ...] | None = None, variant: str = "liaoning") -> Path:
    data = load(SAMPLE_DATA / "liaoning_dandong_social_insurance_2023.json")
    options = replace(VARIANTS[variant], evaluations=False, **({"tables": tables} if tables else {}))
    return render_report(data, folder / name, options)


# 1. report_id collisions ------------------------------------------------------------------


def test_a_report_id_collision_is_refused_not_overwritten(tmp_path, monkeypatch):
    def colliding(sha256: str) -> str:
        return "0" * 32  # every content gets the same id, as a contrived collision would

    monkeypatch.setattr(extract.batch, "report_id_for", colliding)
    monkeypatch.setattr(extract.pdf.document, "report_id_for", colliding)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    shutil.copy(UNIT, inputs / "a.pdf")
    padded(UNIT, inputs / "b.pdf")
    summary = extract_batch([str(inputs)], tmp_path / "raw")
    rows = manifest(tmp_path / "raw")
    assert rows["a.pdf"]["status"] == "ok" and rows["b.pdf"]["status"] == "failed"
    assert "report_id collision" in rows["b.pdf"]["reason"] and summary.exit_code == 1
    with open(tmp_path / "raw" / "reports" / f"{'0' * 32}.csv", encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["sha256"] == rows["a.pdf"]["sha256"]  # a.pdf kept, not overwritten


def test_report_ids_are_128_bits(tmp_path):
    extract_batch([str(UNIT)], tmp_path / "raw")
    (row,) = manifest(tmp_path / "raw").values()
    assert len(row["report_id"]) == 32 and row["sha256"].startswith(row["report_id"])


# 2. which version is current --------------------------------------------------------------


def _dump(path: Path, without: str = "") -> Path:
    """The 2023 sample's tables as a text dump (quick to read), without one table if asked."""
    lines = render_dump(load(SAMPLE_DATA / "liaoning_dandong_social_insurance_2023.json"), evaluations=False)
    kept, skipping = [], False
    for line in lines.splitlines():
        kind = match_title(line)
        skipping = (kind.number == without) if kind else skipping
        if not skipping:
            kept.append(line)
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def test_a_damaged_newer_copy_never_displaces_a_complete_one(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    earlier = _dump(inputs / "earlier.txt")
    complete = inputs / "complete.txt"  # a re-download: the same report, complete
    complete.write_text(earlier.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    damaged = _dump(inputs / "damaged.txt", without="03")  # newer still, and short of 03
    stamp = time.time_ns() // 1_000_000_000 * 1_000_000_000  # all three within one whole second
    os.utime(earlier, ns=(stamp, stamp))
    os.utime(complete, ns=(stamp + 130_000_000, stamp + 130_000_000))  # 0.13 s newer
    os.utime(damaged, ns=(stamp + 260_000_000, stamp + 260_000_000))  # newer still, and short of 03
    result = build([inputs], tmp_path / "raw", tmp_path / "w.duckdb", tmp_path / "runs.jsonl")
    assert result.returncode == 0, result.stderr[-3000:]
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as connection:
        current = connection.execute("select source_file from dim_report where is_current").fetchall()
        assert [Path(f).name for (f,) in current] == ["complete.txt"]
        # three files of one report: its facts once, not three times, and every check passing
        printed = len(load(SAMPLE_DATA / "liaoning_dandong_social_insurance_2023.json")["tables"]["03"]["rows"])
        assert connection.execute("select count(*) from fct_expenditure_by_function").fetchone()[0] == printed
        failed = connection.execute("select count(*) from audit_identity_checks where status = 'fail'").fetchone()[0]
        assert failed == 0
    record = json.loads((tmp_path / "runs.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert sorted(Path(source).name for source in record["superseded"]) == ["damaged.txt", "earlier.txt"]
    assert "superseded: " in result.stderr and "damaged.txt" in result.stderr


# 3. "ok" with damage ----------------------------------------------------------------------


def _report_with(number: str, rows: list[dict]) -> ExtractedReport:
    report = ExtractedReport("r", Path("r.pdf"), "0" * 64, Masthead("某局", 2024, "部门决算"), 1)
    kind = KIND_BY_NUMBER[number]
    report.rows[number] = [
        dict.fromkeys(kind.raw_columns, "") | {"page": 3, "row_no": n} | row for n, row in enumerate(rows)
    ]
    return report


def test_cid_glyphs_in_an_amount_fail_that_table():
    report = _report_with("03", [{"functional_code": "208", "total": "1(cid:17)2.00"}, {"total": "5.00"}])
    review_tables(report)
    assert "03" not in report.rows
    assert any("amounts in glyphs without a Unicode map" in w and "not read" in w for w in report.warnings)


def test_amounts_that_are_not_numbers_and_missing_tables_are_warnings():
    report = _report_with("03", [{"total": "1,234.50"}, {"total": "12a.00"}, {"total": "—"}])
    review_tables(report)
    assert report.warnings == [
        "table 03: 1 rows with amounts that are not numbers (p3 r1)",
        "tables not found: 01 02 04 05 06 07 08 09",
    ]


def test_missing_tables_reach_the_manifest(tmp_path):
    pdf = tables_only("short.pdf", tmp_path, tables=("01", "02", "03"))
    extract_batch([str(pdf)], tmp_path / "raw")
    row = manifest(tmp_path / "raw")["short.pdf"]
    assert row["status"] == "ok" and "tables not found: 04 05 06 07 08 09" in row["reason"]


# 4. pages bound twice ---------------------------------------------------------------------


def test_a_report_bound_twice_is_kept_once(tmp_path):
    doubled = pdfium.PdfDocument.new()
    source = pdfium.PdfDocument(str(UNIT))
    doubled.import_pages(source)
    doubled.import_pages(source)
    doubled.save(tmp_path / "twice.pdf")
    once = extract.pdf.document.extract_pdf(UNIT, "0" * 64)
    twice = extract.pdf.document.extract_pdf(tmp_path / "twice.pdf", "1" * 64)
    assert len(twice.evaluations) == len(once.evaluations) == 4
    assert twice.rows == once.rows | {n: twice.rows[n] for n in twice.rows if n not in once.rows}
    assert sum("printed twice" in w and "kept once" in w for w in twice.warnings) == 9 + 4


def test_two_different_tables_of_one_kind_are_never_summed(tmp_path):
    table = (
        "一般公共预算财政拨款支出决算表\n部门：某某市某某局 2024 年度 金额单位：万元\n项目 本年支出\n"
        "功能分类科目编码 科目名称 小计 基本支出 项目支出\n合计 {total} {total}\n"
        "208 社会保障和就业支出 {total} {total}\n注：本表反映部门本年度一般公共预算财政拨款支出情况。\n"
    )
    path = tmp_path / "two.txt"
    path.write_text(table.format(total="130.00") + table.format(total="99.00"), encoding="utf-8")
    report = extract.textdump.extract_text(path, "0" * 64)
    assert [r["total"] for r in report.rows["05"]] == ["130.00", "130.00"]
    assert any("printed twice" in w and "two different tables" in w for w in report.warnings)
    kept = [json.loads(row["printed_cells"])[0] for row in report.other_rows]  # the other: every line kept
    assert "合计 99.00 99.00" in kept and "208 社会保障和就业支出 99.00 99.00" in kept


# 5. per-file limits -----------------------------------------------------------------------


def _sleep_then(seconds: float, value: str) -> str:
    time.sleep(seconds)
    return value


def _allocate(megabytes: int) -> int:
    block = bytearray(megabytes * 1024 * 1024)
    time.sleep(2)
    return len(block)


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _wait_then(event, value: str) -> str:
    event.wait(timeout=120)
    return value


def test_results_come_back_as_each_file_finishes():
    """The first task waits until the second's result has been handed over: an event, not a
    head start in seconds, so a loaded machine cannot reorder them."""
    context = multiprocessing.get_context("fork")
    second_delivered, already = context.Event(), context.Event()
    already.set()
    finished = []
    for index, _, value in run_isolated(_wait_then, [(second_delivered, "first"), (already, "second")], 2, Limits()):
        finished.append((index, value))
        second_delivered.set()
    assert finished == [(1, "second"), (0, "first")]


def test_a_worker_over_its_limits_or_killed_fails_only_its_input():
    tasks = [(300,), (1,)]
    outcomes = {i: (kind, value) for i, kind, value in run_isolated(_allocate, tasks, 2, Limits(memory_mb=200))}
    assert outcomes[0] == ("failure", "memory limit exceeded (200 MB)") and outcomes[1] == ("result", 1024 * 1024)
    outcomes = {i: (kind, value) for i, kind, value in run_isolated(_sleep_then, [(5, "x")], 1, Limits(seconds=0.3))}
    assert outcomes == {0: ("failure", "time limit exceeded (0.3 s)")}
    outcomes = {i: kind for i, kind, _ in run_isolated(_die, [()], 1, Limits())}
    assert outcomes == {0: "failure"}


def test_a_file_over_the_time_limit_fails_with_its_reason(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "extract", str(HRSS), str(UNIT), "--out", str(tmp_path / "raw"), "--time-limit", "0.2"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 1
    rows = manifest(tmp_path / "raw")
    assert {row["reason"] for row in rows.values()} == {"time limit exceeded (0.2 s)"}


# 6. crashes that lost the run -------------------------------------------------------------


def test_an_unreadable_file_fails_alone(tmp_path, monkeypatch):
    original = extract.batch.file_sha256

    def denied(path):
        if path.name == "a.pdf":
            raise PermissionError(13, "Permission denied", str(path))
        return original(path)

    monkeypatch.setattr(extract.batch, "file_sha256", denied)
    shutil.copy(HRSS, tmp_path / "a.pdf")
    summary = extract_batch([str(tmp_path / "a.pdf"), str(UNIT)], tmp_path / "raw")
    rows = manifest(tmp_path / "raw")
    assert rows["a.pdf"]["reason"] == "unreadable: permission denied" and summary.exit_code == 1
    assert rows[UNIT.name]["status"] == "ok"


def test_a_file_name_that_is_not_utf8_is_read_and_named(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    gbk_name = os.fsdecode(folder) + os.sep + os.fsdecode("测试".encode("gbk") + b".pdf")
    shutil.copy(UNIT, gbk_name)
    result = run_extract([folder], tmp_path / "raw")
    assert result.returncode == 0, result.stderr
    (row,) = manifest(tmp_path / "raw").values()
    assert row["status"] == "ok" and row["source_path"].endswith("\\xb2\\xe2\\xca\\xd4.pdf")


def test_a_full_disk_fails_the_report_being_written_and_keeps_the_rest(tmp_path, monkeypatch):
    original = extract.batch.write_report

    def full(raw_dir, report, label, **where):
        if label.endswith("copy.pdf"):
            raise OSError(28, "No space left on device")
        return original(raw_dir, report, label, **where)

    monkeypatch.setattr(extract.batch, "write_report", full)
    copy = padded(UNIT, tmp_path / "copy.pdf")
    summary = extract_batch([str(copy), str(UNIT)], tmp_path / "raw")
    rows = manifest(tmp_path / "raw")
    assert rows["copy.pdf"]["reason"] == "its raw files could not be written: No space left on device"
    assert rows[UNIT.name]["status"] == "ok" and summary.exit_code == 1
    written = {p.name for p in (tmp_path / "raw").rglob(f"{rows['copy.pdf']['sha256'][:32]}.csv")}
    assert written == set()  # none of its files left half a report


def test_a_failed_publish_is_exit_2_with_a_run_log(tmp_path, monkeypatch, sample_raw):
    import pipeline.build
    from pipeline.dbt import DbtRun

    def no_publish(building, warehouse):
        raise OSError(28, "No space left on device")

    def tested_build(project_dir, raw_dir, database, target, quarantine_file):
        duckdb.connect(str(database)).close()  # a build that passed its tests (its content is not the point)
        return DbtRun(exit_code=0, seconds=0.0)

    monkeypatch.setattr(pipeline.build, "run_build", tested_build)
    monkeypatch.setattr(pipeline.build, "publish", no_publish)
    raw = copy_raw(sample_raw, tmp_path / "raw")
    log = tmp_path / "runs.jsonl"
    code = pipeline.build.main([str(tmp_path / "none"), "--raw-dir", str(raw), "--warehouse",
                                str(tmp_path / "w.duckdb"), "--log", str(log)])  # fmt: skip
    record = json.loads(log.read_text(encoding="utf-8"))
    assert code == 2 and record["exit_code"] == 2 and record["published"] is False
    assert "No space left on device" in record["publish_error"] and not (tmp_path / "w.duckdb").exists()


# 7. folders -------------------------------------------------------------------------------


def test_symlinked_folders_are_followed_once_and_unreadable_ones_named(tmp_path, monkeypatch):
    top = tmp_path / "top"
    (top / "real").mkdir(parents=True)
    (top / "locked").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(UNIT, elsewhere / "u.pdf")
    shutil.copy(HRSS, top / "real" / "h.pdf")
    (top / "linked").symlink_to(elsewhere, target_is_directory=True)
    (top / "real" / "loop").symlink_to(top, target_is_directory=True)  # a link back up the tree
    scandir = os.scandir

    def locked(path="."):
        if Path(path) == top / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", locked)
    found = collect_inputs([str(top)]).inputs
    assert sorted(i.path.name for i in found if not i.problem) == ["h.pdf", "u.pdf"]
    assert [(i.path, i.problem) for i in found if i.problem] == [
        (top / "locked", "unreadable folder: permission denied")
    ]


def test_make_build_keeps_a_path_with_a_space_whole():
    shown = subprocess.run(["make", "-n", "build", "INPUT=/data/my reports"], cwd=ROOT, capture_output=True, text=True)
    assert '"/data/my reports"' in shown.stdout


# 8. a read-write reader: test_batches.py::test_readers_holding_the_warehouse_open_do_not_stop_a_build_and_…


# 9–10. one bad report; the published file stands alone ----------------------------------


def _copy_report(raw: Path, report_id: str, n: int) -> str:
    """Another report: the raw files of report_id under a new id, its entity renamed."""
    copy_id = f"{n:032x}"
    for family in [p for p in raw.iterdir() if p.is_dir() and p.name not in ("manifests", "quarantine")]:
        text = (family / f"{report_id}.csv").read_text("utf-8").replace(report_id, copy_id)
        (family / f"{copy_id}.csv").write_text(text.replace("服务中心", f"服务中心{n}"), encoding="utf-8")
    return copy_id


def _edit_rows(path: Path, edit) -> None:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(edit(rows))


def _plant_failures(raw: Path, inputs: Path) -> dict[str, str]:
    """One report of each per-report failure beside good ones: report_id → the test it fails."""
    reports = {p.stem: p.read_text("utf-8") for p in (raw / "reports").glob("*.csv") if p.name != "_empty.csv"}
    (hrss,) = [report_id for report_id, text in reports.items() if "人力资源" in text]
    (unit,) = [report_id for report_id in reports if report_id != hrss]
    t03 = raw / "t03_expenditure_by_function" / f"{hrss}.csv"
    t03.write_text(t03.read_text("utf-8").replace("909.66", "919.66"), encoding="utf-8")  # 款 20801 ≠ its 项
    duplicated, unrelated, unnamed = (_copy_report(raw, unit, n) for n in (1, 2, 3))
    good = _copy_report(raw, unit, 4)  # a good one, whose narrative states a figure in 万元 meant in 元
    _edit_rows(
        raw / "n01_narrative_figures" / f"{good}.csv", lambda rows: [rows[0] | {"value": "302,475,975.31"}, *rows[1:]]
    )
    _edit_rows(raw / "t03_expenditure_by_function" / f"{duplicated}.csv", lambda rows: rows + rows[-1:])
    _edit_rows(
        raw / "t07_three_public_costs" / f"{unrelated}.csv", lambda rows: [rows[0] | {"item_code": "9"}, *rows[1:]]
    )
    _edit_rows(raw / "reports" / f"{unnamed}.csv", lambda rows: [rows[0] | {"entity_name": ""}])  # from elsewhere
    data = load(SAMPLE_DATA / "liaoning_dandong_social_insurance_2023.json")
    (inputs / "no_name.txt").write_text(render_dump(data | {"entity_name": ""}), encoding="utf-8")
    return {
        hrss: "assert_no_failing_identity",
        duplicated: "unique_combination_fct_expenditure_by_function_report_id__row_no",
        unrelated: "relationships_fct_three_public_costs_item_code__item_code__ref_three_public_items_",
        unnamed: "unreadable_identity",
    }


def test_each_kind_of_failing_report_is_quarantined_and_the_rest_published_as_a_standalone_file(tmp_path, sample_raw):
    """A batch of good reports with one of each per-report failure: an identity, a duplicate key,
    a broken relationship, an entity NULL in raw files from elsewhere, an entity the extractor
    cannot read. Every good one is published (exit 1); each bad one is named with its reason."""
    raw = copy_raw(sample_raw, tmp_path / "it's raw")  # a quote in the path the SQL reads from
    inputs, warehouse, builds = tmp_path / "inputs", tmp_path / "w.duckdb", tmp_path / "w.duckdb.d"
    inputs.mkdir()
    planted = _plant_failures(raw, inputs)
    builds.mkdir()
    (builds / "20200101T000000000000Z-1.duckdb.building").write_bytes(b"x" * 1000)  # a killed build's file
    result = build([inputs], raw, warehouse, tmp_path / "runs.jsonl")
    assert result.returncode == 1 and "quarantined" in result.stderr, result.stderr[-3000:]
    assert "20801: total (款等于所属项之和): 5096.36 vs 5106.36, page " in result.stderr  # the check in words
    summary = result.stderr[result.stderr.index("Inputs: ") :]  # the run's last words
    assert "Quarantined (their checks fail; left out of the facts):" in summary
    assert "Quarantined at extraction (kept under quarantine/):" in summary and "no_name.txt: its entity's" in summary
    assert "Published " in summary and ": 2 current reports." in summary
    assert not [p for p in builds.iterdir() if "building" in p.name]
    (extracted,) = [row for row in csv.DictReader(open(raw / "manifest.csv", encoding="utf-8")) if row["report_id"]
                    and "no_name" in row["source_path"]]  # fmt: skip
    assert (
        extracted["status"] == "quarantined"
        and (raw / "quarantine" / "reports" / f"{extracted['report_id']}.csv").exists()
    )
    shutil.rmtree(raw)  # the published file stands alone
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        held = connection.execute("select report_id, test_name, subject from audit_quarantined_reports").fetchall()
        for report_id, test_name in planted.items():
            assert test_name in {name for held_id, name, _ in held if held_id == report_id}, (test_name, held)
        assert (extracted["report_id"], "extraction", "its entity's name could not be read") in held
        assert {report_id for report_id, _, _ in held} == {*planted, extracted["report_id"]}
        coverage = connection.execute(  # the scoreboard tells the same
            "select report_id, is_quarantined, reads_whole from audit_report_coverage where report_id is not null"
        ).fetchall()
        assert {report_id for report_id, quarantined, _ in coverage if quarantined} == {
            *planted,
            extracted["report_id"],
        }
        assert len({report_id for report_id, _, whole in coverage if whole}) == 2
        published = connection.execute("select entity_name from dim_report where is_current order by 1").fetchall()
        assert published == [("辽宁省丹东市社会保险事业服务中心",), ("辽宁省丹东市社会保险事业服务中心4",)]
        assert connection.execute(
            "select count(*) from dim_report where entity_name is null or fiscal_year is null"
        ).fetchone() == (0,)
        facts = connection.execute("select count(distinct report_id) from fct_expenditure_by_function").fetchone()
        assert facts == (2,)
        relations = connection.execute("select table_schema, table_name from information_schema.tables").fetchall()
        for schema, name in relations:
            connection.execute(f'select count(*) from "{schema}"."{name}"').fetchone()
        views = connection.execute("select sql from duckdb_views() where not internal").fetchall()
        assert not [sql for (sql,) in views if "read_csv" in sql]
    record = json.loads((tmp_path / "runs.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert record["exit_code"] == 1 and set(record["quarantined"]) == set(planted) - {planted_unnamed(planted)}


def planted_unnamed(planted: dict[str, str]) -> str:
    return next(report_id for report_id, test in planted.items() if test == "unreadable_identity")


# 11. concurrent runs ----------------------------------------------------------------------


def test_a_second_run_waits_for_the_first_and_each_run_has_a_manifest(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    with open(raw / ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a run in progress
        waiting = subprocess.Popen(
            [sys.executable, "-m", "extract", str(UNIT), "--out", str(raw)],
            cwd=ROOT, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        for line in waiting.stderr:  # the event: the second run says it is waiting
            if "in use by another run; waiting" in line:
                break
        assert waiting.poll() is None  # still waiting
        fcntl.flock(lock, fcntl.LOCK_UN)
    _, stderr = waiting.communicate(timeout=120)
    assert waiting.returncode == 0 and "1 extracted" in stderr  # it waited, then did the work
    assert run_extract([padded(UNIT, tmp_path / "copy.pdf")], raw).returncode == 0
    assert len(list((raw / "manifests").glob("*.csv"))) == 2
    assert set(manifest(raw)) == {UNIT.name, "copy.pdf"}  # the cumulative manifest holds both runs


# 12. leftovers (a killed build's file: in the quarantine test above) -------------------------


def test_raw_files_are_readable_by_others(tmp_path):
    extract_batch([str(UNIT)], tmp_path / "raw")
    modes = {p.stat().st_mode & 0o777 for p in (tmp_path / "raw").rglob("*.csv")}
    assert all(mode & 0o044 == 0o044 for mode in modes), modes


def test_a_child_dies_with_its_parent(tmp_path):
    script = (
        "import subprocess, sys, time\n"
        "from extract.isolation import die_with_parent\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'], preexec_fn=die_with_parent)\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    try:
        handle = os.pidfd_open(child)  # readable once the child has ended: an event, not a poll
    except ProcessLookupError:
        return  # already gone
    try:
        ended, _, _ = select.select([handle], [], [], 120)
    finally:
        os.close(handle)
    assert ended, "the child outlived its parent"


# 13. text in files -----------------------------------------------------------------------


def test_reasons_are_clean_text_and_big5_is_not_taken_for_gb18030(tmp_path):
    assert clean_reason("bad\x00 object\x1b[31m at\n12") == "bad object [31m at 12"
    big5 = "收入支出決算總表\n部門：某某局 2024 年度 金額單位：萬元\n合計 100.00\n".encode("big5")
    with pytest.raises(extract.model.UnreadableInput, match="text encoding not recognised"):
        decode_text(big5)
    path = tmp_path / "big5.txt"
    path.write_bytes(big5)
    summary = extract_batch([str(path)], tmp_path / "raw")
    assert manifest(tmp_path / "raw")["big5.txt"]["reason"].startswith("text encoding not recognised")
    assert summary.exit_code == 1


# Tables beyond the nine (issue 11): every printed row kept in the generic raw family.


def _extra_table_page(path: Path) -> Path:
    """One page with a ruled table that is not one of the nine: 机关运行经费支出决算表."""
    page = canvas.Canvas(str(path))
    page.setFont(FONT, 14)
    page.drawString(150, 780, "机关运行经费支出决算表")
    page.setFont(FONT, 10)
    rows = [("项目", "决算数"), ("机关运行经费", "123.45"), ("其中：办公费", "20.00")]
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            page.drawString(110 + 160 * c, 742 - 24 * r, text)
    for r in range(len(rows) + 1):
        page.line(100, 760 - 24 * r, 420, 760 - 24 * r)
    for x in (100, 260, 420):
        page.line(x, 760, x, 760 - 24 * len(rows))
    page.save()
    return path


def test_a_table_beyond_the_nine_is_kept_row_by_row(tmp_path):
    report_pdf = tables_only("report.pdf", tmp_path, tables=("07",))
    merged = pdfium.PdfDocument(str(report_pdf))
    merged.import_pages(pdfium.PdfDocument(str(_extra_table_page(tmp_path / "extra.pdf"))))
    merged.save(tmp_path / "with-extra.pdf")
    extract_batch([str(tmp_path / "with-extra.pdf")], tmp_path / "raw")
    (rows_file,) = [p for p in (tmp_path / "raw" / "x01_other_tables").glob("*.csv") if p.name != "_empty.csv"]
    with open(rows_file, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["table_title"] for row in rows} == {"机关运行经费支出决算表"}
    assert [json.loads(row["printed_cells"]) for row in rows] == [
        ["项目", "决算数"],
        ["机关运行经费", "123.45"],
        ["其中：办公费", "20.00"],
    ]


# After an upgrade, and at scale: one header per raw family, read file by file.


def test_an_older_raw_file_is_given_todays_header(tmp_path):
    raw = tmp_path / "raw"
    extract_batch([str(UNIT)], raw)
    (path,) = [p for p in (raw / "t03_expenditure_by_function").glob("*.csv") if p.name != "_empty.csv"]
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    older = [c for c in rows[0] if c != "code_printed"]  # as an extractor without that column wrote it
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=older, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    (raw / ".extractor_version").write_text("4\n", encoding="utf-8")
    (tmp_path / "nothing").mkdir()
    extract_batch([str(tmp_path / "nothing")], raw)
    with open(path, encoding="utf-8", newline="") as handle:
        aligned = list(csv.DictReader(handle))
    assert list(aligned[0]) == list(rows[0]) and {r["code_printed"] for r in aligned} == {""}
    assert [r["total"] for r in aligned] == [r["total"] for r in rows]


def test_the_warehouse_reads_more_raw_files_than_it_may_hold_open(tmp_path, sample_raw):
    raw = copy_raw(sample_raw, tmp_path / "raw")
    (report_id,) = [p.stem for p in (raw / "reports").glob("*.csv") if "2023" in p.read_text("utf-8").split("\n")[1]]
    for n in range(200):  # 200 more reports: each raw folder holds more files than the 160 handles allowed
        copy_id = f"{n:032x}"
        for family in [p for p in raw.iterdir() if p.is_dir() and p.name != "manifests"]:
            source = family / f"{report_id}.csv"
            text = source.read_text("utf-8").replace(report_id, copy_id).replace("服务中心", f"服务中心{n}")
            (family / f"{copy_id}.csv").write_text(text, encoding="utf-8")
    env = dict(os.environ, FISCAL_RAW_DIR=str(raw), FISCAL_DUCKDB=str(tmp_path / "w.duckdb"))

    def few_handles():
        resource.setrlimit(resource.RLIMIT_NOFILE, (160, 160))

    built = subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), "run", "--select", "staging", "--project-dir", str(ROOT),
         "--profiles-dir", str(ROOT / "profiles"), "--target-path", str(tmp_path / "target")],
        env=env, capture_output=True, text=True, preexec_fn=few_handles,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout[-3000:]
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as connection:
        assert connection.execute("select count(*) from staging.stg_reports").fetchone()[0] == 202


def test_a_null_amount_is_named_with_its_column_and_row():
    """not_null_columns returns the failing rows whole, with the column found NULL: the run's
    words and audit_quarantined_reports name the column and the printed row."""
    from pipeline.build import describe_check
    from pipeline.dbt import null_subject

    row = {"report_id": "r", "null_column": "total", "row_no": 5, "page": 10, "table_number": None}
    check = {"test_name": "not_null_columns_fct_general_budget_expenditure", **row, **null_subject(row)}
    assert check["subject"] == "total is NULL (empty, or not a number as printed), row 5"
    assert describe_check(check).endswith("total is NULL (empty, or not a number as printed), row 5, page 10")
    identity = {"report_id": "r", "identity": "section_eq_sum_of_items", "subject": "20801: total"}
    assert null_subject(identity) == {}


def test_a_test_failing_for_every_report_blames_the_project_not_the_reports(tmp_path):
    """A bad seed or model fails a test for every report: quarantining them all would publish
    an empty warehouse, so the failure stops the publish instead."""
    from pipeline.dbt import DbtRun, blamed_checks

    database = tmp_path / "w.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema staging; create schema failures")
        connection.execute(
            "create table staging.stg_reports as select * from (values ('a'), ('b'), ('c')) t(report_id)"
        )
        connection.execute("create table failures.everyone as select * from (values ('a'), ('b'), ('c')) t(report_id)")
        connection.execute("create table failures.some as select * from (values ('b'), ('b')) t(report_id)")
    failure = {"status": "fail", "is_test": True}
    run = DbtRun(1, 0.0, failures=[failure | {"name": "t_every", "relation": "failures.everyone"},
                                   failure | {"name": "t_some", "relation": "failures.some"}])  # fmt: skip
    checks, unblamed = blamed_checks(database, run)
    assert unblamed == ["t_every (every report)"]
    assert [(check["test_name"], check["report_id"]) for check in checks] == [("t_some", "b"), ("t_some", "b")]
