"""The coverage scoreboard over a folder of real reports (default ../shared/real-pdfs, the
corpus included): extract and build them into a warehouse of its own, then print what
`fiscal coverage` says — per report what was read, and the shares.

    .venv/bin/python scripts/scoreboard.py [FOLDER ...] [--work DIR] [--reports]

Run it from a script, not inside `make test`: the whole corpus takes minutes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.coverage import coverage_lines  # noqa: E402

SHARED = ROOT.parent / "shared" / "real-pdfs"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[SHARED])
    parser.add_argument("--work", type=Path, default=ROOT / "data" / "scoreboard", help="raw folder and warehouse")
    parser.add_argument("--reports", action="store_true", help="a line for every report")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    missing = [folder for folder in args.folders if not folder.exists()]
    if missing:
        print(f"scoreboard: no folder {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    args.work.mkdir(parents=True, exist_ok=True)
    warehouse = args.work / "warehouse.duckdb"
    built = subprocess.run(
        [sys.executable, "-m", "pipeline.build", *map(str, args.folders), "--raw-dir", str(args.work / "raw"),
         "--warehouse", str(warehouse), "--log", str(args.work / "runs.jsonl"), "--jobs", str(args.jobs)],
        cwd=ROOT, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    print(built.stderr[built.stderr.rfind("Inputs: ") :], file=sys.stderr)
    if not warehouse.exists():
        print(f"scoreboard: nothing published (exit {built.returncode})", file=sys.stderr)
        return 2
    print("\n".join(coverage_lines(warehouse, reports=args.reports)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
