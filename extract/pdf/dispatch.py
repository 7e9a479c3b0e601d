"""pdfminer's operator loop, with each operator's method looked up once.

pdfminer's PDFPageInterpreter.execute turns every operator it meets into a method name by
decoding the keyword and three string replacements, asks hasattr and then getattr, and logs
each call at debug level (a call even when nothing is logged). A page runs thousands of
operators, so that was a tenth of the parse. Here the name of each operator keyword is made
once, its method and operand count are fetched once per page, operands are popped in place,
nothing is logged, and the operands the fast lexer has already read come from its list. The
interpreter's state changes exactly as pdfminer's loop changes it (tests compare the two loops
on random and tricky streams, and pdfplumber's objects on every fourth page here; all 351
pages were compared once).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from pdfminer import pdfinterp, settings
from pdfminer.psexceptions import PSEOF
from pdfminer.psparser import PSKeyword, keyword_name

from .content_lexer import FastContentParser

PDFMINER_EXECUTE = pdfinterp.PDFPageInterpreter.execute
_METHOD_NAMES: dict[PSKeyword, str] = {}


def method_name(keyword: PSKeyword) -> str:
    """pdfminer's name for an operator's method: do_Tj, do_T_a for T*, do__q for ' …"""
    name = _METHOD_NAMES.get(keyword)
    if name is None:
        text = keyword_name(keyword)
        name = "do_" + text.replace("*", "_a").replace('"', "_w").replace("'", "_q")
        _METHOD_NAMES[keyword] = name
    return name


def _valid_streams(interpreter, streams: Sequence[object]) -> list:
    """The streams pdfminer executes: indirect ones, not already being executed above."""
    valid = []
    interpreter.stream_ids.clear()
    for obj in streams:
        stream = pdfinterp.stream_value(obj)
        if stream.objid is None:
            pdfinterp.log.warning("Execute called on non-indirect object (inline image?) %r", stream)
        elif stream.objid in interpreter.parent_stream_ids:
            pdfinterp.log.warning("Refusing to execute circular reference to content stream %d", stream.objid)
        else:
            valid.append(stream)
            interpreter.stream_ids.add(stream.objid)
    return valid


def _read_one_by_one(parser) -> Iterator[object]:
    while True:
        try:
            yield parser.nextobject()[1]
        except PSEOF:
            return


def _objects(parser) -> Iterable[object]:
    """The fast lexer's list of objects as it is (no generator step per object), or
    pdfminer's parser's objects one by one."""
    read = parser.objects if isinstance(parser, FastContentParser) else None
    return read if read is not None else _read_one_by_one(parser)


def _bound(interpreter, keyword: PSKeyword) -> tuple[object, int] | None:
    """The interpreter's method for an operator, and how many operands it takes."""
    method = getattr(interpreter, method_name(keyword), None)
    return None if method is None else (method, method.__code__.co_argcount - 1)


def execute(interpreter, streams: Sequence[object]) -> None:
    """PDFPageInterpreter.execute, as pdfminer runs it."""
    try:
        parser = pdfinterp.PDFContentParser(_valid_streams(interpreter, streams))
    except PSEOF:
        return  # an empty page
    methods: dict[PSKeyword, tuple[object, int] | None] = {}
    push = interpreter.argstack.append
    for obj in _objects(parser):
        if type(obj) is not PSKeyword:
            push(obj)
            continue
        bound = methods[obj] if obj in methods else methods.setdefault(obj, _bound(interpreter, obj))
        if bound is None:
            if settings.STRICT:
                raise pdfinterp.PDFInterpreterError(f"Unknown operator: {keyword_name(obj)!r}")
            continue
        method, count = bound
        if not count:
            method()
        else:
            stack = interpreter.argstack
            operands = stack[-count:]
            del stack[-count:]  # pdfminer's pop, in place
            if len(operands) == count:
                method(*operands)
        push = interpreter.argstack.append  # an operator may have set a new stack
