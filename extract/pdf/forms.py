"""Performance self-evaluation annexes: 部门（单位）整体绩效自评表 and 预算项目(政策)绩效自评表.

These are forms, not grids: label cells followed by value cells, a task block, goal texts,
then indicator rows under a two-row heading. They are read by their labels, so column
counts and widths may differ between producers; 一级/二级 cells merged down a group (and
left blank on a continuation page) carry over to the rows below.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..labels import amount_text, normalize_label
from ..model import Evaluation
from ..schema import INDICATOR_COLUMNS, PROJECT_HEADER, UNIT_HEADER
from .assembly import column_map, identity_map, remap_cell
from .grid import Grid, GridCell

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
        mapping = column_map(first, grid) if n else identity_map(grid)
        for r in range(grid.n_rows):
            cells = [c for c in grid.cells if c.row == r]
            row_no += 1
            if mapping is not None:
                cells = [remap_cell(c, mapping) for c in cells]
            if any(c.text.strip() for c in cells):
                rows.append(FormRow(grid.page_number, row_no, sorted(cells, key=lambda c: c.col)))
    return rows


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


def _read_indicators(
    rows: list[FormRow], roles: dict[int, str], stop_labels: tuple[str, ...]
) -> tuple[list[dict], int]:
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
        record.update(
            page=row.page, row_no=row.row_no, printed_cells=json.dumps([c.text for c in row.cells], ensure_ascii=False)
        )
        indicators.append(record)
    return indicators, len(rows)


def _goal_texts(rows: list[FormRow], start: int) -> tuple[str, str]:
    """The two texts under 年初…目标 / 全年…完成情况, matched to their heading columns."""
    heading = rows[start]
    goal_cells = [
        c for c in heading.cells if "目标" in normalize_label(c.text) or "完成情况" in normalize_label(c.text)
    ]
    goal_cells = [c for c in goal_cells if normalize_label(c.text) not in ("年度目标", "年度总体目标")]
    if start + 1 >= len(rows) or len(goal_cells) < 2:
        return "", ""
    texts = []
    for heading_cell in goal_cells[-2:]:
        below = next(
            (c for c in rows[start + 1].cells if heading_cell.col <= c.col < heading_cell.col + heading_cell.col_span),
            None,
        )
        texts.append(below.text.strip() if below else "")
    return texts[0], texts[1]


def _indicator_block(rows: list[FormRow], n: int, stop_labels: tuple[str, ...]) -> tuple[list[dict], int]:
    """The indicators under the two heading rows starting at n, and the row after them."""
    indicators, used = _read_indicators(rows[n + 2 :], _indicator_roles(rows[n : n + 2]), stop_labels)
    return indicators, n + 2 + used


# Header fields of the unit form: (field, label prefixes in order of preference, is an amount).
_UNIT_FIELDS = (
    ("unit_label", ("部门(单位)名称", "单位名称"), False),
    ("budget_income", ("部门年初预算收入", "年初预算收入"), True),
    ("budget_expenditure", ("部门年初预算支出", "年初预算支出"), True),
)
# Header fields of the project form, each filled once by the first row that carries a label.
_PROJECT_FIELDS = {
    "project_name": ("项目(政策)名称", "项目名称"),
    "competent_department": ("主管部门",),
    "implementing_unit": ("实施单位",),
    "budget_amount": ("项目预算金额", "预算金额", "年初预算数"),
    "executed_amount": ("全年执行数",),
    "execution_rate": ("执行率",),
    "indicator_score_subtotal": ("指标自评得分小计",),
    "execution_score": ("预算执行率得分",),
    "deduction": ("减分项",),
    "total_score": ("绩效自评总得分", "总得分"),
}
_PROJECT_TEXT_FIELDS = ("project_name", "competent_department", "implementing_unit")


def _unit_field(row: FormRow) -> tuple[str, str] | None:
    """(field, value) when the row carries one of the unit form's header labels."""
    for key, prefixes, is_amount in _UNIT_FIELDS:
        if any(row.has(prefix) for prefix in prefixes):
            value = next(filter(None, (row.value_after(prefix) for prefix in prefixes)), "")
            return key, amount_text(value) if is_amount else value
    return None


def _read_tasks(rows: list[FormRow], n: int, tasks: list[dict]) -> int:
    """The 年度主要任务 rows from n up to the goals or indicators; the row after them."""
    while n < len(rows) and not (rows[n].has("年度目标") or rows[n].has("年初总体目标") or rows[n].has("绩效指标")):
        texts = [c.text.strip() for c in rows[n].cells if c.text.strip() and normalize_label(c.text) != "年度主要任务"]
        if len(texts) >= 6:
            project, *numbers = texts[-6:]
            allocated, executed, rate, weight, score = (amount_text(number) for number in numbers[:5])
            tasks.append(
                {
                    "task_no": len(tasks) + 1,
                    "task_name": project,
                    "allocated_amount": allocated,
                    "executed_amount": executed,
                    "execution_rate": rate,
                    "weight": weight,
                    "score": score,
                    "page": rows[n].page,
                    "row_no": rows[n].row_no,
                }
            )
        n += 1
    return n


def parse_unit_evaluation(rows: list[FormRow], number: int) -> Evaluation:
    evaluation = Evaluation("unit", number, dict.fromkeys(UNIT_HEADER, ""), rows[0].page if rows else 0)
    header = evaluation.header
    n = 0
    while n < len(rows):
        row = rows[n]
        field = _unit_field(row)
        if field:
            header[field[0]] = field[1]
        elif row.has("对应项目"):
            n = _read_tasks(rows, n + 1, evaluation.tasks)
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


def _fill_project_fields(row: FormRow, header: dict) -> None:
    for key, prefixes in _PROJECT_FIELDS.items():
        if header[key]:
            continue
        value = next((v for v in (row.value_after(prefix) for prefix in prefixes) if v is not None), None)
        if value is not None:
            header[key] = value if key in _PROJECT_TEXT_FIELDS else amount_text(value)


def parse_project_evaluation(rows: list[FormRow], number: int) -> Evaluation:
    evaluation = Evaluation("project", number, dict.fromkeys(PROJECT_HEADER, ""), rows[0].page if rows else 0)
    n = 0
    while n < len(rows):
        row = rows[n]
        if row.has("年初设定目标") or (row.has("年度总体目标") and row.has("全年实际完成情况")):
            evaluation.header["goal_initial"], evaluation.header["goal_actual"] = _goal_texts(rows, n)
            n += 2
            continue
        if row.has("一级指标"):
            evaluation.indicators, n = _indicator_block(rows, n, ("指标自评得分小计", "绩效自评总得分"))
            continue
        _fill_project_fields(row, evaluation.header)
        n += 1
    return evaluation


def parse_evaluation(kind: str, grids: list[Grid], number: int) -> Evaluation:
    rows = form_rows(grids)
    return parse_unit_evaluation(rows, number) if kind == "unit" else parse_project_evaluation(rows, number)
