"""Each setting changes what the build does (see the README's settings table)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, ROOT, build_site, load_export

TASS = (FIXTURES / "gold" / "tass_text.txt").read_bytes()


def test_captures_folder_editorial_entities_and_raw_dir_are_settings(tmp_path):
    content = tmp_path / "content"
    (content / "raw").mkdir(parents=True)
    (content / "raw" / "tass.txt").write_bytes(TASS)
    (content / "edits.toml").write_text('[captures."tass.txt"]\ntitle = "Edited headline"\n', encoding="utf-8")
    (content / "names.toml").write_text(
        '[[entity]]\nid = "krasnogorsk"\nname = "Krasnogorsk"\ntype = "place"\n', encoding="utf-8"
    )
    site = build_site(
        tmp_path,
        content=content,
        DOSSIER_CAPTURES="raw",
        DOSSIER_EDITORIAL="edits.toml",
        DOSSIER_ENTITIES="names.toml",
        DOSSIER_RAW_DIR="originals",
    )
    (article,) = load_export(site)["articles"]
    assert article["title"] == "Edited headline"
    assert "krasnogorsk" in article["entities"]
    assert (site / "originals" / "tass.txt").read_bytes() == TASS
    assert "../originals/tass.txt" in (site / article["url"]).read_text(encoding="utf-8")


def test_outlets_file_is_a_setting(tmp_path):
    outlets = tmp_path / "outlets.toml"
    outlets.write_text(
        '[[outlet]]\nname = "Agency X"\nslug = "agency-x"\nsignatures = ["TASS Russian News Agency"]\n', encoding="utf-8"
    )
    site = build_site(tmp_path, {"tass.txt": TASS}, DOSSIER_OUTLETS_FILE=str(outlets))
    assert load_export(site)["articles"][0]["source"] == "Agency X"


def test_missing_lunr_js_is_a_clear_error(tmp_path):
    with pytest.raises(SystemExit, match=r"lunr\.js not found at .*nowhere\.js: run `npm ci`"):
        build_site(tmp_path, {"tass.txt": TASS}, DOSSIER_LUNR_JS=str(tmp_path / "nowhere.js"))


def test_shipped_registries_are_the_default():
    assert (ROOT / "plugins" / "dossier" / "data" / "outlets.toml").is_file()
