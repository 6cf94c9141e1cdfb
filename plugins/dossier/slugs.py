"""ASCII slugs for URLs and ids."""

from __future__ import annotations

import re

from unidecode import unidecode


def slugify(text: str, limit: int = 80) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")
    return slug[:limit].rstrip("-") or "item"
