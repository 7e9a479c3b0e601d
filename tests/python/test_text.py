from extract.labels import (
    code_digits,
    join_wrapped,
    looks_like_code,
    looks_like_data_amount,
    normalize_label,
    stated_unit,
)
from extract.model import stamp_amount_units


def test_wrapped_cjk_names_join_without_space():
    assert join_wrapped(["社会保障和", "就业支出"]) == "社会保障和就业支出"


def test_wrapped_codes_join_into_one_code():
    assert join_wrapped(["3010", "1"]) == "30101"
    assert join_wrapped(["30", "10", "1"]) == "30101"


def test_latin_words_keep_their_space():
    assert join_wrapped(["ONLY", "OFFICE"]) == "ONLY OFFICE"


def test_data_amounts_need_decimals_or_separators():
    assert looks_like_data_amount("11,367.00")
    assert looks_like_data_amount("0.02")
    assert looks_like_data_amount("1,234")
    assert not looks_like_data_amount("3")  # a 栏次 or 行次 number
    assert not looks_like_data_amount("合计")


def test_codes_from_split_and_fullwidth_cells():
    assert code_digits("201 06 01") == "2010601"
    assert code_digits("２０８") == "208"
    assert code_digits("类") == ""
    assert looks_like_code("2080102") and not looks_like_code("2080")


def test_labels_compare_without_spaces_or_quotes():
    assert normalize_label("财政拨款“三公”经费支出决算表") == "财政拨款三公经费支出决算表"
    assert normalize_label("合    计") == "合计"


def test_stated_units():
    assert stated_unit("部门：某市某局 2024 年度 金额单位：万元") == "万元"
    assert stated_unit("单位: 元") == "元"
    assert stated_unit("单位：千元") == "千元"
    assert stated_unit("部门（单位）：某市某中心") == ""
    assert stated_unit("收入支出决算总表") == ""


def test_a_table_without_a_unit_takes_the_one_the_others_agree_on():
    rows = {"01": [{}], "02": [{}], "07": [{}, {}]}
    stamp_amount_units(rows, {"01": "元", "02": "", "07": ""})
    assert [row["amount_unit"] for table in rows.values() for row in table] == ["元"] * 4
    rows = {"01": [{}], "02": [{}], "03": [{}]}
    stamp_amount_units(rows, {"01": "元", "02": "万元", "03": ""})
    assert [rows[n][0]["amount_unit"] for n in ("01", "02", "03")] == ["元", "万元", ""]
