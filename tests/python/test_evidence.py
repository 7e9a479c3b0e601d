"""The auditor's evidence: a figure found on its PDF page by the text it is printed as, the page
cropped around it with the figure boxed, and the link that opens the PDF at that page."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from pipeline.charts import bar_chart
from pipeline.evidence import BOX_COLOUR, Wanted, gather, page_link, printed_forms
from pipeline.html_report import chinese_subject, shown_value

SAMPLE_PDF = Path(__file__).resolve().parents[2] / "samples" / "pdfs" / "liaoning_dandong_hrss_2024.pdf"


def test_a_figure_is_looked_for_in_every_form_reports_print_it_in():
    assert printed_forms(Decimal("11643.250000"), "amount") == ["11,643.25", "11643.25"]
    assert printed_forms(Decimal("2500"), "amount") == ["2,500.00", "2500.00", "2,500", "2500"]
    assert printed_forms(Decimal("0.5844"), "ratio") == ["58.44%", "58.44"]
    assert printed_forms(Decimal("0"), "amount") == []  # a zero is printed everywhere: it proves nothing
    assert printed_forms(None, "amount") == []


def test_findings_read_in_chinese_and_rates_as_percentages():
    labels = {"fiscal_grand_total": "收入总计", "total": "合计"}
    assert chinese_subject("fiscal_grand_total", labels) == "收入总计"
    assert chinese_subject("20801: total", labels) == "20801: 合计"
    assert chinese_subject("unknown_key", labels) == "unknown_key"  # kept where no seed names it
    assert shown_value(Decimal("0.5844"), "ratio") == "58.44%"
    assert shown_value(Decimal("58.4412"), "percent") == "58.44%"
    assert shown_value(Decimal("11643.25"), "amount") == "11,643.25"
    assert shown_value(None, "amount") == "—"


def test_a_chart_draws_one_bar_per_value_to_the_largest():
    svg = bar_chart("“三公”经费", [("甲 2024", Decimal("20"), "20.00"), ("乙 2024", Decimal("5"), "5.00")])
    assert svg.count("<rect") == 2 and 'width="420.0"' in svg and 'width="105.0"' in svg
    assert bar_chart("empty", []) == ""


def _red_pixels(png: Path) -> int:
    colours = Image.open(png).convert("RGB").getcolors(maxcolors=1 << 24)
    return sum(count for count, colour in colours if colour == BOX_COLOUR)


@pytest.mark.skipif(not SAMPLE_PDF.exists(), reason="the bundled sample PDFs are missing")
def test_the_crop_boxes_the_figure_on_the_page_it_is_printed_on(tmp_path):
    # 8,796.56 is 基本支出 in the narrative (page 2) and in 03 (page 6, the table beginning there)
    found = gather(
        SAMPLE_PDF,
        [
            Wanted("sentence", 2, printed_forms(Decimal("8796.56"), "amount"), 1),
            Wanted("cell", 5, printed_forms(Decimal("2746.68"), "amount"), 4),
            Wanted("absent", 2, printed_forms(Decimal("123456.78"), "amount"), 1),
        ],
        tmp_path,
    )
    assert found["sentence"].page == 2 and _red_pixels(found["sentence"].crop) > 100
    assert found["cell"].page == 6 and _red_pixels(found["cell"].crop) > 100  # found on a page after the first
    assert found["absent"].crop is None and found["absent"].page == 2
    assert page_link(SAMPLE_PDF, 6, tmp_path).endswith("liaoning_dandong_hrss_2024.pdf#page=6")
    assert (tmp_path / page_link(SAMPLE_PDF, None, tmp_path)).resolve() == SAMPLE_PDF


def test_a_pdf_gone_or_damaged_since_it_was_read_gives_its_links_without_crops(tmp_path):
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7 truncated")
    wanted = [Wanted("a", 3, printed_forms(Decimal("1.50"), "amount"), 1)]
    for pdf in (damaged, tmp_path / "gone.pdf"):
        found = gather(pdf, wanted, tmp_path / "img")
        assert found["a"].page == 3 and found["a"].crop is None
