"""Per-capture work (read, clean, find names and figures), cached and spread over the CPU cores.

Everything here depends on one capture alone, so it can be cached by the capture's bytes and
computed in parallel. What depends on all captures (duplicates, resolution across articles,
cross-links, topics) is computed afresh on every build, after this step: a cache hit can never
skip cross-linking.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import dedupe
from . import entities as entity_extraction
from . import figures as figure_extraction
from .capture import read_capture
from .entities import EntityRegistry, Found
from .figures import FigureClaim
from .model import CaptureUnit, CleanArticle, Rejection
from .outlets import Registry

HERE = Path(__file__).parent
# Below this many uncached captures, starting worker processes costs more than it saves.
POOL_THRESHOLD = 24


@dataclass
class Analysis:
    result: CleanArticle | Rejection
    found: list[Found] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    claims: list[FigureClaim] = field(default_factory=list)
    shingles: set[int] = field(default_factory=set)  # of the normalised body, for near-duplicate detection


@dataclass(frozen=True)
class Config:
    registry: Registry
    entity_registry: EntityRegistry
    max_bytes: int

    def key(self) -> str:
        """Changes whenever the code, a registry or a setting that shapes an Analysis changes."""
        h = hashlib.sha256()
        for path in sorted(HERE.rglob("*.py")) + sorted(HERE.rglob("*.toml")):
            h.update(path.relative_to(HERE).as_posix().encode() + b"\0" + path.read_bytes())
        # Sets are sorted: their repr follows string hashing, which changes from process to process.
        entities = self.entity_registry
        h.update(repr((self.registry, entities.entities, entities.merge, sorted(entities.blocklist), self.max_bytes)).encode())
        return h.hexdigest()[:20]


def clean_capture(
    name: str, data: bytes, registry: Registry, max_bytes: int, unit: CaptureUnit | None = None
) -> CleanArticle | Rejection:
    """`unit`: what an archive said about a record taken out of it (see capture.read_capture)."""
    from .clean import clean

    capture = read_capture(name, data, max_bytes, unit)
    if isinstance(capture, Rejection):
        return capture
    article = clean(capture, registry)
    article.encoding = capture.meta.get("encoding")
    article.repaired = bool(capture.meta.get("repaired"))
    article.captured_at, article.container = capture.captured_at, capture.container
    return article


def analyse(name: str, data: bytes, config: Config, unit: CaptureUnit | None = None) -> Analysis:
    """One capture, end to end. Never raises: an error in any stage rejects this capture alone,
    with a reason naming the stage and the error (DOSSIER_STRICT then fails the build)."""
    stage = "reading and cleaning"
    try:
        result = clean_capture(name, data, config.registry, config.max_bytes, unit)
        if isinstance(result, Rejection) or not result.paragraphs:
            return Analysis(result)
        stage = "finding names"
        found, candidates, sentences = entity_extraction.analyse_paragraphs(result.paragraphs, config.entity_registry)
        stage = "finding figures"
        claims = figure_extraction.find_claims(result.paragraphs, sentences)
        stage = "comparing bodies"
        return Analysis(result, found, candidates, claims, dedupe.shingles(dedupe.normalised_body(result)))
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except Exception as err:  # one bad capture never stops a build
        return Analysis(Rejection(name, f"failed while {stage}: {type(err).__name__}: {err}"[:500]))


class Cache:
    """One pickle per capture, named by the capture's sha256 and the Config key."""

    def __init__(self, folder: Path | None, key: str):
        self.folder = folder / key if folder else None
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)

    def _path(self, digest: str) -> Path | None:
        return self.folder / f"{digest}.pickle" if self.folder else None

    def get(self, digest: str) -> Analysis | None:
        path = self._path(digest)
        if path is None or not path.is_file():
            return None
        try:
            return pickle.loads(path.read_bytes())
        except Exception:  # a damaged cache file is recomputed, never trusted
            return None

    def put(self, digest: str, analysis: Analysis) -> None:
        if self.folder:
            self.put_bytes(digest, pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL))

    def put_bytes(self, digest: str, data: bytes) -> None:
        path = self._path(digest)
        if path is not None:
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)


_WORKER_CONFIG: Config | None = None
_WORKER_CACHE: Cache | None = None


def _work(job: tuple[CaptureUnit, str]) -> bytes:
    """In a worker: analyse one capture, write its cache file, and hand back the pickle."""
    unit, digest = job
    data = pickle.dumps(analyse(unit.name, unit.read(), _WORKER_CONFIG, unit), protocol=pickle.HIGHEST_PROTOCOL)
    _WORKER_CACHE.put_bytes(digest, data)
    return data


def digest(unit: CaptureUnit) -> str:
    """The cache's name for a unit's analysis: its name and bytes, and what its archive says about it."""
    h = hashlib.sha256(unit.name.encode() + b"\0" + unit.read())
    if unit.path is None or unit.url or unit.captured_at:
        h.update(repr((unit.container, unit.captured_at, unit.url, unit.format, unit.charset)).encode())
    return h.hexdigest()


def analyse_all(units: list[CaptureUnit], config: Config, cache: Cache, workers: int, progress=None) -> dict[str, Analysis]:
    """Analyses by capture name. Cached ones are loaded; the rest are computed, in parallel when worth it."""
    global _WORKER_CONFIG, _WORKER_CACHE
    results: dict[str, Analysis] = {}
    todo: list[tuple[CaptureUnit, str]] = []
    for unit in units:
        key = digest(unit)
        cached = cache.get(key)
        if cached is not None:
            results[unit.name] = cached
        else:
            todo.append((unit, key))
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(todo) >= POOL_THRESHOLD and "fork" in multiprocessing.get_all_start_methods():
        # Build the spaCy pipeline and matchers before forking, so every worker inherits them.
        entity_extraction.matcher_for(config.entity_registry)
        _WORKER_CONFIG, _WORKER_CACHE = config, cache
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            computed = pool.map(_work, todo, chunksize=8)
            for (unit, _), data in zip(todo, computed, strict=True):
                results[unit.name] = pickle.loads(data)
                if progress:
                    progress()
    else:
        for unit, key in todo:
            analysis = analyse(unit.name, unit.read(), config, unit)
            results[unit.name] = analysis
            cache.put(key, analysis)
            if progress:
                progress()
    return results
