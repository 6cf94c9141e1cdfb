"""Link: entity mentions and figures in an article's HTML become links to their pages.

Walks the text nodes of each paragraph (<p id="pN">) with BeautifulSoup, so it never links
inside headings, existing links or credits, and never changes the words around a link.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString

NO_LINK_INSIDE = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "script", "style"}


@dataclass(frozen=True)
class Link:
    paragraph: int  # 1-based; the element with id "p<paragraph>"
    start: int  # character offsets in the paragraph's text
    end: int
    href: str
    css: str  # "entity" or "figure"
    title: str


def _non_overlapping(links: list[Link]) -> list[Link]:
    chosen: list[Link] = []
    for link in sorted(links, key=lambda k: (k.paragraph, k.start, -(k.end - k.start))):
        if chosen and chosen[-1].paragraph == link.paragraph and link.start < chosen[-1].end:
            continue
        chosen.append(link)
    return chosen


def _linkable(node: NavigableString) -> bool:
    return not any(parent.name in NO_LINK_INSIDE or "credit" in (parent.get("class") or []) for parent in node.parents)


def add_links(html: str, links: list[Link]) -> str:
    if not links:
        return html
    soup = BeautifulSoup(html, "html.parser")
    by_paragraph: dict[int, list[Link]] = {}
    for link in _non_overlapping(links):
        by_paragraph.setdefault(link.paragraph, []).append(link)
    for number, pending in by_paragraph.items():
        para = soup.find(id=f"p{number}")
        if para is None:
            continue
        offset = 0
        for node in list(para.descendants):
            if not isinstance(node, NavigableString):
                continue
            text = str(node)
            start, end = offset, offset + len(text)
            offset = end
            inside = [k for k in pending if k.start >= start and k.end <= end]
            if not inside or not _linkable(node):
                continue
            pieces, cursor = [], 0
            for k in inside:
                pieces.append(NavigableString(text[cursor : k.start - start]))
                a = soup.new_tag("a", href=k.href, attrs={"class": k.css, "title": k.title})
                a.string = text[k.start - start : k.end - start]
                pieces.append(a)
                cursor = k.end - start
            pieces.append(NavigableString(text[cursor:]))
            node.replace_with(*[p for p in pieces if not (isinstance(p, NavigableString) and p == "")])
    return str(soup)
