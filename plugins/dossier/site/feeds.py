"""Feeds: Atom (and RSS) entries built from the dossier's plain-text article data.

Pelican's writer treats a title as markup (striptags() deletes any text between < and >) and puts the
summary into an HTML element, so a plain-text lede would be read as markup by feed readers. Capture
text is text: here the title goes in as text, the lede as escaped HTML, and each entry credits its
byline and outlet rather than the site's AUTHOR. Enabled by publishconf.py, which turns feeds on.
"""

from __future__ import annotations

from html import escape

from feedgenerator import Atom1Feed, Rss201rev2Feed
from pelican import signals
from pelican.writers import Writer

from ..model import Article


def credit(article: Article) -> str:
    """'lo, rc (DW)', 'AFP (The Moscow Times)', or the outlet alone."""
    names = ", ".join(article.authors) or (article.byline or "").removeprefix("By ").removeprefix("by ").strip()
    source = article.source
    return f"{names} ({source})" if names and names != source else source


class _Entry:
    """A Pelican article seen through the feed: the same, except title, summary and author."""

    def __init__(self, item, article: Article):
        self._item = item
        # The writer unescapes after striptags(), so an escaped title comes out as the exact text.
        self.title = escape(article.title or "", quote=False)
        self.summary = escape(article.lede, quote=False) if article.lede else None
        self.author = credit(article)

    def __getattr__(self, name):
        return getattr(self._item, name)


class FeedWriter(Writer):
    def _create_new_feed(self, feed_type, feed_title, context):
        # Pelican's version runs the feed title (which includes a source's name) through striptags().
        feed_class = Rss201rev2Feed if feed_type == "rss" else Atom1Feed
        title = context["SITENAME"] + (" - " + feed_title if feed_title else "")
        return feed_class(
            title=title,
            link=self.site_url + "/",
            feed_url=self.feed_url,
            description=context.get("SITESUBTITLE", ""),
            subtitle=context.get("SITESUBTITLE", None),
        )

    def _add_item_to_the_feed(self, feed, item):
        article = getattr(item, "dossier", None)
        super()._add_item_to_the_feed(feed, _Entry(item, article) if isinstance(article, Article) else item)


def get_writer(pelican):
    return FeedWriter


def register() -> None:
    signals.get_writer.connect(get_writer)
