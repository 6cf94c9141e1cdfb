"""WACZ (Webrecorder, Browsertrix, ArchiveWeb.page, py-wacz): a zip holding WARC files under
archive/; each HTML response record in them is its own capture, `<file>#archive/<warc>#<n>`."""

from __future__ import annotations

import io
import zipfile

from . import warc
from .unwrap import Opened

NAME = "wacz"
SUFFIXES = (".wacz",)
_MARKS = (b"datapackage.json", b"archive/", b"pages/pages.jsonl", b"indexes/")


def sniff(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and any(m in head[:4096] for m in _MARKS)


def open_records(name: str, data: bytes) -> Opened:
    opened = Opened()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        warcs = sorted(n for n in archive.namelist() if n.startswith("archive/") and n.lower().endswith(warc.SUFFIXES))
        if not warcs:
            opened.damage = "not a WACZ: the zip holds no WARC file under archive/"
            return opened
        for inner in warcs:
            part = warc.read_records(name, io.BytesIO(archive.read(inner)), prefix=f"{inner}#", label="WACZ")
            opened.units += part.units
            opened.other += part.other
            if part.damage:
                opened.damage = f"{part.damage} in {inner}"
                break
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as err:
        opened.damage = f"damaged WACZ: not a readable zip file ({type(err).__name__}: {err})"[:200]
    return opened
