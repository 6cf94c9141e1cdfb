"""The whole dossier from a folder of captures: read -> clean -> edit -> dedupe -> extract.

Every capture ends up as exactly one of: an article, a duplicate record, or a rejection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from unidecode import unidecode

from . import clean as cleaning
from . import dedupe, editorial
from .model import CleanArticle, Duplicate, Rejection
from .outlets import Registry
from .read import CAPTURE_SUFFIXES, read_capture


@dataclass
class Dossier:
    articles: list[CleanArticle] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    def by_capture(self) -> dict[str, CleanArticle]:
        return {a.capture: a for a in self.articles}


def slugify(text: str, limit: int = 80) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")
    return slug[:limit].rstrip("-") or "article"


def process(name: str, data: bytes, registry: Registry, max_bytes: int) -> CleanArticle | Rejection:
    """One capture, read and cleaned. Never raises on bad input."""
    capture = read_capture(name, data, max_bytes)
    if isinstance(capture, Rejection):
        return capture
    article = cleaning.clean(capture, registry)
    article.encoding = capture.meta.get("encoding")
    article.repaired = bool(capture.meta.get("repaired"))
    return article


def capture_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def build(folder: Path, registry: Registry, max_bytes: int, overrides: dict[str, dict]) -> Dossier:
    dossier = Dossier()
    cleaned: list[CleanArticle] = []
    for path in capture_files(folder):
        if path.suffix.lower() not in CAPTURE_SUFFIXES:
            dossier.rejected.append(
                Rejection(
                    path.name, f"unsupported file type {path.suffix or '(none)'}: captures are {', '.join(CAPTURE_SUFFIXES)}"
                )
            )
            continue
        result = process(path.name, path.read_bytes(), registry, max_bytes)
        if isinstance(result, Rejection):
            dossier.rejected.append(result)
            continue
        if path.name in overrides:
            result = editorial.apply(result, overrides[path.name], registry)
        if result.not_article:
            reason = overrides.get(path.name, {}).get("reason", "")
            dossier.rejected.append(
                Rejection(path.name, "marked not an article in the editorial file" + (f": {reason}" if reason else ""))
            )
            continue
        result.source = result.source or "Unknown outlet"
        result.source_slug = result.source_slug or slugify(result.source)
        problem = cleaning.problem(result)
        if problem:
            dossier.rejected.append(Rejection(path.name, problem))
            continue
        cleaned.append(result)
    kept, dossier.duplicates = dedupe.find_duplicates(cleaned)
    _assign_slugs(kept)
    dossier.articles = sorted(kept, key=lambda a: (a.date or "", a.slug))
    return dossier


def _assign_slugs(articles: list[CleanArticle]) -> None:
    taken: set[str] = set()
    for article in sorted(articles, key=lambda a: a.capture):
        base = slugify(article.title or article.capture)
        slug = base
        n = 2
        while slug in taken:
            slug = f"{base}-{n}"
            n += 1
        taken.add(slug)
        article.slug = slug
        article.url = f"articles/{slug}.html"
