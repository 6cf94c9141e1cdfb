"""The site's one URL scheme: where every page and file of the dossier lives, relative to the site root.

Python (the build, links in article bodies, JSON-LD, the export), the templates (the Jinja global `urls`)
and search.js (the search form's `data-entity-url`) all take their paths from here, so a setting moves a
page everywhere at once. Articles, sources and topics follow Pelican's own settings (ARTICLE_URL,
CATEGORY_URL, CATEGORIES_URL, TAG_URL, TAGS_URL, ARCHIVES_URL); the dossier's own pages have DOSSIER_*_URL settings
(settings.py). Every page is saved where its URL says (a URL names a file, never a folder), so links work
from file:// and under any subpath.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from . import settings as conf


@dataclass(frozen=True)
class UrlScheme:
    """Patterns with `{slug}` (articles also `{date}`, `{category}`, `{lang}` as Pelican's ARTICLE_URL)."""

    article: str = "articles/{slug}.html"
    source: str = "sources/{slug}.html"
    sources: str = "sources/index.html"
    topic: str = "topics/{slug}.html"
    topics: str = "topics/index.html"
    entity: str = "entities/{slug}.html"
    entities: str = "entities/index.html"
    figure: str = "figures/{slug}.html"
    figures: str = "figures/index.html"
    archives: str = "archives.html"  # every article, by date
    raw_dir: str = "captures"  # the folder of byte-exact raw copies

    @classmethod
    def from_settings(cls, settings: dict) -> UrlScheme:
        d = cls()
        return cls(
            article=settings.get("ARTICLE_URL", d.article),
            source=settings.get("CATEGORY_URL", d.source),
            sources=settings.get("CATEGORIES_URL", d.sources),
            topic=settings.get("TAG_URL", d.topic),
            topics=settings.get("TAGS_URL", d.topics),
            entity=conf.get(settings, "DOSSIER_ENTITY_URL"),
            entities=conf.get(settings, "DOSSIER_ENTITIES_URL"),
            figure=conf.get(settings, "DOSSIER_FIGURE_URL"),
            figures=conf.get(settings, "DOSSIER_FIGURES_URL"),
            archives=settings.get("ARCHIVES_URL", d.archives),
            raw_dir=conf.get(settings, "DOSSIER_RAW_DIR"),
        )

    def article_url(self, slug: str, date: str | None = None, source_slug: str | None = None, lang: str = "en") -> str:
        """An article's page, from its slug, its date (YYYY-MM-DD; unknown dates format as 1970-01-01, the
        date Pelican sorts them by) and its source's slug (ARTICLE_URL's `{category}`)."""
        when = datetime.strptime(date, "%Y-%m-%d") if date else datetime(1970, 1, 1)
        return self.article.format(slug=slug, date=when, category=source_slug, lang=lang)

    def source_url(self, slug: str) -> str:
        return self.source.format(slug=slug)

    def topic_url(self, slug: str) -> str:
        return self.topic.format(slug=slug)

    def entity_url(self, slug: str) -> str:
        return self.entity.format(slug=slug)

    def figure_url(self, slug: str) -> str:
        return self.figure.format(slug=slug)

    def raw_url(self, path: str) -> str:
        """A raw copy's address as a URL: a name with "#", "?" or "%" in it still links to its file."""
        return quote(f"{self.raw_dir}/{path}")

    def check(self) -> None:
        """Stop with one clear sentence when a pattern would not give a page of its own per slug."""
        for name in ("article", "source", "topic", "entity", "figure"):
            pattern = getattr(self, name)
            if "{slug}" not in pattern:
                raise SystemExit(f"URL setting for {name} pages must hold {{slug}}: {pattern!r}")
            if pattern.endswith("/"):
                raise SystemExit(f"URL setting for {name} pages must name a file, not a folder: {pattern!r}")


def to_root(path: str) -> str:
    """The relative way from a page at `path` back to the site root: "" or "../" per folder."""
    return "../" * path.count("/")
