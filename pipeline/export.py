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


def export_xlsx(connection: duckdb.DuckDBPyConnection, out: Path) -> list[Path]:
    """One workbook: a contents sheet (目录), then one sheet per mart headed in Chinese."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    labels = column_labels(connection)
    tables = marts(connection)
    sheets = _sheet_names(tables)
    contents = workbook.create_sheet("目录")
    contents.append(["表", "工作表", "行数", "说明"])
    for table in tables:
        sheet = workbook.create_sheet(sheets[table])
        sheet.append([labels.get(column, column) for column in _columns(connection, table)])
        count = 0
        for row in _rows(connection, table):
            if count == XLSX_MAX_ROWS:
                raise ValueError(f"{table} has more rows than a sheet holds: export it as parquet or csv")
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=_cell_value(value))
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text, never a formula
                cells.append(cell)
            sheet.append(cells)
            count += 1
        contents.append([table, sheets[table], count, table_comment(connection, table)])
    path = out / "warehouse.xlsx"
    workbook.save(path)
    return [path]


EXPORTERS = {"parquet": export_parquet, "csv": export_csv, "xlsx": export_xlsx}
