"""The warehouse as its users meet it: the `fiscal` command, its exit codes and progress, the
query and export commands, the documentation, and the defaults that keep their data safe."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import duckdb
import openpyxl
import polars as pl
import pytest
import yaml
from conftest import ROOT, SAMPLE_DATA, SAMPLE_PDFS

from fixtures.render import RenderOptions, load, render_report
from pipeline.cli import main as fiscal
from pipeline.export import EXPORTERS

FISCAL = str(Path(sys.executable).with_name("fiscal"))
DUCKDB_1X = ROOT / ".venv" / "duckdb-1x"


def test_each_file_is_reported_as_it_finishes_not_at_the_end(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    data = load(SAMPLE_DATA / "liaoning_dandong_social_insurance_2023.json")
    render_report(data, inputs / "a_short.pdf", replace(RenderOptions(), tables=("07",), evaluations=False))
    shutil.copy(SAMPLE_PDFS / "liaoning_dandong_social_insurance_2023.pdf", inputs / "b_whole.pdf")
    command = [FISCAL, "extract", str(inputs), "--out", str(tmp_path / "raw"), "--jobs", "1"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    running_at_first_report = None
    lines = []
    for line in process.stderr:
        lines.append(line)
        if ": ok, tables" in line and running_at_first_report is None:
            running_at_first_report = process.poll() is None
    assert process.wait() == 0, "".join(lines)
    assert running_at_first_report is True  # the short file was reported while the whole one was read
    assert sum(": ok, tables" in line for line in lines) == 2


def test_exit_codes_tell_a_scheduler_what_happened(tmp_path, capsys):
    assert fiscal([]) == 64 and fiscal(["nonsense"]) == 64 and fiscal(["build"]) == 64  # the command line
    assert fiscal(["query", "select 1", "--warehouse", str(tmp_path / "none.duckdb")]) == 2  # nothing to read
    assert "no warehouse at" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert fiscal(["extract", str(empty), "--out", str(tmp_path / "raw")]) == 0
    assert fiscal(["extract", str(tmp_path / "nowhere"), "--out", str(tmp_path / "raw")]) == 1  # a missing input


def test_the_scoreboard_says_what_was_read_of_each_report(sample_warehouse, capsys):
    assert fiscal(["coverage", "--reports", "--warehouse", str(sample_warehouse)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:5] == ["Inputs: 2 ok.", "  entity and year read: 2/2 (100.0%)", "  收支总表 typed: 2/2 (100.0%)",
                         "  no identity failing: 2/2 (100.0%)", "  published whole: 2/2 (100.0%)"]  # fmt: skip
    # every amount the samples' narratives state is compared with a table cell: none passes unread
    assert (
        lines[5]
        == "  narrative amounts checked against a table cell: 38/38 (100.0%) (in 2 of the 2 reports that state any)"
    )
    (hrss,) = [line for line in lines if "liaoning_dandong_hrss_2024.pdf" in line]
    assert "final 辽宁省丹东市人力资源和社会保障局 2024; 收支总表 typed, 9 tables typed" in hrss and hrss.endswith(
        "whole"
    )


def test_the_version_is_told(capsys):
    from extract import EXTRACTOR_VERSION

    package = re.search(r'^version = "(.+)"$', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)[1]
    assert fiscal(["--version"]) == 0
    assert capsys.readouterr().out == f"fiscal {package} (extractor {EXTRACTOR_VERSION})\n"


def test_an_empty_folder_says_so(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = subprocess.run(
        [FISCAL, "extract", str(empty), "--out", str(tmp_path / "raw")], capture_output=True, text=True
    )
    assert result.returncode == 0 and "no files to read in" in result.stderr


def test_one_line_queries_the_warehouse(sample_warehouse, capsys):
    sql = "select entity_name, fiscal_year from dim_report order by fiscal_year"
    assert fiscal(["query", sql, "--csv", "--warehouse", str(sample_warehouse)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeff")  # the byte-order mark Excel needs to read UTF-8
    rows = list(csv.reader(out.removeprefix("\ufeff").splitlines()))
    assert rows == [["entity_name", "fiscal_year"], ["辽宁省丹东市社会保险事业服务中心", "2023"],
                    ["辽宁省丹东市人力资源和社会保障局", "2024"]]  # fmt: skip
    assert fiscal(["query", "select no_such_column from dim_report", "--warehouse", str(sample_warehouse)]) == 2
    assert fiscal(["query", "drop table dim_report", "--warehouse", str(sample_warehouse)]) == 2  # read-only


def test_exports_read_back_with_the_chinese_intact(sample_warehouse, tmp_path):
    with duckdb.connect(str(sample_warehouse), read_only=True) as connection:
        marts = [
            name
            for (name,) in connection.execute(
                "select table_name from duckdb_tables() where schema_name = 'main'"
            ).fetchall()
        ]
        expected = connection.execute(
            "select item_name, actual_amount from fct_three_public_costs order by all"
        ).fetchall()
    for export_format in ("parquet", "csv", "xlsx"):
        assert (
            fiscal(
                ["export", export_format, "--out", str(tmp_path / export_format), "--warehouse", str(sample_warehouse)]
            )
            == 0
        )
    parquet = pl.read_parquet(tmp_path / "parquet" / "fct_three_public_costs.parquet")
    assert sorted(parquet.select("item_name", "actual_amount").rows()) == expected
    csv_file = tmp_path / "csv" / "fct_three_public_costs.csv"
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    from_csv = pl.read_csv(csv_file, schema_overrides={"actual_amount": pl.Decimal(18, 6)})
    assert sorted(from_csv.select("item_name", "actual_amount").rows()) == expected
    workbook = openpyxl.load_workbook(tmp_path / "xlsx" / "warehouse.xlsx", read_only=True)
    assert workbook.sheetnames[0] == "目录" and len(workbook.sheetnames) == len(marts) + 1
    for sheet in workbook.sheetnames[1:]:
        headers = next(workbook[sheet].iter_rows(max_row=1, values_only=True))
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in header) for header in headers), (sheet, headers)
    costs = list(workbook["fct_three_public_costs"].iter_rows(values_only=True))
    # the report's entity, year and kind lead every fact sheet, before its 32-hex report_id
    assert costs[0][:6] == ("单位名称", "年度", "报告类型名称", "报告编号", "项目代码", "项目标准名称")
    assert {row[:3] for row in costs[1:]} == {
        ("辽宁省丹东市人力资源和社会保障局", 2024, "决算"),
        ("辽宁省丹东市社会保险事业服务中心", 2023, "决算"),
    }
    assert sorted((row[6], Decimal(str(row[8])).quantize(Decimal("0.000001"))) for row in costs[1:]) == expected
    sheet = openpyxl.load_workbook(tmp_path / "xlsx" / "warehouse.xlsx")["fct_three_public_costs"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:M{len(costs)}"
    assert sheet["I2"].number_format == "#,##0.00" and sheet["A2"].number_format == "General"


def test_text_a_spreadsheet_would_evaluate_is_made_inert(tmp_path):
    database = tmp_path / "w.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema reference")
        connection.execute(
            "create table reference.column_labels as select 'item_name' as column_name, '科目名称' as label_zh"
        )
        connection.execute(
            "create table fct_x as select * from (values ('=HYPERLINK(\"http://x\")', 1.5), ('@SUM(A1)', -2.0))"
            " as t(item_name, amount)"
        )
    with duckdb.connect(str(database), read_only=True) as connection:
        (csv_file,) = EXPORTERS["csv"](connection, tmp_path)
        (xlsx_file,) = EXPORTERS["xlsx"](connection, tmp_path)
    rows = list(csv.reader(csv_file.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1:] == [['\'=HYPERLINK("http://x")', "1.5"], ["'@SUM(A1)", "-2.0"]]
    sheet = openpyxl.load_workbook(xlsx_file)["fct_x"]
    assert sheet["A1"].value == "科目名称" and sheet["B1"].value == "amount"  # no label: the name itself
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == '=HYPERLINK("http://x")'  # text, not a formula
    assert sheet["B3"].value == -2.0


def test_rates_show_as_percentages_and_facts_carry_their_report(tmp_path):
    database = tmp_path / "w.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema reference")
        connection.execute("create table reference.column_labels (column_name varchar, label_zh varchar)")
        connection.execute(
            "create table dim_report as select 'r1' as report_id, '某局' as entity_name, 2025 as fiscal_year,"
            " '预算' as report_kind_label"
        )
        connection.execute(
            "create table fct_x as select 'r1' as report_id, 12.5::decimal(18, 6) as amount,"
            " 0.9512::decimal(12, 4) as execution_rate, 3 as page"
        )
    with duckdb.connect(str(database), read_only=True) as connection:
        (xlsx_file,) = EXPORTERS["xlsx"](connection, tmp_path)
    sheet = openpyxl.load_workbook(xlsx_file)["fct_x"]
    assert [cell.value for cell in sheet[2]] == ["某局", 2025, "预算", "r1", 12.5, 0.9512, 3]
    assert [cell.number_format for cell in sheet[2]][4:] == ["#,##0.00", "0.00%", "General"]


@pytest.mark.skipif(not DUCKDB_1X.exists(), reason="`make install` puts a DuckDB 1.x client in .venv/duckdb-1x")
def test_descriptions_are_visible_from_a_duckdb_1x_client(sample_warehouse):
    script = """
import duckdb, json, sys
connection = duckdb.connect(sys.argv[1], read_only=True)
where = "where table_name = 'fct_three_public_costs'"
table = connection.execute(f"select comment from duckdb_tables() {where}").fetchone()[0]
column = connection.execute(f"select comment from duckdb_columns() {where} and column_name = 'page'").fetchone()[0]
print(json.dumps([duckdb.__version__, table, column], ensure_ascii=False))
"""
    environment = dict(os.environ, PYTHONPATH=str(DUCKDB_1X))
    result = subprocess.run(
        [sys.executable, "-c", script, str(sample_warehouse)], capture_output=True, text=True, env=environment
    )
    assert result.returncode == 0, result.stderr
    version, table, column = json.loads(result.stdout)
    assert version.startswith("1.") and table.startswith("公开07表") and column


def test_the_documentation_site_carries_the_descriptions_and_an_overview(sample_warehouse, tmp_path):
    target = tmp_path / "docs"
    assert fiscal(["docs", "--no-serve", "--warehouse", str(sample_warehouse), "--target", str(target)]) == 0
    assert (target / "index.html").exists()
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert "doc.fiscal_warehouse.__overview__" in manifest["docs"]
    catalog = json.loads((target / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["nodes"]["model.fiscal_warehouse.fct_three_public_costs"]["metadata"]["comment"].startswith(
        "公开07表"
    )


def test_the_defaults_keep_the_users_data():
    project = yaml.safe_load((ROOT / "dbt_project.yml").read_text(encoding="utf-8"))
    assert "logs" not in project["clean-targets"]  # `dbt clean` keeps logs/runs.jsonl
    demo = subprocess.run(["make", "-n", "demo"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "--raw-dir data/demo/raw" in demo and "rm " not in demo  # the demo never touches data/raw
