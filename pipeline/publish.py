"""Where builds go and how one is published.

Every build is a file of its own in the folder ``<warehouse>.d/``; the published name
(``warehouse.duckdb``) is a symbolic link to the current build, switched atomically. DuckDB
resolves the link, so a client that has the warehouse open — read-only, or read-write with
unsaved changes in its WAL — keeps its own build file and its own WAL: nothing it does can
reach the next build. The current build and the one before it are kept; older builds and
leftovers of killed runs are removed at the next run. The last failed build is kept as
``failed.duckdb`` in the same folder, to look at.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

KEEP_BUILDS = 2
BUILDING = ".building"
FAILED = "failed.duckdb"


def builds_folder(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".d")


@contextmanager
def warehouse_lock(warehouse: Path, waiting_message) -> Iterator[None]:
    """One build at a time per warehouse; a second run waits."""
    folder = builds_folder(warehouse)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting_message()
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def remove_database(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


def new_build_path(warehouse: Path) -> Path:
    """The file to build into, named .building until it is published. One name for every
    build of a warehouse (builds take turns under the warehouse lock, and a killed one's file
    is swept first), so dbt's profile stays the same and its partial parsing holds."""
    return builds_folder(warehouse) / f"next.duckdb{BUILDING}"


def sweep(warehouse: Path) -> list[Path]:
    """Remove what killed runs left (files still named .building) and builds older than the
    ones kept. Called under the warehouse lock, so no other build is running."""
    folder = builds_folder(warehouse)
    removed = sorted(folder.glob(f"*{BUILDING}")) + sorted(folder.glob(f"*{BUILDING}.wal"))
    current = Path(os.readlink(warehouse)).name if warehouse.is_symlink() else None
    builds = sorted((b for b in folder.glob("*.duckdb") if b.name != FAILED), key=lambda p: p.name)
    keep = {b.name for b in builds[-KEEP_BUILDS:]} | {current}
    removed += [b for b in builds if b.name not in keep]
    for path in removed:
        remove_database(path)
    return removed


def keep_failed(building: Path) -> Path:
    """The failed build, kept (the last one only) for a person to look at."""
    failed = building.parent / FAILED
    remove_database(failed)
    os.replace(building, failed)
    (building.with_name(building.name + ".wal")).unlink(missing_ok=True)
    return failed


def publish(building: Path, warehouse: Path) -> Path:
    """Name the tested build and point the warehouse link at it, atomically."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    built = building.with_name(f"{stamp}-{os.getpid()}.duckdb")
    os.replace(building, built)
    link = warehouse.with_name(f".{warehouse.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(built, warehouse.parent), link)
    os.replace(link, warehouse)
    return built
