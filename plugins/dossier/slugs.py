"""ASCII slugs for URLs and ids."""

from __future__ import annotations

import re

from unidecode import unidecode


def slugify(text: str, limit: int = 80) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")
    return slug[:limit].rstrip("-") or "item"


def unique_slugs(names: list[str], taken: set[str] | None = None) -> dict[str, str]:
    """A distinct, stable slug for each name: names that slugify alike ("that's", "that’s") get
    "-2", "-3", ... in the sorted order of the names, so the same names always get the same slugs."""
    used = set(taken or ())
    out: dict[str, str] = {}
    for name in sorted(set(names)):
        base = slugify(name)
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        out[name] = slug
    return out
