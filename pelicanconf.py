"""Pelican settings for a local build of the dossier (make build)."""

import os

_HERE = os.path.dirname(os.path.abspath(__file__))

AUTHOR = "Crocus dossier editors"
SITENAME = "Crocus City Hall attack: a dossier"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
# Month names on pages must not depend on the build machine's locale: Pelican sets this one.
LOCALE = ("C.UTF-8", "C")

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["dossier"]

ARTICLE_PATHS = ["captures"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
# Pelican's own HTML reader would claim saved HTML captures; the plugin's reader takes them.
READERS = {"htm": None}

# Every link is relative and names a file, so the site works from file:// and under a subpath.
RELATIVE_URLS = True
ARTICLE_URL = ARTICLE_SAVE_AS = "articles/{slug}.html"
PAGE_URL = PAGE_SAVE_AS = "pages/{slug}.html"
CATEGORY_URL = CATEGORY_SAVE_AS = "sources/{slug}.html"
CATEGORIES_URL = CATEGORIES_SAVE_AS = "sources/index.html"
TAG_URL = TAG_SAVE_AS = "topics/{slug}.html"
TAGS_URL = TAGS_SAVE_AS = "topics/index.html"
ARCHIVES_URL = ARCHIVES_SAVE_AS = "archives.html"
INDEX_SAVE_AS = "index.html"
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "archives", "categories", "tags"]
DEFAULT_PAGINATION = False
SLUGIFY_SOURCE = "title"

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Deterministic output: nothing depends on the clock or on file system order.
OUTPUT_SOURCES = False
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False
ARTICLE_ORDER_BY = "reversed-date"

DOSSIER_CACHE_DIR = os.path.join(_HERE, ".dossier-cache")
DOSSIER_LUNR_JS = os.path.join(_HERE, "node_modules", "lunr", "lunr.min.js")
DOSSIER_TITLE = SITENAME
DOSSIER_DESCRIPTION = (
    "News coverage of the aftermath of the 22 March 2024 attack on Crocus City Hall near Moscow, "
    "captured from the web, cleaned, and cross-linked so that readers can compare what each source said."
)

# Everything from a capture (titles too) is text, never markup: escape by default, mark trusted HTML |safe.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
