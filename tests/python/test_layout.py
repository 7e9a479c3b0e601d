import json

import pytest
from gridbuild import grid_from

from extract.pdf.assembly import assemble, first_data_row
from extract.pdf.tables import HeaderError, parse_economic, parse_functional, parse_summary, parse_three_public
from extract.schema import KIND_BY_NUMBER

INCOME_HEADER = [
    [
        "项目",
        "<",
        "本年收入合计",
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
    ],
    ["功能分类科目编码", "科目名称", "^", "^", "^", "^", "^", "^", "^"],
    ["栏次", "<", "1", "2", "3", "4", "5", "6", "7"],
]


def test_header_ends_before_the_first_row_with_values():
    grid = grid_from(INCOME_HEADER + [["合计", "<", "11,537.48", "11,386.22", "", "50.91", "", "", "100.34"]])
    assert first_data_row(grid) == 3


def test_functional_rows_keep_blank_cells_in_their_columns():
    grid = grid_from(
        INCOME_HEADER
        + [
            ["合计", "<", "11,537.48", "11,386.22", "", "50.91", "", "", "100.34"],
            ["205", "教育支出", "3,135.80", "2,984.54", "", "50.91", "", "", "100.34"],
            ["2080102", "一般行政管理事务", "793.27", "793.27", "", "", "", "", ""],
        ]
    )
    rows = parse_functional(assemble([grid]), KIND_BY_NUMBER["02"])
    assert rows[0]["functional_code"] == "" and rows[0]["item_name"] == "合计"
    assert rows[1]["business_income"] == "50.91" and rows[1]["other_income"] == "100.34"
    assert rows[1]["superior_subsidy"] == ""
    assert rows[2]["functional_code"] == "2080102" and rows[2]["fiscal_appropriation"] == "793.27"


def test_split_codes_and_header_words_in_the_first_data_row():
    # Shanghai layout: 类/款/项 printed on the same ruled row as the 合计 line.
    grid = grid_from(
        [
            ["项目", "<", "<", "<", "本年支出合计", "基本支出", "项目支出"],
            ["支出功能分类科目编码", "<", "<", "科目名称", "^", "^", "^"],
            ["类", "款", "项", "合计", "2,940.05", "2,336.91", "603.14"],
            ["201", "", "", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"],
            ["201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37"],
        ]
    )
    rows = parse_functional(assemble([grid]), KIND_BY_NUMBER["03"])
    assert [r["functional_code"] for r in rows] == ["", "201", "2010601"]
    assert rows[0]["item_name"] == "合计" and rows[0]["total"] == "2,940.05"
    assert rows[2]["code_printed"] == "201 06 01"


def test_continuation_page_drops_its_repeated_header_and_keeps_row_numbers():
    header = [["功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    first = grid_from(
        header + [["合计", "<", "30.00", "10.00", "20.00"], ["208", "社会保障和就业支出", "30.00", "10.00", "20.00"]],
        page=4,
    )
    second = grid_from(header + [["20801", "人力资源和社会保障管理事务", "30.00", "10.00", "20.00"]], page=5)
    table = assemble([first, second])
    assert [(r.page, r.row_no) for r in table.rows] == [(4, 2), (4, 3), (5, 4)]
    rows = parse_functional(table, KIND_BY_NUMBER["05"])
    assert rows[-1]["functional_code"] == "20801" and rows[-1]["project"] == "20.00"


def test_continuation_rows_without_values_are_data_not_header():
    header = [["收入", "<", "支出", "<"], ["项目", "决算数", "项目", "决算数"]]
    first = grid_from(
        header + [["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"]], page=6
    )
    second = grid_from([["使用非财政拨款结余", "", "结余分配", ""], ["总计", "2,995.39", "总计", "2,995.39"]], page=7)
    rows = parse_summary(assemble([first, second]), KIND_BY_NUMBER["01"])
    assert [r["income_item"] for r in rows] == ["一、一般公共预算财政拨款收入", "使用非财政拨款结余", "总计"]
    assert rows[-1]["expenditure_total"] == "2,995.39"


def test_two_sided_table_with_line_numbers_and_four_expenditure_columns():
    grid = grid_from(
        [
            ["收入", "<", "<", "支出", "<", "<", "<", "<", "<"],
            [
                "项目",
                "行次",
                "金额",
                "项目",
                "行次",
                "合计",
                "一般公共预算财政拨款",
                "政府性基金预算财政拨款",
                "国有资本经营预算财政拨款",
            ],
            ["栏次", "<", "1", "栏次", "<", "2", "3", "4", "5"],
            ["本年收入合计", "27", "11,386.22", "本年支出合计", "59", "11,391.99", "11,372.76", "", "19.23"],
        ]
    )
    (row,) = parse_summary(assemble([grid]), KIND_BY_NUMBER["04"])
    assert row["income_line_no"] == "27" and row["income_amount"] == "11,386.22"
    assert row["expenditure_state_capital"] == "19.23" and row["expenditure_government_fund"] == ""


def test_economic_groups_side_by_side_and_group_totals():
    grid = grid_from(
        [
            ["人员经费", "<", "<", "公用经费", "<", "<"],
            ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
            ["301", "工资福利支出", "7,302.11", "302", "商品和服务支出", "758.82"],
            ["30101", "基本工资", "2,451.12", "30201", "办公费", "54.81"],
            ["30106", "伙食补助费", "", "", "", ""],
            ["人员经费合计", "<", "8,036.35", "公用经费合计", "<", "760.21"],
        ]
    )
    rows = parse_economic(assemble([grid]), KIND_BY_NUMBER["06"])
    by_code = {(r["economic_code"] or r["item_name"]): r for r in rows}
    assert by_code["30101"]["amount"] == "2,451.12" and by_code["30101"]["column_group"] == 1
    assert by_code["30201"]["column_group"] == 2
    assert by_code["30106"]["amount"] == ""
    assert by_code["公用经费合计"]["amount"] == "760.21"


def test_three_public_costs_across_columns():
    grid = grid_from(
        [
            ["财政拨款“三公”经费", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<"],
            ["合计", "<", "因公出国（境）费", "<", "公务用车购置及运行费", "<", "<", "<", "<", "<", "公务接待费", "<"],
            ["^", "^", "^", "^", "小计", "<", "公务用车购置费", "<", "公务用车运行费", "<", "^", "^"],
            ["预算数", "决算数"] * 6,
            ["0.95", "", "", "", "", "", "", "", "", "", "0.95", ""],
        ]
    )
    rows = {r["item_code"]: r for r in parse_three_public(assemble([grid]), KIND_BY_NUMBER["07"])}
    assert set(rows) == {
        "total",
        "overseas_travel",
        "vehicle_total",
        "vehicle_purchase",
        "vehicle_operation",
        "official_reception",
    }
    assert rows["total"]["budget_amount"] == "0.95" and rows["official_reception"]["budget_amount"] == "0.95"
    assert rows["vehicle_total"]["item_name"].endswith("小计")


def test_three_public_costs_down_the_rows():
    grid = grid_from(
        [
            ["项 目", "预算数", "决算数"],
            ["合 计", "24.97", "24.97"],
            ["1、因公出国（境）费", "0.94", "0.94"],
            ["其中:（1）公务用车运行维护费", "22.03", "22.03"],
            ["（2）公务用车购置费", "", ""],
        ]
    )
    rows = parse_three_public(assemble([grid]), KIND_BY_NUMBER["07"])
    assert [r["item_code"] for r in rows] == ["total", "overseas_travel", "vehicle_operation", "vehicle_purchase"]


def test_unknown_amount_column_is_a_clear_error():
    grid = grid_from(
        [
            ["功能分类科目编码", "科目名称", "合计", "奇怪的列"],
            ["208", "社会保障和就业支出", "1.00", "1.00"],
        ]
    )
    with pytest.raises(HeaderError, match="奇怪的列"):
        parse_functional(assemble([grid]), KIND_BY_NUMBER["03"])


def test_fullwidth_amounts_become_ascii_but_stay_printed():
    grid = grid_from(
        [
            ["功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["２０８", "社会保障和就业支出", "１，２３４．５０", "１，２３４．５０", ""],
        ]
    )
    (row,) = parse_functional(assemble([grid]), KIND_BY_NUMBER["05"])
    assert row["functional_code"] == "208" and row["total"] == "1,234.50"
    assert "１，２３４．５０" in row["printed_cells"]


def test_a_closing_total_merged_across_groups_keeps_its_amount():
    grid = grid_from(
        [
            ["人员经费", "<", "<", "公用经费", "<", "<", "<", "<", "<"],
            ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
            ["301", "工资福利支出", "7,302.11", "302", "商品和服务支出", "758.82", "310", "资本性支出", "1.39"],
            ["人员经费合计", "<", "7,302.11", "公用经费合计", "<", "<", "<", "<", "760.21"],
        ]
    )
    rows = parse_economic(assemble([grid]), KIND_BY_NUMBER["06"])
    totals = {r["item_name"]: r["amount"] for r in rows if "合计" in r["item_name"]}
    assert totals == {"人员经费合计": "7,302.11", "公用经费合计": "760.21"}
    assert not [r for r in rows if not (r["economic_code"] or r["item_name"])]


def test_a_sub_column_is_not_read_as_its_parent():
    header = [
        ["项目", "<", "本年收入合计", "财政拨款收入", "事业收入", "<"],
        ["功能分类科目编码", "科目名称", "^", "^", "小计", "其中：教育收费"],
    ]
    grid = grid_from(header + [["205", "教育支出", "150.00", "100.00", "50.00", "30.00"]])
    (row,) = parse_functional(assemble([grid]), KIND_BY_NUMBER["02"])
    assert (row["total"], row["fiscal_appropriation"], row["business_income"]) == ("150.00", "100.00", "50.00")
    assert "30.00" in row["printed_cells"]  # the part stays as printed


def test_a_sub_column_is_a_fact_of_its_own_under_its_parent():
    from extract.pdf.tables import parse_sub_columns

    header = [
        ["项目", "<", "本年收入合计", "财政拨款收入", "事业收入", "<", "其他收入"],
        ["功能分类科目编码", "科目名称", "^", "^", "小计", "其中：教育收费", "^"],
    ]
    body = [
        ["", "合计", "160.00", "100.00", "50.00", "30.00", "10.00"],
        ["205", "教育支出", "150.00", "100.00", "50.00", "", ""],
    ]
    table = assemble([grid_from(header + body)])
    parts = parse_sub_columns(table, KIND_BY_NUMBER["02"])
    assert [(p["functional_code"], p["item_name"], p["parent_column"], p["amount"]) for p in parts] == [
        ("", "合计", "business_income", "30.00")
    ]  # a blank cell is no fact; the part hangs under 事业收入, not beside 其他收入
    assert parts[0]["sub_column_label"].endswith("其中：教育收费") and parts[0]["table_number"] == "02"


def test_a_table_whose_header_cannot_be_read_is_kept_as_printed():
    from extract.masthead import Masthead
    from extract.model import ExtractedReport
    from extract.pdf.document import _read_others, _read_tables
    from extract.pdf.locate import Located, LocatedTable
    from extract.schema import KIND_BY_NUMBER

    grid = grid_from(
        [
            ["科目编码", "科目名称", "合计", "奇怪的栏目"],
            ["208", "社会保障和就业支出", "130.00", "7.00"],
            ["", "合计", "130.00", "7.00"],
        ],
        page=4,
    )
    report = ExtractedReport("r", None, "0" * 64, Masthead("某局", 2024, "部门决算"), 5)
    located = Located(tables=[LocatedTable(KIND_BY_NUMBER["05"], [grid])])
    _read_tables(report, located)
    _read_others(report, located)
    assert "05" not in report.rows and any(
        "not a known amount" in w and "kept as printed" in w for w in report.warnings
    )
    printed = [json.loads(row["printed_cells"]) for row in report.other_rows]
    assert printed[1] == ["208", "社会保障和就业支出", "130.00", "7.00"] and len(printed) == 3
    assert {row["table_title"] for row in report.other_rows} == {"一般公共预算财政拨款支出决算表"}


def test_a_budget_summary_reads_its_budget_headers():
    grid = grid_from(
        [
            ["收入", "<", "支出", "<"],
            ["项目", "预算数", "项目", "预算数"],
            ["一、财政拨款", "244,675.66", "一、教育支出", "452,738.18"],
            ["", "", "五、其他支出", "109.50"],
            ["收入总计", "582,276.35", "支出总计", "582,276.35"],
        ]
    )
    rows = parse_summary(assemble([grid]), KIND_BY_NUMBER["B01"])
    assert [(r["income_item"], r["income_amount"], r["expenditure_item"], r["expenditure_total"]) for r in rows] == [
        ("一、财政拨款", "244,675.66", "一、教育支出", "452,738.18"),
        ("", "", "五、其他支出", "109.50"),
        ("收入总计", "582,276.35", "支出总计", "582,276.35"),
    ]


def test_a_budget_summary_whose_total_is_split_by_kind_of_spending():
    """合计 | 基本支出 (人员经费, 公用经费) | 项目支出 on the expenditure side: the 合计 is the line's
    total, the split columns facts of their own under it; 项目支出 is no 项目 column."""
    from extract.pdf.tables import parse_summary_sub_columns

    grid = grid_from(
        [
            ["本年收入", "<", "本年支出", "<", "<", "<", "<"],
            ["项目", "预算数", "项目", "预算数", "<", "<", "<"],
            ["^", "^", "^", "合计", "基本支出", "<", "项目支出"],
            ["^", "^", "^", "^", "人员经费", "公用经费", "^"],
            [
                "一、财政拨款收入",
                "304,413,900",
                "一、教育支出",
                "326,658,710",
                "150,119,030",
                "104,154,210",
                "72,385,470",
            ],
            ["收入总计", "408,696,000", "支出总计", "408,696,000", "229,442,320", "106,868,210", "72,385,470"],
        ]
    )
    table = assemble([grid])
    rows = parse_summary(table, KIND_BY_NUMBER["B01"])
    assert [(r["expenditure_item"], r["expenditure_total"], r["use_item"]) for r in rows] == [
        ("一、教育支出", "326,658,710", ""),
        ("支出总计", "408,696,000", ""),
    ]
    parts = {(p["item_name"], p["sub_column_label"].split("/")[-1]): p["amount"]
             for p in parse_summary_sub_columns(table, KIND_BY_NUMBER["B01"])}  # fmt: skip
    assert parts[("支出总计", "人员经费")] == "229,442,320" and parts[("支出总计", "项目支出")] == "72,385,470"
    assert {p.split("/")[-1] for _, p in parts} == {"人员经费", "公用经费", "项目支出"}


def test_budget_three_public_costs_down_the_rows_beside_an_administrative_costs_row():
    """Fund sources across the columns, the items down the rows, and a 行政经费 row that is no
    三公 item: each row one fact from the 合计 column, 行政经费 kept without an item code."""
    from extract.pdf.tables import parse_three_public_budget

    grid = grid_from(
        [
            ["项目", "合计", "一般公共预算", "政府性基金预算"],
            ["行政经费", "13,674.34", "13,674.34", "0.00"],
            ["“三公”经费", "378.87", "378.87", "0.00"],
            ["其中：（一）因公出国（境）支出", "20.00", "20.00", "0.00"],
            ["（二）公务用车购置及运行维护支出", "346.67", "346.67", "0.00"],
            ["1.公务用车购置费", "36.00", "36.00", "0.00"],
            ["2.公务用车运行维护费", "310.67", "310.67", "0.00"],
            ["（三）公务接待费支出", "12.20", "12.20", "0.00"],
        ]
    )
    rows = parse_three_public_budget(assemble([grid]), KIND_BY_NUMBER["B07"])
    assert [(r["item_code"], r["amount"]) for r in rows] == [
        (None, "13,674.34"), ("total", "378.87"), ("overseas_travel", "20.00"), ("vehicle_total", "346.67"),
        ("vehicle_purchase", "36.00"), ("vehicle_operation", "310.67"), ("official_reception", "12.20"),
    ]  # fmt: skip


def test_budget_three_public_costs_beside_last_years_are_this_years():
    """2025年预算数 | 2026年预算数, each with its items: the facts are the budget's own year's."""
    from extract.pdf.tables import parse_three_public_budget

    grid = grid_from(
        [
            ["2025年预算数", "<", "<", "<", "2026年预算数", "<", "<", "<"],
            ["合计", "因公出国（境）经费", "公务用车购置及运行维护费", "公务接待费"] * 2,
            ["^", "^", "小计", "^"] * 2,
            ["30.62", "22.00", "0.40", "8.22", "27.22", "22.00", "", "5.22"],
        ]
    )
    rows = parse_three_public_budget(assemble([grid]), KIND_BY_NUMBER["B07"])
    assert [(r["item_code"], r["amount"]) for r in rows] == [
        ("total", "27.22"), ("overseas_travel", "22.00"), ("vehicle_total", ""), ("official_reception", "5.22"),
    ]  # fmt: skip


def test_a_table_printing_names_only_takes_its_codes_from_the_code_list_down_the_rows():
    header = [["科目名称", "合计", "基本支出", "项目支出"]]
    names = ["合计", "一般公共服务支出", "人大事务", "　　行政运行", "财政事务", "行政运行"]
    names += ["教育支出", "职业教育", "技校教育", "无此科目"]
    grid = grid_from(header + [[name, "1.00", "1.00", ""] for name in names], page=3)
    rows = parse_functional(assemble([grid]), KIND_BY_NUMBER["05"])
    # 行政运行 is a 项 of whichever 款 it follows; a name the code list lacks keeps no code
    assert [row["functional_code"] for row in rows] == [
        "", "201", "20101", "2010101", "20106", "2010601", "205", "20503", "2050303", "",
    ]  # fmt: skip
    assert {row["code_printed"] for row in rows} == {""} and rows[-1]["item_name"] == "无此科目"
