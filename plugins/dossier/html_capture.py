"""Read a saved HTML page into hinted lines, metadata hints and figures.

The page's visible text blocks become numbered lines, so the cleaner can account
for every one of them. trafilatura decides which blocks are the article body;
figures are taken out first because trafilatura drops captions. Script, style and
other non-visible elements are removed before anything is read.
"""

from __future__ import annotations

import re
import warnings
from xml.etree import ElementTree

import trafilatura
from bs4 import BeautifulSoup, NavigableString, Tag
from courlan import normalize_url
from htmldate import find_date

from .model import Line

INVISIBLE_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "object",
    "embed",
    "head",
    "button",
    "input",
    "select",
    "textarea",
]
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "td", "th", "tr", "ul", "time",
}  # fmt: skip
CHROME_TAGS = {"nav", "header", "footer", "aside", "form", "menu"}
CREDIT_CLASS = re.compile(r"credit|copyright|source|byline|photographer", re.I)
BYLINE_CLASS = re.compile(r"byline|author|contributor", re.I)
LEDE_CLASS = re.compile(r"standfirst|\bdek\b|subtitle|sub-headline|subheadline|summary|\blede\b|intro|article-description", re.I)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _meta(soup: BeautifulSoup, *keys: str) -> str | None:
    for key in keys:
        tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
        if tag and tag.get("content", "").strip():
            return _squash(tag["content"])
    return None


def _page_meta(soup: BeautifulSoup, html: str) -> dict:
    meta: dict = {}
    title = _meta(soup, "og:title", "twitter:title")
    if not title and soup.title and soup.title.string:
        title = _squash(soup.title.string)
    meta["html_title"] = title
    meta["site_name"] = _meta(soup, "og:site_name", "application-name")
    meta["author"] = _meta(soup, "author", "article:author", "dc.creator")
    canonical = soup.find("link", rel="canonical")
    url = (canonical.get("href") if canonical else None) or _meta(soup, "og:url")
    if url and re.match(r"https?://", url.strip()):
        try:
            url = normalize_url(url.strip(), strict=False, trailing_slash=True)
        except ValueError:
            url = url.strip()
        meta["url"] = url
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        published = _meta(soup, "article:published_time", "datePublished", "date", "dc.date")
        date = None
        if published and re.match(r"\d{4}-\d{2}-\d{2}", published):
            date = published[:10]
        if not date:
            time_tag = soup.find("time", attrs={"datetime": True})
            if time_tag and re.match(r"\d{4}-\d{2}-\d{2}", time_tag["datetime"]):
                date = time_tag["datetime"][:10]
        if not date:
            date = find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    meta["html_date"] = date
    return meta


def _figures(soup: BeautifulSoup) -> list[dict]:
    figures = []
    for fig in soup.find_all("figure"):
        caption_el = fig.find("figcaption")
        img = fig.find("img")
        alt = _squash(img.get("alt", "")) if img else ""
        credit = None
        text = ""
        if caption_el:
            credit_el = caption_el.find(class_=CREDIT_CLASS) or caption_el.find(["small", "cite"])
            if credit_el:
                credit = _squash(credit_el.get_text()) or None
                credit_el.extract()
            text = _squash(caption_el.get_text())
        if text or credit:
            # A marker keeps the figure's place among the page's lines.
            marker = soup.new_tag("p", attrs={"data-dossier-figure": str(len(figures))})
            fig.replace_with(marker)
            figures.append({"text": text, "credit": credit, "alt": alt or None})
        else:
            fig.decompose()
    return figures


def _leaf_blocks(root: Tag, figures: list[dict]):
    """Yield (element, text) for visible text blocks in document order; (None, (hint, text)) for figure lines."""
    for el in root.find_all(True):
        if el.has_attr("data-dossier-figure"):
            fig = figures[int(el["data-dossier-figure"])]
            for hint, key in (("figure-caption", "text"), ("figure-credit", "credit")):
                if fig[key]:
                    yield None, (hint, fig[key])
            continue
        if el.name not in BLOCK_TAGS:
            continue
        if el.find(lambda t: t.name in BLOCK_TAGS):
            # Loose text directly inside a container block is a block of its own.
            loose = _squash("".join(s for s in el.children if isinstance(s, NavigableString)))
            if loose:
                yield el, loose
            continue
        text = _squash(el.get_text())
        if text:
            yield el, text


def _extracted_body(html: str) -> tuple[set[str], set[str]]:
    """Texts trafilatura keeps as body, and those it marks as headings."""
    xml = trafilatura.extract(
        html, output_format="xml", favor_recall=True, include_comments=False,
        include_tables=False, include_images=False, deduplicate=False,
    )  # fmt: skip
    body: set[str] = set()
    heads: set[str] = set()
    if not xml:
        return body, heads
    root = ElementTree.fromstring(xml)
    for el in root.iter():
        if el.tag in {"p", "head", "item", "quote"}:
            text = _squash("".join(el.itertext()))
            if text:
                body.add(text)
                if el.tag == "head":
                    heads.add(text)
    return body, heads


def _chrome(el: Tag) -> bool:
    return any(parent.name in CHROME_TAGS for parent in [el, *el.parents] if isinstance(parent, Tag))


def _has_class(el: Tag, pattern: re.Pattern) -> bool:
    for node in [el, *el.parents][:3]:
        if isinstance(node, Tag) and pattern.search(
            " ".join([*node.get("class", []), node.get("rel", "") and " ".join(node.get("rel"))])
        ):
            return True
    return False


def _block_id(el: Tag, number: int, lists: dict[int, int]) -> int:
    """List items of one list share a block, as lines of one paragraph do in a text capture."""
    if el.name == "li" and isinstance(el.parent, Tag):
        return lists.setdefault(id(el.parent), number)
    return number


def read_html(html: str) -> tuple[list[Line], dict, list[dict]]:
    soup = BeautifulSoup(html, "lxml")
    meta = _page_meta(soup, html)
    for el in soup(INVISIBLE_TAGS):
        el.decompose()
    figures = _figures(soup)
    clean_html = str(soup)
    body, heads = _extracted_body(clean_html)
    root = soup.body or soup
    lines = []
    lists: dict[int, int] = {}
    seen_h1 = False
    for el, text in _leaf_blocks(root, figures):
        if el is None:  # a figure's caption or credit line
            hint, text = text
            number = len(lines) + 1
            with_caption = hint == "figure-credit" and lines and lines[-1].hint == "figure-caption"
            lines.append(Line(number, text, hint, lines[-1].block if with_caption else number))
            continue
        if el.name == "h1" and not seen_h1:
            hint, seen_h1 = "title", True
        elif el.name == "address" or (_has_class(el, BYLINE_CLASS) and len(text.split()) <= 14):
            hint = "byline"
        elif _has_class(el, LEDE_CLASS) and not seen_body(lines):
            hint = "lede"
        elif _chrome(el):
            hint = "chrome"
            text = _squash(el.get_text(" "))
        elif re.fullmatch(r"h[2-6]", el.name) or text in heads:
            hint = "heading" if (text in body or not body) else "outside"
        elif el.name == "time":
            hint = "time"
        elif text in body or (not body and el.name in {"p", "blockquote"}):
            hint = "body"
        else:
            hint = "outside"
        number = len(lines) + 1
        lines.append(Line(number, text, hint, _block_id(el, number, lists)))
    return lines, meta, figures


def seen_body(lines: list[Line]) -> bool:
    return any(ln.hint == "body" for ln in lines)
