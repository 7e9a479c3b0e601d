"""Reports rendered in every layout variant extract to the figures they were rendered from."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import duckdb
import pytest
from conftest import SAMPLE_DATA, copy_project, dbt_build, run_extract

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
    ("liaoning_dandong_social_insurance_2023", "names"),
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
    for number in FUNCTIONAL_AMOUNTS:  # nothing read twice: a dict of facts would hide a doubled row
        keys = [row["functional_code"] or row["item_name"] for row in report.rows[number]]
        assert len(keys) == len(set(keys)), f"rows of {number} doubled in variant {variant}"


def test_page_breaks_really_split_tables(tmp_path):
    data = load(SAMPLE_DATA / "liaoning_dandong_hrss_2024.json")
    pdf = render_report(data, tmp_path / "paged.pdf", replace(VARIANTS["paged"], evaluations=False))
    report = extract_pdf(pdf, file_sha256(pdf))
    assert len(report.table_pages["03"]) >= 3
    assert len(report.table_pages["06"]) >= 2


def test_a_word_processors_repeated_header_and_total_are_read_once(tmp_path):
    import pypdfium2

    data = load(SAMPLE_DATA / "liaoning_dandong_hrss_2024.json")
    pdf = render_report(data, tmp_path / "word.pdf", replace(VARIANTS["word"], evaluations=False))
    report = extract_pdf(pdf, file_sha256(pdf))
    pages = report.table_pages["03"]
    assert len(pages) >= 3
    document = pypdfium2.PdfDocument(pdf)
    printed_totals = sum(document[page - 1].get_textpage().get_text_range().count("合计 11,543.25") for page in pages)
    document.close()
    assert printed_totals == len(pages)  # the 合计 row printed on every page of 03
    assert [row["total"] for row in report.rows["03"] if row["item_name"] == "合计"] == ["11,543.25"]
    closing = [row for row in report.rows["01"] if row["income_item"] == "总计"]
    assert [row["page"] for row in closing] == [report.table_pages["01"][-1]] and len(report.table_pages["01"]) >= 3


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


def test_every_variant_builds_green_with_its_rendered_totals(tmp_path):
    """The 2024 sample in every layout, each under an entity of its own, extracted and built
    with every test: the build passes and each report's 收入总计 and 三公 are the rendered ones."""
    data = load(SAMPLE_DATA / "liaoning_dandong_hrss_2024.json")
    entities = {}
    for variant in sorted(VARIANTS):
        entity = f"辽宁省丹东市{variant}局"
        entities[entity] = variant
        copy = {**data, "entity_name": entity, "report_title": f"2024年度{entity}部门决算"}
        render_report(copy, tmp_path / "in" / f"{variant}.pdf", replace(VARIANTS[variant], evaluations=False))
    extracted = run_extract([tmp_path / "in"], tmp_path / "raw", jobs=2)
    assert extracted.returncode == 0, extracted.stderr[-3000:]
    built = dbt_build(copy_project(tmp_path / "project"), tmp_path / "raw", tmp_path / "w.duckdb")
    assert built.returncode == 0, built.stdout[-3000:]
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as connection:
        rows = connection.execute("select entity_name, grand_total, three_public_total from fct_entity_year").fetchall()
        totals = {entity: (grand, three) for entity, grand, three in rows}
        failing = connection.execute("select count(*) from audit_identity_checks where status = 'fail'").fetchone()
    grand_total = next(amount for item, _, amount in data["tables"]["01"]["income"] if item == "总计")
    three_public = next(actual for code, _, _, actual in data["tables"]["07"]["rows"] if code == "total")
    university = "辽宁省丹东市university局"  # its four tables print no 07
    assert failing == (0,) and set(totals) == set(entities)
    expected = (Decimal(grand_total), Decimal(three_public))
    assert {entity: total for entity, total in totals.items() if entity != university} == {
        entity: expected for entity in entities if entity != university
    }
    assert totals[university] == (Decimal(grand_total), None)  # its 合计 stands for 总计; it prints no 三公
