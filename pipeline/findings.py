"""The findings of a published build as a scheduler wants them: counted by severity and status
(every check of audit_findings, the count `fiscal report` shows too), and the failures that
are new since the build before it."""

from __future__ import annotations

from pathlib import Path

import duckdb

SEVERITIES = ("error", "warning", "info")  # most severe first
# A finding is the same on two builds when the same report fails the same rule on the same subject.
_FAILURES = """
select distinct findings.report_id, findings.rule_id, findings.subject
from {catalog}.main.audit_findings as findings
join {catalog}.main.dim_report as reports using (report_id)
where findings.status = 'fail' and reports.is_current
"""


def count_findings(connection: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int]]:
    """severity → status → checks, over the current reports."""
    rows = connection.execute(
        "select severity, status, count(*) from audit_findings join dim_report using (report_id) "
        "where is_current group by all order by all"
    ).fetchall()
    counted: dict[str, dict[str, int]] = {}
    for severity, status, number in rows:
        counted.setdefault(severity, {})[status] = number
    return counted


def new_failures(database: Path, previous: Path | None) -> int:
    """Failing checks of `database` that the previous build did not have (all of them when
    there is no previous build, or it cannot be read)."""
    with duckdb.connect(str(database), read_only=True) as connection:
        catalog = connection.execute("select current_database()").fetchone()[0]
        current = set(connection.execute(_FAILURES.format(catalog=f'"{catalog}"')).fetchall())
        if previous is None or not previous.exists():
            return len(current)
        try:
            connection.execute("attach ? as previous_build (read_only)", [str(previous)])
            before = set(connection.execute(_FAILURES.format(catalog="previous_build")).fetchall())
        except duckdb.Error:
            return len(current)
    return len(current - before)


def failing_at_or_above(findings: dict[str, dict[str, int]], severity: str) -> int:
    """Failing checks of the given severity or a more severe one."""
    levels = SEVERITIES[: SEVERITIES.index(severity) + 1]
    return sum(findings.get(level, {}).get("fail", 0) for level in levels)


def findings_sentence(findings: dict[str, dict[str, int]], new: int | None) -> str:
    """Findings: 1,114 checks passed; error 1 fail; warning 2 fail, 1 explained; 1 new since the last build."""
    passed = sum(by_status.get("pass", 0) for by_status in findings.values())
    parts = [f"{passed} checks passed"]
    for severity in [*SEVERITIES, *sorted(set(findings) - set(SEVERITIES))]:
        others = {status: n for status, n in sorted(findings.get(severity, {}).items()) if status != "pass"}
        if others:
            parts.append(f"{severity} " + ", ".join(f"{n} {status}" for status, n in others.items()))
    if new is not None:
        parts.append(f"{new} failing check{'s' if new != 1 else ''} new since the last build")
    return "Findings: " + "; ".join(parts) + "."
