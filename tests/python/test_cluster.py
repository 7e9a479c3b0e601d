"""A batch extracted on a Dask distributed cluster writes the raw files a local run writes."""

from __future__ import annotations

import filecmp
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLE_PDFS, run_extract

distributed = pytest.importorskip("distributed", reason="the cluster extra is not installed (pip install '.[cluster]')")


def _differences(left, right) -> list[str]:
    """Files that differ or exist on one side only, manifests (which carry the run's time) aside."""
    found: list[str] = []
    compared = filecmp.dircmp(left, right, ignore=["manifests", "manifest.csv", ".lock"])
    stack = [compared]
    while stack:
        current = stack.pop()
        found += current.left_only + current.right_only + current.diff_files
        stack += current.subdirs.values()
    return found


def test_a_batch_on_a_local_cluster_writes_what_a_local_run_writes(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    unit = SAMPLE_PDFS / "liaoning_dandong_social_insurance_2023.pdf"
    (inputs / unit.name).write_bytes(unit.read_bytes())
    (inputs / "broken.pdf").write_bytes(b"%PDF-1.7\nnot a pdf")  # fails on the cluster as it fails here
    local = run_extract([inputs], tmp_path / "local")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None) as cluster:
        remote = subprocess.run(
            [sys.executable, "-m", "extract", str(inputs), "--out", str(tmp_path / "cluster"),
             "--executor", cluster.scheduler_address],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
    assert local.returncode == remote.returncode == 1, remote.stderr[-3000:]
    assert "broken.pdf: failed" in remote.stderr and "1 extracted" in remote.stderr
    assert _differences(tmp_path / "local", tmp_path / "cluster") == []
