"""What the plugin keeps during a build is one BuildState in that build's settings, made anew as each build
starts: a second build with the same settings (as `pelican --autoreload` runs them) sees changed captures."""

from __future__ import annotations

import pickle

from conftest import FIXTURES, ROOT, load_export
from pelican import Pelican
from pelican.settings import read_settings

from dossier.pelican_edges import STATE_KEY, BuildState
from dossier.urls import UrlScheme


def test_a_second_build_with_the_same_settings_sees_changed_captures(tmp_path):
    captures = tmp_path / "content" / "captures"
    captures.mkdir(parents=True)
    (captures / "tass.txt").write_bytes((FIXTURES / "gold" / "tass_text.txt").read_bytes())
    output = tmp_path / "output"
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(output), "DOSSIER_CACHE_DIR": None},
    )
    Pelican(settings).run()
    first = settings[STATE_KEY]
    assert [a["capture"] for a in load_export(output)["articles"]] == ["tass.txt"]
    (captures / "ap.txt").write_bytes((FIXTURES / "gold" / "ap_text.txt").read_bytes())
    Pelican(settings).run()
    assert settings[STATE_KEY] is not first
    assert sorted(a["capture"] for a in load_export(output)["articles"]) == ["ap.txt", "tass.txt"]


def test_a_pickled_state_carries_only_its_url_scheme():
    """Pelican's content cache pickles settings: never the dossier, nor a running search process."""
    state = BuildState(UrlScheme(entity="names/{slug}.html"))
    state.dossier = object()  # type: ignore[assignment]
    copy = pickle.loads(pickle.dumps(state))
    assert copy.urls == state.urls and copy.dossier is None and copy.search is None
