"""pdfplumber's records of a page's layout objects, made without a function call per attribute.

pdfplumber's Page.process_object filters an object's attributes through a closure called
once per attribute (seventeen for a character) and names the object's kind with a regular
expression each time; on a page of a thousand characters that is most of what the records
cost. This is the same method (pdfplumber is pinned) with the attributes filtered in one
comprehension and each class's kind named once. The characters and paths that chars.py and
paths.py render in place of pdfminer's objects get the records pdfminer's objects would
have got, and parse_objects gathers a page's records in one loop. Its records are equal to
pdfplumber's on every page the tests read.
"""

from __future__ import annotations

from collections.abc import Callable

import pdfplumber.page
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTItem, LTTextContainer
from pdfplumber.page import FilteredPage

from .chars import RenderedChar
from .paths import RenderedPath, on_page

_KINDS: dict[type, str] = {}
SCALARS = frozenset((int, float, bool, str, type(None)))  # what resolve_all returns as it is


def _kind(cls: type) -> str:
    kind = _KINDS.get(cls)
    if kind is None:
        kind = _KINDS[cls] = pdfplumber.page.lt_pat.sub("", cls.__name__).lower()
    return kind


def _text(page, obj: LTChar | LTTextContainer) -> str:
    text, norm = obj.get_text(), page.pdf.unicode_norm
    return pdfplumber.page.normalize_unicode(norm, text) if norm is not None else text


def _char_attributes(page, obj: LTChar, attr: dict) -> None:
    attr["text"] = _text(page, obj)
    state = obj.graphicstate
    attr["stroking_color"] = state.scolor if isinstance(state.scolor, tuple) else (state.scolor,)
    attr["non_stroking_color"] = state.ncolor if isinstance(state.ncolor, tuple) else (state.ncolor,)
    if isinstance(attr["fontname"], bytes):
        attr["fontname"] = pdfplumber.page.fix_fontname_bytes(attr["fontname"])


def _curve_attributes(page, obj: LTCurve, attr: dict) -> None:
    attr["pts"] = list(map(page.point2coord, attr["pts"]))
    attr["path"] = [(command, *map(page.point2coord, points)) for command, *points in obj.original_path]
    attr["dash"] = obj.dashing_style


def _place(page, attr: dict) -> None:
    """Top-down coordinates, and the media box's offset (pdfplumber's #1181)."""
    mb_x0, mb_top = page.mediabox[:2]
    if "y0" in attr:
        attr["top"] = (page.height - attr["y1"]) + mb_top
        attr["bottom"] = (page.height - attr["y0"]) + mb_top
        attr["doctop"] = page.initial_doctop + attr["top"]
    if "x0" in attr and mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0


def char_records(page) -> Callable[[RenderedChar], dict]:
    """What process_object makes of each LTChar pdfminer would have rendered on this page: the
    page's terms (its number, height, media box, offset in the document) read once."""
    height, (mb_x0, mb_top) = page.height, page.mediabox[:2]
    doctop, number, norm = page.initial_doctop, page.page_number, page.pdf.unicode_norm
    decode, names = pdfplumber.page.resolve_and_decode, {}
    fix, resolve, normalize = (
        pdfplumber.page.fix_fontname_bytes,
        pdfplumber.page.resolve_all,
        pdfplumber.page.normalize_unicode,
    )

    def record(char: RenderedChar) -> dict:
        matrix, fontname, adv, upright, x0, y0, x1, y1, text, shared = char.values
        mcid, tag, ncs, stroking, non_stroking = shared
        name = names.get(ncs)
        if name is None:
            name = names[ncs] = decode(ncs.name)
        top = (height - y1) + mb_top
        attr = {
            "matrix": matrix,
            "fontname": fontname if type(fontname) is not bytes else fix(fontname),
            "adv": adv,
            "upright": upright,
            "x0": x0,
            "y0": y0,
            "x1": x1,
            "y1": y1,
            "width": x1 - x0,
            "height": y1 - y0,
            "size": y1 - y0,
            "mcid": mcid if type(mcid) in SCALARS else resolve(mcid),
            "tag": tag,
            "object_type": "char",
            "page_number": number,
            "ncs": name,
            "text": text if norm is None else normalize(norm, text),
            "stroking_color": stroking,
            "non_stroking_color": non_stroking,
            "top": top,
            "bottom": (height - y0) + mb_top,
            "doctop": doctop + top,
        }
        if mb_x0 != 0:
            attr["x0"], attr["x1"] = x0 + mb_x0, x1 + mb_x0
        return attr

    return record


def _collect(page, items: list, objects: dict[str, list[dict]], char_record) -> None:
    """pdfplumber's iter_layout_objects and parse_objects, in one loop."""
    for obj in items:
        if type(obj) is RenderedChar:
            record = char_record(obj)
        elif type(obj) is not RenderedPath and isinstance(obj, LTContainer):
            if page.pdf.laparams is not None:
                _append(objects, page.process_object(obj))
            _collect(page, obj._objs, objects, char_record)
            continue
        else:
            record = page.process_object(obj)
        _append(objects, record)


def _append(objects: dict[str, list[dict]], record: dict) -> None:
    kind = record["object_type"]
    if kind != "anno":
        records = objects.get(kind)
        if records is None:
            records = objects[kind] = []
        records.append(record)


def parse_objects(page) -> dict[str, list[dict]]:
    """pdfplumber.page.Page.parse_objects: every layout object's record by kind, in order."""
    objects: dict[str, list[dict]] = {}
    _collect(page, page.layout._objs, objects, char_records(page))
    return objects


def path_record(page, path: RenderedPath) -> dict:
    """The record process_object makes of the LTLine, LTRect or LTCurve pdfminer would have
    made (_place's coordinates spelt out, and resolve_all asked only of what may hold a
    reference)."""
    resolve = pdfplumber.page.resolve_all
    linewidth, stroke, fill, evenodd, stroking, non_stroking, segments, ctm, dash = path.values
    x0, y0, x1, y1 = path.bbox
    height, (mb_x0, mb_top) = page.height, page.mediabox[:2]
    left, bottom = mb_x0, mb_top + height  # point2coord's terms
    pts = [(left + x, bottom - y) for x, y in path.pts]
    if path.kind == "line" and len(segments) == 2:  # "ml": the path's points are the line's
        placed = [(segments[0][0], pts[0]), (segments[1][0], pts[1])]
    else:
        placed = on_page(segments, ctm, left, bottom)
    top = (height - y1) + mb_top
    attr = {
        "x0": x0 if mb_x0 == 0 else x0 + mb_x0,
        "y0": y0,
        "x1": x1 if mb_x0 == 0 else x1 + mb_x0,
        "y1": y1,
        "width": x1 - x0,
        "height": y1 - y0,
        "pts": pts,
        "linewidth": linewidth if type(linewidth) in SCALARS else resolve(linewidth),
        "stroke": stroke if type(stroke) in SCALARS else resolve(stroke),
        "fill": fill if type(fill) in SCALARS else resolve(fill),
        "evenodd": evenodd if type(evenodd) in SCALARS else resolve(evenodd),
        "stroking_color": resolve(stroking),
        "non_stroking_color": resolve(non_stroking),
        "mcid": path.mcid if type(path.mcid) in SCALARS else resolve(path.mcid),
        "tag": path.tag if type(path.tag) in SCALARS else resolve(path.tag),
        "object_type": path.kind,
        "page_number": page.page_number,
        "path": placed,
        "dash": dash,
        "top": top,
        "bottom": (height - y0) + mb_top,
        "doctop": page.initial_doctop + top,
    }
    return attr


def with_records(page, replaced: dict[str, list[dict]], keeps: Callable[[dict], bool]) -> FilteredPage:
    """The page with some kinds of records replaced (the others are the page's own lists, not
    copied): a FilteredPage whose records are given rather than filtered one by one. `keeps`
    is the filter they stand for, should pdfplumber ever filter the page's records again."""
    derived = FilteredPage(page, keeps)
    derived._objects = {**page.objects, **replaced}
    return derived


def process_object(page, obj: LTItem) -> dict:
    """pdfplumber.page.Page.process_object."""
    kind = type(obj)
    if kind is RenderedChar:
        return char_records(page)(obj)
    if kind is RenderedPath:
        return path_record(page, obj)
    resolve, wanted = pdfplumber.page.resolve_all, pdfplumber.page.ALL_ATTRS
    attr = {key: resolve(value) for key, value in obj.__dict__.items() if key in wanted}
    attr["object_type"] = _kind(type(obj))
    attr["page_number"] = page.page_number
    for space in ("ncs", "scs"):
        if hasattr(obj, space):
            attr[space] = pdfplumber.page.resolve_and_decode(getattr(obj, space).name)
    if isinstance(obj, LTChar):
        _char_attributes(page, obj, attr)
    elif isinstance(obj, LTTextContainer):
        attr["text"] = _text(page, obj)
    elif isinstance(obj, LTCurve):
        _curve_attributes(page, obj, attr)
    _place(page, attr)
    return attr
