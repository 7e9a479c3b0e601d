"""ToUnicode maps read by tounicode.ToUnicodeParser are pdfminer's maps: the same text for
every code and the same attributes, on random maps (plain, and with everything that sends a
map to pdfminer) and on every font of the PDFs here; and the plain ones are read here."""

from __future__ import annotations

import logging
import random
from io import BytesIO

import pytest
from conftest import EACH_PDF_FOLDER, pdfs_in
from pdfminer.cmapdb import CMap, FileUnicodeMap
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, resolve1

from extract.pdf import tounicode
from extract.pdf.tounicode import PDFMINER_CMAP_PARSER, ToUnicodeParser

HEADER = (
    b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<< /Registry (Adobe)\n"
    b"/Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
    b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
)
FOOTER = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


def _hex(rng: random.Random, width: int) -> bytes:
    digits = b"%0*X" % (width * 2, rng.randrange(256**width))
    if rng.random() < 0.1:
        digits = digits[:2] + b" \n" + digits[2:]  # white space inside a string
    return b"<" + digits.lower() if rng.random() < 0.2 else b"<" + digits


def _pair(rng: random.Random) -> bytes:
    code = b"<00A0>" if rng.random() < 0.1 else _hex(rng, 2) + b">"
    return code + b" " + rng.choice([b"<0020>", b"<00A0>", b"<4E2D>", b"<D83DDE00>", b"<>", _hex(rng, 2) + b">"])


def _range(rng: random.Random) -> bytes:
    start = rng.randrange(0, 0xFF00)
    end = start + rng.randint(-1, 5)
    first, last = b"<%04X>" % start, b"<%04X>" % max(end, 0)
    if rng.random() < 0.5:
        count = end - start + 1 + (1 if rng.random() < 0.1 else 0)
        target = b"[" + b" ".join(b"<%04X>" % rng.randrange(0x4E00, 0x9FFF) for _ in range(max(count, 0))) + b"]"
    else:
        target = rng.choice([b"<4E00>", b"<FFFE>", b"<00410042>", b"<D83DDE00>", b"<0020>"])
    return first + b" " + last + b" " + target


IRREGULAR = [b"<0041> /A", b"<00410>", b"<00> <0041>", b"% a comment <0041>", b"[<0041>]", b"(x)"]


def _section(rng: random.Random) -> bytes:
    kind = rng.choice([b"bfchar", b"bfrange"])
    entries = [(_pair if kind == b"bfchar" else _range)(rng) for _ in range(rng.randint(0, 6))]
    if rng.random() < 0.08:
        entries.insert(rng.randint(0, len(entries)), rng.choice(IRREGULAR))
    count = b"%d " % len(entries) if rng.random() < 0.9 else b""
    return count + b"begin" + kind + b"\n" + b"\n".join(entries) + b"\nend" + kind + b"\n"


def _random_map(rng: random.Random) -> bytes:
    sections = [_section(rng) for _ in range(rng.randint(0, 5))]
    extra = [
        b"1 begincidrange <0000> <0003> 5 endcidrange\n",
        b"/Identity-H usecmap\n",
        b"%%EndComments\n",
        b"% 1 beginbfchar <0041> <0042> endbfchar\n",  # a section in a comment
        b"<00A0> <0020> endbfchar\n",  # pairs without their begin, after the sections before
        b"/Stale " + _section(rng) + b"/Lonely def\n",  # a def that reaches past a section
    ]
    if rng.random() < 0.2:
        sections.insert(rng.randint(0, len(sections)), rng.choice(extra))
    tail = _section(rng) if rng.random() < 0.1 else b""  # after the map's end: pdfminer ignores it
    data = HEADER + b"".join(sections) + FOOTER + tail
    return data.replace(b"begincmap\n", b"") if rng.random() < 0.1 else data


def _both_ways(data: bytes, caplog) -> tuple[tuple, tuple]:
    maps, logs = [], []
    for parser in (PDFMINER_CMAP_PARSER, ToUnicodeParser):
        caplog.clear()
        parsed, failure = FileUnicodeMap(), None
        try:
            parser(parsed, BytesIO(data)).run()
        except Exception as exc:  # pdfminer fails on some malformed maps: the same way here
            failure = type(exc).__name__
        maps.append((parsed.cid2unichr, repr(parsed.attrs), failure))
        logs.append([record.getMessage() for record in caplog.records])
    return (maps[0], logs[0]), (maps[1], logs[1])


def test_random_maps_are_pdfminers(caplog):
    caplog.set_level(logging.WARNING)
    rng = random.Random(20261202)
    read_here = 0
    for _ in range(800):
        data = _random_map(rng)
        shipped, ours = _both_ways(data, caplog)
        assert ours == shipped, data
        try:
            tounicode._split(data)
            read_here += 1
        except tounicode._Irregular:
            pass
    assert 300 < read_here < 750  # most maps are plain, and some are not (441)


def test_a_map_that_is_not_a_tounicode_map_is_pdfminers():
    data = b"begincmap 1 begincidrange <00> <05> 10 endcidrange endcmap"
    shipped, ours = CMap(), CMap()
    PDFMINER_CMAP_PARSER(shipped, BytesIO(data)).run()
    ToUnicodeParser(ours, BytesIO(data)).run()
    assert ours.code2cid == shipped.code2cid and ours.attrs == shipped.attrs


def _tounicode_maps(path) -> list[bytes]:
    with open(path, "rb") as stream:
        document = PDFDocument(PDFParser(stream))
        maps = []
        for xref in document.xrefs:
            for number in xref.get_objids():
                obj = document.getobj(number)
                if isinstance(obj, dict) and isinstance(resolve1(obj.get("ToUnicode")), PDFStream):
                    maps.append(resolve1(obj["ToUnicode"]).get_data())
        return maps


@EACH_PDF_FOLDER
def test_every_font_here_maps_as_pdfminer_maps_it(folder, caplog):
    maps = [data for path in pdfs_in(folder) for data in _tounicode_maps(path)]
    if not maps:
        pytest.skip(f"no font in {folder} has a ToUnicode map (non-embedded fonts)")
    for data in maps:
        shipped, ours = _both_ways(data, caplog)
        assert ours == shipped, data[:400]
