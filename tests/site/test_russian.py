"""Russian-language captures (tests/fixtures/russian): decoded from UTF-8, windows-1251 and KOI8-R,
cleaned, dated and titled like the English ones, with their language on the page and in the export."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, build_site, load_export

from dossier.build.pipeline import process
from dossier.model import Rejection
from dossier.outlets import load_registry

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


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory):
    """The bundled English captures, the Russian ones, and the dossier's own registry."""
    root = FIXTURES.parent.parent
    captures = {p.name: p.read_bytes() for p in CAPTURES}
    captures.update({p.name: p.read_bytes() for p in (root / "content" / "captures").iterdir()})
    tmp = tmp_path_factory.mktemp("bilingual")
    content = tmp / "content"
    (content / "captures").mkdir(parents=True)
    for name, data in captures.items():
        (content / "captures" / name).write_bytes(data)
    for name in ("entities.toml", "topics.toml"):
        (content / name).write_bytes((root / "content" / name).read_bytes())
    return build_site(tmp, content=content)


def test_a_person_named_in_both_languages_is_one_entity(bilingual_site):
    export = load_export(bilingual_site)
    by_capture = {a["capture"]: a for a in export["articles"]}
    peskov = [e for e in export["entities"] if e["id"] == "dmitry-peskov"]
    assert len(peskov) == 1
    languages = {by_capture[a]["language"] for a in by_capture if "dmitry-peskov" in by_capture[a]["entities"]}
    assert languages == {"en", "ru"}, "mentions from both languages"
    assert "Дмитрий Песков" in peskov[0]["aliases"], "listed in its base form, not as 'Дмитрия Пескова'"
    # "Пескова", "Пескову", "Путина": inflected forms are the same people, not new ones.
    names = {e["name"] for e in export["entities"]}
    assert not names & {"Пескова", "Песков", "Путин", "Дмитрий Песков", "Владимир Путин"}
    assert "vladimir-putin" in by_capture["interfax_paste_cp1251.txt"]["entities"]
    assert "fsb" in by_capture["interfax_paste_cp1251.txt"]["entities"], "ФСБ is the registry's FSB"
    page = (bilingual_site / "entities" / "dmitry-peskov.html").read_text(encoding="utf-8")
    assert "Песков" in page and "Peskov" in page


def test_quoted_names_and_share_lines_never_become_people(bilingual_site):
    export = load_export(bilingual_site)
    people = {e["name"] for e in export["entities"] if e["type"] == "person"}
    assert not [p for p in people if "Крокус" in p or "Поделиться" in p or "ВКонтакте" in p]
    crocus = next(e for e in export["entities"] if e["id"] == "crocus-city-hall")
    assert crocus["type"] == "place"


def test_russian_casualty_figures_join_the_english_ones(bilingual_site):
    export = load_export(bilingual_site)
    killed = next(f for f in export["figures"] if f["measure"] == "killed")
    sources = {c["source"]: c["value"] for c in killed["claims"]}
    assert sources["TASS"] == 139 and sources["Meduza"] == 143
    assert {"DW", "The Moscow Times"} <= set(sources), "one chart for every source, whatever its language"
    tass = next(c for c in killed["claims"] if c["source"] == "TASS")
    assert tass["qualifier"] == "не менее"
    wounded = next(f for f in export["figures"] if f["measure"] == "wounded")
    assert any(c["source"] == "TASS" and c["value"] == 180 for c in wounded["claims"])
    page = (bilingual_site / "figures" / "killed.html").read_text(encoding="utf-8")
    assert "Meduza" in page and "TASS" in page


def test_topics_cover_russian_paragraphs(bilingual_site):
    export = load_export(bilingual_site)
    by_capture = {a["capture"]: a for a in export["articles"]}
    assert "Casualties" in by_capture["tass_paste.txt"]["topics"]
    assert "Casualties" in by_capture["meduza_page_koi8.html"]["topics"]
    assert "Kremlin response" in by_capture["interfax_paste_cp1251.txt"]["topics"]


def test_an_editor_sets_an_articles_language(tmp_path):
    content = tmp_path / "content"
    (content / "captures").mkdir(parents=True)
    gold = (FIXTURES / "gold" / "tass_text.txt").read_bytes()
    (content / "captures" / "tass.txt").write_bytes(gold)
    (content / "editorial.toml").write_text('[captures."tass.txt"]\nlanguage = "ru"\n', encoding="utf-8")
    site = build_site(tmp_path, content=content)
    (article,) = load_export(site)["articles"]
    assert article["language"] == "ru"
    assert '<html lang="ru">' in (site / article["url"]).read_text(encoding="utf-8")


def test_an_unknown_language_in_the_editorial_file_is_an_error(tmp_path):
    content = tmp_path / "content"
    (content / "captures").mkdir(parents=True)
    (content / "captures" / "tass.txt").write_bytes((FIXTURES / "gold" / "tass_text.txt").read_bytes())
    (content / "editorial.toml").write_text('[captures."tass.txt"]\nlanguage = "klingon"\n', encoding="utf-8")
    with pytest.raises(SystemExit) as err:
        build_site(tmp_path, content=content)
    assert "klingon" in str(err.value) and "editorial.toml" in str(err.value)
