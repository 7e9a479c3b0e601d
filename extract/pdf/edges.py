"""The ruling edges pdfplumber's TableFinder finds with the "lines" strategy, found without a
record per edge at each step.

TableFinder.get_edges copies every rectangle's record four times (one per side), each side
again when it is snapped to its neighbours and again each time it is joined to the next;
only the edge's position and length decide anything, and on a page of ruled tables that was
a twentieth of the reader's time. These are the same steps (pdfplumber is pinned) on
[x0, x1, top, bottom, length] lists, in pdfplumber's order and with its arithmetic, so the
edges land where pdfplumber's do; tests hold them equal. Other strategies, and explicit
lines, go to pdfplumber's own method.
"""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter

from pdfplumber.table import TableFinder
from pdfplumber.utils.clustering import make_cluster_dict

PDFPLUMBER_GET_EDGES = TableFinder.get_edges
X0, X1, TOP, BOTTOM, LENGTH = range(5)  # an edge's fields; LENGTH is its width or its height


def _page_edges(page) -> tuple[list[list], list[list]]:
    """pdfplumber's page.edges, vertical and horizontal, each in page order: the lines, then
    each rectangle's top, bottom, left and right sides, then each curve's segments."""
    vertical: list[list] = []
    horizontal: list[list] = []
    for line in page.lines:
        if line["top"] == line["bottom"]:
            horizontal.append([line["x0"], line["x1"], line["top"], line["bottom"], line["width"]])
        else:  # a sloping line counts as vertical, as line_to_edge has it
            vertical.append([line["x0"], line["x1"], line["top"], line["bottom"], line["height"]])
    for rect in page.rects:
        x0, x1, top, bottom, width, height = (rect[key] for key in ("x0", "x1", "top", "bottom", "width", "height"))
        horizontal.append([x0, x1, top, top, width])
        horizontal.append([x0, x1, top + height, bottom, width])
        vertical.append([x0, x0, top, bottom, height])
        vertical.append([x1, x1, top, bottom, height])
    for curve in page.curves:
        for (ax, ay), (bx, by) in zip(curve["pts"], curve["pts"][1:]):
            edge = [min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)]
            if ax == bx:
                vertical.append([*edge, abs(ay - by)])
            elif ay == by:
                horizontal.append([*edge, abs(ax - bx)])
    return vertical, horizontal


def _snapped(edges: list[list], at: int, tolerance: float) -> list[list]:
    """utils.snap_objects: edges whose positions chain within `tolerance` moved to their mean,
    cluster by cluster."""
    cluster_of = make_cluster_dict((edge[at] for edge in edges), tolerance)
    ordered = sorted(edges, key=lambda edge: cluster_of[edge[at]])
    moved: list[list] = []
    for _, members in groupby(ordered, key=lambda edge: cluster_of[edge[at]]):
        cluster = list(members)
        mean = sum(edge[at] for edge in cluster) / len(cluster)
        for edge in cluster:
            shift = mean - edge[at]
            edge[at], edge[at + 1] = edge[at] + shift, edge[at + 1] + shift
            moved.append(edge)
    return moved


def _joined(edges: list[list], start: int, tolerance: float) -> list[list]:
    """table.join_edge_group: edges on one line that touch or overlap, as one."""
    end = start + 1
    ordered = sorted(edges, key=itemgetter(start))
    joined = [ordered[0]]
    for edge in ordered[1:]:
        last = joined[-1]
        if edge[start] <= last[end] + tolerance:
            if edge[end] > last[end]:
                grown = last[LENGTH] + (edge[end] - last[end]) if start == TOP else edge[end] - last[X0]
                joined[-1] = [*last[:end], edge[end], *last[end + 1 : LENGTH], grown]
        else:
            joined.append(edge)
    return joined


def _as_records(edges: list[list], orientation: str) -> list[dict]:
    length = "height" if orientation == "v" else "width"
    return [
        {"x0": x0, "top": top, "x1": x1, "bottom": bottom, length: size, "orientation": orientation}
        for x0, x1, top, bottom, size in edges
    ]


def get_edges(finder: TableFinder) -> list[dict]:
    """TableFinder.get_edges: the page's edges filtered, snapped, joined and filtered again."""
    settings = finder.settings
    if (
        (settings.vertical_strategy, settings.horizontal_strategy) != ("lines", "lines")
        or settings.explicit_vertical_lines
        or settings.explicit_horizontal_lines
    ):
        return PDFPLUMBER_GET_EDGES(finder)
    vertical, horizontal = _page_edges(finder.page)
    shortest = settings.edge_min_length_prefilter
    vertical = [edge for edge in vertical if edge[LENGTH] >= shortest]
    horizontal = [edge for edge in horizontal if edge[LENGTH] >= shortest]
    if settings.snap_x_tolerance > 0 or settings.snap_y_tolerance > 0:
        vertical = _snapped(vertical, X0, settings.snap_x_tolerance)
        horizontal = _snapped(horizontal, TOP, settings.snap_y_tolerance)
    merged: list[dict] = []
    for edges, at, start, tolerance, orientation in (
        (horizontal, TOP, X0, settings.join_x_tolerance, "h"),
        (vertical, X0, TOP, settings.join_y_tolerance, "v"),
    ):
        for _, line in groupby(sorted(edges, key=itemgetter(at)), key=itemgetter(at)):
            kept = [edge for edge in _joined(list(line), start, tolerance) if edge[LENGTH] >= settings.edge_min_length]
            merged += _as_records(kept, orientation)
    return merged
