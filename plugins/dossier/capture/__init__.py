"""Capture formats: raw capture bytes -> a decoded Capture of hinted lines, or a Rejection.

Formats are registered here, in the manner of Pelican's readers: each module declares its
NAME, the SUFFIXES it claims and how to `sniff` it from its first bytes. Then one of three:
- `read_lines` (text, html): decoded text into lines;
- `unwrap` (MHTML, SingleFile, Wayback, PDF): the file's bytes into the page inside it, read as HTML
  or text, with the address and time the archive recorded;
- `open_records` (WARC, WACZ): a file of many records into capture units, one per HTML page
  (folder.py does this, before any page is read).
Nothing else in the plugin knows the list of formats.
"""

from __future__ import annotations

import unicodedata

from ..model import Capture, CaptureUnit, Container, Rejection
from . import html, mhtml, pdf, singlefile, text, wacz, warc, wayback
from .decode import _INVISIBLE, declared_charset, decode, looks_binary, normalise, sha256
from .unwrap import Damaged, inline_bytes, web_address

# Tried in order: the first whose sniff claims the bytes wins, then the first that claims the name's ending.
FORMATS = (warc, wacz, mhtml, pdf, wayback, singlefile, html, text)
CONTAINERS = tuple(f for f in FORMATS if hasattr(f, "open_records"))
CAPTURE_SUFFIXES = tuple(s for f in FORMATS for s in f.SUFFIXES)
BY_NAME = {f.NAME: f for f in FORMATS}


def format_for(name: str, head: bytes):
    """The format of a file, from its first bytes, then its name's ending; None if no format claims it."""
    for fmt in FORMATS:
        if fmt.sniff(head):
            return fmt
    lower = name.lower()
    return next((fmt for fmt in FORMATS if lower.endswith(fmt.SUFFIXES)), None)


def read_capture(name: str, data: bytes, max_bytes: int, unit: CaptureUnit | None = None) -> Capture | Rejection:
    """Decode one capture. Every failure is a Rejection with a reason a person can act on.
    `unit`: what an archive said about a record taken out of it (format, charset, address, time)."""
    unit = unit or CaptureUnit(name)
    fmt = BY_NAME.get(unit.format or "") or format_for(name, data[:4096]) or text
    if fmt in CONTAINERS:
        return Rejection(name, f"a {fmt.NAME.upper()} file holds records: each page in it is read as its own capture")
    page, kind = data, ("html" if fmt is html else "text")
    charset, url, captured_at, container = unit.charset, unit.url, unit.captured_at, unit.container
    if hasattr(fmt, "unwrap") and data.strip():
        try:
            inner = fmt.unwrap(data)
        except Damaged as err:
            return Rejection(name, str(err))
        page, kind, charset = inner.data, inner.kind, inner.charset or charset
        url, captured_at = url or inner.url, captured_at or inner.captured_at
        container = container or Container(name, fmt.NAME, inner.record, inner.url)
    if len(page) > max_bytes:
        inline = inline_bytes(page) if kind == "html" else 0
        if len(page) - inline > max_bytes:
            size = (
                f"{len(page) - inline} bytes of text and markup (not counting {inline} of inline pictures)"
                if inline
                else f"{len(page)} bytes"
            )
            return Rejection(name, f"too large: {size}, over the limit of {max_bytes} (DOSSIER_MAX_BYTES)")
    if not page.strip():
        return Rejection(name, "empty file" if page is data else f"no text: the {fmt.NAME.upper()} file holds no page text")
    try:
        raw_text, encoding = decode(page, (declared_charset(page) or charset) if kind == "html" else charset)
    except ValueError as err:
        return Rejection(name, str(err))
    if looks_binary(raw_text):
        return Rejection(name, "binary file: too many control characters to be text")
    meta: dict = {"encoding": encoding}
    if kind == "html":
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
    if not meta.get("url") and web_address(url):
        meta["url"] = web_address(url)  # the page's own canonical address, when it gives one, comes first
    return Capture(
        name=name, sha256=sha256(data), size=len(data), kind=kind, lines=lines, meta=meta, figures=figures,
        captured_at=captured_at, container=container,
    )  # fmt: skip
