"""pdfplumber's line, rectangle and curve records, made as pdfminer paints a path.

pdfminer paints a path by building an LTLine, LTRect or LTCurve (through two base-class
constructors), pdfplumber hooks the call to tag the object's marked content, and later
turns the object into a record by filtering its attributes and resolving each. Ruled tables
paint hundreds of paths a page, and that was a fifth of the reader's parse. Here the path's
shape is classified with pdfminer's own rules and arithmetic, and its record's values are
kept for records.py to finish with the page's own coordinates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.utils import get_bound
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

from .chars import RenderedChar

PDFPLUMBER_PAINT_PATH = PDFPageAggregatorWithMarkedContent.paint_path
PDFMINER_DO_M, PDFMINER_DO_L = PDFPageInterpreter.do_m, PDFPageInterpreter.do_l
PDFMINER_DO_RE = PDFPageInterpreter.do_re
_NUMERIC = frozenset((int, float))  # what pdfminer's safe_float turns into a float (barring overflow)


class RenderedPath:
    """A path as pdfminer would have made it: its kind, its points in pdfminer's order, what
    it is painted with (see records.path_record)."""

    __slots__ = ("kind", "pts", "bbox", "values", "mcid", "tag")

    def __init__(self, kind: str, pts: list, values: tuple, mcid, tag, bbox: tuple | None = None):
        self.kind, self.pts, self.bbox, self.values = kind, pts, bbox or get_bound(pts), values
        self.mcid, self.tag = mcid, tag


def _classified(shape: str, pts: list) -> tuple[str, list]:
    """pdfminer's reading of a single subpath: a line, a rectangle or a curve, and its points."""
    if shape in {"mlh", "ml"}:
        return "line", [pts[0], pts[1]]
    if shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        is_closed_loop = pts[0] == pts[4]
        has_square_coordinates = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if is_closed_loop and has_square_coordinates:
            (left, bottom), (right, top) = pts[0], pts[2]
            return "rect", [(left, bottom), (right, bottom), (right, top), (left, top)]
    return "curve", pts


def _tag_last(device) -> None:
    """pdfplumber's tag_cur_item: the last object on the page takes the current marked
    content, even one painted before (as when a path paints nothing)."""
    objects = device.cur_item._objs
    if not objects:
        return
    last = objects[-1]
    if type(last) is RenderedChar:
        last.retag(device.cur_mcid, device.cur_tag)
    else:
        last.mcid, last.tag = device.cur_mcid, device.cur_tag


def on_page(segments: Sequence, ctm: tuple, left: float, bottom: float) -> list[tuple]:
    """pdfplumber's record of a path: each segment's points through the CTM (as pdfminer
    transforms them, operands as floats), then to the page's top-down coordinates (as
    point2coord moves them: `left` is the media box's left edge, `bottom` its top plus the
    page's height)."""
    a, b, c, d, e, f = ctm
    placed = []
    for segment in segments:
        if len(segment) == 3:  # m and l: one point (the commonest, so spelt out)
            x, y = float(segment[1]), float(segment[2])
            placed.append((str(segment[0]), (left + (a * x + c * y + e), bottom - (b * x + d * y + f))))
            continue
        points = [(float(x), float(y)) for x, y in zip(segment[1::2], segment[2::2])]
        placed.append(
            (str(segment[0]), *[(left + (a * x + c * y + e), bottom - (b * x + d * y + f)) for x, y in points])
        )
    return placed


def _add(device, gstate, painted: tuple, path: Sequence, kind: str, pts: list, bbox: tuple | None = None) -> None:
    """The path onto the page, with what it is painted with (stroke, fill, evenodd) and by."""
    stroke, fill, evenodd = painted
    values = (gstate.linewidth, stroke, fill, evenodd, gstate.scolor, gstate.ncolor, path, device.ctm, gstate.dash)
    device.cur_item.add(RenderedPath(kind, pts, values, device.cur_mcid, device.cur_tag, bbox))


def _paint_subpath(device, gstate, stroke: bool, fill: bool, evenodd: bool, path: Sequence, shape: str) -> None:
    a, b, c, d, e, f = device.ctm
    start = path[0][-2:]
    pts = [(a * x + c * y + e, b * x + d * y + f) for x, y in (p[-2:] if p[0] != "h" else start for p in path)]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    kind, pts = _classified(shape, pts)
    _add(device, gstate, (stroke, fill, evenodd), path, kind, pts)


def _paint_line(device, gstate, stroke: bool, fill: bool, evenodd: bool, path: Sequence) -> None:
    """_paint_subpath for one straight segment ("ml"), most of a ruled table's paths: its two
    points and their bound (as get_bound takes it) spelt out."""
    a, b, c, d, e, f = device.ctm
    (_, x0, y0), (_, x1, y1) = path
    start, end = (a * x0 + c * y0 + e, b * x0 + d * y0 + f), (a * x1 + c * y1 + e, b * x1 + d * y1 + f)
    bbox = (min(start[0], end[0]), min(start[1], end[1]), max(start[0], end[0]), max(start[1], end[1]))
    _add(device, gstate, (stroke, fill, evenodd), path, "line", [start, end], bbox)


def paint_path(device, gstate, stroke: bool, fill: bool, evenodd: bool, path: Sequence) -> None:
    """PDFLayoutAnalyzer.paint_path with LTLine, LTRect, LTCurve and pdfplumber's marked-content
    tag folded in."""
    if device.laparams is not None:
        return PDFPLUMBER_PAINT_PATH(device, gstate, stroke, fill, evenodd, path)
    shape = "".join(x[0] for x in path)
    if shape == "ml":
        _paint_line(device, gstate, stroke, fill, evenodd, path)
    elif shape[:1] == "m" and shape.count("m") > 1:
        for m in re.finditer(r"m[^m]+", shape):
            paint_path(device, gstate, stroke, fill, evenodd, path[m.start(0) : m.end(0)])
    elif shape[:1] == "m":
        _paint_subpath(device, gstate, stroke, fill, evenodd, path, shape)
    _tag_last(device)
    return None


# The path construction operators of a ruled table, each a few thousand times a page: pdfminer
# converts every operand through safe_float (a call and a try each); plain numbers go straight
# here, and anything else (a name, a string, an integer too large for a float) through
# pdfminer's own method, which refuses it and says so.


def _one_point(operator: str, pdfminer_method):
    """m or l: the operator's segment from two plain numbers, else pdfminer's own method."""

    def method(interpreter, x, y) -> None:
        try:
            if type(x) in _NUMERIC and type(y) in _NUMERIC:
                interpreter.curpath.append((operator, float(x), float(y)))
                return
        except OverflowError:
            pass
        pdfminer_method(interpreter, x, y)

    return method


do_m = _one_point("m", PDFMINER_DO_M)
do_l = _one_point("l", PDFMINER_DO_L)


def do_re(interpreter, x, y, w, h) -> None:
    try:
        if type(x) in _NUMERIC and type(y) in _NUMERIC and type(w) in _NUMERIC and type(h) in _NUMERIC:
            x_f, y_f, w_f, h_f = float(x), float(y), float(w), float(h)
            interpreter.curpath += [
                ("m", x_f, y_f),
                ("l", x_f + w_f, y_f),
                ("l", x_f + w_f, y_f + h_f),
                ("l", x_f, y_f + h_f),
                ("h",),
            ]
            return
    except OverflowError:
        pass
    PDFMINER_DO_RE(interpreter, x, y, w, h)
