"""Duplicates: the same article captured twice is published once; the earliest file name wins."""

from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz

from .model import CleanArticle, Duplicate

# Bodies at least this similar (rapidfuzz ratio, 0-100) are the same article.
NEAR_IDENTICAL = 95.0


def _norm(text: str | None) -> str:
    return re.sub(r"\W+", " ", (text or "").casefold()).strip()


def _url_key(url: str | None) -> str | None:
    if not url:
        return None
    return re.sub(r"^https?://(www\.)?", "", url.strip().rstrip("/")).casefold()


def find_duplicates(articles: list[CleanArticle]) -> tuple[list[CleanArticle], list[Duplicate]]:
    """Split articles (sorted by capture name) into the kept ones and duplicate records."""
    kept: list[CleanArticle] = []
    duplicates: list[Duplicate] = []
    by_title: dict[tuple, str] = {}
    by_url: dict[str, str] = {}
    by_date: dict[str | None, list[tuple[str, str]]] = defaultdict(list)
    for article in sorted(articles, key=lambda a: a.capture):
        body = _norm(" ".join(article.paragraphs))
        title_key = (article.source or "", _norm(article.title))
        url_key = _url_key(article.original_url)
        match = None
        if title_key in by_title:
            match = (by_title[title_key], "same outlet and title")
        elif url_key and url_key in by_url:
            match = (by_url[url_key], "same original URL")
        else:
            # Compare bodies only within the same date: near-copies share a date, and it keeps this linear.
            for name, other in by_date[article.date]:
                if body and fuzz.ratio(body, other) >= NEAR_IDENTICAL:
                    match = (name, "near-identical body")
                    break
        if match:
            duplicates.append(Duplicate(article.capture, match[0], match[1]))
            continue
        kept.append(article)
        by_title[title_key] = article.capture
        if url_key:
            by_url[url_key] = article.capture
        by_date[article.date].append((article.capture, body))
    return kept, duplicates
