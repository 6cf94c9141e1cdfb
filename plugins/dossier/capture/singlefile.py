"""SingleFile pages (the browser extension and single-file-cli): one HTML file with pictures, fonts
and styles inlined as data: URIs, and a comment at the top naming the address and the time it was
saved. Read as HTML; the size limit counts its text and markup, not the inline pictures."""

from __future__ import annotations

import re
from datetime import datetime

from .unwrap import Unwrapped, iso_utc

NAME = "singlefile"
SUFFIXES: tuple[str, ...] = ()  # saved as .html: claimed by its comment, not its name
_COMMENT = re.compile(rb"<!--\s*Page saved with SingleFile\b(?P<body>.*?)-->", re.S)
_FIELD = re.compile(rb"^\s*(url|saved date):\s*(.*?)\s*$", re.M)


def sniff(head: bytes) -> bool:
    return b"Page saved with SingleFile" in head[:4096]


def saved_date(value: str) -> str | None:
    """'Sun Nov 22 2026 06:41:59 GMT+0000 (Coordinated Universal Time)', as JavaScript's Date writes it."""
    try:
        return iso_utc(datetime.strptime(value.split(" (")[0].strip(), "%a %b %d %Y %H:%M:%S GMT%z"))
    except ValueError:
        return None


def unwrap(data: bytes) -> Unwrapped:
    found = _COMMENT.search(data[:16384])
    fields = {k.decode(): v.decode("utf-8", "replace") for k, v in _FIELD.findall(found.group("body"))} if found else {}
    return Unwrapped(data, "html", url=fields.get("url") or None, captured_at=saved_date(fields.get("saved date", "")))
