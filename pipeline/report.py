"""fiscal report: what the published warehouse says about each report, in plain text — the
reports, their checks by status, the quarantined and the superseded, and every finding that is
not a pass (identities, the narrative against its tables, completeness) with its severity, rule,
figures, page and evidence."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from .findings import count_findings
from .warehouse import connect

REPORTS = """
select r.entity_name, r.fiscal_year, r.report_kind, r.tables_found, r.source_file,
       count(*) filter (where c.status = 'pass') as passed,
       count(*) filter (where c.status <> 'pass') as not_passed
from dim_report as r
left join audit_findings as c using (report_id)
where r.is_current
group by all
order by r.entity_name, r.fiscal_year
"""

NOT_PASSED = """
select r.entity_name, r.fiscal_year, c.status_label, c.severity, c.table_number, c.rule_label, c.subject,
       c.left_value, c.right_value, c.page, case when c.table_number = 'narrative' or c.rule_id like 'narrative%'
       then c.evidence end as sentence
from audit_findings as c
join dim_report as r using (report_id)
where c.status <> 'pass'
order by r.entity_name, r.fiscal_year, c.severity, c.table_number, c.rule_id, c.subject
"""


def shown_figure(value) -> str:
    """A figure as a reader writes it: no trailing zeros; — where there is none."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return f"{value:.4f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def shown_table(table_number: str) -> str:
    """A finding's table as a reader names it: 表04, 说明 (the narrative), or the form checked."""
    return f"表{table_number}" if table_number.isdigit() else "说明" if table_number == "narrative" else table_number


def _records(cursor) -> list[dict]:
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def report_data(warehouse: Path) -> dict:
    """The same as report_lines, as data (fiscal report --json): amounts as exact decimal text."""
    with connect(warehouse) as connection:
        data = {
            "warehouse": str(warehouse),
            "findings_by_severity": count_findings(connection),
            "reports": _records(connection.execute(REPORTS)),
            "not_passed": _records(connection.execute(NOT_PASSED)),
            "quarantined": _records(connection.execute("select * from audit_quarantined_reports order by all")),
        }
    return data


def report_lines(warehouse: Path) -> list[str]:
    with connect(warehouse) as connection:
        reports = connection.execute(REPORTS).fetchall()
        not_passed = connection.execute(NOT_PASSED).fetchall()
        quarantined = connection.execute(
            "select distinct entity_name, fiscal_year, source_file from audit_quarantined_reports order by 1, 2"
        ).fetchall()
    lines = [f"{len(reports)} current reports in {warehouse}"]
    for entity, year, kind, tables, source, passed, other in reports:
        lines.append(f"  {entity} {year} {kind}: tables {tables}; {passed} checks passed, {other} not ({source})")
    if quarantined:
        lines.append(f"{len(quarantined)} quarantined (their checks fail; not in the facts):")
        lines += [f"  {entity} {year} ({source})" for entity, year, source in quarantined]
    if not_passed:
        lines.append(f"{len(not_passed)} findings not passed:")
    for entity, year, status, severity, table, rule, subject, left, right, page, sentence in not_passed:
        where = f", page {page}" if page is not None else ""
        figures = f": {shown_figure(left)} vs {shown_figure(right)}" if left is not None or right is not None else ""
        lines.append(f"  {entity} {year} [{severity}] {shown_table(table)} {rule} {subject}{figures} ({status}{where})")
        if sentence:
            lines.append(f"      「{sentence}」")
    return lines
