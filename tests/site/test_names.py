"""Names a reader can trust: countries and capitals found, a ministry given its country when the sentence says
whose it is, acronyms linked to their entity, and each name linked once per section of an article."""

from __future__ import annotations

from collections import Counter

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, load_export
from test_figures_events import events_content

from dossier.extract.entities import EntityRegistry, find_in_article, gazetteer, load_registry
from dossier.site.link import Link, first_mentions

REGISTRY = load_registry(ROOT / "content" / "entities.toml")


def names(paragraphs, registry=REGISTRY):
    found, _ = find_in_article(paragraphs, registry)
    return [(f.name, f.type, f.surface) for f in found]


def test_countries_and_capitals_are_places():
    got = names(["Belarus and Britain condemned it; officials in Minsk and London said so. The UK agreed."])
    assert ("Belarus", "place", "Belarus") in got
    assert ("United Kingdom", "place", "Britain") in got and ("United Kingdom", "place", "UK") in got
    assert ("Minsk", "place", "Minsk") in got and ("London", "place", "London") in got


def test_the_registry_wins_over_the_gazetteer():
    found, _ = find_in_article(["Russia and the US said so."], REGISTRY)
    assert [(f.surface, f.registry_id) for f in found] == [("Russia", "russia"), ("US", "united-states")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Russia's Foreign Ministry said it had summoned them.", "Russian Foreign Ministry"),
        ("The Foreign Ministry of Belarus said so.", "Belarusian Foreign Ministry"),
        ("He said the Foreign Ministry in Minsk had not replied.", "Belarusian Foreign Ministry"),
        ("The Russian Foreign Ministry said so.", "Russian Foreign Ministry"),
        ("Britain's Foreign Office said so.", "British Foreign Office"),
        ("The Foreign Ministry said so.", "Foreign Ministry"),  # the sentence does not say whose
    ],
)
def test_a_ministry_is_its_countrys_when_the_sentence_says_so(text, name):
    assert name in [n for n, kind, _ in names([text]) if kind == "organisation"]


def test_an_acronym_the_article_defines_is_its_name():
    got = names(["The Investigative Committee (SK) said so.", "Later the SK added more."], EntityRegistry())
    assert [(n, s) for n, _, s in got if s == "SK"] == [("Investigative Committee", "SK")] * 2


def test_a_registered_acronym_is_its_entity():
    found, _ = find_in_article(["Police held 11 suspects, the FSB said."], REGISTRY)
    assert [(f.surface, f.registry_id) for f in found] == [("FSB", "fsb")]


def test_the_gazetteer_names_its_countries():
    places = gazetteer()
    assert places.country("Minsk") == "Belarus" and places.adjectives["United Kingdom"] == "British"


def test_first_mentions_keep_one_link_per_name_and_section():
    def entity(paragraph, start, href):
        return Link(paragraph, start, start + 3, href, "entity", "")

    links = [
        entity(1, 0, "a"),
        entity(1, 10, "a"),
        entity(2, 0, "a"),
        entity(2, 5, "b"),
        entity(3, 0, "a"),
        Link(1, 20, 23, "f", "figure", ""),
        Link(2, 20, 23, "f", "figure", ""),
    ]
    kept = first_mentions(links, {1: 0, 2: 0, 3: 1})
    assert [(k.paragraph, k.start, k.href) for k in kept] == [(1, 0, "a"), (1, 20, "f"), (2, 5, "b"), (2, 20, "f"), (3, 0, "a")]


# --- on a real site --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("names")
    return build_site(tmp, content=events_content(tmp))


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_names_are_found_and_get_pages(site):
    export = load_export(site)
    entities = {e["id"]: e for e in export["entities"]}
    for place in ("belarus", "united-kingdom", "minsk", "france"):
        assert entities[place]["type"] == "place", place
        assert (site / entities[place]["url"]).is_file()
    assert entities["united-kingdom"]["name"] == "United Kingdom"
    assert entities["belarusian-foreign-ministry"]["type"] == "organisation"
    assert entities["russian-foreign-ministry"]["articles"] == [
        a["slug"] for a in export["articles"] if a["capture"] == "tass_beslan.txt"
    ]
    assert "foreign-ministry" not in entities


def test_an_acronym_links_to_its_registered_entity(site):
    export = load_export(site)
    article = next(a for a in export["articles"] if a["capture"] == "mt_sameday.txt")
    links = {a.get_text(): a["href"] for a in soup(site / article["url"]).select(".body a.entity")}
    assert links["FSB"] == "../entities/fsb.html"


def test_each_name_is_linked_once_per_section(site):
    export = load_export(site)
    for a in export["articles"]:
        body = soup(site / a["url"]).select_one(".body")
        section, per_section = 0, Counter()
        for el in body.find_all(["h2", "p"], recursive=False):
            if el.name == "h2":
                section += 1
                continue
            for link in el.select("a.entity"):
                per_section[(section, link["href"])] += 1
        assert per_section and max(per_section.values()) == 1, a["capture"]
    tass = next(a for a in export["articles"] if a["capture"] == "tass_beslan.txt")
    body = soup(site / tass["url"]).select_one(".body")
    assert [a.get_text() for a in body.select("a.entity") if a["href"] == "../entities/fsb.html"] == ["Federal Security Service"]
    assert body.get_text().count("FSB") == 2, "the later mentions stay as text"
    # The bundled DW article names Putin 4 times, twice in its first section: 3 links.
    dw = next(a for a in export["articles"] if a["capture"] == "000_a299375b2d969efe.txt")
    mentions = [m for e in export["entities"] if e["id"] == "vladimir-putin" for m in e["mentions"] if m["article"] == dw["slug"]]
    putin = [a for a in soup(site / dw["url"]).select(".body a.entity") if a["href"] == "../entities/vladimir-putin.html"]
    assert (len(mentions), len(putin)) == (4, 3)
