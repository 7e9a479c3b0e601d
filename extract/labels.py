"""Pure helpers for cell text: joining wrapped lines, normalising labels, recognising values."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = "\"'“”‘’「」『』"
_AMOUNT = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
# A decimal point or a thousands separator is what tells a printed amount from a
# column index (栏次 1 2 3) or a line number (行次).
_DATA_AMOUNT = re.compile(r"^-?(\d{1,3}(,\d{3})+(\.\d+)?|\d+\.\d+)$")
# "金额单位：万元", "单位：元" — the unit a table's amounts are printed in.
_STATED_UNIT = re.compile(r"单位\s*:\s*(亿元|万元|千元|元)")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3000 <= code <= 0x303F  # CJK punctuation
        or 0x3400 <= code <= 0x9FFF  # CJK ideographs
        or 0xFF00 <= code <= 0xFFEF  # fullwidth forms
        or char in "（）、，：；—《》“”"
    )


def _is_tight(char: str) -> bool:
    """Characters that join a wrapped neighbour without a space: CJK, digits, punctuation."""
    return char.isdigit() or is_cjk(char) or char in "()、,.%:;-"


def join_wrapped(lines: list[str]) -> str:
    """Join the lines of a wrapped cell the way a reader would.

    Names and codes wrap anywhere in narrow columns (``社会保障和`` / ``就业支出``,
    ``3010`` / ``1``), so lines are joined without a space when both sides are CJK or digits.
    """
    parts = [line.strip() for line in lines if line.strip()]
    if not parts:
        return ""
    joined = parts[0]
    for part in parts[1:]:
        if _is_tight(joined[-1]) and _is_tight(part[0]):
            joined += part
        else:
            joined += " " + part
    return joined


@lru_cache(maxsize=1 << 16)  # a report's lines are keyed again by every title and label test
def normalize_label(text: str | None) -> str:
    """A comparison key for labels: NFKC, no white space, no quotation marks."""
    if not text:
        return ""
    text = nfkc(text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in _QUOTES)


def looks_like_amount(text: str | None) -> bool:
    return bool(text) and bool(_AMOUNT.match(nfkc(text).strip()))


def looks_like_data_amount(text: str | None) -> bool:
    """An amount as printed in a data row: with decimals or thousands separators."""
    return bool(text) and bool(_DATA_AMOUNT.match(nfkc(text).strip()))


def code_digits(text: str | None) -> str:
    """The digits of a code cell, wrapped or split over 类/款/项 columns ('' if not a code)."""
    if not text:
        return ""
    compact = re.sub(r"\s+", "", nfkc(text))
    return compact if compact.isdigit() else ""


def looks_like_code(text: str | None, lengths: tuple[int, ...] = (3, 5, 7)) -> bool:
    digits = code_digits(text)
    return len(digits) in lengths


def amount_text(text: str | None) -> str:
    """An amount cell in the canonical raw column: NFKC (fullwidth digits and separators
    become ASCII) and no white space. The cell as printed stays in printed_cells."""
    if not text:
        return ""
    return "".join(nfkc(text).split())


def stated_unit(text: str | None) -> str:
    """The amount unit a line states ('万元', '元', '千元', '亿元'), or '' if it states none."""
    match = _STATED_UNIT.search(nfkc(text or ""))
    return match.group(1) if match else ""
