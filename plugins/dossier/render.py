"""Render: article body HTML from cleaned blocks. Everything from a capture is escaped."""

from __future__ import annotations

from html import escape

from .model import CleanArticle


def body_html(article: CleanArticle) -> str:
    parts = []
    n = 0
    for block in article.blocks:
        if block.kind == "subheading":
            parts.append(f"<h2>{escape(block.text)}</h2>")
        else:
            n += 1
            parts.append(f'<p id="p{n}">{escape(block.text)}</p>')
    return "\n".join(parts)
