"""What a reader sees, in real Chromium at a 390 px phone and a 1280 px desktop, light and dark: tables
whose numbers stay whole, charts whose text is readable and whose points and labels never hide each other,
paragraphs that can be linked to and cited, a favicon, and the editor's review page kept apart.

Screenshots of every page and view go to output-screenshots/ (not in git) for a person to look at."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import pytest
from browser import Watch, chromium
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, build_site, load_export

from dossier.build.pipeline import Dossier
from dossier.model import Article, Duplicate, Rejection
from dossier.site import charts, pages

SHOTS = ROOT / "output-screenshots"
VIEWS = [(width, scheme) for width in (390, 1280) for scheme in ("light", "dark")]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# A word longer than any phone is wide, in prose: it must wrap, not push the page sideways.
LONG_WORD = "Counter" + "terrorism" * 12
EXTRA = {
    "tass-copy.txt": (FIXTURES / "gold" / "tass_text.txt").read_bytes(),  # a duplicate
    "empty.txt": b"",  # rejected
    "undated.txt": b"Officials say little more\n\nThe Kremlin said nothing more about the attack on Tuesday. Dmitry Peskov declined to comment.\n",
    "long-word.txt": (
        "Officials describe the long investigation\n\nMarch 29, 2024\n\n"
        f"Officials said the {LONG_WORD} operation went on. The Investigative Committee said 139 people were killed.\n"
    ).encode(),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Thirteen outlets' captures (the gold fixtures and the bundled two), built with the local settings."""
    captures = {p.name: p.read_bytes() for p in sorted((FIXTURES / "gold").iterdir()) if p.suffix in {".txt", ".html", ".htm"}}
    captures.update({p.name: p.read_bytes() for p in sorted((ROOT / "content" / "captures").iterdir())})
    captures.update(EXTRA)
    logging.getLogger("pelican").setLevel(logging.WARNING)
    return build_site(tmp_path_factory.mktemp("reading"), captures)


@pytest.fixture(scope="module")
def export(site) -> dict:
    return load_export(site)


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def article_url(export: dict, capture: str) -> str:
    return next(a["url"] for a in export["articles"] if a["capture"] == capture)


def open_page(browser, site: Path, path: str, width: int, scheme: str, shot: str | None = None, **options):
    """A fresh page at `width` in `scheme`, with `path` (and its #fragment) loaded; screenshot to SHOTS/`shot`."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, **options)
    page = context.new_page()
    watch = Watch()
    watch.attach(page)
    file, _, fragment = path.partition("#")
    page.goto((site / file).as_uri() + (f"#{fragment}" if fragment else ""))
    page.wait_for_load_state("load")
    if shot:
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{shot}-{width}-{scheme}.png"), full_page=not fragment)
    page.watch = watch
    return page


# -- Tables ---------------------------------------------------------------------------------------------

TABLE_PAGES = {
    "figure-killed": "figures/killed.html",
    "figure-wounded": "figures/wounded.html",
    "source": "sources/the-moscow-times.html",
    "entity": "entities/vladimir-putin.html",
    "about": "about.html",
    "review": "review.html",
}

# The lines each visible table cell holding only a number, a date or a range of numbers is drawn on.
NUMBER_CELL_LINES = """() => {
  const number = /^\\d[\\d,.:%\\u2013-]*$/;
  const out = [];
  for (const td of document.querySelectorAll('td, th')) {
    const text = td.textContent.trim();
    const box = td.getBoundingClientRect();
    if (!number.test(text) || box.width < 2 || td.closest('.visually-hidden')) continue;
    const range = document.createRange();
    range.selectNodeContents(td);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top / 4)));
    out.push([text, tops.size]);
  }
  return out;
}"""

# Tables wider than their box, and whether that box scrolls.
WIDE_TABLES = """() => [...document.querySelectorAll('table')].filter(t => !t.closest('.visually-hidden')).map(t => {
  const box = t.parentElement;
  return [t.getBoundingClientRect().width, box.clientWidth, getComputedStyle(box).overflowX];
}).filter(([w, room]) => w > room + 1)"""


@pytest.mark.parametrize(("width", "scheme"), VIEWS)
def test_numbers_and_dates_in_table_cells_never_break(browser, site, width, scheme):
    seen = 0
    for name, path in TABLE_PAGES.items():
        page = open_page(browser, site, path, width, scheme, shot=name)
        cells = page.evaluate(NUMBER_CELL_LINES)
        assert [c for c in cells if c[1] != 1] == [], f"{path} at {width}px: cells drawn on more than one line"
        seen += len(cells)
        for w, room, overflow in page.evaluate(WIDE_TABLES):
            assert overflow in {"auto", "scroll"}, f"{path}: a {w:.0f}px table in a {room}px box that does not scroll"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} overflows sideways by {overflow}px at {width}px"
        assert page.watch.clean(), page.watch
        page.context.close()
    assert seen > 30, "the pages have number and date cells to check"


@pytest.mark.parametrize("width", [390, 1280])
def test_cleaning_log_table_keeps_line_numbers_whole(browser, site, export, width):
    page = open_page(browser, site, article_url(export, "cnn_page.html"), width, "light")
    page.click("details.cleaning-log summary")
    cells = page.evaluate(NUMBER_CELL_LINES)
    assert cells and all(lines == 1 for _, lines in cells), cells
    page.context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_long_word_in_prose_wraps_inside_the_column(browser, site, export, width):
    page = open_page(browser, site, article_url(export, "long-word.txt"), width, "light", shot="long-word")
    assert page.evaluate("getComputedStyle(document.body).overflowWrap") == "break-word"
    lines = page.evaluate(
        """(word) => { const p = [...document.querySelectorAll('.body p')].find(p => p.textContent.includes(word));
        const r = p.getBoundingClientRect(); return [r.right, document.documentElement.clientWidth,
        p.getClientRects().length, Math.round(r.height / parseFloat(getComputedStyle(p).lineHeight))]; }""",
        LONG_WORD,
    )
    right, room, _, line_count = lines
    assert right <= room and line_count >= 2, lines
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    page.context.close()


# -- Charts ---------------------------------------------------------------------------------------------

CHART_PAGES = {
    "home": "index.html",
    "figure-killed": "figures/killed.html",
    "figure-wounded": "figures/wounded.html",
    "names": "entities/index.html",
    "entity": "entities/vladimir-putin.html",
}

# For every chart on show: its scale, the smallest text as drawn, texts outside the picture, texts that
# touch each other, markers that touch each other, and markers that a text touches.
CHART_REPORT = """() => {
  const shown = [...document.querySelectorAll('svg.chart')].filter(s => getComputedStyle(s).display !== 'none');
  const meet = (a, b, slack) => a.left + slack < b.right && b.left + slack < a.right && a.top + slack < b.bottom && b.top + slack < a.bottom;
  return shown.map(svg => {
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll('text')].map(t => ({text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * scale, r: t.getBoundingClientRect()}));
    const marks = [...svg.querySelectorAll('.pt')].map(m => {
      const r = m.getBoundingClientRect();
      const radius = m.tagName === 'circle' ? r.width / 2 : Math.hypot(r.width, r.height) / 2;
      return {x: r.left + r.width / 2, y: r.top + r.height / 2, radius, r, title: m.querySelector('title').textContent};
    });
    const cut = texts.filter(t => t.r.left < box.left - 0.5 || t.r.right > box.right + 0.5 || t.r.top < box.top - 0.5 || t.r.bottom > box.bottom + 0.5).map(t => t.text);
    const touching = [];
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++)
      if (meet(texts[i].r, texts[j].r, 1)) touching.push([texts[i].text, texts[j].text]);
    const hidden = [];
    for (let i = 0; i < marks.length; i++) for (let j = i + 1; j < marks.length; j++)
      if (Math.hypot(marks[i].x - marks[j].x, marks[i].y - marks[j].y) < marks[i].radius + marks[j].radius - 0.01) hidden.push([marks[i].title, marks[j].title]);
    const covered = [];
    for (const m of marks) for (const t of texts) if (meet(m.r, t.r, 0.5)) covered.push([m.title, t.text]);
    const keys = [...svg.querySelectorAll('.key')].map(k => k.getBoundingClientRect());
    const lowestMark = Math.max(...marks.map(m => m.r.bottom), -Infinity);
    const highestKey = Math.min(...keys.map(k => k.top), Infinity);
    return {id: svg.getAttribute('aria-labelledby'), scale, smallest: Math.min(...texts.map(t => t.size)),
            heights: Math.min(...texts.map(t => t.r.height)), cut, touching, hidden, covered,
            keyGap: highestKey - lowestMark, marks: marks.length, texts: texts.length,
            named: svg.getAttribute('aria-labelledby').split(' ').every(id => svg.querySelector('#' + CSS.escape(id)))};
  });
}"""


@pytest.mark.parametrize(("width", "scheme"), [*VIEWS, (600, "light"), (340, "light")])
def test_charts_read_at_every_width(browser, site, width, scheme):
    for name, path in CHART_PAGES.items():
        page = open_page(browser, site, path, width, scheme, shot=name if width in (390, 1280) else None)
        report = page.evaluate(CHART_REPORT)
        assert len(report) == 1, f"{path}: exactly one layout of the chart is on show at {width}px"
        for chart in report:
            where = f"{path} at {width}px ({chart['id']})"
            assert chart["named"], f"{where}: title and desc"
            assert chart["smallest"] >= 12 and chart["heights"] >= 12, f"{where}: text drawn at {chart['smallest']:.1f}px"
            assert chart["cut"] == [], f"{where}: labels cut at the edge"
            assert chart["touching"] == [], f"{where}: labels on top of each other"
            assert chart["hidden"] == [], f"{where}: points hide each other"
            assert chart["covered"] == [], f"{where}: a label lies on a point"
            assert chart["keyGap"] >= 12, f"{where}: the legend is {chart['keyGap']:.0f}px from the data"
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        assert page.evaluate("document.querySelectorAll('table').length") >= 1, f"{path}: the chart's data as a table"
        assert page.watch.clean(), page.watch
        page.context.close()


def test_same_day_same_value_points_stand_apart(browser, site):
    """Al Jazeera and Reuters once drew one point on the other; every claim of a figure is a point of its own."""
    for width in (390, 1280):
        page = open_page(browser, site, "figures/killed.html", width, "light")
        titles = page.evaluate(
            "[...document.querySelectorAll('svg.chart')].filter(s => getComputedStyle(s).display !== 'none')"
            ".flatMap(s => [...s.querySelectorAll('.pt title')].map(t => t.textContent))"
        )
        assert len(titles) == len(set(titles)) >= 9
        page.context.close()


def test_dark_scheme_keeps_chart_ink_visible(browser, site):
    page = open_page(browser, site, "index.html", 1280, "dark")
    colours = page.evaluate(
        "(() => { const s = [...document.querySelectorAll('svg.chart')].find(s => getComputedStyle(s).display !== 'none');"
        " return [getComputedStyle(s.querySelector('text')).fill, getComputedStyle(document.body).color,"
        " [...s.querySelectorAll('[fill=\"#000000\"]')].map(e => getComputedStyle(e).fill)]; })()"
    )
    text_fill, body_colour, black_series = colours
    assert text_fill == body_colour
    assert black_series and all(fill != "rgb(0, 0, 0)" for fill in black_series)
    page.context.close()


def test_chart_layout_rules():
    """The rules the browser checks above, in plain Python: dodged centres keep their distance."""
    centres = [(100.0, 50.0)] * 5 + [(104.0, 52.0), (300.0, 10.0)]
    xs = charts.dodge(centres, 13)
    placed = list(zip(xs, [y for _, y in centres], strict=True))
    for i, (x1, y1) in enumerate(placed):
        for x2, y2 in placed[i + 1 :]:
            assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= 13**2 - 1e-6
    assert xs[0] == 100.0 and xs[-1] == 300.0, "a point with room stays where its date is"
    svg = charts.value_over_time({"A": [("2024-03-22", 5)], "B": [("2024-03-22", 5)]}, "t", "x")
    assert svg.count("<svg") == 2 and 'class="chart chart-wide"' in svg and 'class="chart chart-narrow"' in svg


# -- Citing ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "scheme"), VIEWS)
def test_targeted_paragraph_is_highlighted_and_offers_its_citation(browser, site, export, width, scheme):
    url = article_url(export, "ap_text.txt")
    page = open_page(browser, site, f"{url}#p3", width, scheme, shot="article-p3")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"article-p3-{width}-{scheme}.png"))
    style = "(id) => { const s = getComputedStyle(document.getElementById(id)); return [s.backgroundColor, s.borderLeftStyle]; }"
    assert page.evaluate(style, "p3") != page.evaluate(style, "p2"), "the target paragraph looks different"
    link = page.locator("#p3 a.para-link")
    assert link.is_visible() and link.get_attribute("href") == "#p3"
    assert link.inner_text().replace("\n", "").endswith("3")
    cite = page.locator("#p3 + .cite-p")
    assert cite.is_visible(), "the paragraph's citation sits under it"
    assert not page.locator("#p2 + .cite-p").is_visible()
    cite.locator("summary").click()
    text = page.locator("#cite-p3-text").inner_text()
    assert "paragraph 3" in text and "#p3" in text and "AP" in text
    page.click("#p2 a.para-link")
    assert page.evaluate("location.hash") == "#p2" and page.locator("#p2 + .cite-p").is_visible()
    assert page.watch.clean(), page.watch
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}))"
        ".violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))"
    )
    assert violations == []
    page.context.close()


def test_paragraph_links_and_citations_work_without_javascript(browser, site, export):
    url = article_url(export, "ap_text.txt")
    page = open_page(browser, site, f"{url}#p3", 390, "light", java_script_enabled=False)
    assert page.evaluate("getComputedStyle(document.getElementById('p3')).backgroundColor") != page.evaluate(
        "getComputedStyle(document.getElementById('p2')).backgroundColor"
    )
    page.click("details.cite summary")
    page.click("a[href='#cite-p3']")
    box = page.locator("#cite-p3")
    assert box.is_visible(), "following the link opens paragraph 3's citation"
    assert "paragraph 3" in box.inner_text()
    assert page.locator("button.copy").first.is_hidden(), "no Copy button that would do nothing"
    page.context.close()


@pytest.mark.parametrize(("width", "scheme"), VIEWS)
def test_cite_this_article_gives_plain_text_bibtex_and_csl_json(browser, site, export, width, scheme):
    article = next(a for a in export["articles"] if a["capture"] == "bbc_page.html")
    page = open_page(browser, site, article["url"], width, scheme, permissions=["clipboard-read", "clipboard-write"])
    page.click("details.cite summary")
    page.screenshot(path=str(SHOTS / f"cite-{width}-{scheme}.png"))
    text = page.locator("#cite-text").inner_text()
    for part in (article["source"], article["title"], article["date"], article["sha256"], article["capture"], article["url"]):
        assert part in text, part
    assert article["original_url"] and article["original_url"] in text
    bibtex = page.locator("#cite-bibtex").inner_text()
    assert bibtex.startswith("@online{") and article["sha256"] in bibtex and "organization = {BBC" in bibtex
    (csl,) = json.loads(page.locator("#cite-csl").inner_text())
    assert csl["title"] == article["title"] and csl["URL"] == article["original_url"]
    assert csl["issued"]["date-parts"][0] == [int(n) for n in article["date"].split("-")]
    page.click("button.copy[data-copy='cite-text']")
    page.wait_for_selector(".copy-status")
    assert page.evaluate("navigator.clipboard.readText()") == page.evaluate("document.getElementById('cite-text').textContent")
    assert page.watch.clean(), page.watch
    page.context.close()


def test_citation_escapes_bibtex_and_keeps_json_valid():
    fields = dict(source="A&B_{News}", source_slug="a-b-news", title='50% "of" #1 {x}', date=None, authors=["Jane Doe"],
                  original_url="https://example.org/a_b?x=1#y", capture="cap_1.html", sha256="0" * 64, url="articles/a.html", slug="a")  # fmt: skip
    article = Article(**fields)
    cite = pages.citation(article, "The dossier", "https://example.org/site/")
    assert cite.page_url == "https://example.org/site/articles/a.html"
    bib = cite.bibtex(2)
    assert r'{{50\% "of" \#1 \{x\}}}' in bib and r"A\&B\_\{News\}" in bib
    assert "#p2" in bib and "date =" not in bib and bib.count("{") == bib.count("}")
    assert json.loads(cite.csl_json())[0]["title"] == fields["title"]
    assert "Date unknown" in cite.text() and cite.text(2).endswith("articles/a.html#p2.")


# -- Favicon and the editor's page ------------------------------------------------------------------------


def test_favicon_link_resolves_on_every_page(site):
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        icon = soup.find("link", rel="icon")
        assert icon is not None, path
        target = Path(url2pathname(urlsplit(urljoin(path.as_uri(), icon["href"])).path))
        assert target.is_file() and target.read_text(encoding="utf-8").startswith("<svg"), path


def test_about_page_is_for_readers_and_the_review_page_for_editors(site):
    about = BeautifulSoup((site / "about.html").read_text(encoding="utf-8"), "html.parser")
    assert "Candidate names" not in about.get_text() and not about.select("ul.candidates")
    review = BeautifulSoup((site / "review.html").read_text(encoding="utf-8"), "html.parser")
    assert review.select("ul.candidates li")
    for section, captures in (
        ("rejected", {"empty.txt"}),
        ("duplicates", {"tass-copy.txt", "tass_text.txt"}),
        ("undated", {"undated.txt"}),
    ):
        table = review.find(id=section).find_next("table")
        assert captures & {tr.td.get_text() for tr in table.select("tbody tr")}, section
    for path in site.rglob("*.html"):
        assert "review.html" not in path.read_text(encoding="utf-8") or path.name == "review.html", path


def test_review_view_lists_what_an_editor_must_fix():
    dossier = Dossier(
        articles=[
            Article("b.txt", "1" * 64, slug="b", url="articles/b.html", source="S", source_slug="s", date="2024-03-22"),
            Article("a.txt", "0" * 64, slug="a", url="articles/a.html", source="S", source_slug="s"),
        ],
        duplicates=[Duplicate("c.txt", "b.txt", "same body")],
        rejected=[Rejection("e.txt", "empty file")],
        candidates=[("Moscow", 3)],
    )
    view = pages.review_view(dossier)
    assert [a.capture for a in view.undated] == ["a.txt"]
    assert view.candidates == [("Moscow", 3)]
    assert [d.capture for d in view.duplicates] == ["c.txt"] and [r.capture for r in view.rejected] == ["e.txt"]


def test_review_page_is_a_setting_off_for_publish_builds(tmp_path):
    capture = {"tass.txt": (FIXTURES / "gold" / "tass_text.txt").read_bytes()}
    assert not (build_site(tmp_path / "off", capture, DOSSIER_REVIEW_PAGE=False) / "review.html").exists()
    published = build_site(tmp_path / "publish", capture, DOSSIER_SITEURL="https://example.org/dossier")
    assert not (published / "review.html").exists()
    forced = build_site(tmp_path / "on", capture, DOSSIER_SITEURL="https://example.org/dossier", DOSSIER_REVIEW_PAGE=True)
    assert (forced / "review.html").exists()
    assert "review.html" not in (forced / "sitemap.xml").read_text(encoding="utf-8")


def test_review_page_passes_axe(browser, site):
    for width, scheme in VIEWS:
        page = open_page(browser, site, "review.html", width, scheme)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}))"
            ".violations.map(v => v.id)"
        )
        assert violations == [], (width, scheme)
        page.context.close()
