"""Shared fixtures: project paths, the real material in ../shared, and dbt builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
REAL_PDFS = SHARED / "real-pdfs"
SAMPLE_DATA = ROOT / "samples" / "data"
SAMPLE_PDFS = ROOT / "samples" / "pdfs"
DBT = Path(sys.executable).with_name("dbt")
PROJECT_FILES = ("dbt_project.yml", "models", "macros", "seeds", "tests", "profiles")


def requires_shared(path: Path):
    return pytest.mark.skipif(
        not path.exists(),
        reason=f"{path} is absent: the real reports live in ../shared beside the checkout (CI has it)",
    )


def run_extract(inputs: list[Path], raw_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extract", *map(str, inputs), "--out", str(raw_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def copy_project(destination: Path) -> Path:
    """A private copy of the dbt project, so a test may edit seeds or write its own target/."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("python"))
        else:
            shutil.copy2(source, destination / name)
    return destination


def dbt_build(project: Path, raw_dir: Path, database: Path) -> subprocess.CompletedProcess:
    env = dict(
        os.environ, FISCAL_RAW_DIR=str(raw_dir), FISCAL_DUCKDB=str(database), DBT_SEND_ANONYMOUS_USAGE_STATS="false"
    )
    return subprocess.run(
        [str(DBT), "build", "--project-dir", str(project), "--profiles-dir", str(project / "profiles")],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """The bundled samples extracted and built, as `make demo` does."""
    work = tmp_path_factory.mktemp("samples")
    raw = work / "raw"
    extracted = run_extract([SAMPLE_PDFS], raw)
    assert extracted.returncode == 0, extracted.stderr
    project = copy_project(work / "project")
    built = dbt_build(project, raw, work / "warehouse.duckdb")
    assert built.returncode == 0, built.stdout[-4000:]
    return work / "warehouse.duckdb"
