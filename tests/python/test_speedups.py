"""The reader's speedups change nothing but speed: its operator loop leaves the interpreter and
its device as pdfminer's own loop does, its characters and paths get the records pdfminer's
objects would have got (random text and path pages), its edge and cell finders find
pdfplumber's edges and cells, its text lines are extract_text_lines' lines, and together they give pdfplumber's
objects and cells unchanged on the pages here."""

from __future__ import annotations

import io
import itertools
import random
import re

import pdfplumber
import pytest
from conftest import EACH_PDF_FOLDER, SAMPLE_PDFS, pdfs_in
from pdfminer import pdfinterp
from pdfminer.converter import PDFPageAggregator
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdftypes import PDFStream
from pdfminer.psparser import KWD
from pdfplumber.container import Container
from pdfplumber.table import TableFinder, TableSettings

from extract.pdf import cells, chars, edges
from extract.pdf.content_lexer import FastContentParser
from extract.pdf.dispatch import PDFMINER_EXECUTE, execute, method_name
from extract.pdf.grid import TABLE_SETTINGS
from extract.pdf.lines import text_lines
from extract.pdf.speedups import REPLACEMENTS, faster_parsing


def _interpreted(loop, *datas: bytes) -> str:
    """What a loop leaves behind: the device's objects, the operand stack, the graphics state."""
    device = PDFPageAggregator(PDFResourceManager())
    device.begin_page(type("Page", (), {"pageid": 1, "mediabox": (0, 0, 600, 800)})(), (1, 0, 0, 1, 0, 0))
    interpreter = PDFPageInterpreter(device.rsrcmgr, device)
    interpreter.init_resources({})
    interpreter.init_state((1, 0, 0, 1, 0, 0))
    streams = []
    for number, data in enumerate(datas, start=1):
        stream = PDFStream({}, data)
        stream.objid = number  # pdfminer executes indirect streams only
        streams.append(stream)
    try:
        loop(interpreter, streams)
        outcome = "ok"
    except Exception as exc:  # a stream pdfminer cannot run must fail the same way
        outcome = type(exc).__name__
    device.end_page(None)
    state = (interpreter.argstack, interpreter.ctm, vars(interpreter.graphicstate), interpreter.curpath)
    # an inline image's figure is named after its object's id, which differs from run to run
    return re.sub(r"\(\d{6,}\)", "(id)", repr((outcome, device.result._objs, state)))


def _with_fast_lexer(loop):
    def run(interpreter, streams):
        saved, pdfinterp.PDFContentParser = pdfinterp.PDFContentParser, FastContentParser
        try:
            loop(interpreter, streams)
        finally:
            pdfinterp.PDFContentParser = saved

    return run


OPERATORS = [b"q", b"Q", b"cm", b"m", b"l", b"c", b"v", b"y", b"h", b"re", b"S", b"s", b"f", b"F", b"f*", b"B",
             b"B*", b"b", b"b*", b"n", b"W", b"W*", b"w", b"J", b"j", b"M", b"d", b"g", b"G", b"rg", b"RG", b"k",
             b"K", b"cs", b"sc", b"scn", b"BT", b"ET", b"Td", b"TD", b"Tm", b"T*", b"Tc", b"Tw", b"Tz", b"TL",
             b"Ts", b"Tr", b"Tf", b"Tj", b"TJ", b"'", b'"', b"BMC", b"BDC", b"EMC", b"MP", b"DP", b"d0", b"d1",
             b"xyz", b"BX", b"EX", b"gs", b"ri", b"i"]  # fmt: skip
OPERANDS = [b"0", b"1", b"-2.5", b"12", b"/F1", b"/DeviceRGB", b"(ab)", b"<4142>", b"[1 (x) -20 (y)]", b"<< /K 1 >>",
            b"1" + b"0" * 400]  # fmt: skip


def _random_stream(rng: random.Random) -> bytes:
    parts = []
    for _ in range(rng.randint(0, 30)):
        parts += [rng.choice(OPERANDS) for _ in range(rng.randint(0, 6))]
        parts.append(rng.choice(OPERATORS))
    return b" ".join(parts)


@pytest.mark.parametrize(
    "data",
    [b"1 0 0 1 50 60 cm 0 0 m 10 10 l S", b"q 2 w 0 0 10 10 re f Q 1 2", b"1 2 3 l", b"T* ' \" d0", b"xyz 1 xyz",
     b"BT /F1 12 Tf 10 20 Td (Hello) Tj [(a) -100 (b)] TJ ET", b"1 0 0 RG 0.5 g 0 0 1 rg /Span << /MCID 3 >> BDC EMC",
     b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q", b""],
)  # fmt: skip
def test_tricky_operators_run_as_pdfminer_runs_them(data):
    assert _interpreted(execute, data) == _interpreted(PDFMINER_EXECUTE, data)
    assert _interpreted(_with_fast_lexer(execute), data) == _interpreted(PDFMINER_EXECUTE, data)


def test_random_operators_run_as_pdfminer_runs_them():
    rng = random.Random(20261202)
    for _ in range(400):
        datas = [_random_stream(rng) for _ in range(rng.randint(1, 2))]
        expected = _interpreted(PDFMINER_EXECUTE, *datas)
        assert _interpreted(_with_fast_lexer(execute), *datas) == expected, datas
        with faster_parsing():  # the path operators' own speedups too
            assert _interpreted(execute, *datas) == expected, datas


def test_method_names_are_pdfminers():
    assert [method_name(KWD(op)) for op in (b"T*", b"'", b'"', b"Tj", b"f*")] == [
        "do_T_a", "do__q", "do__w", "do_Tj", "do_f_a"
    ]  # fmt: skip


def _random_edges(rng: random.Random) -> list[dict]:
    """Ruling lines on a coarse lattice (so that they meet, overlap and stop short), some
    doubled, some a little off."""
    edges = []
    for _ in range(rng.randint(0, 24)):
        at, start = rng.randint(0, 4) * 10 + rng.choice([0, 0, 0, 0.5]), rng.randint(0, 3) * 10
        end = start + rng.randint(1, 4) * 10
        if rng.random() < 0.5:
            edges.append({"x0": at, "x1": at, "top": start, "bottom": end, "orientation": "v"})
        else:
            edges.append({"x0": start, "x1": end, "top": at, "bottom": at, "orientation": "h"})
    return edges + [dict(edge) for edge in edges if rng.random() < 0.1]


def test_cells_are_pdfplumbers_cells():
    rng = random.Random(20261202)
    found = 0
    for _ in range(2000):
        edges = _random_edges(rng)
        ours = cells.edges_to_intersections(edges, 1, 1)
        assert repr(ours) == repr(cells.PDFPLUMBER_INTERSECTIONS(edges, 1, 1)), edges
        assert cells.intersections_to_cells(ours) == cells.PDFPLUMBER_CELLS(ours), edges
        found += len(cells.intersections_to_cells(ours))
    assert found > 3000  # the lattices did make cells (4,539)


def test_moved_records_are_pdfplumbers():
    rng = random.Random(20261202)
    groups = [("x0", "x1", "top", "bottom"), ("doctop",), ("y0", "y1"), ("width",), ("object_type",)]
    for _ in range(500):
        chosen = [group for n, group in enumerate(groups) if n == 0 or rng.random() < 0.5]
        record = {key: rng.uniform(0, 800) for group in rng.sample(chosen, len(chosen)) for key in group}
        for axis in ("h", "v"):
            value = rng.uniform(-3, 3)
            assert repr(cells.move_object(record, axis, value)) == repr(cells.PDFPLUMBER_MOVE(record, axis, value))


def _edge_geometry(found: list[dict]) -> list[tuple]:
    """What tables are built from: each edge's place, length and orientation, in order."""
    return [
        (edge["orientation"], edge["x0"], edge["x1"], edge["top"], edge["bottom"], edge[length])
        for edge in found
        for length in ["height" if edge["orientation"] == "v" else "width"]
    ]


class _Sheet(Container):
    """A page of given records (pdfplumber's page.edges reads them from `objects`)."""

    bbox = (0, 0, 200, 200)

    def __init__(self, objects: dict[str, list[dict]]):
        self._given = objects

    @property
    def objects(self) -> dict[str, list[dict]]:
        return self._given


def _random_path_record(rng: random.Random) -> tuple[str, dict]:
    """A line (level, upright or sloping), a rectangle (some thinner than a point) or a
    polyline, on a coarse lattice a little off, so edges snap, join, and fall short; its
    top-down places made from PDF coordinates as pdfplumber makes them (so a rectangle's
    top plus its height need not be its bottom)."""

    def at() -> float:
        return rng.randint(0, 6) * 20 + rng.choice([0, 0, 0, 0.1, 0.3, -1.3, 2.9, 3.2])

    x0, y0 = at(), at()
    x1, y1 = x0 + rng.choice([0, 0.5, 2, 20, 40, 60]), y0 + rng.choice([0, 0.7, 2, 20, 40.1])
    kind = rng.choice(["line", "rect", "rect", "curve"])
    if kind == "line":
        x1, y1 = rng.choice([(x1, y0), (x0, y1), (x1, y1)])
    top, bottom = 800.3 - y1, 800.3 - y0
    pts = [(x0, top), (x1, top), (x1, bottom), (x0, bottom)][: rng.randint(2, 4)]
    record = {"x0": min(x0, x1), "x1": max(x0, x1), "y0": y0, "y1": y1, "top": top, "bottom": bottom,
              "width": abs(x1 - x0), "height": y1 - y0, "doctop": top + 800, "object_type": kind,
              "pts": pts if kind == "curve" else None}  # fmt: skip
    return kind, record


def test_ruling_edges_are_pdfplumbers():
    """Random sheets of lines, rectangles and curves, under the reader's settings and under
    other snap, join and length settings; other strategies are pdfplumber's own."""
    rng = random.Random(20261202)
    settings = [TABLE_SETTINGS, {**TABLE_SETTINGS, "snap_tolerance": 0}, {**TABLE_SETTINGS, "snap_x_tolerance": 0.5,
                "join_tolerance": 8, "edge_min_length": 25}, {**TABLE_SETTINGS, "explicit_horizontal_lines": [50, 70]},
                {"vertical_strategy": "lines_strict"}]  # fmt: skip
    found = 0
    for _ in range(400):
        objects: dict[str, list[dict]] = {}
        for kind, record in (_random_path_record(rng) for _ in range(rng.randint(0, 30))):
            objects.setdefault(kind, []).append(record)
        for chosen in settings:
            finder = TableFinder.__new__(TableFinder)
            finder.page, finder.settings = _Sheet(objects), TableSettings.resolve(chosen)
            shipped = _edge_geometry(edges.PDFPLUMBER_GET_EDGES(finder))
            assert _edge_geometry(edges.get_edges(finder)) == shipped, (chosen, objects)
            found += len(shipped)
    assert found > 10000  # the sheets did have edges


def _same_cells(page) -> bool:
    edges = TableFinder(page, TABLE_SETTINGS).edges
    with faster_parsing():  # the edges snapped and joined on positions, not records
        if _edge_geometry(TableFinder(page, TABLE_SETTINGS).edges) != _edge_geometry(edges):
            return False
    ours = cells.edges_to_intersections(edges, 3, 3)
    if repr(ours) != repr(cells.PDFPLUMBER_INTERSECTIONS(edges, 3, 3)):
        return False
    return cells.intersections_to_cells(ours) == cells.PDFPLUMBER_CELLS(ours)


@EACH_PDF_FOLDER
def test_pages_here_give_pdfplumbers_objects_and_cells_unchanged(folder):
    """Every fourth page (a full pass takes 25 s; `scripts/parity.py` covers the rest)."""
    for path in pdfs_in(folder):
        with pdfplumber.open(path) as fast, pdfplumber.open(path) as shipped:
            for number in range(0, len(fast.pages), 4):
                with faster_parsing():
                    read = repr(fast.pages[number].objects)
                assert read == repr(shipped.pages[number].objects), f"{path.name} page {number + 1}"
                assert _same_cells(shipped.pages[number]), f"{path.name} page {number + 1}"


def test_everything_swapped_in_is_swapped_back_nested_or_not():
    def current():
        return [getattr(where, name) for where, name, _ in REPLACEMENTS]

    shipped = current()
    with faster_parsing():
        faster = current()
        with faster_parsing():
            pass
        assert current() == faster  # an inner exit leaves the outer reading fast
    assert current() == shipped
    assert all(a is not b for a, b in zip(faster, shipped))


def _one_page_pdf(content: bytes, page_attrs: bytes = b"/MediaBox [0 0 600 800]") -> bytes:
    """A PDF of one page over `content`, with a Latin font (F1), a horizontal CJK font (F2) and
    a vertical one (F3), none embedded: pdfminer renders all three from their metrics."""
    cjk = b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-%s /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -143 1000 857] /ItalicAngle 0 /Ascent 857 /Descent -143 /CapHeight 857 /StemV 80 >> /DW 1000 >>] >>"  # noqa: E501
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R " + page_attrs + b" /Contents 4 0 R /Resources << /Font << "
        b"/F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> /F2 " + cjk % b"H" + b" /F3 " + cjk % b"V"
        + b" >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]  # fmt: skip
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


TEXT_OPERATIONS = [b"/F1 9 Tf", b"/F2 10.5 Tf", b"/F3 12 Tf", b"/F2 -8 Tf", b"2 Tc", b"-0.5 Tc", b"3 Tw", b"80 Tz",
                   b"150 Tz", b"2 Ts", b"-1.5 Ts", b"12 TL", b"T*", b"30 -14 Td", b"1 0 0 1 72 700 Tm",
                   b"0 1 -1 0 300 200 Tm", b"-1 0 0 -1 500 600 Tm", b"0.9 0.2 -0.2 0.9 100 400 Tm",
                   b"1 0 0 -1 50 500 Tm", b"1 0 0 1 0 0 Tm",
                   b"-1 0 0 1 0 700 Tm", b"1 0 0 1 -20 0 Tm", b"2 0 0 2 10 10 cm", b"1 0 0.3 1 0 0 cm",
                   b"1 0 0 rg", b"0.5 G",
                   b"/Span << /MCID 7 >> BDC", b"/P BMC", b"EMC", b"q", b"Q", b"(Ab c) Tj", b"<4e2d6587 0020> Tj",
                   b"[(A) -120 (b c) 30 <0031> 5] TJ", b"[<4e2d> 250 <56fd0020> -40.5 ()] TJ", b"(x) '",
                   b"2 1 (y z) \""]  # fmt: skip


def _random_text_page(rng: random.Random) -> bytes:
    chosen = [rng.choice(TEXT_OPERATIONS) for _ in range(rng.randint(1, 40))]
    return b"BT /F1 11 Tf 100 700 Td " + b" ".join(chosen) + b" ET"


def _objects_both_ways(data: bytes) -> tuple[str, str]:
    with pdfplumber.open(io.BytesIO(data)) as fast, pdfplumber.open(io.BytesIO(data)) as shipped:
        with faster_parsing():
            read = repr(fast.pages[0].objects)
        return read, repr(shipped.pages[0].objects)


def test_characters_are_rendered_as_pdfminer_renders_them():
    """Random text over fonts horizontal and vertical, Latin and CJK: spacing, scaling, rise,
    turned and skewed matrices, marked content, colours, a media box off the origin, a
    rotated page. Characters, their boxes and their order come out as pdfplumber's."""
    rng = random.Random(20261202)
    page_attrs = [b"/MediaBox [0 0 600 800]", b"/MediaBox [20 -30 620 770]", b"/MediaBox [0 0 600 800] /Rotate 90"]
    rendered = 0
    for _ in range(150):
        data = _one_page_pdf(_random_text_page(rng), rng.choice(page_attrs))
        read, shipped = _objects_both_ways(data)
        assert read == shipped, data
        rendered += shipped.count("'object_type': 'char'")
    assert rendered > 1000  # the streams do render characters


def test_a_device_that_analyses_layout_gets_pdfminers_characters():
    data = _one_page_pdf(b"BT /F1 11 Tf 100 700 Td (Hello) Tj /F2 10 Tf <4e2d> Tj ET")
    with pdfplumber.open(io.BytesIO(data), laparams={}) as pdf, faster_parsing():
        assert [type(obj).__name__ for obj in pdf.pages[0].layout] == ["LTTextBoxHorizontal"]
        assert "".join(char["text"] for char in pdf.pages[0].chars) == "Hello中"


PATH_OPERATIONS = [b"10 20 m", b"30.5 20 l", b"30 40 l", b"10 40 l", b"10 20 l", b"h", b"5 5 100 50 re",
                   b"0 0 m 0 80 l", b"1 2 3 4 5 6 c", b"1 2 3 4 v", b"1 2 3 4 y", b"S", b"s", b"f", b"f*", b"B",
                   b"b*", b"n", b"W n", b"2 w", b"0.25 w", b"[3 2] 0 d", b"1 0 0 RG", b"0.2 g", b"2 0 0 2 10 10 cm",
                   b"1 0 0 -1 0 800 cm", b"0 1 -1 0 400 0 cm", b"q", b"Q", b"/Span << /MCID 4 >> BDC", b"EMC",
                   b"/Artifact BMC", b"BT /F1 9 Tf 50 50 Td (ab) Tj ET", b"15 15 l S",
                   b"10 20 m 30 20 l 30 40 l 10 40 l 10 20 l h S", b"0 0 m 50 0 l 0 0 l h S",
                   b"1 1 m 9 1 l 9 9 l 2 9 l h f"]  # fmt: skip


def test_paths_are_painted_as_pdfminer_paints_them():
    """Random paths: lines, rectangles (drawn and `re`), curves, several subpaths, paths that
    do not start with m, turned and flipped matrices, integer and decimal operands, marked
    content around paths and characters. Lines, rectangles and curves come out as pdfplumber's."""
    rng = random.Random(20261202)
    page_attrs = [b"/MediaBox [0 0 600 800]", b"/MediaBox [20 -30 620 770]", b"/MediaBox [0 0 600 800] /Rotate 90"]
    painted = 0
    for _ in range(200):
        content = b" ".join(rng.choice(PATH_OPERATIONS) for _ in range(rng.randint(1, 40)))
        read, shipped = _objects_both_ways(_one_page_pdf(content, rng.choice(page_attrs)))
        assert read == shipped, content
        painted += len(re.findall(r"'object_type': '(?:line|rect|curve)'", shipped))
    assert painted > 100  # the streams do paint paths


def _lines_both_ways(page, y_tolerance: float) -> tuple[list, list]:
    shipped = page.extract_text_lines(return_chars=False, y_tolerance=y_tolerance)
    return text_lines(page, y_tolerance), [(line["top"], line["text"]) for line in shipped]


@EACH_PDF_FOLDER
def test_text_lines_are_pdfplumbers(folder):
    """Every third page, at the reader's two line tolerances."""
    for path in pdfs_in(folder):
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages[::3]:
                for y_tolerance in (3, 6):
                    ours, shipped = _lines_both_ways(page, y_tolerance)
                    assert repr(ours) == repr(shipped), f"{path.name} page {page.page_number}"


def test_text_lines_of_disturbed_characters_are_pdfplumbers():
    """Characters of a rendered page moved, resized, retexted and turned at random: ligatures,
    empty and blank texts, line breaks inside a text, lines that nearly touch, runs of turned
    characters among upright ones."""
    texts = ["ﬁ", "ﬄ", "", " ", "\u3000", "a\u3000", " a", "a b", "x\ny", "中", "1", ".", "(cid:7)"]
    rng = random.Random(20261202)
    with pdfplumber.open(SAMPLE_PDFS / "liaoning_dandong_hrss_2024.pdf") as pdf:
        page = pdf.pages[2]
        original = page.chars[:120]
        for _ in range(150):
            chars = [dict(char) for char in original]
            for char in rng.sample(chars, k=len(chars) // 2):
                shift = rng.choice([0, 0.4, -0.4, 1.5, -1.5, 2.9, 3.1, -3.1, 5.9, 6.2])
                char["top"] += shift
                char["bottom"] += shift
                char["x0"] += rng.uniform(-2, 2)
                if rng.random() < 0.5:
                    char["text"] = rng.choice(texts)
            if rng.random() < 0.5:  # a run turned sideways: read in lines by x0, top to bottom
                first = rng.randrange(len(chars))
                for char in chars[first : first + rng.randint(1, 60)]:
                    char["upright"] = False
                    x0, top, x1, bottom = char["x0"], char["top"], char["x1"], char["bottom"]
                    char.update(x0=top, top=x0, x1=bottom, bottom=x1)
            disturbed = page.filter(lambda _: True)
            disturbed._objects = {**page.objects, "char": chars}
            for y_tolerance in (3, 6):
                ours, shipped = _lines_both_ways(disturbed, y_tolerance)
                assert repr(ours) == repr(shipped)


def test_a_level_characters_box_is_pdfminers_box_to_the_bit():
    """b = c = 0: the box from two corners is the box from four, zeros' signs included,
    wherever e1 and f1 are not zero (where they are, the reader takes the four)."""
    signs_differ = 0
    for a, d in itertools.product([1.0, -1.0, 2.5, -0.5, 1], repeat=2):
        for b, c in itertools.product([0.0, -0.0, 0], repeat=2):
            for e1, f1, adv, (bottom, top) in itertools.product(
                [-0.0, 0.0, 3.5, -7.25], [-0.0, 0.0, 700.0], [0.0, 6.1], [(-2.3, 8.7), (0.0, 10.0), (-0.0, 0.0)]
            ):
                four = chars._box(a, b, c, d, e1, f1, adv, bottom, top)
                if e1 and f1:
                    assert repr(chars._level_box(a, d, e1, f1, adv, bottom, top)) == repr(four)
                else:
                    signs_differ += repr(chars._level_box(a, d, e1, f1, adv, bottom, top)) != repr(four)
    assert signs_differ > 0  # why a zero e1 or f1 takes the four corners
