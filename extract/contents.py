"""The tables a report's contents page (目录) lists, as kind numbers: what its body is checked
against, each table listed printed or said to be empty."""

from __future__ import annotations

import re

from .labels import nfkc
from .titles import match_other_title, match_title

_CONTENTS = re.compile(r"^目\s*录$")
# after an entry's title: the dot leaders and the page number (收入支出决算总表……………5)
_TRAILER = re.compile(r"[\s.…·•_-]*\d*$")
# a text dump has no pages to end its contents: the lines after 目录 that may still be entries
_CONTENTS_LIMIT = 80


def _contents_lines(lines: list[tuple[int | None, str]]) -> list[str]:
    """The lines of the page printing 目录 (all of them: some producers put it below the
    entries), or, in a text dump, the lines after it."""
    for n, (page, text) in enumerate(lines):
        if _CONTENTS.match(nfkc(text).strip()):
            if page is None:
                return [entry for _, entry in lines[n + 1 : n + 1 + _CONTENTS_LIMIT]]
            return [entry for at, entry in lines if at == page]
    return []


def _kind_of(entry: str, budget: bool) -> str:
    kind = match_title(entry, budget)
    if kind:
        return kind.number
    other = match_other_title(entry, budget)
    return other.kind if other else ""


def listed_tables(lines: list[tuple[int | None, str]], budget: bool) -> list[str]:
    """The kind numbers of the tables the contents lists, in its order, each once; an entry
    wrapped onto a second line (…培训费支出预算 / 表) is read joined."""
    entries = [_TRAILER.sub("", nfkc(line).strip()) for line in _contents_lines(lines)]
    listed: dict[str, None] = {}
    for n, entry in enumerate(entries):
        following = entries[n + 1] if n + 1 < len(entries) else ""
        kind = _kind_of(entry, budget) or (following.endswith("表") and _kind_of(entry + following, budget))
        if kind:
            listed[kind] = None
    return list(listed)
