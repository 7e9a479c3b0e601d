"""One file's extraction as a value: the report, or why there is none. It runs in a worker
process (extract/isolation.py) or on a cluster worker (extract/distributed.py), so it never
raises: a defect in one file's reading must not cost the batch."""

from __future__ import annotations

import traceback
from pathlib import Path

from .model import NotAReport, UnreadableInput
from .pdf import extract_pdf
from .textdump import extract_text


def extract_one(path: Path, sha256: str):
    """A .txt file is a text dump of a report; anything else is tried as a PDF (a report
    saved without ".pdf" still reads)."""
    if path.suffix.lower() == ".txt":
        return extract_text(path, sha256)
    return extract_pdf(path, sha256)


def extract_or_reason(path: Path, sha256: str):
    """(report, None) or (None, (reason, details)); runs in a worker process, so nothing is raised.
    The details of a file that is no report are empty: it is skipped, not failed."""
    try:
        return extract_one(path, sha256), None
    except NotAReport as exc:
        return None, (str(exc), None)
    except UnreadableInput as exc:  # expected: the reason is for people, the chain for --verbose
        return None, (str(exc), "".join(traceback.format_exception(exc)))
    except MemoryError:
        return None, ("memory limit exceeded", "")
    except Exception as exc:  # an extractor defect must not cost the other inputs
        return None, (f"internal error: {type(exc).__name__}: {exc}", "".join(traceback.format_exception(exc)))
