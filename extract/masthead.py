"""The masthead of a report: who published it, for which year, and which kind it is, read
from the report's own text."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .labels import nfkc

# "部门：辽宁省…局 2024 年度 金额单位：万元", "部门(单位)：…中心", "单位名称：…"
_UNIT_LINE = re.compile(
    r"(?<!金额)(?:编制)?(?:部门|单位)(?:\(单位\))?(?:名称)?\s*:\s*(?P<name>.+?)"
    r"(?:\s*(?:(?P<year>20\d{2})\s*年度?|年度))?\s*(?:金额单位\s*:.*|单位\s*:.*)?$"
)
# "第二部分 上海市普陀区财政局 2024 年度部门决算表", "第四部分 2023 年度…中心决算表",
# "西南大学2024年部门预算", "江苏省高级人民法院2017年度部门预算公开"
_HEADING = re.compile(
    r"^(?:第.部分)?\s*(?:(?P<year1>20\d{2})\s*年度?)?\s*(?P<name>[^\d\s].*?)\s*"
    r"(?:(?P<year2>20\d{2})\s*年度?|年度)?\s*(?:(?:部门|单位)?决算(?:表|报告)?|(?:部门|单位)预算(?:表|报告|公开)?)$"
)
_YEAR = re.compile(r"(20\d{2})\s*年度")
_YEAR_LOOSE = re.compile(r"(20\d{2})\s*年")
_BARE_YEAR = re.compile(r"^20\d{2}$")
_REJECT_NAMES = ("万元", "元", "")
_TABLE_WORDS = re.compile(r"收入|支出|经费|拨款")  # "一般公共预算财政拨款支出决算表": a table's title, no body's name
_NOT_A_NAME = re.compile(r"^(?:20\d{2})?(?:年度?)?$")  # "部门： 2024 年度": the name left blank


@dataclass(frozen=True)
class Masthead:
    entity_name: str | None
    fiscal_year: int | None
    kind: str  # 部门决算 or 单位决算


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", "", name)
    return name.strip(":：()（）")


def _from_heading(lines: list[str]) -> tuple[str | None, int | None]:
    """A heading naming the report; headings wrap, so single lines are tried before joins."""
    for width in (1, 2, 3):
        for n in range(len(lines) - width + 1):
            match = _HEADING.match("".join(lines[n : n + width]))
            name = _clean_name(match.group("name")) if match else ""
            if len(name) >= 4 and not _TABLE_WORDS.search(name):
                found = match.group("year1") or match.group("year2")
                if not found:
                    nearby = lines[max(0, n - 2) : n + width + 2]
                    found = next((line for line in nearby if _BARE_YEAR.match(line)), None)
                return name, int(found) if found else None
    return None, None


def read_masthead(lines: list[str]) -> Masthead:
    """Entity and year from the 部门：… line, else from the report's heading lines."""
    lines = [nfkc(line).strip() for line in lines if line.strip()]
    entity = year = None
    for line in lines:
        match = _UNIT_LINE.search(line)
        name = _clean_name(match.group("name")) if match else ""
        if name not in _REJECT_NAMES and not _NOT_A_NAME.match(name):
            entity = _clean_name(match.group("name"))
            year = int(match.group("year")) if match.group("year") else None
            break
    if entity is None:
        entity, year = _from_heading(lines)
    elif year is None:  # "部门：某局 单位：万元" names no year; the report's heading may
        year = _from_heading(lines)[1]
    if year is None:
        years = Counter(int(y) for line in lines for y in _YEAR.findall(line))
        # "2018年政府采购预算表": a table title's year before the narrative's (which recounts
        # earlier years too).
        titles = [line for line in lines if line.endswith("表")]
        years = years or Counter(int(y) for line in titles for y in _YEAR_LOOSE.findall(line))
        if not years:
            # Some producers print digits in another font, so "2024" lands on its own line.
            years = Counter(int(line) for line in lines if _BARE_YEAR.match(line))
        year = years.most_common(1)[0][0] if years else None
    text = "".join(lines[:80])
    kind = "单位决算" if "单位决算" in text and "部门决算" not in text else "部门决算"
    return Masthead(entity, year, kind)
