"""A page's text lines as pdfplumber's extract_text_lines(return_chars=False) gives them.

pdfplumber makes the words (WordExtractor), lays them out as a text map of one entry per
letter, joins that into a string, finds each line in it with a regular expression and then
each line's characters again, for its top. Without layout every line is its words joined by
one space, so here the same words are clustered into lines the same way and each line's text
and top are taken from its words directly. A character whose text holds a line break would
split pdfplumber's string where the words do not, so such a page goes to pdfplumber. The
words themselves are pdfplumber's, each kept as no more than its top.
"""

from __future__ import annotations

from pdfplumber.utils.clustering import cluster_objects
from pdfplumber.utils.text import DEFAULT_Y_TOLERANCE, LIGATURES, WordExtractor


class _Words(WordExtractor):
    """pdfplumber's words, each kept as its top alone: the lines need no more of a word than
    the top it is clustered by (the least of its characters' tops, as objects_to_bbox takes it)."""

    def merge_chars(self, ordered_chars: list[dict]) -> dict:
        return {"top": min(char["top"] for char in ordered_chars)}


def _word_top(word_and_chars: tuple) -> float:
    return word_and_chars[0]["top"]


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
    words = _Words(y_tolerance=y_tolerance).extract_wordmap(chars).tuples
    lines = (_line(line) for line in cluster_objects(words, _word_top, y_tolerance, preserve_order=True))
    return [line for line in lines if line is not None]
