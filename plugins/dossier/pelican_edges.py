"""Where Pelican is touched: the capture reader and the dossier generator.

The dossier is computed once per build from the whole captures folder (duplicates
need the whole picture); the reader then hands Pelican each capture's article, or
a 'skip' for duplicates and rejections, which are reported instead.

What the plugin keeps during a build lives in one BuildState, held in the build's settings (Pelican
hands the same settings to every signal, reader and generator), made anew as each build starts: so
`pelican --autoreload` sees changed captures, and two builds in one process share nothing.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import signal
import sys
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any, ClassVar

from pelican.contents import Article
from pelican.generators import Generator
from pelican.readers import BaseReader, HTMLReader, default_metadata
from pelican.urlwrappers import Category, Tag
from pelican.utils import file_suffix, order_content

from . import settings as conf
from .build import pipeline
from .build.analyse import can_fork, worker_count
from .build.background import Background
from .capture.folder import capture_name
from .capture.raw import copy_sha256, raw_copy
from .extract import editor_files
from .outlets import load_registry
from .site import export, index, pages, render, structured
from .urls import UrlScheme, to_root

log = logging.getLogger(__name__)

Handler = Callable[[int, FrameType | None], Any] | int | None


@dataclass
class BuildState:
    """Everything the plugin keeps during one build."""

    urls: UrlScheme
    dossier: pipeline.Dossier | None = None  # computed on first use, shared by every reader call
    edits: editor_files.EditorFiles | None = None  # the editor's files, read and checked as the build starts
    other_readers: dict[str, type] = field(default_factory=dict)  # the reader Pelican would use, by extension
    search: Background[list[str]] | None = None  # the search files, written beside the page writing
    replaced_handlers: dict[int, Handler] = field(default_factory=dict)  # put back when the build ends

    def __reduce__(self):
        # Pelican's content cache (CACHE_CONTENT) pickles each article's settings, where this lives: the next
        # build makes its own state, so only the URL scheme goes in, never the dossier or a running process.
        return (BuildState, (self.urls,))


# The build's settings key for its BuildState (not a setting: the plugin puts it there as a build starts).
STATE_KEY = "DOSSIER_BUILD_STATE"


def state_of(settings: dict) -> BuildState:
    """The current build's state; made here for a reader used outside a build (`make inspect`)."""
    if STATE_KEY not in settings:
        settings[STATE_KEY] = BuildState(UrlScheme.from_settings(settings))
    return settings[STATE_KEY]


def captures_dir(settings: dict) -> Path:
    return Path(settings["PATH"]) / conf.get(settings, "DOSSIER_CAPTURES")


@contextmanager
def progress_bar(settings: dict, total: int):
    """A rich progress bar for long builds on a terminal; silent in CI and when output is not a terminal."""
    quiet = not conf.get(settings, "DOSSIER_PROGRESS") or os.environ.get("CI") or not sys.stderr.isatty() or total < 50
    if quiet:
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("Analysing captures", total=total)
        yield lambda: bar.advance(task)


def dossier_for(settings: dict) -> pipeline.Dossier:
    """The whole dossier, computed on first use in each build and shared by every reader call."""
    state = state_of(settings)
    if state.dossier is None:
        if state.edits is None:  # a reader used outside a build (`make inspect`)
            state.edits = editor_files.load_for_settings(settings)
        state.dossier = compute_dossier(settings, state.urls, state.edits)
        # The dossier lives until the build ends and holds no cycles to collect: frozen, the cycle collector
        # stops walking its millions of objects on every collection while pages are written (end_build thaws it).
        gc.collect()
        gc.freeze()
    return state.dossier


def compute_dossier(settings: dict, urls: UrlScheme, edits: editor_files.EditorFiles) -> pipeline.Dossier:
    folder = captures_dir(settings)
    registry = load_registry(conf.get(settings, "DOSSIER_OUTLETS_FILE"), conf.get(settings, "DOSSIER_AGENCIES_FILE"))
    cache_dir = conf.get(settings, "DOSSIER_CACHE_DIR")
    found = pipeline.capture_units(folder)
    with progress_bar(settings, len(found.units)) as advance:
        dossier = pipeline.build(
            folder,
            registry,
            conf.get(settings, "DOSSIER_MAX_BYTES"),
            edits.overrides,
            edits.entities,
            edits.topics,
            cache_dir=Path(cache_dir) if cache_dir else None,
            workers=conf.get(settings, "DOSSIER_WORKERS"),
            progress=advance,
            urls=urls,
            found=found,
            capture_seconds=conf.get(settings, "DOSSIER_CAPTURE_SECONDS"),
        )
    for r in dossier.rejected:
        log.warning("Rejected capture %s: %s", r.capture, r.reason)
    for d in dossier.duplicates:
        log.info("Duplicate capture %s of %s (%s)", d.capture, d.duplicate_of, d.reason)
    if dossier.archive_records:
        log.info("Records in archive files that are not pages: %s", records_summary(dossier.archive_records))
    return dossier


def records_summary(records) -> str:
    """'12 (5 request record, 2 picture, 1 redirect, ...)': most common first."""
    kinds = sorted(records.items(), key=lambda kv: (-kv[1], kv[0]))
    return f"{sum(records.values())} (" + ", ".join(f"{n} {kind}" for kind, n in kinds) + ")"


class CaptureReader(BaseReader):
    """Reads every file under the captures folder that Pelican hands a reader, whatever its extension:
    the captures it knows become their articles, and anything else (a note in Markdown or reST, a hidden
    file, a file in a stray folder) is skipped, never published by Pelican's own reader; the build reports
    it (capture/folder.py). Files elsewhere go to the reader Pelican would have used (.html: its HTML reader).
    Captures Pelican never hands a reader (records of a WARC, MHTML, PDF, a page without an extension)
    are added by `add_archive_articles`."""

    enabled = True
    file_extensions: ClassVar[list[str]] = ["txt", "html", "htm"]

    def read(self, source_path):
        # Paths as Pelican walked them, links not followed: a capture reached again through a link to its
        # folder ("loop/up/x.txt") is no capture's name, so it is skipped, never published a second time.
        folder = os.path.abspath(captures_dir(self.settings))
        path = os.path.abspath(source_path)
        if os.path.commonpath([folder, path]) != folder:
            ext = file_suffix(source_path)
            other = state_of(self.settings).other_readers.get(ext)
            if other is None and ext.lower() in {"html", "htm"}:
                other = HTMLReader
            if other is not None:
                return other(self.settings).read(source_path)
            return "", {"status": self.process_metadata("status", "skip")}
        return self.read_capture(capture_name(Path(os.path.relpath(path, folder)).as_posix()))

    def read_capture(self, name: str):
        """The page body and metadata of the capture with this name (its path in the captures folder)."""
        dossier = dossier_for(self.settings)
        urls = state_of(self.settings).urls
        article = dossier.by_capture.get(name)
        if article is None:
            return "", {"status": self.process_metadata("status", "skip"), "title": name}
        meta = {
            "title": article.title,
            # Pelican needs a date to sort by; an unknown one sorts last, and templates say "date unknown".
            "date": self.process_metadata("date", article.date or "1970-01-01"),
            "category": self.named(Category, article.source, article.source_slug),
            "slug": article.slug,
            "dossier": article,
            "citation": pages.citation(
                article, conf.get(self.settings, "DOSSIER_TITLE"), conf.get(self.settings, "DOSSIER_SITEURL")
            ),
            "raw_url": urls.raw_url(dossier.raw_paths[article.capture]),
            # Shown beside the capture's own when the copy is not the capture byte for byte (MHTML, PDF).
            "raw_sha256": copy_sha256(
                dossier.units_by_name[article.capture], article.container, conf.get(self.settings, "DOSSIER_MAX_BYTES")
            ),
        }
        if article.captured_at:
            when = datetime.fromisoformat(article.captured_at.replace("Z", "+00:00"))
            meta["captured_on"] = when.strftime(self.settings.get("DEFAULT_DATE_FORMAT", "%Y-%m-%d"))
        site_url = conf.get(self.settings, "DOSSIER_SITEURL")
        if site_url:
            ids = {m.entity for m in dossier.mentions_by_article.get(article.slug, [])}
            mentioned = [dossier.entities_by_id[i] for i in sorted(ids)]  # the order of dossier.entities: by id
            meta["jsonld"] = structured.script_safe(structured.article(article, mentioned, site_url, urls))
        if article.topics:
            slugs = dossier.topic_slugs
            meta["tags"] = [self.named(Tag, name, slugs.get(name)) for name in article.topics]
        if article.lede:
            meta["summary"] = article.lede
        return render.body_html(article, pages.article_links(dossier, article.slug, to_root(article.url))), meta

    def named(self, kind, name: str, slug: str | None):
        """A source (Category) or topic (Tag) whose page path is the dossier's slug: distinct for names Pelican
        would slug alike ("Fontanka" and "FONTANKA" would share one page), never empty, never "index"."""
        wrapper = kind(name, self.settings)
        wrapper.name = name  # as the dossier has it (Tag strips spaces): the key of its view
        if slug:
            wrapper.slug = slug
        return wrapper


def add_archive_articles(generator) -> None:
    """Articles whose capture is no file Pelican reads: a record of a WARC or WACZ, an MHTML or PDF
    file, a saved page without an extension. Added before Pelican groups articles by source and topic."""
    present = {a.dossier.capture for a in generator.articles if hasattr(a, "dossier")}
    missing = [a.capture for a in dossier_for(generator.settings).articles if a.capture not in present]
    if not missing:
        return
    reader = CaptureReader(generator.settings)
    folder = captures_dir(generator.settings)
    for name in missing:
        content, meta = reader.read_capture(name)
        metadata = default_metadata(settings=generator.settings, process=reader.process_metadata)
        metadata.update(meta, reader="capture")
        article = Article(
            content, metadata, settings=generator.settings, source_path=str(folder / name), context=generator.context
        )
        if article.is_valid():
            generator.articles.append(article)
            generator.add_source_path(article)
    generator.articles = order_content(generator.articles, generator.settings["ARTICLE_ORDER_BY"])


def configure(pelican) -> None:
    """Pelican hands the reader only files under ARTICLE_PATHS, so the captures folder must be one of them;
    and the templates get the URL scheme as the Jinja global `urls`, before any generator makes its
    template environment."""
    settings = pelican.settings
    folder = conf.get(settings, "DOSSIER_CAPTURES")
    if folder not in settings.get("ARTICLE_PATHS", []):
        settings["ARTICLE_PATHS"] = [*settings.get("ARTICLE_PATHS", []), folder]
    urls = UrlScheme.from_settings(settings)
    urls.check()
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), "urls": urls}


def add_reader(readers) -> None:
    """CaptureReader stands in for every reader (see its docstring), and remembers which it stands in for."""
    state_of(readers.settings).other_readers = {
        ext: cls for ext, cls in readers.reader_classes.items() if cls is not None and not issubclass(cls, CaptureReader)
    }
    for ext in [*readers.reader_classes, *CaptureReader.file_extensions]:
        readers.reader_classes[ext] = CaptureReader


def write_outputs(pelican) -> None:
    """After all pages are written: the export, raw capture copies and browser assets."""
    try:
        _write_outputs(pelican)
    finally:
        end_build(state_of(pelican.settings))


def end_build(state: BuildState) -> None:
    """Python's own signal handlers back, no search process left running, and the dossier let go: Pelican
    copies its settings (this state in them) into the next build's context, which must not keep it alive."""
    restore_signals(state)
    if state.search is not None:
        state.search.stop()
        state.search = None
    state.dossier = None
    gc.unfreeze()


def _write_outputs(pelican) -> None:
    settings = pelican.settings
    state = state_of(settings)
    output = Path(pelican.output_path)
    dossier = dossier_for(settings)
    if conf.get(settings, "DOSSIER_STRICT") and dossier.rejected:
        names = ", ".join(f"{r.capture} ({r.reason})" for r in dossier.rejected)
        raise SystemExit(f"DOSSIER_STRICT: {len(dossier.rejected)} capture(s) rejected: {names}")
    title, description = conf.get(settings, "DOSSIER_TITLE"), conf.get(settings, "DOSSIER_DESCRIPTION")
    export.write_dossier_json(output / "dossier.json", dossier, title, description)
    if state.search is not None:
        state.search.result()  # the search files, written by the process that made them
        state.search = None
    else:
        write_search_files(dossier, output)
    write_files(output, export.csv_files(dossier))
    lunr_js = Path(conf.get(settings, "DOSSIER_LUNR_JS"))
    if not lunr_js.is_file():
        raise SystemExit(f"lunr.js not found at {lunr_js}: run `npm ci` (make build does) or set DOSSIER_LUNR_JS")
    shutil.copyfile(lunr_js, output / "search" / "lunr.min.js")
    (output / "search" / "lunr.ru.js").write_text(index.russian_js(lunr_js), encoding="utf-8")
    site_url = conf.get(settings, "DOSSIER_SITEURL")
    if site_url:
        dates = {a.url: a.date for a in dossier.articles}
        html = [p.relative_to(output).as_posix() for p in output.rglob("*.html") if p.name not in {"404.html", "review.html"}]
        (output / "sitemap.xml").write_text(structured.sitemap(site_url, [(p, dates.get(p)) for p in html]), encoding="utf-8")
        (output / "robots.txt").write_text(structured.robots(site_url), encoding="utf-8")
        (output / ".nojekyll").write_text("", encoding="utf-8")
    raw_dir = output / state.urls.raw_dir
    raw_dir.mkdir(parents=True, exist_ok=True)
    # Raw copies end in .txt, so a browser shows a saved page as text and never runs it; binaries and
    # captures over the size limit are not published (capture/raw.py).
    max_bytes = conf.get(settings, "DOSSIER_MAX_BYTES")
    paths = dossier.raw_paths
    for unit in dossier.units:
        copy = raw_copy(unit, max_bytes)
        if copy is not None:
            target = raw_dir / paths[unit.name]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(copy)


class DossierGenerator(Generator):
    """Writes the dossier's own pages: the about page with its build report, and search."""

    def generate_context(self) -> None:
        dossier = dossier_for(self.settings)
        registry = load_registry(
            conf.get(self.settings, "DOSSIER_OUTLETS_FILE"), conf.get(self.settings, "DOSSIER_AGENCIES_FILE")
        )
        self.context["dossier"] = dossier
        self.context["source_views"] = pages.source_views(dossier, {o.name: list(o.domains) for o in registry.outlets})
        self.context["topic_views"] = pages.topic_views(dossier, conf.get(self.settings, "DOSSIER_TOPIC_ARTICLES"))
        key = conf.get(self.settings, "DOSSIER_KEY_FIGURES")
        self.context["home"] = pages.home_view(dossier, tuple(key) if key else None)
        self.context["figure_urls"] = dossier.figure_urls
        start_search_index(self.settings, state_of(self.settings), dossier, Path(self.output_path))
        site_url = conf.get(self.settings, "DOSSIER_SITEURL")
        dates = [a.date for a in dossier.articles if a.date]
        title, description = conf.get(self.settings, "DOSSIER_TITLE"), conf.get(self.settings, "DOSSIER_DESCRIPTION")
        self.context["dataset_jsonld"] = (
            structured.script_safe(structured.dataset(title, description, site_url, dates)) if site_url else ""
        )

    def generate_output(self, writer) -> None:
        dossier = self.context["dossier"]
        report = pages.build_report(dossier, records_summary(dossier.archive_records) if dossier.archive_records else "")
        site_url = conf.get(self.settings, "DOSSIER_SITEURL")
        for name in ("about", "search"):
            writer.write_file(f"{name}.html", self.get_template(name), self.context, relative_urls=True, report=report)
        if conf.get(self.settings, "DOSSIER_REVIEW_PAGE"):
            # The editor's page: no page links to it, and the sitemap leaves it out.
            review = pages.template_fields(pages.review_view(dossier))
            writer.write_file("review.html", self.get_template("review"), self.context, relative_urls=True, **review)
        if site_url:
            # Served at any depth under the site, so its links are absolute (SITEURL), not relative.
            writer.write_file("404.html", self.get_template("404"), self.context, relative_urls=False)
        urls = dossier.urls
        entity_pages = pages.entity_pages(dossier)
        by_type = {label: [p for p in entity_pages if p.type_label == label] for label in pages.TYPE_LABELS.values()}
        writer.write_file(
            urls.entities,
            self.get_template("entities"),
            self.context,
            relative_urls=True,
            by_type=by_type,
            **pages.template_fields(pages.cooccurrence(dossier)),
        )
        for page in entity_pages:
            jsonld = structured.script_safe(structured.entity(page.entity, site_url, urls)) if site_url else ""
            writer.write_file(
                urls.entity_url(page.entity.id),
                self.get_template("entity"),
                self.context,
                relative_urls=True,
                jsonld=jsonld,
                **pages.template_fields(page),
            )
        views = [pages.figure_page(dossier, f) for f in dossier.figures]
        writer.write_file(urls.figures, self.get_template("figures"), self.context, relative_urls=True, figure_list=views)
        article_urls = {a.slug: a.url for a in dossier.articles}
        for view in views:
            jsonld = structured.script_safe(structured.figure(view.figure, site_url, urls, article_urls)) if site_url else ""
            writer.write_file(
                view.url,
                self.get_template("figure"),
                self.context,
                relative_urls=True,
                jsonld=jsonld,
                **pages.template_fields(view),
            )


def start_search_index(settings: dict, state: BuildState, dossier: pipeline.Dossier, output: Path) -> None:
    """The search index is built, and its files written, in a second process while Pelican writes pages (both
    cores busy): its ~50 MB of text at 5000 captures never comes back to the build's process."""
    if worker_count(conf.get(settings, "DOSSIER_WORKERS")) < 2 or not can_fork() or len(dossier.articles) < 50:
        return  # small or single-core builds index inline, in write_outputs
    state.search = Background(partial(write_search_files, dossier, output))


def write_search_files(dossier: pipeline.Dossier, output: Path) -> list[str]:
    files = index.search_files(dossier)
    write_files(output, files)
    return sorted(files)


def write_files(output: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(text, encoding="utf-8", newline="")


def start_build(pelican):
    """A new build starts: a new BuildState (the dossier is computed again), and the editor's files checked.
    A build that failed before its end (autoreload goes on after one) leaves its state: it is ended here."""
    previous = pelican.settings.get(STATE_KEY)
    if previous is not None:
        end_build(previous)
    pelican.settings[STATE_KEY] = state = BuildState(UrlScheme.from_settings(pelican.settings))
    state.edits = check_editor_files(pelican.settings)
    stop_on_signals(state)  # until write_outputs ends the build
    return DossierGenerator


# --- Ctrl-C and SIGTERM -------------------------------------------------------------------------


class BuildStopped(SystemExit):
    """Raised when SIGINT (Ctrl-C) or SIGTERM arrives during a build. Pelican's command catches
    KeyboardInterrupt and exits 0, leaving half a site that looks whole; SystemExit goes through, so a
    stopped build exits 128 + the signal's number (130, 143), as a shell expects of a stopped program.
    The worker processes are stopped on the way out (analyse.analyse_all, _stop_build)."""


def stop_on_signals(state: BuildState) -> None:
    if threading.current_thread() is not threading.main_thread():
        return  # only the main thread can set handlers; a build in a thread keeps Python's own
    for signum in (signal.SIGINT, signal.SIGTERM):
        previous = signal.signal(signum, partial(_stop_build, state))
        state.replaced_handlers.setdefault(signum, previous)


def restore_signals(state: BuildState) -> None:
    for signum, handler in state.replaced_handlers.items():
        signal.signal(signum, handler)
    state.replaced_handlers.clear()


def _stop_build(state: BuildState, signum: int, frame: FrameType | None) -> None:
    # Once is enough: a second Ctrl-C must not cut short the stopping of the workers.
    for s in (signal.SIGINT, signal.SIGTERM):
        signal.signal(s, signal.SIG_IGN)
    if state.search is not None:
        state.search.stop()
    log.error("Build stopped by %s: the output folder holds an incomplete site", signal.Signals(signum).name)
    raise BuildStopped(128 + signum)


def check_editor_files(settings: dict) -> editor_files.EditorFiles:
    """The editor's files, read once for the build. A broken one stops the build here, before any capture is
    read, with one line per problem (raised from a reader, it would be logged once per capture and the build
    would go on)."""
    try:
        return editor_files.load_for_settings(settings)
    except editor_files.EditorFileError as e:
        raise SystemExit(f"Build stopped: {e}") from None
