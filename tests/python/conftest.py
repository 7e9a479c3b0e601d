"""Shared fixtures: project paths, the real material in ../shared, and dbt builds."""

from __future__ import annotations

import atexit
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from dbt.adapters.duckdb.connections import DuckDBConnectionManager
from dbt.cli.main import dbtRunner

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
REAL_PDFS = SHARED / "real-pdfs"
SAMPLE_DATA = ROOT / "samples" / "data"
SAMPLE_PDFS = ROOT / "samples" / "pdfs"
PROJECT_FILES = ("dbt_project.yml", "models", "macros", "seeds", "tests", "profiles")


def requires_shared(path: Path):
    return pytest.mark.skipif(
        not path.exists(),
        reason=f"{path} is absent: the real reports live in ../shared beside the checkout (CI has it)",
    )


# Every folder of PDFs here: the bundled samples and the real reports in ../shared.
EACH_PDF_FOLDER = pytest.mark.parametrize(
    "folder", [SAMPLE_PDFS, REAL_PDFS, REAL_PDFS / "budget"], ids=["samples", "real", "real-budget"]
)


def pdfs_in(folder: Path) -> list[Path]:
    """The PDFs of a folder; the test skips where the folder is absent."""
    pdfs = sorted(folder.glob("*.pdf"))
    if not pdfs:
        pytest.skip(f"{folder} is absent: the real reports live in ../shared beside the checkout (CI has it)")
    return pdfs


def run_extract(inputs: list[Path], raw_dir: Path, jobs: int = 1) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "extract", *map(str, inputs), "--out", str(raw_dir), "--jobs", str(jobs)],
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


@dataclass
class DbtResult:
    returncode: int
    stdout: str  # dbt's log lines, as the command line prints them


def dbt_build(
    project: Path,
    raw_dir: Path,
    database: Path,
    unit_tests: bool = False,
    select: str | None = None,
    dbt_vars: dict | None = None,
    data_tests: bool = True,
) -> DbtResult:
    """`dbt build` in this process (dbt starts once per test worker instead of once per build),
    with the project's environment variables set for the call only. dbt's unit tests check the
    SQL, not the data: the shared sample build runs them, the others need not repeat them. A
    test that reads a few models may build only those (select, dbt's node selection).

    dbt parses the whole project again whenever its profile changes, and the database's path
    is in the profile: so every build's database is a file of one name (WAREHOUSE_LINK, in a
    folder of the project's, the test's path a link to it), and the build starts from the
    last parse this worker made, which dbt only brings up to date (a third of a small
    build's time)."""
    home = _link_database(project, Path(database))
    _reuse_parse(project)
    env = {"FISCAL_RAW_DIR": str(raw_dir), "FISCAL_DUCKDB": WAREHOUSE_LINK, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    saved = {name: os.environ.get(name) for name in env}
    lines: list[str] = []
    os.environ.update(env)
    cwd = os.getcwd()
    os.chdir(home)
    try:
        runner = dbtRunner(callbacks=[lambda event: lines.append(event.info.msg)])
        result = runner.invoke(
            [
                "build",
                "--project-dir",
                str(project),
                "--profiles-dir",
                str(project / "profiles"),
                "--target-path",
                str(project / "target"),
                "--log-path",
                str(project / "logs"),
                *([] if unit_tests else ["--exclude-resource-type", "unit_test"]),
                *([] if data_tests else ["--exclude-resource-type", "test", "unit_test"]),
                *(["--select", select, "--indirect-selection", "cautious"] if select else []),
                *(["--vars", json.dumps(dbt_vars)] if dbt_vars else []),
                *("--log-level-file", "none", "--no-write-json"),  # a tenth of a build, read by no test
            ]
        )
    finally:
        DuckDBConnectionManager.close_all_connections()  # the tests open the file next
        os.chdir(cwd)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    _keep_parse(project)
    code = 0 if result.success else (1 if result.exception is None else 2)
    return DbtResult(code, "\n".join(lines))


WAREHOUSE_LINK = "warehouse.duckdb"
_PARSE = Path(tempfile.gettempdir()) / f"fiscal-test-parse-{os.getpid()}.msgpack"  # this worker's
atexit.register(_PARSE.unlink, missing_ok=True)


def _link_database(project: Path, database: Path) -> Path:
    """The folder, one per database, where `database` is a file named WAREHOUSE_LINK; the
    path the test gave becomes a link to it. (DuckDB names a database after its file, links
    resolved, so the file itself has to carry the one name.)"""
    home = project / "databases" / hashlib.sha256(str(database.absolute()).encode()).hexdigest()[:16]
    home.mkdir(parents=True, exist_ok=True)
    real = home / WAREHOUSE_LINK
    if database.exists() and not database.is_symlink():
        shutil.move(database, real)  # a database the test made (a copy to build on)
    if not database.is_symlink():
        database.parent.mkdir(parents=True, exist_ok=True)
        database.symlink_to(real)
    return home


def _reuse_parse(project: Path) -> None:
    saved = project / "target" / "partial_parse.msgpack"
    if _PARSE.exists() and not saved.exists():
        saved.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_PARSE, saved)


def _keep_parse(project: Path) -> None:
    saved = project / "target" / "partial_parse.msgpack"
    if saved.exists():
        shutil.copyfile(saved, _PARSE)


def built_once(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder built once per test session and shared by every test worker: the first worker
    to ask builds it under a lock, the others wait and reuse it. Treat it as read-only."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the workers of this session only
    folder, done = root / f"shared-{name}", root / f"shared-{name}.done"
    with open(root / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def sample_raw(tmp_path_factory) -> Path:
    """The bundled samples extracted once; copy it (copy_raw) before changing anything."""

    def extract(folder: Path) -> None:
        extracted = run_extract([SAMPLE_PDFS], folder / "raw", jobs=2)  # the other worker may be waiting
        assert extracted.returncode == 0, extracted.stderr

    return built_once(tmp_path_factory, "sample-raw", extract) / "raw"


def copy_raw(raw: Path, destination: Path) -> Path:
    shutil.copytree(raw, destination)
    return destination


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory, sample_raw) -> Path:
    """The bundled samples extracted and built, as `make demo` does."""

    def build(folder: Path) -> None:
        project = copy_project(folder / "project")
        built = dbt_build(project, sample_raw, folder / "warehouse.duckdb", unit_tests=True)
        assert built.returncode == 0, built.stdout[-4000:]

    return built_once(tmp_path_factory, "sample-warehouse", build) / "warehouse.duckdb"


def write_raw(reports, raw_dir: Path) -> Path:
    """Reports already extracted in this process, written as the extractor writes them."""
    from datetime import datetime, timezone

    from extract.writer import prepare_raw_dir, write_manifests, write_report

    prepare_raw_dir(raw_dir)
    entries = []
    for report in reports:
        write_report(raw_dir, report, str(report.source_path))
        entries.append({"source_path": str(report.source_path), "sha256": report.sha256, "status": "ok",
                        "reason": "; ".join(report.warnings), "report_id": report.report_id,
                        "file_format": "text" if report.source_path.suffix == ".txt" else "PDF"})  # fmt: skip
    write_manifests(raw_dir, entries, datetime.now(timezone.utc))
    return raw_dir
