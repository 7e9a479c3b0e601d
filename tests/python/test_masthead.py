import pytest

from extract.masthead import Masthead, printed_names, read_masthead
from extract.titles import label_number, match_title


def test_unit_line_gives_entity_and_year():
    masthead = read_masthead(["收入支出决算总表", "部门：辽宁省丹东市某某局 2024 年度 金额单位：万元"])
    assert (masthead.entity_name, masthead.fiscal_year) == ("辽宁省丹东市某某局", 2024)


def test_unit_line_without_year_falls_back_to_the_text():
    masthead = read_masthead(["第四部分 2023 年度某某中心决算表", "部门(单位)：辽宁省某某中心", "金额单位：万元"])
    assert (masthead.entity_name, masthead.fiscal_year) == ("辽宁省某某中心", 2023)


def test_heading_with_the_year_printed_on_its_own_line():
    # ONLYOFFICE prints digits in another font, so the year comes out as a separate line.
    masthead = read_masthead(["目录", "第二部分 上海市某区某局 年度部门决算表", "2024", "单位：万元"])
    assert (masthead.entity_name, masthead.fiscal_year) == ("上海市某区某局", 2024)


def test_amount_unit_is_never_taken_for_the_entity():
    masthead = read_masthead(["金额单位：万元", "某某市某某局2022年度部门决算"])
    assert masthead.entity_name == "某某市某某局"
    assert masthead.fiscal_year == 2022


def test_every_place_printing_the_publisher_is_listed_once_per_page():
    lines = [
        (1, "辽宁省丹东市某某局2024年度部门决算"),  # the cover's heading
        (5, "部门：辽宁省丹东市某某局 2024 年度 金额单位：万元"),
        (5, "注：本表金额转换成万元时，因四舍五入可能存在尾差。"),
        (6, "部门：辽宁省丹东市某某局 2024 年度 金额单位：万元"),
        (6, "部门：辽宁省丹东市某某局 2024 年度 金额单位：万元"),  # printed twice on a page: once
        (7, "部门： 2024 年度 金额单位：万元"),  # the name left blank: nothing printed
        (8, "单位名称：辽宁省丹东市另一局"),
    ]
    assert [(row["page"], row["place"], row["name"]) for row in printed_names(lines)] == [
        (1, "heading", "辽宁省丹东市某某局"),
        (5, "unit_line", "辽宁省丹东市某某局"),
        (6, "unit_line", "辽宁省丹东市某某局"),
        (8, "unit_line", "辽宁省丹东市另一局"),
    ]


def test_titles_match_whole_lines_only():
    assert match_title("收入支出决算总表").number == "01"
    assert match_title("财政拨款收入支出决算总表").number == "04"
    assert match_title("财政拨款 “三公” 经费支出决算表").number == "07"
    assert match_title("公开02表 收入决算表").number == "02"
    assert match_title("收入决算表反映本年度取得的各项收入情况。") is None
    assert label_number("公开 05 表") == "05"


def test_title_variants_of_other_producers():
    assert match_title("附表1 收入支出决算总表").number == "01"
    assert match_title("一、收入支出决算总表").number == "01"
    assert match_title("某某局2023年度支出决算表").number == "03"
    assert match_title("一般公共预算财政拨款“三公”经费支出决算表").number == "07"
    assert match_title("国有资本经营预算财政拨款支出决算表").number == "09"
    assert match_title("收入支出决算总表（续）").number == "01"
    assert match_title("一般公共预算财政拨款支出决算表").number == "05"
    assert match_title("一般公共预算财政拨款基本支出决算表").number == "06"
    assert match_title("说明：本表反映收入支出决算总表的情况") is None


@pytest.mark.parametrize(
    "line, number",
    [
        ("公开01表 收入支出决算总表", "01"),
        ("公开表一 收入支出决算总表", "01"),
        ("财决01表 收入支出决算总表", "01"),
        ("附表1 收入支出决算总表", "01"),
        ("表一 收入支出决算总表", "01"),
        ("Z01 收入支出决算总表", "01"),
        ("表1：高等学校收支决算总表", "01"),
        ("表2：高等学校收入决算表", "02"),
        ("表3：高等学校支出决算表", "03"),
        ("上海市普陀区财政局2024年度收入支出决算总表", "01"),
        ("2024年度部门收入支出决算总表（续）", "01"),
        ("财政拨款收支决算总表", "04"),
        ("一般公共预算财政拨款支出决算明细表", "05"),
        ("一般公共预算财政拨款基本支出决算明细表", "06"),
        ("“三公”经费支出决算表", "07"),
        ("一般公共预算财政拨款“三公”经费支出决算表", "07"),
        ("“三公”经费及会议费、培训费支出决算表", "07"),
        ("国有资本经营预算财政拨款收入支出决算表", "09"),
        # a numeral label run straight into a title that starts with a numeral
        ("公开表六一般公共预算财政拨款基本支出决算明细表", "06"),
        ("表七“三公”经费支出决算表", "07"),
        ("公开表十一一般公共预算财政拨款支出决算表", "05"),
        # not one of the nine: another table, or a sentence that names one
        ("表4：高等学校财政拨款支出决算表", None),
        ("机关运行经费支出决算表", None),
        ("政府采购情况表", None),
        ("详见收入支出决算总表", None),
        ("二、收入决算表说明", None),
    ],
)
def test_titles_are_matched_by_meaning_whatever_their_label_or_prefix(line, number):
    kind = match_title(line)
    assert (kind.number if kind else None) == number


def test_summary_lines_of_the_university_format_are_keyed():
    from extract.reference import summary_line_key

    assert summary_line_key("income", "一、财政拨款收入") == "fiscal_appropriation"
    assert summary_line_key("income", "其中：政府性基金预算财政拨款") == "of_which"
    assert summary_line_key("income", "其中：捐赠收入") == "of_which"
    assert summary_line_key("income", "一般公共预算财政拨款收入") == "general_budget_appropriation"
    assert summary_line_key("income", "使用非财政拨款结余（含专用结余）") == "use_of_non_fiscal_balance"
    assert summary_line_key("income", "上年结转和结余") == "opening_balance"
    assert summary_line_key("income", "合计") == summary_line_key("expenditure", "合计") == "grand_total"
    assert summary_line_key("income", "本年收入合计") == "year_total"


@pytest.mark.parametrize(
    ("line", "typed", "declared"),
    [
        ("公开 01 表：收支预算总表", "B01", ""),  # a label with a colon before the title
        ("公开 08 表：一般公共预算基本支出预算表", "B06", ""),
        ("2017年江苏省高级人民法院部门一般公共预算三公经费、会议费、培训费支出预算表", "B07", ""),
        ("部门三公经费和机关运行经费预算表", "B07", ""),
        ("2024年部门收入预算总表", None, "B02"),
        ("西南大学支出预算表", None, "B03"),
        ("西南大学财政拨款支出预算表", None, "B10"),  # not 支出预算表 with a prefix
        ("公开 11 表：一般公共预算机关运行经费支出预算表", None, "B12"),
        ("2017年政府采购预算表", None, "B13"),
        ("236高层次人才计划专项经费项目绩效目标表", None, "B14"),  # after a project's name
        ("2024年部门某某专项预算表", None, ""),  # a table no kind declares: kept, unmarked
    ],
)
def test_budget_titles_are_typed_or_declared(line, typed, declared):
    from extract.titles import match_other_title

    kind = match_title(line, budget=True)
    assert (kind.number if kind else None) == typed
    if typed is None:
        assert match_other_title(line, budget=True).kind == declared


def test_a_title_wrapped_onto_a_second_line_is_one_title():
    from extract.pdf.locate import _titles_on_page
    from extract.pdf.reader import PageContent

    page = PageContent(1, [(232.0, "公开 09 表：一般公共预算“三公”经费、会议费、培训费"), (260.0, "支出预算表")])
    assert [(top, title.number) for top, title in _titles_on_page(page, budget=True)] == [(232.0, "B07")]


@pytest.mark.parametrize(
    ("line", "declared"),
    [
        ("公开10表 机关运行经费支出情况表", "X10"),
        ("2024年度政府采购情况表", "X11"),
        ("国有资产占用情况表", "X12"),
        ("表4：高等学校财政拨款支出决算表", "X13"),
        ("某某单位其他情况表", ""),  # kept as printed, no kind declared
    ],
)
def test_final_tables_beyond_the_nine_are_declared_by_title(line, declared):
    from extract.titles import match_other_title

    assert match_title(line) is None and match_other_title(line).kind == declared


def test_a_name_in_its_cell_and_a_year_on_a_line_of_its_own():
    """A budget of tables only: the name printed once, in a 绩效目标表's 部门名称 cell; the year
    as (2026年度) under that form's title, while project names recount 2025年度. A 度量单位: in
    an indicator and a cell ending in 决算 are no masthead."""
    lines = [
        "预算01表 收支总表",
        "产出指标 数量指标 完成年度统计报告 绩效度量单位: 个",
        "成本指标 经济成本指标 项目测试及决算",
        "2025年度北京市优化营商环境项目",
        "2025年度国民经济核算",
        "(2026年度)",
        "部门名称 北京市统计局",
    ]
    assert read_masthead(lines) == Masthead("北京市统计局", 2026, "部门决算")
