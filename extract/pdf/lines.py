"""A page's text lines as pdfplumber's extract_text_lines(return_chars=False) gives them.

pdfplumber makes the words (WordExtractor), lays them out as a text map of one entry per
letter, joins that into a string, finds each line in it with a regular expression and then
each line's characters again, for its top. Without layout every line is its words joined by
one space, so here the same words are clustered into lines the same way and each line's text
and top are taken from its words directly. A character whose text holds a line break would
split pdfplumber's string where the words do not, so such a page goes to pdfplumber. The
words are WordExtractor's with its default settings, split here in one loop (its generators
and a method call per character were about half the lines' time); each is kept as no more
than its top and its characters.
"""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter

from pdfplumber.utils.clustering import cluster_objects
from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES

_UPRIGHT = itemgetter("upright")
# WordExtractor's default directions: upright text in lines top to bottom, read left to right
# (sorted by x0 alone: its key is (x0, x0)); other text in lines left to right, read top to
# bottom. Per direction: the line's key, the reading order, and the fields a word runs along
# (start, end) and lies across.
_UPRIGHT_TEXT = (itemgetter("top"), itemgetter("x0"), "x0", "x1", "top")
_TURNED_TEXT = (itemgetter("x0"), itemgetter("top", "bottom"), "top", "bottom", "x0")


def _split(line: list[dict], start: str, end: str, across: str, gap: float, drift: float) -> list[list[dict]]:
    """WordExtractor.iter_chars_to_words with its defaults: a blank ends a word; a character
    of empty text is a word of its own (it is "in" the empty punctuation string); a
    character starts a new word when it steps back, leaves a gap wider than `gap` after the
    last one, or sits more than `drift` off its line."""
    words: list[list[dict]] = []
    word: list[dict] = []
    for char in line:
        text = char["text"]
        if text.isspace():
            if word:
                words.append(word)
            word = []
        elif not text:
            if word:
                words.append(word)
            words.append([char])
            word = []
        elif word and (
            char[start] < word[-1][start]
            or char[start] > word[-1][end] + gap
            or abs(char[across] - word[-1][across]) > drift
        ):
            words.append(word)
            word = [char]
        else:
            word.append(char)
    if word:
        words.append(word)
    return words


def _words(chars: list[dict], y_tolerance: float) -> list[tuple[float, list[dict]]]:
    """pdfplumber's words (WordExtractor(y_tolerance=y_tolerance)), each as its top (the least
    of its characters' tops, as objects_to_bbox takes it) and its characters."""
    x_tolerance = DEFAULT_X_TOLERANCE
    words: list[tuple[float, list[dict]]] = []
    for upright, group in groupby(chars, _UPRIGHT):
        line_key, order, start, end, across = _UPRIGHT_TEXT if upright else _TURNED_TEXT
        gap, drift = (x_tolerance, y_tolerance) if upright else (y_tolerance, x_tolerance)
        for line in cluster_objects(list(group), line_key, y_tolerance if upright else x_tolerance):
            for word in _split(sorted(line, key=order), start, end, across, gap, drift):
                words.append((min(char["top"] for char in word), word))
    return words


_WORD_TOP = itemgetter(0)


def _line(words: list[tuple]) -> tuple[float, str] | None:
    """(top, text) of one line of (word, characters), or None where it is blank."""
    text = " ".join("".join(LIGATURES.get(char["text"], char["text"]) for char in chars) for _, chars in words)
    if not text.strip():
        return None
    # A character without text has no place in pdfplumber's string, so none in the line's box.
    top = min(char["top"] for _, chars in words for char in chars if char["text"])
    return top, text.strip(" ")


def text_lines(page, y_tolerance: float = DEFAULT_Y_TOLERANCE) -> list[tuple[float, str]]:
    """(top, text) of each line of the page, as extract_text_lines(return_chars=False,
    y_tolerance=y_tolerance) reads them."""
    chars = page.chars
    if any("\n" in char["text"] for char in chars):
        shipped = page.extract_text_lines(return_chars=False, y_tolerance=y_tolerance)
        return [(line["top"], line["text"]) for line in shipped]
    words = _words(chars, y_tolerance)
    lines = (_line(line) for line in cluster_objects(words, _WORD_TOP, y_tolerance, preserve_order=True))
    return [line for line in lines if line is not None]
