"""The captures folder -> capture units, before any page is read.

A file is a capture when a format claims it (by its first bytes, then its name). A WARC or WACZ
file is opened here: each HTML page in it becomes its own unit, and its other records are counted.
An ArchiveBox snapshot folder gives the one page it saved; any other folder is reported, and so is
a hidden file (a name starting with a dot), except the few that version control and file managers
leave (HOUSEKEEPING). A file name that is not UTF-8 is read, under a name with the odd bytes escaped.
Every capture has a name of its own: the inventory never holds two units, or rejections, of one name.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..model import CaptureUnit, Rejection
from . import CAPTURE_SUFFIXES, CONTAINERS, archivebox, format_for

# Hidden files that are no one's capture: left out without a word.
HOUSEKEEPING = frozenset({".gitkeep", ".gitignore", ".gitattributes", ".keep", ".DS_Store"})


@dataclass
class Inventory:
    units: list[CaptureUnit] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)  # files and folders that hold no capture
    records: Counter[str] = field(default_factory=Counter)  # records in archive files that are not pages


def unsupported(name: str) -> Rejection:
    suffix = Path(name).suffix
    return Rejection(
        name,
        f"unsupported file type {suffix or '(none)'}: captures are {', '.join(CAPTURE_SUFFIXES)}, "
        "or an HTML page whatever its name",
    )


def capture_name(path: str) -> str:
    """A capture's name from its path in the captures folder: the path itself when it is UTF-8 (as it
    almost always is), else the path with each byte that is not UTF-8 written as \\xNN ("caf\\xe9.txt" for
    "café.txt" named in Latin-1), so that every name can be shown, linked and exported."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def inventory(folder: Path) -> Inventory:
    found = Inventory()
    if not folder.is_dir():
        return found
    add_entries(found, folder, "", follow_folder_links=True)
    return distinct(found)


def add_entries(found: Inventory, folder: Path, prefix: str, follow_folder_links: bool) -> None:
    """Each entry of a folder, named `prefix` + its name: a capture, a folder of captures, or a rejection.
    Only a link to a subfolder is not followed (it could lead back here); one in the captures folder itself is."""
    for entry in sorted(folder.iterdir()):
        name = prefix + capture_name(entry.name)
        if entry.name.startswith("."):
            if entry.name not in HOUSEKEEPING:
                found.rejected.append(hidden(name + ("/" if entry.is_dir() else "")))
        elif entry.is_dir() and entry.is_symlink() and not follow_folder_links:
            found.rejected.append(Rejection(name + "/", "a link to a folder: not followed (it could lead back here)"))
        elif entry.is_dir():
            add_folder(found, entry, name)
        elif entry.is_file():
            add_file(found, entry, name)
        else:
            found.rejected.append(Rejection(name, "not a file or a folder (a broken link, a device or a pipe)"))


def hidden(name: str) -> Rejection:
    return Rejection(name, "hidden (its name starts with a dot), so not read: rename it to publish it")


def distinct(found: Inventory) -> Inventory:
    """No two units or rejections share a name. Names can meet only in odd cases (a file named like a
    record of a WARC beside it, "crawl.warc.gz#3"; a name that escaping made equal to another's); the
    later one is then rejected under its name and a number, and says why."""
    seen: set[str] = set()
    units = []
    rejected = []
    for unit in found.units:
        if unit.name in seen:
            rejected.append(Rejection(_numbered(unit.name, seen), f"a second capture named {unit.name}: rename the file"))
            continue
        seen.add(unit.name)
        units.append(unit)
    for r in found.rejected:
        if r.capture in seen:
            r = Rejection(_numbered(r.capture, seen), f"{r.reason} (a second entry named {r.capture}: rename it)")
        seen.add(r.capture)
        rejected.append(r)
    found.units, found.rejected = units, rejected
    return found


def _numbered(name: str, seen: set[str]) -> str:
    n = 2
    while f"{name} ({n})" in seen:
        n += 1
    seen.add(f"{name} ({n})")
    return f"{name} ({n})"


def add_file(found: Inventory, path: Path, name: str, url: str | None = None, captured_at: str | None = None) -> None:
    try:
        with path.open("rb") as f:
            fmt = format_for(name, f.read(4096))
        data = path.read_bytes() if fmt in CONTAINERS else b""
    except OSError as err:
        found.rejected.append(Rejection(name, f"could not be read: {err.strerror or err}"))
        return
    if fmt is None:
        found.rejected.append(unsupported(name))
    elif fmt in CONTAINERS:
        opened = fmt.open_records(name, data)
        found.units += opened.units
        found.records += opened.other
        if opened.damage:
            found.rejected.append(Rejection(name, opened.damage))
    else:
        found.units.append(CaptureUnit(name, path=path, url=url, captured_at=captured_at))


def add_folder(found: Inventory, folder: Path, name: str) -> None:
    """The captures in a folder; a folder that holds none (empty, or only housekeeping files) is reported, so
    that every entry of the captures folder is accounted for."""
    before = (len(found.units), len(found.rejected), sum(found.records.values()))
    _add_folder(found, folder, name)
    if (len(found.units), len(found.rejected), sum(found.records.values())) == before:
        found.rejected.append(Rejection(f"{name}/", "a folder with no capture in it"))


def _add_folder(found: Inventory, folder: Path, name: str) -> None:
    if archivebox.is_snapshot(folder):
        page, url, captured_at = archivebox.snapshot(folder)
        if page is None:
            found.rejected.append(
                Rejection(
                    f"{name}/", "ArchiveBox snapshot without a saved page: no singlefile.html, dom.html, warc/ or output.pdf"
                )
            )
        else:
            add_file(found, page, f"{name}/{capture_name(page.relative_to(folder).as_posix())}", url, captured_at)
        return
    try:
        inner = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError as err:
        found.rejected.append(Rejection(f"{name}/", f"could not be read: {err.strerror or err}"))
        return
    if inner and any(archivebox.is_snapshot(p) for p in inner):  # ArchiveBox's archive/ folder, copied whole
        for sub in inner:
            add_folder(found, sub, f"{name}/{capture_name(sub.name)}")
        return
    # Any other folder: its files are captures too, named by their path ("2024-03/dw.txt").
    add_entries(found, folder, f"{name}/", follow_folder_links=False)
