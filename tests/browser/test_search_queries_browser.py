"""Search that understands the dossier, in real Chromium from file://: phrases, exclusions, ranking by how much
of the query an article holds and how close its words stand, registered names and aliases, one-edit typos,
and words in any script. The captures (tests/fixtures/search/captures) each show one case.

Screenshots go to output-screenshots/ (not in git) for a person to look at."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest
from browser import Watch, chromium
from conftest import FIXTURES, ROOT, build_site, load_export

from dossier.site.index import Terms, shard_file, trim, words_of

SHOTS = ROOT / "output-screenshots"
TITLES = {
    "silent": "Kremlin silent on claims about the gunmen",  # "declined to comment", as a phrase
    "briefing": "Peskov says questions are for investigators",  # declined ... comment apart; toll, told, towards; Putin
    "hospital": "Hospitals treat the wounded, wounded say they waited for hours",  # wounded, often; no 360
    "revised": "Health officials revise the toll",  # 360 wounded
    "fsb_name": "Security service says suspects were detained near the border",  # Federal Security Service, no "FSB"
    "fsb_acronym": "Lawmakers question the security agency",  # FSB only
    "islamic_state": "Islamic State claims the attack",
    "united_states": "Washington says it warned Moscow",  # United States, states, Islamic, state: all apart
    "quoted_ru": "Kremlin spokesman quoted in Russian media",  # English, quoting Песков and Путин
    "ru": "Песков: Путин не планирует посещать место теракта",  # Russian
    "mourners": "Mourners bring flowers",  # "concert hall", once, in the body
    "season": "Concert promoters cancel weekend shows; city hall declares mourning",  # concert and hall apart, often
}
T = TITLES


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("search-queries")
    shutil.copytree(FIXTURES / "search", tmp / "content")
    shutil.copy(ROOT / "content" / "entities.toml", tmp / "content" / "entities.toml")
    logging.getLogger("pelican").setLevel(logging.WARNING)
    site = build_site(tmp, content=tmp / "content")
    assert {a["title"] for a in load_export(site)["articles"]} == set(TITLES.values())
    return site


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def view(browser, request):
    """A page at (width, colour scheme); the default is a 1280 px desktop in light."""
    width, scheme = getattr(request, "param", (1280, "light"))
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.watch = Watch()
    page.watch.attach(page)
    page.requested = []
    page.on("request", lambda r: page.requested.append(r.url.rsplit("/", 1)[-1]))
    page.size = (width, scheme)
    yield page
    assert page.watch.clean(), page.watch
    context.close()


def search(page, site: Path, query: str, shot: str | None = None) -> list[dict]:
    """Results as a reader sees them: title, the marked words of title and snippet, and the snippet."""
    page.goto((site / "search.html").as_uri() + "?" + urlencode({"q": query}))
    page.wait_for_selector("body[data-search-ready='1']", timeout=15000)
    if shot:
        SHOTS.mkdir(exist_ok=True)
        width, scheme = page.size
        page.screenshot(path=str(SHOTS / f"search-{shot}-{width}-{scheme}.png"), full_page=True)
    return [
        {
            "title": li.query_selector("a.result-link").inner_text(),
            "marks": [m.inner_text() for m in li.query_selector_all("mark")],
            "snippet": li.query_selector(".snippet").inner_text(),
        }
        for li in page.query_selector_all("#search-results li.result")
    ]


def titles(results: list[dict]) -> list[str]:
    return [r["title"] for r in results]


def test_python_and_javascript_make_the_same_terms(view, site):
    """Index and query meet only if both sides split, trim, lowercase, stem and shard a word alike."""
    text = (
        "Putin's «Песков» ISIS-K U.S. 360 — Zürich naïve Crocus/Крокус Пескова running officials' "
        "Ελλάδα 東京 İstanbul e\u0301 “quoted” (brackets) co-operation 22.03.2024 ПРЕЗИДЕНТ ёлка "
        # Russian: both sides stem with Snowball's Russian stemmer (lunr-languages' given ё as е).
        "Пескова Пескову Песков погибли погибших погибшие заявил заявила теракта Ёлки её всё ещё "
        "Красногорске соболезнования родственникам пресс-секретарь государства ведомств ru-ru 2024-го"
    )
    terms = Terms()
    expected = [[trim(w), terms.term(w), terms.key(w), shard_file(terms.key(w))] for w in words_of(text) if trim(w)]
    view.goto((site / "index.html").as_uri())
    got = view.evaluate("async (t) => { await DOSSIER_SEARCH_API.ready(); return DOSSIER_SEARCH_API.words(t); }", text)
    assert got == expected


def test_a_quoted_phrase_matches_as_a_phrase_and_only_the_phrase_is_marked(view, site):
    results = search(view, site, '"declined to comment"', shot="phrase")
    assert titles(results) == [T["silent"]]
    assert results[0]["marks"] == ["declined to comment"]
    # Unquoted, the same words find both articles, and nothing marks "toll", "told" or "towards".
    results = search(view, site, "declined to comment")
    assert titles(results) == [T["silent"], T["briefing"]]
    marked = {m.lower() for r in results for m in r["marks"]}
    assert marked <= {"declined to comment", "declined", "comment"}, marked


def test_minus_excludes_a_word_a_phrase_or_a_name(view, site):
    assert set(titles(search(view, site, "Kremlin"))) == {T["silent"], T["briefing"], T["quoted_ru"]}
    assert titles(search(view, site, "Kremlin -Peskov", shot="exclude")) == [T["silent"]]
    assert set(titles(search(view, site, 'Kremlin -"declined to comment"'))) == {T["briefing"], T["quoted_ru"]}
    # -FSB leaves out the article that names the Federal Security Service only in full.
    assert titles(search(view, site, "security -FSB")) == []
    assert T["fsb_name"] not in titles(search(view, site, "detained -FSB"))


def test_results_holding_every_word_rank_first(view, site):
    results = search(view, site, "wounded 360", shot="all-words-first")
    assert titles(results) == [T["revised"], T["hospital"]]
    assert {"wounded", "360"} <= set(results[0]["marks"])


def test_words_next_to_each_other_rank_above_words_apart(view, site):
    # Lunr alone puts the article with "concert" and "hall" in its title first: both words, but apart.
    assert titles(search(view, site, "concert hall", shot="adjacent-first")) == [T["mourners"], T["season"]]
    results = search(view, site, "Islamic State")
    assert titles(results) == [T["islamic_state"], T["united_states"]]
    assert "Islamic State" in results[0]["marks"]


def test_a_registered_alias_finds_its_entity_in_any_form(view, site):
    results = search(view, site, "FSB", shot="alias")
    assert set(titles(results)) == {T["fsb_name"], T["fsb_acronym"]}
    marks = {r["title"]: r["marks"] for r in results}
    assert "Federal Security Service" in marks[T["fsb_name"]] and "FSB" in marks[T["fsb_acronym"]]
    link = view.query_selector("#search-results li.entity-match a")
    assert link.inner_text() == "Federal Security Service" and link.get_attribute("href").endswith("entities/fsb.html")
    # The name finds the alias too, quoted or not.
    for query in ("Federal Security Service", '"Federal Security Service"'):
        assert set(titles(search(view, site, query))) == {T["fsb_name"], T["fsb_acronym"]}, query


def test_a_long_word_matches_at_one_edit_when_nothing_matches_it(view, site):
    assert T["briefing"] in titles(search(view, site, "Peskow", shot="typo"))
    results = search(view, site, "Kremiln")
    assert set(titles(results)) == {T["silent"], T["briefing"], T["quoted_ru"]}
    assert all("Kremlin" in r["marks"] for r in results)
    # Only from five letters, and only when nothing matches exactly or as a beginning.
    assert titles(search(view, site, "Tolp")) == []
    assert titles(search(view, site, "wounds")) == [T["hospital"], T["revised"]]


@pytest.mark.parametrize("query", ["Песков", "песков", "ПЕСКОВ", "Peskov"])
def test_a_name_in_either_script_finds_the_articles_in_both(view, site, query):
    """Dmitry Peskov is one entity in both scripts: either spelling finds the English and the Russian articles,
    marked in the form each article uses."""
    results = search(view, site, query)
    assert set(titles(results)) == {T["ru"], T["quoted_ru"], T["briefing"]}
    for r in results:
        assert any("Песков" in m or "Peskov" in m for m in r["marks"]), r
    ru = next(r for r in results if r["title"] == T["ru"])
    assert ru["marks"][0] == "Песков"  # in the title
    if query != "Peskov":
        assert "t-xd0bfd0b5.js" in view.requested  # the shard of words that begin "пе"


def test_cyrillic_words_and_aliases(view, site):
    results = search(view, site, "Путин", shot="cyrillic")
    assert {T["ru"], T["quoted_ru"]} <= set(titles(results))
    assert results[0]["title"] == T["ru"] and results[0]["marks"][0] == "Путин"  # in the title
    assert {T["briefing"], T["ru"]} <= set(titles(search(view, site, "Putin")))
    # A prefix works in Cyrillic as in Latin.
    results = search(view, site, "терак")
    assert titles(results) == [T["ru"]] and "теракта" in results[0]["marks"]
    assert titles(search(view, site, "заявил")) == [T["quoted_ru"]]
    # An inflected form the name was mentioned in stands for the name.
    assert set(titles(search(view, site, "Пескова"))) == {T["ru"], T["quoted_ru"], T["briefing"]}
    # A registered alias in Cyrillic finds the articles that name the entity in English.
    assert set(titles(search(view, site, "ФСБ"))) == {T["fsb_name"], T["fsb_acronym"]}


def test_russian_words_are_stemmed(view, site):
    """Snowball's Russian stemmer on both sides: a word finds its other forms, and they are marked. The
    Russian capture says "Пескова" and "погибших", never "Пескову" nor "погибли"."""
    for query in ("Песков", "Пескову", "погибли", "погибшие"):
        results = search(view, site, query, shot="russian-stems" if query == "погибли" else None)
        assert T["ru"] in titles(results), query
        marks = next(r for r in results if r["title"] == T["ru"])["marks"]
        assert ("Пескова" if query.startswith("П") else "погибших") in marks, (query, marks)
    assert titles(search(view, site, "погибли")) == [T["ru"]]
    # Two words in Russian, neither as the article has them: the article holds every part of the query.
    results = search(view, site, "соболезнование погибшим")
    assert results[0]["title"] == T["ru"] and {"соболезнования", "погибших"} <= set(results[0]["marks"])


def test_lunr_syntax_in_the_query(view, site):
    assert titles(search(view, site, "title:Peskov")) == [T["briefing"]]
    assert titles(search(view, site, "+360 wounded")) == [T["revised"]]
    for query in ("title:", "foo:bar", "Peskov:", "+", "-", '"', '""', "Kremlin~1", "Kremlin^10", "Krem*"):
        search(view, site, query)


@pytest.mark.parametrize("view", [(390, "light"), (390, "dark"), (1280, "dark")], indirect=True)
def test_search_cases_on_a_phone_and_in_dark(view, site):
    width = view.size[0]
    assert titles(search(view, site, '"declined to comment"', shot="phrase")) == [T["silent"]]
    results = search(view, site, "FSB", shot="alias")
    assert set(titles(results)) == {T["fsb_name"], T["fsb_acronym"]}
    results = search(view, site, "Песков", shot="cyrillic")
    assert any("Песков" in m for r in results for m in r["marks"])
    assert view.evaluate("document.documentElement.scrollWidth") <= width
    mark = view.query_selector("#search-results mark")
    colours = view.evaluate("(m) => [getComputedStyle(m).backgroundColor, getComputedStyle(m).color]", mark)
    assert colours[0] != colours[1]


def test_scores_are_lunrs(view, site):
    """search.js scores from the postings itself (lunr's own query loop is slow at 5000 articles): the same numbers."""
    search(view, site, "Kremlin wounded")
    for terms, key in ((["kremlin", "wound", "peskov"], None), (["kremlin"], "kr"), (["wound", "women"], "wo")):
        ours, theirs = view.evaluate("([t, k]) => DOSSIER_SEARCH_API.scores(t, k)", [terms, key])
        assert ours.keys() == theirs.keys() and ours, (terms, key)
        for ref, score in theirs.items():
            assert ours[ref] == pytest.approx(score, rel=1e-12), (terms, key, ref)
