"""Outlet and agency registries, loaded from data files beside this module."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Outlet:
    name: str
    slug: str
    domains: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()
    title_suffixes: tuple[str, ...] = ()
    lede: str | None = None
    question_teasers: bool = False
    is_agency: bool = False
    boilerplate: tuple[str, ...] = ()  # regexes for lines only this outlet adds

    def strip_title(self, title: str) -> str:
        for pattern in self.title_suffixes:
            stripped = re.sub(pattern, "", title)
            if stripped != title and stripped.strip():
                return stripped.strip()
        return title


@dataclass(frozen=True)
class Registry:
    outlets: tuple[Outlet, ...]
    agencies: dict[str, str] = field(default_factory=dict)  # lower-case alias -> name

    def by_name(self, name: str) -> Outlet | None:
        key = name.strip().lower()
        for outlet in self.outlets:
            if key in {outlet.name.lower(), outlet.slug}:
                return outlet
        return None

    def by_url(self, url: str | None) -> Outlet | None:
        if not url:
            return None
        host = (urlsplit(url).hostname or "").lower()
        for outlet in self.outlets:
            if any(host == d or host.endswith("." + d) for d in outlet.domains):
                return outlet
        return None

    def by_signature(self, text: str) -> Outlet | None:
        text = text.lower()
        for outlet in self.outlets:
            if any(sig.lower() in text for sig in outlet.signatures):
                return outlet
        return None

    def by_mention(self, text: str) -> Outlet | None:
        """An outlet named in a 'Source:' line or og:site_name."""
        if not text:
            return None
        found = self.by_name(text)
        if found:
            return found
        for outlet in self.outlets:
            if re.search(rf"(?<!\w){re.escape(outlet.name)}(?!\w)", text, re.I):
                return outlet
        return None

    def agency(self, text: str) -> str | None:
        return self.agencies.get(" ".join(text.split()).lower())


def _read(path: Path, key: str) -> list[dict]:
    with path.open("rb") as fh:
        return tomllib.load(fh).get(key, [])


@lru_cache(maxsize=8)
def load_registry(outlets_file: str | None = None, agencies_file: str | None = None) -> Registry:
    outlets = tuple(
        Outlet(
            name=o["name"],
            slug=o["slug"],
            domains=tuple(o.get("domains", [])),
            signatures=tuple(o.get("signatures", [])),
            title_suffixes=tuple(o.get("title_suffixes", [])),
            lede=o.get("lede"),
            question_teasers=o.get("question_teasers", False),
            is_agency=o.get("is_agency", False),
            boilerplate=tuple(o.get("boilerplate", [])),
        )
        for o in _read(Path(outlets_file or HERE / "outlets.toml"), "outlet")
    )
    agencies = {}
    for a in _read(Path(agencies_file or HERE / "agencies.toml"), "agency"):
        for alias in [a["name"], *a.get("aliases", [])]:
            agencies[alias.lower()] = a["name"]
    return Registry(outlets=outlets, agencies=agencies)
