"""Duplicates are published once (earliest file name wins); editors override without touching captures."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, build_site, load_export

TASS = (FIXTURES / "gold" / "tass_text.txt").read_bytes()
MT = (FIXTURES / "gold" / "moscowtimes_text.txt").read_bytes()
AP = (FIXTURES / "gold" / "ap_text.txt").read_bytes()


def test_same_outlet_and_title_is_a_duplicate(tmp_path):
    recaptured = TASS.replace(b"According to the spokesman", b"According to the Kremlin spokesman")
    site = build_site(tmp_path, {"b_tass.txt": TASS, "a_tass_again.txt": recaptured, "c_ap.txt": AP})
    export = load_export(site)
    assert [d["capture"] for d in export["duplicates"]] == ["b_tass.txt"]
    assert export["duplicates"][0]["duplicate_of"] == "a_tass_again.txt"
    assert export["duplicates"][0]["reason"] == "same outlet and title, and a largely shared body"
    assert sorted(a["capture"] for a in export["articles"]) == ["a_tass_again.txt", "c_ap.txt"]


def test_a_shared_title_alone_is_no_duplicate(tmp_path):
    """Two real blog posts whose pages are both titled with the blog's name are two articles."""
    head = b"The Field Notes Blog\n\nMarch 3, 2024\n\n"
    one = head + b"The first post is about the river survey that the team carried out in the spring of this year.\n"
    two = head + b"The second post reports on the bird count, which found more herons than any year before it.\n"
    site = build_site(tmp_path, {"one.txt": one, "two.txt": two})
    export = load_export(site)
    assert export["duplicates"] == []
    assert sorted(a["capture"] for a in export["articles"]) == ["one.txt", "two.txt"]


def test_same_original_url_is_a_duplicate(tmp_path):
    retitled = MT.replace(
        b"Russia Detains Suspected Accomplices in Crocus Attack", b"Court Arrests Three More Over Crocus Attack"
    )
    site = build_site(tmp_path, {"1.txt": MT, "2.txt": retitled})
    (dup,) = load_export(site)["duplicates"]
    assert (dup["capture"], dup["duplicate_of"], dup["reason"]) == ("2.txt", "1.txt", "same original URL")


def test_near_identical_body_is_a_duplicate(tmp_path):
    other = TASS.replace(
        b"Kremlin says Putin has no plans to visit concert hall site", b"Putin will not visit Crocus site, Peskov says"
    ).replace(b"TASS Russian News Agency\n", b"")
    other = other.replace(b"reports from the heads", b"reports from heads")
    site = build_site(tmp_path, {"x1.txt": TASS, "x2.txt": other})
    (dup,) = load_export(site)["duplicates"]
    assert (dup["capture"], dup["reason"]) == ("x2.txt", "near-identical body")


def test_different_articles_are_not_duplicates(tmp_path):
    site = build_site(tmp_path, {"1.txt": TASS, "2.txt": MT, "3.txt": AP})
    export = load_export(site)
    assert export["duplicates"] == [] and len(export["articles"]) == 3


@pytest.fixture
def edited(tmp_path):
    content = tmp_path / "content"
    (content / "captures").mkdir(parents=True)
    (content / "captures" / "tass.txt").write_bytes(TASS)
    (content / "captures" / "ap.txt").write_bytes(AP)
    (content / "editorial.toml").write_text(
        '[captures."tass.txt"]\n'
        'title = "Kremlin: no visit planned"\n'
        'date = "2024-03-25"\n'
        'source = "Reuters"\n'
        'topics = ["Kremlin response"]\n\n'
        '[captures."ap.txt"]\nnot_article = true\nreason = "live blog index"\n',
        encoding="utf-8",
    )
    return build_site(tmp_path, content=content)


def test_editorial_overrides_title_date_source_topics(edited):
    (art,) = load_export(edited)["articles"]
    assert (art["title"], art["date"], art["source"], art["topics"]) == (
        "Kremlin: no visit planned",
        "2024-03-25",
        "Reuters",
        ["Kremlin response"],
    )
    page = (edited / art["url"]).read_text(encoding="utf-8")
    assert "Kremlin: no visit planned" in page and "topics/kremlin-response.html" in page


def test_editorial_not_article(edited):
    (rej,) = load_export(edited)["rejected"]
    assert rej == {"capture": "ap.txt", "reason": "marked not an article in the editorial file: live blog index"}


def test_editorial_unknown_field_is_a_clear_error(tmp_path):
    content = tmp_path / "content"
    (content / "captures").mkdir(parents=True)
    (content / "captures" / "tass.txt").write_bytes(TASS)
    (content / "editorial.toml").write_text('[captures."tass.txt"]\nheadline = "x"\n', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"tass\.txt.*unknown fields \['headline'\]"):
        build_site(tmp_path, content=content)
