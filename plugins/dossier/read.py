"""Read: raw capture bytes -> a decoded Capture of lines, or a Rejection.

Decoding repairs only encoding and whitespace (BOMs, UTF-16, cp1252, mojibake,
line endings, zero-width and control characters); it never changes words.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from pathlib import PurePath

import ftfy

from .html_capture import read_html
from .model import Capture, Line, Rejection

HTML_SUFFIXES = (".html", ".htm")
CAPTURE_SUFFIXES = (".txt", *HTML_SUFFIXES)
# Invisible characters that only ever get in the way of matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise ValueError with a reason if impossible."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as err:
                raise ValueError(f"undecodable: has a {enc} byte-order mark but is not valid {enc}") from err
    if b"\x00" in data:
        raise ValueError("binary file: contains NUL bytes and no UTF-16 byte-order mark")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as err:
        raise ValueError("undecodable: neither UTF-8, UTF-16 with a BOM, nor cp1252") from err


# Unicode category Cc (control characters), except tab and newline.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BINARY_HINT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    return len(_BINARY_HINT.findall(text)) > max(8, len(text) // 50)


def normalise(text: str) -> str:
    """Repair encoding and whitespace only: mojibake, line endings, NFC, invisibles."""
    if text.isascii() and "&" not in text:
        # Nothing for ftfy to repair in plain ASCII; only its line-break fix applies.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        text = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False)
    text = _CONTROLS.sub("", text.translate(_INVISIBLE))
    return unicodedata.normalize("NFC", text)


def text_lines(text: str) -> list[Line]:
    lines = []
    block = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        cleaned = " ".join(raw.split())
        if not cleaned:
            block = 0
            continue
        if not block:
            block = number
        lines.append(Line(number, cleaned, "", block))
    return lines


def read_capture(name: str, data: bytes, max_bytes: int) -> Capture | Rejection:
    """Decode one capture. Every failure is a Rejection with a reason a person can act on."""
    if len(data) > max_bytes:
        return Rejection(name, f"too large: {len(data)} bytes, over the limit of {max_bytes} (DOSSIER_MAX_BYTES)")
    if not data.strip():
        return Rejection(name, "empty file")
    try:
        raw_text, encoding = decode(data)
    except ValueError as err:
        return Rejection(name, str(err))
    if _looks_binary(raw_text):
        return Rejection(name, "binary file: too many control characters to be text")
    text = normalise(raw_text)
    meta = {
        "encoding": encoding,
        "repaired": text
        != unicodedata.normalize("NFC", raw_text.replace("\r\n", "\n").replace("\r", "\n")).translate(_INVISIBLE),
    }
    is_html = PurePath(name).suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(data[:2048].lstrip(codecs.BOM_UTF8)))
    if is_html:
        lines, html_meta, figures = read_html(text)
        meta.update(html_meta)
        kind = "html"
    else:
        lines, figures, kind = text_lines(text), [], "text"
    if not lines:
        return Rejection(name, "no text: nothing readable in the file")
    return Capture(name=name, sha256=sha256(data), size=len(data), kind=kind, lines=lines, meta=meta, figures=figures)
