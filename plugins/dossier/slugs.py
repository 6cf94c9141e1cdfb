"""ASCII slugs for URLs and ids."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from unidecode import unidecode

# Slugs no page of a name may have: `index` is the page that lists a folder's pages (sources/index.html,
# topics/index.html, entities/index.html, figures/index.html).
RESERVED = frozenset({"index"})


def slugify(text: str, limit: int = 80) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")
    return slug[:limit].rstrip("-") or "item"


def unique_slugs(names: Iterable[str], taken: set[str] | None = None, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """A distinct, stable slug for each name: names that slugify alike ("that's", "that’s", "Fontanka" and
    "FONTANKA") get "-2", "-3", ... in the sorted order of the names, so the same names always get the same
    slugs. `base`: a name's own slug, used instead of slugify (an outlet's slug in outlets.toml). A name
    never gets a RESERVED slug or one in `taken`."""
    used = set(taken or ()) | RESERVED
    out: dict[str, str] = {}
    for name in sorted(set(names)):
        first = slugify((base or {}).get(name) or name)  # a given slug too keeps to the alphabet
        slug, n = first, 2
        while slug in used:
            slug, n = f"{first}-{n}", n + 1
        used.add(slug)
        out[name] = slug
    return out
