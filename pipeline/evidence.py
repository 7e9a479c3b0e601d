"""The auditor's evidence for a finding: the PDF page it is on (a link the browser opens at that
page) and a crop of that page with the figure boxed, rendered with pypdfium2. The figure is
found on the page by its printed text, in the forms reports print amounts and rates in."""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium

RENDER_SCALE = 1.5  # 108 dpi: digits legible, a crop a few tens of KB
CROP_MARGIN = 60  # points above and below the figure: its row and the header, or its sentence
BOX_COLOUR = (220, 0, 0)


@dataclass(frozen=True)
class Evidence:
    page: int  # 1-based, as printed in the link
    crop: Path | None  # the PNG, None where the figure was not found on the page


def printed_forms(value: Decimal | None, unit: str) -> list[str]:
    """The texts a report may print a figure as: 11,643.25 or 11643.25 (and 11643 for a whole
    number); a percentage as 58.44% or 58.44; a ratio (0.5844) as its percentage; a change
    without its sign."""
    if value is None:
        return []
    if unit == "ratio":
        value, unit = value * 100, "percent"
    value = abs(value)  # a fall is printed as 下降11.11%, a negative balance in its own words
    plain = format(value.quantize(Decimal("0.01")), "f")
    forms = [f"{value:,.2f}", plain]
    if value == value.to_integral_value():
        forms += [f"{value:,.0f}", format(value.quantize(Decimal(1)), "f")]
    trimmed = format(value.normalize(), "f")
    forms.append(trimmed)
    if unit == "percent":
        forms = [form + "%" for form in forms] + forms
    return list(dict.fromkeys(form for form in forms if form not in ("0", "0.00", "0%", "0.00%")))


def page_link(pdf: Path, page: int | None, html_dir: Path) -> str:
    """A link from a page in html_dir to the PDF opened at a page (file.pdf#page=N)."""
    target = os.path.relpath(pdf.resolve(), html_dir.resolve()) if pdf.exists() else pdf.as_posix()
    return Path(target).as_posix() + (f"#page={page}" if page else "")


def _find(textpage: pdfium.PdfTextPage, forms: list[str]) -> tuple[float, float, float, float] | None:
    """The box (left, bottom, right, top, in points) of the first form printed on the page."""
    for form in forms:
        searcher = textpage.search(form, match_case=False, match_whole_word=False)
        found = searcher.get_next()
        searcher.close()
        if found:
            start, count = found
            boxes = [textpage.get_charbox(index) for index in range(start, start + count)]
            return (
                min(box[0] for box in boxes),
                min(box[1] for box in boxes),
                max(box[2] for box in boxes),
                max(box[3] for box in boxes),
            )
    return None


def _crop(page: pdfium.PdfPage, box: tuple[float, float, float, float], out: Path) -> None:
    """The page's full width around the box (the row's label, the sentence's start), the box
    drawn, turned upright as the page is shown."""
    from PIL import ImageDraw

    rotation = page.get_rotation()
    page.set_rotation(0)  # the text's boxes are in the unrotated page's space
    _, height = page.get_size()
    image = page.render(scale=RENDER_SCALE).to_pil().convert("RGB")
    left, bottom, right, top = box
    pixels = [
        left * RENDER_SCALE,
        (height - top) * RENDER_SCALE,
        right * RENDER_SCALE,
        (height - bottom) * RENDER_SCALE,
    ]
    ImageDraw.Draw(image).rectangle(
        [pixels[0] - 3, pixels[1] - 3, pixels[2] + 3, pixels[3] + 3], outline=BOX_COLOUR, width=3
    )
    margin = CROP_MARGIN * RENDER_SCALE
    region = (
        0,
        max(0, int(pixels[1] - margin)),
        image.width,
        min(image.height, int(pixels[3] + margin)),
    )
    image.crop(region).rotate(-rotation, expand=True).save(out, optimize=True)
    page.set_rotation(rotation)


@dataclass(frozen=True)
class Wanted:
    key: str  # the crop's file name
    page: int  # where to look first: the sentence's page, or the page the table begins on
    forms: list[str]  # the figure's printed forms
    pages_after: int  # how many pages after it the figure may sit on (a table runs over pages)


def gather(pdf: Path, wanted: list[Wanted], out_dir: Path) -> dict[str, Evidence]:
    """For each figure wanted, the page where one of its forms is printed and its crop saved as
    out_dir/<key>.png. A PDF that is not there, or no longer opens, gives the pages without
    crops."""
    if not pdf.exists():
        return {item.key: Evidence(item.page, None) for item in wanted}
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        document = pdfium.PdfDocument(pdf)
    except (pdfium.PdfiumError, OSError):  # replaced or damaged since it was read: links, no crops
        return {item.key: Evidence(item.page, None) for item in wanted}
    try:
        return {item.key: _evidence(document, item, out_dir) for item in wanted}
    finally:
        document.close()


def _evidence(document: pdfium.PdfDocument, item: Wanted, out_dir: Path) -> Evidence:
    last = min(len(document), item.page + item.pages_after)
    for number in range(max(item.page, 1), last + 1) if item.forms else ():
        pdf_page = document[number - 1]
        textpage = pdf_page.get_textpage()
        box = _find(textpage, item.forms)
        textpage.close()
        if box:
            crop = out_dir / f"{item.key}.png"
            _crop(pdf_page, box, crop)
            pdf_page.close()
            return Evidence(number, crop)
        pdf_page.close()
    return Evidence(item.page, None)
