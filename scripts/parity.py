"""Did a change alter what the project produces? Snapshot a run, then diff two snapshots.

    .venv/bin/python scripts/parity.py snapshot OUT      # extract + build into OUT
    .venv/bin/python scripts/parity.py diff OLD NEW       # exit 1 and list what differs

A snapshot extracts the bundled samples, every real PDF in ../shared/real-pdfs (budget/
included: what fails must fail the same way) and the seed text dumps in ../shared/seeds,
builds the warehouse from them, and writes every raw CSV plus every table and view of the
warehouse's main schema, sorted, as CSV. Refactors must leave both byte for byte the same.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def inputs() -> list[Path]:
    found = [ROOT / "samples" / "pdfs"]
    found += [folder for folder in (SHARED / "real-pdfs", SHARED / "seeds") if folder.exists()]
    return found


def snapshot(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    raw = out / "raw"
    env = dict(os.environ, DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    subprocess.run([sys.executable, "-m", "extract", *map(str, inputs()), "--out", str(raw)], cwd=ROOT, env=env)
    database = out / "warehouse.duckdb"
    env |= {"FISCAL_RAW_DIR": str(raw), "FISCAL_DUCKDB": str(database)}
    dbt = Path(sys.executable).with_name("dbt")
    built = subprocess.run(
        [
            str(dbt),
            "build",
            "--project-dir",
            str(ROOT),
            "--profiles-dir",
            str(ROOT / "profiles"),
            "--target-path",
            str(out / "target"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    (out / "dbt_build.log").write_text(built.stdout[-20000:], encoding="utf-8")
    marts = out / "marts"
    marts.mkdir()
    with duckdb.connect(str(database), read_only=True) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables where table_schema = 'main' order by 1"
            ).fetchall()
        ]
        for name in names:
            if not name.startswith(("dim_", "fct_", "audit_")):
                continue
            connection.execute(f"copy (select * from {name} order by all) to '{marts / name}.csv' (header)")
    print(f"snapshot in {out}: dbt exit {built.returncode}, {len(list(marts.iterdir()))} marts")


def _outputs(snapshot_dir: Path, folder: str) -> set[Path]:
    """Every CSV of a snapshot folder but the run manifests (one per run: a log by design)."""
    files = {p.relative_to(snapshot_dir) for p in (snapshot_dir / folder).rglob("*.csv")}
    return {p for p in files if p.parts[:2] != ("raw", "manifests")}


def diff(old: Path, new: Path) -> int:
    differing: list[str] = []
    for folder in ("raw", "marts"):
        old_files, new_files = _outputs(old, folder), _outputs(new, folder)
        differing += [f"only in {old}: {p}" for p in sorted(old_files - new_files)]
        differing += [f"only in {new}: {p}" for p in sorted(new_files - old_files)]
        for path in sorted(old_files & new_files):
            if not filecmp.cmp(old / path, new / path, shallow=False):
                differing.append(f"differs: {path}")
    for line in differing:
        print(line)
    print(f"{len(differing)} differences")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("snapshot").add_argument("out", type=Path)
    compare = commands.add_parser("diff")
    compare.add_argument("old", type=Path)
    compare.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.out)
        return 0
    return diff(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
