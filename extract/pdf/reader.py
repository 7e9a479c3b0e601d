"""Read a PDF into pages of text lines and ruled grids, or say clearly why it cannot be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.page import FilteredPage, Page
from pdfplumber.utils import dedupe_chars

from ..model import UnreadableInput
from .grid import Grid, grids_on_page
from .lines import text_lines
from .records import with_records
from .speedups import faster_parsing
from .unruled import positioned_grids


@dataclass
class PageContent:
    number: int
    lines: list[tuple[float, str]]  # (top, text) of every text line on the page
    grids: list[Grid] = field(default_factory=list)
    # A page of prose (no table) read with a looser line tolerance: some producers print the
    # digits of a sentence in another font a few points lower (…总计 万元 / 2995.39).
    prose: list[tuple[float, str]] | None = None


_PROSE_Y_TOLERANCE = 6


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


_MATRIX = itemgetter("matrix")


def _page_turn(chars: list[dict]) -> int:
    """Clockwise degrees (0, 90, 180, 270) that make most of a page's text upright.

    Some producers print a landscape sheet sideways on a portrait page without a /Rotate
    entry, so pdfminer reports its characters as not upright; the text matrix of each
    character says which way its baseline runs.
    """
    votes = {0: 0, 90: 0, 180: 0, 270: 0}
    for matrix in map(_MATRIX, chars):
        a, b = matrix[0], matrix[1]
        if abs(a) >= abs(b):
            votes[0 if a > 0 else 180] += 1
        else:
            votes[90 if b > 0 else 270] += 1
    return max(votes, key=lambda turn: (votes[turn], turn == 0))


def _upright(pdf, page):
    """The page re-read with the turn that sets its text upright (a rotated reading of the
    same content: ruling lines turn with the text, so grids still fit their cells)."""
    turn = _page_turn([ch for ch in page.chars if ch["text"].strip()])
    if turn == 0:
        return page
    page_obj = page.page_obj
    page_obj.rotate = (page_obj.rotate + turn) % 360
    page_obj.attrs["Rotate"] = page_obj.rotate
    page.close()
    return Page(pdf, page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop)


class _IndexedChars(list):
    """A page's characters whose index() is a lookup, not a scan: pdfplumber's dedupe_chars
    orders the characters it keeps by chars.index, which made it quadratic in the characters
    of a page. Each kept character is the list's own object, so its own position is the answer."""

    def __init__(self, chars: list[dict]):
        super().__init__(chars)
        self._positions = {id(char): number for number, char in enumerate(chars)}

    def index(self, char, *_) -> int:
        return self._positions[id(char)]


_DEDUPE_TOLERANCE = 1  # pdfplumber's dedupe_chars default
_DEDUPE_KEY = itemgetter("upright", "text", "fontname", "size")
_DEDUPE_POINT = itemgetter("doctop", "x0")


def has_doubled_chars(chars: list[dict], tolerance: float = _DEDUPE_TOLERANCE) -> bool:
    """Whether pdfplumber's dedupe_chars would drop any character: two characters of the same
    text, font, size and orientation in one cluster of tops and of x0 (clusters chain values
    at most `tolerance` apart, as pdfplumber's cluster_list does)."""
    groups: dict[tuple, list[tuple[float, float]]] = {}
    for key, point in zip(map(_DEDUPE_KEY, chars), map(_DEDUPE_POINT, chars)):
        group = groups.get(key)
        if group is None:
            groups[key] = [point]
        else:
            group.append(point)
    return any(_has_close_pair(points, tolerance) for points in groups.values() if len(points) > 1)


def _has_close_pair(points: list[tuple[float, float]], tolerance: float) -> bool:
    """Whether two of the (top, x0) points share a cluster of tops and one of x0s."""
    points.sort()
    start = 0
    for end in range(1, len(points) + 1):
        if end < len(points) and points[end][0] <= points[end - 1][0] + tolerance:
            continue
        if end - start > 1:
            xs = sorted(x0 for _, x0 in points[start:end])
            if any(right <= left + tolerance for left, right in zip(xs, xs[1:])):
                return True
        start = end
    return False


def _deduped(page: Page) -> Page | FilteredPage:
    """page.dedupe_chars(), the same characters kept, in n log n; the page itself where no
    character is doubled (most pages: printed once, nothing to drop)."""
    if not has_doubled_chars(page.chars):
        return page
    return with_records(page, {"char": dedupe_chars(_IndexedChars(page.chars))}, lambda _: True)


def _read_page(pdf, root: Page) -> tuple[PageContent, tuple[int, int, int]]:
    """One page's lines and grids, and its (characters, (cid:) characters, images)."""
    upright = _upright(pdf, root)
    page = _deduped(upright)
    counts = (
        len(page.chars),
        sum(1 for ch in page.chars if ch["text"].startswith("(cid:")),
        len(page.images),
    )
    lines = text_lines(page)
    grids = [grid for grid in grids_on_page(page) if grid.has_text()]
    if not grids:
        grids = positioned_grids(page.page_number, page.chars)
    prose = None
    if not grids:
        prose = text_lines(page, y_tolerance=_PROSE_Y_TOLERANCE)
    content = PageContent(page.page_number, lines, grids, prose)
    for opened in (page, upright, root):  # each holds its own parse of the page until closed
        opened.close()
    return content, counts


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
        with faster_parsing():
            for root in pdf.pages:
                page, counts = _read_page(pdf, root)
                pages.append(page)
                chars, cid_chars, images = chars + counts[0], cid_chars + counts[1], images + counts[2]
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
