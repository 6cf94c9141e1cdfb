"""The whole dossier from a folder of captures: read -> clean -> edit -> dedupe -> extract.

Every capture ends up as exactly one of: an article, a duplicate record, or a rejection.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .. import clean as cleaning
from ..capture.folder import Inventory, inventory
from ..capture.raw import raw_paths
from ..extract import dedupe, editorial
from ..extract import entities as entity_extraction
from ..extract import figures as figure_extraction
from ..extract.entities import Entity, EntityRegistry, Mention
from ..extract.figures import Figure, FigureClaim
from ..extract.topics import Topic, TopicCoverage, article_topics
from ..model import Article, CaptureUnit, CleanArticle, Duplicate, Rejection, capture_order
from ..outlets import Registry
from ..slugs import slugify, unique_slugs
from ..urls import UrlScheme
from .analyse import Analysis, Cache, Config, analyse_all, clean_capture


@dataclass
class Dossier:
    articles: list[Article] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    candidates: list[tuple[str, int]] = field(default_factory=list)  # unregistered names for an editor to review
    topics: list[TopicCoverage] = field(default_factory=list)
    units: list[CaptureUnit] = field(default_factory=list)  # every capture, as read (for raw copies)
    archive_records: Counter[str] = field(default_factory=Counter)  # records in WARC/WACZ files that are not pages
    urls: UrlScheme = field(default_factory=UrlScheme)  # where each page lives

    # Lookups, computed once when first asked for, after the build has filled the lists.
    @cached_property
    def entity_names(self) -> dict[str, str]:
        return {e.id: e.name for e in self.entities}

    @cached_property
    def entities_by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    @cached_property
    def figure_urls(self) -> dict[str, str]:
        return {f.measure: self.urls.figure_url(f.slug) for f in self.figures}

    @cached_property
    def mentions_by_entity(self) -> dict[str, list[Mention]]:
        out: dict[str, list[Mention]] = defaultdict(list)
        for m in self.mentions:
            out[m.entity].append(m)
        return out

    @cached_property
    def by_capture(self) -> dict[str, Article]:
        return {a.capture: a for a in self.articles}

    @cached_property
    def by_slug(self) -> dict[str, Article]:
        return {a.slug: a for a in self.articles}

    @cached_property
    def mentions_by_article(self) -> dict[str, list[Mention]]:
        out: dict[str, list[Mention]] = defaultdict(list)
        for m in self.mentions:
            out[m.article].append(m)
        return out

    @cached_property
    def topic_slugs(self) -> dict[str, str]:
        return {c.topic.name: c.topic.slug for c in self.topics}

    @cached_property
    def units_by_name(self) -> dict[str, CaptureUnit]:
        return {u.name: u for u in self.units}

    @cached_property
    def raw_paths(self) -> dict[str, str]:
        """Capture name -> path of its raw copy under DOSSIER_RAW_DIR, distinct for every capture."""
        return raw_paths(self.units)

    @cached_property
    def claims_by_article(self) -> dict[str, list[FigureClaim]]:
        out: dict[str, list[FigureClaim]] = defaultdict(list)
        for f in self.figures:
            for c in f.claims:
                out[c.article].append(c)
        return out


def process(name: str, data: bytes, registry: Registry, max_bytes: int) -> CleanArticle | Rejection:
    """One capture, read and cleaned. Never raises on bad input."""
    return clean_capture(name, data, registry, max_bytes)


def capture_units(folder: Path) -> Inventory:
    """The captures in the folder: one unit per file, per page of a WARC or WACZ, per ArchiveBox snapshot."""
    return inventory(folder)


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    return [(s.start_char, s.end_char) for s in entity_extraction.nlp()(paragraph).sents]


def assign_topics(dossier: Dossier, topics: tuple[Topic, ...]) -> None:
    """Topics per paragraph from the rules; an editor's list for an article replaces the rules' answer."""
    coverage = {t.name: TopicCoverage(t) for t in topics}
    mentions = dossier.mentions_by_article
    for a in dossier.articles:
        per_paragraph: dict[int, set[str]] = defaultdict(set)
        for m in mentions.get(a.slug, []):
            per_paragraph[m.paragraph].add(m.entity)
        # A topic its headline holds covers the article, even where no paragraph does.
        found = article_topics(a.title, a.paragraphs, [per_paragraph[n] for n in range(1, len(a.paragraphs) + 1)], topics)
        if not a.topics_by_editor:
            a.topics = sorted(found)
        for name in a.topics:
            if name not in coverage:
                taken = {c.topic.slug for c in coverage.values()}
                coverage[name] = TopicCoverage(Topic(name, unique_slugs([name], taken)[name]))
            coverage[name].paragraphs[a.slug] = found.get(name, [])
    dossier.topics = sorted((c for c in coverage.values() if c.paragraphs), key=lambda c: c.topic.name)


def extract(
    dossier: Dossier,
    analyses: dict[str, Analysis],
    entity_registry: EntityRegistry,
    topics: tuple[Topic, ...] = (),
    claim_edits: dict | None = None,
) -> None:
    """Entities, figures and topics across all articles, from each capture's analysis."""
    per_article = {}
    claims: list[FigureClaim] = []
    candidates: Counter[str] = Counter()
    for a in dossier.articles:
        analysis = analyses[a.capture]
        per_article[a.slug] = analysis.found
        candidates.update(analysis.candidates)
        for c in analysis.claims:
            c.article, c.source, c.date = a.slug, a.source, a.date or ""
            claims.append(c)
    dossier.entities, dossier.mentions = entity_extraction.resolve(per_article, entity_registry)
    dossier.figures = figure_extraction.group(claims, claim_edits or {})
    known = {n for e in dossier.entities for n in (e.name, *e.aliases)} | {w for e in dossier.entities for w in e.name.split()}
    dossier.candidates = sorted(((n, c) for n, c in candidates.items() if n not in known), key=lambda nc: (-nc[1], nc[0]))
    assign_topics(dossier, topics)


def build(
    folder: Path,
    registry: Registry,
    max_bytes: int,
    overrides: dict[str, dict],
    entity_registry: EntityRegistry | None = None,
    topics: tuple[Topic, ...] = (),
    cache_dir: Path | None = None,
    workers: int = 0,
    progress=None,
    urls: UrlScheme | None = None,
    found: Inventory | None = None,
    capture_seconds: float = 60.0,
) -> Dossier:
    """`found`: the folder's capture units, when the caller has already listed them."""
    entity_registry = entity_registry or EntityRegistry()
    found = found or capture_units(folder)
    dossier = Dossier(units=found.units, archive_records=found.records, urls=urls or UrlScheme())
    cleaned: list[CleanArticle] = []
    config = Config(registry, entity_registry, max_bytes, capture_seconds)
    analyses = analyse_all(found.units, config, Cache(cache_dir, config.key()), workers, progress)
    rejected = list(found.rejected)
    for unit in found.units:
        name = unit.name
        result = analyses[name].result
        if isinstance(result, Rejection):
            rejected.append(result)
            continue
        if name in overrides:
            result = editorial.apply(result, overrides[name], registry)
        if result.not_article:
            reason = overrides.get(name, {}).get("reason", "")
            rejected.append(Rejection(name, "marked not an article in the editorial file" + (f": {reason}" if reason else "")))
            continue
        problem = cleaning.problem(result)
        if problem:
            rejected.append(Rejection(name, problem))
            continue
        cleaned.append(result)
    dossier.rejected = sorted(rejected, key=lambda r: capture_order(r.capture))
    kept, dossier.duplicates = dedupe.find_duplicates(cleaned, {name: a.shingles for name, a in analyses.items()})
    articles = complete(kept, registry, dossier.urls)
    dossier.articles = sorted(articles, key=lambda a: (a.date is None, a.date or "", a.slug))  # unknown dates last
    # The editor's claim edits, by article slug (slugs are known now).
    claim_edits = {a.slug: overrides[a.capture]["claims"] for a in dossier.articles if overrides.get(a.capture, {}).get("claims")}
    extract(dossier, analyses, entity_registry, topics, claim_edits)
    return dossier


UNKNOWN_SOURCE = "Unknown outlet"


def complete(drafts: list[CleanArticle], registry: Registry, urls: UrlScheme) -> list[Article]:
    """The kept drafts as complete articles: a source for each (an outlet the capture did not name is
    UNKNOWN_SOURCE), a slug for each source's page and each article's page, and the article's address."""
    sources = {d.capture: d.source or UNKNOWN_SOURCE for d in drafts}
    source_slugs = _source_slugs(set(sources.values()), registry)
    articles = []
    for draft, slug in _article_slugs(drafts):
        source = sources[draft.capture]
        url = urls.article_url(slug, draft.date, source_slugs[source])
        articles.append(Article.complete(draft, slug=slug, url=url, source=source, source_slug=source_slugs[source]))
    return articles


def _source_slugs(names: set[str], registry: Registry) -> dict[str, str]:
    """One slug per source name, for its page (sources/<slug>.html): a registered outlet's slug from
    outlets.toml, else the name slugified; distinct, whatever the names ("Fontanka" and "FONTANKA",
    a name with no letters), and never a folder's index. Registered outlets choose first, so an outlet's
    page does not move when an unregistered name like it turns up."""
    registered = {o.name: o.slug for o in registry.outlets if o.name in names}
    slugs = unique_slugs(registered, base=registered)
    return slugs | unique_slugs(names - set(registered), taken=set(slugs.values()))


def _article_slugs(drafts: list[CleanArticle]) -> list[tuple[CleanArticle, str]]:
    """Unique slugs from the titles, earliest capture first."""
    taken: set[str] = set()
    out = []
    for draft in sorted(drafts, key=lambda a: capture_order(a.capture)):
        base = slugify(draft.title or draft.capture)
        slug = base
        n = 2
        while slug in taken:
            slug = f"{base}-{n}"
            n += 1
        taken.add(slug)
        out.append((draft, slug))
    return out
