"""fiscal query "SQL": run SQL against the published warehouse (read-only) and print the result
as a table, or as CSV with --csv (UTF-8 with a byte-order mark, so Excel reads the Chinese)."""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

from .warehouse import connect

DEFAULT_ROWS = 40


def run_query(warehouse: Path, sql: str, as_csv: bool = False, max_rows: int = DEFAULT_ROWS) -> None:
    with connect(warehouse) as connection:
        if as_csv:
            cursor = connection.execute(sql)
            if cursor.description is None:  # a statement without a result (SET, PRAGMA …)
                return
            sys.stdout.write("\ufeff")  # Excel takes a CSV without it for the local code page
            writer = csv.writer(sys.stdout)
            writer.writerow(column[0] for column in cursor.description)
            while batch := cursor.fetchmany(10_000):
                writer.writerows(batch)
            return
        relation = connection.sql(sql)
        if relation is not None:
            relation.show(max_width=shutil.get_terminal_size((160, 40)).columns, max_rows=max_rows)
