"""Topics: rules from the dossier's topics file decide which paragraphs (and so which articles) cover a topic.

A paragraph covers a topic when it holds one of the topic's phrases or keywords, matched on word forms
("Kyiv denies" matches "Kyiv denied", "migrants" matches "migrant"), one of its entities, or a claim of
one of its measures about the event ("Casualties" with measures = ["killed", "wounded"] covers every
paragraph that gives a toll). A headline that holds a phrase or keyword counts for the whole article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypedDict, cast

from lunr.stemmer import porter_stemmer

from ..slugs import slugify
from . import editor_files

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]*[A-Z0-9])")


@dataclass(frozen=True)
class Topic:
    name: str
    slug: str
    description: str = ""
    forms: tuple[str, ...] = ()  # each phrase or keyword as its word stems, " claim respons "
    entities: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()


@dataclass
class TopicCoverage:
    """Per topic: article slug -> paragraph numbers that match it."""

    topic: Topic
    paragraphs: dict[str, list[int]] = field(default_factory=dict)


class TopicValues(TypedDict, total=False):
    """A [[topic]] table's values as check_table returns them, each of the type its checker in TOPIC_FIELDS gives."""

    name: str
    slug: str
    description: str
    phrases: tuple[str, ...]
    keywords: tuple[str, ...]
    entities: tuple[str, ...]
    measures: tuple[str, ...]


TOPIC_FIELDS = {
    "name": (editor_files.topic_name, True),
    "slug": (editor_files.identifier, False),
    "description": (editor_files.text, False),
    "phrases": (editor_files.texts, False),
    "keywords": (editor_files.texts, False),
    "entities": (editor_files.texts, False),
    "measures": (editor_files.measure_names, False),
}


_STEMS: dict[str, str] = {}  # lower-case word -> stem; a dossier's vocabulary is small enough to keep


def stem(word: str) -> str:
    word = word.lower()
    if word not in _STEMS:
        bare = word.replace("’", "'")
        _STEMS[word] = porter_stemmer.stem(bare[:-2] if bare.endswith("'s") else bare)  # "Ukraine's" is Ukraine
    return _STEMS[word]


def stems(text: str) -> list[str]:
    known = _STEMS
    return [known[w] if w in known else stem(w) for w in WORD.findall(text.lower())]


def forms_of(phrases: Iterable[str]) -> tuple[str, ...]:
    """Each phrase as the run of stems a paragraph's stems must hold, spaced so that words match whole."""
    return tuple(dict.fromkeys(f" {' '.join(stems(p))} " for p in phrases if stems(p)))


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
        values = cast(TopicValues | None, editor_files.check_table(check, where, t, TOPIC_FIELDS))
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
        for key, items in (("phrases", values.get("phrases", ())), ("keywords", values.get("keywords", ()))):
            for item in items:
                if not stems(item):
                    check.add(f'{where}, key "{key}"', f'"{item}" has no word to match; use letters or digits')
        topics.append(
            Topic(
                values["name"],
                slug,
                values.get("description", ""),
                forms_of([*values.get("phrases", ()), *values.get("keywords", ())]),
                tuple(values.get("entities", ())),
                tuple(values.get("measures", ())),
            )
        )
    problems.extend(check.problems)
    return tuple(topics)


def _holds(text_stems: str, topic: Topic) -> bool:
    return bool(topic.forms) and _forms_pattern(topic.forms).search(text_stems) is not None


_FORMS: dict[tuple[str, ...], re.Pattern] = {}


def _forms_pattern(forms: tuple[str, ...]) -> re.Pattern:
    """One search per topic: its forms as an alternation (each form keeps its spaces, so words match whole)."""
    if forms not in _FORMS:
        _FORMS[forms] = re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))
    return _FORMS[forms]


def _measure_stems(wanted: frozenset[str]) -> frozenset[str]:
    """The stems of the first word of every phrase of these measures: a paragraph with none of them holds no
    claim of them (every word of a phrase has to be there for it to name the measure)."""
    if wanted not in _MEASURE_STEMS:
        from .figures import measures

        _MEASURE_STEMS[wanted] = frozenset(
            stem(w)
            for m in measures().measures
            if m.name in wanted
            for phrase in (*(" ".join(a) for a in m.after), *m.before, *m.toll, *m.rising, *m.nouns)
            for w in WORD.findall(phrase)[:1]
        )
    return _MEASURE_STEMS[wanted]


_MEASURE_STEMS: dict[frozenset[str], frozenset[str]] = {}


def may_hold_claims(paragraph: str, wanted: frozenset[str], paragraph_stems: list[str] | None = None) -> bool:
    """A cheap test: False when the paragraph cannot hold a claim of the `wanted` measures (no number, or none
    of their words)."""
    paragraph_stems = stems(paragraph) if paragraph_stems is None else paragraph_stems
    return not _measure_stems(wanted).isdisjoint(paragraph_stems) and _number_hint().search(paragraph) is not None


@lru_cache(maxsize=1)
def _number_hint() -> re.Pattern:
    """A digit, or a number written as words (the measure table's, from the language packs): only then can a
    paragraph hold a claim (a cheap test before reading it)."""
    from .figures import measures

    table = measures()
    words = sorted({*table.number_words, *table.scale_words, *(v for v, _, _ in table.vague)}, key=len, reverse=True)
    return re.compile(r"\d|\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I)


def event_measures(paragraph: str) -> frozenset[str]:
    """The measures of the paragraph's claims about the event (a claim about another event is not one),
    its sentences split as the topic rules split them. It depends on the paragraph's text alone."""
    from .figures import find_claims

    spans, start = [], 0
    for m in SENTENCE_END.finditer(paragraph):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(paragraph)))
    return frozenset(c.measure for c in find_claims([paragraph], [spans]) if c.other_event is None)


# Paragraph text -> event_measures, as the analysis of each capture found them (build/analyse.py keeps them in
# its cache, for paragraphs that pass may_hold_claims for every measure): the rules need not read them again.
_EVENT_MEASURES: dict[str, frozenset[str]] = {}


def remember_event_measures(known: dict[str, frozenset[str]]) -> None:
    """The event measures of the build's paragraphs, in place of those of an earlier build."""
    _EVENT_MEASURES.clear()
    _EVENT_MEASURES.update(known)


def claim_measures(paragraph: str, wanted: frozenset[str], paragraph_stems: list[str] | None = None) -> set[str]:
    """Which of the `wanted` measures the paragraph gives a claim of, about the event (a claim about another
    event is not one)."""
    if not may_hold_claims(paragraph, wanted, paragraph_stems):
        return set()
    known = _EVENT_MEASURES.get(paragraph)
    return set(event_measures(paragraph) if known is None else known) & wanted


def paragraph_topics(paragraph: str, entity_ids: set[str], topics: tuple[Topic, ...]) -> list[Topic]:
    words = stems(paragraph)
    text_stems = f" {' '.join(words)} "
    wanted = frozenset(m for t in topics for m in t.measures)
    measured = claim_measures(paragraph, wanted, words) if wanted else set()
    return [
        t for t in topics if _holds(text_stems, t) or entity_ids.intersection(t.entities) or measured.intersection(t.measures)
    ]


def headline_topics(title: str | None, topics: tuple[Topic, ...]) -> list[Topic]:
    """Topics whose phrases or keywords the headline holds: they cover the whole article."""
    if not title:
        return []
    text_stems = f" {' '.join(stems(title))} "
    return [t for t in topics if _holds(text_stems, t)]


def article_topics(
    title: str | None, paragraphs: list[str], entity_ids: list[set[str]], topics: tuple[Topic, ...]
) -> dict[str, list[int]]:
    """Topic name -> the paragraphs (1-based) that cover it, for one article; a topic its headline holds is
    covered by the article even where no paragraph is (an empty list)."""
    found: dict[str, list[int]] = {t.name: [] for t in headline_topics(title, topics)}
    for n, (text, ids) in enumerate(zip(paragraphs, entity_ids, strict=True), start=1):
        for t in paragraph_topics(text, ids, topics):
            found.setdefault(t.name, []).append(n)
    return dict(sorted(found.items()))
