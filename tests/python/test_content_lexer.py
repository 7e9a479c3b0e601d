"""The fast content-stream lexer gives the interpreter exactly what pdfminer's parser gives."""

from __future__ import annotations

import random

import pytest
from conftest import EACH_PDF_FOLDER, pdfs_in
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream
from pdfminer.psexceptions import PSEOF

from extract.pdf.content_lexer import PDFMINER_PARSER, FastContentParser


def _read(parser_class, streams) -> str:
    """Every object a parser yields (or the error it stops with), as repr: 1 and 1.0 differ."""
    read = []
    try:
        parser = parser_class(streams)
        while True:
            read.append(parser.nextobject()[1])
    except PSEOF:
        return repr(read)
    except Exception as exc:  # a page pdfminer cannot read must fail the same way
        return repr(read) + f" then {type(exc).__name__}"


def _streams(*datas: bytes) -> list[PDFStream]:
    return [PDFStream({}, data) for data in datas]


TRICKY = [
    b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET",
    b"/Na#6De /A#2 /B# /#41 /\xe4\xb8\xad /x\x00y",
    b"(a(b)c) (\\(\\)\\\\\\n\\r\\t\\b\\f) (\\101\\1012\\7x) (line\\\ncontinued\\\r\nhere) (\\q) ()",
    b"<48 65 6C6C6f> <ABC> <> <0 0>> <<",
    b"<< /Type /X /N [1 2 3] /D << /E true /F false >> >> [ (a) <01> [ ] ] { 1 { 2 } }",
    b"] >> } ) [ 1 >> 2 ] << /A >> << /A 1 /B >>",
    b"-.5 +.5 . - + 1.2.3 12abc 1-2 0.0 -0 007 1e5",
    b"q 1 0 0 1 0 0 cm Q T* ' \" d0 d1 re W* f* B* b*",
    b"% a comment\r\n1 % another\n2 %\r3",
    b"\x80\xff \x00\x00 1",
    b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI Q",
    b"ID 1 2 EI",
    b"(unterminated",
    b"<0A0B",
    b"[ 1 2",
    b"<< /A 1",
    b"1 2 /",
    b"(\\777)",
]


@pytest.mark.parametrize("data", TRICKY)
def test_tricky_content_reads_as_pdfminer_reads_it(data):
    assert _read(FastContentParser, _streams(data)) == _read(PDFMINER_PARSER, _streams(data))


@pytest.mark.parametrize(
    "first, second",
    [(b"12", b"34 m"), (b"1 0 0 RG /", b"F1 12 Tf"), (b"(ab", b"c) Tj"), (b"/A#4", b"1 x"), (b"<01", b"02> Tj"),
     (b"<00>", b"> 1"), (b"q", b"Q"), (b"[1", b"2] TJ"), (b"", b"1 2 m")],
)  # fmt: skip
def test_a_page_of_several_streams_reads_as_pdfminer_reads_it(first, second):
    assert _read(FastContentParser, _streams(first, second)) == _read(PDFMINER_PARSER, _streams(first, second))


def test_random_content_reads_as_pdfminer_reads_it():
    pieces = [b" ", b"\n", b"\r", b"1", b"-", b".", b"/", b"#", b"4", b"A", b"(", b")", b"\\", b"<", b">",
              b"[", b"]", b"{", b"}", b"%", b"T", b"j", b"\x00", b"7", b"f", b"true", b"BI", b"ID", b"EI"]  # fmt: skip
    rng = random.Random(20261202)
    for _ in range(3000):
        datas = [b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(rng.randint(1, 3))]
        assert _read(FastContentParser, _streams(*datas)) == _read(PDFMINER_PARSER, _streams(*datas)), datas


def _page_streams(path):
    with open(path, "rb") as handle:
        for page in PDFPage.create_pages(PDFDocument(PDFParser(handle))):
            yield page.contents


@EACH_PDF_FOLDER
def test_every_page_of_the_pdfs_here_reads_as_pdfminer_reads_it(folder):
    for path in pdfs_in(folder):
        for number, streams in enumerate(_page_streams(path), start=1):
            fast, pdfminer = _read(FastContentParser, streams), _read(PDFMINER_PARSER, streams)
            assert fast == pdfminer, f"{path.name} page {number}"
