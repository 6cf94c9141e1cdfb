"""Export: the public data contract, output/dossier.json (schema in schema/dossier.schema.json)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from ..build.pipeline import Dossier
from ..extract.figures import FigureClaim
from ..model import Article

SCHEMA_VERSION = 2


def article_record(a: Article, entity_ids: list[str], claims: list[dict]) -> dict:
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
        "captured_at": a.captured_at,
        "container": container_record(a),
        "sha256": a.sha256,
        "encoding": a.encoding,
        "language": a.language,
        "lede": a.lede,
        "subheadings": a.subheadings,
        "paragraphs": a.paragraphs,
        "captions": [{"text": c.text, "credit": c.credit, "alt": c.alt} for c in a.captions],
        "related": list(a.related),
        "removed": [{"line": r.line, "text": r.text, "rule": r.rule} for r in a.removed],
        "entities": entity_ids,
        "figures": claims,
        "topics": sorted(a.topics),
    }


def container_record(a: Article) -> dict | None:
    """The archive file a capture was read from, and which record of it; None for a text or HTML file."""
    c = a.container
    if c is None:
        return None
    return {"file": c.file, "format": c.format, "record": c.record, "target_uri": c.target_uri}


def claim_record(c: FigureClaim) -> dict:
    return {
        "measure": c.measure, "article": c.article, "source": c.source, "date": c.date, "value": c.value,
        "low": c.low, "high": c.high, "qualifier": c.qualifier, "text": c.text, "paragraph": f"p{c.paragraph}",
    }  # fmt: skip


def set_aside_record(c: FigureClaim) -> dict:
    """A claim kept out of its figure: the claim's record (under the measure it was found for, an unknown date
    as null), then why it is not counted."""
    record = claim_record(c) | {"measure": c.moved_from or c.measure, "date": c.date or None}
    return record | {"reason": c.set_aside, "other_event": c.other_event, "moved_to": c.measure if c.moved_from else None}


def entity_records(dossier: Dossier) -> list[dict]:
    return list(iter_entity_records(dossier))


def iter_entity_records(dossier: Dossier) -> Iterator[dict]:
    by_entity = dossier.mentions_by_entity
    return (
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "aliases": list(e.aliases),
            "url": dossier.urls.entity_url(e.id),
            "description": e.description or None,
            "wikidata": e.wikidata,
            "articles": sorted({m.article for m in by_entity.get(e.id, [])}),
            "mentions": [
                {"article": m.article, "paragraph": f"p{m.paragraph}", "text": m.surface, "sentence": m.sentence}
                for m in by_entity.get(e.id, [])
            ],
        }
        for e in dossier.entities
    )


def figure_records(dossier: Dossier) -> list[dict]:
    return [
        {
            "measure": f.measure,
            "url": dossier.urls.figure_url(f.slug),
            "discrepancy": f.discrepancy,
            "values": f.values,
            "same_day_disagreements": f.same_day_disagreements,
            "claims": [claim_record(c) for c in f.claims],
            "set_aside": [set_aside_record(c) for c in f.set_aside],
        }
        for f in dossier.figures
    ]


# A text cell starting with one of these is read as a formula by Excel, LibreOffice and Google Sheets
# (tab and CR too, and the full-width forms some of them accept).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def inert(cell):
    """A text cell that would start a formula gets a leading single quote, as spreadsheet users type it
    themselves; numbers and every other cell are unchanged."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _csv(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([inert(cell) for cell in row] for row in rows)
    return buf.getvalue()


def csv_files(dossier: Dossier) -> dict[str, str]:
    entities = entity_records(dossier)
    return {
        "entities.csv": _csv(
            ["id", "name", "type", "aliases", "wikidata", "articles", "mentions", "url"],
            [
                [
                    e["id"],
                    e["name"],
                    e["type"],
                    "; ".join(e["aliases"]),
                    e["wikidata"] or "",
                    len(e["articles"]),
                    len(e["mentions"]),
                    e["url"],
                ]
                for e in entities
            ],
        ),
        "mentions.csv": _csv(
            ["entity", "article", "paragraph", "text", "sentence"],
            [[e["id"], m["article"], m["paragraph"], m["text"], m["sentence"]] for e in entities for m in e["mentions"]],
        ),
        "figures.csv": _csv(
            ["measure", "article", "source", "date", "value", "low", "high", "qualifier", "paragraph", "text"],
            [
                [
                    c.measure,
                    c.article,
                    c.source,
                    c.date,
                    "" if c.value is None else c.value,
                    c.low,
                    c.high,
                    c.qualifier or "",
                    f"p{c.paragraph}",
                    c.text,
                ]
                for f in dossier.figures
                for c in f.claims
            ],
        ),
    }


def sources(dossier: Dossier) -> list[dict]:
    groups: dict[tuple[str, str], list[str]] = {}
    for a in dossier.articles:
        groups.setdefault((a.source, a.source_slug), []).append(a.slug)
    return [
        {"name": name, "slug": slug, "url": dossier.urls.source_url(slug), "articles": slugs}
        for (name, slug), slugs in sorted(groups.items())
    ]


def write_dossier_json(path: Path, dossier: Dossier, title: str, description: str) -> None:
    """dossier.json written record by record: the bytes of json.dumps of the whole, without the whole file (100 MB at
    5000 captures) in memory at once."""
    with path.open("w", encoding="utf-8", newline="") as f:
        f.writelines(dossier_json_chunks(dossier, title, description))


# Compact: with an indent, Python falls back from its C encoder to a slow pure-Python one.
_dump = partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


def dossier_json_chunks(dossier: Dossier, title: str, description: str) -> Iterator[str]:
    """The export as compact JSON, in pieces: each top-level list one record at a time, each record made when
    it is written. Joined, exactly json.dumps of the whole, plus a newline."""
    mentions, claims = dossier.mentions_by_article, dossier.claims_by_article
    sections: list[tuple[str, str | int | Iterable[dict]]] = [
        ("schema_version", SCHEMA_VERSION),
        ("title", title),
        ("description", description),
        (
            "articles",
            (
                article_record(
                    a,
                    sorted({m.entity for m in mentions.get(a.slug, [])}),
                    [claim_record(c) for c in claims.get(a.slug, [])],
                )
                for a in dossier.articles
            ),
        ),
        ("sources", sources(dossier)),
        (
            "topics",
            (
                {
                    "name": c.topic.name,
                    "slug": c.topic.slug,
                    "url": dossier.urls.topic_url(c.topic.slug),
                    "description": c.topic.description,
                    "articles": sorted(c.paragraphs),
                    "paragraphs": {slug: [f"p{n}" for n in ns] for slug, ns in sorted(c.paragraphs.items())},
                }
                for c in dossier.topics
            ),
        ),
        ("entities", iter_entity_records(dossier)),
        ("figures", figure_records(dossier)),
        (
            "duplicates",
            (
                {"capture": d.capture, "duplicate_of": d.duplicate_of, "reason": d.reason}
                for d in sorted(dossier.duplicates, key=lambda d: d.capture)
            ),
        ),
        ("rejected", ({"capture": r.capture, "reason": r.reason} for r in sorted(dossier.rejected, key=lambda r: r.capture))),
    ]
    yield "{"
    for i, (key, value) in enumerate(sections):
        yield ("," if i else "") + _dump(key) + ":"
        if isinstance(value, str | int):
            yield _dump(value)
            continue
        yield "["
        for n, item in enumerate(value):
            yield ("," if n else "") + _dump(item)
        yield "]"
    yield "}\n"
