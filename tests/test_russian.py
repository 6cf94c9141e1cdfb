"""Russian-language captures (tests/fixtures/russian): decoded from UTF-8, windows-1251 and KOI8-R,
cleaned, dated and titled like the English ones, with their language on the page and in the export."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, build_site, load_export

from dossier.model import Rejection
from dossier.outlets import load_registry
from dossier.pipeline import process

RUSSIAN = FIXTURES / "russian"
CAPTURES = sorted(p for p in RUSSIAN.iterdir() if p.suffix in {".txt", ".html"})


@pytest.mark.parametrize("path", CAPTURES, ids=lambda p: p.name)
def test_russian_capture_matches_its_gold(path):
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    article = process(path.name, path.read_bytes(), load_registry(), 5_000_000)
    assert not isinstance(article, Rejection), article
    for field, want in gold.items():
        assert getattr(article, field) == want, field


def test_share_bars_and_teasers_are_removed_with_their_rule():
    path = RUSSIAN / "tass_paste.txt"
    article = process(path.name, path.read_bytes(), load_registry(), 5_000_000)
    rules = {r.text: r.rule for r in article.removed}
    assert rules["Поделиться ВКонтакте Одноклассники Телеграм"] == "interface"
    assert rules["Читайте также"] == "teaser-heading"
    assert "Что известно о нападении на «Крокус Сити Холл»" in article.related


def test_windows_1251_and_koi8_r_are_told_from_western_cp1252():
    english = "Kremlin spokesman Dmitry Peskov said Putin’s schedule had not changed, calling the reports “speculation”."
    capture = f"A headline for the encoding test\n\nMarch 25, 2024\n\n{english}\n".encode("cp1252")
    article = process("western.txt", capture, load_registry(), 5_000_000)
    assert article.encoding == "cp1252" and article.paragraphs == [english]


def test_the_page_says_its_language(tmp_path):
    captures = {p.name: p.read_bytes() for p in CAPTURES}
    captures["english.txt"] = (FIXTURES / "gold" / "tass_text.txt").read_bytes()
    site = build_site(tmp_path, captures)
    export = load_export(site)
    languages = {a["capture"]: a["language"] for a in export["articles"]}
    assert languages == {**{p.name: "ru" for p in CAPTURES}, "english.txt": "en"}
    for a in export["articles"]:
        page = (site / a["url"]).read_text(encoding="utf-8")
        assert f'<html lang="{a["language"]}">' in page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'lang="ru"' in home, "Russian titles in lists carry their language"
