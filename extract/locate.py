"""Find the nine tables in a document's pages: by title, then across page breaks."""

from __future__ import annotations

from dataclasses import dataclass, field

from .grid import Grid
from .kinds import KIND_BY_NUMBER, TableKind, label_number, match_title
from .pdf_reader import PageContent


@dataclass
class LocatedTable:
    kind: TableKind
    grids: list[Grid] = field(default_factory=list)


def _titles_on_page(page: PageContent) -> list[tuple[float, TableKind]]:
    """Title lines with their height on the page. A 公开NN表 label alone beside a title
    confirms it; a label with an unrecognised title still names the table."""
    found: list[tuple[float, TableKind]] = []
    for top, text in page.lines:
        kind = match_title(text)
        if kind is None:
            number = label_number(text)
            stripped = text.replace(" ", "")
            # "公开01表" printed with its title on one line but the title not standard
            if number in KIND_BY_NUMBER and len(stripped) > 8 and "决算" in stripped:
                kind = KIND_BY_NUMBER[number]
        if kind is not None and not any(k.number == kind.number for _, k in found):
            found.append((top, kind))
    return found


def locate_tables(pages: list[PageContent]) -> list[LocatedTable]:
    """Each table kind with the grids that print it, in page order.

    A grid belongs to the nearest title above it on its page; a grid with no title above it
    continues the table open from the previous page, until a page without grids ends it.
    """
    located: list[LocatedTable] = []
    open_table: LocatedTable | None = None
    for page in pages:
        titles = sorted(_titles_on_page(page), key=lambda t: t[0])
        grids = [g for g in page.grids if g.has_text()]
        if not grids:
            if page.lines:
                open_table = None  # narrative or an unruled table ends a continuation
            continue
        for grid in grids:
            above = [kind for top, kind in titles if top <= grid.top + 1]
            if above:
                kind = above[-1]
                if open_table is None or open_table.kind is not kind:
                    open_table = LocatedTable(kind)
                    located.append(open_table)
                open_table.grids.append(grid)
            elif open_table is not None:
                open_table.grids.append(grid)
    merged: dict[str, LocatedTable] = {}
    for table in located:
        # A kind found twice (a repeated title) keeps the first printing.
        merged.setdefault(table.kind.number, table)
    return list(merged.values())

