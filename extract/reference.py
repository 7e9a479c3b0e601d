"""Reference lists shared with the warehouse: the seeds of the dbt project (official code
lists, the 01/04 line keys), read once."""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from .labels import normalize_label


def _seeds_folder() -> Path:
    """The dbt project's seeds/ folder: installed as the package data fiscal_seeds (a folder
    of CSV files, not a Python package, so it is found by its search path)."""
    spec = find_spec("fiscal_seeds")
    folders = [Path(entry) for entry in (spec.submodule_search_locations or []) if Path(entry).is_dir()] if spec else []
    if not folders:
        raise RuntimeError("the seeds (fiscal_seeds) are not installed with the extractor: reinstall the project")
    return folders[0]


SEEDS = _seeds_folder()
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+[、.]")


@cache
def _seed(name: str) -> tuple[dict, ...]:
    with open(SEEDS / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def economic_code_for(digits: str, name: str) -> str:
    """A 5-digit economic code; a code cut short by the dump ('3990') is completed from the
    official list by its name."""
    if len(digits) in (3, 5):
        return digits
    key = normalize_label(name)
    for row in _seed("economic_codes"):
        code = row["economic_code"]
        if code.startswith(digits) and len(code) == 5 and key and normalize_label(row["name"]).startswith(key):
            return code
    return digits


def functional_class_code(label: str) -> str | None:
    """The 类 code an expenditure line of 01/04 names ('八、社会保障和就业支出' → 208)."""
    key = _ORDINAL.sub("", normalize_label(label))
    return next(
        (row["functional_code"] for row in _seed("functional_codes") if row["level"] == "1" and row["name"] == key),
        None,
    )


_LEVEL_MARK = re.compile(r"[(（][类款项][)）]$")


def _name_key(name: str) -> str:
    return _LEVEL_MARK.sub("", _ORDINAL.sub("", normalize_label(name)))


@cache
def _functional_children() -> dict[str, dict[str, str]]:
    """Parent code ('' for the 类) → its children's names → their codes (seed functional_codes)."""
    children: dict[str, dict[str, str]] = {}
    for row in _seed("functional_codes"):
        children.setdefault(row["parent_code"] or "", {}).setdefault(_name_key(row["name"]), row["functional_code"])
    return children


def functional_codes_by_name(names: list[str]) -> list[str]:
    """The codes of a functional table printed with names only, in print order: each name is a
    项 of the 款 above it, else a 款 of the 类 above it, else a 类 ('' where none fits, and for
    the 合计 line): the code list's hierarchy read down the rows."""
    children = _functional_children()
    klass = section = ""
    codes = []
    for name in names:
        key = _name_key(name)
        code = (section and children.get(section, {}).get(key)) or ""
        if not code and klass:
            code = children.get(klass, {}).get(key, "")
            section = code or section
        if not code:
            code = children[""].get(key, "")
            klass, section = (code, "") if code else (klass, section)
        codes.append(code)
    return codes


def summary_line_key(side: str, label: str) -> str | None:
    """What a 01/04 line is, by the same patterns as seed summary_line_keys."""
    key = _ORDINAL.sub("", normalize_label(label))
    if key.startswith("其中"):  # part of the line above it (其中：捐赠收入), never a sibling to add up
        return "of_which"
    matches = [row for row in _seed("summary_line_keys") if row["side"] == side and row["pattern"] in key]
    if matches:
        return min(matches, key=lambda row: int(row["priority"]))["line_key"]
    if side == "expenditure" and functional_class_code(label):
        return "class"
    return None


def table_ties() -> tuple[dict, ...]:
    """Seed table_ties: each detail table's 合计 against a 01/04 line (and, where marked, its
    class rows against the class lines), as the warehouse checks them."""
    return _seed("table_ties")


def personnel_classes() -> frozenset[str]:
    """Economic classes whose spending is 人员经费 (seed economic_class_groups); every other
    class is 公用经费."""
    return frozenset(
        row["economic_class"] for row in _seed("economic_class_groups") if row["expense_group"] == "personnel"
    )
