"""fiscal export FORMAT: every mart of the published warehouse as Parquet, as CSV with a UTF-8
BOM (so Excel shows the Chinese), or as one XLSX workbook with a sheet per mart and Chinese
headers. Text that a spreadsheet would take for a formula is made inert."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb

from .warehouse import column_labels, marts, table_comment

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_576 - 1  # a sheet's rows, less the header
SHEET_NAME_LENGTH = 31
BATCH_ROWS = 10_000


def inert(value):
    """Text a spreadsheet would evaluate (=1+2, @SUM(…), -2+3) with a leading apostrophe, which
    Excel and LibreOffice show as text; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _rows(connection: duckdb.DuckDBPyConnection, table: str) -> Iterator[tuple]:
    cursor = connection.execute(f'select * from main."{table}"')
    while batch := cursor.fetchmany(BATCH_ROWS):
        yield from batch


def _columns(connection: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in connection.execute(f'describe main."{table}"').fetchall()]


def export_parquet(connection: duckdb.DuckDBPyConnection, out: Path) -> list[Path]:
    written = []
    for table in marts(connection):
        path = out / f"{table}.parquet"
        escaped = str(path).replace("'", "''")
        connection.execute(f"copy main.\"{table}\" to '{escaped}' (format parquet)")
        written.append(path)
    return written


def export_csv(connection: duckdb.DuckDBPyConnection, out: Path) -> list[Path]:
    written = []
    for table in marts(connection):
        path = out / f"{table}.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(_columns(connection, table))
            writer.writerows(tuple(inert(value) for value in row) for row in _rows(connection, table))
        written.append(path)
    return written


def _sheet_names(tables: list[str]) -> dict[str, str]:
    """Excel allows 31 characters: long names are cut, and numbered where two cuts meet."""
    names: dict[str, str] = {}
    for table in tables:
        name, n = table[:SHEET_NAME_LENGTH], 2
        while name in names.values():
            suffix = f"~{n}"
            name, n = table[: SHEET_NAME_LENGTH - len(suffix)] + suffix, n + 1
        names[table] = name
    return names


def _cell_value(value):
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.isoformat()  # Excel has no time zones
    if isinstance(value, (list, dict)):
        return str(value)
    return value


IDENTITY_COLUMNS = ("entity_name", "fiscal_year", "report_kind_label")
AMOUNT_FORMAT = "#,##0.00"
RATE_FORMAT = "0.00%"


def _identity_columns(table: str, columns: list[str], tables: list[str]) -> list[str]:
    """Which of the report's entity, year and kind a sheet lacks, so that a reader filtering a
    fact sheet never needs the 32-hex report_id: taken from dim_report (where the warehouse has it)."""
    if "report_id" not in columns or table == "dim_report" or "dim_report" not in tables:
        return []
    return [column for column in IDENTITY_COLUMNS if column not in columns]


def _sheet_query(table: str, added: list[str]) -> str:
    if not added:
        return f'select * from main."{table}"'
    chosen = ", ".join(f"reports.{column}" for column in added)
    return (
        f'select {chosen}, facts.* from main."{table}" as facts'
        " left join main.dim_report as reports on reports.report_id = facts.report_id"
    )


def _number_format(column: str, duckdb_type: str) -> str | None:
    if column.endswith("rate") or "_rate_" in column:
        return RATE_FORMAT
    if duckdb_type.startswith("DECIMAL") or duckdb_type in ("DOUBLE", "FLOAT"):
        return AMOUNT_FORMAT
    return None


def _write_sheet(
    sheet, connection: duckdb.DuckDBPyConnection, table: str, labels: dict[str, str], tables: list[str]
) -> int:
    """The sheet of one mart: Chinese headers, the header row frozen with filters on it, amounts
    as #,##0.00 and rates as percentages; returns its row count."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    added = _identity_columns(table, _columns(connection, table), tables)
    cursor = connection.execute(_sheet_query(table, added))
    columns = [(name, str(kind)) for name, kind, *_ in cursor.description]
    formats = [_number_format(name, kind) for name, kind in columns]
    headers = [labels.get(name, name) for name, _ in columns]
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(len(header) * 2 + 2, 10), 40)
    sheet.freeze_panes = "A2"
    sheet.append(headers)
    count = 0
    while batch := cursor.fetchmany(BATCH_ROWS):
        for row in batch:
            if count == XLSX_MAX_ROWS:
                raise ValueError(f"{table} has more rows than a sheet holds: export it as parquet or csv")
            sheet.append([_sheet_cell(WriteOnlyCell, sheet, value, number) for value, number in zip(row, formats)])
            count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    return count


def _sheet_cell(make_cell, sheet, value, number_format: str | None):
    cell = make_cell(sheet, value=_cell_value(value))
    if isinstance(value, str):
        cell.data_type = "s"  # text stays text, never a formula
    elif number_format and value is not None:
        cell.number_format = number_format
    return cell


def export_xlsx(connection: duckdb.DuckDBPyConnection, out: Path) -> list[Path]:
    """One workbook: a contents sheet (目录), then one sheet per mart headed in Chinese, with the
    report's entity and year beside every fact."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    labels = column_labels(connection)
    tables = marts(connection)
    sheets = _sheet_names(tables)
    contents = workbook.create_sheet("目录")
    contents.freeze_panes = "A2"
    for letter, width in zip("ABCD", (34, 34, 10, 100)):
        contents.column_dimensions[letter].width = width
    contents.append(["表名", "工作表", "行数", "说明"])
    for table in tables:
        count = _write_sheet(workbook.create_sheet(sheets[table]), connection, table, labels, tables)
        contents.append([table, sheets[table], count, table_comment(connection, table)])
    path = out / "warehouse.xlsx"
    workbook.save(path)
    return [path]


EXPORTERS = {"parquet": export_parquet, "csv": export_csv, "xlsx": export_xlsx}
