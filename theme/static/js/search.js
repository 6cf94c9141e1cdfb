/* Offline search for the dossier. Works from file:// and under any subpath: data comes as classic
   scripts that call globals (fetch/XHR/modules fail from file://), loaded lazily on first use.
   Nothing from the index or the query is ever inserted as HTML: text only, via textContent. */
(function () {
  "use strict";

  var form = document.querySelector("form.search-form");
  if (!form) return;
  var root = form.getAttribute("data-root") || ".";
  // Where a name's page lives (the site's URL scheme, plugins/dossier/urls.py), with {slug} for its id.
  var entityUrl = form.getAttribute("data-entity-url") || "entities/{slug}.html";
  var box = form.querySelector("input[type=search]");
  var onSearchPage = document.body.classList.contains("page-search");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var loaded = {};
  var shards = {};
  var texts = {};
  var mainIndex = null;
  var data = null;
  var runId = 0;

  window.DOSSIER_SEARCH_SHARD = function (key, serialized) { shards[key] = lunr.Index.load(serialized); };
  window.DOSSIER_SEARCH_TEXT = function (n, chunk) { texts[n] = chunk; };

  function loadScript(path) {
    if (!loaded[path]) {
      loaded[path] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = root + "/" + path;
        s.onload = function () { resolve(); };
        s.onerror = function () { reject(new Error("could not load " + path)); };
        document.head.appendChild(s);
      });
    }
    return loaded[path];
  }

  function ready() {
    return loadScript("search/lunr.min.js")
      .then(function () { return Promise.all([loadScript("search/lunr.ru.js"), loadScript("search/docs.js"), loadScript("search/main.js")]); })
      .then(function () {
        if (!mainIndex) {
          data = window.DOSSIER_SEARCH_DOCS;
          data.docs.forEach(function (d, n) { d.n = String(n); d.names = d.e.map(function (i) { return data.entities[i][1]; }); });
          data.shardSet = {};
          data.shards.forEach(function (k) { data.shardSet[k] = true; });
          buildForms();
          mainIndex = lunr.Index.load(window.DOSSIER_SEARCH_MAIN);
        }
      });
  }

  /* Words to terms, the same way as plugins/dossier/index.py (words_of, trim, shard_key, shard_file and
     LANGUAGES there): split on spaces, hyphens, dashes and slashes; trimmed of anything but letters and
     digits, in any script; lowercased; then the pipeline of the word's language. */
  var SEPARATOR_CHARS = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff\\-\\u2010-\\u2015\\/";
  var SEPARATORS = new RegExp("[" + SEPARATOR_CHARS + "]+");
  var TRIM = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var ALNUM = /[\p{L}\p{N}]/u;
  var POSSESSIVE = /['\u2019]s$/;
  var CYRILLIC = /[\u0400-\u052f]/;
  var NOT_WORD = "[^\\p{L}\\p{N}]";

  /* The one place where a word's language chooses its stop words and stemmer: the same table as LANGUAGES
     in index.py. A word's script tells its language. Russian words go through lunr-languages' Snowball
     Russian stemmer (search/lunr.ru.js, no stop words), given ё as е as index.py's snowballstemmer reads it,
     so both sides give the same stems. */
  var LANGUAGES = {
    en: function (w) {
      var t = lunr.stopWordFilter(new lunr.Token(w.replace(POSSESSIVE, ""), {}));
      return t ? lunr.stemmer(t).toString() : "";
    },
    ru: function (w) { return lunr.ru.stemmer(new lunr.Token(w.replace(/\u0451/g, "\u0435"), {})).toString(); }
  };
  function languageOf(w) { return CYRILLIC.test(w) ? "ru" : "en"; }

  function trim(w) { return w.replace(TRIM, ""); }
  var termMemo = new Map();
  function termOf(word) {
    var t = termMemo.get(word);
    if (t === undefined) { var w = trim(word); t = w ? LANGUAGES[languageOf(w)](w) : ""; termMemo.set(word, t); }
    return t;
  }
  function shardKey(word) {
    var t = Array.from(trim(word.toLowerCase()));  // code points, as Python slices
    if (t.length >= 2 && ALNUM.test(t[1])) return t[0] + t[1];
    return t.length ? t[0] + "_" : "__";
  }
  function shardFile(key) {
    if (/^[a-z0-9_]{2}$/.test(key)) return "search/t-" + key + ".js";
    var hex = "";
    new TextEncoder().encode(key).forEach(function (b) { hex += (b < 16 ? "0" : "") + b.toString(16); });
    return "search/t-x" + hex + ".js";
  }
  /* Each word of a text: as written (trimmed), lowercased, and its term. */
  function wordsOf(text) {
    return text.normalize("NFC").split(SEPARATORS).map(function (piece) {
      var lower = piece.toLowerCase();
      return { orig: trim(piece), raw: trim(lower), term: termOf(lower), key: shardKey(lower) };
    }).filter(function (w) { return w.raw.length > 0; });
  }

  /* --- the query ------------------------------------------------------------------------------------
     "a phrase" matches those words in that order; -word and -"a phrase" exclude; +word is required;
     field:word looks in one field. Every other word matches whole; a word the index does not hold matches
     the words it begins ("Pesk" finds Peskov), and, five letters or more, the words one edit away when
     nothing begins with it ("Kremiln"). Names and aliases from the registry stand for their entity ("FSB"
     finds "Federal Security Service"). Results holding every part of the query come first, then those whose
     words stand closest together. */
  var FIELDS = { title: 1, entities: 1, source: 1, topics: 1, date: 1, lede: 1, body: 1 };
  var QUOTES = "\"\u201c\u201d\u201e\u00ab\u00bb";
  var QUERY_PART = new RegExp("([+-]?)(?:[" + QUOTES + "]([^" + QUOTES + "]*)[" + QUOTES + "]?|([^\\s" + QUOTES + "]+))", "g");
  var ENTITY_SCORE = 2;  // per query word a name stands for, next to lunr's scores
  var RERANK = 20;       // results re-ranked by the distance between their words
  var PHRASE_FILES = 100;  // text files (five articles each) a phrase is looked for in, at most

  function parse(q) {
    var items = [], m;
    QUERY_PART.lastIndex = 0;
    while ((m = QUERY_PART.exec(q)) !== null) {
      var sign = m[1], field = null, text = m[2];
      if (text === undefined) {
        text = m[3];
        var f = /^([^:]+):(.*)$/.exec(text);
        if (f && Object.prototype.hasOwnProperty.call(FIELDS, f[1].toLowerCase())) { field = f[1].toLowerCase(); text = f[2]; }
        else if (f) text = text.replace(/:/g, " ");
        // lunr's own marks (fuzzy~1, boost^2, prefix*) are not needed: every word is matched those ways.
        text = text.replace(/[~^][0-9]*$/, "").replace(/\*+$/, "");
        var parts = wordsOf(text);
        // -ISIS-K leaves out "ISIS-K", not every article with a K in it.
        if (sign === "-" && parts.length > 1) items.push({ sign: sign, field: null, phrase: true, words: parts, text: text });
        else parts.forEach(function (w) { items.push({ sign: sign, field: field, phrase: false, words: [w] }); });
      } else {
        var words = wordsOf(text);
        if (words.length) items.push({ sign: sign, field: null, phrase: true, words: words, text: text });
      }
    }
    return items;
  }

  /* Entity names and aliases, keyed by their words lowercased (a leading "the" dropped). Entities that
     share a form ("FSB" and "The FSB") are searched together. */
  function formKey(words) {
    var raw = words.map(function (w) { return w.raw; });
    if (raw.length > 1 && raw[0] === "the") raw.shift();
    return raw.join(" ");
  }
  function buildForms() {
    var forms = new Map(), parent = data.entities.map(function (e, i) { return i; });
    function root(i) { while (parent[i] !== i) i = parent[i] = parent[parent[i]]; return i; }
    data.entities.forEach(function (e, i) {
      [e[1]].concat(e[2] || []).forEach(function (form) {
        var words = wordsOf(form);
        if (!words.length) return;
        var key = formKey(words);
        // A one-word form that is a stop word ("IS", "US") matches only as written.
        var exact = words.length === 1 && !words[0].term ? words[0].orig : null;
        var id = key + (exact ? "\u0000" + exact : "");
        var entry = forms.get(id);
        if (!entry) forms.set(id, entry = { key: key, exact: exact, length: words.length, entities: [] });
        if (entry.entities.length) parent[root(i)] = root(entry.entities[0]);
        entry.entities.push(i);
      });
    });
    var groups = new Map();
    data.entities.forEach(function (e, i) {
      var r = root(i);
      if (!groups.has(r)) groups.set(r, { id: r, entities: [], docs: new Set(), forms: [] });
      groups.get(r).entities.push(i);
      groups.get(r).forms.push(e[1]);
      (e[2] || []).forEach(function (f) { groups.get(r).forms.push(f); });
    });
    data.docs.forEach(function (d, n) { d.e.forEach(function (i) { groups.get(root(i)).docs.add(n); }); });
    data.formIndex = new Map();
    data.maxForm = 1;
    forms.forEach(function (entry) {
      entry.group = groups.get(root(entry.entities[0]));
      if (!data.formIndex.has(entry.key)) data.formIndex.set(entry.key, []);
      data.formIndex.get(entry.key).push(entry);
      data.maxForm = Math.max(data.maxForm, entry.length);
    });
  }

  /* The longest names in a run of query words, left to right. */
  function namesIn(words) {
    var found = [];
    for (var i = 0; i < words.length;) {
      var hit = null;
      for (var len = Math.min(data.maxForm + 1, words.length - i); len >= 1 && !hit; len--) {
        var entries = data.formIndex.get(formKey(words.slice(i, i + len))) || [];
        for (var k = 0; k < entries.length && !hit; k++) {
          var e = entries[k];
          if (!e.exact || (len === 1 && words[i].orig === e.exact)) hit = { start: i, length: len, group: e.group };
        }
      }
      if (hit) { found.push(hit); i += hit.length; } else i++;
    }
    return found;
  }

  /* Optimal string alignment distance at most one (lunr's fuzzy matching also counts a swap as one). */
  function withinOneEdit(a, b) {
    if (a === b) return true;
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* lunr's scores, as Index.query gives them (for each field, the document's field vector times the query
     vector, over the query vector's length), computed from the postings: lunr's own loop builds match data
     for every document and walks whole vectors, about twice as slow at 5000 articles. Also which clauses
     (their bits) each document matched. Returns {refs, score, bits}, the last two by document number. */
  function scoreIndex(index, clauses) {
    var n = data.docs.length, score = new Float64Array(n), bits = new Int32Array(n), refs = [];
    var vectors = vectorsOf(index);
    index.fields.forEach(function (field) {
      var query = new Map(), length = 0;
      clauses.forEach(function (c) {
        var posting = index.invertedIndex[c.term];
        if (!posting || (c.fields && c.fields.indexOf(field) < 0)) return;
        var q = query.get(posting._index);
        if (q) { q.boost += c.boost; q.bits |= c.bits; }
        else query.set(posting._index, { boost: c.boost, bits: c.bits, refs: posting[field] });
      });
      query.forEach(function (q) { length += q.boost * q.boost; });
      length = Math.sqrt(length);
      var byDoc = vectors[field];
      query.forEach(function (q, termIndex) {
        for (var key in q.refs) {
          var ref = +key;
          if (!bits[ref]) refs.push(ref);
          score[ref] += (q.boost * weight(byDoc[ref], termIndex)) / length || 0;
          bits[ref] |= q.bits;
        }
      });
    });
    return { refs: refs, score: score, bits: bits };
  }
  /* Each field's document vectors by document number, made once per index. */
  function vectorsOf(index) {
    if (!index.byDoc) {
      index.byDoc = {};
      index.fields.forEach(function (field) { index.byDoc[field] = []; });
      Object.keys(index.fieldVectors).forEach(function (fieldRef) {
        var slash = fieldRef.indexOf("/");
        index.byDoc[fieldRef.slice(0, slash)][+fieldRef.slice(slash + 1)] = index.fieldVectors[fieldRef].elements;
      });
    }
    return index.byDoc;
  }
  function weight(elements, termIndex) {
    var lo = 0, hi = elements.length / 2 - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1, at = elements[2 * mid];
      if (at === termIndex) return elements[2 * mid + 1];
      if (at < termIndex) lo = mid + 1; else hi = mid - 1;
    }
    return 0;
  }

  function postings(index, term, field) {
    var p = index.invertedIndex[term], refs = [];
    if (!p) return refs;
    Object.keys(p).forEach(function (f) { if (f !== "_index" && (!field || f === field)) refs = refs.concat(Object.keys(p[f])); });
    return refs;
  }

  function indexesFor(word) {
    var out = [];
    if (!word.field || mainIndex.fields.indexOf(word.field) >= 0) out.push(mainIndex);
    if (shards[word.key] && (!word.field || shards[word.key].fields.indexOf(word.field) >= 0)) out.push(shards[word.key]);
    return out;
  }

  function plan(items) {
    var positive = items.filter(function (it) { return it.sign !== "-"; });
    var negative = items.filter(function (it) { return it.sign === "-"; });
    var words = [], units = [], groups = [];
    var anyContent = positive.some(function (it) { return it.phrase || it.words[0].term; });
    positive.forEach(function (it) {
      var unit = { phrase: it.phrase, required: it.sign === "+", words: [], text: it.text, groups: [] };
      it.words.forEach(function (w) {
        if (words.length >= 30) return;  // matched words are kept as bits of one number
        // Stop words are not in the index: they count only inside a phrase, or when the query has nothing else.
        var counts = it.phrase || w.term !== "" || !anyContent;
        var word = { raw: w.raw, orig: w.orig, term: w.term, key: w.key, field: it.field, exactOnly: it.phrase, counts: counts };
        word.prefix = !it.phrase && counts && w.raw.length >= 2;
        word.unit = counts || it.phrase ? units.length : -1;
        word.id = words.length;
        words.push(word);
        unit.words.push(word);
      });
      if (unit.words.length && (it.phrase || unit.words[0].counts)) units.push(unit);
    });
    // Names: in each run of plain words in no field (stop words included: "Security Council of Russia"),
    // and whole phrases.
    var run = [];
    function flush() {
      namesIn(run).forEach(function (hit) {
        groups.push(hit.group);
        run.slice(hit.start, hit.start + hit.length).forEach(function (w) { if (w.unit >= 0) units[w.unit].groups.push(hit.group); });
      });
      run = [];
    }
    words.forEach(function (w) { if (!w.exactOnly && !w.field) run.push(w); else flush(); });
    flush();
    units.forEach(function (u) {
      if (!u.phrase) return;
      var entries = data.formIndex.get(formKey(u.words)) || [];
      entries.forEach(function (e) { if (!e.exact) { u.groups.push(e.group); groups.push(e.group); } });
    });
    var excluded = negative.map(function (it) {
      var hit = namesIn(it.words).filter(function (h) { return h.length === it.words.length; });
      return { phrase: it.phrase || it.words.length > 1, words: it.words.filter(function (w) { return w.term; }), all: it.words, text: it.text, groups: hit.map(function (h) { return h.group; }) };
    }).filter(function (x) { return x.words.length || x.groups.length; });
    return { words: words, units: units, groups: groups, excluded: excluded };
  }

  function shardsFor(words) {
    var keys = {};
    words.forEach(function (w) { if (w.term && data.shardSet[w.key]) keys[w.key] = true; });
    return Promise.all(Object.keys(keys).map(function (k) { return loadScript(shardFile(k)); }));
  }

  function textsFor(refs) {
    var needed = {};
    refs.forEach(function (ref) { needed[data.docs[ref].x] = true; });
    return Promise.all(Object.keys(needed).map(function (n) { return loadScript("search/x-" + n + ".js"); }));
  }
  function fullText(doc) { return doc.t + "\n" + ((texts[doc.x] || {})[doc.n] || doc.l || ""); }

  var BEFORE = "(?<![\\p{L}\\p{N}])", AFTER = "(?![\\p{L}\\p{N}])";
  /* Words in this order, with anything but letters and digits between them. */
  function phraseRegExp(words, flags) {
    var parts = words.map(function (w) { return escapeRegExp(w.orig).replace(/['\u2019]/g, "['\u2019]"); });
    return new RegExp(BEFORE + parts.join(NOT_WORD + "+") + AFTER, flags);
  }

  function search(q, filters) {
    return ready().then(function () {
      var items = parse(q);
      var p = plan(items);
      var all = p.words.concat.apply(p.words, p.excluded.map(function (x) { return x.words; }));
      return shardsFor(all).then(function () { return rank(p, filters); });
    });
  }

  function rank(p, filters) {
    var hits = new Map();
    // Which query words and which parts of the query a document holds, as bits (a query has at most 30 words).
    function hit(ref) {
      var h = hits.get(ref);
      if (!h) hits.set(ref, h = { ref: ref, doc: data.docs[ref], score: 0, words: 0, units: 0 });
      return h;
    }
    // 1. Each word: its term if the index has it; else the words it begins ("Pesk"); else, five letters or
    //    more, the terms one edit away ("Kremiln"). So "state" never marks "statement". A Russian word of
    //    five letters or more also takes the words it begins, as Snowball stems "Песков" to "песк" but
    //    "Пескова" to "песков".
    p.words.forEach(function (w) {
      w.terms = new Set();
      if (!w.counts) return;
      var indexes = indexesFor(w);
      indexes.forEach(function (index) { if (w.term && index.invertedIndex[w.term]) w.terms.add(w.term); });
      w.prefix = w.prefix && (!w.terms.size || (languageOf(w.raw) === "ru" && Array.from(w.raw).length >= 5));
      if (w.prefix) {
        indexes.forEach(function (index) {
          index.tokenSet.intersect(lunr.TokenSet.fromString(w.raw + "*")).toArray().forEach(function (t) { w.terms.add(t); });
        });
      }
      var named = p.units[w.unit].groups.length > 0;
      if (!w.terms.size && !named && !w.exactOnly && Array.from(w.raw).length >= 5) {
        w.fuzzy = true;
        indexes.forEach(function (index) {
          index.tokenSet.intersect(lunr.TokenSet.fromFuzzyString(w.term || w.raw, 1)).toArray().forEach(function (t) { w.terms.add(t); });
        });
        if (!w.field) data.formIndex.forEach(function (entries, key) {
          if (key.indexOf(" ") < 0 && withinOneEdit(w.raw, key)) entries.forEach(function (e) { if (!e.exact) { p.units[w.unit].groups.push(e.group); p.groups.push(e.group); } });
        });
      }
    });
    // 2. lunr scores every document holding any of those terms, index by index.
    var byIndex = new Map();
    p.words.forEach(function (w) {
      if (!w.terms.size) return;
      indexesFor(w).forEach(function (index) {
        if (!byIndex.has(index)) byIndex.set(index, []);
        byIndex.get(index).push(w);
      });
    });
    byIndex.forEach(function (words, index) {
      var clauses = [];
      words.forEach(function (w) {
        w.terms.forEach(function (t) {
          if (!index.invertedIndex[t]) return;
          // Prefixes score low, as lunr's wildcards do.
          var clause = { term: t, boost: t === w.term ? 10 : w.fuzzy ? 3 : 1, bits: 1 << w.id };
          if (w.field) clause.fields = [w.field];
          clauses.push(clause);
        });
      });
      var scored = scoreIndex(index, clauses);
      scored.refs.forEach(function (ref) {
        var h = hit(ref);
        h.score += scored.score[ref];
        h.words |= scored.bits[ref];
      });
    });
    // 3. Names stand for their entity: every article that mentions it, in any form.
    p.units.forEach(function (u, i) {
      var seen = new Set();
      u.groups.forEach(function (g) {
        if (seen.has(g)) return;
        seen.add(g);
        g.docs.forEach(function (ref) {
          var h = hit(ref);
          h.units |= 1 << i;
          h.score += ENTITY_SCORE * u.words.length;
        });
      });
    });
    // 4. Plain words count where matched; phrases once their words are found in that order.
    var phrases = [];
    p.units.forEach(function (u, i) {
      if (u.phrase) {
        var need = 0;
        u.words.forEach(function (w) { if (w.term) need |= 1 << w.id; });
        if (need) phrases.push({ unit: i, need: need, re: phraseRegExp(u.words, "iu"), docs: [] });
      } else u.bit = 1 << u.words[0].id;
    });
    hits.forEach(function (h) {
      if (!passes(h.doc, filters)) { hits.delete(h.ref); return; }
      p.units.forEach(function (u, i) { if (u.bit && (h.words & u.bit)) h.units |= 1 << i; });
      phrases.forEach(function (ph) { if ((h.words & ph.need) === ph.need && !(h.units & (1 << ph.unit))) ph.docs.push(h); });
    });
    var checks = [];
    phrases.forEach(function (ph) {
      ph.docs.forEach(function (h) { checks.push({ h: h, re: ph.re, yes: function () { h.units |= 1 << ph.unit; } }); });
    });
    // 5. Exclusions: a word anywhere, a phrase in the text, a name in any form.
    var excludedRefs = new Set();
    p.excluded.forEach(function (x) {
      x.groups.forEach(function (g) { g.docs.forEach(function (ref) { excludedRefs.add(ref); }); });
      var holders = null;
      x.words.forEach(function (w) {
        var refs = new Set();
        [mainIndex, shards[w.key]].forEach(function (index) { if (index) postings(index, w.term).forEach(function (r) { refs.add(+r); }); });
        holders = holders ? new Set(Array.from(holders).filter(function (r) { return refs.has(r); })) : refs;
      });
      if (!holders) return;
      var re = x.phrase ? phraseRegExp(x.all, "iu") : null;
      holders.forEach(function (ref) {
        if (!re) excludedRefs.add(ref);
        else if (hits.has(ref)) checks.push({ h: hits.get(ref), re: re, yes: function () { excludedRefs.add(ref); } });
      });
    });
    return check(checks).then(function (unchecked) {
      var out = [];
      var onlyExclusions = !p.units.length && p.excluded.length;
      if (onlyExclusions) data.docs.forEach(function (d, n) { if (passes(d, filters)) hit(n); });
      var required = 0;
      p.units.forEach(function (u, i) { if (u.required) required |= 1 << i; });
      hits.forEach(function (h) {
        if (excludedRefs.has(h.ref)) return;
        if (!onlyExclusions && !h.units) return;
        if ((h.units & required) !== required) return;
        h.coverage = bits(h.units);
        out.push(h);
      });
      out.sort(byCoverage);
      return rerank(out, p).then(function () {
        return { plan: p, hits: out, unchecked: unchecked, tokens: p.words.map(function (w) { return w.raw; }), marks: marks(p) };
      });
    });
  }

  function bits(n) { var c = 0; while (n) { n &= n - 1; c++; } return c; }

  function byCoverage(a, b) {
    return b.coverage - a.coverage || (a.tier || 0) - (b.tier || 0) || b.score - a.score || (a.doc.d < b.doc.d ? -1 : a.doc.d > b.doc.d ? 1 : 0) || a.ref - b.ref;
  }

  /* Phrases are checked in the text: in the title first (no file to load), then in the lede and body of
     the best-scoring documents, as many as PHRASE_FILES text files hold. Returns the documents left unchecked. */
  function check(checks) {
    var rest = checks.filter(function (c) {
      if (c.re.test(c.h.doc.t)) { c.yes(); return false; }
      return true;
    });
    rest.sort(function (a, b) { return b.h.score - a.h.score || a.h.ref - b.h.ref; });
    var files = new Set(), now = [], unchecked = new Set();
    rest.forEach(function (c) {
      var x = c.h.doc.x;
      if (files.has(x) || files.size < PHRASE_FILES) { files.add(x); now.push(c); } else unchecked.add(c.h.ref);
    });
    return textsFor(now.map(function (c) { return c.h.ref; })).then(function () {
      now.forEach(function (c) { if (c.re.test(fullText(c.h.doc))) c.yes(); });
      return unchecked.size;
    });
  }

  /* Among the first results, words next to each other rank above words apart. */
  function rerank(hits, p) {
    var plain = p.units.filter(function (u) { return !u.phrase; });
    if (plain.length < 2 || !hits.length) return Promise.resolve();
    var top = hits.slice(0, RERANK);
    return textsFor(top.map(function (h) { return h.ref; })).then(function () {
      top.forEach(function (h) { h.tier = tier(fullText(h.doc), plain); });
      top.sort(byCoverage);
      Array.prototype.splice.apply(hits, [0, top.length].concat(top));
    });
  }

  /* 0: the words next to each other (stop words between them do not count); 1: within a few words; 2: apart. */
  function tier(text, units) {
    var positions = [], pos = 0;
    text.split("\n").forEach(function (line) {
      wordsOf(line).forEach(function (tok) {
        if (!tok.term) return;
        pos++;
        units.forEach(function (u, i) {
          var w = u.words[0];
          if (w.terms.has(tok.term) || (w.prefix && tok.raw.indexOf(w.raw) === 0)) positions.push([pos, i]);
        });
      });
      pos += 100;  // a window never spans paragraphs
    });
    var present = new Set(positions.map(function (x) { return x[1]; }));
    if (present.size < 2) return 2;
    var need = present.size, count = new Map(), have = 0, best = Infinity, left = 0;
    for (var right = 0; right < positions.length; right++) {
      var u = positions[right][1];
      count.set(u, (count.get(u) || 0) + 1);
      if (count.get(u) === 1) have++;
      while (have === need) {
        best = Math.min(best, positions[right][0] - positions[left][0] + 1);
        var v = positions[left][1];
        count.set(v, count.get(v) - 1);
        if (count.get(v) === 0) have--;
        left++;
      }
    }
    return best === need ? 0 : best <= need + 3 ? 1 : 2;
  }

  function passes(doc, f) {
    if (!f) return true;
    if (f.source && doc.s !== f.source) return false;
    if (f.topic && doc.tp.indexOf(f.topic) < 0) return false;
    if (f.entity && doc.names.indexOf(f.entity) < 0) return false;
    if (f.from && doc.d < f.from) return false;
    if (f.to && doc.d > f.to) return false;
    return true;
  }

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* --- what a reader sees: phrases marked whole, names in every form, words where they matched ------- */
  function marks(p) {
    var res = [], words = [];
    p.units.forEach(function (u, i) {
      if (u.phrase) res.push({ re: phraseRegExp(u.words, "giu"), unit: i });
      else if (u.words[0].counts) words.push(u.words[0]);
      var seen = new Set();
      u.groups.forEach(function (g) {
        g.forms.forEach(function (form) {
          var ws = wordsOf(form);
          if (ws.length > 1 && ws[0].raw === "the") ws.shift();
          var key = ws.map(function (w) { return w.orig; }).join(" ");
          if (!ws.length || seen.has(key)) return;
          seen.add(key);
          res.push({ re: phraseRegExp(ws, ws.length === 1 && !ws[0].term ? "gu" : "giu"), unit: i });
        });
      });
    });
    return { res: res, words: words };
  }

  var TOKEN = new RegExp("[^" + SEPARATOR_CHARS + "]+", "g");
  /* [start, end, unit] of every marked stretch of a text, sorted, none overlapping (the longer wins). */
  function markedRanges(text, mk) {
    var ranges = [], m;
    mk.res.forEach(function (r) {
      r.re.lastIndex = 0;
      while ((m = r.re.exec(text)) !== null) ranges.push([m.index, m.index + m[0].length, r.unit]);
    });
    if (mk.words.length) {
      TOKEN.lastIndex = 0;
      while ((m = TOKEN.exec(text)) !== null) {
        var piece = m[0], lower = piece.toLowerCase(), raw = trim(lower);
        if (!raw) continue;
        var term = termOf(lower), inner = trim(piece);
        var start = m.index + piece.indexOf(inner.charAt(0));
        mk.words.forEach(function (w) {
          if ((term && w.terms.has(term)) || (w.prefix && raw.indexOf(w.raw) === 0)) ranges.push([start, start + inner.length, w.unit]);
        });
      }
    }
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [], end = -1;
    ranges.forEach(function (r) { if (r[0] >= end) { out.push(r); end = r[1]; } });
    return out;
  }

  function highlighted(text, mk) {
    var frag = document.createDocumentFragment(), last = 0;
    markedRanges(text, mk).forEach(function (r) {
      if (r[0] > last) frag.appendChild(document.createTextNode(text.slice(last, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      frag.appendChild(mark);
      last = r[1];
    });
    if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  function clip(text) { return text.length > 220 ? text.slice(0, 220) + "…" : text; }

  /* The stretch of text where the most query words, phrases or names fall close together. */
  function snippet(doc, mk) {
    var body = (texts[doc.x] || {})[doc.n];
    var ranges = body ? markedRanges(body, mk) : [];
    if (!ranges.length) return clip(doc.l);
    var best = ranges[0][0], most = 0;
    for (var i = 0; i < ranges.length && i < 300; i++) {
      var units = new Set();
      for (var j = i; j < ranges.length && ranges[j][0] < ranges[i][0] + 160; j++) units.add(ranges[j][2]);
      if (units.size > most) { most = units.size; best = ranges[i][0]; }
    }
    var start = Math.max(0, best - 80), end = Math.min(body.length, best + 160);
    if (start > 0) { var space = body.indexOf(" ", start); if (space >= 0 && space < best) start = space + 1; }
    if (end < body.length) { var back = body.lastIndexOf(" ", end); if (back > best) end = back; }
    return (start > 0 ? "…" : "") + body.slice(start, end) + (end < body.length ? "…" : "");
  }

  function suggestions(tokens) {
    var seen = {}, out = [];
    tokens.forEach(function (t) {
      (data.entities || []).forEach(function (e) {
        var n = e[1].toLowerCase();
        if (!seen[e[0]] && n.indexOf(t.slice(0, 3)) >= 0) { seen[e[0]] = true; out.push(e); }
      });
    });
    return out.slice(0, 6);
  }

  function entityLink(i) {
    var a = document.createElement("a");
    a.href = root + "/" + entityUrl.replace("{slug}", function () { return data.entities[i][0]; });
    a.textContent = data.entities[i][1];
    return a;
  }

  function render(q, found) {
    while (results.firstChild) results.removeChild(results.firstChild);
    results.hidden = false;
    if (!found.hits.length) {
      var li = document.createElement("li");
      li.className = "no-results";
      li.appendChild(document.createTextNode("No articles match “" + q + "”."));
      var sugg = suggestions(found.tokens);
      if (sugg.length) {
        li.appendChild(document.createTextNode(" Try: "));
        sugg.forEach(function (e, i) {
          li.appendChild(entityLink(data.entities.indexOf(e)));
          if (i < sugg.length - 1) li.appendChild(document.createTextNode(", "));
        });
      }
      results.appendChild(li);
      say(q ? "No results." : "");
      return;
    }
    // The names the query stands for, each with its page.
    var named = [];
    found.plan.groups.forEach(function (g) { if (named.indexOf(g) < 0) named.push(g); });
    if (named.length) {
      var nl = document.createElement("li");
      nl.className = "entity-match";
      nl.style.display = "block";  // a note above the numbered results, not one of them
      nl.appendChild(document.createTextNode(named.length === 1 ? "Name in the dossier: " : "Names in the dossier: "));
      named.slice(0, 4).forEach(function (g, k) {
        if (k) nl.appendChild(document.createTextNode(", "));
        nl.appendChild(entityLink(g.entities[0]));
      });
      nl.appendChild(document.createTextNode(" (found in any of its forms)."));
      results.appendChild(nl);
    }
    found.hits.slice(0, 50).forEach(function (h) {
      var li = document.createElement("li");
      li.className = "result";
      var a = document.createElement("a");
      a.href = root + "/" + h.doc.u;
      a.className = "result-link";
      a.appendChild(highlighted(h.doc.t, found.marks));
      li.appendChild(a);
      var meta = document.createElement("div");
      meta.className = "meta";
      meta.textContent = h.doc.s + " · " + (h.doc.d || "date unknown");
      li.appendChild(meta);
      var p = document.createElement("p");
      p.className = "snippet";
      p.appendChild(highlighted(snippet(h.doc, found.marks), found.marks));
      li.appendChild(p);
      results.appendChild(li);
    });
    say(found.hits.length + (found.hits.length === 1 ? " result." : " results.") +
      (found.unchecked ? " The phrase was looked for in the best-matching articles only: " + found.unchecked + " more hold its words." : ""));
  }

  function say(text) { if (status) status.textContent = text; }

  function withTexts(found) {
    var needed = {};
    // Full text for the snippets of the first ten results; the rest show their lede.
    found.hits.slice(0, 10).forEach(function (h) { needed[h.doc.x] = true; });
    return Promise.all(Object.keys(needed).map(function (n) { return loadScript("search/x-" + n + ".js"); })).then(function () { return found; });
  }

  function run(q, filters) {
    var id = ++runId;
    if (!q.trim() && !(filters && (filters.source || filters.topic || filters.entity || filters.from || filters.to))) {
      if (results) { while (results.firstChild) results.removeChild(results.firstChild); if (!onSearchPage) results.hidden = true; }
      say("");
      return Promise.resolve();
    }
    return search(q, filters).then(withTexts).then(function (found) {
      if (id !== runId) return;
      if (!q.trim()) found.hits = data.docs.filter(function (d) { return passes(d, filters); }).map(function (d) { return { doc: d, score: 0 }; });
      render(q, found);
    }).catch(function (e) { say("Search could not load: " + e.message); });
  }

  /* Keyboard: arrows move through results, Enter opens (a link's own behaviour), Escape returns. */
  function links() { return results ? Array.prototype.slice.call(results.querySelectorAll("a.result-link")) : []; }
  function onKey(ev) {
    var list = links();
    var i = list.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" && list.length) { ev.preventDefault(); list[Math.min(i + 1, list.length - 1)].focus(); }
    else if (ev.key === "ArrowUp" && list.length) { ev.preventDefault(); if (i <= 0) box.focus(); else list[i - 1].focus(); }
    else if (ev.key === "Escape") { box.focus(); if (!onSearchPage && results) results.hidden = true; }
  }

  var filterForm = document.getElementById("search-filters");
  function currentFilters() {
    if (!filterForm) return null;
    var f = {};
    ["source", "topic", "entity", "from", "to"].forEach(function (k) { var el = filterForm.elements[k]; if (el && el.value) f[k] = el.value; });
    return f;
  }

  function fillFilters(params) {
    var opts = { source: {}, topic: {}, entity: {} };
    data.docs.forEach(function (d) {
      opts.source[d.s] = true;
      d.tp.forEach(function (t) { opts.topic[t] = true; });
      d.names.forEach(function (e) { opts.entity[e] = true; });
    });
    Object.keys(opts).forEach(function (k) {
      var sel = filterForm.elements[k];
      Object.keys(opts[k]).sort().forEach(function (v) {
        var o = document.createElement("option");
        o.value = v; o.textContent = v;
        sel.appendChild(o);
      });
      if (params.get(k)) sel.value = params.get(k);
    });
    ["from", "to"].forEach(function (k) { if (params.get(k)) filterForm.elements[k].value = params.get(k); });
  }

  function syncUrl(q, f) {
    var params = new URLSearchParams();
    if (q) params.set("q", q);
    Object.keys(f || {}).forEach(function (k) { params.set(k, f[k]); });
    try { history.replaceState(null, "", "?" + params.toString()); } catch (e) { /* file:// may refuse; the query still runs */ }
  }

  /* For benchmarks and tests: the same functions the page uses. */
  window.DOSSIER_SEARCH_API = {
    ready: ready,
    search: function (q, f) { return search(q, f).then(withTexts); },
    words: function (text) { return wordsOf(text).map(function (w) { return [w.raw, w.term, w.key, shardFile(w.key)]; }); },
    // Our scores and lunr's Index.query's, for the same terms in the main index or a loaded shard.
    scores: function (terms, key) {
      var index = key ? shards[key] : mainIndex, ours = {}, theirs = {};
      var clauses = terms.map(function (t, i) { return { term: t, boost: i ? 1 : 10, bits: 1 }; });
      var scored = scoreIndex(index, clauses);
      scored.refs.forEach(function (ref) { ours[ref] = scored.score[ref]; });
      index.query(function (b) { clauses.forEach(function (c) { b.term(c.term, { boost: c.boost, usePipeline: false }); }); })
        .forEach(function (r) { theirs[r.ref] = r.score; });
      return [ours, theirs];
    }
  };
  form.setAttribute("data-ready", "1");
  box.addEventListener("focus", function () { ready().catch(function () {}); }, { once: true });
  var timer = null;
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var f = currentFilters();
      run(box.value, f);
      if (onSearchPage) syncUrl(box.value, f);
    }, 120);
  });
  box.addEventListener("keydown", onKey);
  if (results) results.addEventListener("keydown", onKey);

  if (onSearchPage) {
    var params = new URLSearchParams(window.location.search);
    box.value = params.get("q") || "";
    form.addEventListener("submit", function (ev) { ev.preventDefault(); run(box.value, currentFilters()); syncUrl(box.value, currentFilters()); });
    ready().then(function () {
      if (filterForm) {
        fillFilters(params);
        filterForm.addEventListener("change", function () { var f = currentFilters(); run(box.value, f); syncUrl(box.value, f); });
        filterForm.addEventListener("submit", function (ev) { ev.preventDefault(); });
      }
      return run(box.value, currentFilters());
    }).then(function () { document.body.setAttribute("data-search-ready", "1"); })
      .catch(function (e) { say("Search could not load: " + e.message); });
  }
})();
