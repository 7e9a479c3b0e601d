"""pdfplumber's character records, made in one pass as pdfminer renders a string.

pdfminer renders each character of a horizontal string through a method call that builds
an LTChar (its box through four matrix products and a base-class constructor), pdfplumber
hooks that call to tag the character's marked content, and later turns the LTChar into a
record by filtering its attributes. A character went through nine Python calls; they were
a third of the reader's parse. Here the string's loop computes each character's box with the
same arithmetic in the same order, and keeps its record's values for records.py to finish
with the page's own coordinates; a font's text and width for a code are looked up once.
Vertical writing, and any device that analyses its layout (laparams), still go through
pdfminer's own LTChar.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFGraphicState
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

PDFMINER_RENDER_STRING_HORIZONTAL = PDFPageAggregatorWithMarkedContent.render_string_horizontal
_GLYPHS: WeakKeyDictionary = WeakKeyDictionary()


class RenderedChar:
    """A character as pdfminer would have made it: the values of pdfplumber's record, in the
    record's order, up to the page's coordinates (see records.char_records)."""

    __slots__ = ("values",)

    def __init__(self, values: tuple):
        self.values = values

    def retag(self, mcid, tag) -> None:
        """Its marked content set anew, as pdfplumber's tag_cur_item sets an LTChar's."""
        *values, (_, _, *shared) = self.values
        self.values = (*values, (mcid, tag, *shared))


def _colour(value) -> tuple:
    return value if isinstance(value, tuple) else (value,)


def _text(device, font, cid: int) -> str:
    try:
        text = font.to_unichr(cid)
        assert isinstance(text, str), str(type(text))
    except PDFUnicodeNotDefined:
        text = device.handle_undefined_char(font, cid)
    return text


def _glyphs(font) -> dict[int, tuple[str, float]]:
    """A font's text and width per character code, as it is met (both are the font's own)."""
    glyphs = _GLYPHS.get(font)
    if glyphs is None:
        glyphs = _GLYPHS[font] = {}
    return glyphs


def _box(a, b, c, d, e1, f1, adv: float, bottom: float, top: float) -> tuple[float, float, float, float]:
    """pdfminer's apply_matrix_rect of (0, bottom, adv, top): four corners, then their extremes."""
    left1, bottom1 = a * 0 + c * bottom + e1, b * 0 + d * bottom + f1
    right1, bottom2 = a * adv + c * bottom + e1, b * adv + d * bottom + f1
    right2, top1 = a * adv + c * top + e1, b * adv + d * top + f1
    left2, top2 = a * 0 + c * top + e1, b * 0 + d * top + f1
    return (
        min(left1, left2, right1, right2),
        min(bottom1, bottom2, top1, top2),
        max(left1, left2, right1, right2),
        max(bottom1, bottom2, top1, top2),
    )


def _level_box(a, d, e1: float, f1: float, adv: float, bottom: float, top: float) -> tuple[float, float, float, float]:
    """_box where b = c = 0 (most text) and e1, f1 are not zero: the same four numbers.

    Every term of _box that b or c multiplies is then a zero, and a zero added to a number
    leaves it as it is (e1 and f1 being no zeros themselves, whose sign a zero could flip);
    so each corner is e1 or a * adv + e1 across and d * bottom + f1 or d * top + f1 down, to
    the last bit, and min and max of two pick what they picked of four."""
    left, right, low, high = e1, a * adv + e1, d * bottom + f1, d * top + f1
    x0, x1 = (right, left) if right < left else (left, right)
    y0, y1 = (high, low) if high < low else (low, high)
    return x0, y0, x1, y1


def render_string_horizontal(
    device,
    seq,
    matrix,
    pos,
    font,
    fontsize: float,
    scaling: float,
    charspace: float,
    wordspace: float,
    rise: float,
    dxscale: float,
    ncs,
    graphicstate: PDFGraphicState,
):
    """PDFTextDevice.render_string_horizontal, with PDFLayoutAnalyzer.render_char, LTChar and
    pdfplumber's marked-content tag folded in."""
    if device.laparams is not None:
        return PDFMINER_RENDER_STRING_HORIZONTAL(
            device, seq, matrix, pos, font, fontsize, scaling, charspace, wordspace, rise, dxscale, ncs, graphicstate
        )
    x, y = pos
    a, b, c, d, e, f = matrix
    fontname = font.fontname
    bottom = font.get_descent() * fontsize + rise
    top = bottom + fontsize
    upright = a * d * scaling > 0 and b * c <= 0
    shared = (device.cur_mcid, device.cur_tag, ncs, _colour(graphicstate.scolor), _colour(graphicstate.ncolor))
    add = device.cur_item.add
    glyphs = _glyphs(font)
    level = b == 0 and c == 0  # most text: a character's box from two corners (_level_box)
    needcharspace = False
    for obj in seq:
        if isinstance(obj, (int, float)):
            x -= obj * dxscale
            needcharspace = True
        elif isinstance(obj, bytes):
            for cid in font.decode(obj):
                if needcharspace:
                    x += charspace
                glyph = glyphs.get(cid)
                if glyph is None:
                    glyph = glyphs[cid] = (_text(device, font, cid), font.char_width(cid))
                text, width = glyph
                adv = width * fontsize * scaling
                e1, f1 = x * a + y * c + e, x * b + y * d + f
                if level and e1 and f1:
                    x0, y0, x1, y1 = _level_box(a, d, e1, f1, adv, bottom, top)
                else:
                    x0, y0, x1, y1 = _box(a, b, c, d, e1, f1, adv, bottom, top)
                add(RenderedChar(((a, b, c, d, e1, f1), fontname, adv, upright, x0, y0, x1, y1, text, shared)))
                x += adv
                if cid == 32 and wordspace:
                    x += wordspace
                needcharspace = True
        else:
            PDFMINER_RENDER_STRING_HORIZONTAL(
                device, [obj], matrix, (x, y), font, fontsize, scaling, 0, 0, rise, dxscale, ncs, graphicstate
            )
    return (x, y)
