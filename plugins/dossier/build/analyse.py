"""Per-capture work (read, clean, find names and figures), cached and spread over the CPU cores.

Everything here depends on one capture alone, so it can be cached by the capture's bytes and
computed in parallel. What depends on all captures (duplicates, resolution across articles,
cross-links, topics) is computed afresh on every build, after this step: a cache hit can never
skip cross-linking.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import hashlib
import json
import logging
import multiprocessing
import os
import signal
import sys
import threading
from array import array
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from pathlib import Path
from types import UnionType
from typing import Union, get_args, get_origin, get_type_hints

from ..capture import read_capture
from ..extract import dedupe
from ..extract import entities as entity_extraction
from ..extract import figures as figure_extraction
from ..extract import topics as topic_rules
from ..extract.entities import EntityRegistry, Found
from ..extract.figures import FigureClaim
from ..model import CaptureUnit, CleanArticle, Rejection
from ..outlets import Registry

log = logging.getLogger(__name__)
HERE = Path(__file__).parent.parent  # the plugin: its code and data shape every analysis
# Below this many uncached captures, starting worker processes costs more than it saves.
POOL_THRESHOLD = 24


class PackedShingles:
    """A set of 32-bit shingle hashes, kept as a sorted array of 4 bytes each and handed out as a new set on
    every read. A set of ~600 Python ints costs ~50 kB (the ints and the hash table); the array ~2.5 kB. Every
    analysis of a build is held at once, and its shingles are read once, by the duplicate check: packed, 5000
    captures hold ~12 MB of shingles instead of ~230 MB, and the sets the duplicate check needs are made together
    and freed together, instead of being scattered among the objects that live on."""

    def __set_name__(self, owner, name: str) -> None:
        self.attribute = f"_{name}_packed"

    def __get__(self, obj, objtype=None):
        if obj is None:
            return frozenset()  # the dataclass field's default (an empty set)
        return set(getattr(obj, self.attribute))

    def __set__(self, obj, value) -> None:
        try:
            packed: array | frozenset = array("I", sorted(value))
        except (OverflowError, TypeError):  # no 32-bit hash (a cache file can hold any int): kept as it is
            packed = frozenset(value)
        setattr(obj, self.attribute, packed)


@dataclass
class Analysis:
    result: CleanArticle | Rejection
    found: list[Found] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    claims: list[FigureClaim] = field(default_factory=list)
    # Of the normalised body, for near-duplicate detection. A set when read (a new one each time), packed when held.
    shingles: set[int] = PackedShingles()  # type: ignore[assignment]
    # Paragraph number -> the measures of its claims about the event, as the topic rules read them
    # (topics.event_measures), for every paragraph that may hold one: the rules then need not read it again.
    event_measures: dict[int, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Config:
    registry: Registry
    entity_registry: EntityRegistry
    max_bytes: int
    seconds: float = 60.0  # DOSSIER_CAPTURE_SECONDS: the time one capture's analysis may take

    def key(self) -> str:
        """Changes whenever the code, a registry or a setting that shapes an Analysis changes."""
        h = hashlib.sha256()
        for path in sorted(HERE.rglob("*.py")) + sorted(HERE.rglob("*.toml")):
            h.update(path.relative_to(HERE).as_posix().encode() + b"\0" + path.read_bytes())
        # Sets are sorted: their repr follows string hashing, which changes from process to process.
        entities = self.entity_registry
        shaping = (self.registry, entities.entities, entities.merge, sorted(entities.blocklist), self.max_bytes, self.seconds)
        h.update(repr(shaping).encode())
        return h.hexdigest()[:20]


def clean_capture(
    name: str, data: bytes, registry: Registry, max_bytes: int, unit: CaptureUnit | None = None
) -> CleanArticle | Rejection:
    """`unit`: what an archive said about a record taken out of it (see capture.read_capture)."""
    from ..clean import clean

    capture = read_capture(name, data, max_bytes, unit)
    if isinstance(capture, Rejection):
        return capture
    article = clean(capture, registry)
    article.encoding = capture.meta.get("encoding")
    article.repaired = bool(capture.meta.get("repaired"))
    article.captured_at, article.container = capture.captured_at, capture.container
    return article


RETRY_SECONDS = 0.5  # between a budget's alarms, once it is spent (time_budget)


class CaptureTimeout(Exception):
    """One capture's analysis went over its time budget."""


@contextmanager
def time_budget(seconds: float):
    """Raise CaptureTimeout in the block after `seconds` (a real-time timer; main thread only, where
    signals are delivered: the serial build and every worker process)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    active = True

    def expire(signum, frame):
        if active:
            raise CaptureTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    # Then again every RETRY_SECONDS until the block ends: raised where Python ignores an exception (in a gc
    # callback or a __del__) or where code catches every Exception, CaptureTimeout is raised again after it.
    signal.setitimer(signal.ITIMER_REAL, seconds, RETRY_SECONDS)
    try:
        yield
    finally:
        try:
            active = False
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def analyse(name: str, data: bytes, config: Config, unit: CaptureUnit | None = None) -> Analysis:
    """One capture, end to end. Never raises: an error in any stage rejects this capture alone,
    with a reason naming the stage and the error (DOSSIER_STRICT then fails the build)."""
    stage = "reading and cleaning"
    entity_extraction.nlp()  # loaded once per process, before the clock starts: no capture pays for it
    try:
        with time_budget(config.seconds):
            result = clean_capture(name, data, config.registry, config.max_bytes, unit)
            if isinstance(result, Rejection) or not result.paragraphs:
                return Analysis(result)
            stage = "finding names"
            found, candidates, sentences = entity_extraction.analyse_paragraphs(result.paragraphs, config.entity_registry)
            stage = "finding figures"
            claims = figure_extraction.find_claims(result.paragraphs, sentences)
            event_measures = paragraph_event_measures(result.paragraphs)
            stage = "comparing bodies"
            shingles = dedupe.shingles(dedupe.normalised_body(result))
            return Analysis(result, found, candidates, claims, shingles, event_measures)
    except CaptureTimeout:
        reason = f"over its time budget: still {stage} after {config.seconds:g} s (DOSSIER_CAPTURE_SECONDS)"
        return Analysis(Rejection(name, reason))
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except Exception as err:  # one bad capture never stops a build
        return Analysis(Rejection(name, f"failed while {stage}: {type(err).__name__}: {err}"[:500]))


def paragraph_event_measures(paragraphs: list[str]) -> dict[int, list[str]]:
    """topics.event_measures of each paragraph that may hold a claim of any measure, by paragraph number."""
    every = frozenset(figure_extraction.measures().names)
    return {
        n: sorted(topic_rules.event_measures(p))
        for n, p in enumerate(paragraphs, start=1)
        if topic_rules.may_hold_claims(p, every)
    }


def known_event_measures(analyses) -> dict[str, frozenset[str]]:
    """Paragraph text -> event measures, from the analyses (for topics.remember_event_measures)."""
    shared: dict[tuple[str, ...], frozenset[str]] = {}
    known: dict[str, frozenset[str]] = {}
    for analysis in analyses:
        if isinstance(analysis.result, CleanArticle) and analysis.event_measures:
            paragraphs = analysis.result.paragraphs
            for n, names in analysis.event_measures.items():
                if 1 <= n <= len(paragraphs):
                    known[paragraphs[n - 1]] = shared.setdefault(tuple(names), frozenset(names))
    return known


# --- the cache: data, checked when read --------------------------------------------------------

# Changes whenever the layout of a cache file changes (the Config key changes with the code anyway).
CACHE_FORMAT = 2


class CacheFileError(ValueError):
    """A cache file that is not what this build would have written: ignored, and the capture recomputed."""


def to_data(value):
    """A dataclass tree as JSON data: dataclasses as objects, sets as sorted lists, tuples as lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(to_data(v) for v in value)
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot store a {type(value).__name__} in the cache")


def from_data(tp, data):
    """`data` read back as type `tp`, checked all the way down: a wrong type, a missing or an unknown
    field raises CacheFileError. Only the types an Analysis is made of are known; nothing is imported
    or called by name, so a cache file can hold data and nothing else."""
    return reader(tp)(data)


def _check(ok: bool, problem: str) -> None:
    if not ok:
        raise CacheFileError(problem)


_PLAIN = (type(None), bool, str, int)


def _plain_kinds(tp) -> frozenset[type] | None:
    """The exact types a field of type `tp` may hold when it is plain (str, int, bool, None, or a union of
    them), so that it is checked in place; None for any other type."""
    options = get_args(tp) if get_origin(tp) in (Union, UnionType) else (tp,)
    kinds = frozenset(type(None) if option is type(None) else option for option in options)
    return kinds if all(kind in _PLAIN for kind in kinds) else None


@functools.cache
def reader(tp):
    """The function that reads data as type `tp` (see from_data), made once per type. A type it cannot
    read is a TypeError, loud, never a cache file ignored on every build."""
    origin, args = get_origin(tp), get_args(tp)
    if isinstance(tp, type) and is_dataclass(tp):
        init = [f for f in fields(tp) if f.init]
        known = {f.name for f in init}
        required = {f.name for f in init if f.default is MISSING and f.default_factory is MISSING}
        hints = get_type_hints(tp)
        # Plain fields are checked here, without a call (a cache file holds hundreds of thousands of them);
        # their problems read as their own readers' would.
        plain = {name: kinds for name in known if (kinds := _plain_kinds(hints[name])) is not None}
        problem = {
            name: (f"expected {hints[name].__name__}" if len(kinds) == 1 else f"not a {hints[name]}")
            for name, kinds in plain.items()
        }
        readers = {name: reader(hints[name]) for name in known if name not in plain}

        def read_dataclass(data):
            if type(data) is not dict:
                raise CacheFileError(f"expected a {tp.__name__} object")
            keys = data.keys()
            if not keys <= known:
                raise CacheFileError(f"unknown field in {tp.__name__}: {sorted(keys - known)[:1]}")
            if not required <= keys:
                raise CacheFileError(f"missing field in {tp.__name__}: {sorted(required - keys)[:1]}")
            values = {}
            for name, value in data.items():
                kinds = plain.get(name)
                if kinds is not None:
                    if type(value) not in kinds:
                        raise CacheFileError(f"{tp.__name__}.{name}: {problem[name]}")
                    values[name] = value
                    continue
                try:
                    values[name] = readers[name](value)
                except CacheFileError as err:
                    raise CacheFileError(f"{tp.__name__}.{name}: {err}") from None
            return tp(**values)

        return read_dataclass
    if origin in (Union, UnionType):
        options = [reader(option) for option in args]
        none_ok = type(None) in args

        def read_union(data):
            if data is None and none_ok:
                return None
            for read in options:
                try:
                    return read(data)
                except CacheFileError:
                    continue
            raise CacheFileError(f"not a {tp}")

        return read_union
    if tp is type(None) or tp in (bool, str, int):
        kind = type(None) if tp is type(None) else tp

        def read_plain(data):  # exactly that type: True is no int here
            if type(data) is not kind:
                raise CacheFileError(f"expected {kind.__name__}")
            return data

        return read_plain
    if tp is float:

        def read_float(data):
            _check(type(data) in (int, float), "expected a number")
            return float(data)

        return read_float
    if origin in (list, tuple, set, frozenset):
        item = args[0] if args else None
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            raise TypeError(f"{tp}: fixed-length tuples are not stored")
        if item in (int, str):  # shingles and names: thousands of items, checked in one pass

            def read_plain_items(data):
                if type(data) is not list or not all(type(v) is item for v in data):
                    raise CacheFileError(f"expected a list of {item.__name__}")
                return origin(data)

            return read_plain_items
        read_item = reader(item)

        def read_items(data):
            if type(data) is not list:
                raise CacheFileError("expected a list")
            return origin([read_item(v) for v in data])

        return read_items
    if origin is dict and args[0] in (int, str):
        key_type, read_value = args[0], reader(args[1])

        def read_dict(data):
            _check(type(data) is dict, "expected an object")
            if key_type is int:  # JSON keys are strings: line numbers are written "12"
                _check(all(k.isascii() and k.lstrip("-").isdigit() for k in data), "a key that is no integer")
                return {int(k): read_value(v) for k, v in data.items()}
            return {k: read_value(v) for k, v in data.items()}

        return read_dict
    raise TypeError(f"{tp} is not a type the cache stores")  # a new field's type: teach reader() to read it


def encode(analysis: Analysis, digest: str) -> bytes:
    """One cache file. A sentence is stored once however many mentions and claims quote it."""
    data = to_data(analysis)
    sentences: dict[str, int] = {}
    for key, items in (("sentence", data["found"]), ("text", data["claims"])):
        for item in items:
            item[key] = sentences.setdefault(item[key], len(sentences))
    payload = {"format": CACHE_FORMAT, "digest": digest, "sentences": list(sentences), "analysis": data}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def decode(raw: bytes, digest: str) -> Analysis:
    """The Analysis in a cache file, or CacheFileError when the file is not one this build wrote for `digest`."""
    try:
        payload = json.loads(raw)
    except (ValueError, RecursionError) as err:  # not JSON, not UTF-8, or nested too deep to read
        raise CacheFileError(f"not JSON: {err}") from None
    if not isinstance(payload, dict) or set(payload) != {"format", "digest", "sentences", "analysis"}:
        raise CacheFileError("not a cache file")
    if payload["format"] != CACHE_FORMAT or payload["digest"] != digest:
        raise CacheFileError("written for another format or another capture")
    sentences, data = payload["sentences"], payload["analysis"]
    if not isinstance(sentences, list) or not all(isinstance(s, str) for s in sentences) or not isinstance(data, dict):
        raise CacheFileError("not a cache file")
    for key, field_name in (("found", "sentence"), ("claims", "text")):
        items = data.get(key, [])
        if not isinstance(items, list):
            raise CacheFileError(f"analysis.{key}: expected a list")
        for item in items:
            index = item.get(field_name) if isinstance(item, dict) else None
            if type(index) is not int or not 0 <= index < len(sentences):
                raise CacheFileError(f"analysis.{key}: a sentence that is not in the file")
            item[field_name] = sentences[index]
    return from_data(Analysis, data)


class Cache:
    """One JSON file per capture, named by the capture's sha256 (with its name and what its archive said) in a
    folder named by the Config key. A file is data, checked field by field when read: a damaged, foreign or
    hostile one is ignored and the capture computed again, never trusted and never run."""

    def __init__(self, folder: Path | None, key: str):
        self.folder = folder / key if folder else None
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.discard_partial(self._writers_gone())

    def _writers_gone(self) -> set[int]:
        """Processes that were writing a cache file and are gone (a build killed with SIGKILL)."""
        assert self.folder is not None  # called only for a cache with a folder
        gone = set()
        for tmp in self.folder.glob("*.*.tmp"):
            pid = tmp.suffixes[-2][1:]
            if pid.isdigit() and not _running(int(pid)):
                gone.add(int(pid))
        return gone

    def _path(self, digest: str) -> Path | None:
        return self.folder / f"{digest}.json" if self.folder else None

    def get(self, digest: str) -> Analysis | None:
        path = self._path(digest)
        if path is None or not path.is_file():
            return None
        try:
            return decode(path.read_bytes(), digest)
        except (CacheFileError, OSError) as err:
            log.debug("Cache file %s ignored: %s", path.name, err)
            return None

    def put(self, digest: str, analysis: Analysis) -> None:
        if self.folder:
            self.put_bytes(digest, encode(analysis, digest))

    def put_bytes(self, digest: str, data: bytes) -> None:
        """Written to a file of its own, then renamed: a reader sees the whole file or none."""
        path = self._path(digest)
        if path is None:
            return
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        try:
            tmp.write_bytes(data)
            tmp.replace(path)
        except BaseException:  # an interrupted build leaves no partial file behind
            tmp.unlink(missing_ok=True)
            raise

    def discard_partial(self, pids) -> None:
        """Files that stopped worker processes were writing when they were stopped."""
        if self.folder:
            for pid in pids:
                for tmp in self.folder.glob(f"*.{pid}.tmp"):
                    tmp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


@contextmanager
def gc_paused():
    """Python's cycle collector off in the block, back as it was after. For blocks that make hundreds of
    thousands of objects that all live on and hold no cycles (a dossier's analyses, the search index): each
    full collection would walk every object made so far, a third of the time of such a block."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- worker processes ---------------------------------------------------------------------------

_WORKER_CONFIG: Config | None = None
_WORKER_CACHE: Cache | None = None
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def worker_count(setting: int) -> int:
    """DOSSIER_WORKERS as a number of processes: 0 means one per core."""
    return setting or os.cpu_count() or 1


def can_fork() -> bool:
    """Worker processes are forked (they inherit what the build has loaded); where fork is missing, work is serial."""
    return "fork" in multiprocessing.get_all_start_methods()


def die_with_parent(parent: int) -> None:
    """In a worker process, as it starts: Ctrl-C reaches the whole process group, so a worker ignores it
    and leaves stopping to the parent, which stops its workers; and on Linux the kernel sends a worker
    SIGTERM when the parent dies, even of SIGKILL, so no worker outlives a build."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def stop_workers(pool: ProcessPoolExecutor, cache: Cache | None = None) -> None:
    """Stop a pool's worker processes now (work in progress is lost), and remove what they were writing."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join(5)
    if cache is not None:
        cache.discard_partial(p.pid for p in processes)


def _work(job: tuple[CaptureUnit, str]) -> bytes:
    """In a worker: analyse one capture, write its cache file, and hand back the file's bytes."""
    unit, digest = job
    assert _WORKER_CONFIG is not None and _WORKER_CACHE is not None  # set by the pool's initializer
    data = encode(analyse(unit.name, unit.read(), _WORKER_CONFIG, unit), digest)
    _WORKER_CACHE.put_bytes(digest, data)
    return data


def digest(unit: CaptureUnit) -> str:
    """The cache's name for a unit's analysis: its name and bytes, and what its archive says about it."""
    h = hashlib.sha256(unit.name.encode("utf-8", "surrogateescape") + b"\0" + unit.read())
    if unit.path is None or unit.url or unit.captured_at:
        h.update(repr((unit.container, unit.captured_at, unit.url, unit.format, unit.charset)).encode())
    return h.hexdigest()


def _start_worker(parent: int) -> None:
    """A worker's start: it stops with the build (die_with_parent) and builds the spaCy pipeline and the
    registry's matchers once, before its first capture (and outside that capture's time budget)."""
    die_with_parent(parent)
    gc.enable()  # forked where the parent had paused it (analyse_all): spaCy's objects do hold cycles
    assert _WORKER_CONFIG is not None  # set before the pool forks
    entity_extraction.matcher_for(_WORKER_CONFIG.entity_registry)


def analyse_all(units: list[CaptureUnit], config: Config, cache: Cache, workers: int, progress=None) -> dict[str, Analysis]:
    """Analyses by capture name. Cached ones are loaded; the rest are computed, in parallel when worth it.

    In parallel, each worker loads spaCy for itself (_start_worker), at the same time as the others: this
    process does not, so it does not carry spaCy's modules and pipeline (~85 MB, never unloaded) to the end
    of the build, through the peak of its memory use."""
    results: dict[str, Analysis] = {}
    todo: list[tuple[CaptureUnit, str]] = []
    with gc_paused():  # reading the cache makes every object of every analysis
        for unit in units:
            key = digest(unit)
            cached = cache.get(key)
            if cached is not None:
                results[unit.name] = cached
            else:
                todo.append((unit, key))
    workers = worker_count(workers)
    if workers > 1 and len(todo) >= POOL_THRESHOLD and can_fork():
        with gc_paused():  # the workers turn it on again (_start_worker)
            _analyse_in_workers(todo, config, cache, workers, results, progress)
    else:
        for unit, key in todo:
            analysis = analyse(unit.name, unit.read(), config, unit)
            results[unit.name] = analysis
            cache.put(key, analysis)
            if progress:
                progress()
    topic_rules.remember_event_measures(known_event_measures(results.values()))
    return results


def _analyse_in_workers(
    todo: list[tuple[CaptureUnit, str]], config: Config, cache: Cache, workers: int, results: dict[str, Analysis], progress
) -> None:
    """The uncached captures, analysed in forked worker processes; their analyses go into `results`."""
    global _WORKER_CONFIG, _WORKER_CACHE
    _WORKER_CONFIG, _WORKER_CACHE = config, cache
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    try:
        computed = pool.map(_work, todo, chunksize=8)
        for (unit, key), data in zip(todo, computed, strict=True):
            # Read back as the cache would: a parallel build is the same as a cached one.
            results[unit.name] = decode(data, key)
            if progress:
                progress()
    except BaseException:  # Ctrl-C, SIGTERM (pelican_edges makes it an exception) or an error
        stop_workers(pool, cache)
        raise
    pool.shutdown()
