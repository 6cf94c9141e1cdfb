"""Crocus dossier plugin. Its folders are its pipeline, in the order data flows through it:

capture/     raw bytes -> a decoded Capture of hinted lines: one module per format (text, HTML, SingleFile,
             MHTML, WARC, WACZ, Wayback, PDF) and the registry that chooses among them
clean/       a Capture -> a draft CleanArticle and the log of every removed line: passes, rules, dates,
             the pasted-page line classifier
extract/     articles -> names (entities, across scripts), figures, topics, duplicates; the editor's files
build/       a folder of captures -> the Dossier: per-capture analysis (cached, parallel) and what is
             resolved across articles
site/        the Dossier -> article HTML and links, page view models and charts, JSON-LD, feeds, the export
             and the search index
data/        outlets, agencies, figure measures, places, and one language pack per language
model.py     the plain data types; settings.py every setting and its default; outlets.py and lang.py
             the registries over data/
pelican_edges.py   the only module that knows Pelican: the reader, the generator, the signal handlers
"""

from pelican import signals

from .pelican_edges import (
    add_archive_articles,
    add_generator,
    add_reader,
    ensure_article_path,
    remember_page_urls,
    write_outputs,
)


def register() -> None:
    signals.initialized.connect(ensure_article_path)
    signals.readers_init.connect(add_reader)
    signals.get_generators.connect(add_generator)
    signals.article_generator_pretaxonomy.connect(add_archive_articles)
    signals.article_generator_finalized.connect(remember_page_urls)
    signals.finalized.connect(write_outputs)
