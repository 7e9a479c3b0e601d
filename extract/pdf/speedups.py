"""Faster readings of the same objects, for the pages the reader parses.

All are scoped to the reader (a context manager), so pdfplumber and pdfminer behave as
shipped everywhere else — the benchmark's naive pdfplumber included.
- Content streams are tokenised by content_lexer.FastContentParser (identical objects), and
  fonts' ToUnicode maps by tounicode.ToUnicodeParser (identical maps).
- Operators are dispatched by dispatch.execute (each operator's method looked up once).
- Each object's record is made by records.process_object (no call per attribute), and the
  page's records are gathered by records.parse_objects in one loop, each character's record
  made with the page's terms read once.
- Each character of a horizontal string is rendered straight into its record's values by
  chars.render_string_horizontal (no LTChar, no call per character), and each path straight
  into its record's by paths.paint_path (no LTLine, LTRect or LTCurve), its points read as
  floats without a call per operand (paths.do_m, do_l, do_re).
- Ruling edges are snapped and joined by edges.py (positions, not records), and table cells
  found from them by cells.py (each sort, set and record made once).
- pdfplumber resolves every attribute of every object recursively (resolve_all), which was
  a fifth of what was left; plain values (numbers, text, tuples of numbers, and a path's
  list of points) hold no reference to resolve, so they are returned as they are (a list
  as a new list, as resolve_all returns it).
- pdfplumber decodes each character's colour-space name (DeviceGray …) character by
  character; a page has a handful of names, so each is decoded once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import pdfplumber.page
import pdfplumber.table
import pdfplumber.utils.geometry
from pdfminer import pdffont, pdfinterp

from . import cells, chars, edges, paths, records, tounicode
from .content_lexer import FastContentParser
from .dispatch import execute

_PLAIN = records.SCALARS
_RESOLVE_ALL = pdfplumber.page.resolve_all
_RESOLVE_AND_DECODE = pdfplumber.page.resolve_and_decode


def _is_plain_tuple(value) -> bool:
    return type(value) is tuple and all(type(item) in _PLAIN for item in value)


def _resolve_all(value):
    kind = type(value)
    if kind in _PLAIN or _is_plain_tuple(value):
        return value
    if kind is list and all(map(_is_plain_tuple, value)):
        return list(value)  # a path's points: a new list of the same tuples, as resolve_all makes
    return _RESOLVE_ALL(value)


_decoded_name = lru_cache(maxsize=256)(_RESOLVE_AND_DECODE)


def _resolve_and_decode(value):
    return _decoded_name(value) if type(value) is str else _RESOLVE_AND_DECODE(value)


# (where, name, the faster one): each swapped in on entry, and back out on exit
REPLACEMENTS = [
    (pdfinterp, "PDFContentParser", FastContentParser),
    (pdfinterp.PDFPageInterpreter, "execute", execute),
    (pdffont, "CMapParser", tounicode.ToUnicodeParser),
    (pdfplumber.page.Page, "process_object", records.process_object),
    (pdfplumber.page.Page, "parse_objects", records.parse_objects),
    (pdfplumber.page.PDFPageAggregatorWithMarkedContent, "render_string_horizontal", chars.render_string_horizontal),
    (pdfplumber.page.PDFPageAggregatorWithMarkedContent, "paint_path", paths.paint_path),
    (pdfinterp.PDFPageInterpreter, "do_m", paths.do_m),
    (pdfinterp.PDFPageInterpreter, "do_l", paths.do_l),
    (pdfinterp.PDFPageInterpreter, "do_re", paths.do_re),
    (pdfplumber.table.TableFinder, "get_edges", edges.get_edges),
    (pdfplumber.table, "edges_to_intersections", cells.edges_to_intersections),
    (pdfplumber.table, "intersections_to_cells", cells.intersections_to_cells),
    (pdfplumber.utils.geometry, "move_object", cells.move_object),
    (pdfplumber.page, "resolve_all", _resolve_all),
    (pdfplumber.page, "resolve_and_decode", _resolve_and_decode),
]


@contextmanager
def faster_parsing() -> Iterator[None]:
    shipped = [(where, name, getattr(where, name)) for where, name, _ in REPLACEMENTS]
    for where, name, faster in REPLACEMENTS:
        setattr(where, name, faster)
    try:
        yield
    finally:
        for where, name, original in shipped:
            setattr(where, name, original)
