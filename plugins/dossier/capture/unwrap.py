"""What the archive formats share: the page taken out of an archive, the records an archive holds,
and the reason a damaged archive gives. Plain data, so each format module stays small."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..model import CaptureUnit


class Damaged(ValueError):
    """A file a format claims but cannot read; the message is the rejection's reason."""


@dataclass
class Unwrapped:
    """The page inside a single-page archive file (MHTML, SingleFile, Wayback, PDF), ready to be read
    as HTML or text, with what the archive says about it."""

    data: bytes
    kind: str  # "html" or "text": how the page is read and cleaned
    charset: str | None = None
    url: str | None = None  # the address the page was saved from
    captured_at: str | None = None
    record: str | None = None  # which part of the file the page is, where the file has parts


@dataclass
class Opened:
    """The pages of a many-record archive (WARC, WACZ): each HTML response is its own capture unit;
    the rest (scripts, pictures, redirects, requests) are only counted, by kind."""

    units: list[CaptureUnit] = field(default_factory=list)
    other: Counter[str] = field(default_factory=Counter)
    damage: str | None = None  # why reading stopped early; the records before the damage are kept
    last_record: int = 0  # the number of the last record read


_URL = re.compile(r"https?://[^\s/\[\]<>\"']+(/\S*)?$")


def web_address(url: str | None) -> str | None:
    """The address if it is one a reader can follow (http or https), else None (urn:, metadata://, file:)."""
    url = (url or "").strip()
    return url if _URL.match(url) else None


def iso_utc(when: datetime) -> str:
    """'2024-03-26T09:30:00Z': seconds, in UTC (a time without a zone is taken as UTC)."""
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def iso_from_text(value: str | None) -> str | None:
    """An ISO 8601 date and time as archives write it ('2024-03-26T09:30:00Z', '...+03:00', with fractions)."""
    if not value:
        return None
    try:
        return iso_utc(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
    except ValueError:
        return None


_INLINE = re.compile(rb"data:[\w.+-]+/[\w.+-]+(?:;[\w.+-]+=[\w.+-]+)*;base64,[A-Za-z0-9+/=\s]{1024,}")


def inline_bytes(data: bytes) -> int:
    """Bytes of inline pictures and fonts (data: URIs of 1 kB or more), which SingleFile puts in the page."""
    if b"base64," not in data:
        return 0
    return sum(len(m.group(0)) for m in _INLINE.finditer(data))


def without_inline(data: bytes) -> bytes:
    """The page with each large data: URI replaced by an empty one, for a raw copy a reader can open."""
    return _INLINE.sub(b"data:,", data)
