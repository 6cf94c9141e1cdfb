"""Per-source and per-topic pages, the home page and the about page, as a reader sees them."""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, build_site, load_export


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def meta(page) -> dict[str, str]:
    dl = page.select_one("dl.source-meta")
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in dl.find_all("dt")}


def test_source_page(bundled_site):
    page = soup(bundled_site / "sources" / "dw.html")
    m = meta(page)
    assert m["Domain"] == "dw.com"
    assert m["Dates"] == "2024-03-30"
    assert m["Agencies credited"] == "AFP (1), AP (1), Reuters (1)"
    assert [a.get_text() for a in page.select(".article-list .item-title a")] == [
        "Putin pained by Moscow attack, even if not visible — Kremlin"
    ]
    top = [a.get_text() for a in page.select("ul.entity-list a")]
    assert top[0] == "Vladimir Putin"
    figures = [tr.find_all("td")[1].get_text(" ", strip=True) for tr in page.select("table tbody tr")]
    assert "at least 144" in figures


def test_sources_index_counts(bundled_site):
    items = [li.get_text(" ", strip=True) for li in soup(bundled_site / "sources" / "index.html").select("main li")]
    assert items == ["DW (1)", "The Moscow Times (1)"]


def test_topic_page_compares_sources_side_by_side(bundled_site, bundled_export):
    page = soup(bundled_site / "topics" / "kremlin-response.html")
    columns = page.select(".compare-col")
    assert [c.h2.get_text() for c in columns] == ["DW", "The Moscow Times"]
    for col in columns:
        quotes = col.select("blockquote")
        assert quotes, col.h2.get_text()
        for q in quotes:
            href = q.find("a")["href"]
            assert "#p" in href
    dw_text = columns[0].get_text(" ")
    assert "Spokesman Dmitry Peskov said Putin was dealing with the tragedy" in dw_text
    assert page.find("a", href="../entities/dmitry-peskov.html")
    topics = {t["name"]: t for t in bundled_export["topics"]}
    assert set(topics) == {
        "Kremlin response",
        "Memorial and diplomacy",
        "Tajik migrants",
        "Claim of responsibility",
        "Accusations against Ukraine",
        "Casualties",
    }
    assert topics["Tajik migrants"]["articles"] == ["putin-pained-by-moscow-attack-even-if-not-visible-kremlin"]


def test_topics_file_is_a_setting_and_rules_decide(tmp_path):
    content = tmp_path / "content"
    (content / "captures").mkdir(parents=True)
    for name in ("tass_text.txt", "bbc_page.html"):
        (content / "captures" / name).write_bytes((FIXTURES / "gold" / name).read_bytes())
    (content / "my-topics.toml").write_text(
        '[[topic]]\nname = "Court"\ndescription = "Courts."\nkeywords = ["court"]\n\n[[topic]]\nname = "Spokesman"\nphrases = ["Kremlin spokesman"]\n',
        encoding="utf-8",
    )
    site = build_site(tmp_path, content=content, DOSSIER_TOPICS="my-topics.toml")
    export = load_export(site)
    by_capture = {a["capture"]: a["topics"] for a in export["articles"]}
    assert by_capture == {"bbc_page.html": ["Court"], "tass_text.txt": ["Spokesman"]}
    assert (site / "topics" / "court.html").is_file()


def test_home_page(bundled_site):
    page = soup(bundled_site / "index.html")
    assert page.h1.get_text() == "Crocus City Hall attack: a dossier"
    panels = {kf.h3.get_text(): kf.select_one(".kf-range").get_text(" ", strip=True) for kf in page.select(".kf")}
    assert panels["Killed"] == "143–144"
    changes = {kf.h3.get_text(): kf.select_one(".kf-change").get_text() for kf in page.select(".kf") if kf.select(".kf-change")}
    assert changes == {"Killed": "Rose from at least 143 (28 March) to at least 144 (30 March)"}
    assert panels["Wounded"].startswith("360")
    svg = page.select_one("#tl ~ figure svg") or page.select_one("figure svg")
    assert svg.find("title").get_text() and svg.find("desc").get_text()
    hrefs = {a["href"] for a in page.find_all("a", href=True)}
    for target in ("sources/dw.html", "topics/kremlin-response.html", "entities/vladimir-putin.html", "figures/killed.html",
                   "search.html", "about.html", "dossier.json", "entities.csv", "mentions.csv", "figures.csv",
                   "articles/putin-pained-by-moscow-attack-even-if-not-visible-kremlin.html", "entities/index.html", "figures/index.html"):  # fmt: skip
        assert f"./{target}" in hrefs, target
    assert page.select_one("input[type=search]")
    shared = [a.get_text() for a in page.select("#ne ~ ul a")]
    assert "Vladimir Putin" in shared and "Dmitry Peskov" in shared


def test_home_title_and_description_are_settings(tmp_path):
    site = build_site(
        tmp_path,
        {"t.txt": (FIXTURES / "gold" / "tass_text.txt").read_bytes()},
        DOSSIER_TITLE="Test dossier",
        DOSSIER_DESCRIPTION="A description.",
    )
    page = soup(site / "index.html")
    assert page.h1.get_text() == "Test dossier"
    assert page.select_one("p.lede").get_text() == "A description."
    assert load_export(site)["title"] == "Test dossier"


def test_about_page_has_method_and_report_and_the_review_page_has_candidates(bundled_site):
    page = soup(bundled_site / "about.html")
    text = page.get_text(" ")
    assert "Method" in text and "Build report" in text
    assert not page.select("ul.candidates"), "an editor's housekeeping is not for readers"
    assert soup(bundled_site / "review.html").select("ul.candidates li"), "candidate names for an editor"


def test_pictures_have_text_alternatives(bundled_site):
    for path in ("index.html", "entities/index.html", "figures/killed.html", "entities/vladimir-putin.html"):
        page = soup(bundled_site / path)
        for svg in page.find_all("svg"):
            assert svg.get("role") == "img" and svg.find("title") and svg.find("desc"), path
        assert page.find("table"), f"{path} has the data as a table too"


def test_every_url_in_the_export_is_a_page_of_the_site(tmp_path):
    """Even for outlets whose names slug oddly ("RFE/RL") and topics set by an editor."""
    names = ["rferl_utf16.txt", "tass_text.txt", "guardian_page.htm"]
    content = tmp_path / "content"
    (content / "captures").mkdir(parents=True)
    for n in names:
        (content / "captures" / n).write_bytes((FIXTURES / "gold" / n).read_bytes())
    (content / "editorial.toml").write_text(
        '[captures."tass_text.txt"]\ntopics = ["Kremlin / Peskov (statements)"]\n', encoding="utf-8"
    )
    site = build_site(tmp_path, content=content)
    export = load_export(site)
    urls = [a["url"] for a in export["articles"]] + [s["url"] for s in export["sources"]] + [t["url"] for t in export["topics"]]
    urls += [e["url"] for e in export["entities"]] + [f["url"] for f in export["figures"]]
    assert any(s["name"] == "RFE/RL" for s in export["sources"])
    for url in urls:
        assert (site / url).is_file(), url


def test_topic_page_lists_older_articles_past_the_setting(tmp_path):
    bodies = [
        "Kremlin spokesman Dmitry Peskov said the president would not travel to the region this week.",
        "The Kremlin said on Thursday that security services had questioned several more witnesses about the night.",
        "Putin has ordered a review of security at concert venues across the country, the Kremlin said.",
    ]
    content = tmp_path / "content"
    (content / "captures").mkdir(parents=True)
    for i, body in enumerate(bodies):
        text = f"TASS Russian News Agency\n\nKremlin statement number {i} on the attack\n\n{20 + i}.03.2024\n\n{body}\n"
        (content / "captures" / f"t{i}.txt").write_text(text, encoding="utf-8")
    (content / "topics.toml").write_text((ROOT / "content" / "topics.toml").read_text(encoding="utf-8"), encoding="utf-8")
    site = build_site(tmp_path, content=content, DOSSIER_TOPIC_ARTICLES=1)
    page = soup(site / "topics" / "kremlin-response.html")
    (col,) = page.select(".compare-col")
    assert len(col.select("article.compare-item")) == 1
    assert col.select_one("article.compare-item .meta").get_text().startswith("2024-03-22"), "newest first"
    assert [a.get_text() for a in col.select("details.more-articles a")] == [
        "Kremlin statement number 1 on the attack",
        "Kremlin statement number 0 on the attack",
    ]
