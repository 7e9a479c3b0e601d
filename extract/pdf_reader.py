"""Read a PDF into pages of text lines and ruled grids, or say clearly why it cannot be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from .grid import Grid, grids_on_page


class UnreadableInput(Exception):
    """An input that cannot become data; the message is the reason a person reads."""


@dataclass
class PageContent:
    number: int
    lines: list[tuple[float, str]]  # (top, text) of every text line on the page
    grids: list[Grid] = field(default_factory=list)


_CID_SHARE_LIMIT = 0.2


def read_pdf(path: Path) -> list[PageContent]:
    try:
        pdf = pdfplumber.open(path)
    except PDFPasswordIncorrect as exc:
        raise UnreadableInput("encrypted: needs a password") from exc
    except (PDFSyntaxError, Exception) as exc:  # pdfminer raises many types on broken files
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise UnreadableInput("encrypted: needs a password") from exc
        raise UnreadableInput(f"not a readable PDF: {type(exc).__name__}: {exc}".rstrip(": ")) from exc
    pages: list[PageContent] = []
    chars = cid_chars = images = 0
    try:
        for page in pdf.pages:
            page = page.dedupe_chars()
            chars += len(page.chars)
            cid_chars += sum(1 for ch in page.chars if ch["text"].startswith("(cid:"))
            images += len(page.images)
            lines = [(line["top"], line["text"]) for line in page.extract_text_lines(return_chars=False)]
            pages.append(PageContent(page.page_number, lines, grids_on_page(page)))
            page.close()
    except PDFPasswordIncorrect as exc:
        raise UnreadableInput("encrypted: needs a password") from exc
    except UnreadableInput:
        raise
    except Exception as exc:
        raise UnreadableInput(f"not a readable PDF: {type(exc).__name__}: {exc}") from exc
    finally:
        pdf.close()
    if not pages:
        raise UnreadableInput("not a readable PDF: no pages")
    if chars == 0:
        if images:
            raise UnreadableInput("no text layer: scanned pages need OCR")
        raise UnreadableInput("no text layer: the PDF has no text")
    if cid_chars / chars > _CID_SHARE_LIMIT:
        raise UnreadableInput("unreadable text: fonts without a Unicode map ((cid:N) glyphs)")
    return pages
