"""Contracts between the extractor and the warehouse: facts both sides hold must agree.

The registry (extract/schema.py) is the one declaration of every raw family and column; the
dbt project reads those files. These tests fail when one side changes without the other.
"""

from __future__ import annotations

import ast
import csv
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from extract.masthead import Masthead
from extract.model import ExtractedReport
from extract.schema import ALL_KINDS, KINDS, MANIFEST_COLUMNS, PRINTED_KINDS, raw_families
from extract.writer import UndeclaredColumns, write_report

STAGING = ROOT / "models" / "staging"


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _declared_families() -> dict[str, tuple[str, ...]]:
    return raw_families() | {"manifest": MANIFEST_COLUMNS}


def test_every_raw_family_is_a_source_with_the_declared_columns():
    (source,) = _yaml(STAGING / "_sources.yml")["sources"]
    tables = {table["name"]: [column["name"] for column in table["columns"]] for table in source["tables"]}
    assert tables == {family: list(columns) for family, columns in _declared_families().items()}


# the typing macros that stand for raw columns in staging SQL (macros/typing.sql)
COLUMN_MACROS = {
    "{{ provenance_columns() }}": "report_id, source_file, page, row_no",
    "{{ placement_columns() }}": "placement, placement_candidates, printed_cells",
}


def _staging_sql() -> dict[str, str]:
    """Each staging model's SQL by the raw source it reads."""
    found = {}
    for path in STAGING.glob("stg_*.sql"):
        text = path.read_text(encoding="utf-8")
        (source,) = re.findall(r"(?:source\('raw', |raw_family\()'(\w+)'\)", text)
        for macro, columns in COLUMN_MACROS.items():
            text = text.replace(macro, columns)
        found[source] = text
    return found


def test_every_written_column_is_read_by_its_staging_model():
    staging = _staging_sql()
    unread = {
        family: [column for column in columns if not re.search(rf"\b{column}\b", staging[family])]
        for family, columns in _declared_families().items()
    }
    assert {family: columns for family, columns in unread.items() if columns} == {}


def test_every_declared_kind_has_its_chinese_label_in_the_seed():
    with open(ROOT / "seeds" / "code_labels.csv", encoding="utf-8", newline="") as handle:
        labels = {row["code"]: row["label_zh"] for row in csv.DictReader(handle) if row["code_set"] == "table_kind"}
    declared = {kind.number: kind.title for kind in (*ALL_KINDS, *PRINTED_KINDS)}
    assert labels == declared


def test_row_totals_are_the_same_in_the_registry_and_in_the_warehouse():
    registry = {
        kind.number: {"total": kind.row_total[0], "parts": list(kind.row_total[1])} for kind in KINDS if kind.row_total
    }
    project = _yaml(ROOT / "dbt_project.yml")["vars"]["row_totals"]
    assert {number: {"total": v["total"], "parts": v["parts"]} for number, v in project.items()} == registry
    generic_tests = {}
    for model in _yaml(ROOT / "models" / "marts" / "_models.yml")["models"]:
        for test in model.get("data_tests", []):
            if isinstance(test, dict) and "row_total_matches_columns" in test:
                arguments = test["row_total_matches_columns"]["arguments"]
                generic_tests[arguments["table_number"]] = {"total": arguments["total"], "parts": arguments["parts"]}
                assert project[arguments["table_number"]]["model"] == model["name"]
    assert generic_tests == registry


def _imports(package: Path) -> set[str]:
    """Every module a package's files import, relative imports resolved against extract."""
    found = set()
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = "extract." + package.name if node.level == 1 else "extract" if node.level == 2 else ""
                found.add(f"{base}.{node.module}" if base and node.module else node.module or base)
            elif isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
    return found


@pytest.mark.parametrize(("reader", "other"), [("pdf", "textdump"), ("textdump", "pdf")])
def test_the_two_readers_do_not_import_each_other(reader, other):
    imported = _imports(ROOT / "extract" / reader)
    assert not [name for name in imported if name.startswith(f"extract.{other}")]


def test_writer_refuses_a_row_with_a_column_its_family_does_not_declare(tmp_path):
    source = tmp_path / "report.pdf"
    source.write_bytes(b"%PDF")
    report = ExtractedReport("r1", source, "0" * 64, Masthead("某局", 2024, "部门决算"), page_count=1)
    kind = KINDS[2]  # 03
    row = dict.fromkeys(kind.raw_columns, "")
    del row["report_id"], row["source_file"]
    report.rows[kind.number] = [row | {"projcet": "1.00"}]  # a misspelt column
    with pytest.raises(UndeclaredColumns, match="projcet"):
        write_report(tmp_path / "raw", report, str(source))
    report.rows[kind.number] = [row]
    write_report(tmp_path / "raw", report, str(source))
    assert (
        (tmp_path / "raw" / kind.raw_name / "r1.csv").read_text(encoding="utf-8").startswith(",".join(kind.raw_columns))
    )


def test_the_seeds_ship_with_the_extractor(tmp_path):
    """The extractor reads the dbt seeds; a non-editable install must carry them."""
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"fiscal_seeds/{seed.name}" for seed in (ROOT / "seeds").glob("*.csv")} <= names
    assert "extract/textdump/placement.py" in names and "extract/pdf/reader.py" in names
