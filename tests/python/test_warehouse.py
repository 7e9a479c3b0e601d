"""The bundled samples built into a warehouse: published figures, identities, file format."""

from __future__ import annotations

import csv
from dataclasses import replace
from decimal import Decimal

import duckdb
from conftest import SAMPLE_DATA, copy_project, copy_raw, dbt_build, run_extract

from fixtures.render import VARIANTS, load, render_report


def query(database, sql, *params):
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql, params).fetchall()


def test_both_sample_reports_are_in_the_warehouse(sample_warehouse):
    reports = query(sample_warehouse, "select entity_name, fiscal_year from dim_report order by fiscal_year")
    assert reports == [("辽宁省丹东市社会保险事业服务中心", 2023), ("辽宁省丹东市人力资源和社会保障局", 2024)]


def test_published_figures(sample_warehouse):
    row = query(
        sample_warehouse,
        """
        select total, basic, project from fct_expenditure_by_function join dim_report using (report_id)
        where fiscal_year = 2024 and functional_code = '2080102'""",
    )
    assert row == [(Decimal("794.82"), Decimal("0.00"), Decimal("794.82"))]
    (amount,) = query(
        sample_warehouse,
        """
        select amount from fct_basic_expenditure_by_economic join dim_report using (report_id)
        where fiscal_year = 2024 and economic_code = '30101'""",
    )[0]
    assert amount == Decimal("2451.12")
    totals = query(
        sample_warehouse,
        """
        select side, amount from fct_summary_lines join dim_report using (report_id)
        where fiscal_year = 2024 and table_number = '01' and line_key = 'grand_total' order by side""",
    )
    assert totals == [("expenditure", Decimal("12043.25")), ("income", Decimal("12043.25"))]
    three_public = dict(
        query(
            sample_warehouse,
            """
        select item_code, actual_amount from fct_three_public_costs join dim_report using (report_id)
        where fiscal_year = 2024""",
        )
    )
    assert three_public["total"] == Decimal("24.97") and three_public["vehicle_purchase"] == Decimal("0.00")


def test_total_row_has_level_zero_and_no_code(sample_warehouse):
    rows = query(sample_warehouse, "select functional_code, item_name from fct_income_by_function where code_level = 0")
    assert len(rows) == 2 and all(code is None and name == "合计" for code, name in rows)


def test_every_identity_holds(sample_warehouse):
    status = dict(query(sample_warehouse, "select status, count(*) from audit_identity_checks group by status"))
    assert status.get("fail", 0) == 0
    assert status.get("acknowledged", 0) == 1  # the reviewed typo in seeds/acknowledged_identity_mismatches.csv
    assert status["pass"] > 600
    identities = {i for (i,) in query(sample_warehouse, "select distinct identity from audit_identity_checks")}
    assert {
        "income_total_eq_expenditure_total",
        "class_eq_sum_of_sections",
        "basic_total_eq_05_basic",
        "total_eq_04_state_capital_expenditure",
        "actual_at_least_06_code",
    } <= identities


def test_amounts_are_exact_decimals(sample_warehouse):
    types = dict(
        query(
            sample_warehouse,
            """
        select column_name, data_type from information_schema.columns
        where table_name = 'fct_expenditure_by_function'""",
        )
    )
    assert types["total"] == "DECIMAL(18,6)" and types["project"] == "DECIMAL(18,6)"


def test_a_report_printed_in_yuan_is_converted_to_wanyuan(tmp_path):
    data = load(SAMPLE_DATA / "liaoning_dandong_hrss_2024.json")
    pdf = render_report(data, tmp_path / "inputs" / "yuan.pdf", replace(VARIANTS["yuan"], evaluations=False))
    raw = tmp_path / "raw"
    assert run_extract([pdf], raw).returncode == 0
    (printed,) = [
        r
        for p in (raw / "t03_expenditure_by_function").glob("*.csv")
        for r in csv.DictReader(open(p, encoding="utf-8"))
        if r["functional_code"] == "2080102"
    ]
    assert (printed["project"], printed["amount_unit"]) == ("7,948,200.00", "元")
    built = dbt_build(copy_project(tmp_path / "project"), raw, tmp_path / "w.duckdb")
    assert built.returncode == 0, built.stdout[-3000:]
    row = query(
        tmp_path / "w.duckdb",
        "select total, basic, project, amount_unit from staging.stg_expenditure_by_function"
        " where functional_code = '2080102'",
    )
    assert row == [(Decimal("794.82"), Decimal("0"), Decimal("794.82"), "元")]
    (amount,) = query(
        tmp_path / "w.duckdb", "select amount from fct_basic_expenditure_by_economic where economic_code = '30101'"
    )[0]
    assert amount == Decimal("2451.12")
    statuses = dict(query(tmp_path / "w.duckdb", "select status, count(*) from audit_identity_checks group by 1"))
    assert statuses.get("fail", 0) == 0 and statuses["pass"] > 400


def test_file_stays_readable_by_duckdb_1x_clients(sample_warehouse):
    tags = query(sample_warehouse, "select tags from duckdb_databases() where database_name = 'warehouse'")[0][0]
    assert tags["storage_version"].startswith("v1.0.0")


def test_unknown_code_resolves_flagged(sample_warehouse):
    official = query(sample_warehouse, "select count(*) from dim_functional_code where not is_official")[0][0]
    assert official == 0  # every sample code is in the shipped list …
    orphans = query(
        sample_warehouse,
        """
        select count(*) from fct_expenditure_by_function f
        left join dim_functional_code d using (functional_code)
        where f.functional_code is not null and d.functional_code is null""",
    )[0][0]
    assert orphans == 0


def _rewrite(path, alter) -> None:
    """Rewrite one raw CSV with alter(row) applied to each row."""
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    for row in rows:
        alter(row)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _alter_samples(raw) -> None:
    """Two extracted figures altered: 03 2080101 行政运行 total 909.66 → 919.66, and in the
    项目 人才政策补贴 the indicator 住房补贴发放准确率 scored 15 (above its 分值 12.5, and the
    subtotal no longer adds up)."""
    (table,) = [p for p in (raw / "t03_expenditure_by_function").glob("*.csv") if "909.66" in p.read_text("utf-8")]
    _rewrite(table, lambda row: row.update(total="919.66") if row["functional_code"] == "2080101" else None)
    (indicators,) = [
        p for p in (raw / "e04_performance_indicators").glob("*.csv") if "人才政策补贴" in p.read_text("utf-8")
    ]

    def score(row):
        if row["subject_name"] == "人才政策补贴" and row["level3"] == "住房补贴发放准确率":
            row["score"] = "15"

    _rewrite(indicators, score)


def test_an_altered_figure_fails_the_build_unless_acknowledged(tmp_path, sample_raw):
    raw = copy_raw(sample_raw, tmp_path / "raw")
    _alter_samples(raw)
    project = copy_project(tmp_path / "project")
    with open(project / "seeds" / "acknowledged_identity_mismatches.csv", "a", encoding="utf-8") as handle:
        for identity, subject in [
            ("row_total_eq_sum_of_columns", "2080101: total"),
            ("section_eq_sum_of_items", "20801: total"),
        ]:
            handle.write(
                f"辽宁省丹东市人力资源和社会保障局,2024,03,{identity},{subject},test: printed so in the PDF,pytest\n"
            )
    built = dbt_build(project, raw, tmp_path / "w.duckdb")
    # the indicator's two checks fail the build; the acknowledged 03 mismatches do not
    assert built.returncode != 0 and "FAIL 2 assert_no_failing_identity" in built.stdout
    assert "WARN 1 row_total_matches_columns_fct_expenditure_by_function" not in built.stdout  # acknowledged
    failing = query(
        tmp_path / "w.duckdb",
        "select identity, subject, difference from audit_identity_checks where status = 'fail' order by 1, 2",
    )
    assert [identity for identity, _, _ in failing] == [
        "indicator_score_at_most_weight",
        "subtotal_eq_sum_of_indicator_scores",
    ]
    assert failing[1][1:] == ("人才政策补贴", Decimal("-2.500000")) and failing[0][1].startswith("人才政策补贴")
    acknowledged = query(
        tmp_path / "w.duckdb",
        """select identity, subject, difference, acknowledged_reason from audit_identity_checks
        where status = 'acknowledged' and table_number = '03' order by 1""",
    )
    assert acknowledged == [
        ("row_total_eq_sum_of_columns", "2080101: total", Decimal("10.00"), "test: printed so in the PDF"),
        ("section_eq_sum_of_items", "20801: total", Decimal("-10.00"), "test: printed so in the PDF"),
    ]


def test_descriptions_reach_the_database_for_bi_tools(sample_warehouse):
    (table_comment,) = query(
        sample_warehouse, "select comment from duckdb_tables() where table_name = 'fct_expenditure_by_function'"
    )[0]
    assert table_comment.startswith("公开03表 支出决算表")
    uncommented = query(
        sample_warehouse,
        """select table_name || '.' || column_name from duckdb_columns()
        where (table_name like 'fct\\_%' escape '\\' or table_name like 'dim\\_%' escape '\\')
          and coalesce(comment, '') = ''""",
    )
    assert uncommented == []


def test_bi_users_see_the_marts_in_main_each_code_with_its_chinese_label(sample_warehouse):
    in_main = {
        name for (name,) in query(sample_warehouse, "select table_name from duckdb_tables() where schema_name = 'main'")
    }
    assert in_main and all(name.startswith(("dim_", "fct_", "audit_")) for name in in_main), sorted(in_main)
    elsewhere = dict(
        query(sample_warehouse, "select table_name, schema_name from duckdb_tables() where schema_name <> 'main'")
    )
    assert elsewhere["stg_reports"] == "staging" and elsewhere["functional_codes"] == "reference"
    labels = query(
        sample_warehouse,
        """select distinct expense_group, expense_group_label from fct_basic_expenditure_by_economic order by 1""",
    )
    assert labels == [("personnel", "人员经费"), ("public", "公用经费")]
    (failing_label,) = query(
        sample_warehouse,
        "select identity_label from audit_identity_checks where identity = 'section_eq_sum_of_items' limit 1",
    )[0]
    assert failing_label == "款等于所属项之和"
    pages = query(
        sample_warehouse,
        "select report_id, min(page), max(page) from audit_identity_checks where table_number = '03' group by 1",
    )
    assert len(pages) == 2 and all(low == high > 1 for _, low, high in pages)  # where each report's 03 starts
