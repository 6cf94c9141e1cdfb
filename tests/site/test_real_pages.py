"""Real pages from the web (tests/fixtures/realworld): a build of them never fails, every capture
is accounted for, and the bodies score as well as the benchmark measures on the whole set."""

from __future__ import annotations

import gzip
import json
import sys

import pytest
import trafilatura
from conftest import FIXTURES, ROOT, build_site, examples, load_export

sys.path.insert(0, str(ROOT / "benchmarks"))
from realworld import body_of, f1_scores, reference_meta, title_matches

REAL = FIXTURES / "realworld"
GOLD = json.loads((REAL / "ground-truth.json").read_text(encoding="utf-8"))
HTML = {f"{i}.html": gzip.decompress((REAL / "html" / f"{i}.html.gz").read_bytes()) for i in GOLD}
TEXT = {f"{i}.txt": (REAL / "text" / f"{i}.txt").read_bytes() for i in GOLD}


@pytest.fixture(scope="module")
def html_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("real-html"), HTML)


@pytest.fixture(scope="module")
def text_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("real-text"), TEXT)


def _bodies(export: dict, suffix: str) -> list[tuple[str, str]]:
    by_name = {a["capture"]: a for a in export["articles"]}
    return [(body_of(by_name[f"{i}{suffix}"]) if f"{i}{suffix}" in by_name else "", g["articleBody"]) for i, g in GOLD.items()]


@pytest.mark.parametrize("kind", ["html", "text"])
def test_every_real_page_becomes_an_article(kind, html_site, text_site):
    export = load_export(html_site if kind == "html" else text_site)
    assert export["rejected"] == [] and export["duplicates"] == [], "real articles, none lost"
    assert len(export["articles"]) == len(GOLD)


def test_html_bodies_at_least_as_good_as_trafilatura(html_site):
    ours = f1_scores(_bodies(load_export(html_site), ".html"))
    theirs = f1_scores(
        [(trafilatura.extract(HTML[f"{i}.html"].decode("utf-8", "replace")) or "", g["articleBody"]) for i, g in GOLD.items()]
    )
    assert ours["f1"] >= theirs["f1"], (ours, theirs)
    assert ours["f1"] >= 0.9


def test_text_bodies_found_in_the_paste(text_site):
    ours = f1_scores(_bodies(load_export(text_site), ".txt"))
    assert ours["f1"] >= 0.8, ours


def test_headlines_match_the_pages_own(html_site, text_site):
    refs = {i: reference_meta(HTML[f"{i}.html"].decode("utf-8", "replace")).get("title") for i in GOLD}
    for site, suffix, need in ((html_site, ".html", 1.0), (text_site, ".txt", 0.6)):
        titles = {a["capture"].rsplit(".", 1)[0]: a["title"] for a in load_export(site)["articles"]}
        right = [title_matches(titles.get(i), ref) for i, ref in refs.items() if ref]
        assert sum(right) / len(right) >= need, (suffix, titles)


def test_same_measure_spelled_two_ways_gets_two_pages(html_site):
    figures = load_export(html_site)["figures"]
    slugs = [f["url"] for f in figures] if figures and "url" in figures[0] else []
    assert len(slugs) == len(set(slugs))
    pages = sorted(p.name for p in (html_site / "figures").glob("*.html"))
    assert len(pages) == len(set(pages))


# --- odd HTML never breaks the reader ---------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dossier.build.analyse import clean_capture  # noqa: E402
from dossier.outlets import load_registry  # noqa: E402

TAGS = ["div", "p", "span", "a", "form", "section", "li", "ul", "h1", "h2", "figure", "figcaption", "time", "table", "td", "b"]
ATTRS = [
    'rel=""',
    'class=""',
    "rel",
    'class="byline"',
    'class="standfirst"',
    'href="http://[::1"',
    'datetime="2024-99-99"',
    "hidden",
]
WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@st.composite
def html_pages(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "br", "element"] if depth < 4 else ["text", "br"]))
        if kind == "text":
            parts.append(draw(WORDS).replace("<", " ").replace("&", " "))
        elif kind == "br":
            parts.append("<br>")
        else:
            tag, attr = draw(st.sampled_from(TAGS)), draw(st.sampled_from(ATTRS))
            parts.append(f"<{tag} {attr}>{draw(html_pages(depth + 1))}</{tag}>")
    return "".join(parts)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=html_pages(), canonical=st.sampled_from(["http://[::1", "https://example.org/a/b", "", "javascript:x"]))
def test_odd_html_is_read_or_rejected_never_raises(body, canonical):
    page = f'<!doctype html><html><head><link rel="canonical" href="{canonical}"><title>T</title></head><body><form>{body}</form></body></html>'
    result = clean_capture("odd.html", page.encode("utf-8"), load_registry(), 5_000_000)
    if hasattr(result, "kept"):
        accounted = set(result.kept) | {r.line for r in result.removed}
        assert accounted == set(range(1, max(accounted, default=0) + 1)), "every line kept or logged"
        assert not (result.original_url or "").startswith("javascript")


def test_an_outlet_the_registry_does_not_know_is_named_by_its_address(text_site):
    articles = load_export(text_site)["articles"]
    assert all(a["source"] and a["source"] != "Unknown outlet" for a in articles)
    ctpost = [a for a in articles if (a.get("original_url") or "").startswith("https://theantijunecleaver.com/")]
    assert all(a["source"] == "theantijunecleaver.com" for a in ctpost)
