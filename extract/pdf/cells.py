"""pdfplumber's table cells from ruling lines, found without its repeated work.

pdfplumber's edges_to_intersections sorts the horizontal edges again for every vertical
edge, and intersections_to_cells rebuilds two sets of edge boxes for every pair of points it
asks about and scans all later points for the ones in line with each point: on a page of
ruled tables that is a third of the reader's own time. Snapping the edges together moves
each one by rebuilding its record from a tuple of all its items. These are the same
functions (pdfplumber is pinned) with each sort, set and line of points made once and each
record copied once; tests hold their results equal to pdfplumber's.
"""

from __future__ import annotations

from itertools import islice
from operator import itemgetter

from pdfplumber import table as pdfplumber_table
from pdfplumber.utils import geometry, obj_to_bbox

PDFPLUMBER_INTERSECTIONS = pdfplumber_table.edges_to_intersections
PDFPLUMBER_CELLS = pdfplumber_table.intersections_to_cells
PDFPLUMBER_MOVE = geometry.move_object

Point = tuple[float, float]


def edges_to_intersections(edges: list[dict], x_tolerance: float = 1, y_tolerance: float = 1) -> dict:
    """pdfplumber.table.edges_to_intersections."""
    verticals = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    horizontals = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    intersections: dict[Point, dict[str, list]] = {}
    for v in verticals:
        for h in horizontals:
            if (
                v["top"] <= h["top"] + y_tolerance
                and v["bottom"] >= h["top"] - y_tolerance
                and v["x0"] >= h["x0"] - x_tolerance
                and v["x0"] <= h["x1"] + x_tolerance
            ):
                meeting = intersections.setdefault((v["x0"], h["top"]), {"v": [], "h": []})
                meeting["v"].append(v)
                meeting["h"].append(h)
    return intersections


class _Lattice:
    """The intersections, each with the boxes of its vertical and horizontal edges and the
    later points in its column and in its row, in pdfplumber's order."""

    def __init__(self, intersections: dict):
        self.points = sorted(intersections)
        self.verticals = {p: {obj_to_bbox(e) for e in edges["v"]} for p, edges in intersections.items()}
        self.horizontals = {p: {obj_to_bbox(e) for e in edges["h"]} for p, edges in intersections.items()}
        # Each point's column and row in order (the points are sorted by x, then y), and its
        # place in each: the later points are those after it.
        self.place: dict[Point, tuple[list[Point], int, list[Point], int]] = {}
        columns: dict[float, list[Point]] = {}
        rows: dict[float, list[Point]] = {}
        for point in self.points:
            column, row = columns.setdefault(point[0], []), rows.setdefault(point[1], [])
            self.place[point] = (column, len(column) + 1, row, len(row) + 1)
            column.append(point)
            row.append(point)

    def connects(self, p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and not self.verticals[p1].isdisjoint(self.verticals[p2]):
            return True
        return p1[1] == p2[1] and not self.horizontals[p1].isdisjoint(self.horizontals[p2])

    def smallest_cell(self, point: Point) -> tuple[float, float, float, float] | None:
        column, below_from, row, right_from = self.place[point]
        for below in islice(column, below_from, None):
            if not self.connects(point, below):
                continue
            for right in islice(row, right_from, None):
                if not self.connects(point, right):
                    continue
                corner = (right[0], below[1])
                if corner in self.verticals and self.connects(corner, right) and self.connects(corner, below):
                    return (point[0], point[1], corner[0], corner[1])
        return None


def intersections_to_cells(intersections: dict) -> list[tuple[float, float, float, float]]:
    """pdfplumber.table.intersections_to_cells."""
    lattice = _Lattice(intersections)
    return [cell for cell in map(lattice.smallest_cell, lattice.points) if cell is not None]


def move_object(obj: dict, axis: str, value: float) -> dict:
    """pdfplumber.utils.geometry.move_object: the record moved across ("h") or down ("v")."""
    moved = obj.__class__(obj)
    if axis == "h":
        moved["x0"], moved["x1"] = obj["x0"] + value, obj["x1"] + value
        return moved
    if axis != "v":
        raise AssertionError(f"axis {axis!r} is neither 'h' nor 'v'")
    moved["top"], moved["bottom"] = obj["top"] + value, obj["bottom"] + value
    if "doctop" in obj:
        moved["doctop"] = obj["doctop"] + value
    if "y0" in obj:
        moved["y0"], moved["y1"] = obj["y0"] - value, obj["y1"] - value
    return moved
