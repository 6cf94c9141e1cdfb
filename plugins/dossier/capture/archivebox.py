"""ArchiveBox snapshot folders (archive/<timestamp>/ with index.json): one snapshot is one page,
saved several ways; the first of these that is there is read, with the snapshot's address and time."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from .unwrap import iso_utc, web_address

# The snapshot's outputs, best first: SingleFile's page, Chrome's DOM, the WARC, wget's page, the PDF.
OUTPUTS = ("singlefile.html", "dom.html", "warc/*.warc.gz", "warc/*.warc", "*/**/*.html", "output.pdf")


def is_snapshot(folder: Path) -> bool:
    return (folder / "index.json").is_file()


def snapshot(folder: Path) -> tuple[Path | None, str | None, str | None]:
    """(the output to read or None, the snapshot's address, its time) of one snapshot folder."""
    try:
        index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        index = {}
    index = index if isinstance(index, dict) else {}
    url = web_address(str(index.get("url") or ""))
    captured_at = None
    try:
        captured_at = iso_utc(datetime.fromtimestamp(float(index.get("timestamp") or folder.name), tz=UTC))
    except (TypeError, ValueError, OverflowError, OSError):
        captured_at = None
    for pattern in OUTPUTS:
        found = sorted(p for p in folder.glob(pattern) if p.is_file() and p.stat().st_size and not _archivebox_own(p, folder))
        if found:
            return found[0], url, captured_at
    return None, url, captured_at


def _archivebox_own(path: Path, folder: Path) -> bool:
    """ArchiveBox's own pages in the snapshot (its index, extractor outputs that are not the page)."""
    top = path.relative_to(folder).parts[0]
    return top in {"index.html", "readability", "mercury", "htmltotext.txt", "media", "git", "archive.org.txt"}
