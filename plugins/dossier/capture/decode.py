"""Decoding shared by every capture format: bytes -> text, repaired in encoding and whitespace only.

Decoding repairs only encoding and whitespace (BOMs, UTF-16, cp1252, mojibake, line endings,
zero-width and control characters); it never changes words.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata

import ftfy

from ..model import Line

# Invisible characters that only ever get in the way of matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag, if Python knows it."""
    m = _DECLARED.search(data[:8192])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii", "ignore")).name
    except LookupError:
        return None


# The single-byte code pages a capture is plausibly in: Western, and the Cyrillic ones. charset-normalizer
# told to choose among these alone tells them apart; left to choose among all, it garbles Western cp1252.
SINGLE_BYTE = ("cp1252", "cp1251", "koi8_r", "iso8859_5", "cp866")


def _single_byte(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(SINGLE_BYTE)).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    if name != "cp1252":
        # A Cyrillic reading of Western text gives a few stray letters ("Putinў"), not Russian words.
        letters = [ch for ch in text if ch.isalpha()]
        cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
        if not letters or cyrillic < 0.3 * len(letters):
            return None
    return text, name


TRUNCATED_UTF8 = "utf-8 (cut off inside its last character, which is dropped)"


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name). Raise ValueError with a reason if impossible.

    Valid UTF-8 is UTF-8; otherwise a charset the file declares, then the likeliest of the
    Western and Cyrillic single-byte code pages, then cp1252."""
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
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.start >= len(data) - 3:
            # A file cut off inside its last character: UTF-8 all the same, the broken character noted.
            return data[: err.start].decode("utf-8"), TRUNCATED_UTF8
    if declared and declared not in {"utf-8", "utf_8"}:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    guessed = _single_byte(data)
    if guessed:
        return guessed
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as err:
        raise ValueError("undecodable: neither UTF-8, UTF-16 with a BOM, nor cp1252") from err


# Unicode category Cc (control characters), except tab and newline.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BINARY_HINT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def looks_binary(text: str) -> bool:
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


def normalise_fragment(text: str) -> str:
    """A piece of text from a parsed page: mojibake and invisibles repaired, entities left as they are."""
    if not text.isascii():
        text = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, unescape_html=False)
    return unicodedata.normalize("NFC", _CONTROLS.sub("", text.translate(_INVISIBLE)))


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
