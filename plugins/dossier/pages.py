"""View models for the dossier's own pages (entities, figures), computed from plain data."""

from __future__ import annotations

from collections import Counter, defaultdict

from . import charts
from .figures import Figure
from .link import Link
from .pipeline import Dossier

TYPE_LABELS = {"person": "People", "organisation": "Organisations", "group": "Groups", "place": "Places"}


def article_links(dossier: Dossier, slug: str, prefix: str = "../") -> list[Link]:
    """Links for one article's mentions and figures, relative to its page."""
    names = {e.id: e.name for e in dossier.entities}
    links = [
        Link(m.paragraph, m.start, m.end, f"{prefix}entities/{m.entity}.html", "entity", names[m.entity])
        for m in dossier.mentions_by_article().get(slug, [])
    ]
    for c in dossier.claims_by_article().get(slug, []):
        links.append(
            Link(
                c.paragraph,
                c.start,
                c.end,
                f"{prefix}figures/{_figure_slug(dossier, c.measure)}.html",
                "figure",
                f"Figure: {c.measure}",
            )
        )
    return links


def _figure_slug(dossier: Dossier, measure: str) -> str:
    return next(f.slug for f in dossier.figures if f.measure == measure)


def entity_pages(dossier: Dossier) -> list[dict]:
    articles = dossier.by_slug()
    by_entity = defaultdict(list)
    for m in dossier.mentions:
        by_entity[m.entity].append(m)
    entity_articles = {e: sorted({m.article for m in ms}) for e, ms in by_entity.items()}
    article_entities = defaultdict(set)
    for e, slugs in entity_articles.items():
        for s in slugs:
            article_entities[s].add(e)
    names = {e.id: e for e in dossier.entities}
    pages = []
    for ent in dossier.entities:
        mentions = sorted(
            by_entity[ent.id],
            key=lambda m: (articles[m.article].date, articles[m.article].source, m.article, m.paragraph, m.start),
        )
        per_source = Counter(articles[m.article].source for m in mentions)
        per_date = Counter(articles[m.article].date for m in mentions)
        co = Counter()
        for slug in entity_articles.get(ent.id, []):
            for other in article_entities[slug]:
                if other != ent.id:
                    co[other] += 1
        pages.append(
            {
                "entity": ent,
                "type_label": TYPE_LABELS[ent.type],
                "mentions": [
                    {"article": articles[m.article], "paragraph": m.paragraph, "sentence": m.sentence, "surface": m.surface}
                    for m in mentions
                ],
                "per_source": sorted(per_source.items()),
                "per_date": sorted(per_date.items()),
                "timeline_svg": charts.bars(
                    sorted(per_date.items()), f"Mentions of {ent.name} by publication date", f"tl-{ent.id}"
                ),
                "cooccurring": [(names[o], n) for o, n in sorted(co.items(), key=lambda kv: (-kv[1], names[kv[0]].name))],
                "articles": entity_articles.get(ent.id, []),
            }
        )
    return pages


def figure_page(dossier: Dossier, figure: Figure) -> dict:
    articles = dossier.by_slug()
    series: dict[str, list[tuple[str, int]]] = defaultdict(list)
    best: dict[tuple[str, str, str], int] = {}
    for c in figure.claims:
        if c.value is not None:
            key = (c.source, c.article, c.date)
            best[key] = max(best.get(key, 0), c.value)
    for (source, _, date), value in sorted(best.items()):
        series[source].append((date, value))
    changed_over_time = len({v for pts in series.values() for _, v in pts}) > 1 and not figure.same_day_disagreements
    return {
        "figure": figure,
        "rows": [{"claim": c, "article": articles[c.article]} for c in figure.claims],
        "chart_svg": charts.value_over_time(
            dict(series), f"Reported {figure.measure} by publication date, per source", f"fig-{figure.slug}"
        ),
        "same_day": figure.same_day_disagreements,
        "changed_over_time": changed_over_time,
        "values": figure.values,
        "ranges": sorted({(c.low, c.high) for c in figure.claims if c.value is None}),
    }
