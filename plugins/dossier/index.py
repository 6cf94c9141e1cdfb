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
from contextlib import contextmanager

from lunr import lunr
from lunr.builder import Builder
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token
from lunr.tokenizer import SEPARATOR_CHARS
from lunr.trimmer import trimmer

from .pipeline import Dossier

# The main index, loaded on first use: short fields only. Lede and body live in the term shards.
MAIN_FIELDS = [
    {"field_name": "title", "boost": 10},
    {"field_name": "entities", "boost": 5},
    "source",
    "topics",
    "date",
]
SHARD_FIELDS = [{"field_name": "lede", "boost": 2}, "body"]
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
    """A JavaScript expression for `data`: JSON.parse of a single-quoted string, which V8 reads many times
    faster than the same data written as an object literal (and JSON's double quotes need no escaping).
    No "<", ">" or "&" appears, so nothing can close a script."""
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return "JSON.parse('" + text.replace("\\", "\\\\").replace("'", "\\'") + "')"


def _call(function: str, *args) -> str:
    return f"{function}({','.join(js_literal(a) for a in args)});\n"


_SPLIT = re.compile("[" + re.escape(SEPARATOR_CHARS) + "]+")


class Terms:
    """lunr.py's indexing pipeline (trimmer, stop words, stemmer), run once per distinct word.

    lunr.py runs it on every token, and tokenises character by character; a dossier repeats
    its words thousands of times. The output is the same: tests/test_search_index.py checks it
    against lunr.py's own pipeline.
    """

    def __init__(self):
        self.memo: dict[str, str] = {}
        self.keys: dict[str, str] = {}

    def key(self, word: str) -> str:
        if word not in self.keys:
            self.keys[word] = shard_key(word)
        return self.keys[word]

    def term(self, word: str) -> str:
        if word not in self.memo:
            token = Token(word, {})
            for fn in (trimmer, stop_word_filter, stemmer):
                token = fn(token, 0, [token]) if token else None
            self.memo[word] = str(token) if token else ""
        return self.memo[word]

    def __call__(self, text: str) -> list[str]:
        return [t for w in _SPLIT.split(text.lower()) if w and (t := self.term(w))]


@contextmanager
def _list_tokenizer():
    """lunr.py's builder deep-copies empty metadata for every token of a pre-split field; ours
    makes the same tokens without the copies. Scoped to our own index builds."""
    import lunr.builder

    original = lunr.builder.Tokenizer

    def tokenize(obj, metadata=None, separator=None):
        if isinstance(obj, list):
            return [Token(t, {}) for t in obj]
        return original(obj, metadata, separator)

    lunr.builder.Tokenizer = tokenize
    try:
        yield
    finally:
        lunr.builder.Tokenizer = original


def _index(fields: list, documents: list[dict]) -> dict:
    """A serialised lunr index of documents whose field values are already lists of terms.

    lunr.py cannot build an index over no documents, so that one is written out."""
    names = [f["field_name"] if isinstance(f, dict) else f for f in fields]
    if not documents:
        return {"version": "2.3.9", "fields": names, "fieldVectors": [], "invertedIndex": [], "pipeline": ["stemmer"]}
    builder = Builder()
    builder.search_pipeline.add(stemmer)  # the index's query pipeline, as lunr() sets it; terms come processed
    with _list_tokenizer():
        return lunr(ref="id", fields=fields, documents=documents, builder=builder).serialize()


def _body(article) -> str:
    return "\n".join(article.paragraphs)


def search_files(dossier: Dossier, text_shard_size: int = 5) -> dict[str, str]:
    names = {e.id: e.name for e in dossier.entities}
    mentions = dossier.mentions_by_article
    entity_number = {e.id: i for i, e in enumerate(dossier.entities)}
    docs = []
    main_docs = []
    # Documents are referred to by their number: a slug repeated in every posting would triple the index.
    for n, a in enumerate(dossier.articles):
        ids = sorted({m.entity for m in mentions.get(a.slug, [])})
        docs.append(
            {
                "t": a.title,
                "s": a.source,
                "d": a.date,
                "u": a.url,
                "tp": sorted(a.topics),
                "e": [entity_number[e] for e in ids],
                "l": (a.lede or (a.paragraphs[0] if a.paragraphs else ""))[:160],
                "x": n // text_shard_size,
            }
        )
        main_docs.append(
            {
                "id": str(n),
                "title": a.title,
                "entities": " ".join(names[e] for e in ids),
                "source": a.source,
                "topics": " ".join(a.topics),
                "date": a.date or "",
            }
        )
    files: dict[str, str] = {}
    terms = Terms()
    main = _index(MAIN_FIELDS, [{k: (v if k == "id" else terms(v)) for k, v in d.items()} for d in main_docs])
    by_key: dict[str, list[dict]] = defaultdict(list)
    for n, a in enumerate(dossier.articles):
        words: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"lede": [], "body": []})
        for field, text in (("lede", a.lede or ""), ("body", _body(a))):
            for word in _SPLIT.split(text.lower()):
                if word and (term := terms.term(word)):
                    words[terms.key(word)][field].append(term)
        for key, fields_terms in sorted(words.items()):
            by_key[key].append({"id": str(n), **fields_terms})
    keys = sorted(by_key)
    for key in keys:
        files[f"search/t-{key}.js"] = _call("DOSSIER_SEARCH_SHARD", key, _index(SHARD_FIELDS, by_key[key]))
    texts: dict[int, dict[str, str]] = defaultdict(dict)
    for n, (doc, a) in enumerate(zip(docs, dossier.articles, strict=True)):
        texts[doc["x"]][str(n)] = _body(a)
    for n, chunk in sorted(texts.items()):
        files[f"search/x-{n}.js"] = _call("DOSSIER_SEARCH_TEXT", n, chunk)
    files["search/docs.js"] = (
        "window.DOSSIER_SEARCH_DOCS = "
        + js_literal(
            {
                "docs": docs,
                "shards": keys,
                "entities": [[e.id, e.name] for e in dossier.entities],
                "topics": sorted({t for a in dossier.articles for t in a.topics}),
            }
        )
        + ";\n"
    )
    files["search/main.js"] = "window.DOSSIER_SEARCH_MAIN = " + js_literal(main) + ";\n"
    return files
