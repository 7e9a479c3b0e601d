"""The raw CSVs are written without polars, byte for byte as polars' write_csv writes them."""

from __future__ import annotations

import random

import polars as pl

from extract.writer import csv_text

# Separators, quotes, line breaks, blanks and other characters a printed cell may hold
ALPHABET = ["a", "中", ",", '"', "\n", "\r", " ", "\t", "'", ";", "0", "-", "\u3000", "\\", "\x00", "\x0b", "\u2028"]


def _polars(rows: list[dict], columns: tuple[str, ...]) -> str:
    data = {column: ["" if row[column] is None else str(row[column]) for row in rows] for column in columns}
    return pl.DataFrame(data, schema={column: pl.String for column in columns}).write_csv()


def test_random_frames_are_written_as_polars_writes_them():
    rng = random.Random(20261202)
    for _ in range(5000):
        columns = tuple(f"{''.join(rng.choices(ALPHABET, k=rng.randint(0, 2)))}{n}" for n in range(rng.randint(1, 4)))
        values = [None, 0, 1.5, *("".join(rng.choices(ALPHABET, k=rng.randint(0, 4))) for _ in range(6))]
        rows = [{column: rng.choice(values) for column in columns} for _ in range(rng.randint(0, 3))]
        assert csv_text(rows, columns, "random") == _polars(rows, columns), (columns, rows)
