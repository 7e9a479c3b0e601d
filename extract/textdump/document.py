"""A report given as a text dump (what a PDF's text looks like once pulled out): the same
raw rows as for a PDF, with each amount's placement said — printed, derived from the
identities, or ambiguous with its candidates."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..contents import listed_tables, titled_tables
from ..labels import stated_unit
from ..masthead import printed_names, read_masthead
from ..model import ExtractedReport, NotAReport, UnreadableInput, report_id_for, stamp_amount_units
from ..narrative import read_narrative
from ..quality import (
    BUDGET_WARNING,
    blank_template_reason,
    budget_masthead,
    drop_repeated_forms,
    looks_like_budget,
    review_tables,
)
from ..schema import KIND_BY_NUMBER
from ..titles import (
    OtherTitle,
    as_other_title,
    kind_kept_as_printed,
    match_evaluation_title,
    match_other_title,
    match_title,
)
from .constraints import build_constraints, narrative_figures
from .forms import parse_text_evaluation
from .placement import PlacementProblem, Solution
from .tables import INCOME_COLUMN, TextRow, TextTable, parse_table

ENCODINGS = ("utf-8-sig", "gb18030")
_UNIT_LINES = 12  # a table's unit line sits with its title, above the header


# Words every report prints. GB18030 decodes almost any byte string (Big5 text becomes
# plausible-looking noise), so a decoding counts only where these words come out.
_REPORT_WORDS = ("部门", "单位", "决算", "预算", "支出", "收入", "合计", "项目", "金额")


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM) or GB18030, whichever reads cleanly as Chinese text. Clean
    UTF-8 without a word of a report is some other text file (NotAReport)."""
    plain_text = False
    for encoding in ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and any(word in text for word in _REPORT_WORDS):
            return text
        plain_text = plain_text or (encoding == ENCODINGS[0] and "\x00" not in text)
    if plain_text:
        raise NotAReport("not a report: a text file without a word of a 决算 or 预算 report")
    raise UnreadableInput("text encoding not recognised: expected UTF-8 or GB18030")


def _title(line: str, budget: bool) -> object:
    if budget:  # a 预算 report: none of the 决算 tables or forms; its tables kept as printed
        return as_other_title(line) if match_title(line, budget=True) else match_other_title(line, budget=True)
    return match_title(line) or match_evaluation_title(line) or match_other_title(line)


def sections(lines: list[str], budget: bool = False) -> list[tuple[object, list[tuple[int, str]]]]:
    """(title, numbered lines) from each table or form title to the next one."""
    found: list[tuple[object, list[tuple[int, str]]]] = []
    for number, line in enumerate(lines, start=1):
        title = _title(line, budget)
        if title is not None:
            found.append((title, [(number, line)]))
        elif found:
            found[-1][1].append((number, line))
    return found


def _format(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"


def _solve(tables: dict[str, TextTable], narrative: str) -> Solution:
    known = {cell: value for table in tables.values() for cell, value in table.known.items()}
    sequences = [s for table in tables.values() for s in table.sequences]
    constraints = build_constraints(tables)
    hint_cells, hints = narrative_figures(narrative, tables)
    solution = PlacementProblem(known | hint_cells, sequences, constraints + hints).solve()
    if hints and any(not options for options in solution.candidates.values()):
        solution = PlacementProblem(known, sequences, constraints).solve()  # the narrative disagrees: ignore it
    if any(not options for options in solution.candidates.values()):
        # The identities contradict each other (a publisher's mistake): place with the
        # within-table identities only, so one bad figure does not cost the other tables.
        within = [c for c in build_constraints(tables) if len({t[1][0] for t in c.terms}) == 1]
        fallback = PlacementProblem(known, sequences, within).solve()
        for cell, options in solution.candidates.items():
            if not options:
                solution.candidates[cell] = fallback.candidates.get(cell) or set()
    return solution


class _Placer:
    """Cell values of one table row, and how they were placed."""

    def __init__(self, table: TextTable, solution: Solution):
        self.table, self.solution = table, solution
        self.sequenced = {cell for s in table.sequences for cell in s.slots}

    def row(self, key: str, columns: list[str]) -> tuple[dict[str, str], str, str]:
        values, candidates, placement = {}, {}, "printed"
        for column in columns:
            cell = self.table.cell(key, column)
            if cell in self.table.known:
                values[column] = _format(self.table.known[cell])
            elif cell in self.sequenced:
                options = self.solution.candidates.get(cell, set())
                if len(options) == 1:
                    value = next(iter(options))
                    values[column] = "" if value == 0 else _format(value)
                    placement = "derived" if placement == "printed" else placement
                else:
                    values[column] = ""
                    candidates[column] = sorted(_format(v) for v in options)
                    placement = "ambiguous"
            else:
                values[column] = ""
        return values, placement, json.dumps(candidates, ensure_ascii=False) if candidates else ""


def _blank_record(number: str) -> dict:
    kind = KIND_BY_NUMBER[number]
    return dict.fromkeys((*kind.descriptive, *kind.amounts), "")


def _merge_placement(record: dict, placement: str, candidates: str) -> None:
    """A summary record holds two printed rows (income and expenditure): keep the weaker
    placement and every candidate of both."""
    merged = json.loads(record["placement_candidates"] or "{}") | json.loads(candidates or "{}")
    record["placement_candidates"] = json.dumps(merged, ensure_ascii=False) if merged else ""
    record["placement"] = "ambiguous" if "ambiguous" in (placement, record["placement"]) else placement


def _summary_rows(table: TextTable, placer: _Placer) -> list[dict]:
    """01/04: an income row and an expenditure row printed on one line share one record."""
    by_line: dict[int, dict] = {}
    for row in table.rows:
        columns = [INCOME_COLUMN] if row.side == "income" else table.columns
        values, placement, candidates = placer.row(row.key, columns)
        line = row.line_no if table.shape == "row" else len(by_line) + 1
        blank = {
            **_blank_record(table.number),
            "page": "",
            "row_no": row.line_no,
            "placement": "printed",
            "placement_candidates": "",
        }
        record = by_line.setdefault(line, blank)
        record.update({f"{row.side}_item": row.label, f"{row.side}_line_no": row.printed_line_no, **values})
        if placement != "printed":
            _merge_placement(record, placement, candidates)
        record["printed_cells"] = json.dumps([record["income_item"], record["expenditure_item"]], ensure_ascii=False)
    return list(by_line.values())


def _detail_record(table: TextTable, row: TextRow, values: dict) -> dict:
    """The descriptive columns of a row of 02/03/05–09 and its placed amounts."""
    record = _blank_record(table.number)
    parser = KIND_BY_NUMBER[table.number].parser
    if parser == "economic":
        record.update(economic_code=row.code, code_printed=row.code, item_name=row.label)
    elif parser == "three_public":
        record.update(item_code=row.key, item_name=row.label)
    else:
        record.update(functional_code=row.code, code_printed=row.code, item_name=row.label)
    record.update(values)
    return record


def _raw_rows(table: TextTable, solution: Solution) -> list[dict]:
    placer = _Placer(table, solution)
    if KIND_BY_NUMBER[table.number].parser == "summary":
        return _summary_rows(table, placer)
    rows = []
    for row in table.rows:
        values, placement, candidates = placer.row(row.key, table.columns)
        record = _detail_record(table, row, values)
        record.update(
            page="",
            row_no=row.line_no,
            placement=placement,
            placement_candidates=candidates,
            printed_cells=json.dumps([row.code, row.label] if row.code else [row.label], ensure_ascii=False),
        )
        rows.append(record)
    return rows


@dataclass
class _Sections:
    tables: dict[str, TextTable] = field(default_factory=dict)  # the longest printing of each kind
    units: dict[str, str] = field(default_factory=dict)
    forms: list[tuple[str, list[tuple[int, str]]]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)  # each kept table's printed text
    sections: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # each kept table's lines
    repeats: list[str] = field(default_factory=list)  # warnings for tables printed more than once
    others: list[tuple[OtherTitle, list[tuple[int, str]]]] = field(default_factory=list)


def _printed_text(section: list[tuple[int, str]]) -> str:
    return "\n".join(" ".join(line.split()) for _, line in section[1:] if line.strip())


def _read_sections(titled: list[tuple[object, list[tuple[int, str]]]]) -> _Sections:
    found = _Sections()
    for title, section in titled:
        if isinstance(title, str):
            found.forms.append((title, section))
            continue
        if isinstance(title, OtherTitle):
            found.others.append((title, section))
            continue
        table = parse_table(title.number, section)
        if not table.rows:
            continue
        number, text = title.number, _printed_text(section)
        if number in found.tables:
            same = text == found.texts[number]
            found.repeats.append(
                f"table {number} printed twice (lines {found.tables[number].rows[0].line_no} and "
                f"{table.rows[0].line_no}): "
                + ("kept once" if same else "two different tables; the longer is read, the other kept as printed")
            )
            if same:
                continue
            shorter = len(table.rows) <= len(found.tables[number].rows)
            unread = section if shorter else found.sections[number]
            found.others.append((kind_kept_as_printed(title), unread))  # every line kept, as printed
            if shorter:
                continue
        found.tables[number], found.texts[number], found.sections[number] = table, text, section
        found.units[number] = next(filter(None, (stated_unit(text) for _, text in section[:_UNIT_LINES])), "")
    return found


def _place_tables(report: ExtractedReport, tables: dict[str, TextTable], narrative: str) -> None:
    solution = _solve(tables, narrative)
    for number, table in sorted(tables.items()):
        report.rows[number] = _raw_rows(table, solution)
        report.table_pages[number] = []
        ambiguous = sum(1 for row in report.rows[number] if row["placement"] == "ambiguous")
        if ambiguous:
            report.warnings.append(f"table {number} ({table.shape} layout): {ambiguous} rows with ambiguous placements")


def _other_rows(others: list[tuple[OtherTitle, list[tuple[int, str]]]]) -> list[dict]:
    """Tables beyond the nine: every line after the title, as printed."""
    return [
        {"page": "", "row_no": line_no, "table_no": table_no, "table_kind": other.kind, "table_label": other.label,
         "table_title": other.title, "printed_cells": json.dumps([line.strip()], ensure_ascii=False)}
        for table_no, (other, section) in enumerate(others, start=1)
        for line_no, line in section[1:]
        if line.strip()
    ]  # fmt: skip


def _read_budget(report: ExtractedReport, found: _Sections, lines: list[str]) -> ExtractedReport:
    """A 预算 report: its kind from the text, every table's lines kept as printed (this
    reader does not type budget tables yet)."""
    report.masthead = budget_masthead(report.masthead, lines)
    report.other_rows = _other_rows(found.others)
    if not report.other_rows:
        raise UnreadableInput("a 预算 (budget) report, but none of its tables could be read")
    report.warnings.append(BUDGET_WARNING)
    report.note_missing_masthead()
    return report


def extract_text(path: Path, sha256: str) -> ExtractedReport:
    lines = decode_text(Path(path).read_bytes()).splitlines()
    budget = looks_like_budget(lines)
    report = ExtractedReport(report_id_for(sha256), Path(path), sha256, read_masthead(lines), page_count=0)
    unpaged = [(None, line) for line in lines]  # a text dump has no pages
    report.printed_name_rows = printed_names(unpaged)
    report.tables_listed = listed_tables(unpaged, budget)
    report.tables_titled = titled_tables(unpaged, budget)
    titled = sections(lines, budget)
    found = _read_sections(titled)
    if budget:
        return _read_budget(report, found, lines)
    if not found.tables and not found.forms:
        if not titled and not any("决算" in line or "预算" in line for line in lines):
            raise NotAReport("not a report: no table title and no word 决算 or 预算 in the text")
        raise UnreadableInput("no 决算 table found (none of the nine standard table titles in the text)")
    prose = lines[: titled[0][1][0][0] - 1] if titled else lines
    narrative = "\n".join(prose)
    report.narrative_rows, report.narrative_sentence_rows = read_narrative([(None, line) for line in prose])  # no pages
    report.warnings += found.repeats
    _place_tables(report, found.tables, narrative)
    stamp_amount_units(report.rows, found.units)
    for number, (kind, section) in enumerate(found.forms, start=1):
        report.evaluations.append(parse_text_evaluation(kind, section, number))
    report.other_rows = _other_rows(found.others)
    drop_repeated_forms(report)
    review_tables(report)
    template = blank_template_reason(report, lines)
    if template:
        raise UnreadableInput(template)
    report.note_missing_masthead()
    return report
