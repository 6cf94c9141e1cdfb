"""One URL scheme (plugins/dossier/urls.py): settings move every page, and every link, address in the
export, JSON-LD and sitemap entry follows."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, load_export
from linkcheck import problems

SITE = "https://example.org/dossier"
MOVED = {
    "ARTICLE_URL": "stories/{date:%Y}/{slug}.html",
    "ARTICLE_SAVE_AS": "stories/{date:%Y}/{slug}.html",
    "CATEGORY_URL": "outlets/{slug}.html",
    "CATEGORY_SAVE_AS": "outlets/{slug}.html",
    "CATEGORIES_URL": "outlets/index.html",
    "CATEGORIES_SAVE_AS": "outlets/index.html",
    "TAG_URL": "subjects/{slug}.html",
    "TAG_SAVE_AS": "subjects/{slug}.html",
    "TAGS_URL": "subjects/index.html",
    "TAGS_SAVE_AS": "subjects/index.html",
    "DOSSIER_ENTITY_URL": "names/all/{slug}.html",
    "DOSSIER_ENTITIES_URL": "names/index.html",
    "DOSSIER_FIGURE_URL": "numbers/{slug}.html",
    "DOSSIER_FIGURES_URL": "numbers/index.html",
    "ARCHIVES_URL": "all-articles.html",
    "ARCHIVES_SAVE_AS": "all-articles.html",
}


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("moved")
    shutil.copytree(ROOT / "content", tmp / "content")
    return build_site(tmp, content=tmp / "content", SITEURL=SITE, DOSSIER_SITEURL=SITE, **MOVED)


def test_every_page_is_where_the_settings_say_and_every_link_resolves(moved):
    assert problems(moved, skip=("404.html",)) == []
    for default in ("articles", "sources", "topics", "entities", "figures"):
        assert not (moved / default).exists(), default
    for folder in ("stories/2024", "outlets", "subjects", "names/all", "numbers"):
        assert list((moved / folder).glob("*.html")), folder
    assert (moved / "names" / "index.html").is_file() and (moved / "numbers" / "index.html").is_file()
    nav = BeautifulSoup((moved / "index.html").read_text(encoding="utf-8"), "html.parser").select("nav a")
    assert not (moved / "archives.html").exists() and (moved / "all-articles.html").is_file()
    assert {"outlets/index.html", "subjects/index.html", "names/index.html", "numbers/index.html", "all-articles.html"} <= {
        a["href"].removeprefix("./") for a in nav
    }


def test_export_addresses_follow_the_scheme(moved):
    export = load_export(moved)
    urls = [a["url"] for a in export["articles"]]
    urls += [s["url"] for s in export["sources"]] + [t["url"] for t in export["topics"]]
    urls += [e["url"] for e in export["entities"]] + [f["url"] for f in export["figures"]]
    assert all((moved / u).is_file() for u in urls), [u for u in urls if not (moved / u).is_file()]
    assert all(u.startswith(("stories/", "outlets/", "subjects/", "names/all/", "numbers/")) for u in urls)
    csv = (moved / "entities.csv").read_text(encoding="utf-8")
    assert "names/all/" in csv and "entities/" not in csv


def test_structured_data_and_sitemap_name_pages_that_exist(moved):
    found = []
    for page in moved.rglob("*.html"):
        for script in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select('script[type="application/ld+json"]'):
            text = json.dumps(json.loads(script.string))
            found += re.findall(re.escape(SITE) + r'/([^"#]+)', text)
    found += re.findall(re.escape(SITE) + r"/([^<]+)</loc>", (moved / "sitemap.xml").read_text(encoding="utf-8"))
    pages = {u for u in found if u.endswith(".html")}
    assert any(u.startswith("names/all/") for u in pages) and any(u.startswith("stories/") for u in pages)
    assert any(u.startswith("numbers/") for u in pages)
    assert [u for u in pages if not (moved / u).is_file()] == []


def test_search_form_tells_search_js_where_name_pages_are(moved):
    form = BeautifulSoup((moved / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("form.search-form")
    assert form["data-entity-url"] == "names/all/{slug}.html"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"DOSSIER_ENTITY_URL": "pages/one.html"}, r"DOSSIER_ENTITY_URL = 'pages/one.html': a page address must hold \{slug\}"),
        ({"DOSSIER_FIGURE_URL": "figures/{slug}/"}, r"must name a file, not a folder"),
        (
            {"ARTICLE_URL": "articles/{author}/{slug}.html"},
            r"the dossier fills only \{category\}, \{date\}, \{lang\}, \{slug\} here, not \{author\}",
        ),
        (
            {"DOSSIER_ENTITY_URL": "{slug}.html"},
            r"about\.html, the about page, would also be the page of a name slugged 'about'; give name pages a folder",
        ),
        (
            {"CATEGORIES_URL": "sources/all.html", "CATEGORIES_SAVE_AS": "sources/all.html"},
            r"sources/all\.html, the list of sources \(CATEGORIES_URL\), would also be the page of a source slugged 'all'",
        ),
        (
            {"DOSSIER_ENTITY_URL": "pages/{slug}.html", "DOSSIER_FIGURE_URL": "pages/{slug}.html"},
            r"a name and a figure with one slug would share a page",
        ),
    ],
)
def test_a_scheme_that_would_not_give_each_page_its_own_file_stops_the_build_with_one_sentence(tmp_path, settings, message):
    tass = (ROOT / "tests" / "fixtures" / "gold" / "tass_text.txt").read_bytes()
    with pytest.raises(SystemExit, match=message):
        build_site(tmp_path, {"tass.txt": tass}, **settings)


def test_article_addresses_take_pelicans_language(tmp_path):
    """ARTICLE_URL's {lang} is Pelican's DEFAULT_LANG, as Pelican fills it for the dossier's articles."""
    tass = (ROOT / "tests" / "fixtures" / "gold" / "tass_text.txt").read_bytes()
    site = build_site(
        tmp_path, {"tass.txt": tass}, DEFAULT_LANG="ru", ARTICLE_URL="{lang}/{slug}.html", ARTICLE_SAVE_AS="{lang}/{slug}.html"
    )
    (article,) = load_export(site)["articles"]
    assert article["url"].startswith("ru/") and (site / article["url"]).is_file()
    assert problems(site) == []
