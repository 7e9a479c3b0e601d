"""One input document to raw rows: identity, tables, parse results and problems."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .families import LayoutError, parse_table
from .identity import ReportIdentity, read_identity
from .layout import assemble
from .evaluations import Evaluation, parse_evaluation
from .locate import locate
from .pdf_reader import UnreadableInput, read_pdf


@dataclass
class ExtractedReport:
    report_id: str
    source_path: Path
    sha256: str
    identity: ReportIdentity
    page_count: int
    rows: dict[str, list[dict]] = field(default_factory=dict)  # kind number -> raw rows
    table_pages: dict[str, list[int]] = field(default_factory=dict)
    evaluations: list[Evaluation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def report_id_for(sha256: str) -> str:
    """Reports are identified by content, so a renamed file is still the same report."""
    return sha256[:16]


def stamp_amount_units(rows: dict[str, list[dict]], stated: dict[str, str]) -> None:
    """Give every table row the unit its amounts are printed in. A table that states none
    takes the unit the document's other tables agree on; with none stated anywhere the
    column stays blank, which the warehouse reads as the standard 万元."""
    units = {unit for unit in stated.values() if unit}
    agreed = next(iter(units)) if len(units) == 1 else ""
    for number, table_rows in rows.items():
        unit = stated.get(number) or agreed
        for row in table_rows:
            row["amount_unit"] = unit


def extract_pdf(path: Path, sha256: str) -> ExtractedReport:
    pages = read_pdf(path)
    lines = [text for page in pages for _, text in sorted(page.lines)]
    identity = read_identity(lines)
    report = ExtractedReport(report_id_for(sha256), path, sha256, identity, len(pages))
    located = locate(pages)
    if not located.tables and not located.evaluations:
        raise UnreadableInput("no 决算 table found (none of the nine standard table titles with a table below it)")
    for number, form in enumerate(located.evaluations, start=1):
        evaluation = parse_evaluation(form.kind, form.grids, number)
        if not evaluation.indicators:
            report.warnings.append(f"evaluation {number} ({form.kind}) on page {form.grids[0].page_number}: no indicator rows read")
        report.evaluations.append(evaluation)
    for table in located.tables:
        try:
            printed = assemble(table.grids)
            rows = parse_table(printed, table.kind)
        except LayoutError as exc:
            report.warnings.append(f"{exc} (pages {[g.page_number for g in table.grids]})")
            continue
        report.rows[table.kind.number] = rows
        report.table_pages[table.kind.number] = printed.pages
    stamp_amount_units(report.rows, {table.kind.number: table.amount_unit for table in located.tables})
    if not report.rows and not report.evaluations:
        raise UnreadableInput("no 决算 table could be read: " + "; ".join(report.warnings))
    if identity.entity_name is None or identity.fiscal_year is None:
        report.warnings.append("entity name or fiscal year not found in the text")
    return report
