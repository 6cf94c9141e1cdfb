"""Topics: rules from the dossier's topics file decide which paragraphs (and so which articles) cover a topic."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import editor_files
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


TOPIC_FIELDS = {
    "name": (editor_files.topic_name, True),
    "slug": (editor_files.identifier, False),
    "description": (editor_files.text, False),
    "phrases": (editor_files.texts, False),
    "keywords": (editor_files.texts, False),
    "entities": (editor_files.texts, False),
}


def load_topics(
    path: Path | None,
    entity_ids: set[str] | None = None,
    problems: list[str] | None = None,
    entities_file: Path | None = None,
) -> tuple[Topic, ...]:
    """The topics in `path`, checked against their schema; `entity_ids` (the registry's, when there is
    one) are the ids a topic's `entities` may name. Problems go to `problems` when given, else are raised."""
    own = problems is None
    problems = [] if problems is None else problems
    topics = _load_topics(path, entity_ids, problems, entities_file) if path is not None and path.is_file() else ()
    if own and problems:
        raise editor_files.EditorFileError(problems)
    return topics


def _load_topics(path: Path, entity_ids: set[str] | None, problems: list[str], entities_file: Path | None) -> tuple[Topic, ...]:
    check = editor_files.FileCheck(path)
    data = editor_files.read_toml(check)
    if data is None:
        problems.extend(check.problems)
        return ()
    editor_files.check_top_level(check, data, {"topic": "[[topic]]"})
    topics: list[Topic] = []
    seen: dict[str, str] = {}  # folded name and slug -> where first defined
    for n, t in enumerate(editor_files.array_of_tables(check, data, "topic"), start=1):
        name = t.get("name") if isinstance(t, dict) else None
        where = f'[[topic]] {n} ("{name}")' if isinstance(name, str) else f"[[topic]] {n}"
        values = editor_files.check_table(check, where, t, TOPIC_FIELDS)
        if values is None or "name" not in values:
            continue
        slug = values.get("slug") or slugify(values["name"])
        # Two names that differ only in case (or slug to one address) would share one page.
        for key, label in (("name", values["name"].casefold()), ("slug", slug)):
            if f"{key}:{label}" in seen:
                check.add(f'{where}, key "{key}"', f'{key} "{label}" is already used by {seen[f"{key}:{label}"]}')
                break  # one problem per topic: a repeated name repeats its slug too
            seen[f"{key}:{label}"] = where
        if slugify(values["name"]) in editor_files.RESERVED_IDS:
            check.add(f'{where}, key "name"', "the topic's page would overwrite the index of all topics; rename the topic")
        for entity_id in values.get("entities", ()):
            # Without a registry, ids are the slugs of discovered names ("dmitry-peskov"): not known before the build.
            if entity_ids is not None and entity_id not in entity_ids:
                check.add(
                    f'{where}, key "entities"',
                    f'"{entity_id}" is not the id of an [[entity]] in {entities_file or "the entities file"}',
                )
        words = [*values.get("phrases", ()), *values.get("keywords", ())]
        # One alternation per topic: a paragraph is searched once per topic, not once per phrase.
        patterns = (re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.I),) if words else ()
        topics.append(Topic(values["name"], slug, values.get("description", ""), patterns, tuple(values.get("entities", ()))))
    problems.extend(check.problems)
    return tuple(topics)


def paragraph_topics(paragraph: str, entity_ids: set[str], topics: tuple[Topic, ...]) -> list[Topic]:
    return [t for t in topics if any(p.search(paragraph) for p in t.patterns) or entity_ids.intersection(t.entities)]
