"""fiscal report: what the published warehouse says about each report, in plain text — the
reports, their checks by status, the quarantined and the superseded, and every check that is
not a pass with its rule, figures and page."""

from __future__ import annotations

from pathlib import Path

from .warehouse import connect

REPORTS = """
select r.entity_name, r.fiscal_year, r.report_kind, r.tables_found, r.source_file,
       count(*) filter (where c.status = 'pass') as passed,
       count(*) filter (where c.status <> 'pass') as not_passed
from dim_report as r
left join audit_identity_checks as c using (report_id)
where r.is_current
group by all
order by r.entity_name, r.fiscal_year
"""

NOT_PASSED = """
select r.entity_name, r.fiscal_year, c.status_label, c.table_number, c.identity_label, c.subject,
       c.left_value, c.right_value, c.page
from audit_identity_checks as c
join dim_report as r using (report_id)
where c.status <> 'pass'
order by r.entity_name, r.fiscal_year, c.table_number, c.identity, c.subject
"""


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
        lines.append(f"{len(not_passed)} checks not passed:")
    for entity, year, status, table, rule, subject, left, right, page in not_passed:
        where = f", page {page}" if page is not None else ""
        table = f"表{table}" if table.isdigit() else table
        lines.append(f"  {entity} {year} {table} {rule} {subject}: {left} vs {right} ({status}{where})")
    return lines
