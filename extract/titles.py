"""Title lines: which table kind or evaluation form a line of a document names."""

from __future__ import annotations

import re

from .labels import normalize_label
from .schema import FORM_KINDS, KINDS, TableKind

_LABEL = re.compile(r"[(（]?公开\s*(\d{1,2})\s*表[)）]?")
# A title may carry an enumeration (附表1、一、), a "…2024年度" prefix, a 部门/单位 word or a
# (续) mark; never a sentence around it.
_ENUMERATION = re.compile(r"^(附表|表)?[0-9一二三四五六七八九十]{0,3}[、.:]?")
_YEAR_PREFIX = re.compile(r"^.{0,40}?\d{4}年度?")
_OWNER_WORD = re.compile(r"^(部门|单位)")
_CONTINUED = re.compile(r"\(续表?\)$|续表$")


def label_number(text: str) -> str | None:
    """The NN of a 公开NN表 label in a line, if any."""
    match = _LABEL.search(normalize_label(text))
    return f"{int(match.group(1)):02d}" if match else None


def match_title(line: str) -> TableKind | None:
    """The table kind whose title this line is (a whole line, not a mention in prose)."""
    key = _LABEL.sub("", normalize_label(line))
    key = key.replace("（", "(").replace("）", ")")
    key = _CONTINUED.sub("", key).strip("()")
    candidates = {key, _ENUMERATION.sub("", key, count=1)}
    candidates |= {_YEAR_PREFIX.sub("", c, count=1) for c in candidates}
    candidates |= {_OWNER_WORD.sub("", c, count=1) for c in candidates}
    for kind in sorted(KINDS, key=lambda k: -max(len(t) for t in k.titles)):
        if candidates & set(kind.titles):
            return kind
    return None


_YEAR_NOTE = re.compile(r"\(?\d{4}年度?\)?")


def match_evaluation_title(line: str) -> str | None:
    """'unit' or 'project' when the line is an evaluation form's title."""
    key = _YEAR_NOTE.sub("", normalize_label(line).replace("（", "(").replace("）", ")"))
    return next((form.kind for form in FORM_KINDS if key in form.titles), None)
