"""Build: a folder of captures -> the Dossier (articles, duplicates, rejections, names, figures, topics).

analyse.py does the per-capture work (read, clean, find names and figures), cached and spread over
the cores; pipeline.py puts the captures together: duplicates, editorial overrides, slugs, and what
is resolved across articles.
"""
