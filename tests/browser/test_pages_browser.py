"""Every page type in real Chromium: axe-core (WCAG 2.1 A and AA), the Nu HTML Checker, and no
horizontal overflow at phone and desktop widths. Screenshots go to the pytest temp folder."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from browser import Watch, chromium
from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = {
    "home": "index.html",
    "article": "articles/putin-pained-by-moscow-attack-even-if-not-visible-kremlin.html",
    "source": "sources/the-moscow-times.html",
    "sources": "sources/index.html",
    "topic": "topics/kremlin-response.html",
    "topics": "topics/index.html",
    "entity": "entities/vladimir-putin.html",
    "entities": "entities/index.html",
    "figure": "figures/killed.html",
    "figures": "figures/index.html",
    "search": "search.html?q=Peskov",
    "about": "about.html",
    "archives": "archives.html",
}
WIDTHS = {"phone": 375, "desktop": 1280}


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.mark.parametrize("kind", PAGES)
def test_page_has_no_axe_violations_and_no_overflow(browser, bundled_site, kind, tmp_path_factory):
    shots = tmp_path_factory.mktemp("screens")
    for name, width in WIDTHS.items():
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
            page = context.new_page()
            watch = Watch()
            watch.attach(page)
            page.goto(
                (bundled_site / PAGES[kind].split("?")[0]).as_uri()
                + ("?" + PAGES[kind].split("?")[1] if "?" in PAGES[kind] else "")
            )
            if kind == "search":
                page.wait_for_selector("body[data-search-ready='1']")
            page.screenshot(path=str(shots / f"{kind}-{name}-{scheme}.png"), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{kind} overflows by {overflow}px at {width}px"
            assert watch.clean(), watch  # checked before axe, which reads stylesheets with XHR of its own
            page.add_script_tag(path=str(AXE))
            result = page.evaluate(
                "async () => { const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});"
                " return r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})); }"
            )
            assert result == [], f"{kind} ({name}, {scheme}): {json.dumps(result, indent=1)}"
            context.close()


def test_every_page_passes_the_nu_html_checker(bundled_site):
    pages = sorted(str(p) for p in bundled_site.rglob("*.html"))
    assert len(pages) >= 20
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}" for m in messages if m.get("type") == "error"
    ]
    assert errors == []


def test_keyboard_skip_link_and_visible_focus(browser, bundled_site):
    page = browser.new_page()
    page.goto((bundled_site / "index.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    outline = page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle + getComputedStyle(document.activeElement).left"
    )
    assert "0px" in outline, "the skip link comes into view when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.tagName, getComputedStyle(document.activeElement).outlineStyle]")
    assert focused[0] == "A" and focused[1] != "none"


def test_print_stylesheet_hides_navigation_and_keeps_source_metadata(browser, bundled_site):
    page = browser.new_page()
    page.goto((bundled_site / PAGES["article"]).as_uri())
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header nav')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.search-form')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('.source-meta')).display") != "none"
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
