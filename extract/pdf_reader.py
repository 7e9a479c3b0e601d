"""Read a PDF into pages of text lines and ruled grids, or say clearly why it cannot be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from .grid import Grid, grids_on_page


class UnreadableInput(Exception):
    """An input that cannot become data; the message is the reason a person reads."""


@dataclass
class PageContent:
    number: int
    lines: list[tuple[float, str]]  # (top, text) of every text line on the page
    grids: list[Grid] = field(default_factory=list)


_CID_SHARE_LIMIT = 0.2


def _is_password_error(exc: BaseException) -> bool:
    """pdfplumber wraps pdfminer's errors; look through the wrapper and the chain."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, PDFPasswordIncorrect) or any(isinstance(a, PDFPasswordIncorrect) for a in seen.args):
            return True
        if "password" in str(seen).lower() or "encrypt" in type(seen).__name__.lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _describe(exc: BaseException) -> str:
    inner = next((a for a in exc.args if isinstance(a, BaseException)), None)
    shown = inner or exc
    text = str(shown).strip()
    return f"{type(shown).__name__}: {text}" if text else type(shown).__name__


def read_pdf(path: Path) -> list[PageContent]:
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many types on broken files
        if _is_password_error(exc):
            raise UnreadableInput("encrypted: needs a password") from exc
        raise UnreadableInput(f"not a readable PDF: {_describe(exc)}") from exc
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
    except Exception as exc:
        if _is_password_error(exc):
            raise UnreadableInput("encrypted: needs a password") from exc
        raise UnreadableInput(f"not a readable PDF: {_describe(exc)}") from exc
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
