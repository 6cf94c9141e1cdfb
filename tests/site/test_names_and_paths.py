"""Nothing lost, nothing overwritten: every capture has a raw copy of its own, every raw link on every
page leads to the bytes the page names, odd file names are read, files that are not captures are
reported (never published by Pelican's own readers), and every source, topic and name has a page path
of its own."""

from __future__ import annotations

import hashlib
import html as html_text
import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import FIXTURES, build_site, load_export

from dossier.capture.raw import MAX_PART, raw_paths, safe_path
from dossier.extract.entities import Entity, Mention, without_reserved_ids
from dossier.model import CaptureUnit

GOLD = FIXTURES / "gold"
ARCHIVES = FIXTURES / "archives" / "captures"
LONG = "L" * 250 + ".html"
LATIN1 = "caf\\xe9.txt"  # the name of b"caf\xe9.txt", a file named in Latin-1

# Captures that copy byte for byte: their raw copy's sha256 is the one the page shows. The page part of an
# MHTML file and the text layer of a PDF are taken out of the file; the page shows the file's sha256 and the copy's.
TAKEN_OUT = {"mhtml", "pdf"}


def gold(name: str) -> bytes:
    return (GOLD / name).read_bytes()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    tmp = tmp_path_factory.mktemp("names")
    content = tmp / "content"
    captures = content / "captures"
    (content / "pages").mkdir(parents=True)
    captures.mkdir()
    files = {p.name: p.read_bytes() for p in ARCHIVES.iterdir()}
    files |= {
        "X.html": gold("bbc_page.html"),  # its raw copy would be X.html.txt...
        "X.html.txt": gold("tass_text.txt"),  # ...which is this capture's own name
        "article.pdf.txt": gold("dw_text.txt"),  # the name of article.pdf's text layer
        "Upper.txt": gold("ap_text.txt"),
        "upper.TXT": gold("moscowtimes_text.txt"),  # one file with Upper.txt where case does not count
        LONG: gold("cnn_page.html"),  # raw copy name over 255 bytes
        "odd #1 ?50% \\ name.txt": gold("reuters_crlf.txt"),  # not a URL, and not a path on Windows
        "notes.md": b"Title: A note\nDate: 2024-03-30\n\nMarkdown that Pelican would publish.\n",
        "notes.rst": b"A note\n######\n\n:date: 2024-03-30\n\nreST that Pelican would publish.\n",
        ".hidden.txt": gold("aljazeera_text.txt"),
        ".gitkeep": b"",
    }
    for name, data in files.items():
        (captures / name).write_bytes(data)
    with open(os.path.join(os.fsencode(captures), b"caf\xe9.txt"), "wb") as f:
        f.write(gold("novaya_cp1252.txt"))
    files[LATIN1] = gold("novaya_cp1252.txt")
    (content / "pages" / "colophon.md").write_text("Title: Colophon\n\nA page of the site, in Markdown.\n", encoding="utf-8")
    return build_site(tmp, content=content), files


def test_every_raw_link_leads_to_the_bytes_the_page_names(site):
    output, files = site
    export = load_export(output)
    by_capture = {a["capture"]: a for a in export["articles"]}
    assert len(by_capture) >= 10
    checked = 0
    for page in sorted((output / "articles").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        links = re.findall(
            r'class="raw-capture" href="([^"]+)">([^<]*)</a> <span class="sha">sha256 <code>([0-9a-f]{64})</code>', html
        )
        assert len(links) == 1, page.name
        href, shown_name, shown_sha = links[0]
        raw = (page.parent / unquote(href)).resolve()
        assert (output / "captures").resolve() in raw.parents and raw.is_file(), f"{page.name}: {href} leads nowhere"
        article = next(a for a in export["articles"] if a["url"] == f"articles/{page.name}")
        assert html_text.unescape(shown_name) == article["capture"]
        container = article["container"]
        if container is None or container["format"] not in TAKEN_OUT:
            assert hashlib.sha256(raw.read_bytes()).hexdigest() == shown_sha, f"{page.name}: {href} is not the capture"
            assert "The copy linked here is" not in html
        else:
            assert hashlib.sha256(files[container["file"]]).hexdigest() == shown_sha
            # The copy is taken out of the file: the page names the copy's own sha256 too, and says which it is.
            copy_sha = re.search(r"The copy linked here is [^<]*: sha256 <code>([0-9a-f]{64})</code>", html)
            assert copy_sha and hashlib.sha256(raw.read_bytes()).hexdigest() == copy_sha.group(1), page.name
            assert copy_sha.group(1) != shown_sha
        checked += 1
    assert checked == len(export["articles"])


def test_each_capture_has_a_raw_copy_of_its_own(site):
    output, files = site
    raw = output / "captures"
    assert (raw / "X.html.txt").read_bytes() == files["X.html.txt"], "a .txt capture keeps its own name"
    copies = [p for p in raw.rglob("*") if p.is_file()]
    assert len({p.read_bytes() for p in copies if p.name.startswith("X.html")}) == 2
    assert (raw / "article.pdf.txt").read_bytes() == files["article.pdf.txt"]
    assert len([p for p in copies if p.name.startswith("article.pdf")]) == 2
    assert len([p for p in copies if p.name.casefold().startswith("upper")]) == 2
    assert len({p.as_posix().casefold() for p in copies}) == len(copies), "two copies differ only in case"
    assert all(len(part.encode()) <= 255 for p in copies for part in p.relative_to(raw).parts)
    assert not any("\\" in p.name or "?" in p.name for p in copies)


def test_odd_file_names_are_read(site):
    output, _ = site
    captures = {a["capture"] for a in load_export(output)["articles"]}
    assert {LONG, LATIN1, "odd #1 ?50% \\ name.txt", "Upper.txt", "upper.TXT"} <= captures


def test_notes_and_hidden_files_are_reported_never_published(site):
    output, _ = site
    export = load_export(output)
    reasons = {r["capture"]: r["reason"] for r in export["rejected"]}
    assert reasons["notes.md"].startswith("unsupported file type .md")
    assert reasons["notes.rst"].startswith("unsupported file type .rst")
    assert reasons[".hidden.txt"].startswith("hidden")
    assert ".gitkeep" not in reasons
    titles = [a["title"] for a in export["articles"]]
    assert "A note" not in titles
    pages = [p.relative_to(output).as_posix() for p in output.rglob("*.html")]
    assert not [p for p in pages if "note" in p], "Pelican's Markdown or reST reader published a note"
    # Outside the captures folder, Pelican's readers still read their files.
    assert (output / "pages" / "colophon.html").is_file()


def test_raw_paths_are_distinct_safe_and_stable():
    names = ["X.html", "X.html.txt", "a/../../etc/x.txt", "A.txt", "a.txt", "crawl.warc.gz#3", "#", "%41.txt", "%2541.txt"]
    units = [CaptureUnit(n, data=b"text") for n in names]
    paths = raw_paths(units)
    assert paths == raw_paths(list(reversed(units))), "the same captures, the same paths"
    assert paths["X.html.txt"] == "X.html.txt"
    assert len({p.casefold() for p in paths.values()}) == len(names)
    for p in paths.values():
        assert p.endswith(".txt")
        assert not {".", "..", ""} & set(p.split("/")), p
    assert safe_path("a/../../etc/x.txt") == "a/%2E%2E/%2E%2E/etc/x.txt"
    long = safe_path("x" * 1000 + ".html.txt")
    assert len(long.encode()) <= MAX_PART and long.endswith(".txt")
    assert safe_path("x" * 1000 + ".html.txt") != safe_path("x" * 1001 + ".html.txt")


@pytest.fixture(scope="module")
def sources_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("sources")
    content = tmp / "content"
    (content / "captures").mkdir(parents=True)
    names = {
        "a.txt": ("moscowtimes_text.txt", "Fontanka"),
        "b.txt": ("dw_text.txt", "FONTANKA"),
        "c.txt": ("tass_text.txt", "!!!"),
        "d.txt": ("ap_text.txt", "Index"),
        "e.txt": ("reuters_crlf.txt", "The Moscow Times"),
    }
    editorial = []
    for capture, (fixture, source) in names.items():
        (content / "captures" / capture).write_bytes(gold(fixture))
        editorial.append(f'[captures."{capture}"]\nsource = "{source}"\ntopics = ["Index", "index "]\n')
    (content / "editorial.toml").write_text("\n".join(editorial), encoding="utf-8")
    return build_site(tmp, content=content)


def test_every_source_has_a_page_of_its_own(sources_site):
    export = load_export(sources_site)
    sources = {s["name"]: s for s in export["sources"]}
    assert set(sources) == {"Fontanka", "FONTANKA", "!!!", "Index", "The Moscow Times"}
    urls = [s["url"] for s in sources.values()]
    assert len(set(urls)) == len(urls)
    assert sources["The Moscow Times"]["url"] == "sources/the-moscow-times.html", "a registered outlet keeps its slug"
    assert "sources/index.html" not in urls and "sources/.html" not in urls
    for s in sources.values():
        assert s["url"] == f"sources/{s['slug']}.html"
        assert len(s["articles"]) == 1
        page = (sources_site / s["url"]).read_text(encoding="utf-8")
        assert f">{s['name']}<" in page.replace("&#34;", '"').replace("&#39;", "'")
    index = (sources_site / "sources" / "index.html").read_text(encoding="utf-8")
    assert "Fontanka</a> (1)" in index and "FONTANKA</a> (1)" in index, "the list of sources, not a source's page"


def test_a_topic_named_index_does_not_overwrite_the_topic_list(sources_site):
    export = load_export(sources_site)
    topics = {t["name"]: t for t in export["topics"]}
    assert "Index" in topics
    assert topics["Index"]["url"] != "topics/index.html"
    assert (sources_site / topics["Index"]["url"]).is_file()
    assert "Index</a>" in (sources_site / "topics" / "index.html").read_text(encoding="utf-8")


def test_a_name_called_index_does_not_overwrite_the_list_of_names():
    entities, mentions = without_reserved_ids(
        [Entity("index", "Index", "organisation"), Entity("index-organisation", "Index Org", "organisation")],
        [Mention("index", "a", 1, 0, 5, "Index", "Index said."), Mention("index-organisation", "a", 2, 0, 5, "x", "y")],
    )
    ids = [e.id for e in entities]
    assert "index" not in ids and len(set(ids)) == 2
    assert [m.entity for m in mentions] == [
        next(e.id for e in entities if e.name == "Index"),
        "index-organisation",
    ]


def test_links_in_the_captures_folder_publish_nothing_twice(tmp_path):
    """Pelican follows links as it walks the folder: a capture reached again through a link ("loop/up/x.txt")
    is skipped, and a broken link or a pipe is a rejection."""
    captures = tmp_path / "content" / "captures"
    (captures / "loop").mkdir(parents=True)
    (captures / "x.txt").write_bytes(gold("tass_text.txt"))
    (captures / "loop" / "up").symlink_to("..")
    (captures / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(captures / "pipe.txt")
    export = load_export(build_site(tmp_path, content=tmp_path / "content"))
    assert [a["capture"] for a in export["articles"]] == ["x.txt"]
    reasons = {r["capture"]: r["reason"] for r in export["rejected"]}
    assert set(reasons) == {"loop/up/", "broken.txt", "pipe.txt"}
    assert reasons["loop/up/"].startswith("a link to a folder: not followed")
    assert reasons["pipe.txt"].startswith("not a file or a folder")
