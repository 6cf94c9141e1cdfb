"""Outlet and agency registries, loaded from data files beside this module."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).parent / "data"


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
    credit_styles: tuple[str, ...] | None = None  # named styles (clean/rules.py); None: every style
    caption_styles: tuple[str, ...] | None = None
    language: str | None = None  # the outlet's language pack code, when every article of it is in one language

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


OUTLET_KEYS = {
    "name": str, "slug": str, "domains": list, "signatures": list, "title_suffixes": list, "lede": str,
    "question_teasers": bool, "is_agency": bool, "boilerplate": list, "credit_styles": list, "caption_styles": list,
    "language": str,
}  # fmt: skip
LEDE_OPTIONS = ("first_paragraph",)


def _outlet(entry: dict, path: Path, number: int) -> Outlet:
    """One [[outlet]] table, checked: every problem is an error naming the file, the outlet and the key."""
    from .clean.rules import CAPTION_STYLES, CREDIT_STYLES

    where = f"{path}: outlet {number} ({entry.get('name', 'no name')})"
    problems = [f"{where}: unknown key {k!r}" for k in entry if k not in OUTLET_KEYS]
    problems += [f"{where}: {k} is required" for k in ("name", "slug") if not entry.get(k)]
    problems += [
        f"{where}: {k} must be a {t.__name__}" for k, t in OUTLET_KEYS.items() if k in entry and not isinstance(entry[k], t)
    ]
    if isinstance(entry.get("lede"), str) and entry["lede"] not in LEDE_OPTIONS:
        problems.append(f"{where}: lede must be one of {', '.join(LEDE_OPTIONS)}")
    for key, table in (("credit_styles", CREDIT_STYLES), ("caption_styles", CAPTION_STYLES)):
        for style in entry.get(key, []) if isinstance(entry.get(key), list) else []:
            if style not in table:
                problems.append(f"{where}: {key}: unknown style {style!r} (known: {', '.join(table)})")
    for key in ("title_suffixes", "boilerplate"):
        for pattern in entry.get(key, []) if isinstance(entry.get(key), list) else []:
            try:
                re.compile(pattern)
            except (re.error, TypeError) as err:
                problems.append(f"{where}: {key}: {pattern!r} is not a regular expression ({err})")
    if problems:
        raise ValueError("\n".join(problems))
    styles = {k: tuple(entry[k]) if k in entry else None for k in ("credit_styles", "caption_styles")}
    return Outlet(
        name=entry["name"],
        slug=entry["slug"],
        domains=tuple(entry.get("domains", [])),
        signatures=tuple(entry.get("signatures", [])),
        title_suffixes=tuple(entry.get("title_suffixes", [])),
        lede=entry.get("lede"),
        question_teasers=entry.get("question_teasers", False),
        is_agency=entry.get("is_agency", False),
        boilerplate=tuple(entry.get("boilerplate", [])),
        language=entry.get("language"),
        **styles,
    )


@lru_cache(maxsize=8)
def load_registry(outlets_file: str | None = None, agencies_file: str | None = None) -> Registry:
    path = Path(outlets_file or HERE / "outlets.toml")
    outlets = tuple(_outlet(o, path, n) for n, o in enumerate(_read(path, "outlet"), start=1))
    agencies = {}
    for a in _read(Path(agencies_file or HERE / "agencies.toml"), "agency"):
        for alias in [a["name"], *a.get("aliases", [])]:
            agencies[alias.lower()] = a["name"]
    return Registry(outlets=outlets, agencies=agencies)
