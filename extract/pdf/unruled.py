"""Tables printed without ruling lines (or with row rules only), rebuilt as grids from where
their characters sit, so the rest of the pipeline reads them like ruled ones.

Columns are the x-ranges covered by the characters of the data rows, separated by gutters
that no data character crosses; a heading standing over a gutter names a column whose cells
are all blank. Rows are the lines holding values; a line without values is a wrapped part of
the row it sits closest to, unless it is a full row pitch away from both neighbours (a row
whose amounts are all blank, as 07 prints an item with no spending).
"""

from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass
from functools import cached_property

from ..labels import looks_like_amount, looks_like_code, looks_like_data_amount, normalize_label, stated_unit
from ..titles import label_number, match_title
from .assembly import HEADER_WORDS
from .grid import Grid, GridCell, cell_text

_LINE_TOLERANCE = 3.0
_TOKEN_GAP = 0.35  # × font size: characters closer than this belong to one printed word
_GUTTER = 0.4  # × font size: the narrowest gap that separates two columns
_SPACED_HEADING = 1.2  # × font size: letter-spaced headings (收  入) are one heading
_OWN_ROW = 0.8  # × smallest row pitch: a value-less line this far from both neighbours is a row
_TOTAL_LABELS = ("合计", "总计")
_ROW_LABEL = re.compile(r"^(合计|总计|[一二三四五六七八九十]+、)")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d+\s*(页)?[-—–\s]*$")


@dataclass
class _Line:
    chars: list[dict]

    @property
    def top(self) -> float:
        return min(ch["top"] for ch in self.chars)

    @property
    def bottom(self) -> float:
        return max(ch["bottom"] for ch in self.chars)

    @property
    def text(self) -> str:
        return "".join(token_text(t) for t in self.tokens)

    @cached_property
    def tokens(self) -> list[list[dict]]:
        """Runs of characters printed as one word."""
        runs: list[list[dict]] = []
        for char in self.chars:
            if runs and char["x0"] - runs[-1][-1]["x1"] <= _TOKEN_GAP * char["size"]:
                runs[-1].append(char)
            else:
                runs.append([char])
        return runs


def token_text(token: list[dict]) -> str:
    return "".join(ch["text"] for ch in token)


def _lines(chars: list[dict]) -> list[_Line]:
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda ch: ((ch["top"] + ch["bottom"]) / 2, ch["x0"])):
        centre = (char["top"] + char["bottom"]) / 2
        if lines and abs((lines[-1][0]["top"] + lines[-1][0]["bottom"]) / 2 - centre) <= _LINE_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [_Line(sorted(line, key=lambda ch: ch["x0"])) for line in lines]


def _is_anchor(line: _Line) -> bool:
    """A line that is a data row: it holds an amount or a code, or starts with 合计 / 一、."""
    words = [token_text(t) for t in line.tokens]
    if not words:
        return False
    if any(looks_like_data_amount(w) for w in words) or looks_like_code(words[0]):
        return True
    # the first label, after a 行次 number of an empty income side ("26 二十六、…")
    label = next((normalize_label(w) for w in words if not w.isdigit()), "")
    headings = sum(1 for w in words if normalize_label(w) in HEADER_WORDS)
    return bool(_ROW_LABEL.match(label)) and headings < 2


def _is_caption(line: _Line) -> bool:
    """Lines between a title and its table: 公开NN表, the unit, the 部门：… identity line."""
    text = normalize_label(line.text)
    return bool(
        label_number(text)
        or stated_unit(text)
        or text.startswith(("部门:", "单位:", "部门(单位):", "编制单位:"))
        or text in ("(续)", "续表")
    )


def _row_groups(lines: list[_Line]) -> list[list[_Line]]:
    """Data lines grouped into printed rows: each anchor with the wrapped lines nearest it."""
    anchors = [n for n, line in enumerate(lines) if _is_anchor(line)]
    pitches = [lines[b].top - lines[a].top for a, b in zip(anchors, anchors[1:]) if lines[b].top > lines[a].top]
    pitch = min(pitches) if pitches else None
    owner: dict[int, int] = {n: n for n in anchors}
    for n, line in enumerate(lines):
        if n in owner:
            continue
        before = max((a for a in anchors if a < n), default=None)
        after = min((a for a in anchors if a > n), default=None)
        distance = {a: abs(line.top - lines[a].top) for a in (before, after) if a is not None}
        if not distance or (pitch and min(distance.values()) >= _OWN_ROW * pitch):
            owner[n] = n  # a row of its own (all its amounts blank)
        else:
            owner[n] = min(distance, key=lambda a: (distance[a], a != before))
    groups: dict[int, list[_Line]] = {}
    for n in sorted(owner, key=lambda n: (lines[owner[n]].top, n)):
        groups.setdefault(owner[n], []).append(lines[n])
    return [
        sorted(group, key=lambda line: line.top) for _, group in sorted(groups.items(), key=lambda g: lines[g[0]].top)
    ]


@dataclass
class _Span:
    x0: float
    x1: float
    numbers: int = 0  # amounts among its words: right-aligned, so its border is just right of it
    words: int = 0
    totals: int = 0  # 合计/总计 labels, often centred in a wide label column

    @property
    def numeric(self) -> bool:
        return self.numbers * 2 > self.words

    def absorb(self, other: _Span) -> None:
        self.x0, self.x1 = min(self.x0, other.x0), max(self.x1, other.x1)
        self.numbers, self.words, self.totals = (
            self.numbers + other.numbers,
            self.words + other.words,
            self.totals + other.totals,
        )


def _data_spans(data: list[_Line], gap: float) -> list[_Span]:
    spans: list[_Span] = []
    words = sorted((t[0]["x0"], t[-1]["x1"], token_text(t)) for line in data for t in line.tokens)
    for x0, x1, text in words:
        if not spans or x0 - spans[-1].x1 >= gap:
            spans.append(_Span(x0, x1))
        span = spans[-1]
        span.x1 = max(span.x1, x1)
        span.words += 1
        span.numbers += looks_like_amount(text) and not looks_like_code(text)
        span.totals += normalize_label(text) in _TOTAL_LABELS
    # A 合计 centred apart from the left-aligned names belongs to the names' column.
    merged: list[_Span] = []
    for n, span in enumerate(spans):
        if span.totals == span.words:
            right = spans[n + 1] if n + 1 < len(spans) else None
            if right is not None and not right.numeric:
                right.absorb(span)
                continue
            if merged and not merged[-1].numeric:
                merged[-1].absorb(span)
                continue
        merged.append(span)
    return merged


def _border(left: _Span, right: _Span, pad: float) -> float:
    """Where the border between two columns was: text is printed from its left border,
    amounts up to their right border; between a code and an amount nothing says, so halfway."""
    if not right.numeric:
        return max(left.x1, right.x0 - pad)
    if left.numeric:
        return min(right.x0, left.x1 + pad)
    return (left.x1 + right.x0) / 2


def _headings(line: _Line, size: float) -> list[tuple[float, float]]:
    """x-ranges of a header line's headings; single characters spaced apart (收  入) are one."""
    ranges: list[list] = []
    for token in line.tokens:
        single = len(token) == 1
        if ranges and single and ranges[-1][2] and token[0]["x0"] - ranges[-1][1] < _SPACED_HEADING * size:
            ranges[-1][1] = token[-1]["x1"]
        else:
            ranges.append([token[0]["x0"], token[-1]["x1"], single])
    return [(x0, x1) for x0, x1, _ in ranges]


def _heading_groups(header: list[_Line], lo: float, hi: float, size: float) -> list[list[float]]:
    """Side-by-side headings inside one column's extent (x-ranges, wrapped lines merged)."""
    groups: list[list[float]] = []
    for x0, x1 in sorted(heading for line in header for heading in _headings(line, size)):
        if (x0 + x1) / 2 < lo or (x0 + x1) / 2 > hi or x0 < lo - 1 or x1 > hi + 1:
            continue  # outside, or a heading over several columns
        if groups and x0 <= groups[-1][1]:
            groups[-1][1] = max(groups[-1][1], x1)
        else:
            groups.append([x0, x1])
    return groups


def _column_edges(header: list[_Line], data: list[_Line]) -> list[float]:
    size = statistics.median([ch["size"] for line in data for ch in line.chars] or [8.0])
    spans = _data_spans(data, _GUTTER * size)
    every = [ch for line in header + data for ch in line.chars]
    inner = [_border(a, b, _GUTTER * size / 2) for a, b in zip(spans, spans[1:])]
    bounds = [min(ch["x0"] for ch in every) - 1, *inner, max(ch["x1"] for ch in every) + 1]
    edges = [bounds[0]]
    for span, lo, hi in zip(spans, bounds, bounds[1:]):
        edges += _blank_column_cuts(span, _heading_groups(header, lo, hi, size))
        edges.append(hi)
    return edges


def _blank_column_cuts(span: _Span, groups: list[list[float]]) -> list[float]:
    """Borders of columns printed all blank (经营支出 with nothing spent) inside a data
    column's extent: headings there that are not the data column's own stand over them.
    Its own headings overlap its figures, or else are the nearest on the side its text is
    aligned away from (left of right-aligned amounts, right of left-aligned text)."""
    own = [g for g in groups if g[0] < span.x1 and span.x0 < g[1]]
    if not own and groups:
        side = [g for g in groups if (g[1] <= span.x0) == span.numeric] or groups
        own = [min(side, key=lambda g: min(abs(g[1] - span.x0), abs(g[0] - span.x1)))]
    block = [min([span.x0] + [g[0] for g in own]), max([span.x1] + [g[1] for g in own])]
    blocks = sorted([block] + [g for g in groups if g not in own and (g[1] < block[0] or g[0] > block[1])])
    return [(a[1] + b[0]) / 2 for a, b in zip(blocks, blocks[1:]) if a[1] < b[0]]


def _column_of(edges: list[float], x: float) -> int:
    return min(max(bisect.bisect_right(edges, x) - 1, 0), len(edges) - 2)


def _header_cells(row: int, line: _Line, edges: list[float]) -> list[GridCell]:
    """A heading word over several columns (本年支出 over 小计/基本/项目) becomes one merged cell."""
    cells = []
    for token in line.tokens:
        first = _column_of(edges, (token[0]["x0"] + token[0]["x1"]) / 2)
        last = _column_of(edges, (token[-1]["x0"] + token[-1]["x1"]) / 2)
        if cells and cells[-1].col + cells[-1].col_span - 1 >= first:
            previous = cells.pop()  # two words of one cell (a spaced heading)
            first = previous.col
            text = previous.text + token_text(token)
        else:
            text = token_text(token)
        cells.append(GridCell(row, first, 1, last - first + 1, text))
    return cells


def _data_cells(row: int, group: list[_Line], edges: list[float]) -> list[GridCell]:
    by_column: dict[int, list[dict]] = {}
    for line in group:
        for char in line.chars:
            by_column.setdefault(_column_of(edges, (char["x0"] + char["x1"]) / 2), []).append(char)
    return [GridCell(row, c, 1, 1, cell_text(by_column.get(c, []))) for c in range(len(edges) - 1)]


def _grid(page_number: int, header: list[_Line], data: list[_Line]) -> Grid | None:
    groups = _row_groups(data)
    if not groups:
        return None
    edges = _column_edges(header, data)
    if len(edges) < 3:
        return None
    cells: list[GridCell] = []
    row_edges = [min(line.top for line in header + data) - 1]
    for r, line in enumerate(header):
        cells += _header_cells(r, line, edges)
        row_edges.append(line.bottom + 0.5)
    for r, group in enumerate(groups, start=len(header)):
        cells += _data_cells(r, group, edges)
        row_edges.append(group[-1].bottom + 0.5)
    return Grid(
        page_number,
        len(row_edges) - 1,
        len(edges) - 1,
        edges,
        row_edges,
        cells,
        positioned=True,
        col_centres=_centres(edges, data + header),
    )


def _centres(edges: list[float], lines: list[_Line]) -> list[float]:
    """Where each column's text sits: a sparse right-aligned column's figures are far from
    the middle of its extent, and continuation pages are matched to the first by this."""
    placed: dict[int, list[float]] = {}
    for line in lines:
        for char in line.chars:
            centre = (char["x0"] + char["x1"]) / 2
            placed.setdefault(_column_of(edges, centre), []).append(centre)
    return [
        statistics.fmean(placed[c]) if c in placed else (edges[c] + edges[c + 1]) / 2 for c in range(len(edges) - 1)
    ]


def _table_lines(lines: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """(header lines, data lines) of the table that starts at the top of lines."""
    anchors = [n for n, line in enumerate(lines) if _is_anchor(line)]
    if not anchors:
        return [], []
    first, last = anchors[0], anchors[-1]
    end = last + 1
    # Wrapped lines of the last row belong to it; a note or page number below does not.
    while (
        end < len(lines)
        and not normalize_label(lines[end].text).startswith(("注", "说明"))
        and not _PAGE_NUMBER.match(lines[end].text)
        and lines[end].top - lines[end - 1].bottom < lines[end].bottom - lines[end].top
    ):
        end += 1
    header = [line for line in lines[:first] if not _is_caption(line)]
    return header, lines[first:end]


def positioned_grids(page_number: int, chars: list[dict]) -> list[Grid]:
    """Grids for the unruled tables on a page: one below each table title, or one for a page
    that continues a table (no title, and mostly data lines)."""
    lines = _lines([ch for ch in chars if ch["text"].strip() and ch.get("upright", True)])
    titles = [n for n, line in enumerate(lines) if match_title(normalize_label(line.text))]
    blocks = [lines[a + 1 : b] for a, b in zip(titles, titles[1:] + [len(lines)])]
    if not titles:
        anchors = [n for n, line in enumerate(lines) if _is_anchor(line)]
        # A page continuing a table: its rows, from the first to the last value, are mostly values.
        if len(anchors) < 2 or len(anchors) * 2 < anchors[-1] - anchors[0] + 1:
            return []
        blocks = [lines]
    grids = []
    for block in blocks:
        header, data = _table_lines(block)
        if not titles:
            header = []  # a continuation page: running heads above the rows are not headings
        grid = _grid(page_number, header, data) if data else None
        if grid is not None:
            grids.append(grid)
    return grids
