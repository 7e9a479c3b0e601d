"""Column roles from header labels, and raw rows for each table family.

Each parser takes a :class:`PrintedTable` and returns plain dicts: the canonical columns of
its raw CSV (amounts as printed), plus the page, the printed row number and every printed
cell. Roles come from header words, never from column positions, because producers order,
split and merge columns differently.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..labels import amount_text, code_digits, normalize_label
from ..reference import functional_codes_by_name
from ..schema import TableKind, budget_cost_item, three_public_item
from .assembly import PrintedRow, PrintedTable, place_cells


class HeaderError(ValueError):
    """A table whose column headers cannot be understood; the message says which and why."""


def _is_code_header(header: str, parts: list[str]) -> bool:
    last = normalize_label(parts[-1]) if parts else ""
    return "编码" in header or "代码" in header or last in ("类", "款", "项")


def _is_name_header(header: str, parts: list[str]) -> bool:
    return "名称" in header or [normalize_label(p) for p in parts] == ["项目"]


def _provenance(row: PrintedRow) -> dict:
    return {
        "page": row.page,
        "row_no": row.row_no,
        "placement": "printed",
        "placement_candidates": "",
        "printed_cells": json.dumps(row.texts(), ensure_ascii=False),
    }


def _code_fields(texts: list[str], code_cols: list[int]) -> tuple[str, str, str]:
    """(digits, printed code, stray text) of a row's code columns."""
    printed = [texts[c].strip() for c in code_cols if texts[c].strip()]
    digits = [code_digits(p) for p in printed]
    # 款 and 项 are two digits; a spreadsheet that stored them as numbers prints 02 as 2
    digits = [d.zfill(2) if n and len(d) == 1 else d for n, d in enumerate(digits)]
    code = "".join(d for d in digits if d)
    stray = " ".join(p for p, d in zip(printed, digits) if not d)
    return code, " ".join(p for p, d in zip(printed, digits) if d), stray


def _blank_record(kind: TableKind) -> dict:
    """Every content column of the kind's raw CSV, blank: a cell not printed stays blank."""
    return dict.fromkeys((*kind.descriptive, *kind.amounts), "")


@dataclass
class _FunctionalColumns:
    code_cols: list[int] = field(default_factory=list)
    name_col: int | None = None
    amount_cols: dict[int, str] = field(default_factory=dict)  # column → amount role
    part_cols: list[int] = field(default_factory=list)  # 其中 sub-columns: a part of the column before


def _is_part_header(parts: list[str]) -> bool:
    """A sub-column (事业收入 | 其中：教育收费): its own heading starts with 其中."""
    return bool(parts) and normalize_label(parts[-1]).startswith("其中")


def _functional_columns(table: PrintedTable, kind: TableKind) -> _FunctionalColumns:
    """Which printed column is the code, the name and each amount, by header words."""
    found = _FunctionalColumns()
    for c in range(table.n_cols):
        header, parts = table.header_text(c), table.header_parts[c]
        if _is_code_header(header, parts):
            found.code_cols.append(c)
        elif _is_name_header(header, parts) and found.name_col is None:
            found.name_col = c
        elif "行次" in header or not header:
            continue
        elif _is_part_header(parts):
            found.part_cols.append(c)
        else:
            role = kind.role_of(header)
            if role is None:
                raise HeaderError(f"table {kind.number}: column {c + 1} header {header!r} is not a known amount")
            if role in found.amount_cols.values():
                raise HeaderError(f"table {kind.number}: two columns read as {role}")
            found.amount_cols[c] = role
    if found.name_col is None or "total" not in found.amount_cols.values():
        headers = [table.header_text(c) for c in range(table.n_cols)]
        raise HeaderError(f"table {kind.number}: no name or total column among headers {headers}")
    return found


def parse_functional(table: PrintedTable, kind: TableKind) -> list[dict]:
    """02, 03, 05, 08, 09: a functional code (one column or 类/款/项), a name, amounts."""
    columns = _functional_columns(table, kind)
    printed_rows = [place_cells(row, table.n_cols, {columns.name_col}) for row in table.rows]
    by_name = _codes_by_name(printed_rows, columns, kind)
    rows = []
    for n, (row, texts) in enumerate(zip(table.rows, printed_rows)):
        code, printed, stray = _code_fields(texts, columns.code_cols)
        record = _blank_record(kind)
        record[kind.descriptive[0]] = code or by_name[n]  # functional_code, or economic_code in a budget's B06
        record.update(code_printed=printed, item_name=texts[columns.name_col].strip() or stray)
        record.update({role: amount_text(texts[c]) for c, role in columns.amount_cols.items()})
        record.update(_provenance(row))
        rows.append(record)
    return rows


def _codes_by_name(printed_rows: list[list[str]], columns: _FunctionalColumns, kind: TableKind) -> list[str]:
    """A table printing no code column has its rows' codes found by their names down the rows
    (code_printed stays blank: the code was not printed)."""
    if columns.code_cols or kind.descriptive[0] != "functional_code":
        return [""] * len(printed_rows)
    return functional_codes_by_name([texts[columns.name_col] for texts in printed_rows])


def _parent_role(columns: _FunctionalColumns, part_col: int) -> str:
    """The amount role of the column a sub-column is part of: the nearest amount column left of it."""
    left = [c for c in columns.amount_cols if c < part_col]
    return columns.amount_cols[max(left)] if left else ""


def parse_sub_columns(table: PrintedTable, kind: TableKind) -> list[dict]:
    """The 其中 sub-columns of a functional table (事业收入 | 其中：教育收费), each printed amount a
    fact of its own with its row's code and name and the column it is part of."""
    columns = _functional_columns(table, kind)
    rows = []
    for row in table.rows:
        texts = place_cells(row, table.n_cols, {columns.name_col})
        code, _, stray = _code_fields(texts, columns.code_cols)
        for c in columns.part_cols:
            if not texts[c].strip():
                continue
            rows.append({
                "page": row.page, "row_no": row.row_no, "table_number": kind.number, "functional_code": code,
                "item_name": texts[columns.name_col].strip() or stray, "parent_column": _parent_role(columns, c),
                "sub_column_label": "/".join(table.header_parts[c]), "amount": amount_text(texts[c]),
            })  # fmt: skip
    return rows


def _summary_sides(table: PrintedTable, kind: TableKind) -> list[str]:
    """income or expenditure for each column: by the 收入/支出 band over it, else the second
    项目 column starts the expenditure side."""
    sides: list[str | None] = []
    for c in range(table.n_cols):
        top = normalize_label(table.header_parts[c][0]) if table.header_parts[c] else ""
        sides.append("income" if top.startswith("收入") else "expenditure" if top.startswith("支出") else None)
    if None not in sides:
        return sides
    item_cols = [c for c in range(table.n_cols) if "项目" in table.header_text(c)]
    if len(item_cols) < 2:
        raise HeaderError(f"table {kind.number}: cannot tell the income side from the expenditure side")
    return ["income" if c < item_cols[1] else "expenditure" for c in range(table.n_cols)]


# The total line split by kind of spending beside its 合计 (基本支出: 人员经费, 公用经费; 项目支出):
# parts of expenditure_total, each kept as a sub-column fact (parse_summary_sub_columns).
BREAKDOWN = "breakdown"
_BREAKDOWN = re.compile(r"基本支出|项目支出|人员经费|公用经费|经营支出|上缴上级|对附属单位")


def _is_item_header(header: str) -> bool:
    header = header.replace("项目支出", "")  # a kind of spending, not the 项目 (line name) column
    return "项目" in header or "名称" in header


def _summary_roles(table: PrintedTable, kind: TableKind) -> dict[int, str]:
    """Each column's role. A kind that declares use_item (预算 B01) may print a second
    expenditure group after the functional one, 支出用途 (基本支出, 项目支出 …): its name
    column is use_item and its amount use_amount."""
    sides = _summary_sides(table, kind)
    roles: dict[int, str] = {}
    for c in range(table.n_cols):
        header = table.header_text(c).removeprefix("收入").removeprefix("支出")
        side = sides[c]
        if _is_item_header(header) and f"{side}_item" not in roles.values():
            roles[c] = f"{side}_item"
        elif _is_item_header(header) and side == "expenditure" and "use_item" in kind.descriptive:
            roles[c] = "use_item"
        elif "行次" in header:
            roles[c] = f"{side}_line_no"
        elif side == "income":
            roles[c] = "income_amount"
        elif "use_item" in roles.values():
            roles[c] = "use_amount"
        elif side == "expenditure" and "expenditure_total" in roles.values() and _BREAKDOWN.search(header):
            roles[c] = BREAKDOWN
        else:
            role = kind.role_of(header)
            if role is None:
                raise HeaderError(f"table {kind.number}: column {c + 1} header {header!r} is not a known amount")
            roles[c] = role
    if "income_item" not in roles.values() or "expenditure_item" not in roles.values():
        raise HeaderError(f"table {kind.number}: no 项目 column on each side")
    return roles


def _spans_both_groups(row: PrintedRow, roles: dict[int, str]) -> bool:
    """A closing line (当年支出小计, 支出合计) whose label is one cell merged across the
    functional group and the use group: its amount, printed in the last column, is the line's."""
    use_col = next((c for c, role in roles.items() if role == "use_item"), None)
    item_col = next(c for c, role in roles.items() if role == "expenditure_item")
    return use_col is not None and any(
        cell.col <= item_col and cell.col + cell.col_span > use_col and cell.text.strip() for cell in row.cells
    )


def parse_summary(table: PrintedTable, kind: TableKind) -> list[dict]:
    """01, 04 and 预算 B01: income on the left, expenditure on the right, each with 项目 (and
    行次); in B01 perhaps a second expenditure group by use."""
    roles = _summary_roles(table, kind)
    item_cols = {c for c, r in roles.items() if r.endswith("_item")}
    rows = []
    for row in table.rows:
        texts = place_cells(row, table.n_cols, item_cols)
        record = _blank_record(kind)
        for c, role in roles.items():
            if role != BREAKDOWN:
                record[role] = texts[c].strip() if role.endswith("_item") else amount_text(texts[c])
        if _spans_both_groups(row, roles) and not record["expenditure_total"]:
            record["expenditure_total"], record["use_amount"] = record["use_amount"], ""
        record.update(_provenance(row))
        rows.append(record)
    return rows


def parse_summary_sub_columns(table: PrintedTable, kind: TableKind) -> list[dict]:
    """The breakdown columns of a summary's expenditure side (基本支出/人员经费 …), each printed
    amount a fact of its own with its line's name, part of expenditure_total."""
    roles = _summary_roles(table, kind)
    item_col = next(c for c, role in roles.items() if role == "expenditure_item")
    rows = []
    for row in table.rows:
        texts = place_cells(row, table.n_cols, {c for c, r in roles.items() if r.endswith("_item")})
        for c in (c for c, role in roles.items() if role == BREAKDOWN and texts[c].strip()):
            rows.append({
                "page": row.page, "row_no": row.row_no, "table_number": kind.number, "functional_code": "",
                "item_name": texts[item_col].strip(), "parent_column": "expenditure_total",
                "sub_column_label": "/".join(table.header_parts[c]), "amount": amount_text(texts[c]),
            })  # fmt: skip
    return rows


@dataclass
class _Group:
    label: str
    code_cols: list[int]
    name_col: int | None = None
    amount_col: int | None = None


def _economic_groups(table: PrintedTable, kind: TableKind) -> list[_Group]:
    """06's side-by-side groups: each starts at a code column (one, or 类 and 款)."""
    groups: list[_Group] = []
    previous_was_code = False
    for c in range(table.n_cols):
        header, parts = table.header_text(c), table.header_parts[c]
        if _is_code_header(header, parts) or "经济分类" in header:
            if not previous_was_code:
                label = next((p for p in parts if "经费" in p), "")
                groups.append(_Group(label=normalize_label(label), code_cols=[]))
            groups[-1].code_cols.append(c)
            previous_was_code = True
            continue
        previous_was_code = False
        if not groups:
            raise HeaderError(f"table {kind.number}: a column precedes the first code column")
        if _is_name_header(header, parts) and groups[-1].name_col is None:
            groups[-1].name_col = c
        elif groups[-1].amount_col is None:
            groups[-1].amount_col = c
        else:
            raise HeaderError(f"table {kind.number}: column {c + 1} ({header!r}) has no place in its group")
    if not groups or any(g.name_col is None or g.amount_col is None for g in groups):
        raise HeaderError(f"table {kind.number}: each column group needs a code, a name and an amount")
    return groups


@dataclass
class _GroupEntry:
    code: str
    printed: str
    name: str
    amount: str


def _group_entries(texts: list[str], groups: list[_Group]) -> list[_GroupEntry]:
    entries = []
    for group in groups:
        code, printed, stray = _code_fields(texts, group.code_cols)
        entries.append(
            _GroupEntry(code, printed, texts[group.name_col].strip() or stray, amount_text(texts[group.amount_col]))
        )
    return _carry_merged_totals(entries)


def _carry_merged_totals(entries: list[_GroupEntry]) -> list[_GroupEntry]:
    """A closing 合计 printed as one cell across several groups (Excel's merged 公用经费合计)
    has its amount in the last group's column: give it to the total it belongs to."""
    for n, entry in enumerate(entries):
        if "合计" not in normalize_label(entry.name) or entry.amount:
            continue
        donor = next((later for later in entries[n + 1 :] if later.amount and not (later.code or later.name)), None)
        if donor is not None:
            entry.amount, donor.amount = donor.amount, ""
    return entries


def parse_economic(table: PrintedTable, kind: TableKind) -> list[dict]:
    """06: column groups side by side, each a code (one column or 类/款), a name, an amount."""
    groups = _economic_groups(table, kind)
    names = {g.name_col for g in groups}
    rows = []
    for row in table.rows:
        texts = place_cells(row, table.n_cols, names)
        for number, entry in enumerate(_group_entries(texts, groups), start=1):
            if not (entry.code or entry.name or entry.amount):
                continue
            record = {
                "column_group": number,
                "group_label": groups[number - 1].label,
                "economic_code": entry.code,
                "code_printed": entry.printed,
                "item_name": entry.name,
                "amount": entry.amount,
            }
            record.update(_provenance(row))
            rows.append(record)
    return rows


def _column_items(table: PrintedTable, columns: list[int]) -> dict[int, tuple[str | None, str]]:
    """(三公 item, printed labels) of each amount column that names an item in its header."""
    column_items = {}
    for c in columns:
        labels = [p for p in table.header_parts[c] if normalize_label(p) not in ("预算数", "决算数", "预算", "决算")]
        labels = [p for p in labels if three_public_item(p) or normalize_label(p) == "小计"]
        if labels:
            # "小计" under 公务用车购置及运行费 is that parent's total.
            item = three_public_item(labels[-1]) or three_public_item(labels[-2] if len(labels) > 1 else "")
            column_items[c] = (item, "/".join(labels))
    return column_items


def _three_public_across(table: PrintedTable, column_items: dict, budget_cols: list[int]) -> list[dict]:
    """Items across the columns: one printed data row; all blank means all zero."""
    rows = []
    printed_rows = table.rows or [PrintedRow(page=table.pages[0], row_no=0, cells=[])]
    for row in printed_rows:
        texts = place_cells(row, table.n_cols, set())
        by_item: dict[str, dict] = {}
        for c, (item, label) in column_items.items():
            blank = {"item_code": item, "item_name": label, "budget_amount": "", "actual_amount": ""}
            entry = by_item.setdefault(item, blank)
            entry["budget_amount" if c in budget_cols else "actual_amount"] = amount_text(texts[c])
        for entry in by_item.values():
            entry.update(_provenance(row))
            rows.append(entry)
    return rows


def parse_three_public(table: PrintedTable, kind: TableKind) -> list[dict]:
    """07, printed either as items down the rows or as items across the columns."""
    budget_cols = [c for c in range(table.n_cols) if "预算" in table.header_text(c)]
    actual_cols = [c for c in range(table.n_cols) if "决算" in table.header_text(c)]
    column_items = _column_items(table, budget_cols + actual_cols)
    if len({item for item, _ in column_items.values()}) >= 2:
        return _three_public_across(table, column_items, budget_cols)
    if not budget_cols or not actual_cols:
        raise HeaderError("table 07: no 预算数 and 决算数 columns")
    item_col = next((c for c in range(table.n_cols) if "项目" in table.header_text(c)), 0)
    rows = []
    for row in table.rows:
        texts = place_cells(row, table.n_cols, {item_col})
        label = texts[item_col].strip()
        record = {
            "item_code": three_public_item(label) or "",
            "item_name": label,
            "budget_amount": amount_text(texts[budget_cols[0]]),
            "actual_amount": amount_text(texts[actual_cols[0]]),
        }
        record.update(_provenance(row))
        rows.append(record)
    return rows


def _row_label(texts: list[str]) -> str:
    return next((text.strip() for text in texts if text.strip()), "")


def _items_down_the_rows(table: PrintedTable, has_other_costs: bool) -> dict[int, str | None] | None:
    """Row index → item, when the items are printed down the rows (行政经费 / “三公”经费 /
    其中：因公出国（境）支出 …, with fund sources across the columns); None when they are not."""
    items = {}
    for n, row in enumerate(table.rows):
        label = normalize_label(_row_label(place_cells(row, table.n_cols, set())))
        items[n] = None if label in ("合计", "小计", "") else budget_cost_item([label], has_other_costs)
    named = {item for item in items.values() if item and item != "total"}
    return items if len(named) >= 2 else None


def _three_public_down(table: PrintedTable, items: dict[int, str | None]) -> list[dict]:
    """One fact per row, from the first amount column (合计): a row naming no item (行政经费)
    kept with its cells and no item code."""
    amount_col = next((c for c in range(table.n_cols) if not _is_item_header(table.header_text(c))), 1)
    rows = []
    for n, row in enumerate(table.rows):
        texts = place_cells(row, table.n_cols, set())
        record = {"item_code": items[n], "item_name": _row_label(texts), "amount": amount_text(texts[amount_col])}
        record.update(_provenance(row))
        rows.append(record)
    return rows


_HEADER_YEAR = re.compile(r"(20\d{2})\s*年")


def _this_years_columns(table: PrintedTable) -> list[int]:
    """The columns of the budget's own year where the header prints groups by year (2025年预算数
    | 2026年预算数): a budget sets this year beside last year's, which stays in the printed cells."""
    years = {}
    for c in range(table.n_cols):
        found = _HEADER_YEAR.search(table.header_parts[c][0]) if table.header_parts[c] else None
        years[c] = int(found.group(1)) if found else None
    printed = {year for year in years.values() if year}
    if len(printed) < 2:
        return list(range(table.n_cols))
    return [c for c, year in years.items() if year in (None, max(printed))]


def parse_three_public_budget(table: PrintedTable, kind: TableKind) -> list[dict]:
    """预算 B07: the 三公 items (and 会议费, 培训费, 机关运行经费) across the columns, each
    printed data row giving one amount per item column; or down the rows, each row one item."""
    has_other_costs = any(word in table.header_text(c) for c in range(table.n_cols) for word in ("会议费", "培训费"))
    down = _items_down_the_rows(table, has_other_costs)
    if down is not None:
        return _three_public_down(table, down)
    items = {c: budget_cost_item(table.header_parts[c], has_other_costs) for c in _this_years_columns(table)}
    if not any(items.values()):
        raise HeaderError(f"table {kind.number}: no column names a 三公 item")
    rows = []
    for row in table.rows:
        texts = place_cells(row, table.n_cols, set())
        for c, item in items.items():
            if item is None:
                continue
            record = {"item_code": item, "item_name": "/".join(table.header_parts[c]), "amount": amount_text(texts[c])}
            record.update(_provenance(row))
            rows.append(record)
    return rows


PARSERS = {
    "functional": parse_functional,
    "summary": parse_summary,
    "economic": parse_economic,
    "three_public": parse_three_public,
    "three_public_budget": parse_three_public_budget,
}


def parse_table(table: PrintedTable, kind: TableKind) -> list[dict]:
    return PARSERS[kind.parser](table, kind)
