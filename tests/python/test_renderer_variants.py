"""Reports rendered in every layout variant extract to the figures they were rendered from."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from conftest import SAMPLE_DATA

from extract.model import file_sha256
from extract.pdf import extract_pdf
from fixtures.render import VARIANTS, RenderOptions, load, render_report

FUNCTIONAL_AMOUNTS = {
    "02": [
        "total",
        "fiscal_appropriation",
        "superior_subsidy",
        "business_income",
        "operating_income",
        "subsidiary_remittance",
        "other_income",
    ],
    "03": ["total", "basic", "project", "remittance_to_superior", "operating", "subsidy_to_subsidiaries"],
    "05": ["total", "basic", "project"],
    "09": ["total", "basic", "project"],
    "08": ["opening_balance", "income", "total", "basic", "project", "closing_balance"],
}


WANYUAN_PER_UNIT = {"": Decimal(1), "万元": Decimal(1), "元": Decimal("0.0001")}


def amount(text: str, unit: str = "万元") -> Decimal:
    text = (text or "").replace(",", "").strip()
    return (Decimal(text) if text else Decimal("0")) * WANYUAN_PER_UNIT[unit]


def expected_facts(data: dict) -> dict:
    tables = data["tables"]
    facts = {}
    for number in FUNCTIONAL_AMOUNTS:
        facts[number] = {
            (code or "合计"): tuple(amount(v) for v in values) for code, _, *values in tables[number]["rows"]
        }
    facts["06"] = {code: amount(value) for group in tables["06"]["groups"] for code, _, value in group["rows"]}
    facts["06"].update({label: amount(value) for label, value in tables["06"]["totals"]})
    facts["07"] = {code: (amount(b), amount(a)) for code, _, b, a in tables["07"]["rows"]}
    for number in ("01", "04"):
        facts[number] = {
            "income": {item: amount(value) for item, _, value in tables[number]["income"] if item},
            "expenditure": {
                item: tuple(amount(v) for v in values) for item, _, *values in tables[number]["expenditure"] if item
            },
        }
    return facts


def extracted_facts(rows_by_kind: dict) -> dict:
    facts = {}
    for number, columns in FUNCTIONAL_AMOUNTS.items():
        facts[number] = {
            (row["functional_code"] or row["item_name"]): tuple(amount(row[c], row["amount_unit"]) for c in columns)
            for row in rows_by_kind[number]
            if row["functional_code"] or row["item_name"] == "合计"
        }
    facts["06"] = {
        (row["economic_code"] or row["item_name"]): amount(row["amount"], row["amount_unit"])
        for row in rows_by_kind["06"]
    }
    facts["07"] = {
        row["item_code"]: (
            amount(row["budget_amount"], row["amount_unit"]),
            amount(row["actual_amount"], row["amount_unit"]),
        )
        for row in rows_by_kind["07"]
    }
    for number in ("01", "04"):
        width = 1 if number == "01" else 4
        columns = [
            "expenditure_total",
            "expenditure_general_budget",
            "expenditure_government_fund",
            "expenditure_state_capital",
        ][:width]
        facts[number] = {
            "income": {
                r["income_item"]: amount(r["income_amount"], r["amount_unit"])
                for r in rows_by_kind[number]
                if r["income_item"]
            },
            "expenditure": {
                r["expenditure_item"]: tuple(amount(r[c], r["amount_unit"]) for c in columns)
                for r in rows_by_kind[number]
                if r["expenditure_item"]
            },
        }
    return facts


ALL_NINE = [name for name in sorted(VARIANTS) if len(VARIANTS[name].tables) == 9]  # "university" prints four
CASES = [("liaoning_dandong_hrss_2024", name) for name in ALL_NINE] + [
    ("liaoning_dandong_social_insurance_2023", "shanghai"),
    ("liaoning_dandong_social_insurance_2023", "narrow"),
]


@pytest.mark.parametrize("sample, variant", CASES)
def test_variant_extracts_to_the_rendered_figures(tmp_path, sample, variant):
    data = load(SAMPLE_DATA / f"{sample}.json")
    # the evaluation annex has variant tests of its own (test_evaluations.py)
    pdf = render_report(data, tmp_path / f"{variant}.pdf", replace(VARIANTS[variant], evaluations=False))
    report = extract_pdf(pdf, file_sha256(pdf))
    assert report.warnings == []
    assert sorted(report.rows) == ["01", "02", "03", "04", "05", "06", "07", "08", "09"]
    assert (report.masthead.entity_name, report.masthead.fiscal_year) == (data["entity_name"], data["fiscal_year"])
    assert {row["amount_unit"] for rows in report.rows.values() for row in rows} == {
        VARIANTS[variant].layout.amount_unit
    }
    expected, got = expected_facts(data), extracted_facts(report.rows)
    for number in expected:
        assert got[number] == expected[number], f"table {number} differs in variant {variant}"


def test_page_breaks_really_split_tables(tmp_path):
    data = load(SAMPLE_DATA / "liaoning_dandong_hrss_2024.json")
    pdf = render_report(data, tmp_path / "paged.pdf", replace(VARIANTS["paged"], evaluations=False))
    report = extract_pdf(pdf, file_sha256(pdf))
    assert len(report.table_pages["03"]) >= 3
    assert len(report.table_pages["06"]) >= 2


def test_only_some_tables_in_a_document(tmp_path):
    data = load(SAMPLE_DATA / "liaoning_dandong_hrss_2024.json")
    pdf = render_report(
        data, tmp_path / "some.pdf", replace(RenderOptions(), tables=("03", "07"), narrative=False, evaluations=False)
    )
    report = extract_pdf(pdf, file_sha256(pdf))
    assert sorted(report.rows) == ["03", "07"]
    assert (
        extracted_facts(
            {**{n: [] for n in ("01", "02", "04", "05", "06", "08", "09")}, **report.rows} | {"01": [], "04": []}
        )["03"]
        == expected_facts(data)["03"]
    )


# Tables printed without ruling lines are rebuilt from character positions. What they do not
# yet read is named in the warnings, never filled in wrongly: tables printed with every
# amount blank (no figure to place the columns by), and 07 printed across the columns.
UNRULED_CASES = [
    ("liaoning_dandong_hrss_2024", "liaoning", "none", {"08"}),
    ("liaoning_dandong_hrss_2024", "plain", "rows", {"08"}),
    ("liaoning_dandong_hrss_2024", "shanghai", "none", {"07", "08"}),
    ("liaoning_dandong_social_insurance_2023", "liaoning", "rows", {"08", "09"}),
]


@pytest.mark.parametrize("sample, variant, rules, unread", UNRULED_CASES)
def test_unruled_tables_extract_to_the_rendered_figures(tmp_path, sample, variant, rules, unread):
    data = load(SAMPLE_DATA / f"{sample}.json")
    pdf = render_report(data, tmp_path / "unruled.pdf", replace(VARIANTS[variant], rules=rules, evaluations=False))
    report = extract_pdf(pdf, file_sha256(pdf))
    read = {"01", "02", "03", "04", "05", "06", "07", "08", "09"} - unread
    assert set(report.rows) == read
    not_found = [w for w in report.warnings if w.startswith("tables not found: ")]
    assert not_found == [f"tables not found: {' '.join(sorted(unread))}"]
    assert sorted(w[6:8] for w in report.warnings if w not in not_found) == sorted(unread)
    expected, got = expected_facts(data), extracted_facts({n: report.rows.get(n, []) for n in expected_facts(data)})
    for number in sorted(read):
        assert got[number] == expected[number], f"table {number} differs ({variant}, rules={rules})"


def test_the_university_format_reads_its_three_tables_its_sub_column_and_keeps_its_fourth(tmp_path):
    from fixtures.tables import education_fee

    data = load(SAMPLE_DATA / "liaoning_dandong_hrss_2024.json")
    pdf = render_report(data, tmp_path / "university.pdf", replace(VARIANTS["university"], evaluations=False))
    report = extract_pdf(pdf, file_sha256(pdf))
    assert sorted(report.rows) == ["01", "02", "03"]  # 表1–表3; the others are not printed, and said so
    assert report.warnings == ["tables not found: 04 05 06 07 08 09"]
    expected, got = (
        expected_facts(data),
        extracted_facts({**report.rows, **{n: [] for n in ("04", "05", "06", "07", "08", "09")}}),
    )
    for number in ("02", "03"):
        assert got[number] == expected[number]
    grand = [row["income_amount"] for row in report.rows["01"] if row["income_item"] == "合计"]
    assert grand == ["12,043.25"]  # 合计 printed where others print 总计
    fees = {row["functional_code"] or row["item_name"]: row["amount"] for row in report.sub_column_rows}
    printed = {(code or "合计"): education_fee(values[3]) for code, _, *values in data["tables"]["02"]["rows"]}
    assert fees == {code: fee for code, fee in printed.items() if fee}
    assert {row["sub_column_label"] for row in report.sub_column_rows} == {"事业收入/其中：教育收费"}
    assert {(row["table_kind"], row["table_title"]) for row in report.other_rows} == {
        ("X13", "高等学校财政拨款支出决算表")
    }
