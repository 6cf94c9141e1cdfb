"""What the plugin keeps during a build is one BuildState in that build's settings, made anew as each build
starts: a second build with the same settings (as `pelican --autoreload` runs them) sees changed captures."""

from __future__ import annotations

import pickle
import signal

from conftest import FIXTURES, ROOT, load_export
from pelican import Pelican
from pelican.settings import read_settings

from dossier.pelican_edges import STATE_KEY, BuildState
from dossier.urls import UrlScheme


def test_a_second_build_with_the_same_settings_sees_changed_captures(tmp_path):
    """As `pelican --autoreload` runs it: one Pelican, run again after a capture is added."""
    captures = tmp_path / "content" / "captures"
    captures.mkdir(parents=True)
    (captures / "tass.txt").write_bytes((FIXTURES / "gold" / "tass_text.txt").read_bytes())
    output = tmp_path / "output"
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(output), "DOSSIER_CACHE_DIR": None},
    )
    handler = signal.getsignal(signal.SIGINT)
    pelican = Pelican(settings)
    pelican.run()
    first = settings[STATE_KEY]
    assert [a["capture"] for a in load_export(output)["articles"]] == ["tass.txt"]
    (captures / "ap.txt").write_bytes((FIXTURES / "gold" / "ap_text.txt").read_bytes())
    pelican.run()
    assert settings[STATE_KEY] is not first
    assert sorted(a["capture"] for a in load_export(output)["articles"]) == ["ap.txt", "tass.txt"]
    # A finished build lets its dossier go (the next build's context holds a copy of the settings) and puts
    # Python's own Ctrl-C handler back.
    assert first.dossier is None and settings[STATE_KEY].dossier is None
    assert signal.getsignal(signal.SIGINT) is handler


def test_a_build_that_failed_midway_is_ended_by_the_next(tmp_path):
    """A build that stops before its end (autoreload carries on) leaves its signal handlers: the next build
    ends it, so Python's own handler comes back, not the failed build's."""
    from dossier.pelican_edges import stop_on_signals

    handler = signal.getsignal(signal.SIGINT)
    (tmp_path / "content" / "captures").mkdir(parents=True)
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(tmp_path / "content"), "OUTPUT_PATH": str(tmp_path / "output"), "DOSSIER_CACHE_DIR": None},
    )
    failed = BuildState(UrlScheme())
    stop_on_signals(failed)  # as start_build did for a build that never reached write_outputs
    settings[STATE_KEY] = failed
    assert signal.getsignal(signal.SIGINT) is not handler
    Pelican(settings).run()
    assert signal.getsignal(signal.SIGINT) is handler


def test_a_pickled_state_carries_only_its_url_scheme():
    """Pelican's content cache pickles settings: never the dossier, nor a running search process."""
    state = BuildState(UrlScheme(entity="names/{slug}.html"))
    state.dossier = object()  # type: ignore[assignment]
    copy = pickle.loads(pickle.dumps(state))
    assert copy.urls == state.urls and copy.dossier is None and copy.search is None
