"""End to end: the bundled dossier builds into a site that works from disk, with a valid export."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import jsonschema
from bs4 import BeautifulSoup
from conftest import ROOT
from linkcheck import problems

DW = "putin-pained-by-moscow-attack-even-if-not-visible-kremlin"
MT = "no-plans-for-putin-to-meet-with-concert-attack-survivors-kremlin-says"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_home_lists_both_articles_with_title_date_outlet(bundled_site):
    items = soup(bundled_site / "index.html").select(".article-list article")
    seen = {
        (i.select_one(".item-title").get_text(strip=True), i.time["datetime"], i.select_one(".meta a").get_text(strip=True))
        for i in items
    }
    assert seen == {
        ("Putin pained by Moscow attack, even if not visible — Kremlin", "2024-03-30", "DW"),
        ("No Plans for Putin to Meet With Concert Attack Survivors, Kremlin Says", "2024-03-28", "The Moscow Times"),
    }


def test_every_internal_link_resolves_to_a_file(bundled_site):
    assert problems(bundled_site) == []


def test_links_are_relative_and_name_html_files(bundled_site):
    for page in bundled_site.rglob("*.html"):
        for a in soup(page).find_all("a", href=True):
            href = a["href"]
            if href.startswith(("http://", "https://", "#")):
                continue
            assert not href.startswith("/"), (page, href)
            assert re.search(r"\.(html|json|txt|csv|xml)(#.*)?$", href), (page, href)


def test_article_page_shows_source_metadata(bundled_site):
    page = soup(bundled_site / "articles" / f"{MT}.html")
    meta = page.select_one(".source-meta").get_text(" ", strip=True)
    assert "The Moscow Times" in meta and "By AFP" in meta and "AFP" in meta
    link = page.select_one("a.original-url")
    assert (
        link["href"]
        == "https://www.themoscowtimes.com/2024/03/28/no-plans-for-putin-to-meet-with-concert-attack-survivors-kremlin-says-a84665"
    )
    raw = page.select_one("a.raw-capture")
    assert raw.get_text() == "002_6f9c142447d4b5cd.txt"
    raw_file = (bundled_site / "articles" / raw["href"]).resolve()
    assert raw_file.read_bytes() == (ROOT / "content/captures/002_6f9c142447d4b5cd.txt").read_bytes()
    assert hashlib.sha256(raw_file.read_bytes()).hexdigest() in meta


def test_article_body_has_no_navigation_and_keeps_words(bundled_site):
    page = soup(bundled_site / "articles" / f"{DW}.html")
    body = page.select_one(".body").get_text("\n")
    assert "Skip to" not in body
    assert "Image:" not in body
    assert "lo/rc" not in body
    assert "inmemory" not in body  # that line is a picture's description, shown with the caption
    assert "What the Kremlin said" in [h.get_text() for h in page.select(".body h2")]
    log = page.select_one("details.cleaning-log").get_text(" ")
    assert "1. Skip to content" in log and "skip-link" in log


def test_export_validates_against_schema(bundled_export):
    schema = json.loads((ROOT / "schema/dossier.schema.json").read_text())
    jsonschema.validate(bundled_export, schema)


def test_export_articles_sorted_and_faithful(bundled_export):
    arts = bundled_export["articles"]
    assert [(a["date"], a["slug"]) for a in arts] == sorted((a["date"], a["slug"]) for a in arts)
    by_capture = {a["capture"]: a for a in arts}
    for name, art in by_capture.items():
        data = (ROOT / "content/captures" / name).read_bytes()
        assert art["sha256"] == hashlib.sha256(data).hexdigest()
        raw = data.decode("utf-8")
        for paragraph in art["paragraphs"]:
            # Every word of every paragraph appears, in order, in the raw capture.
            assert re.search(r"\s+".join(map(re.escape, paragraph.split())), raw), paragraph
    assert by_capture["000_a299375b2d969efe.txt"]["source"] == "DW"
    assert by_capture["000_a299375b2d969efe.txt"]["agencies"] == ["AP", "AFP", "Reuters"]
    assert by_capture["002_6f9c142447d4b5cd.txt"]["source"] == "The Moscow Times"
    for key in ("sources", "topics", "entities", "figures", "duplicates", "rejected"):
        assert isinstance(bundled_export[key], list)
    assert {s["name"]: s["articles"] for s in bundled_export["sources"]} == {"DW": [DW], "The Moscow Times": [MT]}


def test_about_page_reports_the_build(bundled_site):
    page = soup(bundled_site / "about.html")
    assert page.select_one("#report-captures").get_text() == "2"
    assert page.select_one("#report-articles").get_text() == "2"
    assert page.select_one("#report-rejected").get_text() == "0"


def test_no_page_loads_from_the_network(bundled_site):
    for page in bundled_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"(https?:)?//", text), page
