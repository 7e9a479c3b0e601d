"""The shared model both readers fill: one extracted report, its evaluation forms, and the
error that turns an input into a named failure."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .masthead import Masthead


class UnreadableInput(Exception):
    """An input that cannot become data; the message is the reason a person reads."""


class NotAReport(UnreadableInput):
    """A file beside the reports that is no report at all (a readme, a list of links): skipped
    with a note, so a stray file does not fail every scheduled run."""


@dataclass
class Evaluation:
    """One performance self-evaluation form (绩效自评表) as read, before it becomes raw rows."""

    kind: str  # unit or project
    number: int  # order within the report
    header: dict
    first_page: int
    tasks: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)

    @property
    def subject_name(self) -> str:
        return self.header.get("unit_label" if self.kind == "unit" else "project_name", "")


@dataclass
class ExtractedReport:
    report_id: str
    source_path: Path
    sha256: str
    masthead: Masthead
    page_count: int
    rows: dict[str, list[dict]] = field(default_factory=dict)  # kind number -> raw rows
    table_pages: dict[str, list[int]] = field(default_factory=dict)
    evaluations: list[Evaluation] = field(default_factory=list)
    other_rows: list[dict] = field(default_factory=list)  # rows of tables beyond the nine, as printed
    sub_column_rows: list[dict] = field(default_factory=list)  # 其中 sub-columns of the typed tables
    narrative_rows: list[dict] = field(default_factory=list)  # figures the 情况说明 states
    narrative_sentence_rows: list[dict] = field(default_factory=list)  # its every sentence
    printed_name_rows: list[dict] = field(default_factory=list)  # each place it prints its publisher
    tables_listed: list[str] = field(default_factory=list)  # the kinds its contents page lists
    tables_titled: list[str] = field(default_factory=list)  # the kinds whose titles its body prints
    warnings: list[str] = field(default_factory=list)

    @property
    def rows_extracted(self) -> int:
        """Every table row, form, task and indicator read: how complete this reading is."""
        forms = sum(1 + len(e.tasks) + len(e.indicators) for e in self.evaluations)
        return sum(len(rows) for rows in self.rows.values()) + forms

    def note_missing_masthead(self) -> None:
        if self.masthead.entity_name is None or self.masthead.fiscal_year is None:
            self.warnings.append("entity name or fiscal year not found in the text")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def report_id_for(sha256: str) -> str:
    """Reports are identified by content, so a renamed file is still the same report: the
    first 128 bits of its sha256 (a chance collision needs about 2^64 reports; a contrived
    one is refused by the batch, which checks every id against the content it names)."""
    return sha256[:32]


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


def stamp_sub_column_units(report: ExtractedReport) -> None:
    """A sub-column's amounts are printed in the unit of the table it belongs to."""
    units = {number: rows[0].get("amount_unit", "") for number, rows in report.rows.items() if rows}
    for row in report.sub_column_rows:
        row["amount_unit"] = units.get(row["table_number"], "")
