"""Index: the search files, built with lunr.py at build time and queried by lunr.js in the browser.

Everything is a classic script that hands its data to a global, because fetch, XHR, modules and
workers all fail from file:// in Chromium. The layout scales by splitting:

    search/docs.js      the document store: title, source, date, url, topics, entities, lede
    search/main.js      a lunr index of title, lede, entities, figures, source, topics and date
    search/t-<kk>.js    body text, split by the first two characters of each word: a query loads
                        only the shards of its own words
    search/x-<n>.js     body text for snippets, a few articles per file, loaded for shown results

The JSON is escaped so that no title (not even one containing </script>) can break out.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from lunr import lunr
from lunr.tokenizer import Tokenizer

from .pipeline import Dossier

MAIN_FIELDS = [
    {"field_name": "title", "boost": 10},
    {"field_name": "entities", "boost": 5},
    {"field_name": "lede", "boost": 2},
    "figures",
    "source",
    "topics",
    "date",
]
_TRIM = re.compile(r"^\W+|\W+$", re.ASCII)


def shard_key(token: str) -> str:
    """The same function as shardKey() in theme/static/js/search.js."""
    t = _TRIM.sub("", token.lower())
    head = t[:2]
    if re.fullmatch(r"[a-z0-9]{2}", head):
        return head
    if re.fullmatch(r"[a-z0-9]", t[:1]):
        return t[:1] + "_"
    return "__"


def js_literal(data) -> str:
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _call(function: str, *args) -> str:
    return f"{function}({','.join(js_literal(a) for a in args)});\n"


def _index(fields: list, documents: list[dict]) -> dict:
    """A serialised lunr index; lunr.py cannot build one over no documents, so that one is written out."""
    if not documents:
        names = [f["field_name"] if isinstance(f, dict) else f for f in fields]
        return {"version": "2.3.9", "fields": names, "fieldVectors": [], "invertedIndex": [], "pipeline": ["stemmer"]}
    return lunr(ref="id", fields=fields, documents=documents).serialize()


def _body(article) -> str:
    return "\n".join(article.paragraphs)


def search_files(dossier: Dossier, text_shard_size: int = 20) -> dict[str, str]:
    names = {e.id: e.name for e in dossier.entities}
    mentions = dossier.mentions_by_article()
    claims = dossier.claims_by_article()
    docs = []
    main_docs = []
    for n, a in enumerate(dossier.articles):
        entity_names = sorted({names[m.entity] for m in mentions.get(a.slug, [])})
        figures = " ".join(sorted({f"{c.value} {c.measure}" for c in claims.get(a.slug, []) if c.value is not None}))
        docs.append(
            {
                "id": a.slug,
                "t": a.title,
                "s": a.source,
                "d": a.date,
                "u": a.url,
                "tp": sorted(a.topics),
                "e": entity_names,
                "l": (a.lede or (a.paragraphs[0] if a.paragraphs else ""))[:400],
                "x": n // text_shard_size,
            }
        )
        main_docs.append(
            {
                "id": a.slug,
                "title": a.title,
                "lede": a.lede or "",
                "entities": " ".join(entity_names),
                "figures": figures,
                "source": a.source,
                "topics": " ".join(a.topics),
                "date": a.date,
            }
        )
    files: dict[str, str] = {}
    main = _index(MAIN_FIELDS, main_docs)
    by_key: dict[str, list[dict]] = defaultdict(list)
    for a in dossier.articles:
        words: dict[str, list[str]] = defaultdict(list)
        for token in Tokenizer(_body(a)):
            words[shard_key(str(token))].append(str(token))
        for key, tokens in words.items():
            by_key[key].append({"id": a.slug, "body": " ".join(tokens)})
    keys = sorted(by_key)
    for key in keys:
        files[f"search/t-{key}.js"] = _call("DOSSIER_SEARCH_SHARD", key, _index(["body"], by_key[key]))
    texts: dict[int, dict[str, str]] = defaultdict(dict)
    for doc, a in zip(docs, dossier.articles, strict=True):
        texts[doc["x"]][a.slug] = _body(a)
    for n, chunk in sorted(texts.items()):
        files[f"search/x-{n}.js"] = _call("DOSSIER_SEARCH_TEXT", n, chunk)
    files["search/docs.js"] = (
        "window.DOSSIER_SEARCH_DOCS = "
        + js_literal({"docs": docs, "shards": keys, "entities": [[e.id, e.name] for e in dossier.entities]})
        + ";\n"
    )
    files["search/main.js"] = "window.DOSSIER_SEARCH_MAIN = " + js_literal(main) + ";\n"
    return files
