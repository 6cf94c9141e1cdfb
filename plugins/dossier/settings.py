"""Every setting the plugin reads, with its default. Each is documented in the README."""

from __future__ import annotations

import os

DEFAULTS: dict = {
    # Folder of raw captures, relative to Pelican's PATH.
    "DOSSIER_CAPTURES": "captures",
    # Captures larger than this many bytes are rejected.
    "DOSSIER_MAX_BYTES": 5_000_000,
    # Seconds one capture's reading, cleaning and analysis may take; a capture over it is rejected with that
    # reason (pathological text). Generous, so that only a capture no reader needs ever meets it; 0: no limit.
    "DOSSIER_CAPTURE_SECONDS": 60,
    # Fail the build when any capture is rejected (also: environment DOSSIER_STRICT=1).
    "DOSSIER_STRICT": False,
    # Editorial overrides (title, date, source, topics, not_article), relative to PATH.
    "DOSSIER_EDITORIAL": "editorial.toml",
    # Entity registry (names, aliases, types, merges, blocklist), relative to PATH; optional.
    "DOSSIER_ENTITIES": "entities.toml",
    # Topics file (names, descriptions, rules), relative to PATH; optional.
    "DOSSIER_TOPICS": "topics.toml",
    # Outlet and agency registries; None means the ones shipped with the plugin.
    "DOSSIER_OUTLETS_FILE": None,
    "DOSSIER_AGENCIES_FILE": None,
    # Shown on the home page and in the export.
    "DOSSIER_TITLE": "Dossier",
    "DOSSIER_DESCRIPTION": "",
    # Where lunr.js comes from (installed by npm from package-lock.json).
    "DOSSIER_LUNR_JS": "node_modules/lunr/lunr.min.js",
    # The published address (publishconf.py sets it from SITEURL). When set, pages get canonical links,
    # Open Graph and JSON-LD, and the build writes sitemap.xml, robots.txt, .nojekyll and 404.html.
    "DOSSIER_SITEURL": "",
    # The plugin's own cache of per-capture work (keyed by capture bytes, code, registries, settings);
    # None disables it. pelicanconf.py puts it in .dossier-cache/.
    "DOSSIER_CACHE_DIR": None,
    # Processes for per-capture work; 0 means one per CPU core, 1 means no extra processes.
    "DOSSIER_WORKERS": 0,
    # Show a progress bar while analysing captures (only on a terminal, never when CI is set).
    "DOSSIER_PROGRESS": True,
    # On a topic page, how many articles per source show their paragraphs; older ones are listed by title.
    "DOSSIER_TOPIC_ARTICLES": 20,
    # Folder in the output that holds byte-exact raw copies of the captures.
    "DOSSIER_RAW_DIR": "captures",
    # Where the dossier's own pages are written, relative to the site root (each with {slug}; saved where the URL
    # says). Articles, sources and topics follow Pelican's ARTICLE_URL, CATEGORY_URL, TAG_URL (urls.py).
    "DOSSIER_ENTITY_URL": "entities/{slug}.html",
    "DOSSIER_ENTITIES_URL": "entities/index.html",
    "DOSSIER_FIGURE_URL": "figures/{slug}.html",
    "DOSSIER_FIGURES_URL": "figures/index.html",
    # The measures shown as key figures on the home page, in this order (names from data/measures.toml);
    # None means those the measure table marks key = true: killed, wounded, missing, detained.
    "DOSSIER_KEY_FIGURES": None,
    # Write review.html, the editor's page (candidate names, rejections, duplicates, unknown dates), which no
    # page links to. None means: for a local build (no DOSSIER_SITEURL), not for a publish build.
    "DOSSIER_REVIEW_PAGE": None,
}


def get(settings: dict, key: str):
    value = settings.get(key, DEFAULTS[key])
    if key == "DOSSIER_STRICT" and os.environ.get("DOSSIER_STRICT", "").strip() not in {"", "0"}:
        return True
    if key == "DOSSIER_REVIEW_PAGE" and value is None:
        return not get(settings, "DOSSIER_SITEURL")
    return value
