"""A faster reading of page content streams, object for object the same as pdfminer's.

pdfminer tokenises a content stream one state-machine step at a time, which was ~40% of the
extractor's time. This lexer splits each stream into its tokens with one regular expression
(one pass, in C) and builds the same objects (numbers, names, strings, arrays, dictionaries,
operators), interned in pdfminer's own tables. Wherever its reading could differ from
pdfminer's — an inline image (BI … ID … EI), a token left open at the end of a stream, a
string nested deeper than one level, a stream that cannot be decoded — the page's content is
read by pdfminer's own parser instead, so the objects the interpreter receives never differ.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterator

from pdfminer import pdfinterp
from pdfminer.pdftypes import stream_value
from pdfminer.psexceptions import PSEOF
from pdfminer.psparser import (
    KWD,
    LIT,
    literal_name,
)
from pdfminer.utils import choplist

PDFMINER_PARSER = pdfinterp.PDFContentParser  # read before the reader swaps FastContentParser in

_DELIMITED = rb"[^#/%\[\]()<>{}\s]"  # what pdfminer's END_LITERAL / END_KEYWORD stop at
_STRING_BODY = rb"(?:[^()\\]|\\.)*"
# One token after any blanks: its text alone tells its kind (by its first byte). A string
# is matched whole with up to one level of nested parentheses; a deeper one leaves a lone '('.
_TOKEN = re.compile(
    rb"[\s\x00]*("
    rb"%[^\r\n]*"
    rb"|/(?:" + _DELIMITED + rb"|#[0-9a-fA-F]{0,2})*"
    rb"|[-+0-9][0-9]*(?:\.[0-9]*)?|\.[0-9]*"
    rb"|[A-Za-z]" + _DELIMITED + rb"*"
    rb"|\((?:[^()\\]|\\.|\(" + _STRING_BODY + rb"\))*\)"
    rb"|<<|>>|<[\s0-9a-fA-F]*"
    rb"|[^\s\x00])",
    re.DOTALL,
)
_NAME_ESCAPE = re.compile(rb"#([0-9a-fA-F]{0,2})")
_HEX_PAIR = re.compile(rb"[0-9a-fA-F]{2}|.", re.DOTALL)
_SPACE = re.compile(rb"\s")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}


class _Unsure(Exception):
    """The lexer cannot promise pdfminer's reading here."""


def _name(text: bytes):
    raw = _NAME_ESCAPE.sub(lambda m: bytes((int(m.group(1), 16),)) if m.group(1) else b"", text[1:])
    try:
        return LIT(str(raw, "utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)


_STRING_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.DOTALL)


def _escaped(match: re.Match) -> bytes:
    """One escape as pdfminer reads it: an unknown one (and a line break) drops both characters."""
    escape = match.group(1)
    if escape[:1].isdigit() and escape[:1] not in b"89":
        code = int(escape, 8)
        if code >= 256:
            raise _Unsure("an octal escape pdfminer refuses")
        return bytes((code,))
    return _ESCAPES.get(escape, b"")


def _string(text: bytes) -> bytes:
    body = text[1:-1]
    return _STRING_ESCAPE.sub(_escaped, body) if b"\\" in body else body


def _hex(text: bytes) -> bytes:
    digits = _SPACE.sub(b"", text[1:])
    if len(digits) % 2 == 0:
        return binascii.unhexlify(digits)
    # pdfminer reads a last lone digit d as the byte 0d
    return _HEX_PAIR.sub(lambda m: bytes((int(m.group(), 16),)), digits)


_NUMBER_START = frozenset(b"-+0123456789.")
_LETTERS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_BOOLEANS = {b"true": True, b"false": False}
_OPENING = {b"[": "a", b"<<": "d", b"{": "p"}
_CLOSING = {b"]": "a", b">>": "d", b"}": "p"}
# Operators and names recur on every page: each text is read once (pdfminer interns both).
_KEYWORDS: dict[bytes, object] = {}
_NAMES: dict[bytes, object] = {}
_REMEMBERED = 50_000


_UNREAD = object()


def _number(text: bytes) -> float | int | None:
    try:
        return float(text) if b"." in text else int(text)
    except ValueError:  # a lone sign or point: pdfminer drops it too
        return None


def _keyword(text: bytes) -> object:
    if text in _BOOLEANS:
        return _BOOLEANS[text]
    if text in (b"BI", b"ID"):  # an inline image's data is not tokens; a lone ID is an error pdfminer swallows
        raise _Unsure("an inline image")
    if len(_KEYWORDS) > _REMEMBERED:
        _KEYWORDS.clear()
    keyword = _KEYWORDS[text] = KWD(text)
    return keyword


def _remembered_name(text: bytes) -> object:
    if len(_NAMES) > _REMEMBERED:
        _NAMES.clear()
    name = _NAMES[text] = _name(text)
    return name


def _closed(kind: str, items: list) -> object:
    if kind != "d":
        return items
    if len(items) % 2:
        raise _Unsure("a dictionary with an odd number of items")
    return {literal_name(k): v for (k, v) in choplist(2, items) if v is not None}


# A stream ending in the middle of a token pdfminer carries over into the next stream (a
# lone '/' or '>'); a name ending in a '#' escape pdfminer never ends, even at the last.
_CARRIED_OVER = re.compile(rb"(?:/|>)\Z")
_OPEN_ESCAPE = re.compile(rb"#[0-9a-fA-F]{0,2}\Z")


def _check_ends(data: bytes, texts: list[bytes], last: bool) -> None:
    if (not last and _CARRIED_OVER.search(data)) or _OPEN_ESCAPE.search(data):
        raise _Unsure("a token carried over into the next stream")
    if texts and texts[-1][:1] == b"<" and texts[-1] != b"<<":
        raise _Unsure("a hex string or '<' open at the end of a stream")


def objects(data: bytes, last: bool = True) -> list[object]:
    """The top-level objects the interpreter receives, as pdfminer's tokeniser and stack
    parser make them: operands and operators, with arrays, dictionaries and procedures
    built. A stream that is not the page's last is read alone only where pdfminer also ends
    its last token. One loop over the tokens (each stream has thousands)."""
    texts = _TOKEN.findall(data)
    _check_ends(data, texts, last)
    keywords, names, numbers = _KEYWORDS, _NAMES, {}
    result: list[object] = []
    stack: list[tuple[str, list]] = []
    current = result
    for text in texts:
        first = text[0]
        if first in _NUMBER_START:
            number = numbers.get(text, _UNREAD)
            if number is _UNREAD:  # most numbers of a stream recur (coordinates, sizes, colours)
                number = numbers[text] = _number(text)
            if number is not None:
                current.append(number)
        elif first in _LETTERS:
            keyword = keywords.get(text)
            current.append(keyword if keyword is not None else _keyword(text))
        elif first == 0x2F:  # /
            name = names.get(text)
            current.append(name if name is not None else _remembered_name(text))
        elif text in _OPENING:
            stack.append((_OPENING[text], current))
            current = []
        elif text in _CLOSING:
            if stack and stack[-1][0] == _CLOSING[text]:
                kind, outer = stack.pop()
                outer.append(_closed(kind, current))
                current = outer
            # else: pdfminer drops an unmatched closing token (not STRICT)
        elif first == 0x3C:  # <
            current.append(_hex(text))
        elif first == 0x28:  # (
            if len(text) == 1:
                raise _Unsure("a string nested deeper than one level, or open at the end")
            current.append(_string(text))
        elif first not in b"%>":  # comments, and a '>' that closes nothing, are not tokens
            current.append(KWD(text))
    if stack:
        raise _Unsure("an array or dictionary open at the end of a stream")
    return result


def _then_end(read: list[object]) -> Iterator[tuple[int, object]]:
    """Each object as pdfminer's nextobject() returns it, then the PSEOF it ends with."""
    for obj in read:
        yield (0, obj)
    raise PSEOF("end of content")


class FastContentParser:
    """Stands in for pdfminer's PDFContentParser: the same objects, read faster, or
    pdfminer's own parser where this one is unsure."""

    def __init__(self, streams) -> None:
        if not streams:
            raise PSEOF("Unexpected EOF, file truncated?")
        try:
            datas = [stream_value(stream).get_data() for stream in streams]
            last = len(datas) - 1
            read = [obj for n, data in enumerate(datas) for obj in objects(data, n == last)]
        except Exception:  # _Unsure, or a stream that does not decode: pdfminer reads it, as before
            self.objects: list[object] | None = None
            self.nextobject = PDFMINER_PARSER(streams).nextobject
        else:
            self.objects = read  # for an interpreter loop that takes them all at once
            self.nextobject = _then_end(read).__next__
