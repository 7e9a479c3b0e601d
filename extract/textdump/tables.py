"""The nine tables from a text dump, as printed cells plus runs of amounts to place.

Two shapes occur. In *row layout* every printed row is a line (wrapped names and codes on
extra lines, blank cells gone). In *column layout* every column is printed top to bottom
(codes, then names, then each amount column under its heading and 栏次 number, listing only
its non-blank cells). Either way some amounts lose their column (or row); those become
:class:`~extract.placement.Sequence` s for the placement solver.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..labels import looks_like_code, looks_like_data_amount, nfkc, normalize_label
from ..reference import economic_code_for
from ..schema import KIND_BY_NUMBER, three_public_item
from .placement import Cell, Sequence

# 01 and 04 in raw-column names: one income amount; 04 splits expenditure by fund, 01 does not.
INCOME_COLUMN = "income_amount"
EXPENDITURE_COLUMNS = {
    number: [c for c in KIND_BY_NUMBER[number].amounts if c.startswith("expenditure_")] for number in ("01", "04")
}
EXPENDITURE_COLUMNS["01"] = EXPENDITURE_COLUMNS["01"][:1]
_INT = re.compile(r"^\d{1,3}$")
_NOTE = re.compile(r"^(注|本表|如本表|其中：预算数|其中:预算数)")


def amount(text: str) -> Decimal:
    return Decimal(nfkc(text).replace(",", ""))


def _is_amount(token: str) -> bool:
    return looks_like_data_amount(token)


def _is_note(line: str) -> bool:
    return bool(_NOTE.match(normalize_label(line)))


@dataclass
class TextRow:
    key: str  # row key: a code, 合计, I<n>/E<n> for summary lines, an item code for 07
    label: str
    line_no: int
    code: str = ""
    side: str = ""  # income / expenditure for 01 and 04
    printed_line_no: str = ""  # 行次


@dataclass
class TextTable:
    number: str
    shape: str  # how the dump prints it: row or column layout
    columns: list[str]
    rows: list[TextRow] = field(default_factory=list)
    known: dict[Cell, Decimal] = field(default_factory=dict)
    sequences: list[Sequence] = field(default_factory=list)

    def cell(self, row: str, column: str) -> Cell:
        return (self.number, row, column)

    def add_column(self, column: str, rows: list[str], values: list[Decimal]) -> None:
        """A column printed top to bottom: all its rows when it lists as many values as there
        are rows, else only its non-blank cells, whose rows are to be placed."""
        if len(values) == len(rows):
            for row, value in zip(rows, values):
                self.known[self.cell(row, column)] = value
        elif values:
            self.sequences.append(Sequence(tuple(values), tuple(self.cell(row, column) for row in rows)))

    def add_amounts(self, row: str, columns: list[str], values: list[Decimal], first_is_total: bool) -> None:
        """A row's printed amounts in order; those whose column is not certain become a sequence."""
        if not values:
            return
        if len(values) == len(columns):
            for column, value in zip(columns, values):
                self.known[self.cell(row, column)] = value
            return
        if first_is_total:
            self.known[self.cell(row, columns[0])] = values[0]
            columns, values = columns[1:], values[1:]
            if not values:
                return
        self.sequences.append(Sequence(tuple(values), tuple(self.cell(row, c) for c in columns)))


def detect_shape(lines: list[str]) -> str:
    """Row layout when many lines hold a label and amounts together, else column layout."""
    body = [line for line in lines if line.strip()]
    multi = sum(1 for line in body if len(line.split()) >= 2 and any(_is_amount(t) for t in line.split()))
    return "row" if body and multi / len(body) > 0.15 else "column"


# --- functional tables (02, 03, 05, 08, 09) -------------------------------------------------


def _functional_columns(number: str, heading: str) -> list[str]:
    """The amount columns a table prints: 05 and 09 print 本年支出 only, unless their heading
    shows the balance columns (年初/年末结转和结余) that 08 always has."""
    columns = list(KIND_BY_NUMBER[number].amounts)
    if number in ("05", "09") and "年初" not in normalize_label(heading):
        columns = [c for c in columns if c in ("total", "basic", "project")]
    return columns


def parse_functional_rows(number: str, lines: list[tuple[int, str]]) -> TextTable:
    first_row = next(
        (
            n
            for n, (_, line) in enumerate(lines)
            if line.split() and (looks_like_code(line.split()[0]) or normalize_label(line).startswith(("合计", "总计")))
        ),
        len(lines),
    )
    heading = "".join(line for _, line in lines[:first_row])
    table = TextTable(number, "row", _functional_columns(number, heading))
    first_is_total = table.columns[0] == "total"
    started = False
    current: dict | None = None
    pending: list[dict] = []

    def close():
        if current is not None:
            pending.append(current)

    for line_no, line in lines:
        text = line.strip()
        label = normalize_label(text)
        if not text or _INT.match(text) and not looks_like_code(text):
            continue  # blank, or a page number
        if _is_note(text):
            if started:
                break
            continue
        tokens = text.split()
        starts_row = looks_like_code(tokens[0]) or label.startswith(("合计", "总计"))
        if not started and not starts_row:
            continue  # header
        started = True
        if starts_row:
            close()
            key = nfkc(tokens[0]) if looks_like_code(tokens[0]) else "合计"
            current = {"key": key, "line_no": line_no, "name": [], "amounts": []}
            tokens = (
                tokens[1:]
                if looks_like_code(tokens[0])
                else [t for t in tokens if normalize_label(t) not in ("合计", "合", "计", "总计")]
            )
        for token in tokens:
            if _is_amount(token):
                current["amounts"].append(amount(token))
            else:
                current["name"].append(token)
    close()
    for row in pending:
        code = row["key"] if row["key"] != "合计" else ""
        name = "".join(row["name"]) or ("合计" if not code else "")
        table.rows.append(TextRow(row["key"], name, row["line_no"], code=code))
        table.add_amounts(row["key"], table.columns, row["amounts"], first_is_total)
    return table


def _blocks(lines: list[tuple[int, str]]) -> list[tuple[str, list[tuple[int, str]]]]:
    """Column layout: (heading, values) blocks; a heading is text lines closed by its 栏次 number."""
    blocks: list[tuple[str, list[tuple[int, str]]]] = []
    heading: list[str] = []
    for line_no, line in lines:
        text = line.strip()
        if not text or _is_note(text):
            continue
        if _INT.match(text) and heading:
            blocks.append(("".join(heading), []))
            heading = []
        elif _is_amount(text) and blocks and not heading:
            blocks[-1][1].append((line_no, text))
        else:
            heading.append(text)
    return blocks


def parse_functional_columns(number: str, lines: list[tuple[int, str]]) -> TextTable:
    table = TextTable(number, "column", list(KIND_BY_NUMBER[number].amounts))
    texts = [(n, line.strip()) for n, line in lines if line.strip() and not _is_note(line)]
    # codes: the run starting at 合计 (or the first code)
    start = next(
        (i for i, (_, t) in enumerate(texts) if normalize_label(t) in ("合计", "总计") or looks_like_code(t)), None
    )
    if start is None:
        return table
    codes: list[tuple[int, str]] = []
    i = start
    while i < len(texts) and (
        looks_like_code(texts[i][1]) or (i == start and normalize_label(texts[i][1]) in ("合计", "总计"))
    ):
        codes.append(texts[i])
        i += 1
    name_at = next((k for k in range(i, len(texts)) if "科目名称" in normalize_label(texts[k][1])), None)
    rest = texts[name_at + 1 :] if name_at is not None else texts[i:]
    names: list[str] = []
    k = 0
    code_rows = [c for c in codes if looks_like_code(c[1])]
    while k < len(rest) and len(names) < len(code_rows) and not _INT.match(rest[k][1]) and not _is_amount(rest[k][1]):
        names.append(rest[k][1])
        k += 1
    keys = [nfkc(t) if looks_like_code(t) else "合计" for _, t in codes]
    name_of = dict(zip([nfkc(t) for _, t in code_rows], names))
    for (line_no, _), key in zip(codes, keys):
        table.rows.append(
            TextRow(key, name_of.get(key, "合计" if key == "合计" else ""), line_no, code=key if key != "合计" else "")
        )
    for heading, values in _blocks(rest[k:]):
        role = KIND_BY_NUMBER[number].role_of(normalize_label(heading))
        if role is not None and role in table.columns:
            table.add_column(role, keys, [amount(v) for _, v in values])
    return table


# --- summary tables (01, 04) -----------------------------------------------------------------


def parse_summary_rows(number: str, lines: list[tuple[int, str]]) -> TextTable:
    table = TextTable(number, "row", EXPENDITURE_COLUMNS[number])
    index = 0
    for line_no, line in lines:
        text = line.strip()
        if not text or "栏次" in normalize_label(text) or _is_note(text):
            if _is_note(text) and index:
                break
            continue
        tokens = text.split()
        ints = [n for n, t in enumerate(tokens) if _INT.match(t)]
        if not ints:
            continue
        first = ints[0]
        income_item = "".join(tokens[:first])
        income_line = tokens[first]
        position = first + 1
        income_amount = None
        if position < len(tokens) and _is_amount(tokens[position]):
            income_amount = amount(tokens[position])
            position += 1
        second = next((n for n in range(position, len(tokens)) if _INT.match(tokens[n])), None)
        if second is None:
            continue
        expenditure_item = "".join(tokens[position:second])
        expenditure_amounts = [amount(t) for t in tokens[second + 1 :] if _is_amount(t)]
        index += 1
        income_key, expenditure_key = f"I{index}", f"E{index}"
        table.rows.append(TextRow(income_key, income_item, line_no, side="income", printed_line_no=income_line))
        table.rows.append(
            TextRow(expenditure_key, expenditure_item, line_no, side="expenditure", printed_line_no=tokens[second])
        )
        if income_amount is not None:
            table.known[table.cell(income_key, INCOME_COLUMN)] = income_amount
        table.add_amounts(expenditure_key, table.columns, expenditure_amounts, first_is_total=True)
    return table


def parse_summary_columns(number: str, lines: list[tuple[int, str]]) -> TextTable:
    table = TextTable(number, "column", EXPENDITURE_COLUMNS[number])
    texts = [(n, line.strip()) for n, line in lines if line.strip() and not _is_note(line)]
    split = next((i for i, (_, t) in enumerate(texts) if normalize_label(t) == "支出"), None)
    if split is None:
        return table
    for side, part in (("income", texts[:split]), ("expenditure", texts[split + 1 :])):
        labels = [normalize_label(t) for _, t in part]
        start = next((i + 1 for i, label in enumerate(labels) if label == "栏次"), None)
        end = next((i for i, label in enumerate(labels) if label in ("行次", "行")), None)
        if start is None or end is None:
            continue
        prefix = "I" if side == "income" else "E"
        keys = []
        for n, (line_no, item) in enumerate(part[start:end], start=1):
            key = f"{prefix}{n}"
            keys.append(key)
            table.rows.append(TextRow(key, item, line_no, side=side))
        after = end + 1
        while after < len(part) and (labels[after] == "次" or _INT.match(part[after][1])):
            after += 1  # the 行次 numbers
        for heading, values in _blocks(part[after:]):
            role = INCOME_COLUMN if side == "income" else KIND_BY_NUMBER[number].role_of(normalize_label(heading))
            numbers = [amount(v) for _, v in values]
            if role is None or not numbers:
                continue
            table.sequences.append(Sequence(tuple(numbers), tuple(table.cell(key, role) for key in keys)))
    return table


# --- 06 -------------------------------------------------------------------------------------

_ECONOMIC_TOTAL = re.compile(r"^(人员经费|公用经费)合计$")


def parse_economic_rows(lines: list[tuple[int, str]]) -> TextTable:
    """Row layout: codes, names and amounts of the side-by-side groups come as one stream;
    an amount right after a name is that item's."""
    table = TextTable("06", "row", ["amount"])
    tokens: list[tuple[int, str]] = []
    started = False
    for line_no, line in lines:
        text = line.strip()
        if not text:
            continue
        if _is_note(text):
            if started:
                break
            continue
        if not started:
            if not re.match(r"^\d{3}", text):
                continue
            started = True
        tokens += [(line_no, t) for t in text.split()]
    items: list[dict] = []
    n = 0
    while n < len(tokens):
        line_no, token = tokens[n]
        label = normalize_label(token)
        if re.fullmatch(r"\d{3,5}", token):
            code = token
            # a code wrapped in a narrow column: "3010" then "1"
            if len(code) == 4 and n + 1 < len(tokens) and re.fullmatch(r"\d{1,2}", tokens[n + 1][1]):
                code += tokens[n + 1][1]
                n += 1
            items.append({"code": code, "name": [], "amount": None, "line_no": line_no})
        elif _ECONOMIC_TOTAL.match(label):
            items.append({"code": "", "name": [label], "amount": None, "line_no": line_no})
        elif _is_amount(token) and items and items[-1]["amount"] is None:
            items[-1]["amount"] = amount(token)
        elif items:
            items[-1]["name"].append(token)
        n += 1
    for item in items:
        name = "".join(item["name"])
        code = economic_code_for(item["code"], name) if item["code"] else ""
        key = code or name
        table.rows.append(TextRow(key, name, item["line_no"], code=code))
        if item["amount"] is not None:
            table.known[table.cell(key, "amount")] = item["amount"]
    return table


def parse_economic_columns(lines: list[tuple[int, str]]) -> TextTable:
    """Column layout: per group a run of codes (ending with its 合计 label), a run of names,
    and the non-blank 决算数 of the group."""
    table = TextTable("06", "column", ["amount"])
    texts = [(n, line.strip()) for n, line in lines if line.strip() and not _is_note(line)]
    groups: list[dict] = []
    i = 0
    while i < len(texts):
        label = normalize_label(texts[i][1])
        if label.startswith("科目编") or label == "码":
            i += 1
            continue
        if re.fullmatch(r"\d{3,5}", label):
            group = {"codes": [], "total": None, "names": [], "values": []}
            while i < len(texts) and re.fullmatch(r"\d{3,5}", normalize_label(texts[i][1])):
                group["codes"].append(texts[i])
                i += 1
            if i < len(texts) and _ECONOMIC_TOTAL.match(normalize_label(texts[i][1])):
                group["total"] = texts[i]
                i += 1
            groups.append(group)
            continue
        if label == "科目名称" and groups:
            i += 1
            while (
                i < len(texts) and len(groups[-1]["names"]) < len(groups[-1]["codes"]) and not _is_amount(texts[i][1])
            ):
                groups[-1]["names"].append(texts[i][1].strip())
                i += 1
            continue
        if label == "决算数" and groups:
            i += 1
            while i < len(texts) and _is_amount(texts[i][1]):
                groups[-1]["values"].append(amount(texts[i][1]))
                i += 1
            continue
        i += 1
    kinds = ["personnel" if g["codes"] and g["codes"][0][1][:3] in ("301", "303") else "public" for g in groups]
    for g, group in enumerate(groups):
        keys = []
        for (line_no, code), name in zip(group["codes"], group["names"] + [""] * len(group["codes"])):
            key = economic_code_for(code, name) or code
            keys.append(key)
            table.rows.append(TextRow(key, name, line_no, code=key))
        # The group total row is printed at the bottom of the last group of its kind.
        if g == max(k for k in range(len(groups)) if kinds[k] == kinds[g]):
            total_key = f"{'人员经费' if kinds[g] == 'personnel' else '公用经费'}合计"
            line_no = group["total"][0] if group["total"] else group["codes"][-1][0]
            table.rows.append(TextRow(total_key, total_key, line_no))
            keys.append(total_key)
        if group["values"]:
            _place_economic_group(table, keys, group["values"])
    return table


def _segments(keys: list[str]) -> list[list[str]]:
    """A group's rows cut into class segments (class row, then its 款), a total row alone."""
    segments: list[list[str]] = []
    for key in keys:
        if len(key) == 5 and segments and key.startswith(segments[-1][0]):
            segments[-1].append(key)
        else:
            segments.append([key])
    return segments


def _split_by_sums(values: list[Decimal], segments: list[list[str]]) -> list[list[Decimal]] | None:
    """The group's values cut per segment so that each class row is the sum of its 款 and a
    total row the sum of the class rows (within rounding); None if no cut or several fit."""
    tolerance = Decimal("0.005")
    found: list[list[list[Decimal]]] = []

    def cut(position: int, s: int, taken: list[list[Decimal]]) -> None:
        if len(found) > 1:
            return
        if s == len(segments):
            if position == len(values):
                found.append(list(taken))
            return
        segment = segments[s]
        for n in range(0, min(len(segment), len(values) - position) + 1):
            part = values[position : position + n]
            if len(segment) == 1 and not segment[0][:3].isdigit():  # a 合计 row: the classes so far
                classes = [p[0] for p, seg in zip(taken, segments) if p and seg[0][:3].isdigit()]
                if n == 1 and abs(part[0] - sum(classes, Decimal(0))) > tolerance * (len(classes) + 1):
                    continue
            elif n > 1 and abs(part[0] - sum(part[1:], Decimal(0))) > tolerance * n:
                continue
            cut(position + n, s + 1, taken + [part])

    cut(0, 0, [])
    return found[0] if len(found) == 1 else None


def _place_economic_group(table: TextTable, keys: list[str], values: list[Decimal]) -> None:
    segments = _segments(keys)
    parts = _split_by_sums(values, segments)
    if parts is None:
        table.sequences.append(Sequence(tuple(values), tuple(table.cell(k, "amount") for k in keys)))
        return
    for segment, part in zip(segments, parts):
        if not part:
            continue
        table.known[table.cell(segment[0], "amount")] = part[0]  # the class (or total) row
        children = segment[1:]
        if len(part) - 1 == len(children):
            for key, value in zip(children, part[1:]):
                table.known[table.cell(key, "amount")] = value
        elif len(part) > 1:
            table.sequences.append(Sequence(tuple(part[1:]), tuple(table.cell(k, "amount") for k in children)))


# --- 07 -------------------------------------------------------------------------------------


def parse_three_public(lines: list[tuple[int, str]], shape: str) -> TextTable:
    table = TextTable("07", shape, list(KIND_BY_NUMBER["07"].amounts))
    texts = [(n, line.strip()) for n, line in lines if line.strip() and not _is_note(line)]
    if shape == "row":
        for line_no, text in texts:
            tokens = text.split()
            values = [amount(t) for t in tokens if _is_amount(t)]
            label = "".join(t for t in tokens if not _is_amount(t))
            item = three_public_item(label)
            if item is None or item in {r.key for r in table.rows}:
                continue
            table.rows.append(TextRow(item, label, line_no))
            table.add_amounts(item, table.columns, values, first_is_total=False)
        return table
    items = [(n, t) for n, t in texts if three_public_item(t)]
    for line_no, text in items:
        item = three_public_item(text)
        if item not in {r.key for r in table.rows}:
            table.rows.append(TextRow(item, text, line_no))
    keys = [r.key for r in table.rows]
    current = None
    values: dict[str, list[Decimal]] = {"budget_amount": [], "actual_amount": []}
    for _, text in texts:
        label = normalize_label(text)
        if label.startswith("预算"):
            current = "budget_amount"
        elif label.startswith("决算"):
            current = "actual_amount"
        elif current and _is_amount(text):
            values[current].append(amount(text))
    for column, numbers in values.items():
        table.add_column(column, keys, numbers)
    return table


def parse_table(number: str, lines: list[tuple[int, str]]) -> TextTable:
    shape = detect_shape([line for _, line in lines])
    parser = KIND_BY_NUMBER[number].parser
    if parser == "summary":
        return parse_summary_rows(number, lines) if shape == "row" else parse_summary_columns(number, lines)
    if parser == "economic":
        return parse_economic_rows(lines) if shape == "row" else parse_economic_columns(lines)
    if parser == "three_public":
        return parse_three_public(lines, shape)
    return parse_functional_rows(number, lines) if shape == "row" else parse_functional_columns(number, lines)
