"""Title lines: which table kind or evaluation form a line of a document names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from .labels import normalize_label
from .schema import BUDGET_KINDS, FORM_KINDS, KINDS, PRINTED_KINDS, PrintedKind, TableKind

_NUMERALS = "一二三四五六七八九十"
# A numeral label run straight into a title: 公开表六一般公共预算… is 六, then 一般…; 公开表十一 is 11.
_LABEL_NUMERAL = r"([一二三四五六七八九十]{1,3}?)(?=一般|三公|[^一二三四五六七八九十]|$)"
# 公开01表, 公开表一, 财决01表, 预算01表, (预算表1) — the labels that number a table, with or without brackets.
_LABEL = re.compile(
    r"[(（]?(?:公开|财决|预算)\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*表[)）]?"
    r"|[(（]?(?:公开|预算)表(?:" + _LABEL_NUMERAL + r"|(\d{1,2}))[)）]?"
)
# Before a title: an enumeration or a table label (一、 (一) 1. 附表1 表1： 表一 Z01 C07).
_LEAD = re.compile(
    r"^(?:\(?[一二三四五六七八九十]{1,3}[)、.]|\d{1,2}[、.]|附表\d{1,2}[:、.]?|表\d{1,2}[:、.]?|表"
    + _LABEL_NUMERAL
    + r"[:、.]?|[A-Z]\d{2}表?[:、.]?)"
)
_CONTINUED = re.compile(r"\(续表?\)$|续表$")
# What may stand before a title: a publisher's name, a year, a kind of body (部门, 单位,
# 高等学校) — never a sentence, and never a word that makes it another table (财政拨款支出决算表
# is not 支出决算表).
_SENTENCE = re.compile(r"[，。；;:,“”《》见详附件说明如下]")
_QUALIFIER = re.compile(r"(财政拨款|预算|基金|资本|经营|基本|项目|公共|一般|明细|费|支出|收入)$")
_PREFIX_LIMIT = 40


def _number(text: str) -> str:
    return f"{int(text):02d}" if text.isdigit() else f"{_NUMERALS.index(text[-1]) + 1 + 10 * (len(text) > 1):02d}"


def label_number(text: str) -> str | None:
    """The NN of a 公开NN表 (公开表N, 财决NN表) label in a line, if any."""
    match = _LABEL.search(normalize_label(text))
    if not match:
        return None
    number = _number(match.group(1) or match.group(2) or match.group(3))
    return number if 1 <= int(number) <= 99 else None


@lru_cache(maxsize=4096)  # each line of a page is asked about as several kinds of title
def _title_key(line: str) -> str:
    """A line with its labels, enumeration, brackets and (续) mark taken off."""
    key = _LABEL.sub("", normalize_label(line)).replace("（", "(").replace("）", ")")
    # 公开01表：收支预算总表 — the colon after a label belongs to the label
    key = _CONTINUED.sub("", key).lstrip(":、.").strip("()")
    return _LEAD.sub("", key, count=1)


def _acceptable_prefix(prefix: str) -> bool:
    return len(prefix) <= _PREFIX_LIMIT and not _SENTENCE.search(prefix) and not _QUALIFIER.search(prefix)


Kind = TypeVar("Kind", TableKind, PrintedKind)


def _by_length(kinds: tuple[Kind, ...]) -> list[tuple[str, Kind]]:
    return sorted(((title, kind) for kind in kinds for title in kind.titles), key=lambda pair: -len(pair[0]))


def _kind_named(key: str, titled: list[tuple[str, Kind]], any_prefix=lambda kind: False) -> Kind | None:
    """The kind of the longest title or alias the key ends with, after an acceptable prefix
    (any prefix for a kind any_prefix says is titled after a project)."""
    for title, kind in titled:
        if key.endswith(title) and (any_prefix(kind) or _acceptable_prefix(key[: -len(title)])):
            return kind
    return None


_BY_LENGTH = {False: _by_length(KINDS), True: _by_length(BUDGET_KINDS)}


def match_title(line: str, budget: bool = False) -> TableKind | None:
    """The table kind whose title this line is (a whole line, not a mention in prose): the
    longest title or alias the line ends with, after a publisher's name, a year or a kind of
    body at most. A 预算 report's lines are matched to the budget kinds."""
    return _kind_named(_title_key(line), _BY_LENGTH[budget])


# A table beyond the nine (机关运行经费支出决算表, 政府采购情况表, 国有资产占用情况表 …): a short
# line ending in 表 that is no sentence, no section heading and no standard title.
_HEADING = re.compile(r"^第.部分|(部门|单位|年度)(决算|预算)表$|报表$|公开表$|目录")


@dataclass(frozen=True)
class OtherTitle:
    """The title of a table beyond the typed ones, as printed, its 公开NN表 number if any, and
    the registry kind it is declared as (PRINTED_KINDS, or a typed kind kept as printed)."""

    title: str
    label: str
    kind: str = ""


_PRINTED_BY_LENGTH = {
    budget: _by_length(tuple(kind for kind in PRINTED_KINDS if (kind.report_kind == "budget") == budget))
    for budget in (False, True)
}


def _printed_kind(key: str, budget: bool) -> PrintedKind | None:
    """The declared kind a title key names (PRINTED_KINDS), matched as the typed kinds are."""
    return _kind_named(key, _PRINTED_BY_LENGTH[budget], any_prefix=lambda kind: kind.any_prefix)


def match_other_title(line: str, budget: bool = False) -> OtherTitle | None:
    """The title of a table that is not one of the nine (nor a form). In a 决算 report a
    …预算表 title is not a table of its own (预算 tables are another report's); in a 预算
    report every table is one of these."""
    key = _title_key(line)
    if not (4 <= len(key) <= _PREFIX_LIMIT and key.endswith("表")) or _SENTENCE.search(key) or _HEADING.search(key):
        return None
    if match_title(line, budget) or match_evaluation_title(line):
        return None
    if "预算" in key and not budget:
        return None
    kind = _printed_kind(key, budget)
    return OtherTitle(key, label_number(line) or "", kind.number if kind else "")


def kind_kept_as_printed(kind: TableKind) -> OtherTitle:
    """The title under which a table of a known kind is kept as printed when it is not read
    into facts (a header that cannot be read, a second different printing)."""
    return OtherTitle(kind.title, kind.number, kind.number)


def as_other_title(line: str) -> OtherTitle:
    """A 预算 table's title line kept as printed by a reader that does not type it."""
    kind = match_title(line, budget=True)
    return OtherTitle(_title_key(line), label_number(line) or "", kind.number if kind else "")


_YEAR_NOTE = re.compile(r"\(?\d{4}年度?\)?")


def match_evaluation_title(line: str) -> str | None:
    """'unit' or 'project' when the line is an evaluation form's title."""
    key = _YEAR_NOTE.sub("", normalize_label(line).replace("（", "(").replace("）", ")"))
    return next((form.kind for form in FORM_KINDS if key in form.titles), None)
