"""The published warehouse as the user commands read it: read-only, and a clear error when
there is none yet."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

DEFAULT_WAREHOUSE = Path("warehouse.duckdb")


class NoWarehouse(Exception):
    """The command needs a published warehouse and there is none at the path."""


def default_warehouse() -> Path:
    return Path(os.environ.get("FISCAL_DUCKDB") or DEFAULT_WAREHOUSE)


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    if not warehouse.exists():
        raise NoWarehouse(f"no warehouse at {warehouse}: build one first (`fiscal build FOLDER`, or `make demo`)")
    return duckdb.connect(str(warehouse), read_only=True)


def marts(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables BI users see: the marts and the audit, in schema main."""
    rows = connection.execute(
        "select table_name from duckdb_tables() where schema_name = 'main' and not internal order by 1"
    ).fetchall()
    return [name for (name,) in rows]


def column_labels(connection: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """English column name → Chinese header (seed column_labels)."""
    return dict(connection.execute("select column_name, label_zh from reference.column_labels").fetchall())


def table_comment(connection: duckdb.DuckDBPyConnection, table: str) -> str:
    row = connection.execute(
        "select comment from duckdb_tables() where schema_name = 'main' and table_name = ?", [table]
    ).fetchone()
    return (row[0] or "") if row else ""
