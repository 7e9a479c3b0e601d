"""The report an auditor reads: static HTML pages from the published warehouse — one for the
batch (every report, its findings by severity, the rules that failed most) and one per report
(each finding not passed, both sides, the page and the sentence or rule as evidence). Plain
files with their style inline: they open from disk, without a server or a script."""

from __future__ import annotations

from html import escape
from pathlib import Path

from .report import shown_figure, shown_table
from .warehouse import connect

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

FINDINGS = """
select f.report_id, f.severity, f.status, f.status_label, f.table_number, f.rule_label, f.subject,
       f.left_value, f.right_value, f.page, f.evidence
from audit_findings as f
where f.status <> 'pass'
order by f.report_id, case f.severity when 'error' then 0 when 'warning' then 1 else 2 end, f.table_number, f.rule_id
"""

RULES = """
select rule_id, label_zh, severity, implemented, passed, failed
from audit_rule_coverage
order by implemented, failed desc, rule_id
"""

STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #bbb; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.error { color: #a40000; font-weight: bold; }
.warning { color: #8a5a00; }
.acknowledged, .ambiguous, .explained { color: #555; font-style: italic; }
.evidence { color: #444; max-width: 40em; }
"""


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><h1>{escape(title)}</h1>\n{body}\n</body></html>\n"
    )


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table><tr>{head}</tr>\n" + "\n".join(f"<tr>{''.join(row)}</tr>" for row in rows) + "</table>"


def _cell(text, css: str = "") -> str:
    return f'<td class="{css}">{escape(shown_figure(text))}</td>' if css else f"<td>{escape(shown_figure(text))}</td>"


def _report_page(name: str, findings: list[tuple]) -> str:
    if not findings:
        return _page(name, "<p>每项检查均通过。Every check passed.</p>")
    rows = [
        [
            _cell(severity, severity),
            _cell(status_label, status),
            _cell(shown_table(table)),
            _cell(rule),
            _cell(subject),
            _cell(left, "num"),
            _cell(right, "num"),
            _cell(page, "num"),
            _cell(evidence, "evidence"),
        ]
        for _, severity, status, status_label, table, rule, subject, left, right, page, evidence in findings
    ]
    headers = ["严重程度", "状态", "表", "规则", "项目", "报告所列", "应为", "页", "依据"]
    return _page(name, f"<p>{len(findings)} 项未通过的检查 (findings not passed)</p>" + _table(headers, rows))


def _index_page(reports: list[tuple], rules: list[tuple], pages: dict[str, str]) -> str:
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
        [_cell(rule_id), _cell(label), _cell(severity, severity), _cell(failed, "num")]
        for rule_id, label, severity, implemented, _, failed in rules
        if implemented and failed
    ]
    pending = [_cell(f"{rule_id}：{label}") for rule_id, label, _, implemented, _, _ in rules if not implemented]
    body = (
        f"<p>{len(reports)} 份报告 (current reports)</p>"
        + _table(["单位", "年度", "类型", "通过", "错误", "警告", "其他", "文件"], rows)
        + "<h2>未通过的规则 (rules with findings)</h2>"
        + (_table(["规则编号", "规则", "严重程度", "未通过"], failing) if failing else "<p>无。None.</p>")
        + "<h2>尚未实现的规则 (rules not implemented yet: never counted as passed)</h2>"
        + (_table(["规则"], [[cell] for cell in pending]) if pending else "<p>无。None.</p>")
    )
    return _page("财政报告检查 Findings", body)


def write_html_report(warehouse: Path, out_dir: Path) -> Path:
    """index.html for the batch and reports/<report_id>.html per report; returns the index."""
    with connect(warehouse) as connection:
        reports = connection.execute(REPORTS).fetchall()
        findings = connection.execute(FINDINGS).fetchall()
        rules = connection.execute(RULES).fetchall()
    (out_dir / "reports").mkdir(parents=True, exist_ok=True)
    pages = {report_id: f"reports/{report_id}.html" for report_id, *_ in reports}
    for report_id, entity, year, kind, *_ in reports:
        own = [finding for finding in findings if finding[0] == report_id]
        title = f"{entity or '（未识别单位）'} {year} {kind}"
        (out_dir / pages[report_id]).write_text(_report_page(title, own), encoding="utf-8")
    index = out_dir / "index.html"
    index.write_text(_index_page(reports, rules, pages), encoding="utf-8")
    return index
