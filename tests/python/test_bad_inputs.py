"""One batch with a good report and every kind of bad input: the good one is extracted,
each bad one is named with its reason, the batch exits 1, and the build is still green."""

from __future__ import annotations

import csv
import os
import shutil
from dataclasses import replace

import duckdb
import pytest
from conftest import SAMPLE_DATA, SAMPLE_PDFS, copy_project, dbt_build, run_extract
from reportlab.pdfgen import canvas

from extract.model import UnreadableInput, file_sha256
from extract.pdf import extract_pdf
from fixtures.render import FONT, RenderOptions, load, render_report
from fixtures.textdump import render_dump

GOOD = SAMPLE_PDFS / "liaoning_dandong_hrss_2024.pdf"


def image_only_pdf(path):
    from PIL import Image

    image = path.with_suffix(".png")
    Image.new("RGB", (200, 280), "white").save(image)
    page = canvas.Canvas(str(path))
    page.drawImage(str(image), 50, 300, 200, 280)
    page.save()


def text_pdf(path, text):
    page = canvas.Canvas(str(path))
    page.setFont(FONT, 12)
    page.drawString(72, 720, text)
    page.save()


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    inputs = folder / "inputs"
    inputs.mkdir()
    shutil.copy(GOOD, inputs / "a_good.pdf")
    shutil.copy(GOOD, inputs / "b_same_bytes.pdf")
    (inputs / "c_empty.pdf").write_bytes(b"")
    (inputs / "d_random.pdf").write_bytes(os.urandom(4096))
    good_bytes = GOOD.read_bytes()
    (inputs / "e_truncated.pdf").write_bytes(good_bytes[: len(good_bytes) // 3])
    render_report(
        load(SAMPLE_DATA / "liaoning_dandong_hrss_2024.json"),
        inputs / "f_encrypted.pdf",
        replace(RenderOptions(), encrypt_password="secret", tables=("03",), evaluations=False),
    )
    image_only_pdf(inputs / "g_scanned.pdf")
    text_pdf(inputs / "h_not_a_report.pdf", "会议通知：请各单位按时参加。")
    (inputs / "i_dump_in_utf16.txt").write_bytes(
        "收入决算表\n部门：某某局 2024 年度\n合计 1.00 1.00\n".encode("utf-16")
    )
    (inputs / "j_readme.txt").write_text("Reports downloaded from the finance bureau's site.\n", encoding="utf-8")
    (inputs / "k_report.docx").write_bytes(b"PK\x03\x04" + os.urandom(64))  # the same report as Word …
    (inputs / "l_report.xls").write_bytes(b"\xd0\xcf\x11\xe0" + os.urandom(64))  # … and as Excel
    (inputs / "m_report.ofd").write_bytes(b"PK\x03\x04" + os.urandom(64))
    (inputs / "n_no_extension").write_bytes(b"PK\x03\x04" + os.urandom(64))
    (inputs / ".DS_Store").write_bytes(os.urandom(64))  # hidden: no input
    (inputs / "templates").mkdir()
    text_pdf(inputs / "templates" / "blank.pdf", "部门决算 模板")  # a known non-report …
    text_pdf(inputs / "o_template_blank.pdf", "部门决算 模板")
    (inputs / ".fiscalignore").write_text("# known non-reports\ntemplates/\n*_blank.pdf\n", encoding="utf-8")
    raw = folder / "raw"
    result = run_extract([inputs], raw)
    manifest = {
        row["source_path"].rsplit("/", 1)[-1]: row
        for row in csv.DictReader(open(raw / "manifest.csv", encoding="utf-8"))
    }
    return folder, raw, result, manifest


def test_batch_exits_1_and_names_every_bad_file(batch):
    _, _, result, manifest = batch
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert manifest["a_good.pdf"]["status"] == "ok"
    assert manifest["b_same_bytes.pdf"]["status"] == "duplicate"
    assert "a_good.pdf" in manifest["b_same_bytes.pdf"]["reason"]
    expected = {
        "c_empty.pdf": "empty file",
        "d_random.pdf": "not a readable PDF",
        "e_truncated.pdf": "not a readable PDF",
        "f_encrypted.pdf": "encrypted: needs a password",
        "g_scanned.pdf": "no text layer: scanned pages need OCR",
        "h_not_a_report.pdf": "no 决算 table found",
        "i_dump_in_utf16.txt": "text encoding not recognised",
    }
    for name, reason in expected.items():
        assert manifest[name]["status"] == "failed", name
        assert manifest[name]["reason"].startswith(reason), (name, manifest[name]["reason"])
        assert name in result.stderr
    # a stray file beside the reports is skipped with a note, not failed every night
    assert manifest["j_readme.txt"]["status"] == "not_a_report"
    assert "j_readme.txt: skipped: not a report" in result.stderr


def test_every_file_is_accounted_for_with_its_format_and_ignored_ones_counted(batch):
    _, _, result, manifest = batch
    formats = {name: (row["status"], row["file_format"]) for name, row in manifest.items() if row["status"] != "ok"}
    assert formats["k_report.docx"] == ("not_a_report", "Word")
    assert formats["l_report.xls"] == ("not_a_report", "Excel")
    assert formats["m_report.ofd"] == ("not_a_report", "OFD")
    assert formats["n_no_extension"] == ("not_a_report", "archive")  # told by its first bytes
    assert formats["g_scanned.png"] == ("not_a_report", "image")  # the picture the scanned PDF was made of
    assert manifest["k_report.docx"]["reason"] == "Word file, not a PDF or a text dump: save it as PDF to read it"
    assert manifest["a_good.pdf"]["file_format"] == "PDF" and manifest["j_readme.txt"]["file_format"] == "text"
    assert not {".DS_Store", ".fiscalignore", "blank.pdf", "o_template_blank.pdf"} & set(manifest)
    assert "15 inputs:" in result.stderr and "; 2 ignored" in result.stderr  # templates/ and the one blank


def test_bad_files_write_no_rows_and_the_good_one_builds(batch):
    folder, raw, _, manifest = batch
    report_files = {p.name for p in (raw / "reports").glob("*.csv")}
    assert report_files == {"_empty.csv", f"{manifest['a_good.pdf']['report_id']}.csv"}
    built = dbt_build(copy_project(folder / "project"), raw, folder / "w.duckdb")
    assert built.returncode == 0, built.stdout[-3000:]
    with duckdb.connect(str(folder / "w.duckdb"), read_only=True) as connection:
        assert connection.execute("select count(*) from dim_report").fetchone()[0] == 1
        statuses = dict(
            connection.execute("select status, count(*) from staging.stg_extraction_manifest group by all").fetchall()
        )
        assert statuses == {"ok": 1, "duplicate": 1, "failed": 7, "not_a_report": 6}


def test_a_missing_input_is_reported_not_raised(tmp_path):
    good = tmp_path / "good.txt"  # a text dump: quick to read, and as good an input as a PDF here
    good.write_text(render_dump(load(SAMPLE_DATA / "liaoning_dandong_social_insurance_2023.json")), encoding="utf-8")
    result = run_extract([tmp_path / "nowhere.pdf", good], tmp_path / "raw")
    assert result.returncode == 1
    assert "nowhere.pdf: failed: no such file" in result.stderr
    assert "good.txt: ok" in result.stderr


def _blanked(value):
    """Every amount of the sample data blanked, as a template prints its tables."""
    if isinstance(value, dict):
        return {key: _blanked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_blanked(item) for item in value]
    return "" if isinstance(value, str) and value.replace(".", "").replace(",", "").isdigit() else value


def test_a_blank_template_is_named_not_loaded(tmp_path):
    data = load(SAMPLE_DATA / "liaoning_dandong_hrss_2024.json")
    template = {
        **data,
        "tables": _blanked(data["tables"]),
        "entity_name": "辽宁省XX局",
        "report_title": "2024年度辽宁省XX局部门决算",
    }
    pdf = render_report(template, tmp_path / "template.pdf", RenderOptions(evaluations=False))
    with pytest.raises(UnreadableInput, match="a blank template, not a published report"):
        extract_pdf(pdf, file_sha256(pdf))
