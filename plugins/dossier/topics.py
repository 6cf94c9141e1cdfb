"""Topics: rules from the dossier's topics file decide which paragraphs (and so which articles) cover a topic."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .slugs import slugify


@dataclass(frozen=True)
class Topic:
    name: str
    slug: str
    description: str = ""
    patterns: tuple[re.Pattern, ...] = ()
    entities: tuple[str, ...] = ()


@dataclass
class TopicCoverage:
    """Per topic: article slug -> paragraph numbers that match it."""

    topic: Topic
    paragraphs: dict[str, list[int]] = field(default_factory=dict)


def load_topics(path: Path | None) -> tuple[Topic, ...]:
    if path is None or not path.is_file():
        return ()
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    topics = []
    for t in data.get("topic", []):
        if "name" not in t:
            raise ValueError(f"{path}: every [[topic]] needs a name")
        unknown = set(t) - {"name", "slug", "description", "phrases", "keywords", "entities"}
        if unknown:
            raise ValueError(f"{path}: topic {t['name']!r} has unknown fields {sorted(unknown)}")
        words = [*t.get("phrases", []), *t.get("keywords", [])]
        # One alternation per topic: a paragraph is searched once per topic, not once per phrase.
        patterns = (re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I),) if words else ()
        topics.append(
            Topic(
                t["name"], t.get("slug") or slugify(t["name"]), t.get("description", ""), patterns, tuple(t.get("entities", []))
            )
        )
    return tuple(topics)


def paragraph_topics(paragraph: str, entity_ids: set[str], topics: tuple[Topic, ...]) -> list[Topic]:
    return [t for t in topics if any(p.search(paragraph) for p in t.patterns) or entity_ids.intersection(t.entities)]
