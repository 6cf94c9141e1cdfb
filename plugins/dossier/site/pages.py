"""View models for the dossier's pages, computed from plain data: one frozen dataclass per page or part,
which the templates read by attribute (pelican_edges passes a page's fields to its template by name)."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from datetime import date

from ..build.pipeline import Dossier
from ..extract.entities import Entity
from ..extract.figures import Figure, FigureClaim, measures
from ..extract.topics import Topic
from ..model import Article, Duplicate, Rejection
from . import charts
from .link import Link

TYPE_LABELS = {"person": "People", "organisation": "Organisations", "group": "Groups", "place": "Places"}


# Articles whose date is unknown sort after every dated one.
UNKNOWN_LAST = "9999-99-99"


def template_fields(view) -> dict:
    """A view's fields by name, for a template that reads them as variables (shallow: the values as they are)."""
    return {f.name: getattr(view, f.name) for f in fields(view)}


def article_links(dossier: Dossier, slug: str, prefix: str = "../") -> list[Link]:
    """Links for one article's mentions and figures, relative to its page (`prefix` leads to the site root)."""
    names = dossier.entity_names
    links = [
        Link(m.paragraph, m.start, m.end, prefix + dossier.urls.entity_url(m.entity), "entity", names[m.entity])
        for m in dossier.mentions_by_article.get(slug, [])
    ]
    for c in dossier.claims_by_article.get(slug, []):
        links.append(
            Link(
                c.paragraph,
                c.start,
                c.end,
                prefix + dossier.figure_urls[c.measure],
                "figure",
                f"Figure: {c.measure}",
            )
        )
    return links


@dataclass(frozen=True)
class MentionRow:
    article: Article
    paragraph: int
    sentence: str
    surface: str


@dataclass(frozen=True)
class EntityPage:
    entity: Entity
    type_label: str  # "People", "Organisations", ...
    mentions: list[MentionRow]  # by date, source, article, place
    per_source: list[tuple[str, int]]
    per_date: list[tuple[str, int]]
    timeline_svg: str
    cooccurring: list[tuple[Entity, int]]  # names in the same articles, with how many
    articles: list[str]  # slugs


def entity_pages(dossier: Dossier) -> list[EntityPage]:
    articles = dossier.by_slug
    by_entity = dossier.mentions_by_entity
    entity_articles = {e: sorted({m.article for m in ms}) for e, ms in by_entity.items()}
    article_entities = defaultdict(set)
    for e, slugs in entity_articles.items():
        for s in slugs:
            article_entities[s].add(e)
    names = dossier.entities_by_id
    pages = []
    for ent in dossier.entities:
        mentions = sorted(
            by_entity.get(ent.id, []),
            key=lambda m: (articles[m.article].date or UNKNOWN_LAST, articles[m.article].source, m.article, m.paragraph, m.start),
        )
        per_source = Counter(articles[m.article].source for m in mentions)
        per_date = Counter(d for m in mentions if (d := articles[m.article].date))
        co: Counter[str] = Counter()
        for slug in entity_articles.get(ent.id, []):
            for other in article_entities[slug]:
                if other != ent.id:
                    co[other] += 1
        pages.append(
            EntityPage(
                entity=ent,
                type_label=TYPE_LABELS[ent.type],
                mentions=[MentionRow(articles[m.article], m.paragraph, m.sentence, m.surface) for m in mentions],
                per_source=sorted(per_source.items()),
                per_date=sorted(per_date.items()),
                timeline_svg=charts.bars(sorted(per_date.items()), f"Mentions of {ent.name} by publication date", f"tl-{ent.id}"),
                cooccurring=[(names[o], n) for o, n in sorted(co.items(), key=lambda kv: (-kv[1], names[kv[0]].name))],
                articles=entity_articles.get(ent.id, []),
            )
        )
    return pages


def day(d: str, with_year: bool = False) -> str:
    """A date as a reader says it: "24 March" (or "24 March 2024")."""
    when = date.fromisoformat(d)
    return f"{when.day} {when.strftime('%B')}" + (f" {when.year}" if with_year else "")


def _claim_and_day(c, with_year: bool) -> str:
    return f"{c.qualified} ({day(c.date, with_year)})"


def change_text(figure: Figure) -> str | None:
    """How the figure changed from one date to another ("rose from 137 (24 March) to at least 144 (30 March)"),
    or None when it did not."""
    change = figure.change()
    if change is None:
        return None
    first, last = change
    assert first.value is not None and last.value is not None  # change() compares claims with a value
    verb = "rose" if last.value > first.value else "fell"
    years = first.date[:4] != last.date[:4]
    return f"{verb} from {_claim_and_day(first, years)} to {_claim_and_day(last, years)}"


def conflict_texts(figure: Figure) -> list[str]:
    """One line per date on which sources gave different values: "sources disagree: 143 (The Moscow Times)
    vs at least 144 (DW), same day (30 March)"."""
    return [
        "sources disagree: "
        + " vs ".join(f"{c.qualified} ({', '.join(sources)})" for c, sources in values)
        + f", same day ({day(d)})"
        for d, values in figure.conflicts()
    ]


@dataclass(frozen=True)
class ClaimRow:
    claim: FigureClaim
    article: Article


@dataclass(frozen=True)
class FigurePage:
    figure: Figure
    url: str  # the page's path from the site root
    rows: list[ClaimRow]
    set_aside_rows: list[ClaimRow]  # claims about something else, each with its reason
    chart_svg: str
    change: str | None  # "rose from ... to ...", or None
    conflicts: list[str]  # "sources disagree: ...", one per day
    values: list[int]
    vague: list[str]


def figure_page(dossier: Dossier, figure: Figure) -> FigurePage:
    articles = dossier.by_slug
    series: dict[str, list[tuple[str, int]]] = defaultdict(list)
    best: dict[tuple[str, str, str], int] = {}
    for c in figure.claims:
        if c.value is not None and c.date:  # a claim of unknown date is in the table, not on the time axis
            key = (c.source, c.article, c.date)
            best[key] = max(best.get(key, 0), c.value)
    # One point per source, day and value: articles of one source saying the same on the same day are
    # one point on the chart (all of them are in the table), so a chart of thousands of articles stays readable.
    for source, d, value in sorted({(source, d, value) for (source, _, d), value in best.items()}):
        series[source].append((d, value))
    change, conflicts = change_text(figure), conflict_texts(figure)
    return FigurePage(
        figure=figure,
        url=dossier.urls.figure_url(figure.slug),
        rows=[ClaimRow(c, articles[c.article]) for c in figure.claims],
        set_aside_rows=[ClaimRow(c, articles[c.article]) for c in figure.set_aside],
        chart_svg=charts.value_over_time(
            dict(series), f"Reported {figure.measure} by publication date, per source", f"fig-{figure.slug}"
        )
        if series
        else "",
        change=change,
        conflicts=conflicts,
        values=figure.values,
        vague=sorted({c.number for c in figure.claims if c.value is None}),
    )


def _top_entities(dossier: Dossier, mentions, limit: int = 10) -> list[tuple]:
    names = dossier.entities_by_id
    counts = Counter(m.entity for m in mentions)
    return [(names[e], n) for e, n in sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]].name))[:limit]]


@dataclass(frozen=True)
class SourceView:
    domains: list[str]
    articles: list[Article]  # by date
    agencies: list[tuple[str, int]]  # credited, most first
    entities: list[tuple[Entity, int]]  # names it mentions most
    claims: list[tuple[FigureClaim, Article]]
    first: str | None
    last: str | None


def source_views(dossier: Dossier, domains: dict[str, list[str]]) -> dict[str, SourceView]:
    """Per outlet: domain, articles by date, agencies credited, names it mentions most, figures it reported."""
    by_source: defaultdict[str, list[Article]] = defaultdict(list)
    for a in dossier.articles:
        by_source[a.source].append(a)
    mentions = dossier.mentions_by_article
    claims = dossier.claims_by_article
    views: dict[str, SourceView] = {}
    for source, arts in sorted(by_source.items()):
        arts = sorted(arts, key=lambda a: (a.date or UNKNOWN_LAST, a.slug))
        agencies = Counter(ag for a in arts for ag in a.agencies)
        source_mentions = [m for a in arts for m in mentions.get(a.slug, [])]
        views[source] = SourceView(
            domains=domains.get(source, []),
            articles=arts,
            agencies=sorted(agencies.items(), key=lambda kv: (-kv[1], kv[0])),
            entities=_top_entities(dossier, source_mentions),
            claims=[(c, a) for a in arts for c in claims.get(a.slug, [])],
            first=arts[0].date,
            last=arts[-1].date,
        )
    return views


@dataclass(frozen=True)
class TopicItem:
    article: Article
    paragraphs: list[tuple[int, str]]  # (number, text) of the paragraphs on the topic
    by_editor: bool  # the editor put the article under the topic (no paragraph matched)


@dataclass(frozen=True)
class TopicView:
    topic: Topic
    columns: list[tuple[str, list[TopicItem], list[Article]]]  # per source: items shown, older ones by title
    entities: list[tuple[Entity, int]]
    claims: list[tuple[FigureClaim, Article]]


def topic_views(dossier: Dossier, per_source: int = 20) -> dict[str, TopicView]:
    """Per topic: source by source, side by side, the paragraphs where each covers it. Past `per_source`
    articles from one source, the older ones are listed by title only, so a page stays readable."""
    articles = dossier.by_slug
    mentions = dossier.mentions_by_article
    claims = dossier.claims_by_article
    views = {}
    for cov in dossier.topics:
        columns: defaultdict[str, list[TopicItem]] = defaultdict(list)
        topic_mentions, topic_claims = [], []
        for slug, numbers in cov.paragraphs.items():
            a = articles[slug]
            shown = numbers or [1]
            columns[a.source].append(
                TopicItem(a, [(n, a.paragraphs[n - 1]) for n in shown if n <= len(a.paragraphs)], not numbers)
            )
            topic_mentions += [m for m in mentions.get(slug, []) if m.paragraph in shown]
            topic_claims += [(c, a) for c in claims.get(slug, []) if c.paragraph in shown]
        newest = {
            src: sorted(items, key=lambda i: (i.article.date or "", i.article.slug), reverse=True)
            for src, items in columns.items()
        }
        views[cov.topic.name] = TopicView(
            topic=cov.topic,
            columns=[(src, items[:per_source], [i.article for i in items[per_source:]]) for src, items in sorted(newest.items())],
            entities=_top_entities(dossier, topic_mentions, 15),
            claims=sorted(topic_claims, key=lambda ca: (ca[0].date or UNKNOWN_LAST, ca[0].source, ca[0].measure)),
        )
    return views


@dataclass(frozen=True)
class FigureCard:
    figure: Figure
    url: str
    by_date: list[tuple[str, list[FigureClaim]]]  # ("24 March 2024", its claims), by date
    values: list[int]
    vague: list[str]
    change: str | None
    conflicts: list[str]


@dataclass(frozen=True)
class HomeView:
    key_figures: list[FigureCard]
    key_measures: list[str]
    figure_cards: dict[str, FigureCard]  # every figure with a claim, by measure
    timeline_svg: str
    shared_entities: list[tuple[Entity, list[str], int]]  # names more than one source mentions: sources, mentions


def home_view(dossier: Dossier, key_measures: tuple[str, ...] | None = None) -> HomeView:
    """Key figures, a timeline of articles by source, and names shared across sources. The key figures are
    the chosen measures (DOSSIER_KEY_FIGURES, else those the measure table marks key), in that order, among
    those with a claim; `figure_cards` holds a card for every figure, for a template that chooses itself."""
    articles = dossier.by_slug
    cards = {}
    for f in dossier.figures:
        if not f.claims:
            continue  # every claim set aside: the figure page says why, the home page has nothing to show
        by_date = defaultdict(list)
        for c in f.claims:
            by_date[day(c.date, True) if c.date else "date unknown"].append(c)
        cards[f.measure] = FigureCard(
            figure=f,
            url=dossier.urls.figure_url(f.slug),
            by_date=[(d, cs) for d, cs in sorted(by_date.items(), key=lambda kv: min(c.date or UNKNOWN_LAST for c in kv[1]))],
            values=f.values,
            vague=sorted({c.number for c in f.claims if c.value is None}),
            change=change_text(f),
            conflicts=conflict_texts(f),
        )
    chosen = measures().key_measures if key_measures is None else key_measures
    sources_of: defaultdict[str, set[str]] = defaultdict(set)
    for m in dossier.mentions:
        sources_of[m.entity].add(articles[m.article].source)
    names = dossier.entities_by_id
    mention_count = Counter(m.entity for m in dossier.mentions)
    shared = sorted(
        (e for e in names if len(sources_of[e]) > 1), key=lambda e: (-len(sources_of[e]), -mention_count[e], names[e].name)
    )
    timeline = charts.timeline(
        [(a.date, a.source, a.title or "") for a in dossier.articles if a.date],
        "Articles by publication date, one row per source",
        "home-timeline",
    )
    return HomeView(
        key_figures=[cards[m] for m in chosen if m in cards],
        key_measures=list(chosen),
        figure_cards=cards,
        timeline_svg=timeline,
        shared_entities=[(names[e], sorted(sources_of[e]), mention_count[e]) for e in shared[:15]],
    )


@dataclass(frozen=True)
class Cooccurrence:
    graph_svg: str
    graph_edges: list[tuple[Entity, Entity, int]]  # two names and how many paragraphs they share


def cooccurrence(dossier: Dossier, limit: int = 16) -> Cooccurrence:
    """The most-mentioned names, and how many paragraphs each pair shares (articles are too coarse: in a
    dossier about one event, every big name shares every article)."""
    names = dossier.entities_by_id
    counts = Counter(m.entity for m in dossier.mentions)
    top = [e for e, _ in sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]].name))[:limit]]
    per_paragraph = defaultdict(set)
    for m in dossier.mentions:
        if m.entity in top:
            per_paragraph[(m.article, m.paragraph)].add(m.entity)
    pairs: Counter[tuple[str, str]] = Counter()
    for ents in per_paragraph.values():
        ordered = sorted(ents)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs[(a, b)] += 1
    edges = [(a, b, n) for (a, b), n in sorted(pairs.items())]
    svg = charts.graph(
        [(e, names[e].name, counts[e]) for e in top], edges, "Names that appear in the same paragraphs", "cooccurrence"
    )
    return Cooccurrence(svg, [(names[a], names[b], n) for a, b, n in edges])


# Characters that mean something to BibTeX, and how to write them as text.
_BIBTEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_", "$": r"\$", "^": r"\^{}", "~": r"\~{}"}  # fmt: skip


def _bibtex_text(text: str) -> str:
    return "".join(_BIBTEX.get(ch, ch) for ch in text)


@dataclass(frozen=True)
class Citation:
    """How to cite one article of the dossier, or one of its paragraphs: who published it and when, where
    it was, and which archived bytes (capture file and sha256) the dossier's page was cleaned from."""

    outlet: str
    title: str
    date: str | None  # YYYY-MM-DD, or None when unknown
    authors: tuple[str, ...]
    original_url: str | None
    capture: str
    sha256: str
    dossier: str  # the dossier's title
    page_url: str  # absolute when the site's address is known, else the path from the site's root
    key: str  # a BibTeX key and CSL id

    def _page(self, paragraph: int | None) -> str:
        return self.page_url + (f"#p{paragraph}" if paragraph else "")

    def _archived(self) -> str:
        return f"Archived in {self.dossier}: capture {self.capture}, sha256 {self.sha256}"

    def text(self, paragraph: int | None = None) -> str:
        """One plain-text line: byline, outlet, title, date, original URL, then the archived copy."""
        by = f"{', '.join(self.authors)}. " if self.authors else ""
        where = f", paragraph {paragraph}" if paragraph else ""
        original = self.original_url or "Original URL not recorded"
        return f"{by}{self.outlet}. “{self.title}”{where}. {self.date or 'Date unknown'}. {original}. {self._archived()}, {self._page(paragraph)}."

    def bibtex(self, paragraph: int | None = None) -> str:
        """A biblatex @online entry (plain BibTeX reads it too, with year and howpublished)."""
        authors = " and ".join(_bibtex_text(a) for a in self.authors) or "{" + _bibtex_text(self.outlet) + "}"
        url = (self.original_url or "").replace("{", "%7B").replace("}", "%7D")
        where = f", paragraph {paragraph}" if paragraph else ""
        fields = [
            ("author", authors),
            ("title", "{" + _bibtex_text(self.title) + "}"),
            ("organization", _bibtex_text(self.outlet)),
            ("date", self.date or ""),
            ("year", (self.date or "")[:4]),
            ("url", url),
            ("howpublished", "\\url{" + url + "}" if url else ""),
            ("note", f"{_bibtex_text(self._archived())}{where}, \\url{{{self._page(paragraph)}}}"),
        ]
        key = self.key + (f"-p{paragraph}" if paragraph else "")
        return f"@online{{{key},\n" + "".join(f"  {name} = {{{value}}},\n" for name, value in fields if value) + "}"

    def csl_json(self) -> str:
        """A CSL-JSON item, as Zotero, Pandoc and citation.js read it."""
        item: dict = {"id": self.key, "type": "article-newspaper", "title": self.title, "container-title": self.outlet}
        if self.authors:
            item["author"] = [{"literal": a} for a in self.authors]
        if self.date:
            item["issued"] = {"date-parts": [[int(part) for part in self.date.split("-")]]}
        if self.original_url:
            item["URL"] = self.original_url
        item["archive"] = self.dossier
        item["archive_location"] = self.page_url
        item["note"] = f"Capture {self.capture}, sha256 {self.sha256}"
        return json.dumps([item], ensure_ascii=False, indent=2)


def citation(article: Article, dossier_title: str, site_url: str = "") -> Citation:
    """The citation of one article; `site_url` is the published address (empty for a local build)."""
    page = f"{site_url.rstrip('/')}/{article.url}" if site_url else article.url
    outlet = article.source_slug
    key = re.sub(r"[^a-z0-9]+", "-", f"{outlet}-{article.date or 'undated'}").strip("-")
    return Citation(
        outlet=article.source,
        title=article.title or article.capture,
        date=article.date,
        authors=tuple(article.authors),
        original_url=article.original_url,
        capture=article.capture,
        sha256=article.sha256,
        dossier=dossier_title,
        page_url=page,
        key=f"{key}-{article.sha256[:8]}",
    )


@dataclass(frozen=True)
class BuildReport:
    """The about page's account of the build: every capture is an article, a duplicate or a rejection."""

    captures: int
    articles: int
    duplicates: list[Duplicate]
    rejected: list[Rejection]
    archive_records: str  # "12 (5 request record, ...)": records of archive files that are not pages, or ""


def build_report(dossier: Dossier, archive_records: str) -> BuildReport:
    return BuildReport(
        captures=len(dossier.articles) + len(dossier.duplicates) + len(dossier.rejected),
        articles=len(dossier.articles),
        duplicates=sorted(dossier.duplicates, key=lambda d: d.capture),
        rejected=sorted(dossier.rejected, key=lambda r: r.capture),
        archive_records=archive_records,
    )


@dataclass(frozen=True)
class ReviewView:
    candidates: list[tuple[str, int]]  # names found but not registered, with how often
    rejected: list[Rejection]
    duplicates: list[Duplicate]
    undated: list[Article]


def review_view(dossier: Dossier) -> ReviewView:
    """What an editor should look at, kept off the readers' pages: names found but not registered,
    rejected and duplicate captures, and articles whose date is unknown."""
    return ReviewView(
        candidates=dossier.candidates,
        rejected=sorted(dossier.rejected, key=lambda r: r.capture),
        duplicates=sorted(dossier.duplicates, key=lambda d: d.capture),
        undated=sorted((a for a in dossier.articles if not a.date), key=lambda a: a.capture),
    )
