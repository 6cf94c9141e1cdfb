"""Link: entity mentions and figures in an article's paragraphs become links to their pages.

A name is linked at its first mention in each section of the article (the text between two
subheadings), not at every one: a reader who wants the page finds the link where the section first
names it. Every figure claim is linked.

Links are placed by character offsets into a paragraph's text, the same offsets the extraction
found them at, and the paragraph is written out piece by piece, each piece escaped. Only body
paragraphs are ever linked: never headings, captions, credits or existing links (paragraph text
has none), and the words around a link are never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Link:
    paragraph: int  # 1-based; the element with id "p<paragraph>"
    start: int  # character offsets in the paragraph's text
    end: int
    href: str
    css: str  # "entity" or "figure"
    title: str


def non_overlapping(links: list[Link]) -> list[Link]:
    """Sorted by position; where two overlap, the earlier (then the longer) wins."""
    chosen: list[Link] = []
    for link in sorted(links, key=lambda k: (k.paragraph, k.start, -(k.end - k.start), k.href)):
        if chosen and chosen[-1].paragraph == link.paragraph and link.start < chosen[-1].end:
            continue
        chosen.append(link)
    return chosen


def linked_text(text: str, links: list[Link]) -> str:
    """HTML for one paragraph's text with its links (already sorted, non-overlapping)."""
    out, cursor = [], 0
    for k in links:
        if k.start < cursor or k.end > len(text):
            continue  # offsets that do not fit this text are never forced in
        out.append(escape(text[cursor : k.start]))
        out.append(f'<a href="{escape(k.href)}" class="{k.css}" title="{escape(k.title)}">{escape(text[k.start : k.end])}</a>')
        cursor = k.end
    out.append(escape(text[cursor:]))
    return "".join(out)


def first_mentions(links: list[Link], section_of: dict[int, int]) -> list[Link]:
    """Sorted, non-overlapping links where each name ("entity" link) is kept only at its first mention in each
    section; `section_of` maps a paragraph number to its section. Figure links are all kept."""
    seen: set[tuple[int, str]] = set()
    kept = []
    for link in non_overlapping(links):
        if link.css == "entity":
            key = (section_of.get(link.paragraph, 0), link.href)
            if key in seen:
                continue
            seen.add(key)
        kept.append(link)
    return kept
