"""MHTML (Chrome's and Edge's "Save as: Webpage, single file", CDP Page.captureSnapshot): a MIME
message whose first HTML part is the page; pictures and styles are other parts, not read."""

from __future__ import annotations

import email
import email.utils
from typing import cast

from .unwrap import Damaged, Unwrapped, iso_utc

NAME = "mhtml"
SUFFIXES = (".mhtml", ".mht")
HTML_TYPES = {"text/html", "application/xhtml+xml"}


def sniff(head: bytes) -> bool:
    top = head[:2048].lower()
    return top.lstrip().startswith((b"from: <saved by", b"mime-version:")) and b"multipart/related" in top


def unwrap(data: bytes) -> Unwrapped:
    try:
        message = email.message_from_bytes(data)
        parts = [p for p in message.walk() if not p.is_multipart()]
        if not message.is_multipart():
            raise Damaged("damaged MHTML: not a multipart message (no parts to read)")
        address = message.get("Snapshot-Content-Location") or message.get("Content-Location")
        pages = [(n, p) for n, p in enumerate(parts, start=1) if p.get_content_type() in HTML_TYPES]
        if not pages:
            kinds = ", ".join(sorted({p.get_content_type() for p in parts})) or "none"
            raise Damaged(f"MHTML without an HTML part: nothing to read (its parts: {kinds})")
        # The page is the part at the snapshot's address; frames come after it as further HTML parts.
        number, part = next(((n, p) for n, p in pages if address and p.get("Content-Location") == address), pages[0])
        payload = cast(bytes | None, part.get_payload(decode=True)) or b""  # a leaf part decodes to bytes
        charset = part.get_content_charset()
        when = message.get("Date")
        captured_at = None
        if when:
            try:
                captured_at = iso_utc(email.utils.parsedate_to_datetime(str(when)))
            except (TypeError, ValueError):
                captured_at = None
        return Unwrapped(
            payload, "html", charset, str(address or part.get("Content-Location") or "") or None, captured_at, str(number)
        )
    except Damaged:
        raise
    except Exception as err:  # the email parser is lenient; what still fails is a damaged file
        raise Damaged(f"damaged MHTML: {type(err).__name__}: {err}"[:200]) from err
