"""The reader skips pdfplumber's dedupe_chars on a page without doubled characters: its test
must say 'doubled' exactly when dedupe_chars would drop a character."""

from __future__ import annotations

import random

import pdfplumber
from conftest import SAMPLE_PDFS
from pdfplumber.utils import dedupe_chars

from extract.pdf.reader import _deduped, has_doubled_chars
from extract.pdf.records import with_records


def _char(text: str, doctop: float, x0: float, font: str = "SimSun", size: float = 9.0, upright: bool = True) -> dict:
    return {"text": text, "doctop": doctop, "x0": x0, "fontname": font, "size": size, "upright": upright}


def _drops(chars: list[dict]) -> bool:
    return len(dedupe_chars(chars)) != len(chars)


def test_a_shadowed_character_is_doubled_and_a_line_of_text_is_not():
    line = [_char(c, 100.0, 50.0 + 9 * n) for n, c in enumerate("收入支出决算总表")]
    assert not has_doubled_chars(line) and not _drops(line)
    shadowed = [*line, _char("收", 100.4, 50.3)]  # fake bold: the glyph printed again, offset
    assert has_doubled_chars(shadowed) and _drops(shadowed)


def test_clusters_chain_as_pdfplumber_chains_them():
    # tops 0, 0.9, 1.8 are one cluster (each within 1 of the next); x0 2.0 apart are not
    chained = [_char("1", 0.0, 0.0), _char("1", 0.9, 5.0), _char("1", 1.8, 0.9)]
    assert has_doubled_chars(chained) == _drops(chained) is True
    apart = [_char("1", 0.0, 0.0), _char("1", 1.2, 0.5)]
    assert has_doubled_chars(apart) == _drops(apart) is False
    other_font = [_char("1", 0.0, 0.0), _char("1", 0.0, 0.0, font="SimHei")]
    assert has_doubled_chars(other_font) == _drops(other_font) is False


def test_random_pages_agree_with_pdfplumber():
    rng = random.Random(20261202)
    for _ in range(2000):
        chars = [
            _char(rng.choice("12"), rng.choice([0, 0.5, 1, 1.5, 3, 10]) + rng.random() / 4,
                  rng.choice([0, 0.5, 1, 2, 9]) + rng.random() / 4, size=rng.choice([9.0, 10.5]),
                  upright=rng.random() < 0.9)
            for _ in range(rng.randint(0, 8))
        ]  # fmt: skip
        assert has_doubled_chars(chars) == _drops(chars), chars


def test_a_page_with_a_doubled_character_loses_that_one_alone():
    with pdfplumber.open(SAMPLE_PDFS / "liaoning_dandong_hrss_2024.pdf") as pdf:
        page = pdf.pages[2]
        doubled = with_records(page, {"char": [*page.chars, dict(page.chars[0])]}, lambda _: True)
        assert len(doubled.chars) == len(page.chars) + 1
        assert all(doubled.objects[kind] is page.objects[kind] for kind in page.objects if kind != "char")
        deduped = _deduped(doubled)
        assert deduped.chars == dedupe_chars(doubled.chars) and len(deduped.chars) == len(page.chars)
        assert deduped.rects == page.rects and list(deduped.objects) == list(page.objects)
        assert _deduped(page) is page  # nothing doubled: the page itself
