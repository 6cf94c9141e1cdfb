"""Extract entities: people, organisations, places and groups, with every mention.

Two sources of names work together on a blank spaCy English pipeline (no model download):
- the dossier registry (content/entities.toml), matched with spaCy PhraseMatchers: exact case
  for names, acronyms and single words, case-insensitive for multi-word role aliases;
- discovery: runs of capitalised words, stripped of titles ("Russian President"), typed by
  their heads ("Ministry", "Court", "Hall") or by a role word before them.
- the gazetteer (data/places.toml): countries, their other names ("Britain") and capitals, as places.
The longest match wins. A surname alone resolves to the full name seen in the same article, and an
acronym the article defines ("the Federal Security Service (FSB)") to the name it stands for. A
ministry is its country's when the sentence says whose ("Russia's Foreign Ministry", "the Foreign
Ministry of Belarus": the Russian and the Belarusian Foreign Ministry).
Across articles, variants (Dmitry/Dmitri) are merged by fuzzy matching within a surname.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypedDict, cast

from rapidfuzz import fuzz

from ..slugs import RESERVED, slugify, unique_slugs
from . import editor_files, lexicon, script_names

TYPES = ("person", "organisation", "group", "place")


@dataclass(frozen=True)
class RegistryEntity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    wikidata: str | None = None


@dataclass(frozen=True)
class EntityRegistry:
    entities: tuple[RegistryEntity, ...] = ()
    merge: tuple[tuple[str, str], ...] = ()  # (variant name, entity id)
    blocklist: frozenset[str] = frozenset()

    def by_id(self) -> dict[str, RegistryEntity]:
        return {e.id: e for e in self.entities}


class EntityValues(TypedDict, total=False):
    """An [[entity]] table's values as check_table returns them, each of the type its checker gives."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    description: str
    wikidata: str


ENTITY_FIELDS = {
    "id": (editor_files.identifier, True),
    "name": (editor_files.text, True),
    "aliases": (editor_files.texts, False),
    "description": (editor_files.text, False),
    "wikidata": (editor_files.wikidata, False),
}


def load_registry(path: Path | None, problems: list[str] | None = None) -> EntityRegistry:
    """The registry in `path` (content/entities.toml), checked against its schema. Problems are appended to
    `problems` when given (the caller raises once for all editor files), else raised here."""
    own = problems is None
    problems = [] if problems is None else problems
    registry = _load_registry(path, problems) if path is not None and path.is_file() else EntityRegistry()
    if own and problems:
        raise editor_files.EditorFileError(problems)
    return registry


def _entity_type(entity_id: object):
    def check(check: editor_files.FileCheck, where: str, value: object) -> str | None:
        if isinstance(value, str) and value in TYPES:
            return value
        check.add(where, f"entity {entity_id!r} has type {value!r}; use one of {', '.join(TYPES)}")
        return None

    return check


def _load_registry(path: Path, problems: list[str]) -> EntityRegistry:
    check = editor_files.FileCheck(path)
    data = editor_files.read_toml(check)
    if data is None:
        problems.extend(check.problems)
        return EntityRegistry()
    editor_files.check_top_level(check, data, {"entity": "[[entity]]", "merge": "[merge]", "blocklist": "[blocklist]"})
    entities: list[RegistryEntity] = []
    owner: dict[str, str] = {}  # every name and alias -> the id it stands for
    first: dict[str, str] = {}  # id -> where it was first defined
    for n, e in enumerate(editor_files.array_of_tables(check, data, "entity"), start=1):
        entity_id = e.get("id") if isinstance(e, dict) else None
        where = f'[[entity]] {n} ("{entity_id}")' if isinstance(entity_id, str) else f"[[entity]] {n}"
        fields = {**ENTITY_FIELDS, "type": (_entity_type(entity_id), True)}  # the message names the id
        values = cast(EntityValues | None, editor_files.check_table(check, where, e, fields))
        if values is None or not {"id", "name", "type"} <= set(values):
            continue
        if values["id"] in first:
            check.add(f'{where}, key "id"', f'id "{values["id"]}" is already used by {first[values["id"]]}')
            continue
        first[values["id"]] = where
        aliases = values.get("aliases", ())
        for key, phrases in (("name", (values["name"],)), ("aliases", aliases)):
            for phrase in phrases:
                if phrase in owner:
                    other = "this entity" if owner[phrase] == values["id"] else f'entity "{owner[phrase]}"'
                    check.add(f'{where}, key "{key}"', f'"{phrase}" is already a name or alias of {other}')
                owner.setdefault(phrase, values["id"])
        entities.append(
            RegistryEntity(
                id=values["id"],
                name=values["name"],
                type=values["type"],
                aliases=aliases,
                description=values.get("description", ""),
                wikidata=values.get("wikidata"),
            )
        )
    merge = []
    merges = data.get("merge", {})
    if not isinstance(merges, dict):
        check.add("", f"[merge] should be a table of variant = entity id, got {editor_files.describe(merges)}")
        merges = {}
    for variant, entity_id in merges.items():
        where = f'[merge], key "{variant}"'
        if not variant.strip():
            check.add(where, "the variant name is an empty string")
        elif not isinstance(entity_id, str):
            check.add(where, f"expected an entity id, got {editor_files.describe(entity_id)}")
        elif entity_id not in first:
            check.add(where, f'"{entity_id}" is not the id of an [[entity]] in this file')
        elif owner.get(variant, entity_id) != entity_id:
            check.add(where, f'"{variant}" is already a name or alias of entity "{owner[variant]}"')
        else:
            merge.append((variant, entity_id))
    blocklist = editor_files.check_table(check, "[blocklist]", data.get("blocklist", {}), {"names": (editor_files.texts, False)})
    problems.extend(check.problems)
    return EntityRegistry(
        tuple(entities), tuple(sorted(merge)), frozenset(cast(tuple[str, ...], (blocklist or {}).get("names", ())))
    )


@dataclass
class Found:
    """One mention as found in one article, before ids are assigned across articles."""

    name: str  # canonical name within the article
    type: str
    paragraph: int  # 1-based index among the article's paragraphs
    start: int
    end: int
    surface: str
    sentence: str
    registry_id: str | None = None


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    wikidata: str | None = None


@dataclass
class Mention:
    entity: str
    article: str  # slug
    paragraph: int
    start: int
    end: int
    surface: str
    sentence: str


# --- the gazetteer ---------------------------------------------------------------

PLACES_FILE = Path(__file__).parent.parent / "data" / "places.toml"


@dataclass(frozen=True)
class Gazetteer:
    places: dict[str, str]  # every name a place goes by -> the place's name
    adjectives: dict[str, str]  # country -> its adjective ("Belarus" -> "Belarusian")
    countries: dict[str, str]  # country name, alias, adjective or capital -> the country

    def country(self, word: str) -> str | None:
        return self.countries.get(word)


@lru_cache(maxsize=1)
def gazetteer(path: Path = PLACES_FILE) -> Gazetteer:
    places, adjectives, countries = {}, {}, {}
    for n, c in enumerate(tomllib.loads(path.read_text(encoding="utf-8")).get("country", []), start=1):
        if not isinstance(c, dict) or not all(isinstance(c.get(k), str) for k in ("name", "adjective", "capital")):
            raise ValueError(f"{path}: [[country]] {n}: name, adjective and capital are required strings")
        name = c["name"]
        for surface in (name, *c.get("aliases", ())):
            places[surface] = name
            countries[surface] = name
        places[c["capital"]] = c["capital"]
        countries[c["capital"]] = countries[c["adjective"]] = name
        adjectives[name] = c["adjective"]
    return Gazetteer(places, adjectives, countries)


# --- the matcher ---------------------------------------------------------------


@lru_cache(maxsize=1)
def nlp():
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    # A tokenizer and a sentencizer only, no parser or NER: spaCy's 1,000,000-character guard (against their
    # memory use) does not apply, and a 1 MB paragraph is a paragraph to read, not a failure.
    pipeline.max_length = 100_000_000
    return pipeline


class Matcher:
    """Registry phrase matchers, built once per registry."""

    def __init__(self, registry: EntityRegistry):
        from spacy.matcher import PhraseMatcher

        self.registry = registry
        vocab = nlp().vocab
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.folded = PhraseMatcher(vocab, attr="LOWER")
        # Cyrillic names and aliases in any grammatical case: tokens carry their base form as NORM.
        self.normed = PhraseMatcher(vocab, attr="NORM")
        self.names: dict[str, str] = {}
        for e in registry.entities:
            for phrase in (e.name, *e.aliases):
                role = phrase.lower().startswith("the ") or phrase[:1].islower()
                target = self.folded if role and len(phrase.split()) > 1 else self.exact
                target.add(e.id, [nlp().make_doc(phrase)])
                if script_names.CYRILLIC.search(phrase):
                    self.normed.add(e.id, [with_base_forms(nlp().make_doc(phrase))])
        for variant, entity_id in registry.merge:
            self.exact.add(entity_id, [nlp().make_doc(variant)])
        # Gazetteer places: the registry's entity where it names the place, else a place of its own.
        owner = {phrase: e.id for e in registry.entities for phrase in (e.name, *e.aliases)}
        owner.update(dict(registry.merge))
        for surface, place in sorted(gazetteer().places.items()):
            if surface in owner or surface in registry.blocklist:
                continue
            self.exact.add(owner.get(place, PLACE + place), [nlp().make_doc(surface)])

    def __call__(self, doc):
        vocab = doc.vocab
        return [(vocab.strings[m], s, e) for m, s, e in [*self.exact(doc), *self.folded(doc), *self.normed(doc)]]


def with_base_forms(doc):
    """Give each Cyrillic token its base form as NORM ("Кремля" -> "кремль"), for the NORM matcher."""
    for tok in doc:
        if script_names.CYRILLIC.search(tok.text):
            tok.norm_ = script_names.base_form(tok.text).lower()
    return doc


PLACE = "place:"  # a gazetteer place's key in the matcher: PLACE + its name
_MATCHERS: dict[EntityRegistry, Matcher] = {}


def matcher_for(registry: EntityRegistry) -> Matcher:
    if registry not in _MATCHERS:
        _MATCHERS.clear()
        _MATCHERS[registry] = Matcher(registry)
    return _MATCHERS[registry]


# --- discovery -------------------------------------------------------------------


def _capitalised(token) -> bool:
    text = token.text
    return text[:1].isupper() and (token.is_alpha or bool(re.fullmatch(r"[A-Z][\w.'’]*", text)))


def _runs(sent):
    """Spans of capitalised tokens, joined by hyphens or 'of' between capitals."""
    run: list = []
    tokens = list(sent)
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if _capitalised(tok):
            run.append(tok)
            continue
        joiner = (
            tok.text in {"-", "of", "de", "al"}
            and run
            and nxt is not None
            and _capitalised(nxt)
            and (tok.text != "-" or not tok.whitespace_)
        )
        if joiner:
            run.append(tok)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


def _type_of(words: list[str], had_role: bool, after: str) -> str | None:
    if words[-1] in lexicon.ORG_HEADS or words[0] in lexicon.ORG_FIRST:
        return "organisation"
    if "of" in words and words[words.index("of") - 1] in lexicon.ORG_HEADS:  # "Foreign Ministry of Belarus"
        return "organisation"
    if words[-1] in lexicon.PLACE_HEADS:
        return "place"
    if words[-1] in lexicon.GROUP_HEADS:
        return "group"
    if len(words) == 1 and after in lexicon.ORG_NOUNS_AFTER:
        return "organisation"
    if 2 <= len(words) <= 3 and all(w.isalpha() and w[0].isupper() and not w.isupper() for w in words):
        if any(w in lexicon.NOT_NAMES for w in words):
            return None
        return "person"
    return None


def _strip_roles(words: list[str]) -> tuple[int, bool]:
    """How many leading words are titles or roles, and whether any was a role word."""
    lead = 1 if words and words[0] in {"The", "A", "An"} else 0
    cut, had_role = lead, False
    for k, w in enumerate(words[lead:], start=lead):
        role = w.lower() in lexicon.ROLE_WORDS or script_names.base_form(w).lower() in lexicon.ROLE_WORDS
        if role or w in lexicon.DEMONYMS or w in {"The", "A", "An"}:
            cut = k + 1
            had_role = had_role or role
    rest, body = words[cut:], words[lead:]
    # "Emergencies Ministry", "Ministry of Labour", "Foreign Ministry of Belarus": the role words belong to an
    # organisation's name (a leading "The" does not).
    if body and (rest[0] in lexicon.ORG_HEADS if rest else body[0] in lexicon.ORG_FIRST or body[-1] in lexicon.ORG_HEADS):
        return lead, False
    return cut, had_role


QUOTES_OPEN = frozenset({"«", "“", '"', "„", "‘"})
QUOTES_CLOSE = frozenset({"»", "”", '"', "“", "’"})


def _discover(sent, blocklist: frozenset[str]):
    """Yield (name, type, first token index, end token index) for names in a sentence."""
    for run in _runs(sent):
        words = [t.text for t in run]
        cut, had_role = _strip_roles(words)
        words, run = words[cut:], run[cut:]
        while words and words[-1] in {"-", "of", "de", "al"}:
            words, run = words[:-1], run[:-1]
        while words and words[0] in {"-", "of", "de", "al"}:
            words, run = words[1:], run[1:]
        lead = script_names.leading_non_names(words)  # "России Дмитрий Песков": the country is not his name
        words, run = words[lead:], run[lead:]
        if not words:
            continue
        name = script_names.base_name(" ".join(words)).replace(" - ", "-")
        if name in blocklist or words[-1] in lexicon.DEMONYMS or all(w in lexicon.COMMON_CAPITALISED for w in words):
            continue
        if run[0].i == sent.start and len(words) == 1:
            continue
        following = sent.doc[run[-1].i + 1 : min(run[-1].i + 3, sent.end)].text.lower()
        after = "news agency" if following.startswith("news agency") else following.split(" ")[0]
        kind = _type_of(words, had_role, after)
        doc = sent.doc
        before = doc[run[0].i - 1].text if run[0].i > 0 else ""
        behind = doc[run[-1].i + 1].text if run[-1].i + 1 < len(doc) else ""
        if kind == "person" and before in QUOTES_OPEN and behind in QUOTES_CLOSE:
            kind = "organisation"  # «Крокус Сити Холл», "Crocus City Hall": a name in quotes is a venue or a body
        if kind is not None:
            yield name, kind, run[0].i, run[-1].i + 1


# spaCy's tokenizer is quadratic on a long run without spaces ("!?)]…" thousands of times); no name or number
# is read inside such a run, so it is blanked out for the reader, keeping every offset where it was.
LONG_RUN = re.compile(r"\S{120,}")


def _tokenisable(paragraph: str) -> str:
    return LONG_RUN.sub(lambda m: " " * len(m.group()), paragraph)


def find_in_article(paragraphs: list[str], registry: EntityRegistry) -> tuple[list[Found], list[str]]:
    """Every entity mention in an article's paragraphs, and candidate names an editor may want to add."""
    found, candidates, _ = analyse_paragraphs(paragraphs, registry)
    return found, candidates


def same_person(a: str, b: str) -> bool:
    """Two spellings of one person's name: close as written ("Dmitri"/"Dmitry Peskov"), or across scripts and
    grammatical cases ("Дмитрий Песков", "Пескова")."""
    return fuzz.ratio(a, b) >= 85 or script_names.same_person(a, b)


def analyse_paragraphs(
    paragraphs: list[str], registry: EntityRegistry
) -> tuple[list[Found], list[str], list[list[tuple[int, int]]]]:
    """Mentions, candidate names, and each paragraph's sentences as (start, end) offsets, in one pass."""
    match = matcher_for(registry)
    by_id = registry.by_id()
    surname_of_registry = {script_names.latin(e.name.split()[-1]): e for e in registry.entities if e.type == "person"}
    found: list[Found] = []
    candidates: list[str] = []
    pending_single: list[tuple[int, Any, int, str]] = []  # (paragraph, spaCy Token, its sentence's start and text)
    sentences: list[list[tuple[int, int]]] = []
    acronyms: dict[str, tuple[str, str, str | None]] = {}  # "FSB" -> (name, type, registry id), as the article defines it
    for p_no, doc in enumerate(map(with_base_forms, nlp().pipe(map(_tokenisable, paragraphs))), start=1):
        sents = list(doc.sents)
        sentences.append([(s.start_char, s.end_char) for s in sents])
        # The sentence of a token, found once per paragraph: spaCy's `span.sent` walks the sentence again on each
        # call, which made a paragraph of one long sentence of names quadratic.
        starts, texts = [s.start for s in sents], [s.text for s in sents]

        def sentence_of(token: int, starts: list[int] = starts, texts: list[str] = texts) -> str:
            return texts[bisect_right(starts, token) - 1]

        spans = [
            (s, e, "place", entity_id.removeprefix(PLACE)) if entity_id.startswith(PLACE) else (s, e, "registry", entity_id)
            for entity_id, s, e in match(doc)
        ]
        for sent in sents:
            spans += [(s, e, kind, name) for name, kind, s, e in _discover(sent, registry.blocklist)]
        spans = _longest_first(spans)
        taken = {i for s, e, *_ in spans for i in range(s, e)}
        for sent, text in zip(sents, texts, strict=True):
            for tok in sent:
                if tok.i not in taken and _capitalised(tok) and tok.text not in lexicon.COMMON_CAPITALISED:
                    pending_single.append((p_no, tok, sent.start, text))
        acronyms.update(_defined_acronyms(doc, spans, by_id))
        for s, e, kind, value in sorted(spans):
            span = doc[s:e]
            if kind == "organisation":
                value = _whose(doc, s, e, value)
            if kind == "registry":
                ent = by_id[value]
                found.append(Found(ent.name, ent.type, p_no, span.start_char, span.end_char, span.text, sentence_of(s), ent.id))
                continue
            reg = surname_of_registry.get(script_names.latin(value.split()[-1])) if kind == "person" else None
            # "Dmitri Peskov" and "Дмитрий Песков" are the registry's Dmitry Peskov.
            if reg and same_person(value, reg.name):
                found.append(Found(reg.name, "person", p_no, span.start_char, span.end_char, span.text, sentence_of(s), reg.id))
            else:
                found.append(Found(value, kind, p_no, span.start_char, span.end_char, span.text, sentence_of(s)))
    # A surname alone is the person of that surname already seen in this article.
    surnames = {script_names.latin(f.name.split()[-1]): f for f in found if f.type == "person" and len(f.name.split()) > 1}
    for p_no, tok, sent_start, sent_text in pending_single:
        key = script_names.latin(tok.text)
        person = surnames.get(key)
        if person is None and script_names.is_surname(tok.text) and key in surname_of_registry:
            reg = surname_of_registry[key]  # "Пескова" alone: the registry's person of that surname
            person = Found(reg.name, "person", p_no, 0, 0, reg.name, "", reg.id)
        if tok.text in acronyms:
            name, kind, registry_id = acronyms[tok.text]
            found.append(Found(name, kind, p_no, tok.idx, tok.idx + len(tok.text), tok.text, sent_text, registry_id))
        elif person:
            found.append(
                Found(person.name, "person", p_no, tok.idx, tok.idx + len(tok.text), tok.text, sent_text, person.registry_id)
            )
        elif (
            tok.i != sent_start
            and tok.text not in registry.blocklist
            and tok.is_alpha
            and tok.text.lower() not in lexicon.ROLE_WORDS
            and tok.text not in lexicon.DEMONYMS
        ):
            candidates.append(tok.text)
    found.sort(key=lambda f: (f.paragraph, f.start))
    return found, candidates, sentences


ACRONYM = re.compile(r"[A-Z][A-Z0-9&-]{1,7}")
# Generic ministries and offices: whose they are, the sentence has to say.
MINISTRY = re.compile(r"(?:[A-Z][a-z]+ )?(?:Ministry|Office)(?: of (?P<of>.+))?")


def _defined_acronyms(doc, spans, by_id) -> dict[str, tuple[str, str, str | None]]:
    """Acronyms the paragraph defines: a name followed by its acronym in brackets ("Federal Security Service (FSB)")."""
    out = {}
    for _, e, kind, value in spans:
        if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")" and ACRONYM.fullmatch(doc[e + 1].text):
            if kind == "registry":
                ent = by_id[value]
                out[doc[e + 1].text] = (ent.name, ent.type, ent.id)
            else:
                out[doc[e + 1].text] = (value, kind, None)
    return out


def _whose(doc, start: int, end: int, name: str) -> str:
    """A generic ministry's name with its country, when the sentence says whose it is: "Russia's Foreign Ministry",
    "the Foreign Ministry of Russia" and "the Foreign Ministry in Moscow" are the Russian Foreign Ministry. Else
    the name as found."""
    m = MINISTRY.fullmatch(name)
    if not m:
        return name
    places = gazetteer()
    country = None
    if m.group("of"):
        country = places.country(m.group("of"))
        name = name[: m.start("of") - 4] if country else name
    elif start >= 2 and doc[start - 1].text in {"'s", "’s"}:
        country = places.country(doc[start - 2].text)
    elif end + 1 < len(doc) and doc[end].text == "in" and doc[end + 1].text in places.places:
        country = places.country(doc[end + 1].text)
    return f"{places.adjectives[country]} {name}" if country else name


def _longest_first(spans):
    chosen, used = [], set()
    # Longest first; on a tie the registry wins, then the gazetteer, then discovery.
    rank = {"registry": 0, "place": 1}
    for s, e, kind, value in sorted(spans, key=lambda x: (-(x[1] - x[0]), rank.get(x[2], 2), x[0])):
        if used.isdisjoint(range(s, e)):
            chosen.append((s, e, kind, value))
            used.update(range(s, e))
    return chosen


# --- resolution across articles ------------------------------------------------------


def resolve(per_article: dict[str, list[Found]], registry: EntityRegistry) -> tuple[list[Entity], list[Mention]]:
    """Assign entity ids across articles. Registry entities keep theirs; discovered names are merged
    when they share a type and a surname and their first names are close (Dmitry/Dmitri)."""
    by_id = registry.by_id()
    counts: Counter[tuple[str, str]] = Counter()
    for found in per_article.values():
        for f in found:
            if f.registry_id is None:
                counts[(f.type, f.name)] += 1
    canonical: dict[tuple[str, str], str] = {}
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (kind, name), _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        key = (kind, script_names.latin(name.split()[-1]) if kind == "person" else script_names.latin(name))
        match = None
        for other in groups[key]:
            if kind != "person" or same_person(name, other):
                match = other
                break
        if match is None:
            groups[key].append(name)
            match = name
        canonical[(kind, name)] = match
    registry_surname = {script_names.latin(e.name.split()[-1]): e.id for e in registry.entities if e.type == "person"}
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []
    # A discovered name's id depends on its type and name alone: decided at its first mention, looked up after.
    decided: dict[tuple[str, str], str] = {}
    base_names: dict[str, str] = {}
    spellings: dict[str, set[str]] = {}  # entity id -> its name and aliases, casefolded
    for slug in sorted(per_article):
        for f in per_article[slug]:
            if f.registry_id:
                entity_id = f.registry_id
                if entity_id not in entities:
                    r = by_id[entity_id]
                    entities[entity_id] = Entity(r.id, r.name, r.type, sorted(r.aliases), r.description, r.wikidata)
            elif (f.type, f.name) in decided:
                entity_id = decided[(f.type, f.name)]
            else:
                name = canonical[(f.type, f.name)]
                # A discovered variant of a registry person ("Dmitri Peskov") joins that person.
                reg = registry_surname.get(script_names.latin(name.split()[-1])) if f.type == "person" else None
                if reg and same_person(name, by_id[reg].name):
                    entity_id = reg
                    if entity_id not in entities:
                        r = by_id[reg]
                        entities[entity_id] = Entity(r.id, r.name, r.type, sorted(r.aliases), r.description, r.wikidata)
                else:
                    entity_id = slugify(name)
                    if entity_id in by_id and by_id[entity_id].name != name:
                        entity_id = f"{entity_id}-{f.type}"
                    entities.setdefault(entity_id, Entity(entity_id, name, f.type))
                decided[(f.type, f.name)] = entity_id
            ent = entities[entity_id]
            if f.surface not in base_names:  # "Владимира Путина" is listed as "Владимир Путин"
                base_names[f.surface] = script_names.base_name(f.surface)
            surface = base_names[f.surface]
            inflected = f.registry_id and surface != f.surface  # a registry alias in another case: not a new spelling
            # A spelling that differs only in case ("The Kremlin" opening a sentence, "the Kremlin") is no new one.
            known = spellings.setdefault(entity_id, {ent.name.casefold(), *(a.casefold() for a in ent.aliases)})
            if not inflected and surface.casefold() not in known and len(surface.split()) > 1:
                ent.aliases = sorted({*ent.aliases, surface})
                known.add(surface.casefold())
            mentions.append(Mention(entity_id, slug, f.paragraph, f.start, f.end, f.surface, f.sentence))
    return without_reserved_ids(sorted(entities.values(), key=lambda e: e.id), mentions)


def without_reserved_ids(entities: list[Entity], mentions: list[Mention]) -> tuple[list[Entity], list[Mention]]:
    """A discovered name whose id is a folder's index ("Index" -> entities/index.html) would write its page
    over the list of names: it gets its type after the id, as other clashing ids do above, made unique."""
    taken = {e.id for e in entities}
    renamed = {}
    for e in entities:
        if e.id in RESERVED:
            new = unique_slugs([f"{e.id}-{e.type}"], taken)[f"{e.id}-{e.type}"]
            taken.add(new)
            renamed[e.id], e.id = new, new
    if not renamed:
        return entities, mentions
    for m in mentions:
        m.entity = renamed.get(m.entity, m.entity)
    return sorted(entities, key=lambda e: e.id), mentions
