"""Extract: cleaned articles -> names, figures, topics, duplicates, and the editor's corrections.

In: CleanArticle paragraphs; out: Found mentions, FigureClaim and Figure, TopicCoverage, Duplicate,
and the overrides of the editor files (checked on load by editor_files).
"""
