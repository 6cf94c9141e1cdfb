"""Entity and figure pages, cross-links and CSV exports, in real builds."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, build_site, load_export
from linkcheck import problems


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_killed_figure_shows_both_sources_and_flags_the_difference(bundled_site):
    page = soup(bundled_site / "figures" / "killed.html")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in page.select("table.claims tbody tr")]
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("The Moscow Times", "2024-03-28", "143", "at least"),
        ("DW", "2024-03-30", "144", "at least"),
    ]
    note = page.select_one(".discrepancy").get_text(" ", strip=True)
    assert note.startswith("Changed over time: rose from at least 143 (28 March) to at least 144 (30 March).")
    assert "No two sources disagree on the same day" in note
    svg = page.select_one("svg.chart")
    assert svg.find("title") and svg.find("desc") and len(svg.find_all("circle")) == 2


def test_wounded_figure_shows_360(bundled_site):
    page = soup(bundled_site / "figures" / "wounded.html")
    values = [tr.find_all("td")[2].get_text(strip=True) for tr in page.select("table.claims tbody tr")]
    assert "360" in values and "hundreds (200–999)" in values


def test_export_figures(bundled_export):
    figures = {f["measure"]: f for f in bundled_export["figures"]}
    assert [(c["source"], c["date"], c["value"]) for c in figures["killed"]["claims"]] == [
        ("The Moscow Times", "2024-03-28", 143),
        ("DW", "2024-03-30", 144),
    ]
    assert figures["killed"]["discrepancy"] is True
    assert 360 in [c["value"] for c in figures["wounded"]["claims"]]


def test_article_text_links_entities_and_figures(bundled_site, bundled_export):
    art = next(a for a in bundled_export["articles"] if a["source"] == "DW")
    page = soup(bundled_site / art["url"])
    body = page.select_one(".body")
    hrefs = {a.get_text(): a["href"] for a in body.find_all("a")}
    assert hrefs["ISIS-K"] == "../entities/isis-k.html"
    assert hrefs["at least 144"] == "../figures/killed.html"
    assert hrefs["Vladimir Putin"] == "../entities/vladimir-putin.html"
    assert "the Russian president" not in hrefs, "a name is linked at its first mention in each section only"
    assert not any(h.find("a") for h in body.find_all("h2")), "no links inside headings"
    assert all(p.get("id", "").startswith("p") for p in body.find_all("p"))
    assert "vladimir-putin" in art["entities"] and "isis-k" in art["entities"]


def test_entity_page_lists_mentions_sources_and_cooccurrence(bundled_site):
    page = soup(bundled_site / "entities" / "vladimir-putin.html")
    assert page.h1.get_text() == "Vladimir Putin"
    assert page.find("a", href="https://www.wikidata.org/wiki/Q7747")
    per_source = {
        tr.find_all("td")[0].get_text(): int(tr.find_all("td")[1].get_text()) for tr in page.select("table.per-source tbody tr")
    }
    assert set(per_source) == {"DW", "The Moscow Times"} and all(n >= 2 for n in per_source.values())
    mentions = page.select("ol.mentions li")
    assert len(mentions) == sum(per_source.values())
    for li in mentions:
        href = li.find("a")["href"]
        target, anchor = href.split("#")
        assert soup((bundled_site / "entities" / target).resolve()).find(id=anchor), href
    co = [a["href"] for a in page.select("ul.entity-list a")]
    assert "../entities/dmitry-peskov.html" in co
    assert page.select_one("svg.chart title")


def test_entities_index_groups_by_type(bundled_site):
    page = soup(bundled_site / "entities" / "index.html")
    headings = [h.get_text() for h in page.find_all("h2")]
    assert headings[:2] == ["People", "Organisations"]
    assert page.find("a", href="../entities/dmitry-peskov.html")


def test_csv_exports(bundled_site):
    entities = list(csv.DictReader(io.StringIO((bundled_site / "entities.csv").read_text(encoding="utf-8"))))
    mentions = list(csv.DictReader(io.StringIO((bundled_site / "mentions.csv").read_text(encoding="utf-8"))))
    figures = list(csv.DictReader(io.StringIO((bundled_site / "figures.csv").read_text(encoding="utf-8"))))
    assert {"id", "name", "type"} <= set(entities[0])
    assert any(e["id"] == "dmitry-peskov" for e in entities)
    assert {"entity", "article", "sentence", "paragraph"} <= set(mentions[0])
    assert all(m["paragraph"].startswith("p") for m in mentions)
    assert {(f["measure"], f["source"], f["value"]) for f in figures} >= {
        ("killed", "DW", "144"),
        ("killed", "The Moscow Times", "143"),
        ("wounded", "The Moscow Times", "360"),
    }


@pytest.fixture(scope="module")
def multi(tmp_path_factory):
    """Several outlets, no registry: names are discovered and resolved across sources."""
    tmp = tmp_path_factory.mktemp("multi")
    gold = FIXTURES / "gold"
    names = ["tass_text.txt", "reuters_crlf.txt", "aljazeera_text.txt", "bbc_page.html", "cnn_page.html", "ap_text.txt"]
    captures = {n: (gold / n).read_bytes() for n in names}
    captures["variant.txt"] = (
        b"Peskov denies report\n\nMarch 26, 2024\n\nKremlin spokesman Dmitri Peskov denied the report on Tuesday. Peskov said 139 people were killed.\n"
    )
    return build_site(tmp, captures)


def test_shared_entities_resolved_across_sources_without_a_registry(multi):
    export = load_export(multi)
    entities = {e["name"]: e for e in export["entities"]}
    peskov = [e for e in export["entities"] if e["name"].endswith("Peskov")]
    assert len(peskov) == 1
    assert set(peskov[0]["articles"]) >= {
        a["slug"] for a in export["articles"] if a["capture"] in {"tass_text.txt", "reuters_crlf.txt", "variant.txt"}
    }
    putin = entities["Vladimir Putin"]
    assert len({a for a in putin["articles"]}) >= 3
    assert "Putin" not in entities
    for junk in ("Believe", "Meanwhile", "However", "Spokesman", "Share"):
        assert junk not in entities


def test_figures_grouped_across_sources(multi):
    killed = next(f for f in load_export(multi)["figures"] if f["measure"] == "killed")
    assert {c["source"] for c in killed["claims"]} >= {"TASS", "Al Jazeera", "BBC", "CNN", "AP"}
    assert killed["discrepancy"] is True


def test_multi_outlet_site_links_resolve(multi):
    assert problems(multi) == []


def test_no_name_lists_a_spelling_twice_in_another_case(bundled_export):
    """ "The Kremlin" opening a sentence is the registry's "the Kremlin", not another spelling."""
    for e in bundled_export["entities"]:
        spellings = [e["name"], *e["aliases"]]
        assert len({s.casefold() for s in spellings}) == len(spellings), e["aliases"]
    kremlin = next(e for e in bundled_export["entities"] if e["id"] == "kremlin")
    assert "The Kremlin" in {m["text"] for m in kremlin["mentions"]}  # the case that used to be listed again
