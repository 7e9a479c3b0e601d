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
    aliases: tuple[str, ...] = ()  # other names producers and years have used

    @property
    def titles(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)


KINDS = (
    TableKind("01", "收入支出决算总表", "summary", "t01_income_expenditure_summary", ("收支决算总表",)),
    TableKind("02", "收入决算表", "functional", "t02_income_by_function"),
    TableKind("03", "支出决算表", "functional", "t03_expenditure_by_function"),
    TableKind("04", "财政拨款收入支出决算总表", "summary", "t04_fiscal_appropriation_summary", ("财政拨款收支决算总表",)),
    TableKind("05", "一般公共预算财政拨款支出决算表", "functional", "t05_general_budget_expenditure"),
    TableKind("06", "一般公共预算财政拨款基本支出决算表", "economic", "t06_basic_expenditure_by_economic"),
    TableKind(
        "07", "财政拨款三公经费支出决算表", "three_public", "t07_three_public_costs",
        ("一般公共预算财政拨款三公经费支出决算表", "三公经费支出决算表"),
    ),
    TableKind("08", "政府性基金预算财政拨款收入支出决算表", "functional", "t08_government_fund", ("政府性基金预算财政拨款支出决算表",)),
    TableKind(
        "09", "国有资本经营预算财政拨款收入支出决算表", "functional", "t09_state_capital_expenditure",
        ("国有资本经营预算财政拨款支出决算表",),
    ),
)
KIND_BY_NUMBER = {kind.number: kind for kind in KINDS}

_LABEL = re.compile(r"[(（]?公开\s*(\d{1,2})\s*表[)）]?")
# A title may carry an enumeration (附表1、一、), a "…2024年度" prefix, a 部门/单位 word or a
# (续) mark; never a sentence around it.
_ENUMERATION = re.compile(r"^(附表|表)?[0-9一二三四五六七八九十]{0,3}[、.:]?")
_YEAR_PREFIX = re.compile(r"^.{0,40}?\d{4}年度?")
_OWNER_WORD = re.compile(r"^(部门|单位)")
_CONTINUED = re.compile(r"\(续表?\)$|续表$")


def label_number(text: str) -> str | None:
    """The NN of a 公开NN表 label in a line, if any."""
    match = _LABEL.search(normalize_label(text))
    return f"{int(match.group(1)):02d}" if match else None


def match_title(line: str) -> TableKind | None:
    """The table kind whose title this line is (a whole line, not a mention in prose)."""
    key = _LABEL.sub("", normalize_label(line))
    key = key.replace("（", "(").replace("）", ")")
    key = _CONTINUED.sub("", key).strip("()")
    candidates = {key, _ENUMERATION.sub("", key, count=1)}
    candidates |= {_YEAR_PREFIX.sub("", c, count=1) for c in candidates}
    candidates |= {_OWNER_WORD.sub("", c, count=1) for c in candidates}
    for kind in sorted(KINDS, key=lambda k: -max(len(t) for t in k.titles)):
        if candidates & set(kind.titles):
            return kind
    return None
