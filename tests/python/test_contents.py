"""The tables a contents page lists, read from its lines as producers print them."""

from extract.contents import listed_tables, titled_tables


def test_entries_with_leaders_page_numbers_and_wrapped_titles():
    lines = [
        (1, "某局2024年度部门决算"),
        (2, "目 录"),
        (2, "第二部分 某局2024年度部门决算表……………………3"),
        (2, "一、收入支出决算总表……………………3"),
        (2, "二、收入决算表 .......... 4"),
        (2, "七、财政拨款“三公”经费支出"),  # wrapped: its last word on the next line
        (2, "决算表"),
        (2, "十、国有资产占用情况表"),
        (2, "三、支出决算情况说明"),  # a section of the narrative, not a table
        (3, "一、收入支出决算总表"),  # the body: not the contents
        (3, "三、支出决算表"),
    ]
    assert listed_tables(lines, budget=False) == ["01", "02", "07", "X12"]


def test_a_budget_contents_and_a_report_without_one():
    lines = [
        (None, "目录"),
        (None, "1. 2024年部门财务收支预算总表 ……………………"),
        (None, "9.部门“三公”经费和机关运行经费预算表 ……"),
        (None, "十、一般公共预算“三公”经费、会议费、培训费支出预算"),
        (None, "表"),
    ]
    assert listed_tables(lines, budget=True) == ["B01", "B07"]  # the 三公 table listed twice, once
    assert listed_tables([(1, "收入支出决算总表")], budget=False) == []


def test_the_body_prints_titles_the_reader_may_not_read():
    lines = [
        (2, "目录"),
        (2, "一、收入支出决算总表"),
        (2, "九、国有资本经营预算财政拨款收入支出决算表"),
        (5, "收入支出决算总表"),
        (9, "2024年国有资本经营预算财政拨款收入支出决算表"),  # printed empty: no grid below it
        (9, "本单位无国有资本经营预算财政拨款收入支出，故本表无数据。"),
    ]
    assert titled_tables(lines, budget=False) == ["01", "09"]
