"""Editorial overrides: an editor corrects a capture without touching it.

content/editorial.toml:

    [captures."002_6f9c142447d4b5cd.txt"]
    title = "Corrected headline"
    date = "2024-03-28"
    source = "The Moscow Times"
    topics = ["Kremlin response"]
    not_article = false
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from .dates import parse_date
from .model import CleanArticle
from .outlets import Registry

FIELDS = {"title", "date", "source", "topics", "not_article", "reason"}


def load(path: Path) -> dict[str, dict]:
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    captures = data.get("captures", {})
    for name, fields in captures.items():
        unknown = set(fields) - FIELDS
        if unknown:
            raise ValueError(f"{path}: capture {name!r} has unknown fields {sorted(unknown)}; allowed: {sorted(FIELDS)}")
    return captures


def apply(article: CleanArticle, override: dict, registry: Registry) -> CleanArticle:
    if "title" in override:
        article.title = override["title"]
    if "date" in override:
        date = parse_date(str(override["date"]))
        if not date:
            raise ValueError(f"editorial override for {article.capture}: date {override['date']!r} is not a date")
        article.date = date
    if "source" in override:
        outlet = registry.by_name(override["source"])
        article.source = outlet.name if outlet else override["source"]
        article.source_slug = outlet.slug if outlet else None
    if "topics" in override:
        article.topics = list(override["topics"])
        article.topics_by_editor = True
    article.not_article = bool(override.get("not_article", False))
    return article
