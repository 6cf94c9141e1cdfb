"""The raw copy of a capture that the site publishes, as text a browser shows and never runs.

A text or HTML file is copied byte for byte (`.txt` appended to HTML). For the archive formats the
copy is the page as read: a WARC or WACZ record's HTML, an MHTML file's page part, a Wayback or
SingleFile page as saved, a PDF's text layer. A capture is published only if its copy is text (it
decodes, and is not binary) within the size limit; inline pictures (data: URIs) are left out of a
page that is over the limit only because of them.
"""

from __future__ import annotations

from ..model import CaptureUnit, Container
from . import BY_NAME, format_for, mhtml, pdf
from .decode import decode, looks_binary
from .unwrap import Damaged, without_inline


def raw_name(capture: str, container: Container | None) -> str:
    """Where the raw copy goes under DOSSIER_RAW_DIR. Always ends in .txt."""
    if container is None or container.format in {"singlefile", "wayback"}:
        return capture if capture.endswith(".txt") else capture + ".txt"
    if container.format == "mhtml":
        return capture + ".html.txt"
    return capture.replace("#", "/") + ".txt"  # a record: crawl.warc.gz/3.txt; a PDF's text layer: a.pdf.txt


def raw_copy(unit: CaptureUnit, max_bytes: int) -> tuple[str, bytes] | None:
    """(path under the raw folder, bytes) of a capture's raw copy, or None when it is not published."""
    data = unit.read()
    fmt = BY_NAME.get(unit.format or "") or format_for(unit.name, data[:4096])
    container = unit.container
    try:
        if fmt is mhtml:
            data, container = mhtml.unwrap(data).data, container or Container(unit.name, "mhtml")
        elif fmt is pdf:
            data, container = pdf.unwrap(data).data, container or Container(unit.name, "pdf")
    except Damaged:
        return None
    if fmt is not None and fmt.NAME in {"singlefile", "wayback"}:
        container = container or Container(unit.name, fmt.NAME)
    if len(data) > max_bytes:
        data = without_inline(data)
        if len(data) > max_bytes:
            return None
    try:
        text, _ = decode(data)
    except ValueError:
        return None
    if looks_binary(text):
        return None
    return raw_name(unit.name, container), data
