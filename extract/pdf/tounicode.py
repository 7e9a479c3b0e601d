"""A font's ToUnicode map read without pdfminer's PostScript parser where the map is plain.

Every embedded font of a report carries a ToUnicode map: a short header, then sections of
`<code> <text>` pairs (bfchar) and `<first> <last> <text>` ranges (bfrange). pdfminer
tokenises the whole map an object at a time, and every worker reads its report's fonts
afresh: about a fiftieth of the reader's time on the real reports. Here the sections made
of hexadecimal strings (and, in ranges, arrays of them) alone are read with regular
expressions and entered as pdfminer's CMapParser enters them (its arithmetic, its order,
the map's own add_cid2unichr); the rest of the map (its header: names, dictionaries,
`def`s) still goes through pdfminer's parser. A map with anything else in or beside its
sections (glyph names, CID ranges, another map it uses, a section in a comment or after the
map's end, strings of odd length, anything pdfminer warns about) goes to pdfminer whole, as
does a map that is not a font's ToUnicode map.
"""

from __future__ import annotations

import re
import struct
from binascii import unhexlify
from io import BytesIO
from typing import BinaryIO

from pdfminer.cmapdb import CMapBase, CMapParser, FileUnicodeMap

PDFMINER_CMAP_PARSER = CMapParser
_DELIMITER = rb"#/%\[\]()<>{}\s"  # what ends a keyword for pdfminer's tokeniser
_SECTION = re.compile(
    rb"(?:(?<![^%(d)s])\d+\s+)?(?<![^%(d)s])begin(bfchar|bfrange)(?=[%(d)s])(.*?)(?<![^%(d)s])end\1(?=[%(d)s]|\Z)"
    % {b"d": _DELIMITER},
    re.S,
)
_HEX = rb"<([0-9A-Fa-f\s]*)>"
_ITEM = re.compile(rb"\s*(?:%s|\[((?:\s*<[0-9A-Fa-f\s]*>)*)\s*\])" % _HEX)  # a string, or an array of them
_HEX_STRING = re.compile(_HEX)
_SPACE = re.compile(rb"\s")
_OTHER_ENTRIES = re.compile(rb"bfchar|bfrange|cidchar|cidrange|usecmap")
_LARGEST_CODE = 0xFFFFFFFF  # struct.pack(">L") in pdfminer's ranges


class _Irregular(Exception):
    """The map holds what only pdfminer's parser reads as pdfminer reads it."""


def _decoded(digits: bytes) -> bytes:
    """A hexadecimal string as pdfminer's tokeniser decodes it (white space ignored)."""
    digits = _SPACE.sub(b"", digits)
    if len(digits) % 2:
        raise _Irregular  # pdfminer keeps an odd last digit as a character
    return unhexlify(digits)


def _items(body: bytes) -> list[bytes | list[bytes]]:
    """A section's strings and arrays of strings, or _Irregular if it holds anything else."""
    items: list[bytes | list[bytes]] = []
    at = 0
    while (item := _ITEM.match(body, at)) is not None and item.end() > at:
        string, array = item.groups()
        items.append(_decoded(string) if array is None else [_decoded(s) for s in _HEX_STRING.findall(array)])
        at = item.end()
    if body[at:].strip():
        raise _Irregular
    return items


def _bfchar_entries(items: list) -> list[tuple[int, bytes]]:
    if any(type(item) is not bytes for item in items):
        raise _Irregular  # pdfminer passes over a pair that is not two strings
    return [(int.from_bytes(code), text) for code, text in zip(items[0::2], items[1::2])]


def _bfrange_entries(items: list) -> list[tuple[int, bytes]]:
    entries = []
    for first, last, text in zip(items[0::3], items[1::3], items[2::3]):
        if type(first) is not bytes or type(last) is not bytes or len(first) != len(last):
            raise _Irregular  # pdfminer warns and skips the range
        start, end = int.from_bytes(first), int.from_bytes(last)
        if type(text) is list:
            if len(text) != end - start + 1:
                raise _Irregular  # pdfminer warns
            entries += zip(range(start, end + 1), text)
            continue
        variable, prefix = text[-4:], text[:-4]
        base, width = int.from_bytes(variable), len(variable)
        if not variable or base + (end - start) > _LARGEST_CODE:
            raise _Irregular  # pdfminer counts from a value of no width, or fails
        entries += [(start + i, prefix + struct.pack(">L", base + i)[-width:]) for i in range(end - start + 1)]
    return entries


def _split(data: bytes) -> tuple[bytes, list[tuple[int, bytes]]]:
    """The map with each plain section left empty (its keywords kept: they clear pdfminer's
    stack), and the sections' (code, text) entries in order."""
    entries: list[tuple[int, bytes]] = []
    pieces, last = [], 0
    end_of_map = data.find(b"endcmap")
    for section in _SECTION.finditer(data):
        line_start = data.rfind(b"\n", 0, section.start()) + 1
        if b"%" in data[line_start : section.start()] or 0 <= end_of_map < section.start():
            raise _Irregular  # the section may sit in a comment, or after the map's end
        items = _items(section.group(2))
        entries += _bfchar_entries(items) if section.group(1) == b"bfchar" else _bfrange_entries(items)
        pieces.append(data[last : section.start()])
        last = section.end()
    pieces.append(data[last:])
    if any(_OTHER_ENTRIES.search(piece) for piece in pieces):
        raise _Irregular  # a section this did not take
    return b" beginbfchar endbfchar ".join(pieces), entries


class ToUnicodeParser:
    """pdfminer's CMapParser(cmap, fp).run(), with a plain ToUnicode map's sections read here."""

    def __init__(self, cmap: CMapBase, fp: BinaryIO):
        self.cmap, self.fp = cmap, fp

    def run(self) -> None:
        if type(self.cmap) is not FileUnicodeMap:
            PDFMINER_CMAP_PARSER(self.cmap, self.fp).run()
            return
        data = self.fp.read()
        try:
            header, entries = _split(data)
        except _Irregular:
            PDFMINER_CMAP_PARSER(self.cmap, BytesIO(data)).run()
            return
        try:
            PDFMINER_CMAP_PARSER(self.cmap, BytesIO(header)).run()
        except Exception:  # a malformed header: pdfminer fails where it fails, sections read or not
            PDFMINER_CMAP_PARSER(self.cmap, BytesIO(data)).run()
            return
        for code, text in entries:
            self.cmap.add_cid2unichr(code, text)
