"""What a batch reads: the files named, and every file under the folders named.

Every file found is accounted for: a PDF or a text dump is read; any other file (a Word or
Excel copy, an OFD, an archive, a scan) is listed as not a report with its format, never
dropped without a word. A `.fiscalignore` file in a folder (gitignore patterns, relative to
that folder) takes known non-reports out of the run, counted as ignored; hidden files
(.DS_Store, editors' lock files) are not inputs.

Symlinked folders are followed (each real folder once, so a link back up the tree cannot
loop); a folder that cannot be read is a failed input of its own, never silently skipped.
File names that are not UTF-8 (a GBK name as unzip leaves it) are shown with their bytes
escaped, so they can be written to the manifest and the log.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pathspec import GitIgnoreSpec

IGNORE_FILE = ".fiscalignore"
REPORT_FORMATS = {".pdf": "PDF", ".txt": "text"}
# What people put beside their reports, by how they name it.
OTHER_FORMATS = {
    "Word": (".doc", ".docx", ".wps", ".rtf", ".odt"),
    "Excel": (".xls", ".xlsx", ".xlsm", ".et", ".ods"),
    "CSV": (".csv",),
    "OFD": (".ofd",),
    "archive": (".zip", ".rar", ".7z", ".tar", ".gz", ".bz2", ".xz"),
    "image": (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".webp"),
    "web page": (".html", ".htm", ".mht", ".mhtml"),
}
FORMAT_BY_SUFFIX = REPORT_FORMATS | {suffix: name for name, suffixes in OTHER_FORMATS.items() for suffix in suffixes}
_MAGIC = ((b"%PDF-", "PDF"), (b"\xd0\xcf\x11\xe0", "Office document"), (b"PK\x03\x04", "archive"))


@dataclass(frozen=True)
class Input:
    path: Path
    problem: str = ""  # why it cannot be read at all (a missing path, an unreadable folder)
    file_format: str = "PDF"  # PDF, text, or the format of a file that is no report

    @property
    def label(self) -> str:
        return display_path(self.path)

    @property
    def is_report_file(self) -> bool:
        return self.file_format in REPORT_FORMATS.values()


@dataclass
class Found:
    inputs: list[Input] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # taken out by a .fiscalignore


def display_path(path: Path | str) -> str:
    """The path as text that can be written anywhere: undecodable bytes as \\xNN."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def file_format(path: Path) -> str:
    """A file's format by its name, else by its first bytes (a report saved without ".pdf")."""
    by_name = FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if by_name:
        return by_name
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError:
        return "PDF"  # read as a PDF, so the reason it cannot be read is reported
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return f"other ({path.suffix.lower()})" if path.suffix else "other (no extension)"


_ADVICE = {"archive": "unpack it to read what it holds", "Office document": "save it as PDF to read it"}


def not_a_report_reason(source: Input) -> str:
    advice = _ADVICE.get(source.file_format, "save it as PDF to read it")
    return f"{source.file_format} file, not a PDF or a text dump: {advice}"


class _Ignores:
    """The .fiscalignore files of the folders above a path, each matching paths below its folder."""

    def __init__(self) -> None:
        self.specs: list[tuple[Path, GitIgnoreSpec]] = []

    def read(self, folder: Path) -> None:
        ignore_file = folder / IGNORE_FILE
        if ignore_file.is_file():
            lines = ignore_file.read_text(encoding="utf-8", errors="replace").splitlines()
            self.specs.append((folder, GitIgnoreSpec.from_lines(lines)))

    def match(self, path: Path, is_folder: bool = False) -> bool:
        for folder, spec in self.specs:
            if folder in path.parents:
                relative = path.relative_to(folder).as_posix() + ("/" if is_folder else "")
                if spec.match_file(relative):
                    return True
        return False


def _walk(folder: Path, found: Found, exclude: set[tuple[int, int]]) -> None:
    seen = set(exclude)  # the run's own output folder, when it lies inside an input folder
    ignores = _Ignores()

    def unreadable(error: OSError) -> None:
        found.inputs.append(Input(Path(error.filename), f"unreadable folder: {error.strerror.lower()}"))

    for current, folders, files in os.walk(folder, onerror=unreadable, followlinks=True):
        stat = os.stat(current)
        if (stat.st_dev, stat.st_ino) in seen:  # a link to a folder already read
            folders.clear()
            continue
        seen.add((stat.st_dev, stat.st_ino))
        here = Path(current)
        ignores.read(here)
        kept = sorted(name for name in folders if not name.startswith("."))
        found.ignored += [display_path(here / name) + "/" for name in kept if ignores.match(here / name, True)]
        folders[:] = [name for name in kept if not ignores.match(here / name, True)]
        for name in sorted(files):
            path = here / name
            if name.startswith("."):
                continue
            if ignores.match(path):
                found.ignored.append(display_path(path))
                continue
            found.inputs.append(Input(path, file_format=file_format(path)))


def collect_inputs(arguments: list[str], exclude: tuple[Path, ...] = ()) -> Found:
    """Files as given, folders searched recursively (but not the folders excluded), in a stable order."""
    found = Found()
    excluded = {(stat.st_dev, stat.st_ino) for stat in (os.stat(path) for path in exclude if path.is_dir())}
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            _walk(path, found, excluded)
        elif path.exists() or path.is_symlink():
            named = FORMAT_BY_SUFFIX.get(path.suffix.lower(), "PDF")  # a file named is tried as a report
            found.inputs.append(Input(path, file_format=named))
        else:
            found.inputs.append(Input(path, "no such file or folder"))
    return found
