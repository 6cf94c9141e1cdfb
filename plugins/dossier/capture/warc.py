"""WARC files (`wget --warc-file`, Heritrix, Browsertrix, ArchiveBox, warcio): every HTML response
record is its own capture, named `<file>#<n>` (n counts every record of the file from 1, as they
stand in it); scripts, pictures, redirects, requests and the like are counted, not read."""

from __future__ import annotations

import io
import zlib

from warcio.archiveiterator import ArchiveIterator

from ..model import CaptureUnit, Container
from .unwrap import Opened, iso_from_text, web_address

NAME = "warc"
SUFFIXES = (".warc", ".warc.gz")
PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf"}
# What the other records are, in the build report's words, by media type prefix.
KINDS = (
    ("image/", "picture"), ("text/css", "stylesheet"), ("text/javascript", "script"),
    ("application/javascript", "script"), ("application/x-javascript", "script"), ("font/", "font"),
    ("application/font", "font"), ("application/json", "data"), ("video/", "video"), ("audio/", "audio"),
)  # fmt: skip


def sniff(head: bytes) -> bool:
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16).startswith(b"WARC/")
        except zlib.error:
            return False
    return False


def _kind(media: str) -> str:
    return next((label for prefix, label in KINDS if media.startswith(prefix)), f"other ({media or 'no type'})")


def read_records(name: str, stream, prefix: str = "", label: str = "WARC") -> Opened:
    """The pages of one WARC stream. `prefix` names the WARC inside a WACZ ("archive/data.warc.gz#")."""
    opened = Opened()
    n = 0
    try:
        for record in ArchiveIterator(stream, no_record_parse=False, check_digests=False):
            n += 1
            kind = record.rec_type
            if kind not in {"response", "resource"}:
                opened.other["revisit" if kind == "revisit" else f"{kind} record"] += 1
                continue
            headers = record.http_headers if kind == "response" else None
            if kind == "response" and headers is None:
                opened.other["other (response without HTTP headers)"] += 1
                continue
            if headers is not None:
                status = headers.get_statuscode() or ""
                if status.startswith("3"):
                    opened.other["redirect"] += 1
                    continue
                if not status.startswith("2"):
                    opened.other[f"error page (HTTP {status or '?'})"] += 1
                    continue
            content_type = (
                headers.get_header("Content-Type") if headers else record.rec_headers.get_header("Content-Type")
            ) or ""
            media, _, params = content_type.partition(";")
            media = media.strip().lower()
            fmt = PAGE_TYPES.get(media)
            if fmt is None:
                opened.other[_kind(media)] += 1
                continue
            charset = next(
                (p.split("=", 1)[1].strip().strip("\"'") for p in params.split(";") if p.strip().lower().startswith("charset=")),
                None,
            )
            payload = record.content_stream().read()
            uri = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{prefix}{n}"
            opened.units.append(
                CaptureUnit(
                    f"{name}#{where}",
                    data=payload,
                    container=Container(name, label.lower(), where, uri),
                    captured_at=iso_from_text(record.rec_headers.get_header("WARC-Date")),
                    url=web_address(uri),
                    format=fmt,
                    charset=charset,
                )
            )
        opened.last_record = n
    except Exception as err:  # warcio, gzip and zlib each have their own errors for a damaged file
        detail = f"{type(err).__name__}: {err}"[:200]
        where = f"after record {n}" if n else "at its start"
        opened.damage = f"damaged {label}: unreadable {where} ({detail})"
    return opened


def truncation(data: bytes) -> str | None:
    """Why the file stops short, or None: warcio reads up to a cut without a word, so the gzip members,
    or the uncompressed records' Content-Length, are checked to the end."""
    view = memoryview(data)
    pos = 0
    if data.startswith(b"\x1f\x8b"):
        while pos < len(data):
            if not data.startswith(b"\x1f\x8b", pos):
                return "data after the last compressed record is not a record" if data[pos:].strip(b"\0\r\n ") else None
            member = zlib.decompressobj(16 + zlib.MAX_WBITS)
            while not member.eof:
                if pos >= len(data):
                    return "the file ends in the middle of a compressed record (truncated)"
                chunk = view[pos : pos + 65536]
                try:
                    member.decompress(chunk)
                except zlib.error as err:
                    return f"a compressed record is damaged ({err})"
                pos += len(chunk) - len(member.unused_data)
        return None
    while pos < len(data):
        end = data.find(b"\r\n\r\n", pos)
        if end < 0:
            return None if not data[pos:].strip() else "the file ends in the middle of a record's headers (truncated)"
        head = bytes(view[pos:end]).lower()
        at = head.find(b"content-length:")
        if at < 0:
            return "a record without Content-Length"
        try:
            length = int(head[at + 15 :].split(b"\r\n", 1)[0])
        except ValueError:
            return "a record with an unreadable Content-Length"
        pos = end + 4 + length + 4
        if pos > len(data) + 2:
            return "the file ends in the middle of a record (truncated)"
        while pos < len(data) and data[pos : pos + 1] in b"\r\n":
            pos += 1
    return None


def open_records(name: str, data: bytes) -> Opened:
    opened = read_records(name, io.BytesIO(data))
    if not opened.damage and (problem := truncation(data)):
        # The last record warcio gave may be the one cut short.
        if opened.units and opened.units[-1].name.endswith(f"#{opened.last_record}"):
            opened.units.pop()
        opened.damage = f"damaged WARC: {problem}; the {len(opened.units)} page(s) before it are read"
    if not opened.units and not opened.other and not opened.damage:
        opened.damage = "damaged WARC: no records in the file"
    return opened
