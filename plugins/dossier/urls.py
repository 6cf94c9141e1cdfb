"""The site's one URL scheme: where every page and file of the dossier lives, relative to the site root.

Python (the build, links in article bodies, JSON-LD, the export), the templates (the Jinja global `urls`)
and search.js (the search form's `data-entity-url`) all take their paths from here, so a setting moves a
page everywhere at once. Articles, sources and topics follow Pelican's own settings (ARTICLE_URL,
CATEGORY_URL, CATEGORIES_URL, TAG_URL, TAGS_URL, ARCHIVES_URL); the dossier's own pages have DOSSIER_*_URL settings
(settings.py). Every page is saved where its URL says (a URL names a file, never a folder), so links work
from file:// and under any subpath.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, fields
from datetime import datetime
from urllib.parse import quote

from . import settings as conf
from .slugs import RESERVED  # no page of a name gets these slugs: a folder's list may be <folder>/index.html


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
    lang: str = "en"  # ARTICLE_URL's {lang}: Pelican's DEFAULT_LANG, as Pelican fills it for the dossier's articles

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
            lang=settings.get("DEFAULT_LANG", d.lang),
        )

    def article_url(self, slug: str, date: str | None = None, source_slug: str | None = None) -> str:
        """An article's page, from its slug, its date (YYYY-MM-DD; unknown dates format as 1970-01-01, the
        date Pelican sorts them by) and its source's slug (ARTICLE_URL's `{category}`)."""
        when = datetime.strptime(date, "%Y-%m-%d") if date else datetime(1970, 1, 1)
        return self.article.format(slug=slug, date=when, category=source_slug, lang=self.lang)

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
        """Stop with one clear sentence when a pattern would not give each page a file of its own: a pattern
        without {slug} or with a field the dossier does not fill, a folder instead of a file, a page of a
        slug that is also a fixed page (about.html, a list of pages), or two kinds of page in one place."""
        for kind, pattern in self.slug_patterns().items():
            where = f"{SETTING[kind]} = {pattern!r}"
            names = {f.split(".")[0].split("[")[0] for _, f, _, _ in string.Formatter().parse(pattern) if f is not None}
            allowed = ARTICLE_FIELDS if kind == "article" else {"slug"}
            if "slug" not in names:
                raise SystemExit(f"{where}: a page address must hold {{slug}}")
            if names - allowed:
                raise SystemExit(
                    f"{where}: the dossier fills only {', '.join('{' + n + '}' for n in sorted(allowed))} here, "
                    f"not {', '.join('{' + n + '}' for n in sorted(names - allowed))}"
                )
            if pattern.endswith("/"):
                raise SystemExit(f"{where}: a page address must name a file, not a folder")
            matches = _matcher(pattern, self.lang)
            for fixed, setting in self.fixed_pages().items():
                m = matches.fullmatch(fixed)
                if m and m.group("slug") not in RESERVED:
                    raise SystemExit(
                        f"{where}: {fixed}, {setting}, would also be the page of {_a(kind)} slugged {m.group('slug')!r}; "
                        f"give {_a(kind)[2:].strip()} pages a folder of their own"
                    )
            sample = self._sample(kind)
            for other, other_pattern in self.slug_patterns().items():
                if other != kind and _matcher(other_pattern, self.lang).fullmatch(sample):
                    raise SystemExit(
                        f"{where} and {SETTING[other]} = {other_pattern!r}: {_a(kind)} and {_a(other)} with one slug "
                        f"would share a page; give each kind of page a folder of its own"
                    )

    def slug_patterns(self) -> dict[str, str]:
        return {kind: getattr(self, kind) for kind in SETTING if kind in SLUG_KINDS}

    def fixed_pages(self) -> dict[str, str]:
        """The site's pages that have no slug, each with what it is."""
        lists = {getattr(self, f.name): f"the list of {f.name} ({SETTING[f.name]})" for f in fields(self) if f.name in LIST_KINDS}
        return {**FIXED_PAGES, **lists}

    def _sample(self, kind: str) -> str:
        if kind == "article":
            return self.article_url("zz-sample-slug", "2024-03-22", "zz-sample-source")
        return getattr(self, kind).format(slug="zz-sample-slug")


# Which setting names each pattern, for messages.
SETTING = {
    "article": "ARTICLE_URL",
    "source": "CATEGORY_URL",
    "topic": "TAG_URL",
    "entity": "DOSSIER_ENTITY_URL",
    "figure": "DOSSIER_FIGURE_URL",
    "sources": "CATEGORIES_URL",
    "topics": "TAGS_URL",
    "entities": "DOSSIER_ENTITIES_URL",
    "figures": "DOSSIER_FIGURES_URL",
    "archives": "ARCHIVES_URL",
}
SLUG_KINDS = ("article", "source", "topic", "entity", "figure")
LIST_KINDS = ("sources", "topics", "entities", "figures", "archives")
ARTICLE_FIELDS = {"slug", "date", "category", "lang"}
# Pages the plugin and the theme write at fixed places (review.html only for a local build, 404.html for a publish one).
FIXED_PAGES = {
    "index.html": "the home page",
    "about.html": "the about page",
    "search.html": "the search page",
    "review.html": "the editor's review page",
    "404.html": "the not-found page",
}


def _a(kind: str) -> str:
    """ "an article", "a name": a kind of page as a reader calls it."""
    word = {"entity": "name"}.get(kind, kind)
    return ("an " if word[0] in "aeiou" else "a ") + word


def _matcher(pattern: str, lang: str) -> re.Pattern:
    """A regex that matches every address the pattern can give, with the slug as the group `slug` ({lang} is
    the one language the scheme has; {date} and {category} may be anything)."""
    out, named = [], False
    for literal, name, _, _ in string.Formatter().parse(pattern):
        out.append(re.escape(literal))
        if name == "lang":
            out.append(re.escape(lang))
        elif name is not None:
            out.append("(?P<slug>[^/]+)" if name == "slug" and not named else "[^/]+")
            named = named or name == "slug"
    return re.compile("".join(out))


def to_root(path: str) -> str:
    """The relative way from a page at `path` back to the site root: "" or "../" per folder."""
    return "../" * path.count("/")
