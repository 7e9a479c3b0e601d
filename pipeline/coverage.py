"""fiscal coverage: the scoreboard over the folder a warehouse was built from — per report, what
was read (audit_report_coverage), and over all of them the shares: entity and year read, 收支总表
typed, identities passing, published whole; by folder (one per city or publisher) as well."""

from __future__ import annotations

from pathlib import Path

from .warehouse import connect

# the shares, each over the inputs that are reports (read, or quarantined at extraction)
SHARES = (
    ("entity and year read", "entity_name is not null and fiscal_year is not null"),
    ("收支总表 typed", "summary_table_typed"),
    ("no identity failing", "identities_failed = 0 and not is_quarantined"),
    ("published whole", "reads_whole"),
)
_REPORTS = "extraction_status in ('ok', 'quarantined')"


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


_FOLDER = "regexp_extract(source_path, '^(.*)/[^/]*$', 1)"


def coverage_shares(connection, folder: str | None = None) -> dict[str, tuple[int, int]]:
    """Name → (reports meeting it, reports) over the reports, or those of one folder."""
    columns = ", ".join(f"count(*) filter (where {test})" for _, test in SHARES)
    row = connection.execute(
        f"select count(*), {columns} from audit_report_coverage where {_REPORTS} and ($1 is null or {_FOLDER} = $1)",
        [folder],
    ).fetchone()
    return {name: (count, row[0]) for (name, _), count in zip(SHARES, row[1:])}


def coverage_lines(warehouse: Path, by_folder: bool = True, reports: bool = False) -> list[str]:
    with connect(warehouse) as connection:
        statuses = connection.execute(
            "select extraction_status, count(*) from audit_report_coverage group by all order by all"
        ).fetchall()
        lines = ["Inputs: " + ", ".join(f"{count} {status}" for status, count in statuses) + "."]
        lines += [f"  {name}: {_share(*counts)}" for name, counts in coverage_shares(connection).items()]
        lines.append(_narrative_line(connection))
        if by_folder:
            lines += _folder_lines(connection)
        if reports:
            lines += _report_lines(connection)
    return lines


# A stated amount no check reads passes silently: the share of those a check compares with a
# table cell says how much of what the narratives state is proven.
_NARRATIVE_AMOUNTS = """
    with stated as (
        select figures.report_id, figures.page, figures.sentence, figures.amount
        from main.fct_narrative_figures as figures join main.dim_report as reports using (report_id)
        where figures.amount is not null
            and (
                figures.measure in ('amount', 'final')
                or (reports.report_kind = 'budget' and figures.measure = 'budget')
            )
    ),
    checked as (
        select distinct report_id, page, sentence, left_value from main.audit_narrative_checks
        where table_number <> 'narrative'
    )
    select
        count(*), count(checked.report_id),
        count(distinct stated.report_id), count(distinct stated.report_id) filter (where checked.report_id is not null)
    from stated
    left join checked
        on checked.report_id = stated.report_id and checked.page is not distinct from stated.page
            and checked.sentence = stated.sentence and checked.left_value = stated.amount
"""


def _narrative_line(connection) -> str:
    amounts, checked, reports, reports_checked = connection.execute(_NARRATIVE_AMOUNTS).fetchone()
    return (
        f"  narrative amounts checked against a table cell: {_share(checked, amounts)}"
        f" (in {reports_checked} of the {reports} reports that state any)"
    )


def _folder_lines(connection) -> list[str]:
    folders = connection.execute(
        f"select distinct {_FOLDER} from audit_report_coverage where {_REPORTS} order by 1"
    ).fetchall()
    lines = ["By folder:"] if len(folders) > 1 else []
    for (folder,) in folders if len(folders) > 1 else ():
        shares = coverage_shares(connection, folder)
        total = next(iter(shares.values()))[1]
        counts = ", ".join(f"{name} {part}" for name, (part, _) in shares.items())
        lines.append(f"  {Path(folder).name}: {total} reports; {counts}")
    return lines


def _report_lines(connection) -> list[str]:
    rows = connection.execute(
        f"select source_path, report_kind, entity_name, fiscal_year, summary_table_typed, tables_typed, "
        f"tables_kept_as_printed, identities_passed, identities_failed, quarantined_by, reads_whole "
        f"from audit_report_coverage where {_REPORTS} order by source_path"
    ).fetchall()
    lines = ["Reports:"]
    for path, kind, entity, year, typed, n_typed, n_kept, passed, failed, quarantined, whole in rows:
        verdict = "whole" if whole else f"quarantined ({quarantined})" if quarantined else "not whole"
        lines.append(
            f"  {Path(path).name}: {kind} {entity or '?'} {year or '?'}; 收支总表 {'typed' if typed else 'not typed'}, "
            f"{n_typed} tables typed, {n_kept} kept as printed; identities {passed} passed, {failed} failed; {verdict}"
        )
    return lines
