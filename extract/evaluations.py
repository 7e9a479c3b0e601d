"""Performance self-evaluation annexes: 部门（单位）整体绩效自评表 and 预算项目(政策)绩效自评表.

These are forms, not grids: label cells followed by value cells, a task block, goal texts,
then indicator rows under a two-row heading. They are read by their labels, so column
counts and widths may differ between producers; 一级/二级 cells merged down a group (and
left blank on a continuation page) carry over to the rows below.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .grid import Grid, GridCell
from .layout import column_map, remap_cell
from .text import amount_text, normalize_label

UNIT_TITLES = ("部门(单位)整体绩效自评表", "部门整体绩效自评表", "单位整体绩效自评表")
PROJECT_TITLES = ("预算项目(政策)绩效自评表", "项目(政策)绩效自评表", "项目支出绩效自评表", "预算项目绩效自评表")
_YEAR_NOTE = re.compile(r"\(?\d{4}年度?\)?")

INDICATOR_ROLES = [  # (words in the heading, role); first match wins
    (("运算符号",), "operator"),
    (("度量单位",), "measure_unit"),
    (("原因说明",), "deviation_reason"),
    (("改进措施",), "improvement_measure"),
    (("经费保障",), "category:经费保障"),
    (("制度保障",), "category:制度保障"),
    (("人员保障",), "category:人员保障"),
    (("硬件",), "category:硬件条件保障"),
    (("其他",), "category:其他"),
    (("一级指标",), "level1"),
    (("二级指标",), "level2"),
    (("三级指标",), "level3"),
    (("完成值",), "actual"),
    (("完成程度",), "completion"),
    (("得分",), "score"),
    (("分值", "权重"), "weight"),
    (("指标值", "内容", "目标值"), "target"),
]
INDICATOR_COLUMNS = [
    "level1", "level2", "level3", "operator", "target", "measure_unit", "actual", "completion",
    "weight", "score", "deviation_category", "deviation_reason", "improvement_measure",
]


def match_evaluation_title(line: str) -> str | None:
    """'unit' or 'project' when the line is an evaluation table's title."""
    key = _YEAR_NOTE.sub("", normalize_label(line).replace("（", "(").replace("）", ")"))
    if key in UNIT_TITLES:
        return "unit"
    if key in PROJECT_TITLES:
        return "project"
    return None


@dataclass
class FormRow:
    page: int
    row_no: int
    cells: list[GridCell]  # cells starting in this row, by column (continuation pages mapped)

    def labels(self) -> list[str]:
        return [normalize_label(c.text) for c in self.cells]

    def value_after(self, label_prefix: str) -> str | None:
        """Text of the first non-empty cell after the cell whose label starts with label_prefix."""
        for n, label in enumerate(self.labels()):
            if label.startswith(label_prefix):
                return next((c.text.strip() for c in self.cells[n + 1 :] if c.text.strip()), "")
        return None

    def has(self, label_prefix: str) -> bool:
        return any(label.startswith(label_prefix) for label in self.labels())


def form_rows(grids: list[Grid]) -> list[FormRow]:
    """Every printed row of a form over its pages, columns mapped onto the first page's."""
    rows: list[FormRow] = []
    first = grids[0]
    row_no = 0
    for n, grid in enumerate(grids):
        mapping = column_map(first, grid) if n else list(range(grid.n_cols))
        for r in range(grid.n_rows):
            cells = [c for c in grid.cells if c.row == r]
            row_no += 1
            if mapping is not None:
                cells = [remap_cell(c, mapping) for c in cells]
            if any(c.text.strip() for c in cells):
                rows.append(FormRow(grid.page_number, row_no, sorted(cells, key=lambda c: c.col)))
    return rows


@dataclass
class Evaluation:
    kind: str  # unit or project
    number: int  # order within the report
    header: dict
    first_page: int
    tasks: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)

    @property
    def subject_name(self) -> str:
        return self.header.get("unit_label" if self.kind == "unit" else "project_name", "")


def _indicator_roles(heading: list[FormRow]) -> dict[int, str]:
    """Roles of columns from the indicator heading rows (spans spread over their columns)."""
    texts: dict[int, list[str]] = {}
    for row in heading:
        for cell in row.cells:
            for c in range(cell.col, cell.col + cell.col_span):
                texts.setdefault(c, []).append(normalize_label(cell.text))
    roles = {}
    for col, parts in texts.items():
        joined = "".join(parts)
        role = next((role for words, role in INDICATOR_ROLES if any(w in joined for w in words)), None)
        if role:
            roles[col] = role
    return roles


def _read_indicators(rows: list[FormRow], roles: dict[int, str], stop_labels: tuple[str, ...]) -> tuple[list[dict], int]:
    indicators: list[dict] = []
    carried = {"level1": "", "level2": ""}
    n = 0
    for n, row in enumerate(rows):
        if any(row.has(label) for label in stop_labels):
            return indicators, n
        values: dict[str, str] = {}
        category = ""
        for cell in row.cells:
            role = next((roles[c] for c in range(cell.col, cell.col + cell.col_span) if c in roles), None)
            text = cell.text.strip()
            if role is None or not text:
                continue
            if role.startswith("category:"):
                category = role.split(":", 1)[1]
                if text not in ("√", "✓", "✔", "v", "V"):
                    values["deviation_reason"] = text
            else:
                values[role] = text
        if not values.get("score") and not values.get("weight"):
            continue  # a stray text row (e.g. a section label alone on a continuation page)
        for level in ("level1", "level2"):
            if values.get(level):
                carried[level] = values[level]
                if level == "level1":
                    carried["level2"] = ""
            else:
                values[level] = carried[level]
        record = {column: values.get(column, "") for column in INDICATOR_COLUMNS}
        record["deviation_category"] = category
        for numeric in ("weight", "score"):
            record[numeric] = amount_text(record[numeric])
        record.update(page=row.page, row_no=row.row_no, printed_cells=json.dumps([c.text for c in row.cells], ensure_ascii=False))
        indicators.append(record)
    return indicators, len(rows)


def _goal_texts(rows: list[FormRow], start: int) -> tuple[str, str]:
    """The two texts under 年初…目标 / 全年…完成情况, matched to their heading columns."""
    heading = rows[start]
    goal_cells = [c for c in heading.cells if "目标" in normalize_label(c.text) or "完成情况" in normalize_label(c.text)]
    goal_cells = [c for c in goal_cells if normalize_label(c.text) not in ("年度目标", "年度总体目标")]
    if start + 1 >= len(rows) or len(goal_cells) < 2:
        return "", ""
    texts = []
    for heading_cell in goal_cells[-2:]:
        below = next((c for c in rows[start + 1].cells if heading_cell.col <= c.col < heading_cell.col + heading_cell.col_span), None)
        texts.append(below.text.strip() if below else "")
    return texts[0], texts[1]


def _indicator_block(rows: list[FormRow], n: int, stop_labels: tuple[str, ...]) -> tuple[list[dict], int]:
    """The indicators under the two heading rows starting at n, and the row after them."""
    indicators, used = _read_indicators(rows[n + 2 :], _indicator_roles(rows[n : n + 2]), stop_labels)
    return indicators, n + 2 + used


def parse_unit_evaluation(rows: list[FormRow], number: int) -> Evaluation:
    header = {"unit_label": "", "budget_income": "", "budget_expenditure": "", "goal_initial": "", "goal_actual": "", "total_score": ""}
    evaluation = Evaluation("unit", number, header, rows[0].page if rows else 0)
    n = 0
    while n < len(rows):
        row = rows[n]
        if row.has("部门(单位)名称") or row.has("单位名称"):
            header["unit_label"] = row.value_after("部门(单位)名称") or row.value_after("单位名称") or ""
        elif row.has("部门年初预算收入") or row.has("年初预算收入"):
            header["budget_income"] = amount_text(row.value_after("部门年初预算收入") or row.value_after("年初预算收入"))
        elif row.has("部门年初预算支出") or row.has("年初预算支出"):
            header["budget_expenditure"] = amount_text(row.value_after("部门年初预算支出") or row.value_after("年初预算支出"))
        elif row.has("对应项目"):
            n += 1
            while n < len(rows) and not (rows[n].has("年度目标") or rows[n].has("年初总体目标") or rows[n].has("绩效指标")):
                texts = [c.text.strip() for c in rows[n].cells if c.text.strip() and normalize_label(c.text) != "年度主要任务"]
                if len(texts) >= 6:
                    project, *numbers = texts[-6:]
                    evaluation.tasks.append({
                        "task_no": len(evaluation.tasks) + 1, "task_name": project,
                        "allocated_amount": amount_text(numbers[0]), "executed_amount": amount_text(numbers[1]),
                        "execution_rate": amount_text(numbers[2]), "weight": amount_text(numbers[3]), "score": amount_text(numbers[4]),
                        "page": rows[n].page, "row_no": rows[n].row_no,
                    })
                n += 1
            continue
        elif row.has("年初总体目标") or (row.has("年度目标") and row.has("全年完成情况")):
            header["goal_initial"], header["goal_actual"] = _goal_texts(rows, n)
            n += 2
            continue
        elif row.has("一级指标"):
            evaluation.indicators, n = _indicator_block(rows, n, ("总评价得分",))
            continue
        if row.has("总评价得分"):
            header["total_score"] = amount_text(row.value_after("总评价得分"))
        n += 1
    return evaluation


def parse_project_evaluation(rows: list[FormRow], number: int) -> Evaluation:
    header = {key: "" for key in (
        "project_name", "competent_department", "implementing_unit", "budget_amount", "executed_amount",
        "execution_rate", "goal_initial", "goal_actual", "indicator_score_subtotal", "execution_score",
        "deduction", "total_score")}
    evaluation = Evaluation("project", number, header, rows[0].page if rows else 0)
    labels = {
        "project_name": ("项目(政策)名称", "项目名称"), "competent_department": ("主管部门",),
        "implementing_unit": ("实施单位",), "budget_amount": ("项目预算金额", "预算金额", "年初预算数"),
        "executed_amount": ("全年执行数",), "execution_rate": ("执行率",),
        "indicator_score_subtotal": ("指标自评得分小计",), "execution_score": ("预算执行率得分",),
        "deduction": ("减分项",), "total_score": ("绩效自评总得分", "总得分"),
    }
    n = 0
    while n < len(rows):
        row = rows[n]
        if row.has("年初设定目标") or (row.has("年度总体目标") and row.has("全年实际完成情况")):
            header["goal_initial"], header["goal_actual"] = _goal_texts(rows, n)
            n += 2
            continue
        if row.has("一级指标"):
            evaluation.indicators, n = _indicator_block(rows, n, ("指标自评得分小计", "绩效自评总得分"))
            continue
        for key, prefixes in labels.items():
            if header[key]:
                continue
            for prefix in prefixes:
                value = row.value_after(prefix)
                if value is not None:
                    header[key] = value if key in ("project_name", "competent_department", "implementing_unit") else amount_text(value)
                    break
        n += 1
    return evaluation


def parse_evaluation(kind: str, grids: list[Grid], number: int) -> Evaluation:
    rows = form_rows(grids)
    return parse_unit_evaluation(rows, number) if kind == "unit" else parse_project_evaluation(rows, number)


# Raw CSV families of the evaluation annexes (provenance columns come first, as for tables).
EVALUATION_FAMILIES: dict[str, list[str]] = {
    "e01_unit_evaluations": [
        "evaluation_no", "unit_label", "budget_income", "budget_expenditure", "total_score", "goal_initial", "goal_actual",
    ],
    "e02_unit_evaluation_tasks": [
        "evaluation_no", "unit_label", "task_no", "task_name", "allocated_amount", "executed_amount", "execution_rate",
        "weight", "score",
    ],
    "e03_project_evaluations": [
        "evaluation_no", "project_name", "competent_department", "implementing_unit", "budget_amount", "executed_amount",
        "execution_rate", "indicator_score_subtotal", "execution_score", "deduction", "total_score", "goal_initial",
        "goal_actual",
    ],
    "e04_performance_indicators": [
        "evaluation_no", "subject_type", "subject_name", "indicator_no", *INDICATOR_COLUMNS, "printed_cells",
    ],
}


def evaluation_rows(evaluations: list[Evaluation]) -> dict[str, list[dict]]:
    """Raw rows of every evaluation family (without report_id and source_file)."""
    rows: dict[str, list[dict]] = {family: [] for family in EVALUATION_FAMILIES}
    for evaluation in evaluations:
        base = {"evaluation_no": evaluation.number}
        position = {"page": evaluation.first_page, "row_no": 1}
        if evaluation.kind == "unit":
            rows["e01_unit_evaluations"].append({**position, **base, **evaluation.header})
            for task in evaluation.tasks:
                rows["e02_unit_evaluation_tasks"].append({**base, "unit_label": evaluation.header["unit_label"], **task})
        else:
            rows["e03_project_evaluations"].append({**position, **base, **evaluation.header})
        for number, indicator in enumerate(evaluation.indicators, start=1):
            rows["e04_performance_indicators"].append({
                **base, "subject_type": evaluation.kind, "subject_name": evaluation.subject_name,
                "indicator_no": number, **indicator,
            })
    return rows
