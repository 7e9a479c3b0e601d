"""A corpus at scale: N distinct reports as raw CSVs, for measuring the warehouse build.

    .venv/bin/python scripts/corpus.py OUT_RAW_DIR N [--template-raw RAW_DIR]

Each report is the bundled 2023 unit report (its nine tables and four evaluations, every
identity holding) under an entity of its own: a new report_id, sha256, source file and entity
name, so every one is current and none supersedes another. The template is the samples'
extraction (made on the fly unless --template-raw names one). Raw files are written as the
extractor writes them, one per report per family, with the manifest.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import logging
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.batch import run as extract_batch  # noqa: E402
from extract.writer import prepare_raw_dir  # noqa: E402

TEMPLATE_PDF = ROOT / "samples" / "pdfs" / "liaoning_dandong_social_insurance_2023.pdf"
PLACE = "辽宁省丹东市"


def template_raw(work: Path) -> Path:
    raw = work / "template-raw"
    extract_batch([str(TEMPLATE_PDF)], raw)
    return raw


def _template_files(raw: Path) -> tuple[str, dict[str, str]]:
    """The template's report_id and, per family folder, the text of its file."""
    (report,) = [p for p in (raw / "reports").glob("*.csv") if p.name != "_empty.csv"]
    report_id = report.stem
    files = {}
    for family in sorted(p for p in raw.iterdir() if p.is_dir() and p.name != "manifests"):
        path = family / f"{report_id}.csv"
        if path.exists():
            files[family.name] = path.read_text(encoding="utf-8")
    return report_id, files


def make_corpus(template: Path, out: Path, count: int) -> None:
    template_id, files = _template_files(template)
    template_sha = next(csv.DictReader(open(template / "reports" / f"{template_id}.csv", encoding="utf-8")))["sha256"]
    prepare_raw_dir(out)
    manifest = []
    for n in range(count):
        sha256 = hashlib.sha256(f"corpus report {n}".encode()).hexdigest()
        report_id = sha256[:32]
        source = f"corpus/report_{n:06d}.pdf"
        for family, text in files.items():
            text = text.replace(template_sha, sha256).replace(template_id, report_id)
            text = text.replace(PLACE, f"样本省{n:06d}市")
            text = text.replace("samples/pdfs/liaoning_dandong_social_insurance_2023.pdf", source)
            (out / family / f"{report_id}.csv").write_text(text, encoding="utf-8")
        manifest.append({"source_path": source, "sha256": sha256, "status": "ok", "reason": "", "report_id": report_id,
                         "file_format": "PDF"})  # fmt: skip
    with open(out / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(manifest[0]))
        writer.writeheader()
        writer.writerows(manifest)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--template-raw", type=Path)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    with tempfile.TemporaryDirectory() as work:
        make_corpus(args.template_raw or template_raw(Path(work)), args.out, args.count)
    print(f"{args.count} reports in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
