"""The nine standard tables of a 部门决算 report and how their titles are recognised."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import normalize_label


@dataclass(frozen=True)
class TableKind:
    number: str  # "01" … "09", the 公开NN表 label
    title: str
    family: str  # which parser reads it
    raw_name: str  # raw CSV family folder


KINDS = (
    TableKind("01", "收入支出决算总表", "summary", "t01_income_expenditure_summary"),
    TableKind("02", "收入决算表", "functional", "t02_income_by_function"),
    TableKind("03", "支出决算表", "functional", "t03_expenditure_by_function"),
    TableKind("04", "财政拨款收入支出决算总表", "summary", "t04_fiscal_appropriation_summary"),
    TableKind("05", "一般公共预算财政拨款支出决算表", "functional", "t05_general_budget_expenditure"),
    TableKind("06", "一般公共预算财政拨款基本支出决算表", "economic", "t06_basic_expenditure_by_economic"),
    TableKind("07", "财政拨款三公经费支出决算表", "three_public", "t07_three_public_costs"),
    TableKind("08", "政府性基金预算财政拨款收入支出决算表", "functional", "t08_government_fund"),
    TableKind("09", "国有资本经营预算财政拨款收入支出决算表", "functional", "t09_state_capital_expenditure"),
)
KIND_BY_NUMBER = {kind.number: kind for kind in KINDS}

_LABEL = re.compile(r"[(（]?公开\s*(\d{1,2})\s*表[)）]?")
# A title may carry the year or a 部门/单位 prefix word, never a sentence around it.
_TITLE_DECORATION = re.compile(r"^(\d{4}年度?)?(部门|单位)?")


def label_number(text: str) -> str | None:
    """The NN of a 公开NN表 label in a line, if any."""
    match = _LABEL.search(normalize_label(text))
    return f"{int(match.group(1)):02d}" if match else None


def match_title(line: str) -> TableKind | None:
    """The table kind whose title this line is (a whole line, not a mention in prose)."""
    key = _LABEL.sub("", normalize_label(line))
    key = key.replace("（", "(").replace("）", ")").strip("()")
    key = _TITLE_DECORATION.sub("", key, count=1)
    for kind in sorted(KINDS, key=lambda k: -len(k.title)):
        if key == kind.title:
            return kind
    return None
