"""Plain data that flows through the pipeline. No Pelican objects here."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Line:
    """One non-blank line of a capture, as read (after decoding)."""

    number: int  # 1-based line number in the decoded capture
    text: str
    hint: str = ""  # what the format says the line is (HTML: "title", "heading", "body", "chrome", ...)
    block: int = 0  # lines of one block (no blank line between them) share a number


@dataclass
class Capture:
    """A raw capture file, decoded into lines."""

    name: str
    sha256: str
    size: int
    kind: str  # "text" or "html"
    lines: list[Line]
    meta: dict = field(default_factory=dict)  # hints the format gave (HTML meta tags)
    figures: list[dict] = field(default_factory=list)  # HTML figure/figcaption


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
    capture: str
    sha256: str
    slug: str | None = None
    url: str | None = None  # page path relative to the site root
    encoding: str | None = None
    repaired: bool = False  # ftfy changed the decoded text (mojibake, line endings)
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD, original publication
    updated: str | None = None
    source: str | None = None
    source_slug: str | None = None
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

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "paragraph"]

    @property
    def subheadings(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "subheading"]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Rejection:
    capture: str
    reason: str


@dataclass(frozen=True)
class Duplicate:
    capture: str
    duplicate_of: str
    reason: str
