"""The tables a report's contents page (目录) lists and the tables whose titles its body
prints, as kind numbers: each table listed must be printed (its title at least: an empty
table, or one whose grid cannot be read, is still printed)."""

from __future__ import annotations

import re

from .labels import nfkc
from .titles import match_other_title, match_title

_CONTENTS = re.compile(r"^目\s*录$")
# after an entry's title: the dot leaders and the page number (收入支出决算总表……………5)
_TRAILER = re.compile(r"[\s.…·•_-]*\d*$")
# a text dump has no pages to end its contents: the lines after 目录 that may still be entries
_CONTENTS_LIMIT = 80


def _contents_span(lines: list[tuple[int | None, str]]) -> set[int]:
    """The indexes of the contents' lines: every line of the page printing 目录 (some producers
    put it below the entries), or, in a text dump, the lines after it."""
    for n, (page, text) in enumerate(lines):
        if _CONTENTS.match(nfkc(text).strip()):
            if page is None:
                return set(range(n + 1, min(len(lines), n + 1 + _CONTENTS_LIMIT)))
            return {m for m, (at, _) in enumerate(lines) if at == page}
    return set()


def _kind_of(entry: str, budget: bool) -> str:
    kind = match_title(entry, budget)
    if kind:
        return kind.number
    other = match_other_title(entry, budget)
    return other.kind if other else ""


def _kinds(entries: list[str], budget: bool) -> list[str]:
    """The kinds the entries title, in order, each once; a title wrapped onto a second line
    (…培训费支出预算 / 表) is read joined."""
    found: dict[str, None] = {}
    for n, entry in enumerate(entries):
        following = entries[n + 1] if n + 1 < len(entries) else ""
        kind = _kind_of(entry, budget) or (following.endswith("表") and _kind_of(entry + following, budget))
        if kind:
            found[kind] = None
    return list(found)


def _entry(line: str) -> str:
    return _TRAILER.sub("", nfkc(line).strip())


def listed_tables(lines: list[tuple[int | None, str]], budget: bool) -> list[str]:
    """The kind numbers of the tables the contents lists, in its order."""
    span = _contents_span(lines)
    return _kinds([_entry(text) for n, (_, text) in enumerate(lines) if n in span], budget)


def titled_tables(lines: list[tuple[int | None, str]], budget: bool) -> list[str]:
    """The kind numbers of the tables whose titles the body (all but the contents) prints."""
    span = _contents_span(lines)
    return _kinds([nfkc(text).strip() for n, (_, text) in enumerate(lines) if n not in span], budget)
