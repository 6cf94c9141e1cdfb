"""The captures folder -> capture units, before any page is read.

A file is a capture when a format claims it (by its first bytes, then its name). A WARC or WACZ
file is opened here: each HTML page in it becomes its own unit, and its other records are counted.
An ArchiveBox snapshot folder gives the one page it saved; any other folder is reported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..model import CaptureUnit, Rejection
from . import CAPTURE_SUFFIXES, CONTAINERS, archivebox, format_for


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


def inventory(folder: Path) -> Inventory:
    found = Inventory()
    if not folder.is_dir():
        return found
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            add_folder(found, entry, entry.name)
        elif entry.is_file():
            add_file(found, entry, entry.name)
    return found


def add_file(found: Inventory, path: Path, name: str, url: str | None = None, captured_at: str | None = None) -> None:
    with path.open("rb") as f:
        head = f.read(4096)
    fmt = format_for(name, head)
    if fmt is None:
        found.rejected.append(unsupported(name))
    elif fmt in CONTAINERS:
        opened = fmt.open_records(name, path.read_bytes())
        found.units += opened.units
        found.records += opened.other
        if opened.damage:
            found.rejected.append(Rejection(name, opened.damage))
    else:
        found.units.append(CaptureUnit(name, path=path, url=url, captured_at=captured_at))


def add_folder(found: Inventory, folder: Path, name: str) -> None:
    if archivebox.is_snapshot(folder):
        page, url, captured_at = archivebox.snapshot(folder)
        if page is None:
            found.rejected.append(
                Rejection(
                    f"{name}/", "ArchiveBox snapshot without a saved page: no singlefile.html, dom.html, warc/ or output.pdf"
                )
            )
        else:
            add_file(found, page, f"{name}/{page.relative_to(folder).as_posix()}", url, captured_at)
        return
    inner = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if inner and any(archivebox.is_snapshot(p) for p in inner):  # ArchiveBox's archive/ folder, copied whole
        for sub in inner:
            add_folder(found, sub, f"{name}/{sub.name}")
        return
    found.rejected.append(
        Rejection(
            f"{name}/",
            "a folder, not a capture: captures are files in the captures folder itself, "
            "or ArchiveBox snapshot folders (with index.json)",
        )
    )
