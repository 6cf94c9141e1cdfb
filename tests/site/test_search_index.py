"""The search index: our memoised lunr.py pipeline gives exactly lunr.py's own index, data files are
safe classic scripts, and cross-links are placed by offsets and escaped."""

from __future__ import annotations

import json

from lunr import lunr
from lunr.stemmer import stemmer

from dossier.site.index import LANGUAGES, Terms, _index, js_literal, language_of, shard_file, shard_key
from dossier.site.link import Link, linked_text, non_overlapping

DOCS = [
    {
        "id": "a",
        "title": "Putin pained by Moscow attack — Kremlin",
        "body": 'At least 144 people dead. Peskov said ISIS-K\'s men, the "radical Islamists", ran.',
    },
    {
        "id": "b",
        "title": "No plans for Putin's visit",
        "body": "The Kremlin's spokesman said 143 dead and 360 others wounded; running, runs, ran.",
    },
]


def test_memoised_pipeline_builds_the_same_index_as_lunr_py():
    """Our memoised terms give the index that lunr.py's own builder makes from the text with the same pipeline."""
    from lunr.builder import Builder
    from lunr.pipeline import Pipeline

    def dossier_terms(token, i=None, tokens=None):
        term = Terms().term(str(token))
        return token.update(lambda s, metadata=None: term) if term else None

    Pipeline.register_function(dossier_terms, "dossier_terms")
    terms = Terms()
    fields = [{"field_name": "title", "boost": 10}, "body"]
    ours = _index(fields, [{"id": d["id"], "title": terms(d["title"]), "body": terms(d["body"])} for d in DOCS])
    builder = Builder()
    builder.pipeline.add(dossier_terms)
    builder.search_pipeline.add(stemmer)
    theirs = lunr(ref="id", fields=fields, documents=DOCS, builder=builder).serialize()
    assert json.dumps(ours, sort_keys=True) == json.dumps(theirs, sort_keys=True)


def test_terms_in_english_and_in_other_scripts():
    terms = Terms()
    assert terms('Putin\'s men, the "radical Islamists" — running.') == ["putin", "men", "radic", "islamist", "run"]
    assert terms("ISIS-K: 360") == ["isi", "k", "360"]
    # Cyrillic words are kept (lunr.js's own trimmer strips them to nothing) and stemmed by Snowball's Russian.
    assert terms("«Дмитрий Песков» заявил: Путин") == ["дмитр", "песк", "заяв", "путин"]
    assert terms("Пескова Пескову погибших погибшие ещё") == ["песков", "песков", "погибш", "погибш", "ещ"]
    assert terms("Crocus City Hall/Крокус—Moscow") == ["crocu", "citi", "hall", "крокус", "moscow"]
    assert [language_of(w) for w in ("peskov", "песков", "αθήνα")] == ["en", "ru", "en"]


def test_the_stemmer_is_chosen_per_language(monkeypatch):
    """One table chooses a word's stemmer: Russian stemming plugs in there."""
    monkeypatch.setitem(LANGUAGES, "ru", lambda word: word[:5])
    assert Terms()("Пескова Пескову") == ["песко", "песко"]


def test_shard_keys():
    assert shard_key("Peskov") == "pe"
    assert shard_key('"isis') == "is"
    assert shard_key("144") == "14"
    assert shard_key("k") == "k_"
    assert shard_key("u.s.") == "u_"
    assert shard_key("é") == "é_"
    assert shard_key("«Песков»") == "пе"
    assert shard_key("—") == "__"


def test_shard_files_are_ascii():
    assert shard_file("pe") == "search/t-pe.js"
    assert shard_file("k_") == "search/t-k_.js"
    assert shard_file("пе") == "search/t-xd0bfd0b5.js"
    assert shard_file("é_") == "search/t-xc3a95f.js"


def test_js_literal_cannot_close_a_script_and_parses_back(tmp_path):
    import subprocess

    data = {"t": "</script><script>alert(1)</script> & <!-- 'quoted' \\ back\nslash \u2028 é"}
    text = js_literal(data)
    assert "<" not in text and ">" not in text and "&" not in text
    assert text.startswith("JSON.parse('") and text.endswith("')")
    script = tmp_path / "check.js"
    script.write_text(f"process.stdout.write(JSON.stringify({text}));", encoding="utf-8")
    out = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == data


def test_links_are_placed_by_offset_and_escaped():
    text = 'Putin & <Peskov> met "at least 144" people.'
    links = non_overlapping(
        [
            Link(1, 0, 5, "../entities/putin.html", "entity", "Vladimir Putin"),
            Link(1, text.index("Peskov"), text.index("Peskov") + 6, "../entities/p.html", "entity", 'Dmitry "P"'),
            Link(1, 0, 3, "../x.html", "entity", "shorter overlap loses"),
            Link(1, text.index("at least"), text.index("144") + 3, "../figures/killed.html", "figure", "Figure: killed"),
            Link(1, 40, 99, "../bad.html", "entity", "offsets past the end are dropped"),
        ]
    )
    html = linked_text(text, links)
    assert html.startswith('<a href="../entities/putin.html" class="entity" title="Vladimir Putin">Putin</a> &amp; &lt;')
    assert 'title="Dmitry &quot;P&quot;">Peskov</a>&gt;' in html
    assert "../x.html" not in html and "../bad.html" not in html
    assert ">at least 144</a>" in html
