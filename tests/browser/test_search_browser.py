"""Search in real Chromium from file://: results, clicks, filters, keyboard, escaping, and no network."""

from __future__ import annotations

import re

import pytest
from browser import Watch, chromium
from conftest import FIXTURES, build_site, load_export

DW = "Putin pained by Moscow attack, even if not visible — Kremlin"
MT = "No Plans for Putin to Meet With Concert Attack Survivors, Kremlin Says"


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.watch = Watch()
    page.watch.attach(page)
    yield page
    context.close()


def open_search(page, site, query="", **params):
    from urllib.parse import urlencode

    qs = urlencode({"q": query, **params}) if query or params else ""
    page.goto((site / "search.html").as_uri() + ("?" + qs if qs else ""))
    page.wait_for_selector("body[data-search-ready='1']", timeout=15000)
    return [a.inner_text() for a in page.query_selector_all("#search-results a.result-link")]


def type_and_open_first_result(page, query: str) -> None:
    """As a reader would: type in the header box, wait for the live results, click the first one."""
    page.fill("input[type=search]", query)
    page.wait_for_selector("#search-results a.result-link")
    with page.expect_navigation():
        page.click("#search-results a.result-link")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Peskov", {DW, MT}),
        ("Crocus", {DW, MT}),
        ("ISIS-K", {DW, MT}),
        ("144", {DW}),
        ("143", {MT}),
        ("Nodiri", {DW}),
        ("Pesk", {DW, MT}),
        ("Tajik", {DW}),
    ],
)
def test_queries_find_the_right_articles(page, bundled_site, query, expected):
    titles = open_search(page, bundled_site, query)
    assert set(titles) == expected, titles
    assert page.watch.clean(), page.watch


def test_results_show_source_date_and_highlighted_snippet(page, bundled_site):
    open_search(page, bundled_site, "Peskov")
    first = page.query_selector("#search-results li.result")
    meta = first.query_selector(".meta").inner_text()
    assert re.match(r"(DW|The Moscow Times) · 2024-03-\d\d", meta)
    # Peskov is a registered name: the snippet marks him in the forms the article uses.
    marks = [m.inner_text().lower() for m in first.query_selector_all(".snippet mark")]
    assert any("peskov" in m for m in marks), marks
    assert set(marks) <= {"peskov", "dmitry peskov", "dmitri peskov", "kremlin spokesman"}, marks


def test_result_click_lands_on_the_article_from_a_deep_page(page, bundled_site):
    page.goto((bundled_site / "entities" / "vladimir-putin.html").as_uri())
    type_and_open_first_result(page, "survivors")
    assert page.url.endswith("/articles/no-plans-for-putin-to-meet-with-concert-attack-survivors-kremlin-says.html")
    assert page.query_selector("h1").inner_text() == MT
    assert page.watch.clean(), page.watch


def test_search_links_a_name_to_its_page_where_the_url_scheme_puts_it(page, deep_site):
    open_search(page, deep_site, "Peskov")
    link = page.wait_for_selector("#search-results li.entity-match a")
    with page.expect_navigation():
        link.click()
    assert page.url.endswith("/people/all/dmitry-peskov.html")
    assert page.query_selector("h1").inner_text() == "Dmitry Peskov"
    assert page.watch.clean(), page.watch


def test_result_click_from_home_and_from_search_page(page, bundled_site):
    page.goto((bundled_site / "index.html").as_uri())
    type_and_open_first_result(page, "diplomats")
    assert page.query_selector("h1").inner_text() == DW
    open_search(page, bundled_site, "Beslan")
    with page.expect_navigation():
        page.click("#search-results a.result-link")
    assert page.query_selector("h1").inner_text() == MT
    assert page.watch.clean(), page.watch


def test_header_form_submits_to_the_search_page(page, bundled_site):
    page.goto((bundled_site / "articles" / "putin-pained-by-moscow-attack-even-if-not-visible-kremlin.html").as_uri())
    page.fill("input[type=search]", "Kremlin")
    with page.expect_navigation():
        page.press("input[type=search]", "Enter")
    page.wait_for_selector("body[data-search-ready='1']")
    assert "search.html?q=Kremlin" in page.url
    assert len(page.query_selector_all("#search-results a.result-link")) == 2


def test_keyboard_moves_through_results_and_enter_opens(page, bundled_site):
    open_search(page, bundled_site, "Kremlin")
    page.focus("input[type=search]")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.textContent")
    assert {first, second} == {DW, MT}
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.query_selector("h1").inner_text() == second


def test_filters_by_source_entity_and_date(page, bundled_site):
    assert open_search(page, bundled_site, "Putin", source="DW") == [DW]
    assert set(open_search(page, bundled_site, "Putin", entity="Dmitry Peskov")) == {DW, MT}
    assert open_search(page, bundled_site, "Putin", entity="Shakhnoza Nodiri") == [DW]
    assert open_search(page, bundled_site, "Putin", **{"from": "2024-03-29"}) == [DW]
    assert open_search(page, bundled_site, "Putin", to="2024-03-29") == [MT]
    page.select_option("select[name=source]", "The Moscow Times")
    page.wait_for_function(
        "document.querySelectorAll('#search-results a.result-link').length === 1 && document.querySelector('#search-results a.result-link').textContent.startsWith('No Plans')"
    )
    assert page.watch.clean(), page.watch


def test_query_syntax_errors_are_retried_as_plain_words(page, bundled_site):
    for query in ("title:", "foo:bar", "Peskov:", "+", "Kremlin~"):
        open_search(page, bundled_site, query)
    assert page.watch.clean(), page.watch


def test_empty_results_say_so_and_suggest_names(page, bundled_site):
    assert open_search(page, bundled_site, "Peskovv zzzz") in ([DW, MT], [MT, DW])  # one edit from Peskov
    titles = open_search(page, bundled_site, "Peszzv")
    assert titles == []
    text = page.inner_text("#search-results")
    assert "No articles match “Peszzv”" in text
    assert page.query_selector("#search-results a[href$='entities/dmitry-peskov.html']")


def test_query_is_shown_as_text_never_run(page, bundled_site):
    open_search(page, bundled_site, "<img src=x onerror=alert(1)>")
    assert "<img src=x onerror=alert(1)>" in page.inner_text("#search-results")
    assert page.query_selector("#search-results img") is None
    assert page.watch.clean(), page.watch


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-search")
    capture = (
        b"Quote \" and </script><script>alert('t')</script> in a title\n\nMarch 24, 2024\n\n"
        b'Body with <img src=x onerror=alert(2)> and "quotes" and </script> inside, about Crocus.\n'
    )
    return build_site(tmp, {"hostile.txt": capture, "tass.txt": (FIXTURES / "gold" / "tass_text.txt").read_bytes()})


def test_titles_with_script_tags_cannot_break_out_of_data_files(page, hostile_site):
    for js in (hostile_site / "search").glob("*.js"):
        if js.name != "lunr.min.js":
            assert "</script" not in js.read_text(encoding="utf-8").lower(), js
    (hostile,) = [a for a in load_export(hostile_site)["articles"] if a["capture"] == "hostile.txt"]
    titles = open_search(page, hostile_site, "Crocus")
    assert titles == [hostile["title"]]
    assert page.query_selector("#search-results img") is None
    page.goto((hostile_site / hostile["url"]).as_uri())
    assert page.watch.clean(), page.watch


def test_search_files_are_loaded_lazily(page, bundled_site):
    requested = []
    page.on("request", lambda r: requested.append(r.url.rsplit("/", 1)[-1]))
    page.goto((bundled_site / "index.html").as_uri())
    page.wait_for_load_state("load")
    assert "lunr.min.js" not in requested and "main.js" not in requested
    page.focus("input[type=search]")
    page.wait_for_function("window.DOSSIER_SEARCH_MAIN !== undefined")
    assert "lunr.min.js" in requested and "main.js" in requested
    assert not any(r.startswith("t-") for r in requested), "body shards load only for a query's words"


def test_an_empty_dossier_still_searches(page, tmp_path):
    site = build_site(tmp_path, {"empty.txt": b""})
    assert open_search(page, site, "Putin") == []
    assert "No articles match" in page.inner_text("#search-results")
    assert page.watch.clean(), page.watch


@pytest.fixture(scope="module")
def deep_site(tmp_path_factory):
    """Article pages two folders deep (articles/2024/<slug>.html) and name pages moved by the URL scheme
    (people/all/<id>.html): links and search must still work."""
    import shutil

    from conftest import ROOT

    tmp = tmp_path_factory.mktemp("deep")
    shutil.copytree(ROOT / "content", tmp / "content")
    return build_site(
        tmp,
        content=tmp / "content",
        ARTICLE_URL="articles/{date:%Y}/{slug}.html",
        ARTICLE_SAVE_AS="articles/{date:%Y}/{slug}.html",
        DOSSIER_ENTITY_URL="people/all/{slug}.html",
        DOSSIER_ENTITIES_URL="people/index.html",
    )


def test_search_from_a_page_two_folders_deep(page, deep_site):
    from linkcheck import problems

    assert problems(deep_site) == []
    page.goto((deep_site / "articles" / "2024" / "putin-pained-by-moscow-attack-even-if-not-visible-kremlin.html").as_uri())
    type_and_open_first_result(page, "survivors")
    assert page.url.endswith("/articles/2024/no-plans-for-putin-to-meet-with-concert-attack-survivors-kremlin-says.html")
    assert page.query_selector("h1").inner_text() == MT
    assert page.watch.clean(), page.watch


def test_snippet_shows_the_matched_words(page, bundled_site):
    open_search(page, bundled_site, "ISIS-K")
    for li in page.query_selector_all("#search-results li.result"):
        marks = [m.inner_text() for m in li.query_selector_all(".snippet mark")]
        assert any(m.upper().startswith("ISIS") for m in marks), li.inner_text()
