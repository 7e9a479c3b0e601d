"""The batch engine: every input of a run decided (failed, duplicate, unchanged, not a report,
or to extract), the extractions run in isolated processes or on a Dask cluster, each report
written as it finishes, then the run's manifest and the cumulative one.

Incremental: a file whose content (sha256) was already extracted by this extractor version
is skipped, so reruns leave the raw CSVs byte for byte as they were. One bad file never
stops the batch. One run at a time per raw folder (a lock); a second run waits, and says so.
"""

from __future__ import annotations

import fcntl
import logging
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

from . import EXTRACTOR_VERSION
from .distributed import run_on_cluster
from .inputs import Input, collect_inputs, not_a_report_reason
from .isolation import Limits, run_isolated
from .model import file_sha256, report_id_for
from .outcome import extract_or_reason
from .writer import (
    QUARANTINE_DIR,
    extracted_reports,
    prepare_raw_dir,
    retire_report,
    write_manifests,
    write_report,
)

log = logging.getLogger("extract")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


@dataclass
class BatchSummary:
    """What a run did with each input, for the exit status and the run log."""

    extracted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    not_reports: dict[str, str] = field(default_factory=dict)  # skipped with a note, not failed
    quarantined: dict[str, str] = field(default_factory=dict)  # read, but whose report it is is unknown
    ignored: list[str] = field(default_factory=list)  # taken out of the run by a .fiscalignore
    manifest_written: bool = True

    @property
    def exit_code(self) -> int:
        if not self.manifest_written:
            return 2
        return 1 if self.failed or self.quarantined else 0


@dataclass
class _Task:
    source: Input
    sha256: str
    entry: dict
    replaces: str = ""  # a report_id the same content had under an older extractor version


def unreadable_identity(entity_name: str | None, fiscal_year) -> str:
    """Why a report read cannot be published: the warehouse keys every fact by entity and year."""
    missing = [what for what, value in (("entity's name", entity_name), ("fiscal year", fiscal_year)) if not value]
    return f"its {' and '.join(missing)} could not be read" if missing else ""


def clean_reason(text: str) -> str:
    """A reason fit for a CSV cell and a log line: no control bytes, one line."""
    return " ".join(_CONTROL.sub(" ", text).split())


@contextmanager
def raw_dir_lock(raw_dir: Path) -> Iterator[None]:
    """One run at a time per raw folder: a second run waits, and says so."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    with open(raw_dir / ".lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("%s is in use by another run; waiting for it to finish", raw_dir)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


class _Batch:
    """The inputs of one run, decided one by one: failed, duplicate, unchanged or to extract."""

    def __init__(self, raw_dir: Path):
        self.raw_dir = raw_dir
        self.summary = BatchSummary()
        self.entries: list[dict] = []
        self.tasks: list[_Task] = []
        self.known = extracted_reports(raw_dir)  # by sha256
        self.claimed = {row["report_id"]: sha for sha, row in self.known.items()}
        self.seen: dict[str, str] = {}

    def fail(self, entry: dict, reason: str) -> None:
        entry.update(status="failed", reason=clean_reason(reason))
        self.summary.failed[entry["source_path"]] = entry["reason"]
        log.error("%s: failed: %s", entry["source_path"], entry["reason"])

    def skip_not_report(self, entry: dict, reason: str) -> None:
        entry.update(status="not_a_report", reason=clean_reason(reason))
        self.summary.not_reports[entry["source_path"]] = entry["reason"]
        log.warning("%s: skipped: %s", entry["source_path"], entry["reason"])

    def _hash(self, source: Input, entry: dict) -> str | None:
        try:
            if source.path.stat().st_size == 0:
                self.fail(entry, "empty file")
                return None
            return file_sha256(source.path)
        except OSError as exc:
            self.fail(entry, f"unreadable: {(exc.strerror or str(exc)).lower()}")
            return None

    def add(self, source: Input) -> None:
        entry = {"source_path": source.label, "sha256": "", "status": "failed", "reason": "", "report_id": "",
                 "file_format": source.file_format}  # fmt: skip
        self.entries.append(entry)
        if source.problem or not source.path.is_file():
            entry["file_format"] = ""
            self.fail(entry, source.problem or "not a file")
            return
        if not source.is_report_file:
            self.skip_not_report(entry, not_a_report_reason(source))
            return
        sha256 = self._hash(source, entry)
        if sha256 is None:
            return
        entry["sha256"] = sha256
        if sha256 in self.seen:
            entry.update(status="duplicate", reason=f"same content as {self.seen[sha256]}")
            self.summary.duplicate.append(source.label)
            log.info("%s: duplicate of %s", source.label, self.seen[sha256])
            return
        self.seen[sha256] = source.label
        self._decide(source, entry, sha256)

    def _decide(self, source: Input, entry: dict, sha256: str) -> None:
        previous = self.known.get(sha256)
        if previous and previous.get("extractor_version") == EXTRACTOR_VERSION:
            self._unchanged(source, entry, previous)
            return
        report_id = report_id_for(sha256)
        holder = self.claimed.get(report_id)
        if holder is not None and holder != sha256:
            self.fail(entry, f"report_id collision: {report_id} already names a report of different content")
            return
        self.claimed[report_id] = sha256
        replaces = previous["report_id"] if previous and previous["report_id"] != report_id else ""
        self.tasks.append(_Task(source, sha256, entry, replaces))

    def _unchanged(self, source: Input, entry: dict, previous: dict) -> None:
        entry.update(status="ok", report_id=previous["report_id"], reason=previous["warnings"])
        held_out = unreadable_identity(previous["entity_name"], previous["fiscal_year"])
        if held_out:
            self.quarantine(entry, held_out)
            return
        self.summary.skipped.append(source.label)
        log.info("%s: unchanged, already extracted as %s", source.label, previous["report_id"])

    def quarantine(self, entry: dict, reason: str) -> None:
        entry.update(status="quarantined", reason=reason)
        self.summary.quarantined[entry["source_path"]] = reason
        log.error("%s: quarantined: %s (raw files under %s/)", entry["source_path"], reason, QUARANTINE_DIR)

    def record(self, task: _Task, report) -> None:
        """Write one finished report; a failed write fails that input and leaves no part of it.
        A report whose entity or year cannot be read is written to the quarantine folder."""
        held_out = unreadable_identity(report.masthead.entity_name, report.masthead.fiscal_year)
        try:
            write_report(self.raw_dir, report, task.source.label, quarantined=bool(held_out))
        except OSError as exc:
            retire_report(self.raw_dir, report.report_id)
            self.fail(task.entry, f"its raw files could not be written: {exc.strerror or exc}")
            return
        if task.replaces:
            retire_report(self.raw_dir, task.replaces)
        warnings = clean_reason("; ".join(report.warnings))
        task.entry.update(status="ok", report_id=report.report_id, reason=warnings)
        if held_out:
            self.quarantine(task.entry, held_out)
            return
        self.summary.extracted.append(task.source.label)
        log.info(
            "%s: ok, tables %s%s",
            task.source.label,
            " ".join(sorted(report.rows)),
            f" ({warnings})" if warnings else "",
        )


class _Progress:
    """On a terminal, a bar of files done with pages read per second under the log lines;
    elsewhere (cron, a pipe) only the lines, one per file as it finishes."""

    def __init__(self, total: int):
        self.bar = tqdm(total=total, unit="file", disable=not sys.stderr.isatty(), dynamic_ncols=True, leave=False)
        self.pages = 0
        self.started = time.monotonic()

    def advance(self, pages: int) -> None:
        self.pages += pages
        rate = self.pages / max(time.monotonic() - self.started, 1e-6)
        self.bar.set_postfix_str(f"{self.pages} pages, {rate:.1f} pages/s", refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


def _outcomes(tasks: list[tuple[Path, str]], jobs: int, limits: Limits, executor: str | None):
    """Each task's outcome as it ends: on this machine in `jobs` processes, or on the Dask
    cluster whose scheduler address `executor` names."""
    if executor:
        return run_on_cluster(executor, tasks, limits)
    return run_isolated(extract_or_reason, tasks, jobs, limits)


def _extract_batch(batch: _Batch, verbose: bool, jobs: int, limits: Limits, executor: str | None = None) -> None:
    tasks = [(task.source.path, task.sha256) for task in batch.tasks]
    progress = _Progress(len(tasks))
    with logging_redirect_tqdm():  # log lines print above the bar, not through it
        for index, kind, value in _outcomes(tasks, jobs, limits, executor):
            task = batch.tasks[index]
            report, failure = value if kind == "result" else (None, (value, ""))
            if report is not None:
                batch.record(task, report)
            elif failure[1] is None:
                batch.skip_not_report(task.entry, failure[0])
            else:
                batch.fail(task.entry, failure[0])
                if verbose and failure[1]:
                    log.debug(failure[1])
            progress.advance(report.page_count if report is not None else 0)
    progress.close()


def run(
    inputs: list[str],
    raw_dir: Path,
    verbose: bool = False,
    jobs: int = 1,
    limits: Limits | None = None,
    executor: str | None = None,
) -> BatchSummary:
    """Extract every input into raw_dir, each in a process of its own under the limits (here,
    or on the Dask cluster at `executor`), writing each report as it finishes; then the run's
    manifest and the cumulative one."""
    limits = limits or Limits()
    started = datetime.now(timezone.utc)
    with raw_dir_lock(raw_dir):
        prepare_raw_dir(raw_dir)
        batch = _Batch(raw_dir)
        found = collect_inputs(inputs, exclude=(raw_dir,))
        batch.summary.ignored = found.ignored
        if not found.inputs:
            log.warning("no files to read in %s", ", ".join(inputs))
        for source in found.inputs:
            batch.add(source)
        _extract_batch(batch, verbose, jobs, limits, executor)
        try:
            write_manifests(raw_dir, batch.entries, started)
        except OSError as exc:
            batch.summary.manifest_written = False
            log.error("%s: the manifest could not be written: %s", raw_dir, exc.strerror or exc)
    summary = batch.summary
    log.info(
        "%d inputs: %d extracted, %d unchanged, %d duplicate, %d not reports, %d quarantined, %d failed; %d ignored",
        len(batch.entries),
        len(summary.extracted),
        len(summary.skipped),
        len(summary.duplicate),
        len(summary.not_reports),
        len(summary.quarantined),
        len(summary.failed),
        len(summary.ignored),
    )
    return summary
