"""The report an auditor reads: static HTML pages from the published warehouse. The index lists
the reports by entity and year, charts the findings by rule and the 三公 and execution figures,
and links a page per report; a report's page shows each finding not passed with both sides,
links to the PDF at the sentence's and the table's page, and a crop of each page with the figure
boxed, then the passed checks, folded. Plain files with their style inline: they open from disk,
without a server or a script."""

from __future__ import annotations

import re
from collections import defaultdict
from html import escape
from pathlib import Path
from typing import NamedTuple

from extract.narrative import SUBJECT_KEYS

from .charts import bar_chart
from .evidence import Evidence, Wanted, gather, page_link, printed_forms
from .report import shown_table
from .warehouse import connect, marts

REPORTS = """
select r.report_id, r.entity_name, r.fiscal_year, r.report_kind_label, r.source_file,
       count(*) filter (where f.status = 'pass') as passed,
       count(*) filter (where f.status = 'fail' and f.severity = 'error') as errors,
       count(*) filter (where f.status = 'fail' and f.severity <> 'error') as warnings,
       count(*) filter (where f.status not in ('pass', 'fail')) as other
from dim_report as r
left join audit_findings as f using (report_id)
where r.is_current
group by all
order by r.entity_name, r.fiscal_year, r.report_kind_label
"""

CHECKS = """
select f.report_id, f.severity, f.status, f.status_label, f.table_number, f.rule_id, f.rule_label, f.subject,
       f.left_value, f.right_value, f.page, f.table_page, f.evidence, coalesce(rules.value_unit, 'amount')
from audit_findings as f
left join reference.rules as rules using (rule_id)
order by f.report_id, case f.severity when 'error' then 0 when 'warning' then 1 else 2 end, f.table_number, f.rule_id
"""

RULES = """
select rule_id, label_zh, severity, implemented, passed, failed
from audit_rule_coverage
order by implemented, failed desc, rule_id
"""

LABELS = """
select column_name, label_zh from reference.column_labels
union all select code, label_zh from reference.code_labels where code_set <> 'table_kind'
union all select item_code, name from reference.three_public_items
"""

THREE_PUBLIC = """
select entity_name || ' ' || fiscal_year || ' ' || report_kind_label, three_public_total
from fct_entity_year where three_public_total is not null order by entity_name, fiscal_year, report_kind
"""

EXECUTION = """
select entity_name || ' ' || fiscal_year, execution_rate
from fct_budget_execution
where comparison = 'functional' and functional_code is null and execution_rate is not null
order by entity_name, fiscal_year
"""

TABLE_LABELS = "select code, label_zh from reference.code_labels where code_set = 'table_kind'"

FORM_LABELS = {"project_evaluation": "项目支出绩效自评表", "unit_evaluation": "部门（单位）整体支出绩效自评表"}

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}

STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei",
       "PingFang SC", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #bbb; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.error { color: #a40000; font-weight: bold; }
.warning { color: #8a5a00; }
.acknowledged, .ambiguous, .explained { color: #555; font-style: italic; }
.evidence { color: #444; max-width: 40em; }
tr.crops td { border-top: none; background: #fafafa; }
figure { display: inline-block; margin: 0.3em 1em 0.3em 0; }
figure img { max-width: 60em; border: 1px solid #ccc; }
figcaption { font-size: 90%; color: #555; }
.chart text { font-size: 12px; }
"""


class Check(NamedTuple):
    report_id: str
    severity: str
    status: str
    status_label: str
    table_number: str
    rule_id: str
    rule_label: str
    subject: str
    left_value: object
    right_value: object
    page: int | None
    table_page: int | None
    evidence: str
    value_unit: str

    @property
    def about_narrative(self) -> bool:
        return self.rule_id.startswith("narrative")


def chinese_subject(subject: str | None, labels: dict[str, str]) -> str:
    """A subject as a reader names it: every English key in it (fiscal_grand_total, total)
    replaced by its Chinese label where the seeds give one."""
    if not subject:
        return ""
    return re.sub(r"[a-z][a-z0-9_]*", lambda key: labels.get(key.group(0), key.group(0)), subject)


def shown_value(value, unit: str) -> str:
    """A figure as the report prints it: 万元 with thousands separators, rates as percentages."""
    if value is None:
        return "—"
    if unit == "ratio":
        return f"{value * 100:,.2f}%"
    if unit == "percent":
        return f"{value:,.2f}%"
    if unit == "score":
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:,.2f}"


def _table_name(table_number: str, labels: dict[str, str]) -> str:
    """表04 财政拨款收入支出决算总表, 说明, or the evaluation form's name (项目支出绩效自评表 …)."""
    name = labels.get(f"table:{table_number}")
    if table_number.isdigit() or table_number.startswith("B"):
        return f"{shown_table(table_number)} {name}" if name else shown_table(table_number)
    return name or FORM_LABELS.get(table_number) or shown_table(table_number)


def _page(title: str, body: str, back: str | None = None) -> str:
    link = f'<p><a href="{escape(back)}">← 全部报告 All reports</a></p>' if back else ""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body>{link}<h1>{escape(title)}</h1>\n{body}\n</body></html>\n"
    )


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><tr>{head}</tr>\n" + "\n".join(f"<tr>{''.join(row)}</tr>" for row in rows) + "</table>"


def _cell(text, css: str = "") -> str:
    shown = "—" if text is None else str(text)
    return f'<td class="{css}">{escape(shown)}</td>' if css else f"<td>{escape(shown)}</td>"


def _wanted(check: Check, key: str) -> list[tuple[str, Wanted]]:
    """The figures to find for a finding, each with the side it shows: the stated one on the
    sentence's page (说明; for a rule of a table, the printed total on the table's page, 表) and,
    for a narrative figure compared with a table's cell, that cell on the table's pages (表)."""
    wanted = []
    if check.page:
        side, pages_after = ("说明", 1) if check.about_narrative else ("表", 4)
        forms = printed_forms(check.left_value, check.value_unit)
        wanted.append((side, Wanted(f"{key}-a", check.page, forms, pages_after)))
    if check.about_narrative and check.table_page and check.value_unit == "amount":
        wanted.append(("表", Wanted(f"{key}-b", check.table_page, printed_forms(check.right_value, "amount"), 4)))
    return wanted


def _evidence_cell(pdf: Path, html_dir: Path, sides: list[tuple[str, Evidence]]) -> str:
    links = [
        f'<a href="{escape(page_link(pdf, evidence.page, html_dir))}">{escape(name)} 第{evidence.page}页</a>'
        for name, evidence in sides
    ]
    return f"<td>{'<br>'.join(links) or '—'}</td>"


def _crops(html_dir: Path, sides: list[tuple[str, Evidence]]) -> str:
    figures = [
        f'<figure><img src="{escape(Path(evidence.crop).relative_to(html_dir).as_posix())}" alt="{escape(name)}">'
        f"<figcaption>{escape(name)} 第{evidence.page}页</figcaption></figure>"
        for name, evidence in sides
        if evidence.crop
    ]
    return f'<tr class="crops"><td colspan="9">{"".join(figures)}</td></tr>' if figures else ""


def _check_cells(check: Check, labels: dict[str, str]) -> list[str]:
    """表, 规则, 项目 and both sides, in Chinese, as every table of checks shows them."""
    return [
        _cell(_table_name(check.table_number, labels)),
        _cell(check.rule_label),
        _cell(chinese_subject(check.subject, labels)),
        _cell(shown_value(check.left_value, check.value_unit), "num"),
        _cell(shown_value(check.right_value, check.value_unit), "num"),
    ]


def _finding_rows(check: Check, labels: dict[str, str], sides: list[tuple[str, Evidence]], pdf: Path, html_dir: Path):
    row = [
        _cell(SEVERITY_LABELS.get(check.severity, check.severity), check.severity),
        _cell(check.status_label, check.status),
        *_check_cells(check, labels),
        _cell(check.evidence, "evidence"),
        _evidence_cell(pdf, html_dir, sides),
    ]
    return f"<tr>{''.join(row)}</tr>" + _crops(html_dir, sides)


def _findings_section(checks: list[Check], labels: dict[str, str], pdf: Path, html_dir: Path) -> str:
    wanted = [_wanted(check, f"{check.report_id}-{index}") for index, check in enumerate(checks)]
    found = gather(pdf, [item for pairs in wanted for _, item in pairs], html_dir / "img")
    rows = []
    for check, pairs in zip(checks, wanted):
        sides = [(side, found[item.key]) for side, item in pairs]
        rows.append(_finding_rows(check, labels, sides, pdf, html_dir))
    headers = ["严重程度", "状态", "表", "规则", "项目", "报告所列", "应为", "依据", "原文页"]
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<h2>未通过的检查（{len(checks)} 项）</h2><table><tr>{head}</tr>\n" + "\n".join(rows) + "</table>"


def _passed_section(checks: list[Check], labels: dict[str, str]) -> str:
    rows = [[*_check_cells(check, labels), _cell(check.page, "num")] for check in checks]
    table = _table(["表", "规则", "项目", "报告所列", "应为", "页"], rows)
    return f"<details><summary>通过的检查（{len(checks)} 项）Checks passed</summary>{table}</details>"


def _report_page(title: str, pdf: Path, checks: list[Check], labels: dict[str, str], html_dir: Path) -> str:
    failed = [check for check in checks if check.status != "pass"]
    passed = [check for check in checks if check.status == "pass"]
    source = f'<p>原文 Source: <a href="{escape(page_link(pdf, None, html_dir))}">{escape(pdf.name)}</a></p>'
    findings = (
        _findings_section(failed, labels, pdf, html_dir) if failed else "<p>每项检查均通过。Every check passed.</p>"
    )
    return _page(title, source + findings + _passed_section(passed, labels), back="../index.html")


def _grid(reports: list[tuple], pages: dict[str, str]) -> str:
    """Entities down, years across: each cell links the entity's reports of that year."""
    years = sorted({year for _, _, year, *_ in reports if year is not None})
    cells: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for report_id, entity, year, kind, _, _, errors, warnings, _ in reports:
        verdict = f"{errors} 错误 {warnings} 警告" if errors or warnings else "✓"
        link = f'<a href="{escape(pages[report_id])}">{escape(f"{kind} {verdict}")}</a>'
        cells[entity or "（未识别单位）"][year].append(link)
    rows = [
        [_cell(entity)] + [f"<td>{'<br>'.join(by_year.get(year, [])) or '—'}</td>" for year in years]
        for entity, by_year in sorted(cells.items())
    ]
    return "<h2>按单位和年度 By entity and year</h2>" + _table(["单位"] + [f"{year}年" for year in years], rows)


def _charts(connection, rules: list[tuple]) -> str:
    failing = [(label, failed, str(failed)) for _, label, _, implemented, _, failed in rules if implemented and failed]
    parts = [bar_chart("未通过的检查，按规则 Findings by rule", failing)]
    tables = marts(connection)
    if "fct_entity_year" in tables:
        rows = connection.execute(THREE_PUBLIC).fetchall()
        parts.append(bar_chart("“三公”经费合计（万元）", [(label, value, f"{value:,.2f}") for label, value in rows]))
    if "fct_budget_execution" in tables:
        rows = connection.execute(EXECUTION).fetchall()
        parts.append(
            bar_chart(
                "一般公共预算支出执行率（决算/预算）", [(label, value, f"{value * 100:.2f}%") for label, value in rows]
            )
        )
    return "".join(part for part in parts if part)


def _index_page(reports: list[tuple], rules: list[tuple], pages: dict[str, str], charts: str) -> str:
    rows = [
        [
            f'<td><a href="{escape(pages[report_id])}">{escape(entity or "（未识别单位）")}</a></td>',
            _cell(year, "num"),
            _cell(kind),
            _cell(passed, "num"),
            _cell(errors, "num error" if errors else "num"),
            _cell(warnings, "num warning" if warnings else "num"),
            _cell(other, "num"),
            _cell(source),
        ]
        for report_id, entity, year, kind, source, passed, errors, warnings, other in reports
    ]
    failing = [
        [_cell(rule_id), _cell(label), _cell(SEVERITY_LABELS.get(severity, severity), severity), _cell(failed, "num")]
        for rule_id, label, severity, implemented, _, failed in rules
        if implemented and failed
    ]
    pending = [_cell(f"{rule_id}：{label}") for rule_id, label, _, implemented, _, _ in rules if not implemented]
    body = (
        f"<p>{len(reports)} 份报告 (current reports)</p>"
        + _grid(reports, pages)
        + charts
        + "<h2>报告 Reports</h2>"
        + _table(["单位", "年度", "类型", "通过", "错误", "警告", "其他", "文件"], rows)
        + "<h2>未通过的规则 (rules with findings)</h2>"
        + (_table(["规则编号", "规则", "严重程度", "未通过"], failing) if failing else "<p>无。None.</p>")
        + "<h2>尚未实现的规则 (rules not implemented yet: never counted as passed)</h2>"
        + (_table(["规则"], [[cell] for cell in pending]) if pending else "<p>无。None.</p>")
    )
    return _page("财政报告检查 Findings", body)


def write_html_report(warehouse: Path, out_dir: Path) -> Path:
    """index.html for the batch and reports/<report_id>.html per report, with the crops under
    reports/img/; returns the index."""
    with connect(warehouse) as connection:
        reports = connection.execute(REPORTS).fetchall()
        checks = [Check(*row) for row in connection.execute(CHECKS).fetchall()]
        rules = connection.execute(RULES).fetchall()
        labels = dict(connection.execute(LABELS).fetchall())
        labels |= {f"table:{code}": label for code, label in connection.execute(TABLE_LABELS).fetchall()}
        charts = _charts(connection, rules)
    labels |= {key: words[0] for words, key in SUBJECT_KEYS}  # the narrative's subjects, as it words them
    html_dir = out_dir / "reports"
    html_dir.mkdir(parents=True, exist_ok=True)
    by_report: dict[str, list[Check]] = defaultdict(list)
    for check in checks:
        by_report[check.report_id].append(check)
    pages = {report_id: f"reports/{report_id}.html" for report_id, *_ in reports}
    for report_id, entity, year, kind, source, *_ in reports:
        title = f"{entity or '（未识别单位）'} {year} {kind}"
        page = _report_page(title, Path(source), by_report[report_id], labels, html_dir)
        (out_dir / pages[report_id]).write_text(page, encoding="utf-8")
    index = out_dir / "index.html"
    index.write_text(_index_page(reports, rules, pages, charts), encoding="utf-8")
    return index
