"""A rendered 预算 report beside the rendered 决算 report of the same entity and year: the
warehouse pairs them and computes each figure's execution rate. The expected rates come from
the two reports' data (what the PDFs print), never from the warehouse's own SQL."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pytest
from conftest import SAMPLE_DATA, copy_project, dbt_build, run_extract

from fixtures.budget import TITLES as BUDGET_TITLES
from fixtures.budget import budget_data, render_budget_report
from fixtures.render import VARIANTS, load, render_report

FINAL = SAMPLE_DATA / "liaoning_dandong_hrss_2024.json"


def _rate(final: Decimal, budget: Decimal) -> Decimal | None:
    return (final / budget).quantize(Decimal("0.0001"), ROUND_HALF_UP) if budget else None


def _amount(text) -> Decimal:
    return Decimal(text) if text not in (None, "") else Decimal(0)


@pytest.fixture(scope="module")
def paired(tmp_path_factory):
    work = tmp_path_factory.mktemp("budget-pair")
    budget = budget_data(load(FINAL))
    # its contents list a 政府性基金 table the body does not print: the one finding of audit_contents
    # and its narrative states its 一般公共预算支出 10 万元 above B05's 合计: the one narrative finding
    render_budget_report(
        budget,
        work / "in" / "budget.pdf",
        contents=(*BUDGET_TITLES.values(), "政府性基金预算支出表"),
        narrative_errors=("general_budget",),
    )
    # the 决算 report of the same entity and year, its narrative stating the 预算 report's 年初预算
    options = replace(
        VARIANTS["liaoning"], evaluations=False, narrative_figures=True, original_budget=budget["B05"][0][2]
    )
    render_report(load(FINAL), work / "in" / "final.pdf", options)
    raw = work / "raw"
    extracted = run_extract([work / "in"], raw)
    assert extracted.returncode == 0, extracted.stderr
    built = dbt_build(
        copy_project(work / "project"),
        raw,
        work / "w.duckdb",
        select="+fct_budget_execution +audit_narrative_checks +fct_entity_year +audit_contents",
    )
    assert built.returncode == 0, built.stdout[-3000:]
    with duckdb.connect(str(work / "w.duckdb"), read_only=True) as connection:
        rows = connection.sql(
            "select comparison, coalesce(functional_code, economic_code, item_code, 'total'),"
            " budget_amount, final_amount, execution_rate, missing_side, final_report_budget_amount"
            " from fct_budget_execution"
        ).fetchall()
        entities = connection.sql("select distinct entity_name from fct_budget_execution").fetchall()
        panel = connection.sql(
            "select report_kind, general_budget_expenditure, basic_expenditure, project_expenditure,"
            " personnel_expenditure, three_public_total, grand_total, previous_report_id from fct_entity_year"
        ).fetchall()
        stated = connection.sql(
            "select status from audit_narrative_checks where rule_id = 'narrative_budget_eq_budget_report'"
        ).fetchall()
        contents = connection.sql("select table_number, status from audit_contents order by all").fetchall()
        budget_checks = connection.sql("""
            select table_number, subject_key, status from audit_narrative_checks
            join dim_report using (report_id) where report_kind = 'budget' order by all""").fetchall()
    assert entities == [(budget["entity_name"],)]
    assert stated == [("pass",)]  # the 决算 narrative's 年初预算 is the 预算 report's B05 合计
    assert contents == [("B08", "fail")]  # listed, never printed; the three printed ones pass
    assert [check for check in budget_checks if check[2] != "pass"] == [("B05", "general_budget_expenditure", "fail")]
    assert {key for _, key, _ in budget_checks} >= {"three_public_total", "overseas_travel", "vehicle_total"}
    figures = {(row[0], row[1]): row[2:] for row in rows}
    return budget, load(FINAL)["tables"], figures, {row[0]: row[1:] for row in panel}


def test_functional_figures_pair_with_the_expected_rates(paired):
    budget, final, rows, _ = paired
    finals = {code or "total": _amount(amounts[0]) for code, _, *amounts in final["05"]["rows"]}
    for code, _, total, _, _ in budget["B05"]:
        budget_amount, final_amount, rate, missing, _ = rows[("functional", code or "total")]
        assert (budget_amount, final_amount, missing) == (Decimal(total), finals[code or "total"], None)
        assert rate == _rate(final_amount, Decimal(total)), code
    assert finals["total"] != Decimal(budget["B05"][0][2])  # the two reports differ: a rate is measured


def test_economic_and_three_public_figures_pair_too(paired):
    budget, final, rows, _ = paired
    finals = {code: _amount(amount) for group in final["06"]["groups"] for code, _, amount in group["rows"] if code}
    for code, _, total in budget["B06"][1:]:
        budget_amount, final_amount, rate, missing, _ = rows[("economic", code)]
        assert (budget_amount, final_amount, rate) == (
            Decimal(total),
            finals[code],
            _rate(finals[code], Decimal(total)),
        )
    for code, _, budget_07, actual in final["07"]["rows"]:
        budget_amount, final_amount, rate, _, budget_in_final = rows[("three_public", code)]
        assert (budget_amount, final_amount) == (Decimal(budget["B07"][code]), _amount(actual))
        assert budget_in_final == _amount(budget_07)  # the 决算 report's own 预算数, beside the 预算 report's
        assert rate == _rate(_amount(actual), budget_amount)


def test_the_panel_holds_each_kinds_headline_figures(paired):
    budget, final, _, panel = paired
    b05_total = budget["B05"][0]
    personnel = sum(Decimal(amount) for code, _, amount in budget["B06"][1:] if code in ("301", "303"))
    assert panel["budget"] == (
        Decimal(b05_total[2]),
        Decimal(b05_total[3]),
        Decimal(b05_total[4]),
        personnel,
        Decimal(budget["B07"]["total"]),
        None,  # the rendered 预算 prints no 收支总表
        None,
    )
    f05_total = next(amounts for code, _, *amounts in final["05"]["rows"] if not code)
    grand_total = next(row for row in final["01"]["income"] if row[0] == "总计")
    f07_total = next(actual for code, _, _, actual in final["07"]["rows"] if code == "total")
    assert panel["final"][:3] == tuple(_amount(amount) for amount in f05_total[:3])
    assert panel["final"][4:7] == (_amount(f07_total), _amount(grand_total[-1]), None)
