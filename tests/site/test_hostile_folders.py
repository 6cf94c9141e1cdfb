"""Property: whatever a folder of captures holds (random bytes, HTML with odd markup and scripts, huge lines,
one name in several folders, names that are not UTF-8, too long, or not URLs), the build succeeds without
an error, every capture is accounted for (an article, a duplicate or a rejection, exactly once), every raw
link leads to a file, and no page carries script from a capture."""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import unquote

from bs4 import BeautifulSoup
from conftest import FIXTURES, build_site, examples, load_export
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dossier.capture.folder import HOUSEKEEPING, capture_name

GOLD = {p.name: p.read_bytes() for p in (FIXTURES / "gold").iterdir() if p.suffix != ".json"}
PAYLOADS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "javascript:alert(1)",
    '"><iframe src=javascript:alert(1)>', "<a href=\"java\tscript:alert(1)\">x</a>", "<style>*{}</style>",
    "<p onclick='alert(1)'>", "<!--", "-->", "<![CDATA[", "]]>", "</body>", "<html>", "<base href=//evil>",
    "&#0;", "&#x110000;", "\x00", "\u202e", "<div>" * 300, "</p>" * 50, "<math><mtext><script>x</script>",
]  # fmt: skip
SENTENCE = "Officials said on Saturday that 133 people had been killed in the attack on the concert hall near Moscow. "

ODD_NAMES = [
    "a.txt", "A.TXT", "page.html", "page.html.txt", "x.htm", "notes.md", "notes.rst", "Index.txt", "no extension",
    "odd #1 ?50%.txt", "back\\slash.txt", " lead space.html", "crawl.warc.gz#3", "..txt", ".hidden.txt", ".gitkeep",
]  # fmt: skip
names = st.one_of(
    st.sampled_from(ODD_NAMES),
    st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"]), min_size=1, max_size=30).map(
        lambda s: s + ".txt"
    ),
    st.binary(min_size=1, max_size=12).map(lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_") + b".html"),
    st.integers(200, 250).map(lambda n: "L" * n + ".html"),
)


@st.composite
def odd_html(draw) -> bytes:
    base = draw(st.sampled_from([n for n in GOLD if n.endswith((".html", ".htm"))]))
    page = GOLD[base].decode("utf-8", "replace")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(page)))
        page = page[:at] + draw(st.sampled_from(PAYLOADS)) + page[at:]
    return page.encode("utf-8", "surrogatepass")


@st.composite
def hostile_text(draw) -> bytes:
    text = GOLD[draw(st.sampled_from([n for n in GOLD if n.endswith(".txt")]))].decode("utf-8", "replace")
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(PAYLOADS)) + " " + SENTENCE)
    return "\n".join(lines).encode()


contents = st.one_of(
    st.binary(max_size=2000),
    odd_html(),
    hostile_text(),
    st.sampled_from(sorted(GOLD)).map(GOLD.get),
    # One huge line. (Not runs of "!" or ")": spaCy's tokenizer is still quadratic on those, 8 s for 10 KB.)
    st.tuples(st.sampled_from(["word ", "<b>", "133 ", "Dmitry Peskov and "]), st.integers(5_000, 20_000)).map(
        lambda pn: (pn[0] * pn[1]).encode()
    ),
)

# Where a file goes: the captures folder itself, a stray subfolder, or one of two ArchiveBox snapshots.
places = st.sampled_from(["", "sub/", "other/", "archive/1711445400.1/", "archive/1711445401.2/"])
folders = st.lists(st.tuples(places, names, contents), min_size=1, max_size=5)


def write(captures: Path, entries) -> set[str]:
    """Write the entries; return the names of what the captures folder holds at its top, as reported."""
    for place, name, data in entries:
        folder = captures / place
        folder.mkdir(parents=True, exist_ok=True)
        if place.startswith("archive/"):
            index = {"url": "https://www.bbc.com/news/world-europe-68650001", "timestamp": place.split("/")[1]}
            (folder / "index.json").write_text(json.dumps(index), encoding="utf-8")
            name = "singlefile.html"  # one name in each snapshot
        raw = name if isinstance(name, bytes) else name.encode("utf-8", "surrogateescape")
        with open(os.path.join(os.fsencode(folder), raw), "wb") as f:
            f.write(data)
    return {capture_name(p.name) + ("/" if p.is_dir() else "") for p in captures.iterdir() if p.name not in HOUSEKEEPING}


def scan(page: Path, site: Path) -> None:
    """No event-handler attribute, no javascript: URL, no script but the theme's."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    where = page.relative_to(site).as_posix()
    for tag in soup.find_all(True):
        assert tag.name not in {"iframe", "frame", "object", "embed", "img", "style", "base"}, where
        for name, value in tag.attrs.items():
            assert not name.lower().startswith("on"), (where, tag.name, name)
            for v in value if isinstance(value, list) else [value]:
                assert not re.sub(r"[\x00-\x20]", "", v).lower().startswith(("javascript:", "vbscript:", "data:")), where
    for script in soup.find_all("script"):
        assert script.get("type") == "application/ld+json" or re.fullmatch(
            r"(\.\./|\./)*theme/js/\w+\.js", script.get("src", "")
        ), (
            where,
            str(script)[:100],
        )


class Errors(logging.Handler):
    """Errors Pelican or the plugin log ("Could not process ..."): the build goes on after them, with
    something missing. (Libraries log their own: trafilatura calls an odd page "not valid HTML".)"""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        if record.name.split(".")[0] in {"pelican", "dossier"}:
            self.messages.append(record.getMessage())


@settings(
    max_examples=examples(15),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(folders)
def test_any_folder_of_captures_builds_and_loses_nothing(entries):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "content" / "captures").mkdir(parents=True)
        top = write(tmp / "content" / "captures", entries)
        errors = Errors()
        logging.getLogger().addHandler(errors)
        try:
            site = build_site(tmp, content=tmp / "content", DOSSIER_WORKERS=1)
        finally:
            logging.getLogger().removeHandler(errors)
        assert not errors.messages, errors.messages
        export = load_export(site)
        accounted = [a["capture"] for a in export["articles"]]
        accounted += [d["capture"] for d in export["duplicates"]] + [r["capture"] for r in export["rejected"]]
        event(f"articles: {min(len(export['articles']), 2)}, rejections: {min(len(export['rejected']), 2)}")
        assert len(accounted) == len(set(accounted)), "a capture counted twice"
        for name in top:
            assert any(
                c == name or c.startswith((name + "#", name + "/") if not name.endswith("/") else name) for c in accounted
            ), name
        for page in site.rglob("*.html"):
            scan(page, site)
        for article in export["articles"]:
            page = site / article["url"]
            (href,) = re.findall(r'class="raw-capture" href="([^"]+)"', page.read_text(encoding="utf-8"))
            assert (page.parent / unquote(href)).is_file(), href


def test_a_folder_with_no_capture_in_it_is_reported(tmp_path):
    """Found by the property test above: a subfolder holding only a .gitkeep was in no list of the export."""
    captures = tmp_path / "content" / "captures"
    for folder in ("only-keep", "empty", "outer/inner"):
        (captures / folder).mkdir(parents=True)
    (captures / "only-keep" / ".gitkeep").write_bytes(b"")
    (captures / "tass.txt").write_bytes((FIXTURES / "gold" / "tass_text.txt").read_bytes())
    export = load_export(build_site(tmp_path, content=tmp_path / "content"))
    assert [a["capture"] for a in export["articles"]] == ["tass.txt"]
    assert {r["capture"]: r["reason"] for r in export["rejected"]} == {
        "empty/": "a folder with no capture in it",
        "only-keep/": "a folder with no capture in it",
        "outer/inner/": "a folder with no capture in it",
    }
