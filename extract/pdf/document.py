"""One PDF to an extracted report: pages, located tables and forms, raw rows, problems."""

from __future__ import annotations

from pathlib import Path

from ..masthead import read_masthead
from ..model import ExtractedReport, UnreadableInput, report_id_for, stamp_amount_units
from .assembly import assemble
from .forms import parse_evaluation
from .locate import Located, locate
from .reader import read_pdf
from .tables import HeaderError, parse_table


def _read_forms(report: ExtractedReport, located: Located) -> None:
    for number, form in enumerate(located.evaluations, start=1):
        evaluation = parse_evaluation(form.kind, form.grids, number)
        if not evaluation.indicators:
            first_page = form.grids[0].page_number
            report.warnings.append(f"evaluation {number} ({form.kind}) on page {first_page}: no indicator rows read")
        report.evaluations.append(evaluation)


def _read_tables(report: ExtractedReport, located: Located) -> None:
    for table in located.tables:
        try:
            printed = assemble(table.grids)
            rows = parse_table(printed, table.kind)
        except HeaderError as exc:
            report.warnings.append(f"{exc} (pages {[g.page_number for g in table.grids]})")
            continue
        report.rows[table.kind.number] = rows
        report.table_pages[table.kind.number] = printed.pages
    stamp_amount_units(report.rows, {table.kind.number: table.amount_unit for table in located.tables})


def extract_pdf(path: Path, sha256: str) -> ExtractedReport:
    pages = read_pdf(path)
    lines = [text for page in pages for _, text in sorted(page.lines)]
    report = ExtractedReport(report_id_for(sha256), path, sha256, read_masthead(lines), len(pages))
    located = locate(pages)
    if not located.tables and not located.evaluations:
        raise UnreadableInput("no 决算 table found (none of the nine standard table titles with a table below it)")
    _read_forms(report, located)
    _read_tables(report, located)
    if not report.rows and not report.evaluations:
        raise UnreadableInput("no 决算 table could be read: " + "; ".join(report.warnings))
    report.note_missing_masthead()
    return report
