"""Column roles from header labels, and raw rows for each table family.

Each parser takes a :class:`PrintedTable` and returns plain dicts: the canonical columns of
its raw CSV (amounts as printed), plus the page, the printed row number and every printed
cell. Roles come from header words, never from column positions, because producers order,
split and merge columns differently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .kinds import TableKind
from .layout import PrintedRow, PrintedTable, place_cells
from .text import amount_text, code_digits, normalize_label


class LayoutError(ValueError):
    """A table whose columns cannot be understood; the message says which and why."""


# Ordered (keyword, role) rules per table kind: the first keyword found in a column's
# header labels decides it, so specific words come before general ones.
AMOUNT_RULES: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "02": [
        (("附属单位",), "subsidiary_remittance"),
        (("上级补助",), "superior_subsidy"),
        (("事业收入",), "business_income"),
        (("经营收入",), "operating_income"),
        (("其他收入",), "other_income"),
        (("财政拨款",), "fiscal_appropriation"),
        (("合计", "小计", "金额"), "total"),
    ],
    "03": [
        (("上缴上级",), "remittance_to_superior"),
        (("对附属单位",), "subsidy_to_subsidiaries"),
        (("经营支出",), "operating"),
        (("基本支出",), "basic"),
        (("项目支出",), "project"),
        (("合计", "小计", "金额"), "total"),
    ],
    # 05, 08 and 09 share one shape; some provinces print balances in 09 too.
    "08": [
        (("年初",), "opening_balance"),
        (("年末",), "closing_balance"),
        (("基本支出",), "basic"),
        (("项目支出",), "project"),
        (("本年收入",), "income"),
        (("合计", "小计", "本年支出", "金额"), "total"),
    ],
}
AMOUNT_RULES["05"] = AMOUNT_RULES["09"] = AMOUNT_RULES["08"]

# Amount columns of each functional raw CSV, in the order the reports print them.
FUNCTIONAL_AMOUNTS = {
    "02": ["total", "fiscal_appropriation", "superior_subsidy", "business_income", "operating_income",
           "subsidiary_remittance", "other_income"],
    "03": ["total", "basic", "project", "remittance_to_superior", "operating", "subsidy_to_subsidiaries"],
    "05": ["opening_balance", "income", "total", "basic", "project", "closing_balance"],
}
FUNCTIONAL_AMOUNTS["08"] = FUNCTIONAL_AMOUNTS["09"] = FUNCTIONAL_AMOUNTS["05"]

SUMMARY_AMOUNTS = [
    "income_amount",
    "expenditure_total",
    "expenditure_general_budget",
    "expenditure_government_fund",
    "expenditure_state_capital",
]
_EXPENDITURE_RULES = [
    (("一般公共预算",), "expenditure_general_budget"),
    (("政府性基金",), "expenditure_government_fund"),
    (("国有资本",), "expenditure_state_capital"),
    (("合计", "金额", "决算数", "小计"), "expenditure_total"),
]

# Column sets of the raw CSVs, provenance first.
PROVENANCE = ["report_id", "source_file", "page", "row_no"]
RAW_COLUMNS: dict[str, list[str]] = {
    "functional": ["functional_code", "code_printed", "item_name"],
    "summary": ["income_item", "income_line_no", "expenditure_item", "expenditure_line_no", *SUMMARY_AMOUNTS],
    "economic": ["column_group", "group_label", "economic_code", "code_printed", "item_name", "amount"],
    "three_public": ["item_code", "item_name", "budget_amount", "actual_amount"],
}


# How each row's amounts found their columns: "printed" (read from the cells), "derived"
# (a text dump lost the column; the identities decided it) or "ambiguous" (several
# placements fit; placement_candidates lists them per column, and those cells stay blank).
PLACEMENT = ["placement", "placement_candidates"]


def raw_columns(kind: TableKind) -> list[str]:
    columns = list(RAW_COLUMNS[kind.family])
    if kind.family == "functional":
        columns += FUNCTIONAL_AMOUNTS[kind.number]
    return PROVENANCE + columns + ["amount_unit"] + PLACEMENT + ["printed_cells"]


def _has(header: str, words: tuple[str, ...]) -> bool:
    return any(word in header for word in words)


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


def classify(header: str, rules) -> str | None:
    """The role of the first rule whose keyword is in the header."""
    for words, role in rules:
        if _has(header, words):
            return role
    return None


def _code_fields(texts: list[str], code_cols: list[int]) -> tuple[str, str, str]:
    """(digits, printed code, stray text) of a row's code columns."""
    printed = [texts[c].strip() for c in code_cols if texts[c].strip()]
    digits = [code_digits(p) for p in printed]
    code = "".join(d for d in digits if d)
    stray = " ".join(p for p, d in zip(printed, digits) if not d)
    return code, " ".join(p for p, d in zip(printed, digits) if d), stray


def parse_functional(table: PrintedTable, kind: TableKind) -> list[dict]:
    """02, 03, 05, 08, 09: a functional code (one column or 类/款/项), a name, amounts."""
    rules = AMOUNT_RULES[kind.number]
    code_cols, name_col, amount_cols = [], None, {}
    for c in range(table.n_cols):
        header, parts = table.header_text(c), table.header_parts[c]
        if _is_code_header(header, parts):
            code_cols.append(c)
        elif _is_name_header(header, parts) and name_col is None:
            name_col = c
        elif "行次" in header or not header:
            continue
        else:
            role = classify(header, rules)
            if role is None:
                raise LayoutError(f"table {kind.number}: column {c + 1} header {header!r} is not a known amount")
            if role in amount_cols.values():
                raise LayoutError(f"table {kind.number}: two columns read as {role}")
            amount_cols[c] = role
    if name_col is None or "total" not in amount_cols.values():
        raise LayoutError(f"table {kind.number}: no name or total column among headers {[table.header_text(c) for c in range(table.n_cols)]}")
    rows = []
    for row in table.rows:
        texts = place_cells(row, table.n_cols, {name_col})
        code, printed, stray = _code_fields(texts, code_cols)
        name = texts[name_col].strip() or stray
        record = {"functional_code": code, "code_printed": printed, "item_name": name}
        record.update({role: amount_text(texts[c]) for c, role in amount_cols.items()})
        record.update(_provenance(row))
        rows.append(record)
    return rows


def parse_summary(table: PrintedTable, kind: TableKind) -> list[dict]:
    """01 and 04: income on the left, expenditure on the right, each with 项目 (and 行次)."""
    sides: list[str | None] = []
    for c in range(table.n_cols):
        top = normalize_label(table.header_parts[c][0]) if table.header_parts[c] else ""
        sides.append("income" if top.startswith("收入") else "expenditure" if top.startswith("支出") else None)
    if None in sides:
        # No 收入/支出 band: the second 项目 column starts the expenditure side.
        item_cols = [c for c in range(table.n_cols) if "项目" in table.header_text(c)]
        if len(item_cols) < 2:
            raise LayoutError(f"table {kind.number}: cannot tell the income side from the expenditure side")
        sides = ["income" if c < item_cols[1] else "expenditure" for c in range(table.n_cols)]
    roles: dict[int, str] = {}
    for c in range(table.n_cols):
        header = table.header_text(c).removeprefix("收入").removeprefix("支出")
        side = sides[c]
        if "项目" in header and f"{side}_item" not in roles.values():
            roles[c] = f"{side}_item"
        elif "行次" in header:
            roles[c] = f"{side}_line_no"
        elif side == "income":
            roles[c] = "income_amount"
        else:
            role = classify(header, _EXPENDITURE_RULES)
            if role is None:
                raise LayoutError(f"table {kind.number}: column {c + 1} header {header!r} is not a known amount")
            roles[c] = role
    if "income_item" not in roles.values() or "expenditure_item" not in roles.values():
        raise LayoutError(f"table {kind.number}: no 项目 column on each side")
    item_cols = {c for c, r in roles.items() if r.endswith("_item")}
    rows = []
    for row in table.rows:
        texts = place_cells(row, table.n_cols, item_cols)
        record = {column: "" for column in RAW_COLUMNS["summary"]}
        for c, role in roles.items():
            record[role] = texts[c].strip() if role.endswith("_item") else amount_text(texts[c])
        record.update(_provenance(row))
        rows.append(record)
    return rows


@dataclass
class _Group:
    label: str
    code_cols: list[int]
    name_col: int | None = None
    amount_col: int | None = None


def parse_economic(table: PrintedTable, kind: TableKind) -> list[dict]:
    """06: column groups side by side, each a code (one column or 类/款), a name, an amount."""
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
            raise LayoutError(f"table {kind.number}: a column precedes the first code column")
        if _is_name_header(header, parts) and groups[-1].name_col is None:
            groups[-1].name_col = c
        elif groups[-1].amount_col is None:
            groups[-1].amount_col = c
        else:
            raise LayoutError(f"table {kind.number}: column {c + 1} ({header!r}) has no place in its group")
    if not groups or any(g.name_col is None or g.amount_col is None for g in groups):
        raise LayoutError(f"table {kind.number}: each column group needs a code, a name and an amount")
    names = {g.name_col for g in groups}
    rows = []
    for row in table.rows:
        texts = place_cells(row, table.n_cols, names)
        for number, group in enumerate(groups, start=1):
            code, printed, stray = _code_fields(texts, group.code_cols)
            name = texts[group.name_col].strip() or stray
            amount = amount_text(texts[group.amount_col])
            if not (code or name or amount):
                continue
            record = {
                "column_group": number,
                "group_label": group.label,
                "economic_code": code,
                "code_printed": printed,
                "item_name": name,
                "amount": amount,
            }
            record.update(_provenance(row))
            rows.append(record)
    return rows


def three_public_item(label: str) -> str | None:
    """Which 三公 item a printed label names."""
    key = normalize_label(label)
    if not key:
        return None
    if "因公出国" in key:
        return "overseas_travel"
    if "公务接待" in key:
        return "official_reception"
    if "购置及运行" in key or ("公务用车" in key and "购置" in key and "运行" in key):
        return "vehicle_total"
    if "运行" in key:
        return "vehicle_operation"
    if "购置" in key:
        return "vehicle_purchase"
    if "合计" in key or key == "总计":
        return "total"
    return None


def parse_three_public(table: PrintedTable, kind: TableKind) -> list[dict]:
    """07, printed either as items down the rows or as items across the columns."""
    budget_cols = [c for c in range(table.n_cols) if "预算" in table.header_text(c)]
    actual_cols = [c for c in range(table.n_cols) if "决算" in table.header_text(c)]
    column_items = {}
    for c in budget_cols + actual_cols:
        labels = [p for p in table.header_parts[c] if normalize_label(p) not in ("预算数", "决算数", "预算", "决算")]
        labels = [p for p in labels if three_public_item(p) or normalize_label(p) == "小计"]
        if labels:
            # "小计" under 公务用车购置及运行费 is that parent's total.
            item = three_public_item(labels[-1]) or three_public_item(labels[-2] if len(labels) > 1 else "")
            column_items[c] = (item, "/".join(labels))
    rows = []
    if len({item for item, _ in column_items.values()}) >= 2:
        # Items across the columns: one printed data row; all blank means all zero.
        printed_rows = table.rows or [PrintedRow(page=table.pages[0], row_no=0, cells=[])]
        for row in printed_rows:
            texts = place_cells(row, table.n_cols, set())
            by_item: dict[str, dict] = {}
            for c, (item, label) in column_items.items():
                entry = by_item.setdefault(item, {"item_code": item, "item_name": label, "budget_amount": "", "actual_amount": ""})
                entry["budget_amount" if c in budget_cols else "actual_amount"] = amount_text(texts[c])
            for entry in by_item.values():
                entry.update(_provenance(row))
                rows.append(entry)
        return rows
    if not budget_cols or not actual_cols:
        raise LayoutError("table 07: no 预算数 and 决算数 columns")
    item_col = next((c for c in range(table.n_cols) if "项目" in table.header_text(c)), 0)
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


PARSERS = {
    "functional": parse_functional,
    "summary": parse_summary,
    "economic": parse_economic,
    "three_public": parse_three_public,
}


def parse_table(table: PrintedTable, kind: TableKind) -> list[dict]:
    return PARSERS[kind.family](table, kind)
