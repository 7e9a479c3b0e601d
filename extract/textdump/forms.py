"""Evaluation forms from a text dump in row layout: one printed row per line, wrapped cells
on extra lines, blank cells gone.

An indicator record is closed by its tail of figures (运算符号 指标值 度量单位 完成值 完成程度
分值 得分, or a qualitative 完成值 text then 完成程度 分值 得分). The words before it are the 一级,
二级 and 三级 names, told apart by the indicator vocabulary of these forms; lines after a
record that missed its target are its deviation reason and improvement measure.
"""

from __future__ import annotations

import json
import re

from ..model import Evaluation

_QUANTITATIVE_TAIL = re.compile(
    r"(?P<operator>>=|<=|=|>|<|≥|≤)\s+(?P<target>\S+)\s+(?P<unit>\S+)\s+(?P<actual>-?[\d.]+%?)\s+"
    r"(?P<completion>[\d.]+%?)\s+(?P<weight>[\d.]+)\s+(?P<score>[\d.]+)(?P<mark>\s+√)?$"
)
_SCORE_TAIL = re.compile(r"(?P<completion>[\d.]+%?)\s+(?P<weight>[\d.]+)\s+(?P<score>[\d.]+)(?P<mark>\s+√)?$")
_QUALITATIVE_RESULT = re.compile(r"(全部或基本达成|部分达成|未达成).*$")
_PROSE_START = re.compile(r"^(经费保障|制度保障|人员保障|硬件条件保障|硬件保障|其他)\s*[:：]")
_PROSE_MARKS = "，。；、,;"
_TASK = re.compile(
    r"^(?P<name>.+?)\s+(?P<allocated>[\d.]+)\s+(?P<executed>[\d.]+)\s+(?P<rate>[\d.]+%)\s+(?P<weight>[\d.]+)\s+(?P<score>[\d.]+)$"
)
_FOOTER = re.compile(
    r"指标自评得分小计\s*(?P<subtotal>[\d.]*)\s*预算执行率得分\s*(?P<execution>[\d.]+)\s*减分项\s*(?P<deduction>[\d.]+)"
    r"\s*绩效自评总得分\s*(?P<total>[\d.]+)"
)
_MONEY = re.compile(
    r"项目预算金额（万元）\s*(?P<budget>[\d.]+)\s*全年执行数(?:（万元）)?\s*(?P<executed>[\d.]+)\s*执行率\s*(?P<rate>[\d.]+%)"
)
_DISPLACED_MONEY = re.compile(r"^(?P<budget>[\d.]+)\s+(?P<executed>[\d.]+)\s+(?P<rate>[\d.]+%)$")
_GOAL_HEADINGS = re.compile(
    r"^(年度总体目标|年度目标|年度总体|年度|目标|年初总体目标|年初设定目标|全年完成情况|全年实际完成情况)(\s|$)"
)
_ENUMERATION = re.compile(r"^(（[一二三四五六七八九十]）|[一二三四五六七八九十]、|\d+[.、])")

LEVEL1 = (
    "产出指标",
    "效益指标",
    "满意度指标",
    "成本指标",
    "履职效能",
    "预算执行",
    "管理效率",
    "运行成本",
    "社会效应",
    "可持续性",
)
LEVEL2 = (
    "社会公众满意度指标",
    "服务对象满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "社会效益指标",
    "经济效益指标",
    "生态效益指标",
    "可持续影响指标",
    "重点工作履行情况",
    "整体工作完成情况",
    "基础管理",
    "预算执行效率",
    "预算编制管理",
    "预算监督管理",
    "预算收支管理",
    "财务管理",
    "资产管理",
    "业务管理",
    "成本控制成效",
    "政治效益",
    "社会效益",
    "经济效益",
    "服务对象满意度",
    "社会公众满意度",
    "体制机制改革",
    "创新驱动发展",
    "可持续影响",
)
# Qualitative targets (指标值/内容) printed before the result text.
TARGET_WORDS = (
    "管理规范",
    "全部公开",
    "制度有效",
    "维护稳定",
    "促进",
    "建立内控",
    "有所提升",
    "逐步完成",
    "完成指标",
    "群众满意",
    "满意",
    "流程规范",
    "完善制度",
    "长久",
    "稳定",
    "可持续",
    "过程规范",
    "持续发展",
    "平稳运行",
    "有所提高",
    "国家标准",
    "完成",
    "符合标准",
    "受益群体",
    "考试群体",
    "服务对象",
    "履行职责",
    "节约开支",
    "不断提高",
    "监督完善",
    "符合",
    "有的提升",
    "百分百",
    "提升",
)


def _strip_prefix(text: str, vocabulary: tuple[str, ...]) -> tuple[str | None, str]:
    for word in sorted(vocabulary, key=len, reverse=True):
        if text.startswith(word):
            return word, text[len(word) :]
    return None, text


def _split_names(names: str, carried: dict[str, str]) -> str:
    """Take 一级/二级 names off the front of the record's words; the rest is the 三级 name."""
    level1, after1 = _strip_prefix(names, LEVEL1)
    level2, after2 = _strip_prefix(after1 if level1 else names, LEVEL2)
    # A new 一级 always comes with a new 二级, except cost indicators that print none.
    if level1 and ((level2 and after2) or (level1 == "成本指标" and after1)):
        carried["level1"], carried["level2"] = level1, level2 or ""
        return after2 if level2 else after1
    if level2 and after2:
        carried["level2"] = level2
        return after2
    return names


def _split_prose(lines: list[str]) -> tuple[str, str]:
    """Deviation reason, then improvement measure (it starts with its 保障 category)."""
    reason: list[str] = []
    measure: list[str] = []
    current = reason
    for line in lines:
        if _PROSE_START.match(line) and reason:
            current = measure
        current.append(line)
    return "".join(reason), "".join(measure)


def _closing_tail(buffer: list[str], line: str) -> re.Match | None:
    quantitative = _QUANTITATIVE_TAIL.search(line)
    if quantitative:
        return quantitative
    score = _SCORE_TAIL.search(line)
    if score:
        words = re.sub(r"\s+", "", "".join(buffer) + line[: score.start()])
        if _QUALITATIVE_RESULT.search(words):
            return score
    return None


def _is_prose(line: str, prose: list[str], buffer: list[str]) -> bool:
    """A line that continues the deviation reason or improvement measure of the open record."""
    is_name = any(line.startswith(word) for word in LEVEL1 + LEVEL2)
    continues = prose and not prose[-1].endswith(("。", "；")) and not is_name and not buffer
    return bool(_PROSE_START.match(line) or any(mark in line for mark in _PROSE_MARKS) or continues)


def _indicator_record(words: str, tail: re.Match, carried: dict[str, str]) -> dict:
    """The named fields of one indicator: the words before its tail of figures are its names
    (and, for a qualitative one, its target and result), the tail its figures."""
    values = {key: (value or "").strip() for key, value in tail.groupdict().items()}
    target, actual = values.get("target", ""), values.get("actual", "")
    if "operator" not in values:
        result = _QUALITATIVE_RESULT.search(words)
        actual, words = result.group(0), words[: result.start()]
    level3 = _split_names(words, carried)
    if "operator" not in values:
        target = next(
            (w for w in sorted(TARGET_WORDS, key=len, reverse=True) if level3.endswith(w) and len(level3) > len(w)), ""
        )
        level3 = level3[: len(level3) - len(target)] if target else level3
    return {
        "level1": carried["level1"],
        "level2": carried["level2"],
        "level3": level3,
        "operator": values.get("operator", ""),
        "target": target,
        "measure_unit": values.get("unit", ""),
        "actual": actual,
        "completion": values["completion"],
        "weight": values["weight"],
        "score": values["score"],
        "deviation_category": "",
        "deviation_reason": "",
        "improvement_measure": "",
        "_open": bool(values.get("mark")) or float(values["score"]) < float(values["weight"]),
        "_prose": [],
    }


def _close_record(record: dict) -> None:
    """Split the prose collected after a record into reason and measure, and name its category."""
    record["deviation_reason"], record["improvement_measure"] = _split_prose(record.pop("_prose"))
    record.pop("_open")
    category = _PROSE_START.match(record["deviation_reason"]) or _PROSE_START.match(record["improvement_measure"])
    if record["deviation_reason"] or record["improvement_measure"]:
        named = category.group(1) if category else "其他"
        record["deviation_category"] = "硬件条件保障" if named == "硬件保障" else named


def parse_indicator_lines(lines: list[tuple[int, str]]) -> list[dict]:
    """Indicator records from (line number, text) pairs between the heading and the footer."""
    records: list[dict] = []
    buffer: list[str] = []
    first_line: int | None = None
    carried = {"level1": "", "level2": ""}
    for number, raw in lines:
        line = raw.strip()
        if line.startswith("绩效指标"):  # the section cell, repeated after a page break
            line = line[len("绩效指标") :].strip()
        if not line:
            continue
        tail = _closing_tail(buffer, line)
        if tail is None and records and records[-1]["_open"] and _is_prose(line, records[-1]["_prose"], buffer):
            records[-1]["_prose"].append(line)
            continue
        if tail is None:
            buffer.append(line)
            first_line = first_line if first_line is not None else number
            continue
        record = _indicator_record(re.sub(r"\s+", "", "".join(buffer) + line[: tail.start()]), tail, carried)
        record.update(
            page="",
            row_no=first_line if first_line is not None else number,
            printed_cells=json.dumps(buffer + [line], ensure_ascii=False),
        )
        records.append(record)
        buffer, first_line = [], None
    for record in records:
        _close_record(record)
    return records


def _goal_texts(lines: list[str]) -> tuple[str, str]:
    """年初目标 and 全年完成情况: the second starts where the first text repeats, where the
    enumeration starts again, or after the first sentence."""
    texts = []
    for line in lines:
        while _GOAL_HEADINGS.match(line):
            line = _GOAL_HEADINGS.sub("", line, count=1).strip()
        if line:
            texts.append(line)
    if not texts:
        return "", ""
    if len(texts) >= 2 and texts[0] in texts[1:]:
        k = texts[1:].index(texts[0]) + 1
        return "".join(texts[:k]), "".join(texts[k:])
    first = _ENUMERATION.match(texts[0])
    for k, line in enumerate(texts[1:], start=1):
        mark = _ENUMERATION.match(line)
        if first and mark and (mark.group(1)[0] != first.group(1)[0] or mark.group(1) == first.group(1)):
            return "".join(texts[:k]), "".join(texts[k:])
    for k, line in enumerate(texts[:-1]):
        if line.endswith("。"):
            return "".join(texts[: k + 1]), "".join(texts[k + 1 :])
    joined = " ".join(texts)
    if "。 " in joined:
        initial, actual = joined.split("。 ", 1)
        return initial + "。", actual
    return "".join(texts), ""


def _heading_end(lines: list[tuple[int, str]]) -> int:
    """Index after the indicator heading (its last cell: 其他原因分析 / 原因说明 / 改进措施 …)."""
    marks = [
        n
        for n, (_, text) in enumerate(lines)
        if "原因说明" in text or "其他原因分析" in text or "硬件条件保障原因分析" in text
    ]
    return marks[-1] + 1 if marks else 0


def _section_starts(texts: list[str]) -> tuple[int, int, int]:
    """Where the goals, the indicators and the footer of a form begin (the next one's start
    when a section is missing)."""
    footer_at = next(
        (n for n, t in enumerate(texts) if "总评价得分" in t or "指标自评得分小计" in t or "预算执行率得分" in t),
        len(texts),
    )
    indicator_at = next(
        (
            n
            for n, t in enumerate(texts)
            if t.startswith("绩效指标") or (t == "绩效" and n + 1 < len(texts) and texts[n + 1] == "指标")
        ),
        footer_at,
    )
    goal_at = next(
        (
            n
            for n, t in enumerate(texts)
            if t.startswith(("年度目标", "年初总体目标", "年度总体目标", "年初设定目标"))
            or (t in ("年度", "年度总体") and n + 1 < len(texts) and texts[n + 1] == "目标")
        ),
        indicator_at,
    )
    return goal_at, indicator_at, footer_at


def _labelled(texts: list[str], label: str) -> str:
    """The rest of the first line that starts with label."""
    line = next((t for t in texts if t.startswith(label)), "")
    return line[len(label) :].strip()


def _unit_tasks(lines: list[tuple[int, str]]) -> list[dict]:
    tasks: list[dict] = []
    for line_number, text in lines:
        match = _TASK.match(text.strip())
        if match:
            tasks.append(
                {
                    "task_no": len(tasks) + 1,
                    "task_name": match["name"],
                    "allocated_amount": match["allocated"],
                    "executed_amount": match["executed"],
                    "execution_rate": match["rate"],
                    "weight": match["weight"],
                    "score": match["score"],
                    "page": "",
                    "row_no": line_number,
                }
            )
    return tasks


def _unit_header(texts: list[str], footer_at: int, goals: tuple[str, str]) -> dict:
    return {
        "unit_label": _labelled(texts, "部门（单位）名称"),
        "budget_income": _labelled(texts, "部门年初预算收入金额"),
        "budget_expenditure": _labelled(texts, "部门年初预算支出金额"),
        "goal_initial": goals[0],
        "goal_actual": goals[1],
        "total_score": next((t.split()[-1] for t in texts[footer_at:] if "总评价得分" in t), ""),
    }


def _project_units(texts: list[str], goal_at: int) -> tuple[str, str]:
    """主管部门 and 实施单位; where the dump displaced their cells, the unlabelled lines of the
    header fill the empty fields."""
    department, unit = _labelled(texts, "主管部门"), _labelled(texts, "实施单位")
    if not (department and unit):
        labels = "项目(政策)名称主管部门实施单位项目预算金额（万元）全年执行数（万元）执行率"
        loose = [
            t
            for t in texts[1:goal_at]
            if t
            and not re.search(r"\d", t)
            and t.strip("（）() ") not in labels
            and not t.startswith(("项目(政策)名称", "(", "（"))
        ]
        department = department or (loose.pop(0) if loose else "")
        unit = unit or (loose.pop(0) if loose else "")
    return department, unit


def _project_footer(texts: list[str], footer_at: int) -> dict:
    """指标自评得分小计, 预算执行率得分, 减分项 and 绩效自评总得分 from the footer lines."""
    footer_text = " ".join(texts[footer_at - 1 :])
    footer = _FOOTER.search(" ".join(texts[footer_at:])) or _FOOTER.search(footer_text)
    if not footer:
        return dict.fromkeys(("indicator_score_subtotal", "execution_score", "deduction", "total_score"), "")
    subtotal = footer["subtotal"]
    if not subtotal:  # the subtotal wrapped onto the line before its label
        before = re.search(r"([\d.]+)\s*预算执行率得分", footer_text)
        subtotal = before.group(1) if before else ""
    return {
        "indicator_score_subtotal": subtotal,
        "execution_score": footer["execution"],
        "deduction": footer["deduction"],
        "total_score": footer["total"],
    }


def _project_header(texts: list[str], goal_at: int, footer_at: int, goals: tuple[str, str]) -> dict:
    money = next((m for m in map(_MONEY.search, texts) if m), None)
    if money is None:  # cells the dump displaced: the three figures alone on a line
        money = next((m for m in map(_DISPLACED_MONEY.match, texts) if m), None)
    department, unit = _project_units(texts, goal_at)
    return {
        "project_name": _labelled(texts, "项目(政策)名称"),
        "competent_department": department,
        "implementing_unit": unit,
        "budget_amount": money["budget"] if money else "",
        "executed_amount": money["executed"] if money else "",
        "execution_rate": money["rate"] if money else "",
        "goal_initial": goals[0],
        "goal_actual": goals[1],
        **_project_footer(texts, footer_at),
    }


def parse_text_evaluation(kind: str, lines: list[tuple[int, str]], number: int) -> Evaluation:
    """One form from its (line number, text) lines, title first."""
    texts = [text.strip() for _, text in lines]
    goal_at, indicator_at, footer_at = _section_starts(texts)
    body = lines[indicator_at:footer_at]
    indicators = parse_indicator_lines(body[_heading_end(body) :])
    goals = _goal_texts(texts[goal_at:indicator_at])
    first_line = lines[0][0] if lines else 0
    if kind == "unit":
        header = _unit_header(texts, footer_at, goals)
        evaluation = Evaluation("unit", number, header, first_line, _unit_tasks(lines[:goal_at]), indicators)
    else:
        header = _project_header(texts, goal_at, footer_at, goals)
        evaluation = Evaluation("project", number, header, first_line, [], indicators)
    evaluation.first_page = ""
    return evaluation
