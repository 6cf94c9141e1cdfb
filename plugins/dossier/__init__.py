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
model.py     the plain data types (a draft CleanArticle from cleaning, a complete Article after the build);
             settings.py every setting and its default; urls.py the one URL scheme of every page;
             outlets.py and lang.py the registries over data/
pelican_edges.py   the only module that knows Pelican: the reader, the generator, the signal handlers, and
             the one BuildState a build keeps
"""

from pelican import signals

from .pelican_edges import add_archive_articles, add_reader, configure, start_build, write_outputs


def register() -> None:
    signals.initialized.connect(configure)
    signals.get_generators.connect(start_build)
    signals.readers_init.connect(add_reader)
    signals.article_generator_pretaxonomy.connect(add_archive_articles)
    signals.finalized.connect(write_outputs)
