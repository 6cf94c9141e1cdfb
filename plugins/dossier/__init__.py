"""Crocus dossier plugin. The pipeline, in the order data flows through it:

read.py, html_capture.py   raw bytes -> decoded lines (text or saved HTML)
clean.py, rules.py         lines -> CleanArticle + log of removed lines
  dates.py, outlets.py     metadata helpers and the outlet registry (outlets.toml)
editorial.py, dedupe.py    editor overrides; duplicates
pipeline.py                the whole folder -> Dossier
render.py                  article body HTML
export.py                  dossier.json
pelican_edges.py           the only module that knows Pelican
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
