"""Index: the search files, built with lunr.py at build time and queried by lunr.js in the browser.

Everything is a classic script that hands its data to a global, because fetch, XHR, modules and
workers all fail from file:// in Chromium. The layout scales by splitting:

    search/docs.js      the document store: title, source, date, url, topics, entities, lede, and
                        every entity's name, aliases and the forms it was mentioned in
    search/main.js      a lunr index of title, entities, source, topics and date
    search/t-<kk>.js    lede and body text, split by the first two characters of each word: a query
                        loads only the shards of its own words (non-ASCII keys are hex-named files)
    search/x-<n>.js     lede and body text for snippets, phrases and word distances, a few articles
                        per file, loaded for the results that need them

Words become terms the same way here and in theme/static/js/search.js: split on spaces, hyphens,
dashes and slashes, trimmed of anything but letters and digits (in any script), lowercased, then
handed to the pipeline of the word's language (LANGUAGES). The JSON is escaped so that no title
(not even one containing </script>) can break out.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TypedDict

import snowballstemmer
from lunr import lunr
from lunr.builder import Builder
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token

from ..build.analyse import gc_paused
from ..build.pipeline import Dossier

# The main index, loaded on first use: short fields only. Lede and body live in the term shards.
MAIN_FIELDS = [
    {"field_name": "title", "boost": 10},
    {"field_name": "entities", "boost": 5},
    "source",
    "topics",
    "date",
]
SHARD_FIELDS = [{"field_name": "lede", "boost": 2}, "body"]

# Word separators and trimming, character for character the same as SEPARATORS and trim() in search.js
# (JavaScript's \s and Python's differ, so the spaces are listed).
_SPACES = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_SPLIT = re.compile("[" + _SPACES + r"\-\u2010-\u2015/]+")
_TRIM = re.compile(r"^[\W_]+|[\W_]+$")  # [^\W_] is a letter or digit in any script: JS [\p{L}\p{N}]
_ALNUM = re.compile(r"[^\W_]")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_CYRILLIC = re.compile("[\u0400-\u052f]")


def _english(word: str) -> str:
    """lunr's English pipeline (stop words, Porter stemmer), after dropping a possessive 's."""
    token = stop_word_filter(Token(_POSSESSIVE.sub("", word), {}))
    return str(stemmer(token)) if token else ""


_RUSSIAN = snowballstemmer.stemmer("russian")


def _russian(word: str) -> str:
    """The Snowball Russian stemmer (no stop words): the same stems as lunr-languages' lunr.ru.stemmer
    in search.js, which is given ё as е (Snowball 2 and later read ё as е; lunr-languages' older port
    does not)."""
    return _RUSSIAN.stemWord(word)


# The one place where a word's language chooses its stop words and stemmer; search.js holds the same
# table. A word's script tells its language, so that a query word (which has no article) and the same
# word in an article always meet. Both sides give the same stems: snowballstemmer here, lunr-languages'
# Russian stemmer there (search/lunr.ru.js, written by russian_js below).
LANGUAGES: dict[str, Callable[[str], str]] = {"en": _english, "ru": _russian}

# lunr-languages' Russian stemmer for the browser: its stemmer support, then the Russian file.
_LUNR_LANGUAGES = ("lunr.stemmer.support.min.js", "lunr.ru.min.js")


def russian_js(lunr_js: Path) -> str:
    """search/lunr.ru.js: lunr-languages' minified stemmer support and Russian stemmer in one file, from
    node_modules/lunr-languages next to lunr's own folder (or this project's node_modules)."""
    for folder in (
        lunr_js.resolve().parent.parent / "lunr-languages",
        Path(__file__).resolve().parents[3] / "node_modules" / "lunr-languages",
    ):
        if all((folder / "min" / name).is_file() for name in _LUNR_LANGUAGES):
            return "\n".join((folder / "min" / name).read_text(encoding="utf-8") for name in _LUNR_LANGUAGES) + "\n"
    raise SystemExit("lunr-languages not found next to lunr.js: run `npm ci` (make build does)")


def language_of(word: str) -> str:
    return "ru" if _CYRILLIC.search(word) else "en"


def trim(word: str) -> str:
    return _TRIM.sub("", word)


def words_of(text: str) -> list[str]:
    """Lowercased words of a text, untrimmed, as search.js splits a query."""
    return [w for w in _SPLIT.split(unicodedata.normalize("NFC", text).lower()) if w]


def shard_key(word: str) -> str:
    """The same function as shardKey() in theme/static/js/search.js: the first two letters or digits."""
    t = trim(word.lower())
    if len(t) >= 2 and _ALNUM.match(t[1]):
        return t[:2]
    return t[:1] + "_" if t else "__"


def shard_file(key: str) -> str:
    """File name of a shard: the key itself when it is ASCII, else "x" and the hex of its UTF-8, so that
    file names stay ASCII in archives and URLs. Same as shardFile() in search.js."""
    if re.fullmatch(r"[a-z0-9_]{2}", key):
        return f"search/t-{key}.js"
    return f"search/t-x{key.encode('utf-8').hex()}.js"


def js_literal(data) -> str:
    """A JavaScript expression for `data`: JSON.parse of a single-quoted string, which V8 reads many times
    faster than the same data written as an object literal (and JSON's double quotes need no escaping).
    No "<", ">" or "&" appears, so nothing can close a script."""
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return "JSON.parse('" + text.replace("\\", "\\\\").replace("'", "\\'") + "')"


def _call(function: str, *args) -> str:
    return f"{function}({','.join(js_literal(a) for a in args)});\n"


class Terms:
    """Words to index terms: trimmed, then the pipeline of the word's language, run once per distinct word.

    lunr.py runs its pipeline on every token, and tokenises character by character; a dossier repeats
    its words thousands of times. tests/test_search_index.py checks that the index is the same as
    lunr.py's own builder makes with this pipeline, and tests/test_search_queries_browser.py that
    search.js makes the same terms.
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
            t = trim(word)
            self.memo[word] = LANGUAGES[language_of(t)](t) if t else ""
        return self.memo[word]

    def __call__(self, text: str) -> list[str]:
        return [t for w in words_of(text) if (t := self.term(w))]


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
    builder.search_pipeline.add(stemmer)  # as lunr() sets it; search.js makes its terms itself
    with _list_tokenizer():
        return lunr(ref="id", fields=fields, documents=documents, builder=builder).serialize()


def _text(article) -> str:
    """What a reader sees of an article below its title: the lede, then the paragraphs."""
    return "\n".join([article.lede, *article.paragraphs] if article.lede else article.paragraphs)


def entity_forms(dossier: Dossier, limit: int = 24) -> dict[str, list[str]]:
    """Each entity's other names: its aliases, and the forms it was mentioned in (the most frequent, up
    to `limit` in all), so that "FSB" finds and marks "Federal Security Service" and the reverse."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for m in dossier.mentions:
        counts[m.entity][m.surface] += 1
    out = {}
    for e in dossier.entities:
        seen = sorted(counts[e.id].items(), key=lambda kv: (-kv[1], kv[0]))
        extra = [s for s, _ in seen if s != e.name and s not in e.aliases][: max(0, limit - len(e.aliases))]
        out[e.id] = sorted({*e.aliases, *extra})
    return out


class SearchDoc(TypedDict):
    """An article as the search page lists it (search/docs.js): short keys, as the page's script reads them."""

    t: str | None  # title
    s: str | None  # source
    d: str | None  # date
    u: str | None  # page address
    tp: list[str]  # topics
    e: list[int]  # entity numbers
    l: str  # lede, cut  # noqa: E741
    x: int  # the text shard (search/x-<n>.js) that holds its text


def search_files(dossier: Dossier, text_shard_size: int = 5) -> dict[str, str]:
    """The search files by path. lunr.py's builder makes millions of short-lived objects, none in a cycle: with
    the cycle collector paused, it does not walk them (and the dossier) over and over, a third of the time."""
    with gc_paused():
        return _search_files(dossier, text_shard_size)


def _search_files(dossier: Dossier, text_shard_size: int) -> dict[str, str]:
    names = dossier.entity_names
    mentions = dossier.mentions_by_article
    entity_number = {e.id: i for i, e in enumerate(dossier.entities)}
    docs: list[SearchDoc] = []
    main_docs: list[dict[str, str]] = []
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
                "title": a.title or "",  # a kept article has a headline (clean.passes.problem)
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
        for field, text in (("lede", a.lede or ""), ("body", "\n".join(a.paragraphs))):
            for word in words_of(text):
                if term := terms.term(word):
                    words[terms.key(word)][field].append(term)
        for key, fields_terms in sorted(words.items()):
            by_key[key].append({"id": str(n), **fields_terms})
    keys = sorted(by_key)
    for key in keys:
        files[shard_file(key)] = _call("DOSSIER_SEARCH_SHARD", key, _index(SHARD_FIELDS, by_key[key]))
    texts: dict[int, dict[str, str]] = defaultdict(dict)
    for n, (doc, a) in enumerate(zip(docs, dossier.articles, strict=True)):
        texts[doc["x"]][str(n)] = _text(a)
    for n, chunk in sorted(texts.items()):
        files[f"search/x-{n}.js"] = _call("DOSSIER_SEARCH_TEXT", n, chunk)
    forms = entity_forms(dossier)
    files["search/docs.js"] = (
        "window.DOSSIER_SEARCH_DOCS = "
        + js_literal(
            {
                "docs": docs,
                "shards": keys,
                "entities": [[e.id, e.name, forms[e.id]] for e in dossier.entities],
                "topics": sorted({t for a in dossier.articles for t in a.topics}),
            }
        )
        + ";\n"
    )
    files["search/main.js"] = "window.DOSSIER_SEARCH_MAIN = " + js_literal(main) + ";\n"
    return files
