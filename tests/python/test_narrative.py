"""The narrative's figures, read from text alone: subjects, measures, signs and the totals
their parts belong to."""

from __future__ import annotations

from extract.narrative import narrative_rows, narrative_sentences, read_narrative, sentence_figures, subject_key


def _figures(sentence: str) -> list[tuple]:
    return [(f["subject_key"], f["measure"], f["value"], f["unit"], f["part_of"]) for f in sentence_figures(sentence)]


def test_an_amount_its_change_and_its_rate_with_their_signs():
    assert _figures("与2023年度相比，收入支出总计减少56.95万元，下降1.87%。") == [
        ("income_expenditure_grand_total", "change_amount", "-56.95", "万元", ""),
        ("income_expenditure_grand_total", "change_rate", "-1.87", "%", ""),
    ]
    # a bare comparison (比2023年度) is no subject: the change is the amount's
    assert _figures("机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。") == [
        ("operating_costs", "amount", "184.65", "万元", ""),
        ("operating_costs", "change_amount", "2.55", "万元", ""),
        ("operating_costs", "change_rate", "1.40", "%", ""),
    ]


def test_parts_after_qizhong_belong_to_the_sentences_total_and_shares_to_their_part():
    assert _figures("本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%。") == [
        ("year_income_total", "amount", "2946.25", "万元", ""),
        ("fiscal_appropriation_income", "amount", "2940.05", "万元", "year_income_total"),
        ("fiscal_appropriation_income", "share", "99.79", "%", "year_income_total"),
        ("other_income", "amount", "6.2", "万元", "year_income_total"),
        ("other_income", "share", "0.21", "%", "year_income_total"),
    ]


def test_several_amounts_in_one_clause_each_have_their_own_subject():
    subjects = [
        f["subject"] for f in sentence_figures("其中：货物采购金额21.07万元、工程采购金额0万元、服务采购金额0万元。")
    ]
    assert subjects == ["货物采购金额", "工程采购金额", "服务采购金额"]


def test_budget_final_and_completion_rate_are_told_apart():
    figures = sentence_figures("年初预算为85.55万元，支出决算为84.65万元，完成年初预算的98.95%。")
    assert [(f["measure"], f["value"], f["share_of"]) for f in figures] == [
        ("budget", "85.55", ""),
        ("final", "84.65", ""),
        ("completion_rate", "98.95", "年初预算"),
    ]


def test_subject_keys_prefer_the_specific_cell():
    assert subject_key("财政拨款收入支出总计") == "fiscal_grand_total"
    assert subject_key("收入支出总计") == "income_expenditure_grand_total"
    assert subject_key("一般公共预算财政拨款基本支出") == "general_budget_basic"
    assert subject_key("公务用车运行维护费") == "vehicle_operation"
    assert subject_key("一般公共服务支出(类)") == ""


def test_sentences_keep_their_page_and_section_and_join_wrapped_lines():
    lines = [
        (21, "一、收入支出决算总体情况说明"),
        (21, "上海市某局2024年度收入支出总计2995.39万元。与2023年度相比，收入"),
        (22, "支出总计减少56.95万元，下降1.87%。"),
        (22, "二、收入决算情况说明"),
        (22, "本年收入合计 2946.25 万元。"),
    ]
    sentences = narrative_sentences(lines)
    assert [(s.page, s.section) for s in sentences] == [
        (21, "一、收入支出决算总体情况说明"),
        (21, "一、收入支出决算总体情况说明"),
        (22, "二、收入决算情况说明"),
    ]
    assert sentences[1].text == "与2023年度相比，收入支出总计减少56.95万元，下降1.87%。"  # no space at the wrap
    rows = narrative_rows(sentences)
    assert [(r["row_no"], r["figure_no"], r["subject_key"], r["value"]) for r in rows] == [
        (1, 1, "income_expenditure_grand_total", "2995.39"),
        (2, 1, "income_expenditure_grand_total", "-56.95"),
        (2, 2, "income_expenditure_grand_total", "-1.87"),
        (3, 1, "year_income_total", "2946.25"),
    ]


def test_the_words_comparing_final_and_budget_are_kept_with_the_budget_they_name():
    assert [
        (f["measure"], f["direction"], f["share_of"])
        for f in sentence_figures("决算数小于全年预算数的主要原因：人员变动。")
    ] == [("final_vs_budget", "小于", "全年预算数")]
    assert [(f["direction"], f["share_of"]) for f in sentence_figures("决算数与预算数基本持平。")] == [
        ("基本持平", "预算数")
    ]


def test_every_sentence_is_kept_with_the_number_its_figures_carry():
    lines = [
        (3, "八、政府性基金预算财政拨款收入支出决算情况说明"),
        (3, "本单位无政府性基金预算财政拨款收入支出，故本表无数据。"),
        (4, "九、其他"),
        (4, "机关运行经费支出5.00万元。"),
    ]
    figures, sentences = read_narrative(lines)
    assert [(s["page"], s["row_no"], s["section"], s["sentence"]) for s in sentences] == [
        (3, 1, "八、政府性基金预算财政拨款收入支出决算情况说明",
         "八、政府性基金预算财政拨款收入支出决算情况说明本单位无政府性基金预算财政拨款收入支出，故本表无数据。"),
        (4, 2, "九、其他", "九、其他机关运行经费支出5.00万元。"),
    ]  # fmt: skip
    assert [(f["row_no"], f["subject_key"]) for f in figures] == [(2, "operating_costs")]  # the same numbering


def test_no_change_names_its_own_subject_or_the_last_one():
    assert _figures("与2022年度相比，收入支出总计持平。") == [
        ("income_expenditure_grand_total", "change_amount", "0", "", "")
    ]
    assert _figures("机关运行经费支出184.65万元，与上年基本持平。")[1] == (
        "operating_costs",
        "change_amount",
        "0",
        "",
        "",
    )


def test_a_functional_item_is_not_the_total_its_heading_names():
    item = "（一）一般公共预算财政拨款支出决算具体情况（1）教育支出（类）职业教育（款）技校教育（项）2984.54万元。"
    assert _figures(item) == [("", "amount", "2984.54", "万元", "")]


def test_an_amount_with_thousands_separators_is_one_figure_with_its_subject():
    assert _figures("本年收入支出总计3,687.66万元，比上年增加1,182.59万元，增长47.21%。") == [
        ("income_expenditure_grand_total", "amount", "3687.66", "万元", ""),
        ("income_expenditure_grand_total", "change_amount", "1182.59", "万元", ""),
        ("income_expenditure_grand_total", "change_rate", "47.21", "%", ""),
    ]
    # full-width commas too; a comma before a word or fewer than three digits still parts clauses
    assert _figures("收支总计12，345，678.00万元，财政拨款收支总计12,345,678.00万元,其中基本支出1,23万元。")[:2] == [
        ("income_expenditure_grand_total", "amount", "12345678.00", "万元", ""),
        ("fiscal_grand_total", "amount", "12345678.00", "万元", ""),
    ]
    assert [f["value"] for f in sentence_figures("基本支出5，项目支出23万元。")] == ["23"]


def test_a_paragraph_over_three_pages_gives_each_sentence_the_page_it_starts_on():
    lines = [
        (5, "八、其他重要事项的情况说明"),
        (5, "本年度机关运行经费支出10.00万元。政府采购支出总额"),
        (6, "20.00万元。本部门共有车辆2辆。国有资产"),
        (7, "总额30.00万元。"),
        (7, "绩效自评结果见附件。"),
    ]
    pages = [(s.page, s.text[:4]) for s in narrative_sentences(lines)]
    # each sentence where it starts, not where its paragraph does
    assert pages == [(5, "八、其他"), (5, "政府采购"), (6, "本部门共"), (6, "国有资产"), (7, "绩效自评")]


def test_a_page_number_at_a_page_break_is_not_part_of_the_figure_before_it():
    lines = [
        (3, "一、收入支出决算总体情况说明"),
        (3, "本年支出合计222.5"),
        (3, "- 27 -"),
        (4, "28"),
        (4, "3万元。其中基本支出27万元。"),
    ]
    assert [s.text for s in narrative_sentences(lines)] == [
        "一、收入支出决算总体情况说明本年支出合计222.53万元。",
        "其中基本支出27万元。",
    ]
    (dump,) = narrative_sentences([(None, "一、说明"), (None, "27"), (None, "万元。")])  # no pages: no footers known
    assert dump.text == "一、说明27万元。"


def test_an_aside_in_brackets_is_its_own_figure_and_names_nothing_after_it():
    figures = sentence_figures("公务接待费支出0.39万元（含外宾接待支出0.00万元），完成预算的13.68%。")
    assert [(f["subject_key"], f["measure"], f["value"]) for f in figures] == [
        ("official_reception", "amount", "0.39"),
        ("", "amount", "0.00"),  # the aside: no table cell of its own
        ("official_reception", "completion_rate", "13.68"),
    ]


def test_the_reason_given_for_a_change_states_no_figure_of_the_item():
    sentence = (
        "因公出国（境）费86.47万元，比上年增加3.2万元，增长3.8%，主要原因是将国内服务费3.2万元由委托业务费"
        "调整为因公出国（境）经费；公务接待费22.21万元，比上年减少0.3万元，下降1.3%，主要原因是基本与上年持平。"
    )
    assert [(f["subject_key"], f["measure"], f["value"]) for f in sentence_figures(sentence)] == [
        ("overseas_travel", "amount", "86.47"),
        ("overseas_travel", "change_amount", "3.2"),
        ("overseas_travel", "change_rate", "3.8"),
        ("official_reception", "amount", "22.21"),
        ("official_reception", "change_amount", "-0.3"),
        ("official_reception", "change_rate", "-1.3"),
    ]


def test_equal_words_and_a_word_split_by_white_space_still_read():
    figures = sentence_figures("公务接待费支出决算数等于年初预算数。收入总计增 加 12.00万元，增 长 10.00%。")
    versus = [f for f in figures if f["measure"] == "final_vs_budget"]
    assert [(f["subject_key"], f["direction"], f["share_of"]) for f in versus] == [
        ("official_reception", "持平", "年初预算数")
    ]
    changes = [(f["measure"], f["value"], f["direction"]) for f in figures if f["measure"].startswith("change")]
    assert changes == [("change_amount", "12.00", "增加"), ("change_rate", "10.00", "增加")]


def test_the_kinds_of_income_and_a_functional_class_name_their_own_cells():
    assert subject_key("其中：事业收入") == "business_income"
    assert subject_key("事业单位经营收入") == "operating_income"
    assert subject_key("上级补助收入") == "superior_subsidy"
    assert subject_key("附属单位上缴收入") == "subsidiary_remittance"
    # a 类 under a heading that names the total is that class, not the total
    assert subject_key("（一）一般公共预算财政拨款支出决算具体情况教育支出（类）") == ""
    # a fund's appropriation is its own line, not the 财政拨款收入 it is a part of
    assert subject_key("其中：一般公共预算财政拨款收入") == "general_budget_income"
    assert subject_key("本年一般公共预算收入") == "general_budget_income"
    assert subject_key("国有资本经营预算拨款收入") == "state_capital_income"


def test_a_budgets_wording_of_its_totals():
    assert subject_key("2026年一般公共预算支出预算") == "general_budget_expenditure"
    assert subject_key("上年结转结余的一般公共预算收入") == ""  # the balance's part, not the year's income
    assert subject_key("上年结转结余") == subject_key("年初结转和结余") == "opening_balance"
    assert subject_key("年终结转结余") == subject_key("年末结转和结余") == "closing_balance"
    # a part named beside the total is that part
    assert subject_key("一般公共预算支出中基本支出") == "basic_expenditure"


def test_a_word_printed_twice_within_a_line_of_prose_and_not_across_lines():
    from extract.narrative import read_narrative

    lines = [
        (3, "教育支出1.00万元，主要用于主要用于学校运转。"),
        (4, "2024年度部门预算"),  # a title, then its label on the next line: joined, not repeated
        (4, "预算单位：某局"),
        (5, "项目 项目 金额"),  # a table's columns printed as a line
    ]
    _, sentences = read_narrative(lines)
    assert [row["repeated_words"] for row in sentences] == ["主要用于", ""]


def test_two_characters_doubled_count_only_beside_a_figure_or_a_mark():
    from extract.narrative import repeated_words

    lines = [
        (1, "比上年预算增加增加584.09万元。"),  # beside a figure
        (1, "重点支持低空航空航天发展，提升商业服务业服务质量。"),  # words that meet, not one doubled
        (1, "幼儿普通话教育项目项目绩效目标表"),
    ]
    assert repeated_words(lines) == {"增加"}
