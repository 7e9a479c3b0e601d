"""What a reading may have lost, said in the report's warnings instead of passing as "ok".

Pure functions over an extracted report, shared by both readers: tables not found, amounts
that are not numbers, glyphs without a Unicode map ((cid:N)) — in an amount they make the
whole table unreadable, so that table is dropped rather than published with wrong figures —
and the same evaluation form printed twice, kept once.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from .masthead import Masthead
from .model import Evaluation, ExtractedReport
from .schema import KIND_BY_NUMBER, KINDS

_BLANK_AMOUNT = {"", "-", "—", "－", "--"}
_NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_SHOWN = 5  # rows named in a warning


def _is_amount(text: str) -> bool:
    return text in _BLANK_AMOUNT or bool(_NUMBER.match(text))


def _where(rows: list[dict]) -> str:
    places = [f"p{row['page']} r{row['row_no']}" if row.get("page") != "" else f"line {row['row_no']}" for row in rows]
    return ", ".join(places[:_SHOWN]) + (f" and {len(places) - _SHOWN} more" if len(places) > _SHOWN else "")


def _review_table(report: ExtractedReport, number: str) -> None:
    kind = KIND_BY_NUMBER[number]
    rows = report.rows[number]
    cid_amounts = [row for row in rows if any("(cid:" in str(row.get(c, "")) for c in kind.amounts)]
    if cid_amounts:
        del report.rows[number]
        report.table_pages.pop(number, None)
        report.warnings.append(
            f"table {number}: amounts in glyphs without a Unicode map ((cid:N)) at {_where(cid_amounts)}; "
            "the table is not read"
        )
        return
    cid_labels = [row for row in rows if any("(cid:" in str(row.get(c, "")) for c in kind.descriptive)]
    if cid_labels:
        report.warnings.append(f"table {number}: labels in glyphs without a Unicode map at {_where(cid_labels)}")
    unparsed = [row for row in rows if not all(_is_amount(str(row.get(c, ""))) for c in kind.amounts)]
    if unparsed:
        report.warnings.append(
            f"table {number}: {len(unparsed)} rows with amounts that are not numbers ({_where(unparsed)})"
        )


def review_tables(report: ExtractedReport) -> None:
    """Warnings for damaged or missing tables; a table with (cid:N) amounts is dropped."""
    for number in sorted(report.rows):
        _review_table(report, number)
    missing = [kind.number for kind in KINDS if kind.number not in report.rows]
    if report.masthead.kind.endswith("预算"):
        return  # a 预算 report prints its own tables (BUDGET_KINDS), never the nine
    if report.rows and missing:
        report.warnings.append(f"tables not found: {' '.join(missing)}")
    elif not report.rows and report.evaluations:
        report.warnings.append("none of the nine standard tables found; evaluation forms only")


def without_place(record: dict) -> dict:
    """A raw record without where it is printed: two printings of it compare equal."""
    return {key: value for key, value in record.items() if key not in ("page", "row_no")}


def _content(evaluation: Evaluation) -> str:
    """A form's content without where it is printed."""
    return json.dumps(
        [
            evaluation.kind,
            evaluation.header,
            [without_place(task) for task in evaluation.tasks],
            [without_place(indicator) for indicator in evaluation.indicators],
        ],
        ensure_ascii=False,
        sort_keys=True,
    )


def drop_repeated_forms(report: ExtractedReport) -> None:
    """A form printed twice (an annex bound twice) is kept once, with a warning."""
    kept: list[Evaluation] = []
    first_of: dict[str, Evaluation] = {}
    for evaluation in report.evaluations:
        content = _content(evaluation)
        if content in first_of:
            first = first_of[content]
            where = f" (pages {first.first_page} and {evaluation.first_page})" if evaluation.first_page != "" else ""
            report.warnings.append(
                f"evaluation form {evaluation.kind} {evaluation.subject_name!r} printed twice{where}: kept once"
            )
            continue
        first_of[content] = evaluation
        kept.append(evaluation)
    for number, evaluation in enumerate(kept, start=1):
        evaluation.number = number
    report.evaluations = kept


_PLACEHOLDER = re.compile(r"XX|ＸＸ|××|xx|某某|\*\*")
_TITLE_LINE = re.compile(r"^.{2,40}表$")


BUDGET_WARNING = (
    "a 预算 (budget) report: tables other than the typed budget kinds kept row by row in the generic family"
)


def budget_masthead(masthead: Masthead, lines: list[str]) -> Masthead:
    """The masthead of a 预算 report: 单位预算 when the report says so, else 部门预算."""
    text = "".join(line.replace(" ", "") for line in lines[:80])
    scope = "单位" if "单位预算" in text and "部门预算" not in text else "部门"
    return replace(masthead, kind=f"{scope}预算")


def looks_like_budget(lines: list[str]) -> bool:
    """A 预算 (budget) report: titles of the …预算表 kind, and none of a 决算 table (the
    narrative may still speak of 预算决算 work)."""
    titles = [key for key in (line.replace(" ", "") for line in lines) if _TITLE_LINE.match(key)]
    return sum("预算" in title for title in titles) >= 2 and not any("决算" in title for title in titles)


def blank_template_reason(report: ExtractedReport, lines: list[str]) -> str | None:
    """Why the document is a blank template rather than a report: no amount anywhere and a
    placeholder for the publisher (上海市XX局) or a 模板 heading."""
    amounts = [
        str(row.get(column, ""))
        for number, rows in report.rows.items()
        for row in rows
        for column in KIND_BY_NUMBER[number].amounts
    ]
    if not amounts or any(text not in _BLANK_AMOUNT and text.strip("0.,") for text in amounts):
        return None
    placeholder = _PLACEHOLDER.search(report.masthead.entity_name or "")
    if placeholder or any("模板" in line for line in lines[:60]):
        return "a blank template, not a published report (no amount printed; the publisher is a placeholder)"
    return None
