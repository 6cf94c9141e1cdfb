"""The plugin's per-capture cache: reused when nothing changed, invalidated when code, registries or
settings change, and a cache hit never skips cross-linking."""

from __future__ import annotations

import shutil

from conftest import FIXTURES, ROOT, build_site, load_export

from dossier.build import analyse
from dossier.build.analyse import Config
from dossier.extract.entities import EntityRegistry, RegistryEntity
from dossier.outlets import load_registry

GOLD = FIXTURES / "gold"


def content_with(tmp, names):
    content = tmp / "content"
    (content / "captures").mkdir(parents=True)
    for n in names:
        shutil.copy(GOLD / n, content / "captures" / n)
    return content


def test_cache_hit_reuses_analysis_and_still_cross_links_new_names(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    content = content_with(tmp_path / "one", ["tass_text.txt"])
    build_site(tmp_path / "one", content=content, DOSSIER_CACHE_DIR=str(cache))
    assert len(list(cache.rglob("*.json"))) == 1

    calls = []
    original = analyse.analyse
    monkeypatch.setattr(analyse, "analyse", lambda *a: calls.append(a[0]) or original(*a))
    # A second capture arrives that names the same people: the first is a cache hit...
    shutil.copy(GOLD / "reuters_crlf.txt", content / "captures" / "reuters_crlf.txt")
    (tmp_path / "one" / "output").rename(tmp_path / "one" / "old")
    site = build_site(tmp_path / "one", content=content, DOSSIER_CACHE_DIR=str(cache))
    assert calls == ["reuters_crlf.txt"]
    # ...and its page is still cross-linked, with an entity shared across both sources.
    export = load_export(site)
    peskov = next(e for e in export["entities"] if e["name"] == "Dmitry Peskov")
    assert len(peskov["articles"]) == 2
    tass = next(a for a in export["articles"] if a["capture"] == "tass_text.txt")
    page = (site / tass["url"]).read_text(encoding="utf-8")
    assert 'href="../entities/dmitry-peskov.html"' in page


def test_cache_key_changes_with_registries_settings_and_code(tmp_path, monkeypatch):
    base = Config(load_registry(), EntityRegistry(), 5_000_000)
    assert base.key() == Config(load_registry(), EntityRegistry(), 5_000_000).key()
    assert base.key() != Config(load_registry(), EntityRegistry(), 100).key()
    other_entities = EntityRegistry((RegistryEntity("x", "X Y", "person"),))
    assert base.key() != Config(load_registry(), other_entities, 5_000_000).key()
    outlets = tmp_path / "outlets.toml"
    outlets.write_text((ROOT / "plugins/dossier/data/outlets.toml").read_text() + '\n[[outlet]]\nname = "New"\nslug = "new"\n')
    assert base.key() != Config(load_registry(str(outlets)), EntityRegistry(), 5_000_000).key()
    before = base.key()
    code = tmp_path / "plugin"
    shutil.copytree(ROOT / "plugins/dossier", code)
    monkeypatch.setattr(analyse, "HERE", code)
    assert Config(load_registry(), EntityRegistry(), 5_000_000).key() == before, "a copy of the same code"
    passes = code / "clean" / "passes.py"
    passes.write_text(passes.read_text() + "\n# a change\n")
    assert Config(load_registry(), EntityRegistry(), 5_000_000).key() != before, "changed code in a subpackage"


def test_entity_registry_change_invalidates_the_cache(tmp_path):
    cache = tmp_path / "cache"
    content = content_with(tmp_path, ["tass_text.txt"])
    build_site(tmp_path / "a", content=content, DOSSIER_CACHE_DIR=str(cache))
    (content / "entities.toml").write_text('[[entity]]\nid = "tass-x"\nname = "Krasnogorsk"\ntype = "place"\n', encoding="utf-8")
    site = build_site(tmp_path / "b", content=content, DOSSIER_CACHE_DIR=str(cache))
    assert len({p.parent for p in cache.rglob("*.json")}) == 2, "a second key folder"
    assert any(e["name"] == "Krasnogorsk" for e in load_export(site)["entities"])


def test_damaged_cache_file_is_recomputed(tmp_path):
    cache = tmp_path / "cache"
    content = content_with(tmp_path, ["tass_text.txt"])
    first = load_export(build_site(tmp_path / "a", content=content, DOSSIER_CACHE_DIR=str(cache)))
    (cached,) = cache.rglob("*.json")
    cached.write_bytes(b"not a cache file")
    second = load_export(build_site(tmp_path / "b", content=content, DOSSIER_CACHE_DIR=str(cache)))
    assert first == second


def test_parallel_and_serial_builds_are_identical(tmp_path, monkeypatch):
    monkeypatch.setattr(analyse, "POOL_THRESHOLD", 2)
    names = sorted(p.name for p in GOLD.iterdir() if p.suffix != ".json")
    content = content_with(tmp_path, names)
    parallel = build_site(tmp_path / "p", content=content, DOSSIER_WORKERS=2)
    serial = build_site(tmp_path / "s", content=content, DOSSIER_WORKERS=1)
    files = sorted(p.relative_to(parallel) for p in parallel.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(serial) for p in serial.rglob("*") if p.is_file())
    assert all((parallel / f).read_bytes() == (serial / f).read_bytes() for f in files)
