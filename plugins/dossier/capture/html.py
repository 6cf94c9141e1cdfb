"""Saved HTML pages: bytes -> hinted lines, metadata hints and figures.

trafilatura chooses the article body and its text is taken as it gives it, so the body is
never worse than trafilatura's own; what it leaves out (the headline, a standfirst, figure
captions, bylines) is added from the page. Every other visible text block of the page becomes
a line too, hinted as outside the body, so the cleaner can log it as removed. The page is
parsed once with lxml; trafilatura works on a copy of the tree.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import trafilatura
from courlan import normalize_url
from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from ..model import Line
from .decode import normalise_fragment

NAME = "html"
SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)

INVISIBLE_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "object", "embed", "head",
    "button", "input", "select", "textarea", "option", "canvas", "map", "dialog",
)  # fmt: skip
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "td",
        "th",
        "tr",
        "ul",
        "time",
        "caption",
        "center",
    ]
)
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "menu"})
CREDIT_CLASS = re.compile(r"credit|copyright|source|byline|photographer", re.I)
BYLINE_CLASS = re.compile(r"byline|author|contributor", re.I)
LEDE_CLASS = re.compile(
    r"standfirst|\bdek\b|subtitle|sub-headline|subheadline|summary|\blede\b|intro|article-description|excerpt|teaser-text",
    re.I,
)
DATE_META = (
    "article:published_time", "datePublished", "date", "dc.date", "dc.date.issued", "dcterms.created",
    "pubdate", "publishdate", "publish-date", "publication_date", "sailthru.date", "parsely-pub-date",
    "og:published_time", "article.published", "cXenseParse:recs:publishtime",
)  # fmt: skip
JSONLD_ARTICLE = re.compile(r"Article|Posting|Report|WebPage|BlogPosting|NewsArticle", re.I)


def sniff(head: bytes) -> bool:
    """A saved page, whatever its name (wget output, SingleFile)."""
    return bool(_START.match(head[:4096].lstrip(b"\xef\xbb\xbf")))


def _squash(text: str) -> str:
    return " ".join(text.split())


# --- metadata ---------------------------------------------------------------------------------


def _jsonld(tree: HtmlElement) -> dict:
    """headline, datePublished, dateModified, publisher and url of the page's article object."""
    found: dict = {}
    for node in tree.iter("script"):
        if (node.get("type") or "").strip().lower() != "application/ld+json" or not node.text:
            continue
        try:
            data = json.loads(node.text)
        except ValueError:
            continue
        stack, steps = [data], 0
        while stack and steps < 500:
            steps += 1
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
                continue
            if not isinstance(item, dict):
                continue
            if "@graph" in item:
                stack.append(item["@graph"])
            kind = item.get("@type")
            kind = " ".join(kind) if isinstance(kind, list) else str(kind or "")
            if not JSONLD_ARTICLE.search(kind):
                continue
            for key in ("headline", "datePublished", "dateModified"):
                if isinstance(item.get(key), str) and item[key].strip() and key not in found:
                    found[key] = _squash(item[key])
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) and "publisher" not in found:
                found["publisher"] = _squash(publisher["name"])
    return found


def _meta(tree: HtmlElement, *keys: str) -> str | None:
    wanted = {k.lower() for k in keys}
    values: dict[str, str] = {}
    for tag in tree.iter("meta"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        content = _squash(tag.get("content") or "")
        if key in wanted and content and key not in values:
            values[key] = content
    return next((values[k.lower()] for k in keys if k.lower() in values), None)


def _iso_date(value: str | None) -> str | None:
    if value and (m := re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)):
        year, month, day = map(int, m.groups())
        if 1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
            return m.group(0).strip()
    return None


def _page_date(tree: HtmlElement, ld: dict) -> str | None:
    date = _iso_date(ld.get("datePublished")) or _iso_date(_meta(tree, *DATE_META))
    if date:
        return date
    for el in tree.xpath('//*[@itemprop="datePublished"] | //time[@pubdate]'):
        if date := _iso_date(el.get("content") or el.get("datetime")):
            return date
    body = tree.find("body")
    first_time = next(iter(body.iter("time")), None) if body is not None else None
    if first_time is not None and (date := _iso_date(first_time.get("datetime"))):
        return date
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return find_date(copy.deepcopy(tree), original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
        except Exception:  # htmldate on a page it cannot read: no date from it
            return None


_SITE_SEPARATORS = re.compile(r"\s+[|–—•·:-]\s+|\s+-\s+|\s*\|\s*")


def strip_site_name(title: str, site: str | None, host: str | None) -> str:
    """'Headline | Site' -> 'Headline' when one side names the site (its name or its domain)."""
    parts = [p for p in _SITE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    names = {re.sub(r"\W+", "", n.lower()) for n in (site, host) if n}
    if host:
        names |= {re.sub(r"\W+", "", p) for p in host.lower().split(".") if len(p) > 3 and p not in {"www", "com", "org", "news"}}

    def is_site(part: str) -> bool:
        key = re.sub(r"\W+", "", part.lower())
        return bool(key) and any(key == n or (len(n) > 3 and (n in key or key in n)) for n in names if n)

    for first, last in ((parts[-1], title[: title.rfind(parts[-1])]), (parts[0], title[len(parts[0]) :])):
        if is_site(first):
            rest = re.sub(r"^\s*[|–—•·:-]\s*|\s*[|–—•·:-]\s*$", "", last).strip()
            if len(rest.split()) >= 2:
                return rest
    return title


@dataclass
class PageMeta:
    title: str | None = None
    site_name: str | None = None
    author: str | None = None
    url: str | None = None
    date: str | None = None
    updated: str | None = None

    def as_dict(self) -> dict:
        return {
            "html_title": self.title,
            "site_name": self.site_name,
            "author": self.author,
            "url": self.url,
            "html_date": self.date,
            "html_updated": self.updated,
        }


def page_meta(tree: HtmlElement) -> PageMeta:
    ld = _jsonld(tree)
    meta = PageMeta()
    meta.site_name = _meta(tree, "og:site_name", "application-name") or ld.get("publisher")
    meta.author = _meta(tree, "author", "article:author", "dc.creator")
    url = None
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            url = link.get("href")
            break
    url = (url or _meta(tree, "og:url") or "").strip()
    if re.match(r"https?://[^\s/]", url):
        with contextlib.suppress(Exception):  # courlan on an address it cannot parse: keep it as written
            url = normalize_url(url, strict=False, trailing_slash=True)
        meta.url = url if re.match(r"https?://[^\s/\[\]]+(/|$)", url) else None
    host = re.sub(r"^https?://(www\.)?", "", meta.url or "").split("/")[0] or None
    h1 = next((_squash(h.text_content()) for h in tree.iter("h1") if _squash(h.text_content())), None)
    doc_title = next((_squash(t.text_content()) for t in tree.iter("title")), None)
    site_key = re.sub(r"\W+", "", (meta.site_name or "").lower())

    def names_site(text: str | None) -> bool:
        return bool(text and site_key) and re.sub(r"\W+", "", (text or "").lower()) == site_key

    candidates = [ld.get("headline"), _meta(tree, "og:title", "twitter:title")]
    title = next((t for t in candidates if t and not names_site(t)), None)
    if not title and h1 and len(h1.split()) >= 2 and not names_site(h1):
        title = h1
    title = title or doc_title
    if title and h1 and len(h1.split()) >= 3 and h1.lower() in title.lower() and not names_site(h1):
        title = h1  # the visible headline, without what the metadata adds around it
    elif title:
        title = strip_site_name(title, meta.site_name, host)
    meta.title = normalise_fragment(title) if title else None
    meta.date = _page_date(tree, ld)
    meta.updated = _iso_date(ld.get("dateModified")) or _iso_date(_meta(tree, "article:modified_time"))
    return meta


# --- the page's visible text blocks -------------------------------------------------------------


@dataclass
class PageBlock:
    element: HtmlElement
    lines: list[str]
    chrome: bool = False  # the element or an ancestor is navigation, a header, footer, aside or menu
    in_time: bool = False  # the element or an ancestor is a <time>

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def _remove_invisible(root: HtmlElement) -> None:
    doomed = [
        el
        for el in root.iter()
        if not isinstance(el.tag, str)
        or el.tag in INVISIBLE_TAGS
        or el.get("hidden") is not None
        or re.search(r"display\s*:\s*none|visibility\s*:\s*hidden", el.get("style") or "")
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text, which is visible


def page_blocks(root: HtmlElement) -> list[PageBlock]:
    """Visible text in blocks, in document order; a <br> starts a new line in the same block."""
    blocks: list[PageBlock] = []
    stack: list[tuple[HtmlElement, bool, bool]] = []  # open blocks, with their chrome and time flags
    buffer: list[str] = []
    # Open chrome and <time> elements, inline ones included: a block's flags are known when it opens,
    # so no block walks its ancestors again.
    open_chrome = int(_in(root, CHROME_TAGS))
    open_time = int(_in(root, frozenset({"time"})))

    def flush() -> None:
        lines = [_squash(t) for t in "".join(buffer).split("\n")]
        lines = [t for t in lines if t]
        if lines:
            el, chrome, in_time = stack[-1] if stack else (root, bool(open_chrome), bool(open_time))
            blocks.append(PageBlock(el, lines, chrome, in_time))
        buffer.clear()

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start" and el.get("data-dossier-figure") is not None:
            flush()
            blocks.append(PageBlock(el, []))
        if event == "start" and el is not root:
            open_chrome += tag in CHROME_TAGS
            open_time += tag == "time"
        if event == "start":
            if tag in BLOCK_TAGS:
                flush()
                stack.append((el, open_chrome > 0, open_time > 0))
            elif tag == "br":
                buffer.append("\n")
            if el.text:
                buffer.append(el.text)
        else:
            if tag in BLOCK_TAGS:
                flush()
                stack.pop()
            if el is not root:
                open_chrome -= tag in CHROME_TAGS
                open_time -= tag == "time"
            if el.tail and el is not root:
                buffer.append(el.tail)
    flush()
    return blocks


# --- trafilatura's body -------------------------------------------------------------------------


# Below this many words, trafilatura's precise reading probably missed the article: read again for recall.
SHORT_BODY_WORDS = 120


def _trafilatura_xml(tree: HtmlElement, favor_precision: bool = False, favor_recall: bool = False) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return trafilatura.extract(
            tree, output_format="xml", include_comments=False, include_tables=True, include_images=False,
            include_formatting=False, deduplicate=False, favor_precision=favor_precision, favor_recall=favor_recall,
        ) or ""  # fmt: skip


def extracted_body(tree: HtmlElement) -> list[tuple[str, list[str]]]:
    """(kind, lines) for each element of trafilatura's body: paragraph, heading, item, quote, row.

    trafilatura's favor_precision reads best on the whole, but now and then keeps only a notice
    from a page; a short body is read again with favor_recall, and the longer reading wins."""
    xml = _trafilatura_xml(copy.deepcopy(tree), favor_precision=True)
    body = _body_elements(xml)
    if sum(len(t.split()) for _, lines in body for t in lines) < SHORT_BODY_WORDS:
        again = _body_elements(_trafilatura_xml(copy.deepcopy(tree), favor_recall=True))
        if sum(len(t.split()) for _, ls in again for t in ls) > sum(len(t.split()) for _, ls in body for t in ls):
            body = again
    return body


def _body_elements(xml: str) -> list[tuple[str, list[str]]]:
    if not xml:
        return []
    root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(recover=True, huge_tree=False))
    main = root.find("main")
    if main is None:
        return []
    for lb in main.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")
    out: list[tuple[str, list[str]]] = []
    for el in main.iter("p", "head", "item", "quote", "row", "code"):
        if el.tag != "row" and any(a.tag in {"item", "quote", "row"} for a in el.iterancestors()) and el.tag in {"p"}:
            continue  # a paragraph inside a list item or a quote is read with it
        if el.tag in {"p", "head", "code"} and el.find(".//item") is not None:
            continue
        if el.tag == "row":
            text = " ".join(_squash("".join(c.itertext())) for c in el.iter("cell"))
            lines = [text] if text.strip() else []
        else:
            lines = [_squash(t) for t in "".join(el.itertext()).split("\n")]
        lines = [t for t in lines if t]
        if lines:
            out.append(("heading" if el.tag == "head" else "body", lines))
    return out


# --- putting the page together -----------------------------------------------------------------


def _ancestors(el: HtmlElement) -> Iterator[HtmlElement]:
    yield el
    yield from el.iterancestors()


def _classes(el: HtmlElement, depth: int = 3) -> str:
    parts = []
    for node in itertools.islice(_ancestors(el), depth):
        parts.append(node.get("class") or "")
        parts.append(node.get("id") or "")
        parts.append(node.get("rel") or "")
        parts.append(node.get("itemprop") or "")
    return " ".join(parts)


def _in(el: HtmlElement, tags: frozenset[str] | set[str]) -> bool:
    return any(a.tag in tags for a in _ancestors(el))


def take_figures(root: HtmlElement) -> list[dict]:
    """Each captioned <figure> becomes a marker holding its place; its caption and credit are read
    apart, since the credit is often an element inside the caption."""
    figures: list[dict] = []
    for fig in list(root.iter("figure")):
        if fig.getparent() is None or any(a.tag == "figure" for a in fig.iterancestors()):
            continue
        caption_el = next(fig.iter("figcaption"), None)
        img = next(fig.iter("img"), None)
        alt = _squash(img.get("alt") or "") if img is not None else ""
        text, credit = "", None
        if caption_el is not None:
            credit_el = next(
                (
                    e
                    for e in caption_el.iterdescendants()
                    if isinstance(e.tag, str) and (CREDIT_CLASS.search(_classes(e, 1)) or e.tag in {"small", "cite"})
                ),
                None,
            )
            if credit_el is not None:
                credit = _squash(credit_el.text_content()) or None
                credit_el.drop_tree()
            text = _squash(caption_el.text_content())
        marker = etree.Element("p", {"data-dossier-figure": str(len(figures))})
        marker.tail = fig.tail
        fig.getparent().replace(fig, marker)
        figures.append({"text": text, "credit": credit, "alt": alt or None})
    return figures


def read_page(html: str) -> tuple[list[Line], dict, list[dict]]:
    """Lines with hints, metadata hints and figures of one saved page."""
    tree = load_html(html)
    if tree is None:
        return [], {}, []
    meta = page_meta(tree)
    body = extracted_body(tree)  # reads copies: the tree is still the whole page here
    _remove_invisible(tree)
    root = tree.find("body")
    if root is None:
        root = tree
    all_figures = take_figures(root)
    blocks = page_blocks(root)

    # Which body element each page block belongs to: equal text, or text inside it, in order.
    texts = [_squash(" ".join(lines)) for _, lines in body]
    owner: list[int | None] = []
    cursor = 0
    for block in blocks:
        text = block.text
        hit = None
        for k in range(cursor, min(len(texts), cursor + 60)):
            if text == texts[k] or (len(text) >= 20 and text in texts[k]) or (len(texts[k]) >= 20 and texts[k] in text):
                hit = k
                break
        if hit is None and len(text) >= 40:
            hit = next((k for k, t in enumerate(texts) if text in t or t in text), None)
        owner.append(hit)
        if hit is not None:
            cursor = hit

    figures: list[dict] = []
    lists: dict[HtmlElement, int] = {}  # the element itself is the key: an id() of an lxml proxy is not stable
    lines: list[Line] = []
    emitted = 0
    seen_h1 = False

    repaired = False

    def add(text: str, hint: str, block: int | None = None) -> None:
        nonlocal repaired
        number = len(lines) + 1
        fixed = normalise_fragment(text)
        repaired = repaired or fixed != text
        lines.append(Line(number, fixed, hint, block or number))

    def emit_body(upto: int, hint: str | None = None) -> None:
        nonlocal emitted
        while emitted <= upto:
            kind, body_lines = body[emitted]
            kind = hint if hint and emitted == upto else kind
            first = len(lines) + 1
            for t in body_lines:
                add(t, kind, first)
            emitted += 1

    for block, owned in zip(blocks, owner, strict=True):
        el = block.element
        if el.get("data-dossier-figure") is not None:
            fig = all_figures[int(el.get("data-dossier-figure"))]
            first = len(lines) + 1
            if fig["text"]:
                add(fig["text"], "figure-caption", first)
            if fig["credit"]:
                add(fig["credit"], "figure-credit", first)
            if fig["text"] or fig["credit"]:
                figures.append(fig)
            continue
        if owned is not None:
            if owned >= emitted:
                lede = (
                    all(body[j][0] == "heading" for j in range(owned))
                    and LEDE_CLASS.search(_classes(el)) is not None
                    and len(block.text.split()) >= 6
                )
                emit_body(owned, "lede" if lede else None)
            continue
        text = block.text
        if el.tag == "h1" and not seen_h1:
            seen_h1 = True
            add(text, "title")
        elif el.tag == "address" or (BYLINE_CLASS.search(_classes(el)) and len(text.split()) <= 14):
            add(text, "byline")
        elif LEDE_CLASS.search(_classes(el)) and not emitted and len(text.split()) >= 6:
            add(text, "lede")
        elif block.in_time:
            add(text, "time")
        else:
            first = len(lines) + 1
            if el.tag == "li" and el.getparent() is not None:
                first = lists.setdefault(el.getparent(), first)  # items of one list are one block
            hint = "chrome" if block.chrome else "outside"
            for t in block.lines:
                add(t, hint, first)
    if body and emitted < len(body):
        emit_body(len(body) - 1)
    return lines, {**meta.as_dict(), "repaired": repaired}, figures
