"""A rendered 预算 report beside the rendered 决算 report of the same entity and year: the
warehouse pairs them and computes each figure's execution rate. The expected rates come from
the two reports' data (what the PDFs print), never from the warehouse's own SQL."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pytest
from conftest import SAMPLE_DATA, copy_project, dbt_build, run_extract

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
    render_budget_report(budget, work / "in" / "budget.pdf")
    # the 决算 report of the same entity and year, its narrative stating the 预算 report's 年初预算
    options = replace(
        VARIANTS["liaoning"], evaluations=False, narrative_figures=True, original_budget=budget["B05"][0][2]
    )
    render_report(load(FINAL), work / "in" / "final.pdf", options)
    raw = work / "raw"
    extracted = run_extract([work / "in"], raw)
    assert extracted.returncode == 0, extracted.stderr
    built = dbt_build(
        copy_project(work / "project"), raw, work / "w.duckdb", select="+fct_budget_execution +audit_narrative_checks"
    )
    assert built.returncode == 0, built.stdout[-3000:]
    with duckdb.connect(str(work / "w.duckdb"), read_only=True) as connection:
        rows = connection.sql(
            "select comparison, coalesce(functional_code, economic_code, item_code, 'total'),"
            " budget_amount, final_amount, execution_rate, missing_side, final_report_budget_amount"
            " from fct_budget_execution"
        ).fetchall()
        entities = connection.sql("select distinct entity_name from fct_budget_execution").fetchall()
        stated = connection.sql(
            "select status from audit_narrative_checks where rule_id = 'narrative_budget_eq_budget_report'"
        ).fetchall()
    assert entities == [(budget["entity_name"],)]
    assert stated == [("pass",)]  # the 决算 narrative's 年初预算 is the 预算 report's B05 合计
    return budget, load(FINAL)["tables"], {(row[0], row[1]): row[2:] for row in rows}


def test_functional_figures_pair_with_the_expected_rates(paired):
    budget, final, rows = paired
    finals = {code or "total": _amount(amounts[0]) for code, _, *amounts in final["05"]["rows"]}
    for code, _, total, _, _ in budget["B05"]:
        budget_amount, final_amount, rate, missing, _ = rows[("functional", code or "total")]
        assert (budget_amount, final_amount, missing) == (Decimal(total), finals[code or "total"], None)
        assert rate == _rate(final_amount, Decimal(total)), code
    assert finals["total"] != Decimal(budget["B05"][0][2])  # the two reports differ: a rate is measured


def test_economic_and_three_public_figures_pair_too(paired):
    budget, final, rows = paired
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
