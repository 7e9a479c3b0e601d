"""The accounting identities of the nine tables as linear constraints over cells, for
placing amounts whose columns a text dump lost. The same identities the warehouse checks
(macros/identities.sql), plus the ⊇ ties an accountant uses: 03 covers all the funds 05
and 09 cover, 01 all that 04 covers."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import partial

from ..reference import functional_class_code, personnel_classes, summary_line_key, table_ties
from ..schema import KIND_BY_NUMBER, THREE_PUBLIC_ITEMS
from .placement import Cell, Constraint
from .tables import INCOME_COLUMN, TextTable

INCOME_KINDS_01 = {
    "fiscal_appropriation": (
        "fiscal_appropriation",  # 财政拨款收入 printed as one line (its funds in 其中 lines)
        "general_budget_appropriation",
        "government_fund_appropriation",
        "state_capital_appropriation",
    ),
    "superior_subsidy": ("superior_subsidy",),
    "business_income": ("business_income",),
    "operating_income": ("operating_income",),
    "subsidiary_remittance": ("subsidiary_remittance",),
    "other_income": ("other_income",),
}


def _equal(left: list[Cell], right: list[Cell], name: str) -> Constraint:
    return Constraint(tuple((1, c) for c in left) + tuple((-1, c) for c in right), "=", name)


def _at_least(left: Cell, right: Cell, name: str) -> Constraint:
    return Constraint(((1, left), (-1, right)), ">=", name)


def _functional(table: TextTable) -> list[Constraint]:
    kind = KIND_BY_NUMBER[table.number]
    total, parts = kind.row_total
    codes = [r.key for r in table.rows]
    constraints = [
        _equal([table.cell(row, total)], [table.cell(row, p) for p in parts], f"{table.number} row {row}")
        for row in codes
    ]
    for parent in codes:
        if parent == "合计":
            children = [c for c in codes if len(c) == 3]
        else:
            children = [c for c in codes if len(c) == len(parent) + 2 and c.startswith(parent)]
        if not children:
            continue
        for column in kind.amounts:
            constraints.append(
                _equal(
                    [table.cell(parent, column)],
                    [table.cell(c, column) for c in children],
                    f"{table.number} {parent} {column}",
                )
            )
    return constraints


def summary_column(side: str, amount_column: str) -> str:
    """The raw column of a 01/04 side's amount column as the warehouse names it (total,
    general_budget …)."""
    return INCOME_COLUMN if side == "income" else f"expenditure_{amount_column}"


class _Lines:
    """01/04 lines by key: year_total, grand_total, class (by code) …"""

    def __init__(self, table: TextTable):
        self.table = table
        self.by_key: dict[tuple[str, str], list[str]] = {}
        opening_seen = False
        for row in table.rows:
            key = summary_line_key(row.side, row.label) if row.label else None
            if key is None:
                continue
            if row.side == "income" and key == "opening_balance":
                opening_seen = True
            elif row.side == "income" and key.endswith("_appropriation") and opening_seen:
                key = f"opening_breakdown:{key}"
            if key == "class":
                key = f"class:{functional_class_code(row.label)}"
            self.by_key.setdefault((row.side, key), []).append(row.key)

    def cells(self, side: str, key: str, column: str = "total") -> list[Cell]:
        """Cells of the lines with this key, in an amount column named as in the warehouse."""
        return [self.table.cell(row, summary_column(side, column)) for row in self.by_key.get((side, key), [])]

    def keys(self, side: str, prefix: str) -> list[str]:
        return [key for s, key in self.by_key if s == side and key.startswith(prefix)]


_FUND_COLUMNS = (  # each fund of 04: its income line and its expenditure column
    ("general_budget_appropriation", "general_budget"),
    ("government_fund_appropriation", "government_fund"),
    ("state_capital_appropriation", "state_capital"),
)
_NOT_INCOME_KINDS = ("year_total", "use_of_non_fiscal_balance", "opening_balance", "grand_total", "of_which")


def _expenditure_sums(table: TextTable, lines: _Lines) -> list[Constraint]:
    constraints = []
    for raw_column in table.columns:
        column = raw_column.removeprefix("expenditure_")
        classes = [c for key in lines.keys("expenditure", "class:") for c in lines.cells("expenditure", key, column)]
        constraints.append(
            _equal(lines.cells("expenditure", "year_total", column), classes, f"{table.number} classes {column}")
        )
        constraints.append(
            _equal(
                lines.cells("expenditure", "grand_total", column),
                lines.cells("expenditure", "year_total", column)
                + lines.cells("expenditure", "balance_distribution", column)
                + lines.cells("expenditure", "closing_balance", column),
                f"{table.number} expenditure grand {column}",
            )
        )
    return constraints


def _fund_balances(table: TextTable, lines: _Lines) -> list[Constraint]:
    """04: each line's total is the sum of its funds; the opening balance is the sum of its
    breakdown; each fund balances on its own (opening + income = expenditure + closing)."""
    total, *funds = table.columns
    constraints = [
        _equal([table.cell(row.key, total)], [table.cell(row.key, c) for c in funds], f"04 line {row.key}")
        for row in table.rows
        if row.side == "expenditure"
    ]
    breakdown = [c for key in lines.keys("income", "opening_breakdown:") for c in lines.cells("income", key)]
    constraints.append(_equal(lines.cells("income", "opening_balance"), breakdown, "04 opening"))
    for fund, column in _FUND_COLUMNS:
        constraints.append(
            _equal(
                lines.cells("income", fund) + lines.cells("income", f"opening_breakdown:{fund}"),
                lines.cells("expenditure", "year_total", column)
                + lines.cells("expenditure", "closing_balance", column),
                f"04 {fund} balance",
            )
        )
    return constraints


def _income_sums(table: TextTable, lines: _Lines) -> list[Constraint]:
    kinds = [
        c
        for key in lines.keys("income", "")
        if key not in _NOT_INCOME_KINDS and not key.startswith("opening_breakdown")
        for c in lines.cells("income", key)
    ]
    grand = lines.cells("income", "grand_total")
    balances = lines.cells("income", "use_of_non_fiscal_balance") + lines.cells("income", "opening_balance")
    return [
        _equal(lines.cells("income", "year_total"), kinds, f"{table.number} income year"),
        _equal(grand, lines.cells("income", "year_total") + balances, f"{table.number} income grand"),
        _equal(grand, lines.cells("expenditure", "grand_total"), f"{table.number} balance"),
    ]


def _summary(table: TextTable, lines: _Lines) -> list[Constraint]:
    constraints = _expenditure_sums(table, lines)
    if table.number == "04":
        constraints += _fund_balances(table, lines)
    return constraints + _income_sums(table, lines)


def _economic(table: TextTable) -> list[Constraint]:
    constraints = []
    codes = [r.key for r in table.rows if r.code]
    for parent in (c for c in codes if len(c) == 3):
        children = [c for c in codes if len(c) == 5 and c.startswith(parent)]
        if children:
            constraints.append(
                _equal([table.cell(parent, "amount")], [table.cell(c, "amount") for c in children], f"06 {parent}")
            )
    classes = [c for c in codes if len(c) == 3]
    personnel = personnel_classes()
    constraints.append(
        _equal(
            [table.cell("人员经费合计", "amount")],
            [table.cell(c, "amount") for c in classes if c in personnel],
            "06 personnel",
        )
    )
    constraints.append(
        _equal(
            [table.cell("公用经费合计", "amount")],
            [table.cell(c, "amount") for c in classes if c not in personnel],
            "06 public",
        )
    )
    return constraints


def _column_cell(table: TextTable, column: str, item: str) -> Cell:
    return table.cell(item, column)


def _three_public(table: TextTable) -> list[Constraint]:
    constraints = []
    for column in table.columns:
        cell = partial(_column_cell, table, column)
        constraints.append(
            _equal(
                [cell("total")],
                [cell("overseas_travel"), cell("official_reception"), cell("vehicle_total")],
                f"07 total {column}",
            )
        )
        constraints.append(
            _equal(
                [cell("vehicle_total")], [cell("vehicle_purchase"), cell("vehicle_operation")], f"07 vehicle {column}"
            )
        )
    return constraints


def _within_tables(tables: dict[str, TextTable], lines: dict[str, _Lines]) -> list[Constraint]:
    constraints: list[Constraint] = []
    for number, table in tables.items():
        parser = KIND_BY_NUMBER[number].parser
        if parser == "functional":
            constraints += _functional(table)
        elif number in lines:
            constraints += _summary(table, lines[number])
        elif parser == "economic":
            constraints += _economic(table)
        elif parser == "three_public":
            constraints += _three_public(table)
    return constraints


def _tie_constraints(tables: dict[str, TextTable], lines: dict[str, _Lines]) -> list[Constraint]:
    """Each detail table's 合计 equals its 01/04 line (seed table_ties), and its class rows the
    class lines; 02's columns match 01's income lines kind by kind."""
    constraints: list[Constraint] = []
    for tie in table_ties():
        detail, summary = tables.get(tie["detail_table"]), lines.get(tie["summary_table"])
        if detail is None or summary is None:
            continue
        number, column, side = tie["detail_table"], tie["amount_column"], tie["side"]
        constraints.append(
            _equal(
                [detail.cell("合计", "total")],
                summary.cells(side, "year_total", column),
                f"{number} 合计 = {tie['summary_table']}",
            )
        )
        if number == "02":
            for income_column, keys in INCOME_KINDS_01.items():
                cells = [c for k in keys for c in summary.cells("income", k)]
                constraints.append(_equal([detail.cell("合计", income_column)], cells, f"02 合计 {income_column} = 01"))
        if tie["ties_class_lines"] == "true":
            for key in summary.keys("expenditure", "class:"):
                constraints.append(
                    _equal(
                        [detail.cell(key.split(":")[1], "total")],
                        summary.cells(side, key, column),
                        f"{number} {key} = {tie['summary_table']}",
                    )
                )
    return constraints


def _summary_pairs(lines: dict[str, _Lines]) -> list[Constraint]:
    """01 covers all 04 covers: the same appropriations, balances at least 04's."""
    if "01" not in lines or "04" not in lines:
        return []
    l01, l04 = lines["01"], lines["04"]
    constraints = [
        _equal(l01.cells("income", key), l04.cells("income", key), f"01 {key} = 04") for key, _ in _FUND_COLUMNS
    ]
    for side, key in (("income", "opening_balance"), ("expenditure", "closing_balance")):
        for left in l01.cells(side, key):
            for right in l04.cells(side, key):
                constraints.append(_at_least(left, right, f"01 {key} ⊇ 04"))
    return constraints


def _coverage(tables: dict[str, TextTable]) -> list[Constraint]:
    """03 covers what 05 and 09 cover; 06's groups add up to 05's basic; 07 covers 06's codes."""
    constraints: list[Constraint] = []
    if "03" in tables:
        for number in ("05", "09"):
            for row in tables[number].rows if number in tables else []:
                for column in ("total", "basic", "project"):
                    constraints.append(
                        _at_least(
                            tables["03"].cell(row.key, column),
                            tables[number].cell(row.key, column),
                            f"03 ⊇ {number} {row.key} {column}",
                        )
                    )
    if "06" in tables and "05" in tables:
        t06 = tables["06"]
        constraints.append(
            _equal(
                [tables["05"].cell("合计", "basic")],
                [t06.cell("人员经费合计", "amount"), t06.cell("公用经费合计", "amount")],
                "06 = 05 basic",
            )
        )
    if "06" in tables and "07" in tables:
        for item, code in (
            ("overseas_travel", "30212"),
            ("official_reception", "30217"),
            ("vehicle_operation", "30231"),
            ("vehicle_purchase", "31013"),
        ):
            constraints.append(
                _at_least(
                    tables["07"].cell(item, "actual_amount"), tables["06"].cell(code, "amount"), f"07 {item} ⊇ 06"
                )
            )
    return constraints


def build_constraints(tables: dict[str, TextTable]) -> list[Constraint]:
    lines = {number: _Lines(table) for number, table in tables.items() if KIND_BY_NUMBER[number].parser == "summary"}
    constraints = (
        _within_tables(tables, lines) + _tie_constraints(tables, lines) + _summary_pairs(lines) + _coverage(tables)
    )
    return [c for c in constraints if len(c.terms) > 1]


# The narrative states some figures outright ("公务用车运行维护费 3.80 万元"); where the
# identities leave a 三公 item open, the report's own statement decides it.
_NARRATIVE_THREE_PUBLIC = (
    ("vehicle_total", r"公务用车购置及运行(?:维护)?费\s*([\d,]+\.\d+)\s*万元"),
    ("vehicle_operation", r"公务用车运行维护费\s*([\d,]+\.\d+)\s*万元"),
    ("vehicle_purchase", r"公务用车购置费\s*([\d,]+\.\d+)\s*万元"),
    ("official_reception", r"公务接待费\s*([\d,]+\.\d+)\s*万元"),
    ("overseas_travel", r"因公出国（境）费\s*([\d,]+\.\d+)\s*万元"),
)


def narrative_figures(narrative: str, tables: dict[str, TextTable]) -> tuple[dict[Cell, Decimal], list[Constraint]]:
    """Figures the narrative states, as cells fixed to a constant (a hint cell per figure)."""
    known: dict[Cell, Decimal] = {}
    constraints: list[Constraint] = []
    if "07" not in tables:
        return known, constraints
    text = re.sub(r"\s+", " ", narrative)
    for item, pattern in _NARRATIVE_THREE_PUBLIC:
        match = re.search(pattern, text)
        if match:
            hint = ("narrative", item, "actual_amount")
            known[hint] = Decimal(match.group(1).replace(",", ""))
            constraints.append(_equal([tables["07"].cell(item, "actual_amount")], [hint], f"narrative {item}"))
    # "决算数与预算数持平" in the 三公 account: each item spent exactly its budget.
    section = re.search(r"三公.{0,400}", text)
    if section and "决算数与预算数持平" in section.group(0):
        for item in THREE_PUBLIC_ITEMS:
            budget, actual = tables["07"].cell(item, "budget_amount"), tables["07"].cell(item, "actual_amount")
            constraints.append(_equal([budget], [actual], f"narrative {item} at budget"))
    return known, constraints
