"""Export: the public data contract, output/dossier.json (schema in schema/dossier.schema.json)."""

from __future__ import annotations

import json

from .model import CleanArticle
from .pipeline import Dossier

SCHEMA_VERSION = 1


def article_record(a: CleanArticle) -> dict:
    return {
        "slug": a.slug,
        "url": a.url,
        "title": a.title,
        "date": a.date,
        "updated": a.updated,
        "source": a.source,
        "byline": a.byline,
        "authors": list(a.authors),
        "agencies": list(a.agencies),
        "original_url": a.original_url,
        "capture": a.capture,
        "sha256": a.sha256,
        "encoding": a.encoding,
        "lede": a.lede,
        "subheadings": a.subheadings,
        "paragraphs": a.paragraphs,
        "captions": [{"text": c.text, "credit": c.credit, "alt": c.alt} for c in a.captions],
        "related": list(a.related),
        "removed": [{"line": r.line, "text": r.text, "rule": r.rule} for r in a.removed],
        "entities": [],
        "figures": [],
        "topics": sorted(a.topics),
    }


def sources(dossier: Dossier) -> list[dict]:
    groups: dict[tuple[str, str], list[str]] = {}
    for a in dossier.articles:
        groups.setdefault((a.source, a.source_slug), []).append(a.slug)
    return [
        {"name": name, "slug": slug, "url": f"sources/{slug}.html", "articles": slugs}
        for (name, slug), slugs in sorted(groups.items())
    ]


def dossier_json(dossier: Dossier, title: str, description: str) -> str:
    data = {
        "schema_version": SCHEMA_VERSION,
        "title": title,
        "description": description,
        "articles": [article_record(a) for a in dossier.articles],
        "sources": sources(dossier),
        "topics": [],
        "entities": [],
        "figures": [],
        "duplicates": [
            {"capture": d.capture, "duplicate_of": d.duplicate_of, "reason": d.reason}
            for d in sorted(dossier.duplicates, key=lambda d: d.capture)
        ],
        "rejected": [{"capture": r.capture, "reason": r.reason} for r in sorted(dossier.rejected, key=lambda r: r.capture)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
