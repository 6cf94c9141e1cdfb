"""The raw copy of a capture that the site publishes, as text a browser shows and never runs.

A text or HTML file is copied byte for byte (`.txt` appended to HTML). For the archive formats the
copy is the page as read: a WARC or WACZ record's HTML, an MHTML file's page part, a Wayback or
SingleFile page as saved, a PDF's text layer. A capture is published only if its copy is text (it
decodes, and is not binary) within the size limit; inline pictures (data: URIs) are left out of a
page that is over the limit only because of them.

Each capture's copy has a path of its own (`raw_paths`): its name, with `.txt` added unless it ends so;
where two captures would share one path ("X.html" and "X.html.txt", or two names that differ only in
case, which some file systems take for one), the second in name order gets a hash of its name. Each
part of a path is made safe for any file system: characters that cannot be in a file name there, and
"%", are written %XX; "", "." and ".." are written out; a part too long for a file name is cut, with a
hash of the whole.
"""

from __future__ import annotations

import hashlib
import re

from ..model import CaptureUnit, Container, capture_order
from . import BY_NAME, format_for, mhtml, pdf
from .decode import decode, looks_binary
from .unwrap import Damaged, without_inline

# Characters no file name may hold on one common file system or another (and "%", the escape itself).
UNSAFE = re.compile(r'[\x00-\x1f\x7f"*:<>?\\|%]')
SPECIAL = {"": "%empty", ".": "%2E", "..": "%2E%2E"}
MAX_PART = 240  # bytes in one file name; most file systems allow 255


def raw_name(capture: str, container: Container | None) -> str:
    """The copy's path under DOSSIER_RAW_DIR, before it is made safe and distinct. Always ends in .txt."""
    if container is not None and container.record is not None and container.format not in {"mhtml", "pdf"}:
        # a record: crawl.warc.gz/3.txt, crawl.wacz/archive/data.warc.gz/3.txt
        return f"{container.file}/{container.record.replace('#', '/')}.txt"
    if container is not None and container.format == "mhtml":
        return capture + ".html.txt"
    return capture if capture.endswith(".txt") else capture + ".txt"  # a PDF's text layer: a.pdf.txt


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def safe_part(part: str, suffix: str = "") -> str:
    """One part of a path, made safe; `suffix` (".txt") is kept whole when a long part is cut."""
    if part in SPECIAL:
        return SPECIAL[part] + suffix
    safe = UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", part)
    if len((safe + suffix).encode("utf-8", "surrogatepass")) > MAX_PART:
        keep = safe.encode("utf-8", "surrogatepass")[: MAX_PART - len(suffix) - 40].decode("utf-8", "ignore")
        safe = f"{keep}~{_hash(part)}"
    return safe + suffix


def safe_path(path: str) -> str:
    """A raw copy's path (ending in .txt), each part made safe: it stays under the raw folder."""
    *folders, last = path.split("/")
    return "/".join([*(safe_part(p) for p in folders), safe_part(last.removesuffix(".txt"), ".txt")])


def container_of(unit: CaptureUnit, head: bytes) -> Container | None:
    """The container the capture's page is taken from, as reading it finds it (capture.read_capture)."""
    fmt = BY_NAME.get(unit.format or "") or format_for(unit.name, head)
    if unit.container is None and fmt is not None and hasattr(fmt, "unwrap"):
        return Container(unit.name, fmt.NAME)
    return unit.container


def raw_paths(units: list[CaptureUnit]) -> dict[str, str]:
    """A distinct, safe path for each capture's raw copy, by capture name. The same captures always get
    the same paths; a capture whose copy is its own name (a .txt file) keeps it."""
    wanted = {}
    for unit in units:
        head = unit.data[:4096] if unit.data is not None else _head(unit)
        wanted[unit.name] = safe_path(raw_name(unit.name, container_of(unit, head)))
    # A .txt file's copy is the file itself: it keeps its name; then name order.
    own = {name for name in wanted if name.endswith(".txt") and wanted[name] == safe_path(name)}
    taken: set[str] = set()
    out = {}
    for name in sorted(wanted, key=lambda name: (name not in own, capture_order(name))):
        path, n = wanted[name], 1
        while path.casefold() in taken:
            path = _tagged(wanted[name], _hash(name if n == 1 else f"{name}\0{n}"))
            n += 1
        taken.add(path.casefold())
        out[name] = path
    return out


def _tagged(path: str, tag: str) -> str:
    """A safe path with a tag before its .txt: a/b.html.txt -> a/b.html~<tag>.txt (cut to fit)."""
    folders, slash, last = path.rpartition("/")
    stem = last.removesuffix(".txt").encode()[: MAX_PART - len(tag) - 5].decode("utf-8", "ignore")
    return f"{folders}{slash}{stem}~{tag}.txt"


def _head(unit: CaptureUnit) -> bytes:
    assert unit.path is not None  # a unit without data is a whole file
    try:
        with unit.path.open("rb") as f:
            return f.read(4096)
    except OSError:
        return b""


def copy_sha256(unit: CaptureUnit, container: Container | None, max_bytes: int) -> str | None:
    """The sha256 of the raw copy when its bytes are not the capture's own (an MHTML file's page part, a
    PDF's text layer, a page over the size limit without its inline pictures); None when the copy is the
    capture byte for byte, so the capture's sha256 is the copy's, or when no copy is published."""
    size = len(unit.data) if unit.data is not None else unit.path.stat().st_size if unit.path is not None else 0
    if (container is None or container.format not in {"mhtml", "pdf"}) and size <= max_bytes:
        return None
    copy = raw_copy(unit, max_bytes)
    if copy is None or copy == unit.read():
        return None
    return hashlib.sha256(copy).hexdigest()


def raw_copy(unit: CaptureUnit, max_bytes: int) -> bytes | None:
    """The bytes of a capture's raw copy, or None when it is not published."""
    data = unit.read()
    fmt = BY_NAME.get(unit.format or "") or format_for(unit.name, data[:4096])
    try:
        if fmt is mhtml or fmt is pdf:
            data = fmt.unwrap(data).data
    except Damaged:
        return None
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
    return data
