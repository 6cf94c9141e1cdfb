"""Saved HTML pages are read by the dossier reader, never by Pelican's HTML reader, and nothing from them runs."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, build_site, load_export

GOLD = FIXTURES / "gold"
HOSTILE = (
    b"Breaking: <script>alert('title')</script> attack </script> coverage\n\n"
    b"March 24, 2024\n\n"
    b"The toll rose <img src=x onerror=alert(1)> to 137 & more, officials said.\n\n"
    b"<script>document.title='pwned'</script>\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("html")
    captures = {name: (GOLD / name).read_bytes() for name in ("bbc_page.html", "guardian_page.htm", "cnn_page.html")}
    return build_site(tmp, {**captures, "hostile.txt": HOSTILE})


def test_html_captures_become_dossier_articles(site):
    export = load_export(site)
    assert sorted(a["capture"] for a in export["articles"]) == [
        "bbc_page.html",
        "cnn_page.html",
        "guardian_page.htm",
        "hostile.txt",
    ]
    for art in export["articles"]:
        page = BeautifulSoup((site / art["url"]).read_text(encoding="utf-8"), "html.parser")
        assert page.select_one("dl.source-meta"), "rendered by the dossier templates"
    # Pelican's own HTML reader would have made pages named after the files' <title>s; none exist.
    assert sorted(p.name for p in (site / "articles").iterdir()) == sorted(a["slug"] + ".html" for a in export["articles"])


def test_raw_copies_of_html_open_as_text(site):
    raw = site / "captures" / "bbc_page.html.txt"
    assert raw.read_bytes() == (GOLD / "bbc_page.html").read_bytes()
    assert not (site / "captures" / "bbc_page.html").exists()
    page = (site / load_export(site)["articles"][0]["url"]).read_text(encoding="utf-8")
    assert "captures/" in page


def test_no_script_or_style_text_leaks(site):
    for page in site.rglob("*"):
        if page.suffix in {".html", ".json", ".js"} and "captures" not in page.parts:
            text = page.read_text(encoding="utf-8")
            assert "SCRIPT-LEAK" not in text, page
            assert "secret-style-text" not in text, page


def test_markup_in_content_is_escaped(site):
    export = load_export(site)
    (art,) = [a for a in export["articles"] if a["capture"] == "hostile.txt"]
    html = (site / art["url"]).read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find("img", src="x")
    assert all(not s.string or "alert" not in s.string for s in soup.find_all("script"))
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert art["title"] == "Breaking: <script>alert('title')</script> attack </script> coverage"
