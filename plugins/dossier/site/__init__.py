"""Site: the Dossier -> what readers get: article HTML and its cross-links, view models and charts
for the pages, JSON-LD and sitemap, feeds, the export (dossier.json, CSV) and the search index.
"""
