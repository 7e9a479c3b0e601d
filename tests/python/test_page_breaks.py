"""Tables across page breaks: a first row printed above a continuation page's top rule, and a
table whose title was not found, which must not be read as the open table continued."""

from __future__ import annotations

from gridbuild import grid_from

from extract.pdf.grid import _loose_top_row
from extract.pdf.locate import CONTENTS, UNTITLED, locate
from extract.pdf.reader import PageContent
from extract.schema import KIND_BY_NUMBER


def _chars(text: str, x0: float, top: float) -> list[dict]:
    return [
        {"text": ch, "x0": x0 + 6 * n, "x1": x0 + 6 * n + 5, "top": top, "bottom": top + 8, "size": 8}
        for n, ch in enumerate(text)
    ]


def test_a_row_above_a_continuation_pages_top_rule_is_read_into_the_grid():
    col_edges, row_edges = [0.0, 40.0, 120.0, 180.0], [100.0, 115.0, 130.0]
    chars = _chars("30206", 2, 87) + _chars("电费", 42, 87) + _chars("235.00", 122, 87)
    assert _loose_top_row(chars, col_edges, row_edges) == ["30206", "电费", "235.00"]
    heading = _chars("部门：某局", 2, 87) + _chars("单位：万元", 122, 87)  # no amount: not a data row
    assert _loose_top_row(heading, col_edges, row_edges) is None
    far = _chars("30206", 2, 40) + _chars("235.00", 122, 40)  # well above: not the table's row
    assert _loose_top_row(far, col_edges, row_edges) is None
    grid = grid_from([["30207", "邮电费", "105.00"], ["30211", "差旅费", "265.00"]])
    grid.loose_top_row = ["30206", "电费", "235.00"]
    grown = grid.with_loose_top_row()
    assert grown.n_rows == 3 and [c.text for c in grown.cells if c.row == 0] == ["30206", "电费", "235.00"]
    assert [c.text for c in grown.cells if c.row == 1] == ["30207", "邮电费", "105.00"]


def _page(number: int, grid, lines=()) -> PageContent:
    grid.page_number = number
    return PageContent(number, list(lines), [grid])


def test_a_later_grid_with_headings_of_its_own_is_another_table_not_a_continuation():
    title = (10.0, "一般公共预算财政拨款基本支出决算表")
    first = grid_from([["科目编码", "科目名称", "金额"], ["301", "工资福利支出", "10.00"]])
    repeated = grid_from([["科目编码", "科目名称", "金额"], ["30101", "基本工资", "10.00"]])
    other = grid_from([["科目编码", "科目名称", "机关运行经费支出"], ["302", "商品和服务支出", "5.00"]])
    for grid in (first, repeated, other):
        grid.row_edges = [50.0 + 10 * r for r in range(grid.n_rows + 1)]
    pages = [_page(1, first, [title]), _page(2, repeated), _page(3, other)]
    located = locate(pages)
    (table,) = located.tables
    assert table.kind is KIND_BY_NUMBER["06"] and [g.page_number for g in table.grids] == [1, 2]
    (untitled,) = located.others
    assert untitled.title == UNTITLED and [g.page_number for g in untitled.grids] == [3]


def test_a_contents_page_printed_as_a_grid_is_not_the_table_its_first_row_names():
    contents = grid_from(
        [["一、", "收支预算总表"], ["二、", "收入预算总表"], ["三、", "支出预算总表"], ["四、", "财政拨款收支预算总表"]]
    )
    contents.row_edges = [50.0 + 10 * r for r in range(contents.n_rows + 1)]
    page = _page(2, contents, [(50.0, "一、 收支预算总表"), (60.0, "二、 收入预算总表")])  # its rows read as lines too
    located = locate([page], budget=True)
    assert located.tables == [] and [other.title for other in located.others] == [CONTENTS]
