"""Pages saved from the Wayback Machine (web.archive.org/web/<timestamp>/<address>): the archive's
toolbar, scripts and closing comments are removed and every archive address is turned back into the
original one, then the page is read as HTML. The original address and the time of capture come from
the archive's own address of the page."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from .unwrap import Unwrapped, iso_utc

NAME = "wayback"
SUFFIXES: tuple[str, ...] = ()  # saved as .html: claimed by the archive's markup, not its name
_MARKS = (b"__wm.init(", b"BEGIN WAYBACK TOOLBAR INSERT", b"End Wayback Rewrite JS Include", b"web.archive.org/_static/")

# What the archive adds to a page it serves.
_ADDED = (
    re.compile(rb"<script[^>]*/_static/js/bundle-playback\.js.*?<!--\s*End Wayback Rewrite JS Include\s*-->", re.S | re.I),
    re.compile(rb"<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->.*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->", re.S | re.I),
    re.compile(rb"<!--\s*FILE ARCHIVED ON .*?-->", re.S),
    re.compile(rb"<!--\s*playback timings \(ms\):.*?-->", re.S),
    re.compile(rb"<(script|link)\b[^>]*(?:src|href)=[\"'][^\"']*/_static/[^\"']*[\"'][^>]*>(?:\s*</script>)?", re.I),
)
# An archive address: /web/<timestamp><kind>_/<original>, the original's "//" sometimes cut to "/".
_ARCHIVED = re.compile(
    rb"(?:(?:https?:)?//web\.archive\.org|(?<![\w./-]))/web/(\d{1,14})(?:[a-z]{2}_|\*)?/(?:(https?):/{1,2})?(?=[\w.-]+[./])"
)
_WOMBAT = re.compile(rb"__wm\.wombat\(\s*\"([^\"]+)\"\s*,\s*\"(\d{14})\"")
_PRINT = re.compile(rb"The Wayback Machine - https?://web\.archive\.org/web/(\d{14})[a-z_]*/(https?:/{1,2}[^\s<\"]+)")
_ARCHIVED_ON = re.compile(rb"FILE ARCHIVED ON (\d\d:\d\d:\d\d \w{3} \d\d?, \d{4})")


# A page saved without the archive's scripts (SingleFile removes them) still names its archive address.
_ARCHIVED_LINK = re.compile(
    rb"<link[^>]+href=[\"']?https?://web\.archive\.org/web/(\d{14})[a-z_]*/(https?:/{1,2}[^\"'\s<>]+)", re.I
)


def sniff(head: bytes) -> bool:
    return any(m in head for m in _MARKS) or _ARCHIVED_LINK.search(head) is not None


def _original(address: bytes) -> str:
    return re.sub(rb"^(https?):/(?!/)", rb"\1://", address).decode("utf-8", "replace")


def unwrap(data: bytes) -> Unwrapped:
    stamp = url = None
    if m := _WOMBAT.search(data):
        url, stamp = _original(m.group(1)), m.group(2).decode()
    elif m := _PRINT.search(data) or _ARCHIVED_LINK.search(data):
        stamp, url = m.group(1).decode(), _original(m.group(2))
    captured_at = None
    try:
        if stamp:
            captured_at = iso_utc(datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC))
        elif m := _ARCHIVED_ON.search(data):
            captured_at = iso_utc(datetime.strptime(m.group(1).decode(), "%H:%M:%S %b %d, %Y").replace(tzinfo=UTC))
    except ValueError:  # a timestamp that is no date ("20241399...")
        captured_at = None
    for added in _ADDED:
        data = added.sub(b"", data)
    data = _ARCHIVED.sub(lambda m: (m.group(2) or b"https") + b"://", data)
    record = f"https://web.archive.org/web/{stamp}/{url}" if stamp and url else None
    return Unwrapped(data, "html", url=url, captured_at=captured_at, record=record)
