from extract.text import code_digits, join_wrapped, looks_like_code, looks_like_data_amount, normalize_label


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
