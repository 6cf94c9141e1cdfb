"""Settings for a publish build: make publish SITEURL=https://owner.github.io/repo (or SITEURL in the environment)."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "").strip().rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    raise SystemExit(
        "publishconf.py: set SITEURL to the published address, e.g. make publish SITEURL=https://owner.github.io/repo"
    )

# Page links stay relative, so the publish build also works from file:// and under a Pages subpath.
# Only feeds, canonical links, the sitemap and structured data use absolute URLs under SITEURL.
RELATIVE_URLS = True
DOSSIER_SITEURL = SITEURL
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
FEED_MAX_ITEMS = None
# Feed entries from the dossier's plain-text data: titles as text, ledes escaped, credited to byline and outlet.
PLUGINS = [*PLUGINS, "dossier.site.feeds"]  # noqa: F405
