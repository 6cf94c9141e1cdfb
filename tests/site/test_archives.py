"""Archive formats: the same article captured as text, HTML, SingleFile, MHTML, WARC, WACZ, wget output,
a Wayback page and PDF reads the same; a WARC of several pages gives several articles; damaged files are
rejections; rejected binaries are never published. Fixtures: tests/fixtures/archives/README.md."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
from collections import Counter
from email.message import EmailMessage
from urllib.parse import unquote

import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, build_site, load_export

from dossier.build.analyse import clean_capture
from dossier.capture import format_for, read_capture
from dossier.capture.folder import inventory
from dossier.model import Capture, CleanArticle, Rejection
from dossier.outlets import load_registry

ARCHIVES = FIXTURES / "archives"
CAPTURES = ARCHIVES / "captures"
MORGUE = "https://www.bbc.com/news/world-europe-68650001"
# Body F1 of the printed PDFs against the HTML page's body, as measured (README, "Adding a capture").
PDF_MIN_F1 = 0.99


@pytest.fixture(scope="module")
def readings() -> dict[str, CleanArticle | Rejection]:
    registry = load_registry()
    return {u.name: clean_capture(u.name, u.read(), registry, 5_000_000, u) for u in inventory(CAPTURES).units}


def words(paragraphs: list[str]) -> Counter:
    return Counter(re.findall(r"\w+", " ".join(paragraphs).lower()))


def f1(found: list[str], expected: list[str]) -> float:
    a, b = words(found), words(expected)
    shared = sum((a & b).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(a.values()), shared / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def test_every_format_is_claimed_by_its_bytes_or_its_name():
    expected = {
        "article.txt": "text", "article.html": "html", "article.singlefile.html": "singlefile", "article.mhtml": "mhtml",
        "crawl.warc.gz": "warc", "article.wacz": "wacz", "world-europe-68650001": "html", "wayback-article.html": "wayback",
        "article.pdf": "pdf", "article-a6.pdf": "pdf",
    }  # fmt: skip
    for name, fmt in expected.items():
        data = (CAPTURES / name).read_bytes()
        assert fmt == format_for(name, data[:4096]).NAME, name
        by_bytes = format_for("no-name", data[:4096])
        assert (by_bytes.NAME if by_bytes else "text") == fmt, f"{name} without its name"  # a paste has only its name
    # wget's page without an extension, and a WARC without its usual name, are found by their bytes.
    assert format_for("download", (CAPTURES / "world-europe-68650001").read_bytes()[:4096]).NAME == "html"
    assert format_for("crawl.bin", (CAPTURES / "crawl.warc.gz").read_bytes()[:4096]).NAME == "warc"


@pytest.mark.parametrize(
    "name",
    [
        "article.txt", "article.singlefile.html", "article.mhtml", "crawl.warc.gz#3", "article.wacz#archive/article.warc.gz#1",
        "world-europe-68650001", "wayback-article.html", "article.pdf", "article-a6.pdf",
    ],
)  # fmt: skip
def test_the_same_article_reads_the_same_in_every_format(readings, name):
    html, other = readings["article.html"], readings[name]
    assert isinstance(other, CleanArticle), other
    assert (other.title, other.date, other.source) == (html.title, html.date, html.source) == (
        "Crocus City Hall: families wait for news at Krasnogorsk morgue", "2024-03-25", "BBC",
    )  # fmt: skip
    assert other.byline == html.byline
    if name.endswith(".pdf"):
        assert f1(other.paragraphs, html.paragraphs) >= PDF_MIN_F1
    else:
        assert other.paragraphs == html.paragraphs
        assert other.subheadings == html.subheadings
    if name == "article.txt":
        assert other.original_url is None  # a paste records no address
    elif name.endswith(".pdf"):
        assert other.original_url == MORGUE.replace("https:", "http:")  # printed in the page's footer, as visited
    else:
        assert other.original_url == MORGUE  # the page's canonical address; the Wayback's own is gone


def test_pdf_body_quality_as_stated(readings):
    """The figure the README states: the PDFs' bodies against the HTML page's, word for word."""
    html = readings["article.html"]
    for name in ("article.pdf", "article-a6.pdf"):
        assert f1(readings[name].paragraphs, html.paragraphs) == 1.0, name
        assert readings[name].paragraphs == html.paragraphs, name  # paragraphs cut by a page break are joined again


@pytest.mark.parametrize(
    ("name", "when"),
    [
        ("wayback-article.html", "2024-03-26T09:30:00Z"),  # the timestamp in the archive's address
        ("article.mhtml", None), ("article.singlefile.html", None), ("crawl.warc.gz#3", None), ("article.pdf", None),
        ("article.wacz#archive/article.warc.gz#1", None),
    ],
)  # fmt: skip
def test_time_of_capture_where_the_format_records_it(readings, name, when):
    captured_at = readings[name].captured_at
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", captured_at or ""), captured_at
    if when:
        assert captured_at == when
    for plain in ("article.html", "article.txt", "world-europe-68650001"):
        assert readings[plain].captured_at is None and readings[plain].container is None


def test_container_names_the_file_and_record(readings):
    warc = readings["crawl.warc.gz#13"].container
    assert (warc.file, warc.format, warc.record, warc.target_uri) == (
        "crawl.warc.gz", "warc", "13", "http://www.bbc.com/news/world-europe-68650002",
    )  # fmt: skip
    wacz = readings["article.wacz#archive/article.warc.gz#1"].container
    assert (wacz.file, wacz.format, wacz.record) == ("article.wacz", "wacz", "archive/article.warc.gz#1")
    mhtml = readings["article.mhtml"].container
    assert (mhtml.format, mhtml.record, mhtml.target_uri) == ("mhtml", "1", "http://www.bbc.com/news/world-europe-68650001")
    wayback = readings["wayback-article.html"].container
    assert wayback.record == f"https://web.archive.org/web/20240326093000/{MORGUE}"
    assert readings["article.singlefile.html"].container.target_uri == "http://www.bbc.com/news/world-europe-68650001"


def test_wayback_toolbar_and_archive_addresses_are_gone():
    capture = read_capture("w.html", (CAPTURES / "wayback-article.html").read_bytes(), 5_000_000)
    text = " ".join(ln.text for ln in capture.lines)
    assert "Wayback Machine" not in text and "captures" not in text and "About this capture" not in text
    assert capture.meta["url"] == MORGUE


def test_a_wayback_page_saved_without_the_archive_scripts_is_still_known():
    """SingleFile removes scripts and hidden elements: the archive address in the canonical link is left."""
    data = (CAPTURES / "wayback-article.html").read_bytes()
    data = re.sub(rb"<script.*?</script>", b"", data, flags=re.S)
    data = re.sub(rb"<!-- BEGIN WAYBACK TOOLBAR INSERT -->.*?<!-- END WAYBACK TOOLBAR INSERT -->", b"", data, flags=re.S)
    data = re.sub(rb"<!--\s*FILE ARCHIVED ON.*?-->", b"", data, flags=re.S)
    assert b"__wm" not in data and b"_static/js" not in data
    assert format_for("page.html", data[:4096]).NAME == "wayback"
    article = clean_capture("page.html", data, load_registry(), 5_000_000)
    assert (article.original_url, article.captured_at) == (MORGUE, "2024-03-26T09:30:00Z")


def test_a_warc_of_several_pages_gives_several_articles(tmp_path):
    site = build_site(tmp_path, {"crawl.warc.gz": (CAPTURES / "crawl.warc.gz").read_bytes()})
    export = load_export(site)
    assert sorted(a["capture"] for a in export["articles"]) == ["crawl.warc.gz#13", "crawl.warc.gz#15", "crawl.warc.gz#3"]
    assert export["duplicates"] == [
        {
            "capture": "crawl.warc.gz#19",
            "duplicate_of": "crawl.warc.gz#3",
            "reason": "same outlet and title, and a largely shared body",
        }
    ]  # wget followed the redirect to the article a second time
    assert export["rejected"] == []
    for art in export["articles"]:
        page = BeautifulSoup((site / art["url"]).read_text(encoding="utf-8"), "html.parser")
        raw = page.select_one("a.raw-capture")["href"]
        assert raw == f"../captures/crawl.warc.gz/{art['container']['record']}.txt"
        copy = (site / art["url"]).parent / raw
        assert copy.read_bytes().startswith(b"<!DOCTYPE html>")  # the record's HTML, as text
        assert "captured on" in page.select_one("dl.source-meta").get_text()
    assert not (site / "captures" / "crawl.warc.gz.txt").exists(), "the WARC itself is not published"
    about = (site / "about.html").read_text(encoding="utf-8")
    counted = BeautifulSoup(about, "html.parser").select_one("#report-archive-records").get_text()
    assert counted.startswith(
        "17 (9 request record, 1 error page (HTTP 404), 1 metadata record, 1 other (text/plain), 1 picture, 1 redirect, 1 script,"
    )
    assert "static/app.js" not in about, "records that are not pages are counted, not listed"


def test_a_record_is_named_in_the_editorial_file(tmp_path):
    content = tmp_path / "content"
    (content / "captures").mkdir(parents=True)
    shutil.copy(CAPTURES / "crawl.warc.gz", content / "captures")
    (content / "editorial.toml").write_text('[captures."crawl.warc.gz#13"]\ntitle = "Suspects in court"\n', encoding="utf-8")
    export = load_export(build_site(tmp_path, content=content))
    assert {a["capture"]: a["title"] for a in export["articles"]}["crawl.warc.gz#13"] == "Suspects in court"


def mhtml_without_html() -> bytes:
    message = EmailMessage()
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = MORGUE
    message["MIME-Version"] = "1.0"
    message.set_type("multipart/related")
    message.add_attachment((ARCHIVES / "site" / "static" / "photo.png").read_bytes(), maintype="image", subtype="png")
    return message.as_bytes()


DAMAGED = {
    "cut.warc.gz": lambda: (CAPTURES / "crawl.warc.gz").read_bytes()[:9000],
    "cut.warc": lambda: gzip.decompress((CAPTURES / "crawl.warc.gz").read_bytes())[:12000],
    "cut.wacz": lambda: (CAPTURES / "article.wacz").read_bytes()[:3000],
    "not-a-zip.wacz": lambda: b"PK\x03\x04 this is no zip file at all " * 10,
    "no-page.mhtml": mhtml_without_html,
    "encrypted.pdf": lambda: (ARCHIVES / "damaged" / "encrypted.pdf").read_bytes(),
    "cut.pdf": lambda: (CAPTURES / "article.pdf").read_bytes()[:20000],
    "scan.gz": lambda: gzip.compress(b"not a WARC"),
}
REASONS = {
    "cut.warc.gz": "damaged WARC: the file ends in the middle of a compressed record (truncated); the 1 page(s) before it are read",
    "cut.warc": "damaged WARC: unreadable after record 12",
    "cut.wacz": "damaged WACZ: not a readable zip file",
    "not-a-zip.wacz": "damaged WACZ: not a readable zip file",
    "no-page.mhtml": "MHTML without an HTML part: nothing to read (its parts: image/png",
    "encrypted.pdf": "encrypted PDF: it needs a password to open",
    "cut.pdf": "damaged PDF:",
    "scan.gz": "unsupported file type .gz",
}


@pytest.fixture(scope="module")
def damaged_site(tmp_path_factory):
    captures = {name: make() for name, make in DAMAGED.items()}
    captures["binary.txt"] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 10
    captures["big.txt"] = b"A headline\n\n" + b"word " * 2000
    captures["menu.txt"] = b"Home\nNews\nShare\n"
    return build_site(tmp_path_factory.mktemp("damaged"), captures, DOSSIER_MAX_BYTES=5000)


def test_damaged_files_are_rejections_with_reasons(damaged_site):
    export = load_export(damaged_site)
    reasons = {r["capture"]: r["reason"] for r in export["rejected"]}
    for name, reason in REASONS.items():
        assert reasons[name].startswith(reason), (name, reasons[name])
    # The pages before the cut are still read.
    assert {a["capture"] for a in export["articles"]} == {"cut.warc#3"}
    assert {d["capture"] for d in export["duplicates"]} == {"cut.warc.gz#3"}


def test_rejected_binaries_are_not_published(damaged_site):
    published = {
        p.relative_to(damaged_site / "captures").as_posix() for p in (damaged_site / "captures").rglob("*") if p.is_file()
    }
    assert published == {"cut.warc.gz/3.txt", "cut.warc/3.txt", "menu.txt"}, "only text within the size limit"
    assert load_export(damaged_site)["rejected"], "they are still listed, with their reasons"


def test_size_limit_counts_text_and_markup_not_inline_pictures(tmp_path):
    data = (CAPTURES / "article.singlefile.html").read_bytes()
    markup = len(re.sub(rb"data:image/png;base64,[A-Za-z0-9+/=]+", b"data:,", data))
    assert markup < 3500 < len(data)
    site = build_site(tmp_path, {"saved.html": data}, DOSSIER_MAX_BYTES=3500)
    (art,) = load_export(site)["articles"]
    assert art["container"] == {
        "file": "saved.html", "format": "singlefile", "record": None, "target_uri": "http://www.bbc.com/news/world-europe-68650001",
    }  # fmt: skip
    raw = (site / "captures" / "saved.html.txt").read_bytes()
    assert len(raw) <= 3500 and b"data:," in raw, "the raw copy leaves the inline picture out"
    rejected = read_capture("saved.html", data, 1000)
    assert rejected.reason.startswith("too large:") and "not counting" in rejected.reason


def test_archivebox_snapshot_folder_is_read_and_a_plain_folder_read_file_by_file(tmp_path):
    content = tmp_path / "content"
    snapshot = content / "captures" / "archive" / "1711445400.123"
    snapshot.mkdir(parents=True)
    (snapshot / "index.json").write_text(json.dumps({"url": MORGUE, "timestamp": "1711445400.123"}), encoding="utf-8")
    (snapshot / "index.html").write_text("<!DOCTYPE html><html><body><h1>ArchiveBox</h1></body></html>", encoding="utf-8")
    (snapshot / "warc").mkdir()
    shutil.copy(CAPTURES / "crawl.warc.gz", snapshot / "warc" / "1711445400.warc.gz")
    shutil.copy(CAPTURES / "article.singlefile.html", snapshot / "singlefile.html")
    (content / "captures" / "notes").mkdir()
    (content / "captures" / "notes" / "todo.txt").write_text("Home\n", encoding="utf-8")
    export = load_export(build_site(tmp_path, content=content))
    (art,) = export["articles"]
    assert art["capture"] == "archive/1711445400.123/singlefile.html"
    assert art["captured_at"] == "2024-03-26T09:30:00Z"  # the snapshot's timestamp
    # A plain subfolder's files are captures too, each accounted for under its path.
    assert {r["capture"]: r["reason"] for r in export["rejected"]}["notes/todo.txt"].startswith("no recognisable article")
    site = tmp_path / "output"
    assert (site / "captures" / "archive" / "1711445400.123" / "singlefile.html.txt").is_file()


@pytest.mark.parametrize("name", sorted(p.name for p in CAPTURES.iterdir()))
def test_cut_or_garbled_archives_never_raise(tmp_path, name):
    """Every reader on a damaged file gives a Capture or a Rejection, never an exception."""
    data = (CAPTURES / name).read_bytes()
    for n, cut in enumerate(range(7, len(data), max(1, len(data) // 23))):
        garbled = bytearray(data[:cut])
        garbled[cut // 2] ^= 0x5A
        for sample in (data[:cut], bytes(garbled)):
            path = tmp_path / f"{n}-{name}"
            path.write_bytes(sample)
            found = inventory(tmp_path)
            for unit in found.units:
                assert isinstance(read_capture(unit.name, unit.read(), 5_000_000, unit), Capture | Rejection)
            path.unlink()


def test_a_build_of_a_folder_holding_every_format(tmp_path):
    captures = {p.name: p.read_bytes() for p in CAPTURES.iterdir()}
    captures["encrypted.pdf"] = (ARCHIVES / "damaged" / "encrypted.pdf").read_bytes()
    site = build_site(tmp_path, captures)
    export = load_export(site)
    jsonschema.validate(export, json.loads((ROOT / "schema" / "dossier.schema.json").read_text(encoding="utf-8")))
    units = [u.name for u in inventory(tmp_path / "content" / "captures").units]
    accounted = [a["capture"] for a in export["articles"]] + [d["capture"] for d in export["duplicates"]]
    accounted += [r["capture"] for r in export["rejected"]]
    assert sorted(accounted) == sorted(units)
    titles = sorted(a["title"] for a in export["articles"])
    assert titles == [
        "Concert goers describe escape from burning Crocus City Hall",
        "Crocus City Hall: families wait for news at Krasnogorsk morgue",
        "Crocus attack suspects appear in Moscow court",
    ]
    assert [r["capture"] for r in export["rejected"]] == ["encrypted.pdf"]
    for art in export["articles"]:
        page = BeautifulSoup((site / art["url"]).read_text(encoding="utf-8"), "html.parser")
        raw = (site / art["url"]).parent / page.select_one("a.raw-capture")["href"]
        assert raw.is_file() and raw.suffix == ".txt", raw
    published = {p.name for p in (site / "captures").rglob("*") if p.is_file()}
    assert "encrypted.pdf" not in published and "encrypted.pdf.txt" not in published
    assert {"article.mhtml.html.txt", "article.pdf.txt", "world-europe-68650001.txt", "1.txt", "3.txt"} <= published


def test_captures_in_subfolders_are_articles_with_their_own_raw_copies(tmp_path):
    content = tmp_path / "content"
    (content / "captures" / "2024-03" / "dw").mkdir(parents=True)
    gold = FIXTURES / "gold"
    (content / "captures" / "2024-03" / "dw" / "dw_text.txt").write_bytes((gold / "dw_text.txt").read_bytes())
    (content / "captures" / "tass_text.txt").write_bytes((gold / "tass_text.txt").read_bytes())
    site = build_site(tmp_path, content=content)
    export = load_export(site)
    assert sorted(a["capture"] for a in export["articles"]) == ["2024-03/dw/dw_text.txt", "tass_text.txt"]
    dw = next(a for a in export["articles"] if a["capture"] == "2024-03/dw/dw_text.txt")
    page = (site / dw["url"]).read_text(encoding="utf-8")
    raw = re.search(r'href="([^"]*dw_text\.txt[^"]*)"', page).group(1)
    copy = (site / dw["url"]).parent / unquote(raw)
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == dw["sha256"]
