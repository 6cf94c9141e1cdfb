"""The cache stores data, not pickled code: a cache file is JSON, read back field by field, and a file
that is not what the build wrote (damaged, foreign, planted) is ignored and the capture computed again."""

from __future__ import annotations

import json
import os
import pickle
import shutil

import pytest
from conftest import FIXTURES, build_site, load_export

from dossier.build.analyse import Analysis, Cache, CacheFileError, Config, analyse, decode, digest, encode
from dossier.capture.folder import inventory
from dossier.extract.entities import EntityRegistry
from dossier.model import Rejection
from dossier.outlets import load_registry

GOLD = FIXTURES / "gold"


@pytest.fixture(scope="module")
def analyses():
    config = Config(load_registry(), EntityRegistry(), 5_000_000)
    units = inventory(GOLD).units
    return [(analyse(u.name, u.read(), config, u), digest(u)) for u in units if not u.name.endswith(".json")]


def test_every_analysis_is_read_back_as_it_was_written(analyses):
    assert len(analyses) >= 10
    for analysis, key in analyses:
        data = encode(analysis, key)
        json.loads(data)  # plain JSON
        back = decode(data, key)
        assert back == analysis
        assert type(back.result) is type(analysis.result)
        assert all(type(f) is type(g) for f, g in zip(back.found, analysis.found, strict=True))


def test_a_sentence_is_stored_once(analyses):
    analysis, key = max(analyses, key=lambda ak: len(ak[0].found))
    data = json.loads(encode(analysis, key))
    assert len(data["sentences"]) == len(set(data["sentences"])) < len(analysis.found) + len(analysis.claims)


def _wrong_files(analysis: Analysis, key: str) -> dict[str, bytes]:
    good = json.loads(encode(analysis, key))

    def edited(change) -> bytes:
        data = json.loads(json.dumps(good))
        change(data)
        return json.dumps(data).encode()

    return {
        "empty": b"",
        "truncated": encode(analysis, key)[:-20],
        "not UTF-8": b"\xff\xfe{}",
        "nested too deep": b"[" * 100_000 + b"]" * 100_000,
        "a list": b"[]",
        "another capture's file": encode(analysis, "0" * 64),
        "another format": edited(lambda d: d.update(format=0)),
        "an unknown field": edited(lambda d: d["analysis"].update(code="os.system('true')")),
        "a missing field": edited(lambda d: d["analysis"]["result"].pop("capture")),
        "a wrong type": edited(lambda d: d["analysis"].update(shingles="abc")),
        "a bool for an int": edited(lambda d: d["analysis"].update(shingles=[True])),
        "a sentence not in the file": edited(lambda d: d["analysis"]["found"][0].update(sentence=10**6)),
        "a line number that is no number": edited(lambda d: d["analysis"]["result"]["kept"].update(x="body")),
        "a pickle": pickle.dumps(analysis),
    }


def test_a_wrong_file_is_no_analysis(analyses):
    analysis, key = max(analyses, key=lambda ak: len(ak[0].found))
    for what, data in _wrong_files(analysis, key).items():
        with pytest.raises(CacheFileError):
            decode(data, key)
            pytest.fail(what)


def test_a_wrong_file_in_the_cache_folder_is_ignored(tmp_path, analyses):
    analysis, key = max(analyses, key=lambda ak: len(ak[0].found))
    cache = Cache(tmp_path, "k")
    for data in _wrong_files(analysis, key).values():
        (tmp_path / "k" / f"{key}.json").write_bytes(data)
        assert cache.get(key) is None
    cache.put(key, analysis)
    assert cache.get(key) == analysis


class Planted:
    """Unpickling this runs a command: what an attacker who can write to the cache folder would plant."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_is_never_run_and_the_capture_is_recomputed(tmp_path):
    cache = tmp_path / "cache"
    content = tmp_path / "content"
    (content / "captures").mkdir(parents=True)
    shutil.copy(GOLD / "tass_text.txt", content / "captures" / "tass_text.txt")
    shutil.copy(GOLD / "dw_text.txt", content / "captures" / "dw_text.txt")
    first = load_export(build_site(tmp_path / "a", content=content, DOSSIER_CACHE_DIR=str(cache)))
    files = sorted(cache.rglob("*.json"))
    assert len(files) == 2
    marker = tmp_path / "ran"
    evil = pickle.dumps(Planted(marker))
    files[0].write_bytes(evil)
    files[0].with_suffix(".pickle").write_bytes(evil)  # where the cache used to keep its pickles
    files[1].write_text(json.dumps({"format": 1, "digest": files[1].stem, "sentences": [], "analysis": {}}))
    second = load_export(build_site(tmp_path / "b", content=content, DOSSIER_CACHE_DIR=str(cache)))
    assert not marker.exists(), "the planted pickle ran"
    assert second == first
    for f in files:  # written again, whole
        assert isinstance(decode(f.read_bytes(), f.stem), Analysis)


def test_a_rejection_is_cached_too(tmp_path):
    cache = Cache(tmp_path, "k")
    cache.put("d", Analysis(Rejection("x.txt", "empty file")))
    assert cache.get("d") == Analysis(Rejection("x.txt", "empty file"))
    assert not list(tmp_path.rglob("*.tmp"))
