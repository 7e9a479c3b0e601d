"""The real 2024 Shanghai reports in ../shared: every table extracted, the build green; and
two of the real 预算 reports read as budget reports, every table row kept."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import REAL_PDFS, copy_project, dbt_build, requires_shared, run_extract, write_raw

from extract.model import file_sha256
from extract.pdf import extract_pdf

pytestmark = requires_shared(REAL_PDFS)
FINANCE_BUREAU = REAL_PDFS / "上海市普陀区财政局2024年度部门决算.pdf"
SOCIAL_WORK = REAL_PDFS / "中共上海市普陀区委社会工作部2024年度部门决算.pdf"
ALL_TABLES = ["01", "02", "03", "04", "05", "06", "07", "08", "09"]
BUDGETS = REAL_PDFS / "budget"
# two of the eight 预算 reports (the shortest, from two producers) keep the suite fast
SHORT_BUDGETS = [
    BUDGETS / "江苏省政协办公厅2018年度部门预算公开表.pdf",
    BUDGETS / "江苏省委办公厅2017年预算公开表格.pdf",
]
TEMPLATE = REAL_PDFS / "部门决算模板-上海2024.pdf"


@pytest.fixture(scope="module")
def extracted():
    reports = (FINANCE_BUREAU, SOCIAL_WORK, *(path for path in SHORT_BUDGETS if path.exists()))
    return {path.name: extract_pdf(path, file_sha256(path)) for path in reports}


def test_every_table_found_with_identity(extracted):
    bureau, social = extracted[FINANCE_BUREAU.name], extracted[SOCIAL_WORK.name]
    assert sorted(bureau.rows) == ALL_TABLES and sorted(social.rows) == ALL_TABLES
    assert (bureau.masthead.entity_name, bureau.masthead.fiscal_year) == ("上海市普陀区财政局", 2024)
    assert (social.masthead.entity_name, social.masthead.fiscal_year) == ("中共上海市普陀区委社会工作部", 2024)
    assert bureau.warnings == [] and social.warnings == []


def test_split_codes_and_tables_across_pages(extracted):
    bureau = extracted[FINANCE_BUREAU.name]
    assert len(bureau.table_pages["02"]) == 2 and len(bureau.table_pages["06"]) == 2
    row = next(r for r in bureau.rows["02"] if r["functional_code"] == "2010601")
    assert (row["code_printed"], row["total"], row["fiscal_appropriation"], row["other_income"]) == (
        "201 06 01",
        "1,511.90",
        "1,511.89",
        "0.01",
    )
    codes = [r["functional_code"] for r in bureau.rows["03"]]
    assert codes[-1] == "2210203"  # the last line, on the continuation page


def test_three_public_costs_across_columns(extracted):
    items = {r["item_code"]: r for r in extracted[FINANCE_BUREAU.name].rows["07"]}
    assert items["official_reception"]["budget_amount"] == "0.95"
    assert items["total"]["budget_amount"] == "0.95"


@pytest.fixture(scope="module")
def real_warehouse(tmp_path_factory, extracted):
    work = tmp_path_factory.mktemp("real")
    raw = write_raw(extracted.values(), work / "raw")
    built = dbt_build(copy_project(work / "project"), raw, work / "real.duckdb")
    assert built.returncode == 0, built.stdout[-4000:]
    return work / "real.duckdb"


def test_real_reports_build_green(real_warehouse, extracted):
    with duckdb.connect(str(real_warehouse), read_only=True) as connection:
        status = dict(connection.execute("select status, count(*) from audit_identity_checks group by all").fetchall())
        assert status.get("fail", 0) == 0 and status["pass"] > 300
        basic = connection.execute("""
            select amount from fct_basic_expenditure_by_economic join dim_report using (report_id)
            where entity_name = '中共上海市普陀区委社会工作部' and economic_code = '30101'""").fetchall()
        assert basic == [(Decimal("14.12"),)]
        kinds = dict(connection.execute("select report_kind, count(*) from dim_report group by 1").fetchall())
        assert kinds == {"final": 2, "budget": len([p for p in SHORT_BUDGETS if p.exists()])}
        budget_rows = connection.execute("""
            select count(*) from fct_other_table_rows join dim_report using (report_id)
            where report_kind = 'budget'""").fetchone()[0]
        assert budget_rows == sum(len(extracted[p.name].other_rows) for p in SHORT_BUDGETS if p.exists())
        budget_checks = connection.execute(
            "select table_number, status, count(*) from audit_identity_checks where table_number like 'B%'"
            " group by all order by all"
        ).fetchall()
        # B01: 收入总计 = 支出总计, 支出用途 = 当年支出小计, 一般公共预算 income = B05 合计; B05: 合计 =
        # Σ类, 类 = Σ款, 款 = Σ项; B06: 类 = Σ款 (three classes); B07: 三公 = its parts, 公务用车 =
        # 购置 + 运行, 合计 = 三公 + 会议费 + 培训费 — in both budgets
        assert budget_checks == [("B01", "pass", 6), ("B05", "pass", 14), ("B06", "pass", 6), ("B07", "pass", 6)]


def _figure(text: str) -> float:
    return float(text.replace(",", "")) if text else 0.0


@requires_shared(BUDGETS)
def test_budget_reports_are_read_as_budgets_with_every_table_row_kept(extracted):
    for path in SHORT_BUDGETS:
        report = extracted[path.name]
        assert report.masthead.kind == "部门预算"
        assert sorted(report.rows) == ["B01", "B05", "B06", "B07"]  # no 决算 table taken
        total = next(row for row in report.rows["B05"] if row["item_name"] == "合计")["total"]
        classes = [row["total"] for row in report.rows["B05"] if len(row["functional_code"]) == 3]
        assert abs(_figure(total) - sum(map(_figure, classes))) < 0.01
        assert str(report.masthead.fiscal_year) in path.name and report.masthead.entity_name.endswith("办公厅")
        # the 收支预算总表's third group, 支出用途, adds up to 当年支出小计 printed across both groups
        summary = report.rows["B01"]
        by_use = sum(_figure(row["use_amount"]) for row in summary if row["use_item"])
        year_total = next(row for row in summary if row["expenditure_item"] == "当年支出小计")["expenditure_total"]
        assert len([row for row in summary if row["use_item"]]) == 3 and abs(by_use - _figure(year_total)) < 0.01
        costs = {row["item_code"]: _figure(row["amount"]) for row in report.rows["B07"]}
        assert costs["all_total"] == pytest.approx(costs["total"] + costs["meeting"] + costs["training"])
        titles = {row["table_title"] for row in report.other_rows}
        assert {"收入预算总表", "财政拨款收支预算总表", "财政拨款基本支出预算表"} <= titles
        typed = {"收支预算总表", "一般公共预算支出预算表", "一般公共预算基本支出预算表"}
        assert not titles & typed  # read into facts, not kept twice
        assert len(titles) >= 7 and len(report.other_rows) >= 100


def test_the_blank_template_is_named_not_loaded(tmp_path):
    result = run_extract([TEMPLATE], tmp_path / "raw")
    assert result.returncode == 1
    with open(tmp_path / "raw" / "manifest.csv", encoding="utf-8", newline="") as handle:
        reasons = {Path(row["source_path"]).name: row["reason"] for row in csv.DictReader(handle)}
    assert reasons[TEMPLATE.name].startswith("a blank template, not a published report")


@requires_shared(REAL_PDFS)
def test_the_narrative_total_its_own_table_contradicts_is_found(real_warehouse):
    with duckdb.connect(str(real_warehouse), read_only=True) as connection:
        failing = connection.execute("""
            select entity_name, rule_id, subject_key, left_value::decimal(18, 2), right_value::decimal(18, 2), page
            from audit_narrative_checks join dim_report using (report_id) where status = 'fail'""").fetchall()
        passing = connection.execute("select count(*) from audit_narrative_checks where status = 'pass'").fetchone()[0]
    # 上海市普陀区财政局 states 财政拨款收入支出总计 0.3 万元; its 公开04表 prints 2,961.68. The
    # other report says its 307.82 万元 completed 95.89% of a 年初预算 it gives as 0 (the rate
    # is of the 全年预算 321.02).
    amount = (
        "上海市普陀区财政局",
        "narrative_amount_eq_table",
        "fiscal_grand_total",
        Decimal("0.30"),
        Decimal("2961.68"),
        21,
    )
    rate = (
        "中共上海市普陀区委社会工作部",
        "narrative_completion_rate_eq_final_over_budget",
        None,
        Decimal("95.89"),
        None,
        18,
    )
    # It also states 增长 100.00% four times over a 2023 it had nothing in (增加 307.82 万元 to
    # 307.82 万元; 机关运行经费 增加 10.23 万元 to 10.23 万元): no rate is finite over zero.
    zero_base = [
        ("中共上海市普陀区委社会工作部", "narrative_change_rate_base_not_zero", key, Decimal(0), Decimal(0), page)
        for key, page in (
            ("income_expenditure_grand_total", 17), ("fiscal_grand_total", 17),
            ("general_budget_expenditure", 18), ("operating_costs", 21),
        )
    ]  # fmt: skip
    assert sorted(failing, key=str) == sorted([amount, rate, *zero_base], key=str)
    assert passing >= 40  # every other amount, share and rate the two narratives state agrees


@requires_shared(REAL_PDFS)
def test_completeness_and_the_balance_identities_hold_on_the_real_reports(real_warehouse):
    with duckdb.connect(str(real_warehouse), read_only=True) as connection:
        checks = connection.execute("""
            select rule_id, status, count(*) from audit_findings join dim_report using (report_id)
            where report_kind = 'final' and rule_id in (
                'standard_table_present', 'required_sections_present', 'amount_not_negative',
                'opening_plus_income_eq_expenditure_plus_closing', 'narrative_parts_add_up_to_total')
            group by all""").fetchall()
        not_passed = connection.execute("select count(*) from audit_findings where status <> 'pass'").fetchone()[0]
    counts = {(rule, status): n for rule, status, n in checks}
    assert {status for _, status in counts} == {"pass"}
    assert counts[("standard_table_present", "pass")] == 2 * 9  # both reports print all nine
    assert counts[("required_sections_present", "pass")] == 2 * 7  # and every section the template asks
    assert counts[("opening_plus_income_eq_expenditure_plus_closing", "pass")] >= 2 * 3  # 04, each fund
    assert not_passed == 6  # the six narrative findings above, nothing else


@requires_shared(REAL_PDFS)
def test_operating_costs_and_procurement_are_read_from_the_narrative(real_warehouse):
    with duckdb.connect(str(real_warehouse), read_only=True) as connection:
        procurement = dict(
            (entity, figures)
            for entity, *figures in connection.execute("""
                select entity_name, total::decimal(18, 2), goods::decimal(18, 2), works::decimal(18, 2),
                       services::decimal(18, 2)
                from fct_government_procurement join dim_report using (report_id)""").fetchall()
        )
        running = dict(
            (entity, figures)
            for entity, *figures in connection.execute("""
                select entity_name, amount::decimal(18, 2), change_amount::decimal(18, 2), change_rate::decimal(18, 2)
                from fct_operating_costs join dim_report using (report_id)""").fetchall()
        )
    assert procurement["上海市普陀区财政局"] == [Decimal("251.25"), Decimal("4.79"), Decimal("0"), Decimal("246.47")]
    assert procurement["中共上海市普陀区委社会工作部"] == [
        Decimal("21.07"),
        Decimal("21.07"),
        Decimal("0"),
        Decimal("0"),
    ]
    assert running["上海市普陀区财政局"] == [Decimal("184.65"), Decimal("2.55"), Decimal("1.40")]
    assert running["中共上海市普陀区委社会工作部"] == [Decimal("10.23"), Decimal("10.23"), Decimal("100.00")]
