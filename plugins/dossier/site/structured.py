"""Structured data (schema.org JSON-LD) and the publish-only files: sitemap.xml and robots.txt.

All URLs here are absolute, under the published SITEURL; page links elsewhere stay relative.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

from ..extract.entities import Entity
from ..extract.figures import Figure
from ..model import Article
from ..urls import UrlScheme

SCHEMA_TYPES = {"person": "Person", "organisation": "Organization", "group": "Organization", "place": "Place"}


def script_safe(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> block: nothing in it can close the script."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _entity_ref(e: Entity, site_url: str, urls: UrlScheme) -> dict:
    ref = {"@type": SCHEMA_TYPES[e.type], "name": e.name, "url": f"{site_url}/{urls.entity_url(e.id)}"}
    if e.wikidata:
        ref["sameAs"] = f"https://www.wikidata.org/wiki/{e.wikidata}"
    return ref


def article(a: Article, entities: list[Entity], site_url: str, urls: UrlScheme) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "datePublished": a.date,
        "publisher": {"@type": "Organization", "name": a.source},
        "url": f"{site_url}/{a.url}",
        "mentions": [_entity_ref(e, site_url, urls) for e in entities],
        "archivedAt": f"{site_url}/{a.url}",
    }
    if a.updated:
        data["dateModified"] = a.updated
    if a.original_url:
        data["isBasedOn"] = a.original_url
    if a.lede:
        data["description"] = a.lede
    if a.authors:
        data["author"] = [{"@type": "Person", "name": n} for n in a.authors]
    return data


def entity(e: Entity, site_url: str, urls: UrlScheme) -> dict:
    data = {"@context": "https://schema.org", **_entity_ref(e, site_url, urls)}
    if e.description:
        data["description"] = e.description
    if e.aliases:
        data["alternateName"] = list(e.aliases)
    return data


def figure(f: Figure, site_url: str, urls: UrlScheme, article_urls: dict[str, str]) -> dict:
    """`article_urls`: each article's page path by slug."""
    return {
        "@context": "https://schema.org",
        "@type": "Claim",
        "name": f"Reported number {f.measure}",
        "url": f"{site_url}/{urls.figure_url(f.slug)}",
        "appearance": [
            {
                "@type": "CreativeWork",
                "url": f"{site_url}/{article_urls[c.article]}#p{c.paragraph}",
                "datePublished": c.date,
                "publisher": {"@type": "Organization", "name": c.source},
                "text": c.text,
            }
            for c in f.claims
        ],
    }


def dataset(title: str, description: str, site_url: str, dates: list[str]) -> dict:
    downloads = [
        ("dossier.json", "application/json"),
        ("entities.csv", "text/csv"),
        ("mentions.csv", "text/csv"),
        ("figures.csv", "text/csv"),
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": title,
        "description": description or title,
        "url": f"{site_url}/index.html",
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": fmt, "contentUrl": f"{site_url}/{name}"} for name, fmt in downloads
        ],
    }
    if dates:
        data["temporalCoverage"] = f"{min(dates)}/{max(dates)}"
    return data


def sitemap(site_url: str, pages: list[tuple[str, str | None]]) -> str:
    """pages: (path relative to the site root, last modified YYYY-MM-DD or None), any order."""
    rows = []
    for path, lastmod in sorted(set(pages)):
        row = f"<url><loc>{escape(site_url + '/' + path)}</loc>"
        if lastmod:
            row += f"<lastmod>{lastmod}</lastmod>"
        rows.append(row + "</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(rows)
        + "\n</urlset>\n"
    )


def robots(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {site_url}/sitemap.xml\n"
