"""A rendered report with planted errors gives exactly those findings; the same kind of report
without them gives none."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLE_DATA, copy_project, dbt_build, run_extract
from PIL import Image, ImageChops

from fixtures.render import VARIANTS, load, render_report
from pipeline.evidence import BOX_COLOUR

PLANTED = (
    "amount",
    "share",
    "direction",
    "placeholder",
    "year",
    "punctuation",
    "zero_base",
    "budget_07",
    "income_kind",
    "class_amount",
    "equal_word",
    "empty_table",
    "entity_name",
    "contents",
    "three_public_overrun",
    "repeated_word",
)
ACKNOWLEDGED = "reviewed: the section is in the unit's separate assets report"


def _year(data: dict, year: int) -> dict:
    return {**data, "fiscal_year": year}


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    """Four rendered reports: one with planted errors; a clean one; the clean entity's report
    for the year before, whose 总计 the clean one's narrative compares with; and the same
    entity's next year, whose narrative compares with a made-up figure, leaves out a section
    (a reviewer acknowledges it) and leaves out 08 saying why."""
    work = tmp_path_factory.mktemp("findings")
    planted = load(SAMPLE_DATA / "liaoning_dandong_hrss_2024.json")
    clean = load(SAMPLE_DATA / "liaoning_dandong_social_insurance_2023.json")
    options = replace(VARIANTS["liaoning"], evaluations=False, narrative_figures=True, contents=True)
    without_08 = tuple(number for number in options.tables if number != "08")
    grand_total = next(amount for item, _, amount in clean["tables"]["01"]["income"] if item == "总计")
    without_09 = tuple(number for number in options.tables if number != "09")
    render_report(planted, work / "in" / "planted.pdf", replace(options, planted_errors=PLANTED, tables=without_09))
    render_report(clean, work / "in" / "clean.pdf", replace(options, last_year_total=grand_total))
    render_report(_year(clean, 2022), work / "in" / "previous.pdf", options)
    render_report(
        _year(clean, 2024),
        work / "in" / "next.pdf",
        replace(options, planted_errors=("section",), tables=without_08, explained_tables=("08",)),
    )
    extracted = run_extract([work / "in"], work / "raw")
    assert extracted.returncode == 0, extracted.stderr
    project = copy_project(work / "project")
    with open(project / "seeds" / "acknowledged_identity_mismatches.csv", "a", encoding="utf-8") as seed:
        seed.write(
            f"{clean['entity_name']},2024,narrative,required_sections_present,国有资产占用情况,{ACKNOWLEDGED},test\n"
        )
    built = dbt_build(project, work / "raw", work / "w.duckdb")
    assert built.returncode == 0, built.stdout[-3000:]
    with duckdb.connect(str(work / "w.duckdb"), read_only=True) as connection:
        rows = connection.execute("""
            select dim_report.entity_name, dim_report.fiscal_year, rule_id, subject, severity, status
            from audit_findings join dim_report using (report_id)""").fetchall()
        items = connection.execute("""
            select table_number, subject_key, left_value, status from audit_narrative_checks
            join dim_report using (report_id)
            where fiscal_year = 2023 and table_number in ('05', '07') order by all""").fetchall()
    return planted["entity_name"], clean["entity_name"], rows, work / "w.duckdb", items


def _not_passed(rows: list[tuple], entity: str, year: int) -> list[tuple]:
    return sorted((rule, subject, status) for name, at, rule, subject, _, status in rows
                  if (name, at) == (entity, year) and status != "pass")  # fmt: skip


def test_the_planted_errors_are_exactly_the_findings(findings):
    planted, _, rows, *_ = findings
    assert _not_passed(rows, planted, 2024) == [
        ("contents_tables_printed", "目录 X12", "fail"),  # 国有资产占用情况表 listed, never printed
        ("empty_table_noted", "公开08表", "fail"),  # printed with no figure, and not a word why
        ("entity_name_same_throughout", "辽宁省丹东市财政局", "fail"),  # 06's 部门 line names another body
        ("narrative_amount_eq_table", "205", "fail"),  # 教育支出（类） stated 10 万元 above 05's
        ("narrative_amount_eq_table", "other_income", "fail"),  # 其他收入 stated 10 万元 above 02's
        ("narrative_amount_eq_table", "year_expenditure_total", "fail"),  # 本年支出合计 stated 100 万元 too high
        ("narrative_change_rate_base_not_zero", "official_reception", "fail"),  # 增长100% over last year's 0
        ("narrative_change_rate_eq_change_over_last_year", "income_expenditure_grand_total", "fail"),  # 减少 for 增加
        ("narrative_final_vs_budget_word_matches", "official_reception", "fail"),  # 大于 where 决算 = 预算
        ("narrative_share_eq_part_over_total", "fiscal_appropriation_income", "fail"),  # 占 …% 5 points low
        ("narrative_three_public_budget_eq_07", "overseas_travel", "fail"),  # 年初预算 1 万元 above 07's 预算数
        ("standard_table_present", "公开09表", "fail"),  # the table left out
        ("text_no_doubled_punctuation", "标点", "fail"),  # 绩效管理，，绩效自评
        ("text_no_repeated_word", "国有资产", "fail"),  # 国有资产国有资产占用情况
        ("text_no_template_placeholder", "XX", "fail"),  # 本年度XX单位政府采购
        ("text_years_are_the_report_year", "2023年", "fail"),  # 截至2023年12月31日 in the 2024 report
        ("three_public_overrun_explained", "three_public_total", "fail"),  # 决算 above 预算, no reason why
    ]


def test_a_report_without_planted_errors_has_no_finding_and_its_checks_ran(findings):
    _, clean, rows, *_ = findings
    assert _not_passed(rows, clean, 2023) == []
    ran = {rule for name, year, rule, *_ in rows if (name, year) == (clean, 2023)}
    assert {
        "narrative_amount_eq_table",
        "narrative_share_eq_part_over_total",
        "narrative_share_within_0_100",
        "narrative_parts_add_up_to_total",  # 三公 = its three items
        "narrative_last_year_eq_previous_report",  # 持平: the 2022 report's 总计
        "required_sections_present",
        "standard_table_present",
        "empty_table_noted",  # 08 and 09 empty, each page saying 如本表为空…
        "amount_not_negative",
        "opening_plus_income_eq_expenditure_plus_closing",  # 04 per fund
        "text_no_template_placeholder",
        "text_years_are_the_report_year",  # 截至2023年12月31日 in its own year
        "text_no_doubled_punctuation",
        "text_no_repeated_word",
        "entity_name_same_throughout",
        "contents_tables_printed",
    } <= ran


def test_the_items_and_the_three_public_costs_the_narrative_states_are_their_table_cells(findings):
    *_, items = findings
    assert [(table, key, str(amount), status) for table, key, amount, status in items] == [
        ("05", "208", "2836.920000", "pass"),  # 社会保障和就业支出（类）, stated on its own
        (
            "05",
            "2080109",
            "2575.690000",
            "pass",
        ),  # 社会保障和就业支出（类）人力资源和社会保障管理事务（款）社会保险经办机构（项）
        ("05", "2080502", "15.720000", "pass"),
        ("05", "2080505", "172.190000", "pass"),
        ("05", "2080506", "35.590000", "pass"),
        ("07", "official_reception", "0.000000", "pass"),  # “三公”经费 3.80, 其中 its three items
        ("07", "overseas_travel", "0.000000", "pass"),
        ("07", "three_public_total", "3.800000", "pass"),
        ("07", "vehicle_operation", "3.800000", "pass"),  # 公务用车运行维护费 年初预算 3.80: 07's 预算数
        ("07", "vehicle_total", "3.800000", "pass"),
    ]


def test_last_years_figure_a_missing_section_and_an_explained_empty_table(findings):
    _, clean, rows, *_ = findings
    assert _not_passed(rows, clean, 2024) == [
        # 90% of this year's 总计, not the 2023 report's own
        ("narrative_last_year_eq_previous_report", "income_expenditure_grand_total", "fail"),
        ("required_sections_present", "国有资产占用情况", "acknowledged"),  # left out, and reviewed
        ("standard_table_present", "公开08表", "explained"),  # not printed: 本单位本年度无政府性基金…
    ]


def test_findings_carry_the_catalogues_severity(findings):
    _, _, rows, *_ = findings
    severities = {rule: severity for _, _, rule, _, severity, _ in rows}
    assert (
        severities["narrative_amount_eq_table"] == "warning"
        and severities["income_total_eq_expenditure_total"] == "error"
    )


def test_the_text_report_shows_each_finding_with_its_sentence(findings):
    from pipeline.report import report_lines

    planted, _, _, warehouse, _ = findings
    lines = report_lines(warehouse)
    assert "20 findings not passed:" in lines  # 17 planted, 3 in the next year's report
    amount = next(n for n, line in enumerate(lines) if "year_expenditure_total: 11643.25 vs 11543.25" in line)
    assert lines[amount].startswith(f"  {planted} 2024 [warning] 表01 说明中的金额等于表中相应数字")
    assert "本年支出合计11643.25万元" in lines[amount + 1]  # the sentence that states it


def test_the_json_report_and_the_counts_a_scheduler_reads(findings):
    from pipeline.findings import count_findings, failing_at_or_above, findings_sentence, new_failures
    from pipeline.report import report_data

    _, _, rows, warehouse, _ = findings
    data = json.loads(json.dumps(report_data(warehouse), ensure_ascii=False, default=str))
    assert len(data["reports"]) == 4 and len(data["not_passed"]) == 20
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        counted = count_findings(connection)
    assert data["findings_by_severity"] == counted
    assert sum(n for by_status in counted.values() for n in by_status.values()) == len(rows)  # every check
    failing = [row for row in rows if row[-1] == "fail"]
    assert failing_at_or_above(counted, "warning") == len([row for row in failing if row[4] != "info"])
    assert failing_at_or_above(counted, "info") == len(failing)
    assert failing_at_or_above(counted, "error") == len([row for row in failing if row[4] == "error"])
    assert new_failures(warehouse, None) == len({(row[0], row[1], row[2], row[3]) for row in failing})
    assert new_failures(warehouse, warehouse) == 0  # the same build: nothing new
    assert findings_sentence(counted, 0).endswith("; 0 failing checks new since the last build.")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HEADLESS = [  # the flags this closed network needs (no background connections)
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _screenshot(page: Path, profile: Path, out: Path) -> Image.Image:
    done = subprocess.run(
        [
            CHROMIUM,
            *HEADLESS,
            f"--user-data-dir={profile}",
            "--window-size=1200,900",
            f"--screenshot={out}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return Image.open(out).convert("RGB")


def _rendered_dom(page: Path, profile: Path) -> str:
    done = subprocess.run(
        [CHROMIUM, *HEADLESS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here: `make browser` installs Debian's (as root)")
def test_the_html_report_opens_from_disk_in_a_real_browser(findings, tmp_path):
    from pipeline.html_report import write_html_report

    planted, clean, _, warehouse, _ = findings
    index = write_html_report(warehouse, tmp_path / "html")
    dom = _rendered_dom(index, tmp_path / "profile")
    assert planted in dom and clean in dom and "尚未实现的规则" in dom  # rules not implemented are listed
    link = re.search(r'href="(reports/[0-9a-f]+\.html)">' + re.escape(planted), dom)
    assert link, "the batch page links each report's page"
    page = _rendered_dom(tmp_path / "html" / link.group(1), tmp_path / "profile")
    assert "说明中的金额等于表中相应数字" in page and "本年支出合计11643.25万元" in page  # rule and sentence
    assert page.count('<td class="warning">警告</td>') == 15  # planted warnings (doubled comma, repeated word: info)
    assert page.count('<td class="info">提示</td>') == 2
    assert len(re.findall(r'href="[^"]*planted\.pdf#page=\d+"', page)) >= 4  # each leads to its PDF page
    # the planted 11643.25 boxed in the narrative's crop, and 03's 11543.25 in the table's
    assert re.search(r"<figcaption>说明 第\d+页</figcaption>.*<figcaption>表 第\d+页</figcaption>", page)
    link = re.search(r'href="(reports/[0-9a-f]+\.html)">' + re.escape(clean) + "</a></td><td[^>]*>2024", dom)
    page = _rendered_dom(tmp_path / "html" / link.group(1), tmp_path / "profile")
    assert "已知不符（已说明）" in page and ACKNOWLEDGED in page  # the acknowledged finding, marked, with its reason
    assert "缺失（报告已说明）" in page and "故公开08表无数据" in page  # the explained table, with its sentence


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here: `make browser` installs Debian's (as root)")
def test_the_html_report_shows_chinese_glyphs_and_the_crops(findings, tmp_path):
    """The page as a reader sees it: against a copy whose every Chinese character is a private-use
    code point (which no font draws: the box a missing glyph gets), the screenshot must differ, so
    the report's Chinese is drawn as glyphs and not as boxes; and the crops it shows are there."""
    from pipeline.html_report import write_html_report

    planted, _, _, warehouse, _ = findings
    index = write_html_report(warehouse, tmp_path / "html")
    link = re.search(r'href="(reports/[0-9a-f]+\.html)">' + re.escape(planted), index.read_text(encoding="utf-8"))
    page = tmp_path / "html" / link.group(1)
    html = page.read_text(encoding="utf-8")
    boxes = page.with_name("boxes.html")
    boxes.write_text(re.sub(r"[\u4e00-\u9fff]", "\ue000", html), encoding="utf-8")
    shown = _screenshot(page, tmp_path / "profile", tmp_path / "shown.png")
    as_boxes = _screenshot(boxes, tmp_path / "profile", tmp_path / "boxes.png")
    differing = ImageChops.difference(shown, as_boxes).convert("L").point(lambda level: 255 if level > 64 else 0)
    assert differing.histogram()[255] > 2000, "the Chinese text renders as missing-glyph boxes: no CJK font"
    crops = re.findall(r'<img src="(img/[^"]+\.png)"', html)
    assert len(crops) >= 4
    for crop in crops:
        colours = Image.open(page.parent / crop).convert("RGB").getcolors(maxcolors=1 << 24)
        assert sum(count for count, colour in colours if colour == BOX_COLOUR) > 100, crop  # the figure boxed
