"""The masthead of a report: who published it, for which year, and which kind it is, read
from the report's own text."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .labels import nfkc

# "部门：辽宁省…局 2024 年度 金额单位：万元", "部门(单位)：…中心", "单位名称：…", "预算单位：…" — a
# label opening its line or cell (not 度量单位: in an indicator, nor 金额单位:)
_UNIT_LINE = re.compile(
    r"(?:^|(?<=[\s(]))(?:编制|预算|填报)?(?:部门|单位)(?:\(单位\))?(?:名称)?\s*:\s*(?P<name>.+?)"
    r"(?:\s*(?:(?P<year>20\d{2})\s*年度?|年度))?\s*(?:金额单位\s*:.*|单位\s*:.*)?$"
)
# "第二部分 上海市普陀区财政局 2024 年度部门决算表", "第四部分 2023 年度…中心决算表",
# "西南大学2024年部门预算", "江苏省高级人民法院2017年度部门预算公开"
_HEADING = re.compile(
    r"^(?:第.部分)?\s*(?:(?P<year1>20\d{2})\s*年度?)?\s*(?P<name>[^\d\s].*?)\s*"
    r"(?:(?P<year2>20\d{2})\s*年度?|年度)?\s*(?:(?:部门|单位)?决算(?:表|报告)?|(?:部门|单位)预算(?:表|报告|公开)?)$"
)
# "部门名称 北京市公安局": the name in the cell beside its label (a 绩效目标表's header), no colon
_NAME_CELL = re.compile(r"(?:部门|单位)名称\s+(?P<name>[^\s:：]{4,40})")
_PUNCTUATION = re.compile(r"[,。;:“”、]")  # a sentence of the body, run into a heading's words
_NAME_LIMIT = 40
# how the name of a body ends (…局, …委员会, …中心, …学校, …(本级)): a heading's words that end
# otherwise (项目测试及决算, 被审计单位预算) are a table's cells, not the report's heading
_BODY_END = re.compile(
    r"[局委厅办院会心站所队部处室馆校学场社团司署府庭园台组区库联宫级关科股军狱厂店盟协镇乡街村县市省)）]$"
)
# a line that may begin a wrapped name: words only, no heading of its own (目录, 第二部分, 2026年度)
_NAME_START = re.compile(r"[\u4e00-\u9fff()（）]{2,24}")
_NOT_NAME_START = re.compile(r"目录|部分|年度|预算|决算|报告")
_YEAR = re.compile(r"(20\d{2})\s*\(?年度")  # 2026年度, and 2026(年度) as one producer prints it
_YEAR_LOOSE = re.compile(r"(20\d{2})\s*年")
_BARE_YEAR = re.compile(r"^20\d{2}$")
# a cover's year on a line of its own beside the heading: 2026, 2026年, 2026年度
_YEAR_LINE = re.compile(r"^(20\d{2})\s*(?:年度?)?$")
# the year a report names itself by: 2026年部门预算, 2024年度部门决算 (a title, the contents,
# a heading), where prose recounts other years (2024-2025年度信息化运维项目)
_REPORT_YEAR = re.compile(r"(?<![\d-])(20\d{2})\s*年度?\s*(?:部门|单位)(?:预算|决算)")
# "（2026年度）" on a line of its own, under a form's title: a label, where prose recounts other years
_YEAR_LABEL = re.compile(r"^\(?(20\d{2})\s*\(?年度\)?\)?$")
_REJECT_NAMES = ("万元", "元", "")
# "一般公共预算财政拨款支出决算表" is a table's title, "成本指标…决算" a cell: no body's name
_TABLE_WORDS = re.compile(r"收入|支出|经费|拨款|指标")
_NOT_A_NAME = re.compile(r"^(?:20\d{2})?(?:年度?)?$")  # "部门： 2024 年度": the name left blank


@dataclass(frozen=True)
class Masthead:
    entity_name: str | None
    fiscal_year: int | None
    kind: str  # 部门决算 or 单位决算


def _clean_name(name: str) -> str:
    """Without spaces, colons and the brackets the label put round it; a name's own bracketed
    part (…办公室（本级）) is kept whole."""
    name = re.sub(r"\s+", "", name).strip(":：")
    while name[:1] in "(（" and name.count("(") + name.count("（") > name.count(")") + name.count("）"):
        name = name[1:]
    while name[-1:] in ")）" and name.count(")") + name.count("）") > name.count("(") + name.count("（"):
        name = name[:-1]
    if name[:1] in "(（" and name[-1:] in ")）":  # (上海市某局): the whole name bracketed
        name = name[1:-1]
    return name


def _heading_name(text: str) -> tuple[str, re.Match | None]:
    match = _HEADING.match(text)
    name = _clean_name(match.group("name")) if match else ""
    plausible = _BODY_END.search(name) and not _TABLE_WORDS.search(name) and not _PUNCTUATION.search(name)
    if 4 <= len(name) <= _NAME_LIMIT and plausible:
        return name, match
    return "", None


def _from_heading(lines: list[str]) -> tuple[str | None, int | None]:
    """A heading naming the report; headings wrap, so single lines are tried before joins, and
    a name found is joined to the line above it where that line starts it (泉州市市场监管综合监测
    / 与技术保障中心 / 单位预算)."""
    for width in (1, 2, 3):
        for n in range(len(lines) - width + 1):
            name, match = _heading_name("".join(lines[n : n + width]))
            if not match:
                continue
            while (
                n > 0 and width < 4 and _NAME_START.fullmatch(lines[n - 1]) and not _NOT_NAME_START.search(lines[n - 1])
            ):
                longer, wider = _heading_name("".join(lines[n - 1 : n + width]))
                if not (wider and longer.endswith(name) and len(longer) > len(name)):
                    break
                name, match, n, width = longer, wider, n - 1, width + 1
            found = match.group("year1") or match.group("year2")
            if not found:
                nearby = lines[max(0, n - 2) : n + width + 2]
                found = next((match[1] for line in nearby if (match := _YEAR_LINE.match(line))), None)
            return name, int(found) if found else None
    return None, None


def _from_name_cell(lines: list[str]) -> str | None:
    for line in lines:
        match = _NAME_CELL.search(line)
        if match and not _TABLE_WORDS.search(match.group("name")):
            return _clean_name(match.group("name"))
    return None


def _unit_line(line: str) -> tuple[str, int | None] | None:
    """The name and year a 部门：… line prints, or None where the line is no such label or
    leaves the name blank."""
    match = _UNIT_LINE.search(line)
    name = _clean_name(match.group("name")) if match else ""
    if name in _REJECT_NAMES or _NOT_A_NAME.match(name):
        return None
    return name, int(match.group("year")) if match.group("year") else None


def _is_body_name(name: str) -> bool:
    """A name as a body's, not a label's remains (万元)绩效目标) nor a heading's scope with its
    year (上海市2026年市级)."""
    return (
        3 <= len(name) <= _NAME_LIMIT
        and bool(_BODY_END.search(name))
        and not _TABLE_WORDS.search(name)
        and not _PUNCTUATION.search(name)
        and not re.search(r"20\d{2}", name)
    )


def printed_names(lines: list[tuple[int | None, str]]) -> list[dict]:
    """Every place a report prints its publisher's name, once per page, place and name: each
    table's 部门：… line (place unit_line) and each line that is a heading naming the report
    (封面, 第二部分 某局2024年度部门决算表: place heading). Wrapped headings are the masthead's to
    join; a name printed on one line is what a reader compares."""
    found: dict[tuple, None] = {}  # in order of printing, each once
    for page, raw in lines:
        line = nfkc(raw).strip()
        unit = _unit_line(line)
        place, name = ("unit_line", unit[0]) if unit else ("heading", _heading_name(line)[0])
        if _is_body_name(name):
            found[(page, place, name)] = None
    return [
        {"page": page, "row_no": n, "place": place, "name": name}
        for n, (page, place, name) in enumerate(found, start=1)
    ]


def read_masthead(lines: list[str]) -> Masthead:
    """Entity and year from the 部门：… line, else from the report's heading lines, else from a
    部门名称 cell. A year no line or heading names is the one printed most as a label of its
    own ((2026年度)), else as a 年度."""
    lines = [nfkc(line).strip() for line in lines if line.strip()]
    entity = year = None
    for line in lines:
        unit = _unit_line(line)
        if unit:
            entity, year = unit
            break
    if entity is None:
        entity, year = _from_heading(lines)
        entity = entity or _from_name_cell(lines)
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
        labelled = Counter(int(y) for line in lines for y in _YEAR_LABEL.findall(line))
        named = Counter(int(y) for line in lines for y in _REPORT_YEAR.findall(line))
        years = labelled or named or years
        year = years.most_common(1)[0][0] if years else None
    text = "".join(lines[:80])
    kind = "单位决算" if "单位决算" in text and "部门决算" not in text else "部门决算"
    return Masthead(entity, year, kind)
