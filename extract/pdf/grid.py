"""Ruled tables on a PDF page as grids of cells with their spans.

pdfplumber's ``find_tables`` gives cell boxes; a merged cell is one larger box. Here the
boxes are laid on the table's row and column boundaries so every cell knows which slots it
covers, and the page's characters are placed into the cell whose box holds their centre
(so blank cells stay in their columns, whatever the text strategy would guess).
"""

from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass, field, replace

from ..labels import is_cjk, join_wrapped
from .records import with_records

_EDGE_TOLERANCE = 2.0
_LINE_TOLERANCE = 3.0
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int
    text: str


@dataclass
class Grid:
    """One ruled table on one page."""

    page_number: int
    n_rows: int
    n_cols: int
    col_edges: list[float]
    row_edges: list[float]
    cells: list[GridCell] = field(default_factory=list)
    positioned: bool = False  # rebuilt from character positions (no ruling lines)
    col_centres: list[float] | None = None  # where a positioned grid's printed text sits per column
    # A row printed just above the top rule, in the grid's columns (a table continued on a new
    # page whose first row the producer left without its top rule); its texts per column.
    loose_top_row: list[str] | None = None

    def with_loose_top_row(self) -> Grid:
        """The grid with its loose top row as row 0 (for a continuation page only: above a
        table's first grid the same place holds its title and unit line)."""
        if not self.loose_top_row:
            return self
        shifted = [replace(cell, row=cell.row + 1) for cell in self.cells]
        added = [GridCell(0, c, 1, 1, text) for c, text in enumerate(self.loose_top_row) if text]
        height = self.row_edges[1] - self.row_edges[0]
        return replace(
            self,
            n_rows=self.n_rows + 1,
            row_edges=[self.row_edges[0] - height, *self.row_edges],
            cells=sorted(added + shifted, key=lambda cell: (cell.row, cell.col)),
            loose_top_row=None,
        )

    @property
    def top(self) -> float:
        return self.row_edges[0]

    def cell_at(self) -> dict[tuple[int, int], GridCell]:
        """Every slot mapped to the cell covering it."""
        owner: dict[tuple[int, int], GridCell] = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.row_span):
                for c in range(cell.col, cell.col + cell.col_span):
                    owner[(r, c)] = cell
        return owner

    def has_text(self) -> bool:
        return any(cell.text for cell in self.cells)


def _cluster(values: list[float]) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > _EDGE_TOLERANCE:
            edges.append(value)
    return edges


def _index(edges: list[float], value: float) -> int:
    """Index of the boundary nearest to value."""
    pos = bisect.bisect_left(edges, value)
    if pos == 0 or pos == len(edges):
        return max(pos - 1, 0)
    return pos - 1 if abs(edges[pos - 1] - value) <= abs(edges[pos] - value) else pos  # the lower on a tie


def cell_text(chars: list[dict]) -> str:
    """Text of one cell from its characters: visual lines top to bottom, joined as wrapped."""
    if len(chars) < 2:  # most cells: blank, or one character
        return chars[0]["text"].strip() if chars else ""
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda ch: (round(ch["top"], 1), ch["x0"])):
        if lines and abs(lines[-1][0]["top"] - char["top"]) <= _LINE_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    texts = []
    for line in lines:
        line.sort(key=lambda ch: ch["x0"])
        pieces = [line[0]["text"]]
        for prev, char in zip(line, line[1:]):
            gap = char["x0"] - prev["x1"]
            # Justified CJK (WPS, ONLYOFFICE) spreads a name across its cell; a gap is a
            # word space only where one side is not CJK.
            if gap > max(prev["size"], 4) * 0.9 and not (is_cjk(prev["text"]) and is_cjk(char["text"])):
                pieces.append(" ")
            pieces.append(char["text"])
        texts.append("".join(pieces))
    return join_wrapped(texts)


_AMOUNT = re.compile(r"^-?[\d,]*\d\.\d+$")


def _loose_top_row(chars: list[dict], col_edges: list[float], row_edges: list[float]) -> list[str] | None:
    """The texts per column of one line of characters sitting within a row's height above
    the grid's top rule, inside its columns, when it reads as a data row (two cells or more,
    an amount among them); None otherwise."""
    height = statistics.median(b - a for a, b in zip(row_edges, row_edges[1:]))
    top = row_edges[0]
    above = [
        ch
        for ch in chars
        if col_edges[0] <= (ch["x0"] + ch["x1"]) / 2 <= col_edges[-1]
        and top - 1.5 * height <= ch["top"] < top - 1
        and ch["bottom"] <= top + 1
    ]
    if not above or max(ch["top"] for ch in above) - min(ch["top"] for ch in above) > _LINE_TOLERANCE:
        return None
    columns: dict[int, list[dict]] = {}
    for ch in above:
        columns.setdefault(bisect.bisect_right(col_edges, (ch["x0"] + ch["x1"]) / 2) - 1, []).append(ch)
    texts = [cell_text(columns.get(c, [])) for c in range(len(col_edges) - 1)]
    filled = [text for text in texts if text]
    return texts if len(filled) >= 2 and any(_AMOUNT.match(text) for text in filled) else None


def _visible_edge(obj: dict) -> bool:
    colour = (
        obj.get("stroking_color")
        if obj.get("object_type") != "rect"
        else (obj.get("non_stroking_color") if obj.get("fill") and not obj.get("stroke") else obj.get("stroking_color"))
    )
    if colour is None:
        return True
    values = colour if isinstance(colour, (tuple, list)) else (colour,)
    try:
        return not all(float(v) >= 0.99 for v in values)
    except (TypeError, ValueError):
        return True


_PATHS = ("line", "rect", "curve")


def _with_visible_edges(page):
    """The page without its invisible lines, rectangles and curves (white rules, backgrounds);
    its characters are not filtered one by one."""
    paths = {kind: [obj for obj in page.objects[kind] if _visible_edge(obj)] for kind in _PATHS if kind in page.objects}
    return with_records(page, paths, lambda obj: obj.get("object_type") not in _PATHS or _visible_edge(obj))


def grids_on_page(page) -> list[Grid]:
    """All ruled tables on a pdfplumber page, top to bottom."""
    tables = _with_visible_edges(page).find_tables(TABLE_SETTINGS)
    if not tables:
        return []
    chars = [ch for ch in page.chars if ch["text"].strip() and ch.get("upright", True)]
    grids = []
    for table in tables:
        boxes = [c for c in table.cells if c is not None]
        if not boxes:
            continue
        col_edges = _cluster([b[0] for b in boxes] + [b[2] for b in boxes])
        row_edges = _cluster([b[1] for b in boxes] + [b[3] for b in boxes])
        if len(col_edges) < 2 or len(row_edges) < 2:
            continue
        slots: dict[tuple[int, int], int] = {}
        spans = []
        for n, (x0, top, x1, bottom) in enumerate(boxes):
            c0, c1 = _index(col_edges, x0), _index(col_edges, x1)
            r0, r1 = _index(row_edges, top), _index(row_edges, bottom)
            if c1 <= c0 or r1 <= r0:
                spans.append(None)
                continue
            spans.append((r0, c0, r1 - r0, c1 - c0))
            for r in range(r0, r1):
                for c in range(c0, c1):
                    slots.setdefault((r, c), n)
        owned: dict[int, list[dict]] = {}
        x_lo, x_hi, y_lo, y_hi = col_edges[0], col_edges[-1], row_edges[0], row_edges[-1]
        for ch in chars:
            cx = (ch["x0"] + ch["x1"]) / 2
            cy = (ch["top"] + ch["bottom"]) / 2
            if not (x_lo <= cx <= x_hi and y_lo <= cy <= y_hi):
                continue
            c = bisect.bisect_right(col_edges, cx) - 1
            r = bisect.bisect_right(row_edges, cy) - 1
            n = slots.get((min(r, len(row_edges) - 2), min(c, len(col_edges) - 2)))
            if n is not None:
                owned.setdefault(n, []).append(ch)
        cells = [
            GridCell(span[0], span[1], span[2], span[3], cell_text(owned.get(n, [])))
            for n, span in enumerate(spans)
            if span is not None
        ]
        cells.sort(key=lambda cell: (cell.row, cell.col))
        grids.append(
            Grid(
                page_number=page.page_number,
                n_rows=len(row_edges) - 1,
                n_cols=len(col_edges) - 1,
                col_edges=col_edges,
                row_edges=row_edges,
                cells=cells,
                loose_top_row=_loose_top_row(chars, col_edges, row_edges),
            )
        )
    grids.sort(key=lambda g: g.top)
    return grids
