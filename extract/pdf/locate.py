"""Find the nine tables and the evaluation forms in a document's pages: by title, then
across page breaks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..labels import normalize_label, stated_unit
from ..schema import KIND_BY_NUMBER, TableKind
from ..titles import OtherTitle, label_number, match_evaluation_title, match_other_title, match_title
from .assembly import heading_rows
from .grid import Grid
from .reader import PageContent


@dataclass
class LocatedTable:
    kind: TableKind
    grids: list[Grid] = field(default_factory=list)
    amount_unit: str = ""  # as stated between the title and the grid, or in its top cells


@dataclass
class LocatedEvaluation:
    kind: str  # unit or project
    grids: list[Grid] = field(default_factory=list)


@dataclass
class LocatedOther:
    title: OtherTitle
    grids: list[Grid] = field(default_factory=list)


@dataclass
class Located:
    tables: list[LocatedTable] = field(default_factory=list)
    evaluations: list[LocatedEvaluation] = field(default_factory=list)
    others: list[LocatedOther] = field(default_factory=list)


def _table_kind(text: str) -> TableKind | None:
    kind = match_title(text)
    if kind is None:
        number = label_number(text)
        stripped = text.replace(" ", "")
        # "公开01表" printed on the title's line with a title worded unlike the standard one
        if number in KIND_BY_NUMBER and len(stripped) > 8 and "决算" in stripped:
            kind = KIND_BY_NUMBER[number]
    return kind


def _title(text: str, budget: bool) -> object:
    if budget:  # a 预算 report: its own tables, none of the 决算 tables or forms
        return match_title(text, budget=True) or match_other_title(text, budget=True)
    return _table_kind(text) or match_evaluation_title(text) or match_other_title(text)


def _titles_on_page(page: PageContent, budget: bool) -> list[tuple[float, object]]:
    """(top, title) for every title line: a TableKind, 'unit'/'project' for a form, or the
    OtherTitle of a table beyond the nine."""
    found: list[tuple[float, object]] = []
    for top, title in _title_lines(sorted(page.lines), budget):
        if not any(t is title for _, t in found if isinstance(t, TableKind)):
            found.append((top, title))
    return sorted(found, key=lambda t: t[0])


def _title_lines(lines: list[tuple[float, str]], budget: bool) -> Iterator[tuple[float, object]]:
    """(top, title) of each title line; a labelled title wrapped onto the next line
    (公开09表：…“三公”经费、会议费、培训费 / 支出预算表) is read as one title, at its first line."""
    skip_next = False
    for n, (top, text) in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        if n + 1 < len(lines) and label_number(text) and not normalize_label(text).endswith("表"):
            joined = _title(text + lines[n + 1][1], budget)
            if joined is not None:
                skip_next = True
                yield top, joined
                continue
        title = _title(text, budget)
        if title is not None:
            yield top, title


def _unit_near(page: PageContent, title_top: float, grid: Grid) -> str:
    """The unit stated on the title's line, below it above the grid, or in the grid's top rows."""
    above = (text for top, text in page.lines if title_top - 1 <= top <= grid.top + 1)
    top_cells = (cell.text for cell in grid.cells if cell.row < 3)
    return next(filter(None, map(stated_unit, [*above, *top_cells])), "")


# A table whose title line was not found (printed as an image, or left out).
UNTITLED = OtherTitle("（未找到表名）", "")


def _starts_another_table(grid: Grid, first: Grid) -> bool:
    """A grid on a later page that prints column headings of its own, unlike the open
    table's (a repeated heading is the same table continued): another table."""
    own = heading_rows(grid)
    return bool(own) and not set(own) <= set(heading_rows(first))


# A grid listing the tables of the report (目录 printed as a table).
CONTENTS = OtherTitle("目录", "")
_CONTENTS_MIN_TITLES = 3


def _is_contents(grid: Grid, budget: bool) -> bool:
    """A grid whose rows are table titles (一、 收支预算总表 …): the report's contents."""
    rows: dict[int, list[str]] = {}
    for cell in grid.cells:
        rows.setdefault(cell.row, []).append(cell.text)
    titled = sum(1 for texts in rows.values() if _title("".join(texts), budget) is not None)
    return titled >= _CONTENTS_MIN_TITLES


def locate(pages: list[PageContent], budget: bool = False) -> Located:
    """A grid belongs to the nearest title above it on its page; a grid with no title above
    it continues what was open on the previous page, until a page without grids (narrative)
    ends it. Each title opens a new table or form, so a table printed twice is located twice."""
    located = Located()
    open_item: LocatedTable | LocatedEvaluation | LocatedOther | None = None
    open_title: object = None
    for page in pages:
        titles = _titles_on_page(page, budget)
        grids = [g for g in page.grids if g.has_text()]
        if not grids:
            if page.lines:
                open_item, open_title = None, None
            continue
        for grid in grids:
            if _is_contents(grid, budget):
                open_item, open_title = LocatedOther(CONTENTS, [grid]), None
                located.others.append(open_item)
                continue
            above = [(top, title) for top, title in titles if top <= grid.top + 1]
            if above:
                top, title = above[-1]
                if open_item is None or open_title != (page.number, top):
                    if isinstance(title, TableKind):
                        open_item = LocatedTable(title, amount_unit=_unit_near(page, top, grid))
                        located.tables.append(open_item)
                    elif isinstance(title, OtherTitle):
                        open_item = LocatedOther(title)
                        located.others.append(open_item)
                    else:
                        open_item = LocatedEvaluation(title)
                        located.evaluations.append(open_item)
                    open_title = (page.number, top)
                open_item.grids.append(grid)
            elif isinstance(open_item, LocatedTable) and _starts_another_table(grid, open_item.grids[0]):
                open_item = LocatedOther(UNTITLED)  # its rows kept as printed, never added to the table
                located.others.append(open_item)
                open_title = None
                open_item.grids.append(grid)
            elif open_item is not None:  # continued from the page before
                open_item.grids.append(grid.with_loose_top_row())
    return located
