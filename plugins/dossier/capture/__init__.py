"""Capture formats: raw capture bytes -> a decoded Capture of hinted lines, or a Rejection.

Formats are registered here, in the manner of Pelican's readers: each module declares its
NAME, the SUFFIXES it claims, how to `sniff` it from its first bytes, and how to read decoded
text into lines (`read_lines`). Nothing else in the plugin knows the list of formats.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePath

from ..model import Capture, Rejection
from . import html, text
from .decode import _INVISIBLE, declared_charset, decode, looks_binary, normalise, sha256

# Tried in order: the first whose sniff claims the bytes wins, then the first that claims the suffix.
FORMATS = (html, text)
CAPTURE_SUFFIXES = tuple(s for f in FORMATS for s in f.SUFFIXES)


def format_for(name: str, head: bytes):
    """The format of a file, from its first bytes, then its suffix; None if no format claims it."""
    for fmt in FORMATS:
        if fmt.sniff(head):
            return fmt
    suffix = PurePath(name).suffix.lower()
    return next((fmt for fmt in FORMATS if suffix in fmt.SUFFIXES), None)


def is_capture(name: str) -> bool:
    return PurePath(name).suffix.lower() in CAPTURE_SUFFIXES


def read_capture(name: str, data: bytes, max_bytes: int) -> Capture | Rejection:
    """Decode one capture. Every failure is a Rejection with a reason a person can act on."""
    if len(data) > max_bytes:
        return Rejection(name, f"too large: {len(data)} bytes, over the limit of {max_bytes} (DOSSIER_MAX_BYTES)")
    if not data.strip():
        return Rejection(name, "empty file")
    fmt = format_for(name, data[:4096]) or text
    try:
        raw_text, encoding = decode(data, declared_charset(data) if fmt is html else None)
    except ValueError as err:
        return Rejection(name, str(err))
    if looks_binary(raw_text):
        return Rejection(name, "binary file: too many control characters to be text")
    meta: dict = {"encoding": encoding}
    if fmt is html:
        lines, html_meta, figures = html.read_page(raw_text)
        meta.update(html_meta)
        meta["repaired"] = html_meta.pop("repaired", False)
    else:
        clean_text = normalise(raw_text)
        meta["repaired"] = clean_text != unicodedata.normalize(
            "NFC", raw_text.replace("\r\n", "\n").replace("\r", "\n")
        ).translate(_INVISIBLE)
        lines, _, figures = text.read_lines(clean_text)
    if not lines:
        return Rejection(name, "no text: nothing readable in the file")
    return Capture(name=name, sha256=sha256(data), size=len(data), kind=fmt.NAME, lines=lines, meta=meta, figures=figures)
