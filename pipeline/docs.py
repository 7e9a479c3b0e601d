"""fiscal docs: the dbt documentation site of the published warehouse — every model and
column with its description — generated from a copy of the warehouse (the published file is
never opened for writing) and served on localhost."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .build import PROJECT_DIR
from .warehouse import NoWarehouse


def generate_docs(warehouse: Path, raw_dir: Path, target: Path, project_dir: Path = PROJECT_DIR) -> Path:
    """dbt docs generate into target; returns its index.html."""
    if not warehouse.exists():
        raise NoWarehouse(f"no warehouse at {warehouse}: build one first (`fiscal build FOLDER`, or `make demo`)")
    target.mkdir(parents=True, exist_ok=True)
    snapshot = target / "docs.duckdb"
    shutil.copyfile(warehouse.resolve(), snapshot)
    completed = subprocess.run(
        _dbt("docs", "generate", project_dir, target),
        env=_environment(snapshot, raw_dir),
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"dbt docs generate failed:\n{completed.stdout[-3000:]}")
    return target / "index.html"


def serve_docs(warehouse: Path, raw_dir: Path, target: Path, port: int, project_dir: Path = PROJECT_DIR) -> int:
    command = [*_dbt("docs", "serve", project_dir, target), "--port", str(port), "--host", "127.0.0.1", "--no-browser"]
    server = subprocess.Popen(command, env=_environment(target / "docs.duckdb", raw_dir))
    try:
        return server.wait()
    except KeyboardInterrupt:  # Ctrl-C reaches dbt too (one process group): wait for it, no traceback
        server.wait()
        print("stopped", file=sys.stderr)
        return 0


def _dbt(command: str, action: str, project_dir: Path, target: Path) -> list[str]:
    return [
        str(Path(sys.executable).with_name("dbt")), command, action,
        "--project-dir", str(project_dir), "--profiles-dir", str(project_dir / "profiles"),
        "--target-path", str(target), "--log-path", str(target / "logs"),
    ]  # fmt: skip


def _environment(database: Path, raw_dir: Path) -> dict[str, str]:
    return dict(
        os.environ,
        FISCAL_DUCKDB=str(database),
        FISCAL_RAW_DIR=str(raw_dir.resolve()),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
