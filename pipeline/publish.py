"""Where builds go and how one is published.

Every build is a folder of its own in ``<warehouse>.d/`` holding one file named as the
warehouse (``warehouse.duckdb.d/20261207T…-123/warehouse.duckdb``); the published name
(``warehouse.duckdb``) is a symbolic link to the current build's file, switched atomically.
DuckDB resolves the link and names the catalog after the file, so every build is the catalog
``warehouse`` (the name the user gave): qualified SQL and saved BI datasets survive a rebuild.
A client that has the warehouse open — read-only, or read-write with unsaved changes in its
WAL — keeps its own build's file and WAL, in that build's folder: nothing it does can reach
the next build. The current build and the one before it are kept; older builds and leftovers
of killed runs are removed at the next run. The last failed build is kept in ``failed/``.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

KEEP_BUILDS = 2
BUILDING = ".building"
NEXT = "next.building"  # the folder a build is made in
FAILED = "failed"
LEGACY_FAILED = "failed.duckdb"  # a failed build as builds before one folder per build kept it


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
    """The file to build into, in a folder named .building until it is published. One path for
    every build of a warehouse (builds take turns under the warehouse lock, and a killed one's
    folder is swept first), so dbt's profile stays the same and its partial parsing holds."""
    return builds_folder(warehouse) / NEXT / warehouse.name


def dbt_target(building: Path) -> Path:
    """dbt's target folder for a build: beside the builds, never published with one."""
    return building.parent.parent / "target"


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        remove_database(path)


def _current_build(warehouse: Path) -> str | None:
    """The name, in the builds folder, of the build the warehouse link points to."""
    if not warehouse.is_symlink():
        return None
    target = Path(os.path.normpath(warehouse.parent / os.readlink(warehouse)))
    folder = builds_folder(warehouse)
    return target.parent.name if target.parent != folder else target.name


def _builds(folder: Path) -> list[Path]:
    """Published builds, oldest first: folders (and files, as earlier versions made them)."""
    named = [path for path in folder.iterdir() if path.name[:1].isdigit()]
    return sorted((path for path in named if path.is_dir() or path.suffix == ".duckdb"), key=lambda p: p.name)


def sweep(warehouse: Path) -> list[Path]:
    """Remove what killed runs left (still named .building) and builds older than the ones
    kept. Called under the warehouse lock, so no other build is running."""
    folder = builds_folder(warehouse)
    removed = sorted(folder.glob(f"*{BUILDING}")) + sorted(folder.glob(f"*{BUILDING}.wal"))
    builds = _builds(folder)
    keep = {b.name for b in builds[-KEEP_BUILDS:]} | {_current_build(warehouse)}
    removed += [b for b in builds if b.name not in keep]
    for path in removed:
        _remove(path)
    return removed


def keep_failed(building: Path) -> Path:
    """The failed build, kept (the last one only) for a person to look at."""
    folder = building.parent.parent
    for earlier in (folder / FAILED, folder / LEGACY_FAILED):
        _remove(earlier)
    remove_database(building.with_name(building.name + ".wal"))
    os.replace(building.parent, folder / FAILED)
    return folder / FAILED / building.name


def publish(building: Path, warehouse: Path) -> Path:
    """Name the tested build's folder and point the warehouse link at its file, atomically."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    built_folder = building.parent.with_name(f"{stamp}-{os.getpid()}")
    os.replace(building.parent, built_folder)
    built = built_folder / building.name
    link = warehouse.with_name(f".{warehouse.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(built, warehouse.parent), link)
    os.replace(link, warehouse)
    return built
