"""One PDF to an extracted report: pages, located tables and forms, raw rows, problems."""

from __future__ import annotations

import json
from pathlib import Path

from ..contents import listed_tables, titled_tables
from ..masthead import printed_names, read_masthead
from ..model import ExtractedReport, UnreadableInput, report_id_for, stamp_amount_units, stamp_sub_column_units
from ..narrative import read_narrative
from ..quality import (
    BUDGET_WARNING,
    blank_template_reason,
    budget_masthead,
    drop_repeated_forms,
    looks_like_budget,
    review_tables,
    without_place,
)
from ..titles import kind_kept_as_printed
from .assembly import assemble
from .forms import parse_evaluation
from .locate import Located, LocatedOther, LocatedTable, locate
from .reader import PageContent, read_pdf
from .tables import HeaderError, parse_sub_columns, parse_summary_sub_columns, parse_table


def _read_forms(report: ExtractedReport, located: Located) -> None:
    for number, form in enumerate(located.evaluations, start=1):
        evaluation = parse_evaluation(form.kind, form.grids, number)
        if not evaluation.indicators:
            first_page = form.grids[0].page_number
            report.warnings.append(f"evaluation {number} ({form.kind}) on page {first_page}: no indicator rows read")
        report.evaluations.append(evaluation)


def _same_as_first(report: ExtractedReport, number: str, rows: list[dict], pages: list[int]) -> bool:
    """A second printing of a table already read: kept once when it is the same table; when
    it is another table of the same kind, not summed into the facts, and said."""
    same = list(map(without_place, rows)) == list(map(without_place, report.rows[number]))
    first = report.table_pages[number]
    if same:
        report.warnings.append(f"table {number} printed twice (pages {first} and {pages}): kept once")
    else:
        report.warnings.append(
            f"two different tables {number} (pages {first} and {pages}): the first is read, the other kept as printed"
        )
    return same


def _keep_as_printed(located: Located, table: LocatedTable) -> None:
    """A table that is not read into facts still has every row kept, cells as printed, in
    the generic family (read with the others)."""
    located.others.append(LocatedOther(kind_kept_as_printed(table.kind), table.grids))


def _read_tables(report: ExtractedReport, located: Located) -> None:
    units: dict[str, str] = {}
    for table in located.tables:
        number = table.kind.number
        try:
            printed = assemble(table.grids)
            rows = parse_table(printed, table.kind)
        except HeaderError as exc:
            report.warnings.append(f"{exc} (pages {[g.page_number for g in table.grids]}): rows kept as printed")
            _keep_as_printed(located, table)
            continue
        if number in report.rows:
            if not _same_as_first(report, number, rows, printed.pages):
                _keep_as_printed(located, table)
            continue
        report.rows[number] = rows
        report.table_pages[number] = printed.pages
        units[number] = table.amount_unit
        if table.kind.parser == "functional" and table.kind.descriptive[0] == "functional_code":
            report.sub_column_rows += parse_sub_columns(printed, table.kind)
        elif table.kind.parser == "summary":
            report.sub_column_rows += parse_summary_sub_columns(printed, table.kind)
    stamp_amount_units(report.rows, units)
    stamp_sub_column_units(report)


def _read_others(report: ExtractedReport, located: Located) -> None:
    """Tables beyond the nine: every printed row, cells as printed, nothing dropped."""
    for table_no, other in enumerate(located.others, start=1):
        row_no = 0
        for grid in other.grids:
            for r in range(grid.n_rows):
                row_no += 1
                cells = sorted((cell for cell in grid.cells if cell.row == r), key=lambda cell: cell.col)
                if not any(cell.text for cell in cells):
                    continue
                report.other_rows.append({
                    "page": grid.page_number, "row_no": row_no, "table_no": table_no,
                    "table_kind": other.title.kind, "table_label": other.title.label,
                    "table_title": other.title.title,
                    "printed_cells": json.dumps([cell.text for cell in cells], ensure_ascii=False),
                })  # fmt: skip


def _read_budget(report: ExtractedReport, located: Located, lines: list[str]) -> ExtractedReport:
    """A 预算 report: its kind from the text, the budget kinds (BUDGET_KINDS) read into
    facts, every other table's rows kept as printed."""
    report.masthead = budget_masthead(report.masthead, lines)
    _read_tables(report, located)
    _read_others(report, located)
    review_tables(report)
    if not report.rows and not report.other_rows:
        raise UnreadableInput("a 预算 (budget) report, but none of its tables could be read")
    report.warnings.append(BUDGET_WARNING)
    report.note_missing_masthead()
    return report


def _narrative_lines(pages: list[PageContent]) -> list[tuple[int, str]]:
    """(page, text) of every line outside the page's tables and forms, in reading order."""
    lines = []
    for page in pages:
        spans = [(grid.row_edges[0] - 1, grid.row_edges[-1] + 1) for grid in page.grids]
        printed = page.prose if page.prose is not None else page.lines
        lines += [(page.number, text) for top, text in sorted(printed) if not any(a <= top <= b for a, b in spans)]
    return lines


def extract_pdf(path: Path, sha256: str) -> ExtractedReport:
    pages = read_pdf(path)
    numbered = [(page.number, text) for page in pages for _, text in sorted(page.lines)]
    lines = [text for _, text in numbered]
    budget = looks_like_budget(lines)
    report = ExtractedReport(report_id_for(sha256), path, sha256, read_masthead(lines), len(pages))
    report.narrative_rows, report.narrative_sentence_rows = read_narrative(_narrative_lines(pages))
    report.printed_name_rows = printed_names(numbered)
    report.tables_listed = listed_tables(numbered, budget)
    report.tables_titled = titled_tables(numbered, budget)
    located = locate(pages, budget)
    if budget:
        return _read_budget(report, located, lines)
    if not located.tables and not located.evaluations:
        raise UnreadableInput("no 决算 table found (none of the nine standard table titles with a table below it)")
    _read_forms(report, located)
    _read_tables(report, located)
    _read_others(report, located)
    drop_repeated_forms(report)
    review_tables(report)
    if not report.rows and not report.evaluations:
        raise UnreadableInput("no 决算 table could be read: " + "; ".join(report.warnings))
    template = blank_template_reason(report, lines)
    if template:
        raise UnreadableInput(template)
    report.note_missing_masthead()
    return report
