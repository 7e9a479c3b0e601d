"""Text dumps rendered from the bundled sample data (fixtures/textdump.py), in both shapes:
the text reader must give back the figures and forms the data holds. Needs nothing from
../shared, so the reader is exercised wherever the tests run."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE_DATA
from test_renderer_variants import expected_facts, extracted_facts

from extract.model import file_sha256
from extract.textdump import extract_text
from fixtures.render import load
from fixtures.textdump import render_dump

SAMPLES = sorted(path.stem for path in SAMPLE_DATA.glob("*.json"))


def _extract(tmp_path, data: dict, shape: str):
    path = tmp_path / f"dump-{shape}.txt"
    path.write_text(render_dump(data, shape), encoding="utf-8")
    return extract_text(path, file_sha256(path))


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("shape", ["row", "column"])
def test_dump_tables_give_back_the_data(tmp_path, sample, shape):
    data = load(SAMPLE_DATA / f"{sample}.json")
    report = _extract(tmp_path, data, shape)
    assert (report.masthead.entity_name, report.masthead.fiscal_year) == (data["entity_name"], data["fiscal_year"])
    expected, got = expected_facts(data), extracted_facts(report.rows)
    ambiguous = {
        (number, row.get("item_code") or row.get("functional_code") or row.get("economic_code"))
        for number, rows in report.rows.items()
        for row in rows
        if row["placement"] == "ambiguous"
    }
    if shape == "row":
        assert ambiguous == set() and got == expected
        return
    # A column of 07 lists only its non-blank cells. The 决算数 of the vehicle's purchase and
    # operation are decided by 06 (07 covers code 30231); their 预算数 no identity decides, so
    # both candidates stay open there, and nothing else is left open.
    vehicle_parts = {"vehicle_purchase", "vehicle_operation"}
    assert ambiguous == {("07", item) for item in vehicle_parts}
    for row in report.rows["07"]:
        if row["item_code"] in vehicle_parts:
            assert {column: len(options) for column, options in json.loads(row["placement_candidates"]).items()} == {
                "budget_amount": 2
            }
    assert {n: got[n] for n in expected if n != "07"} == {n: expected[n] for n in expected if n != "07"}
    assert {k: v[1] for k, v in got["07"].items()} == {k: v[1] for k, v in expected["07"].items()}
    assert {k: v for k, v in got["07"].items() if k not in vehicle_parts} == {
        k: v for k, v in expected["07"].items() if k not in vehicle_parts
    }


def _indicator_figures(indicators: list[dict]) -> list[tuple]:
    return [(i["level1"], i["level2"], i["level3"], i["weight"], i["score"]) for i in indicators]


@pytest.mark.parametrize("sample", SAMPLES)
def test_dump_forms_give_back_the_evaluations(tmp_path, sample):
    data = load(SAMPLE_DATA / f"{sample}.json")
    report = _extract(tmp_path, data, "row")
    units = [e for e in report.evaluations if e.kind == "unit"]
    projects = [e for e in report.evaluations if e.kind == "project"]
    assert len(units) == len(data["evaluations"]["units"]) and len(projects) == len(data["evaluations"]["projects"])
    for got, unit in zip(units, data["evaluations"]["units"]):
        header = {key: unit[key] for key in ("unit_label", "budget_income", "budget_expenditure", "total_score")}
        assert {key: got.header[key] for key in header} == header
        assert [t["score"] for t in got.tasks] == [t["score"] for t in unit["tasks"]]
        assert _indicator_figures(got.indicators) == _indicator_figures(unit["indicators"])
    for got, project in zip(projects, data["evaluations"]["projects"]):
        keys = (
            "project_name",
            "implementing_unit",
            "budget_amount",
            "executed_amount",
            "execution_rate",
            "total_score",
        )
        assert {key: got.header[key] for key in keys} == {key: project[key] for key in keys}
        assert (got.header["goal_initial"], got.header["goal_actual"]) == (
            project["goal_initial"],
            project["goal_actual"],
        )
        assert _indicator_figures(got.indicators) == _indicator_figures(project["indicators"])
        reasons = [(i["deviation_reason"], i["improvement_measure"]) for i in got.indicators]
        assert reasons == [(i["deviation_reason"], i["improvement_measure"]) for i in project["indicators"]]
