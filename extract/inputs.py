"""What a batch reads: the files named, and every report file under the folders named.

Symlinked folders are followed (each real folder once, so a link back up the tree cannot
loop); a folder that cannot be read is a failed input of its own, never silently skipped.
File names that are not UTF-8 (a GBK name as unzip leaves it) are shown with their bytes
escaped, so they can be written to the manifest and the log.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SUPPORTED_SUFFIXES = {".pdf", ".txt"}


@dataclass(frozen=True)
class Input:
    path: Path
    problem: str = ""  # why it cannot be read at all (a missing path, an unreadable folder)

    @property
    def label(self) -> str:
        return display_path(self.path)


def display_path(path: Path | str) -> str:
    """The path as text that can be written anywhere: undecodable bytes as \\xNN."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _walk(folder: Path) -> list[Input]:
    found: list[Input] = []
    seen: set[tuple[int, int]] = set()

    def unreadable(error: OSError) -> None:
        found.append(Input(Path(error.filename), f"unreadable folder: {error.strerror.lower()}"))

    for current, folders, files in os.walk(folder, onerror=unreadable, followlinks=True):
        stat = os.stat(current)
        if (stat.st_dev, stat.st_ino) in seen:  # a link to a folder already read
            folders.clear()
            continue
        seen.add((stat.st_dev, stat.st_ino))
        folders.sort()
        for name in sorted(files):
            path = Path(current) / name
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(Input(path))
    return found


def collect_inputs(arguments: list[str]) -> list[Input]:
    """Files as given, folders searched recursively, in a stable order."""
    found: list[Input] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found += _walk(path)
        elif path.exists() or path.is_symlink():
            found.append(Input(path))
        else:
            found.append(Input(path, "no such file or folder"))
    return found
