"""Decoding repairs encoding and whitespace only, and never changes words."""

from __future__ import annotations

import codecs

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import pytest

from dossier.build.pipeline import process
from dossier.model import Rejection
from dossier.outlets import load_registry

BODY = "Kremlin spokesman Dmitry Peskov said Putin’s schedule had not changed, calling the reports “speculation”."
CAPTURE = f"Moscow concert hall attack: the Kremlin responds\n\nMarch 25, 2024\n\n{BODY}\n\nThe toll stood at 137.\n"


def clean(data: bytes, name: str = "x.txt"):
    result = process(name, data, load_registry(), 5_000_000)
    assert not isinstance(result, Rejection), result
    return result


@pytest.mark.parametrize(
    ("label", "data", "encoding"),
    [
        ("utf-8", CAPTURE.encode(), "utf-8"),
        ("utf-8 with BOM", codecs.BOM_UTF8 + CAPTURE.encode(), "utf-8-sig"),
        ("utf-16 LE with BOM", CAPTURE.encode("utf-16"), "utf-16"),
        ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + CAPTURE.encode("utf-16-be"), "utf-16"),
        ("cp1252", CAPTURE.encode("cp1252"), "cp1252"),
        ("CRLF", CAPTURE.replace("\n", "\r\n").encode(), "utf-8"),
        ("CR", CAPTURE.replace("\n", "\r").encode(), "utf-8"),
    ],
)
def test_every_encoding_gives_the_same_words(label, data, encoding):
    article = clean(data)
    assert article.encoding == encoding, label
    assert article.title == "Moscow concert hall attack: the Kremlin responds"
    assert article.paragraphs == [BODY, "The toll stood at 137."]


def test_mojibake_is_repaired_and_typographic_quotes_kept():
    # As it happens in the wild: UTF-8 bytes read as Windows-1252 (bytes it leaves undefined kept as is), saved as UTF-8.
    broken = CAPTURE.encode("utf-8").decode("sloppy-windows-1252").encode("utf-8")
    assert "Putinâ€™s".encode() in broken
    article = clean(broken)
    assert article.repaired
    assert article.paragraphs[0].startswith("Kremlin spokesman Dmitry Peskov said Putin’s schedule")
    assert "“speculation”" in article.paragraphs[0]


def test_nfc_and_invisible_characters():
    decomposed = CAPTURE.replace("Kremlin spokesman", "Kremlin spokesman Ce\u0301sar\u200b").encode()
    article = clean(decomposed)
    assert "César" in article.paragraphs[0]
    assert "\u200b" not in article.paragraphs[0]


def test_straight_quotes_are_not_curled_and_spelling_not_fixed():
    text = CAPTURE.replace(BODY, "He said \"recieve\" inmemory of them, and 'no' more.")
    article = clean(text.encode())
    assert article.paragraphs[0] == "He said \"recieve\" inmemory of them, and 'no' more."


def test_utf8_cut_off_inside_its_last_character_is_still_utf8():
    text = "A headline about the spokesman\n\nMarch 25, 2024\n\nThe spokesman was named in the report as Песков"
    article = clean(text.encode("utf-8")[:-1])
    assert article.encoding.startswith("utf-8 (cut off")
    assert article.paragraphs == ["The spokesman was named in the report as Песко"]
