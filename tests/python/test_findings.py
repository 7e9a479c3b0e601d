"""A rendered report with planted errors gives exactly those findings; the same kind of report
without them gives none."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from conftest import SAMPLE_DATA, copy_project, dbt_build, run_extract

from fixtures.render import VARIANTS, load, render_report

PLANTED = ("amount", "share", "direction")


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    work = tmp_path_factory.mktemp("findings")
    planted = load(SAMPLE_DATA / "liaoning_dandong_hrss_2024.json")
    clean = load(SAMPLE_DATA / "liaoning_dandong_social_insurance_2023.json")
    options = replace(VARIANTS["liaoning"], evaluations=False, narrative_figures=True)
    without_08 = tuple(number for number in options.tables if number != "08")
    render_report(planted, work / "in" / "planted.pdf", replace(options, planted_errors=PLANTED, tables=without_08))
    render_report(clean, work / "in" / "clean.pdf", options)
    extracted = run_extract([work / "in"], work / "raw")
    assert extracted.returncode == 0, extracted.stderr
    built = dbt_build(copy_project(work / "project"), work / "raw", work / "w.duckdb")
    assert built.returncode == 0, built.stdout[-3000:]
    with duckdb.connect(str(work / "w.duckdb"), read_only=True) as connection:
        rows = connection.execute("""
            select dim_report.entity_name, rule_id, subject, severity, status
            from audit_findings join dim_report using (report_id)""").fetchall()
    return planted["entity_name"], clean["entity_name"], rows, work / "w.duckdb"


def test_the_planted_errors_are_exactly_the_findings(findings):
    planted, _, rows, _ = findings
    found = sorted(
        (rule, subject) for entity, rule, subject, _, status in rows if entity == planted and status != "pass"
    )
    assert found == [
        ("narrative_amount_eq_table", "year_expenditure_total"),  # 本年支出合计 stated 100 万元 too high
        ("narrative_change_rate_eq_change_over_last_year", "income_expenditure_grand_total"),  # 减少 for 增加
        ("narrative_share_eq_part_over_total", "fiscal_appropriation_income"),  # 占 …% 5 points low
        ("standard_table_present", "公开08表"),  # the table left out
    ]


def test_a_report_without_planted_errors_has_no_finding_and_its_checks_ran(findings):
    _, clean, rows, _ = findings
    assert not [row for row in rows if row[0] == clean and row[4] != "pass"]
    narrative = {rule for entity, rule, *_ in rows if entity == clean and rule.startswith("narrative_")}
    assert narrative == {
        "narrative_amount_eq_table",
        "narrative_share_eq_part_over_total",
        "narrative_share_within_0_100",
        "narrative_change_rate_eq_change_over_last_year",
    }


def test_findings_carry_the_catalogues_severity(findings):
    _, _, rows, _ = findings
    severities = {rule: severity for _, rule, _, severity, _ in rows}
    assert (
        severities["narrative_amount_eq_table"] == "warning"
        and severities["income_total_eq_expenditure_total"] == "error"
    )


def test_the_text_report_shows_each_finding_with_its_sentence(findings):
    from pipeline.report import report_lines

    planted, _, _, warehouse = findings
    lines = report_lines(warehouse)
    assert "4 findings not passed:" in lines
    amount = next(n for n, line in enumerate(lines) if "说明中的金额等于表中相应数字 year_expenditure_total" in line)
    assert lines[amount].startswith(f"  {planted} 2024 [warning] 表01") and "vs 11543.25" in lines[amount]
    assert "本年支出合计11643.25万元" in lines[amount + 1]  # the sentence that states it


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HEADLESS = [  # the flags this closed network needs (no background connections)
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


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

    planted, clean, _, warehouse = findings
    index = write_html_report(warehouse, tmp_path / "html")
    dom = _rendered_dom(index, tmp_path / "profile")
    assert planted in dom and clean in dom and "尚未实现的规则" in dom  # rules not implemented are listed
    link = re.search(r'href="(reports/[0-9a-f]+\.html)">' + re.escape(planted), dom)
    assert link, "the batch page links each report's page"
    page = _rendered_dom(tmp_path / "html" / link.group(1), tmp_path / "profile")
    assert "说明中的金额等于表中相应数字" in page and "本年支出合计11643.25万元" in page  # rule and sentence
    assert page.count('<td class="warning">warning</td>') == 4  # the four planted findings
