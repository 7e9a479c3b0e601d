"""Performance self-evaluation annexes: forms read by label, variants, warehouse facts."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import duckdb
import pytest
from conftest import SAMPLE_DATA
from gridbuild import grid_from

from extract.model import file_sha256
from extract.pdf import extract_pdf
from extract.pdf.forms import parse_evaluation
from extract.titles import match_evaluation_title
from fixtures.evaluations import deviation_category
from fixtures.render import VARIANTS, load, render_report

PROJECT_FORM = [
    ["项目(政策)名称", "<", "人才政策补贴", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<"],
    ["主管部门", "<", "某某局-", "<", "<", "<", "实施单位", "<", "某某局本级-", "<", "<", "<", "<", "<"],
    [
        "项目预算金额（万元）",
        "<",
        "600",
        "<",
        "全年执行数（万元）",
        "<",
        "462.74",
        "<",
        "执行率",
        "<",
        "77.12%",
        "<",
        "<",
        "<",
    ],
    ["年度总体目标", "年初设定目标", "<", "<", "<", "<", "<", "全年实际完成情况", "<", "<", "<", "<", "<", "<"],
    ["^", "目标一。", "<", "<", "<", "<", "<", "完成一。", "<", "<", "<", "<", "<", "<"],
    [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度目标值",
        "<",
        "<",
        "全年完成值",
        "完成程度",
        "分值",
        "得分",
        "未完成原因分析",
        "<",
        "改进措施",
    ],
    ["^", "^", "^", "^", "运算符号", "内容", "度量单位", "^", "^", "^", "^", "其他", "原因说明", "^"],
    [
        "^",
        "产出指标",
        "数量指标",
        "享受住房补贴人员数量",
        ">=",
        "35",
        "人",
        "17",
        "49.0%",
        "12.5",
        "6.125",
        "√",
        "其他:据实发放。",
        "其他:加强沟通。",
    ],
    [
        "^",
        "^",
        "^",
        "享受生活补贴人员数量",
        ">=",
        "1000",
        "人",
        "513",
        "51.0%",
        "12.5",
        "6.375",
        "√",
        "其他:据实发放。",
        "其他:加强沟通。",
    ],
    ["^", "^", "质量指标", "住房补贴发放准确率", ">=", "98", "%", "100", "100%", "12.5", "12.5", "", "", ""],
    [
        "^",
        "效益指标",
        "社会效益指标",
        "人才吸引力",
        "",
        "有所提升",
        "",
        "全部或基本达成预期指标100%-80%（含）",
        "100%",
        "20",
        "20",
        "",
        "",
        "",
    ],
    [
        "指标自评得分小计",
        "<",
        "<",
        "51",
        "预算执行率得分",
        "<",
        "<",
        "7.71",
        "减分项",
        "0",
        "绩效自评总得分",
        "<",
        "58.71",
        "<",
    ],
]


def test_evaluation_titles():
    assert match_evaluation_title("部门（单位）整体绩效自评表") == "unit"
    assert match_evaluation_title("部门（单位）整体绩效自评表(2024年度)") == "unit"
    assert match_evaluation_title("预算项目(政策)绩效自评表") == "project"
    assert match_evaluation_title("《部门（单位）整体绩效自评表》见附件。") is None


def test_project_form_read_by_label():
    evaluation = parse_evaluation("project", [grid_from(PROJECT_FORM)], 1)
    header = evaluation.header
    assert (header["project_name"], header["budget_amount"], header["executed_amount"], header["execution_rate"]) == (
        "人才政策补贴",
        "600",
        "462.74",
        "77.12%",
    )
    assert (
        header["indicator_score_subtotal"],
        header["execution_score"],
        header["deduction"],
        header["total_score"],
    ) == ("51", "7.71", "0", "58.71")
    assert (header["goal_initial"], header["goal_actual"]) == ("目标一。", "完成一。")
    first, second, third, fourth = evaluation.indicators
    assert (
        first["level1"],
        first["level2"],
        first["level3"],
        first["operator"],
        first["target"],
        first["measure_unit"],
    ) == ("产出指标", "数量指标", "享受住房补贴人员数量", ">=", "35", "人")
    assert (first["deviation_category"], first["deviation_reason"], first["improvement_measure"]) == (
        "其他",
        "其他:据实发放。",
        "其他:加强沟通。",
    )
    # merged 一级/二级 cells carry down
    assert (second["level1"], second["level2"]) == ("产出指标", "数量指标")
    assert (third["level1"], third["level2"], third["deviation_category"]) == ("产出指标", "质量指标", "")
    assert (fourth["target"], fourth["actual"], fourth["completion"]) == (
        "有所提升",
        "全部或基本达成预期指标100%-80%（含）",
        "100%",
    )


def test_levels_carry_across_a_page_break():
    top, bottom = PROJECT_FORM[:9], PROJECT_FORM[9:]
    # the continuation page leaves the merged cells blank
    bottom = [["", "", *row[2:]] if n == 0 else row for n, row in enumerate(bottom)]
    evaluation = parse_evaluation("project", [grid_from(top, page=5), grid_from(bottom, page=6)], 1)
    assert [i["level1"] for i in evaluation.indicators] == ["产出指标", "产出指标", "产出指标", "效益指标"]
    assert evaluation.indicators[2]["page"] == 6
    assert evaluation.header["total_score"] == "58.71"


def _normalized(text) -> str:
    return re.sub(r"\s+", "", str(text or ""))


def _expected(data: dict) -> list[tuple]:
    forms = data["evaluations"]["units"] + data["evaluations"]["projects"]
    return [
        (
            _normalized(form.get("unit_label") or form.get("project_name")),
            len(form.get("tasks", [])),
            [
                tuple(
                    _normalized(v)
                    for v in (
                        i["level1"],
                        i["level2"],
                        i["level3"],
                        i["operator"],
                        i["target"],
                        i["unit"],
                        i["actual"],
                        i["completion"],
                        i["weight"],
                        i["score"],
                        deviation_category(i) or "",
                        i["deviation_reason"],
                        i["improvement_measure"],
                    )
                )
                for i in form["indicators"]
            ],
        )
        for form in forms
    ]


def _extracted(report) -> list[tuple]:
    return [
        (
            _normalized(e.subject_name),
            len(e.tasks),
            [
                tuple(
                    _normalized(i[k])
                    for k in (
                        "level1",
                        "level2",
                        "level3",
                        "operator",
                        "target",
                        "measure_unit",
                        "actual",
                        "completion",
                        "weight",
                        "score",
                        "deviation_category",
                        "deviation_reason",
                        "improvement_measure",
                    )
                )
                for i in e.indicators
            ],
        )
        for e in report.evaluations
    ]


@pytest.mark.parametrize(
    "sample, variant",
    [
        ("liaoning_dandong_hrss_2024", "liaoning"),
        ("liaoning_dandong_hrss_2024", "narrow"),
        ("liaoning_dandong_hrss_2024", "paged"),
        ("liaoning_dandong_social_insurance_2023", "shanghai"),
    ],
)
def test_annex_variants_extract_to_the_rendered_forms(tmp_path, sample, variant):
    data = load(SAMPLE_DATA / f"{sample}.json")
    options = replace(VARIANTS[variant], tables=("07",))  # the annex is what is under test
    pdf = render_report(data, tmp_path / "annex.pdf", options)
    report = extract_pdf(pdf, file_sha256(pdf))
    assert report.warnings == ["tables not found: 01 02 03 04 05 06 08 09"]  # only 07 is rendered
    assert _extracted(report) == _expected(data)


def _query(database, sql):
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def test_warehouse_holds_every_evaluation(sample_warehouse):
    counts = _query(
        sample_warehouse,
        """
        select r.fiscal_year, (select count(*) from fct_unit_performance u where u.report_id = r.report_id),
               (select count(*) from fct_project_performance p where p.report_id = r.report_id)
        from dim_report r order by 1""",
    )
    assert counts == [(2023, 1, 3), (2024, 4, 18)]
    talent = _query(
        sample_warehouse,
        """
        select budget_amount, executed_amount, total_score,
               (select count(*) from fct_performance_indicator i
                where i.report_id = p.report_id and i.evaluation_no = p.evaluation_no)
        from fct_project_performance p where project_name = '人才政策补贴'""",
    )
    assert talent == [(Decimal("600"), Decimal("462.74"), Decimal("85.21"), 6)]
    (score,) = _query(
        sample_warehouse,
        """
        select total_score from fct_unit_performance join dim_report using (report_id)
        where unit_code = '041002' and fiscal_year = 2024""",
    )[0]
    assert score == Decimal("95.154")


def test_units_gain_codes_and_projects_link_to_them(sample_warehouse):
    unit = _query(
        sample_warehouse,
        "select unit_name, report_entity_name, report_count, evaluation_count from dim_unit where unit_code = '041002'",
    )
    assert unit == [("丹东市社会保险事业服务中心", "辽宁省丹东市社会保险事业服务中心", 1, 2)]
    unlinked = _query(
        sample_warehouse, "select count(*) from fct_project_performance where implementing_unit_key is null"
    )
    assert unlinked == [(0,)]


def test_evaluation_identities_hold_or_are_acknowledged(sample_warehouse):
    rows = _query(
        sample_warehouse,
        """
        select identity, subject, status from audit_identity_checks
        where table_number like '%evaluation' and status <> 'pass'""",
    )
    assert rows == [("task_rate_eq_executed_over_allocated", "041002 task 4: 基本支出公用经费（其他）", "acknowledged")]
    checked = dict(
        _query(
            sample_warehouse,
            """
        select identity, count(*) from audit_identity_checks where table_number like '%evaluation' group by all""",
        )
    )
    assert checked["subtotal_eq_sum_of_indicator_scores"] == 21
    assert checked["total_eq_task_and_indicator_scores"] == 5
    assert checked["indicator_score_at_most_weight"] == 93 + 124 + 21 + 19
