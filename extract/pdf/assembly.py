"""A printed table as header labels per column and data rows, across page breaks.

Works on :class:`Grid` objects only (no PDF), so every rule here is testable from cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..labels import looks_like_code, looks_like_data_amount, normalize_label
from ..titles import match_title
from .grid import Grid, GridCell

_TOTAL_LABELS = ("合计", "总计")
_ORDINAL_PREFIXES = tuple("一二三四五六七八九十")
# Words printed only as column headings. They mark the end of a header block, and where a
# producer's row lines put them into the first data row they are moved back to the header.
HEADER_WORDS = frozenset(
    "类 款 项 项目 栏次 行次 金额 科目编码 科目名称 预算数 决算数 小计 合计 基本支出 项目支出 本年支出 本年收入"
    " 人员经费 公用经费".split()
)
_HEADER_SEARCH_ROWS = 10


@dataclass
class PrintedRow:
    page: int
    row_no: int  # 1-based over the whole printed table, header rows included
    cells: list[GridCell]  # cells starting in this row, in column order

    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]


@dataclass
class PrintedTable:
    n_cols: int
    header_parts: list[list[str]]  # per column: the header labels above it, top to bottom
    rows: list[PrintedRow] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)

    def header_text(self, col: int) -> str:
        return normalize_label("".join(self.header_parts[col]))


def _row_cells(grid: Grid, row: int) -> list[GridCell]:
    return [cell for cell in grid.cells if cell.row == row]


def _is_value(text: str) -> bool:
    """An amount or a code: what only data rows hold."""
    return looks_like_data_amount(text) or looks_like_code(text)


def _is_row_label(text: str) -> bool:
    """A label that starts a data row: 合计/总计 or an enumerated line (一、…)."""
    label = normalize_label(text)
    return label in _TOTAL_LABELS or (len(label) > 2 and label[0] in _ORDINAL_PREFIXES and label[1] in "、.")


def _row_has_data(cells: list[GridCell]) -> bool:
    texts = [c.text.strip() for c in cells if c.text.strip()]
    return bool(texts) and (any(_is_value(t) for t in texts) or _is_row_label(texts[0]))


def _is_header_row(cells: list[GridCell]) -> bool:
    """Column headings only: no values, and at least one word that only headings use."""
    texts = [normalize_label(c.text) for c in cells if c.text.strip()]
    return (
        bool(texts)
        and not _is_row_label(texts[0])
        and not any(_is_value(t) for t in texts)
        and any(t in HEADER_WORDS for t in texts)
    )


def _is_column_index_row(cells: list[GridCell]) -> bool:
    """The 栏次 row ('栏次 1 2 3 …') or a bare row of column numbers."""
    texts = [normalize_label(c.text) for c in cells if c.text.strip()]
    if not texts:
        return False
    return any(t.startswith("栏次") for t in texts) or all(t.isdigit() and len(t) <= 2 for t in texts)


def _is_caption_row(grid: Grid, cells: list[GridCell]) -> bool:
    """A title or unit line printed inside the grid as one cell spanning the table."""
    texts = [c for c in cells if c.text.strip()]
    if len(texts) != 1 or texts[0].col_span < grid.n_cols - 1:
        return False
    label = normalize_label(texts[0].text)
    return match_title(label) is not None or "单位:" in label or "单位：" in label


def heading_rows(grid: Grid) -> list[str]:
    """The grid's column-heading rows as text (none on a continuation page that does not
    repeat its headings). A row whose only heading word is 小计 or 合计 is not counted: it is
    as likely the tail of a total row the page break cut (当年收入 | 小计)."""
    rows = [_row_cells(grid, r) for r in range(first_data_row(grid))]
    return [
        " ".join(normalize_label(c.text) for c in cells)
        for cells in rows
        if _is_header_row(cells) and {normalize_label(c.text) for c in cells} & HEADER_WORDS - {"小计", "合计"}
    ]


def first_data_row(grid: Grid) -> int:
    """Index of the first row that holds data; rows above it are the header."""
    last_header = -1
    for r in range(min(grid.n_rows, _HEADER_SEARCH_ROWS)):
        cells = _row_cells(grid, r)
        if _is_header_row(cells) or _is_column_index_row(cells):
            last_header = r
    last_text_row = -1
    for r in range(last_header + 1, grid.n_rows):
        cells = _row_cells(grid, r)
        if _row_has_data(cells) and not _is_column_index_row(cells):
            return r
        if any(c.text.strip() for c in cells):
            last_text_row = r
    # No recognisable data (an all-blank table): everything after the last label is data.
    return max(last_text_row, last_header) + 1


def _split_header_words(grid: Grid, row: int) -> tuple[list[GridCell], list[GridCell]]:
    """(heading cells, data cells) of a first data row that shares its line with headings."""
    headings, data = [], []
    label_seen = False
    for cell in _row_cells(grid, row):
        text = cell.text.strip()
        if label_seen or not text:
            is_heading = normalize_label(text) in HEADER_WORDS and not _is_value(text)
        else:
            is_heading = not (_is_value(text) or _is_row_label(text))
            label_seen = not is_heading
            is_heading = is_heading and normalize_label(text) in HEADER_WORDS
        (headings if is_heading else data).append(cell)
    return headings, data


def _header_parts(grid: Grid, header_rows: range, extra: list[GridCell]) -> list[list[str]]:
    owner = grid.cell_at()
    parts: list[list[str]] = [[] for _ in range(grid.n_cols)]
    seen: list[set[int]] = [set() for _ in range(grid.n_cols)]
    for r in header_rows:
        row_cells = _row_cells(grid, r)
        if _is_column_index_row(row_cells) or _is_caption_row(grid, row_cells):
            continue
        for c in range(grid.n_cols):
            cell = owner.get((r, c))
            if cell is None or id(cell) in seen[c] or not cell.text.strip():
                continue
            seen[c].add(id(cell))
            parts[c].append(cell.text.strip())
    for cell in extra:
        for c in range(cell.col, min(cell.col + cell.col_span, grid.n_cols)):
            parts[c].append(cell.text.strip())
    return parts


ColumnRange = tuple[int, int]  # first and last column of the first page a column covers


def _covered_columns(first: Grid, lo: float, hi: float) -> ColumnRange | None:
    """The first page's columns whose centres lie between lo and hi (a continuation page
    whose merged closing row left it fewer column rules covers several)."""
    inside = [k for k in range(first.n_cols) if lo <= (first.col_edges[k] + first.col_edges[k + 1]) / 2 < hi]
    return (inside[0], inside[-1]) if inside else None


def _column_at(first: Grid, centre: float) -> ColumnRange | None:
    if first.positioned:  # its outer edges are only where its own characters ended
        centre = min(max(centre, first.col_edges[0]), first.col_edges[-1] - 0.01)
    target = next((k for k in range(first.n_cols) if first.col_edges[k] <= centre < first.col_edges[k + 1]), None)
    return None if target is None else (target, target)


def column_map(first: Grid, other: Grid) -> list[ColumnRange] | None:
    """Which columns of the first page each column of a continuation page covers. Ruled pages
    with as many columns match by position; ruled pages with fewer by the columns each
    covers; otherwise (and always for unruled tables, whose blank columns vanish from a page)
    by where each column's centre falls."""
    if other.n_cols == first.n_cols and not (first.positioned or other.positioned):
        return [(c, c) for c in range(other.n_cols)]
    mapping = []
    for c in range(other.n_cols):
        lo, hi = other.col_edges[c], other.col_edges[c + 1]
        covered = None
        if other.n_cols < first.n_cols and not (first.positioned or other.positioned):
            covered = _covered_columns(first, lo, hi)
        centre = other.col_centres[c] if other.col_centres else (lo + hi) / 2
        covered = covered or _column_at(first, centre)
        if covered is None:
            return None
        mapping.append(covered)
    return mapping


def identity_map(grid: Grid) -> list[ColumnRange]:
    return [(c, c) for c in range(grid.n_cols)]


def remap_cell(cell: GridCell, mapping: list[ColumnRange]) -> GridCell:
    """A continuation page's cell on the first page's columns (its span mapped too)."""
    start = mapping[cell.col][0]
    last = mapping[min(cell.col + cell.col_span, len(mapping)) - 1][1]
    return GridCell(cell.row, start, cell.row_span, max(1, last - start + 1), cell.text)


def assemble(grids: list[Grid]) -> PrintedTable:
    """One printed table from its grids, the first carrying the header."""
    first = grids[0]
    start = first_data_row(first)
    headings, first_data = _split_header_words(first, start) if start < first.n_rows else ([], [])
    table = PrintedTable(n_cols=first.n_cols, header_parts=_header_parts(first, range(start), headings))
    header_keys = {normalize_label("".join(c.text for c in _row_cells(first, r))) for r in range(start)}
    totals_read: set[str] = set()  # a word processor repeats the leading 合计 row under each header
    row_no = start
    for n, grid in enumerate(grids):
        mapping = column_map(first, grid) if n else identity_map(grid)
        if mapping is None:
            continue
        table.pages.append(grid.page_number)
        rows = range(start, grid.n_rows) if n == 0 else range(grid.n_rows)
        repeating_header = n > 0
        for r in rows:
            cells = first_data if (n == 0 and r == start) else _row_cells(grid, r)
            key = normalize_label("".join(c.text for c in cells))
            if repeating_header and (
                key in header_keys or key in totals_read or _is_column_index_row(cells) or not key
            ):
                continue  # a header (or the 合计 row read already) repeated on the continuation page
            repeating_header = False
            if _is_column_index_row(cells) or _is_caption_row(grid, cells):
                continue
            row_no += 1
            if not key:
                continue  # a blank printed row carries nothing
            if key.startswith("注:"):  # labels are NFKC: a fullwidth colon reads as ":"
                break
            table.rows.append(
                PrintedRow(page=grid.page_number, row_no=row_no, cells=[remap_cell(c, mapping) for c in cells])
            )
            if any(normalize_label(cell.text) in _TOTAL_LABELS for cell in cells):
                totals_read.add(key)
    return table


def place_cells(row: PrintedRow, n_cols: int, preferred: set[int]) -> list[str]:
    """One text per column. A cell merged over several columns (合计 spanning code and
    name) gives its text to the first preferred column it covers, else to its first column."""
    texts = [""] * n_cols
    for cell in row.cells:
        covered = range(cell.col, min(cell.col + cell.col_span, n_cols))
        target = next((c for c in covered if c in preferred), cell.col)
        if target < n_cols:
            texts[target] = (texts[target] + " " + cell.text).strip() if texts[target] else cell.text
    return texts
