"""Duplicates: the same article captured twice is published once; the earliest file name wins."""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from ..model import CleanArticle, Duplicate, capture_order

# Bodies at least this similar (rapidfuzz ratio, 0-100) are the same article.
NEAR_IDENTICAL = 95.0
# Candidate pairs share one of the rarest 5-word shingles of the newer body; near-identical
# bodies share almost all of theirs, and looking only at rare ones keeps this linear.
RARE_SHINGLES = 8
MIN_JACCARD = 0.6
# Same outlet and title make a duplicate only when the smaller body shares this much with the other.
SAME_TITLE_OVERLAP = 0.5


def shingles(body: str) -> set[int]:
    words = body.split()
    return {zlib.crc32(" ".join(words[i : i + 5]).encode()) for i in range(max(1, len(words) - 4))}


def _norm(text: str | None) -> str:
    return re.sub(r"\W+", " ", (text or "").casefold()).strip()


def _url_key(url: str | None) -> str | None:
    """The address without scheme and www; None for a site's home page, which many pages name as canonical."""
    if not url:
        return None
    key = re.sub(r"^https?://(www\.)?", "", url.strip().rstrip("/")).casefold()
    return key if "/" in key else None


def _overlap(a: set[int], b: set[int]) -> float:
    """Shared shingles over the smaller body's: 1.0 when one body holds the other."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def normalised_body(article: CleanArticle) -> str:
    return _norm(" ".join(article.paragraphs))


def find_duplicates(
    articles: list[CleanArticle], known: dict[str, set[int]] | None = None
) -> tuple[list[CleanArticle], list[Duplicate]]:
    """Split articles (sorted by capture name) into the kept ones and duplicate records.
    `known`: shingle sets already computed, by capture name."""
    kept: list[CleanArticle] = []
    duplicates: list[Duplicate] = []
    by_title: dict[tuple, str] = {}
    by_url: dict[str, str] = {}
    by_shingle: dict[int, list[str]] = defaultdict(list)
    ordered = sorted(articles, key=lambda a: capture_order(a.capture))
    bodies = {a.capture: normalised_body(a) for a in ordered}
    known = known or {}
    sets = {name: known.get(name) or shingles(body) for name, body in bodies.items() if body}
    frequency: Counter[int] = Counter(h for s in sets.values() for h in s)
    for article in ordered:
        body = bodies[article.capture]
        title_key = (article.source or "", _norm(article.title))
        url_key = _url_key(article.original_url)
        match = None
        mine = sets.get(article.capture, set())
        if title_key in by_title and _overlap(mine, sets.get(by_title[title_key], set())) >= SAME_TITLE_OVERLAP:
            # A shared title alone is no evidence ("The GiveWell Blog"); with much of the body shared, it is.
            match = (by_title[title_key], "same outlet and title, and a largely shared body")
        elif url_key and url_key in by_url:
            match = (by_url[url_key], "same original URL")
        elif body:
            shared = [h for h in mine if frequency[h] > 1]  # a shingle only this body has can match nothing
            rare = sorted(shared, key=lambda h: (frequency[h], h))[:RARE_SHINGLES]
            for name in sorted({n for h in rare for n in by_shingle[h]}, key=capture_order):
                other = sets[name]
                if len(mine & other) / len(mine | other) >= MIN_JACCARD and fuzz.ratio(
                    body, bodies[name], score_cutoff=NEAR_IDENTICAL
                ):
                    match = (name, "near-identical body")
                    break
        if match:
            duplicates.append(Duplicate(article.capture, match[0], match[1]))
            continue
        kept.append(article)
        by_title[title_key] = article.capture
        if url_key:
            by_url[url_key] = article.capture
        for h in sets.get(article.capture, ()):
            by_shingle[h].append(article.capture)
    return kept, duplicates
