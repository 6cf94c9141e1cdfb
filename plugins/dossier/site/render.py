"""Render: article body HTML from cleaned blocks, with cross-links. Everything from a capture is escaped."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from html import escape

from ..model import Article
from .link import Link, first_mentions, linked_text


def sections(article: Article) -> dict[int, int]:
    """Paragraph number -> section number: a subheading starts a new section."""
    out, section, n = {}, 0, 0
    for block in article.blocks:
        if block.kind == "subheading":
            section += 1
        else:
            n += 1
            out[n] = section
    return out


def body_html(article: Article, links: Sequence[Link] = ()) -> str:
    by_paragraph: dict[int, list[Link]] = defaultdict(list)
    for link in first_mentions(list(links), sections(article)):
        by_paragraph[link.paragraph].append(link)
    parts = []
    n = 0
    for block in article.blocks:
        if block.kind == "subheading":
            parts.append(f"<h2>{escape(block.text)}</h2>")
        else:
            n += 1
            # Each paragraph links to itself, so a reader can point to it (and cite it: article.html).
            anchor = f'<a class="para-link" href="#p{n}"><span aria-hidden="true">¶</span><span class="visually-hidden">Paragraph </span>{n}</a>'
            parts.append(f'<p id="p{n}">{linked_text(block.text, by_paragraph.get(n, []))} {anchor}</p>')
    return "\n".join(parts)
