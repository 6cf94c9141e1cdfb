"""Plain data that flows through the pipeline. No Pelican objects here."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path


@dataclass(frozen=True)
class Line:
    """One non-blank line of a capture, as read (after decoding)."""

    number: int  # 1-based line number in the decoded capture
    text: str
    hint: str = ""  # what the format says the line is (HTML: "title", "heading", "body", "chrome", ...)
    block: int = 0  # lines of one block (no blank line between them) share a number


def capture_order(name: str) -> tuple:
    """Captures in name order, with the records of one archive file in the order they stand in it
    ("crawl.warc.gz#3" before "crawl.warc.gz#19"). For names without "#" this is plain name order."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in name.split("#"))


@dataclass(frozen=True)
class Container:
    """Where a capture was taken from when it is more than a text or HTML file read as it is: a record
    of a WARC or WACZ, the page part of an MHTML file, the text layer of a PDF, a page saved by
    SingleFile or the Wayback Machine."""

    file: str  # the file in the captures folder
    format: str  # the capture format's NAME: "warc", "wacz", "mhtml", "pdf", "singlefile", "wayback"
    record: str | None = None  # which record in the file: "3" (WARC), "archive/data.warc.gz#3" (WACZ)
    target_uri: str | None = None  # the address the record was fetched from, as the archive wrote it


@dataclass(frozen=True)
class CaptureUnit:
    """One capture before it is read: a whole file, or one record taken out of an archive file.
    `name` is its identity everywhere (cache, editorial file, raw copies, duplicates, rejections):
    the file's path in the captures folder, plus `#<record>` for a record of a WARC or WACZ."""

    name: str
    path: Path | None = None  # a whole file, read when needed
    data: bytes | None = None  # a record's payload, already taken out of its archive
    container: Container | None = None
    captured_at: str | None = None  # ISO 8601, from the archive (WARC-Date, ArchiveBox's index.json)
    url: str | None = None  # the address the archive says the page was fetched from
    format: str | None = None  # a format the archive names (a WARC record's Content-Type), tried before sniffing
    charset: str | None = None  # the charset the archive names (HTTP Content-Type)

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()


@dataclass
class Capture:
    """A raw capture, decoded into lines."""

    name: str
    sha256: str
    size: int
    kind: str  # how it is cleaned: "text" or "html"
    lines: list[Line]
    meta: dict = field(default_factory=dict)  # hints the format gave (HTML meta tags)
    figures: list[dict] = field(default_factory=list)  # HTML figure/figcaption
    captured_at: str | None = None  # ISO 8601 UTC, when the format records it
    container: Container | None = None


@dataclass
class Removal:
    line: int
    text: str
    rule: str


@dataclass
class Caption:
    text: str
    credit: str | None
    alt: str | None = None


@dataclass
class Block:
    """A piece of body text in reading order."""

    kind: str  # "paragraph" or "subheading"
    text: str
    lines: tuple[int, ...] = ()


@dataclass
class CleanArticle:
    """A draft article, as cleaning and the editorial file leave it. Its page slug and address are not known
    yet, nor for certain its source: the build settles them across all captures and makes an `Article`."""

    capture: str
    sha256: str
    encoding: str | None = None
    repaired: bool = False  # ftfy changed the decoded text (mojibake, line endings)
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD, original publication
    updated: str | None = None
    source: str | None = None
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    original_url: str | None = None
    lede: str | None = None
    blocks: list[Block] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    kept: dict[int, str] = field(default_factory=dict)  # line number -> role
    topics: list[str] = field(default_factory=list)
    topics_by_editor: bool = False
    not_article: bool = False
    language: str | None = None  # ISO 639-1 code of the article's language pack ("en", "ru")
    captured_at: str | None = None  # when the page was captured, ISO 8601 UTC, if the format records it
    container: Container | None = None  # None for a text or HTML file read as it is

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "paragraph"]

    @property
    def subheadings(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "subheading"]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(kw_only=True)
class Article(CleanArticle):
    """A complete article: one the build kept, with its unique page slug, its page address (relative to the
    site root) and its source's name and slug settled. Pages, views, the export and the index take these."""

    slug: str = field()
    url: str = field()  # the page's path relative to the site root (urls.UrlScheme.article)
    source: str = field()
    source_slug: str = field()

    @classmethod
    def complete(cls, draft: CleanArticle, slug: str, url: str, source: str, source_slug: str) -> Article:
        values = {f.name: getattr(draft, f.name) for f in fields(draft)}
        values.update(slug=slug, url=url, source=source, source_slug=source_slug)
        return cls(**values)


@dataclass(frozen=True)
class Rejection:
    capture: str
    reason: str


@dataclass(frozen=True)
class Duplicate:
    capture: str
    duplicate_of: str
    reason: str
