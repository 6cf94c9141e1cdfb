"""Bad input gets a clear reason, the build still succeeds, and nothing is lost."""

from __future__ import annotations

import logging

import pytest
from conftest import FIXTURES, build_site, load_export
from pelican import Pelican
from pelican.settings import read_settings

GOOD = (FIXTURES / "gold" / "tass_text.txt").read_bytes()
BAD = {
    "empty.txt": b"",
    "blank.txt": b" \n\n \r\n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "controls.txt": bytes(range(1, 9)) * 40,
    "utf16-broken.txt": b"\xff\xfeA\x00B",
    "no-article.txt": b"Home\nNews\nShare\n",
    "no-date.txt": b"A headline that has no date anywhere near it\n\nA paragraph of body text, long enough to be one.\n",
    "notes.md": b"# not a capture\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad")
    return build_site(tmp, {"good.txt": GOOD, **BAD})


def test_every_capture_is_an_article_a_duplicate_or_a_rejection(site):
    export = load_export(site)
    accounted = (
        [a["capture"] for a in export["articles"]]
        + [d["capture"] for d in export["duplicates"]]
        + [r["capture"] for r in export["rejected"]]
    )
    assert sorted(accounted) == sorted(["good.txt", *BAD])


def test_rejections_have_clear_reasons(site):
    reasons = {r["capture"]: r["reason"] for r in load_export(site)["rejected"]}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["controls.txt"].startswith("binary file")
    assert reasons["utf16-broken.txt"].startswith("undecodable")
    assert reasons["no-article.txt"].startswith("no recognisable article")
    assert "no-date.txt" not in reasons, "a capture without a date is published, not rejected"
    assert reasons["notes.md"].startswith("unsupported file type .md")


def test_rejections_shown_on_about_page(site):
    about = (site / "about.html").read_text(encoding="utf-8")
    assert "empty.txt" in about and "binary file" in about
    assert 'id="report-rejected">7<' in about


def test_rejection_warning_names_the_file(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        # A name no other test uses: Pelican's log filter drops a message it has already shown.
        build_site(tmp_path, {"good.txt": GOOD, "warn-me.txt": b""})
    assert any(
        "warn-me.txt" in r.getMessage() and "empty file" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING
    )


def test_size_limit_is_a_setting(tmp_path):
    site = build_site(tmp_path, {"good.txt": GOOD}, DOSSIER_MAX_BYTES=100)
    (reason,) = [r["reason"] for r in load_export(site)["rejected"]]
    assert reason.startswith("too large") and "100" in reason


@pytest.mark.parametrize("how", ["setting", "environment"])
def test_strict_mode_fails_the_build(tmp_path, monkeypatch, how):
    content = tmp_path / "content"
    (content / "captures").mkdir(parents=True)
    (content / "captures" / "good.txt").write_bytes(GOOD)
    (content / "captures" / "empty.txt").write_bytes(b"")
    overrides = {"PATH": str(content), "OUTPUT_PATH": str(tmp_path / "out")}
    if how == "setting":
        overrides["DOSSIER_STRICT"] = True
    else:
        monkeypatch.setenv("DOSSIER_STRICT", "1")
    from conftest import ROOT

    settings = read_settings(str(ROOT / "pelicanconf.py"), override=overrides)
    with pytest.raises(SystemExit, match=r"empty\.txt \(empty file\)"):
        Pelican(settings).run()


def test_an_article_without_a_date_is_published_with_the_date_unknown(site):
    export = load_export(site)
    undated = [a for a in export["articles"] if a["capture"] == "no-date.txt"]
    assert len(undated) == 1 and undated[0]["date"] is None
    assert export["articles"][-1]["capture"] == "no-date.txt", "unknown dates sort last"
    page = (site / undated[0]["url"]).read_text(encoding="utf-8")
    assert "date unknown" in page and "1970" not in page


def test_an_error_in_one_capture_rejects_that_capture_alone(tmp_path, monkeypatch):
    """Fault injection: the figure finder fails on one capture; the build goes on and says why."""
    from dossier.extract import figures

    real = figures.find_claims

    def failing(paragraphs, sentences):
        if any("poison" in p for p in paragraphs):
            raise ValueError("a figure the finder cannot read")
        return real(paragraphs, sentences)

    monkeypatch.setattr(figures, "find_claims", failing)
    good = (FIXTURES / "gold" / "tass_text.txt").read_bytes()
    bad = b"A headline for the poisoned capture\n\nMarch 3, 2024\n\nThis paragraph carries the word poison and enough words to be a body.\n"
    site = build_site(tmp_path, {"good.txt": good, "bad.txt": bad}, DOSSIER_CACHE_DIR=None)
    export = load_export(site)
    assert [a["capture"] for a in export["articles"]] == ["good.txt"]
    (rejection,) = export["rejected"]
    assert rejection["capture"] == "bad.txt"
    assert rejection["reason"] == "failed while finding figures: ValueError: a figure the finder cannot read"
