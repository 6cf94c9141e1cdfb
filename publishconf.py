"""Settings for a publish build (make publish SITEURL=https://owner.github.io/repo)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# Absolute URLs go only where they must be absolute (feeds, canonical links, sitemap);
# page links stay relative so the build still works from file:// and under a subpath.
SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = True
FEED_DOMAIN = SITEURL
