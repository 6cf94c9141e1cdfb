/* Offline search for the dossier. Works from file:// and under any subpath: data comes as classic
   scripts that call globals (fetch/XHR/modules fail from file://), loaded lazily on first use.
   Nothing from the index or the query is ever inserted as HTML: text only, via textContent. */
(function () {
  "use strict";

  var form = document.querySelector("form.search-form");
  if (!form) return;
  var root = form.getAttribute("data-root") || ".";
  var box = form.querySelector("input[type=search]");
  var onSearchPage = document.body.classList.contains("page-search");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var loaded = {};
  var shards = {};
  var texts = {};
  var mainIndex = null;
  var data = null;
  var lastQuery = null;
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
      .then(function () { return Promise.all([loadScript("search/docs.js"), loadScript("search/main.js")]); })
      .then(function () {
        if (!mainIndex) {
          data = window.DOSSIER_SEARCH_DOCS;
          data.docs.forEach(function (d, n) { d.n = String(n); d.names = d.e.map(function (i) { return data.entities[i][1]; }); });
          data.shardSet = {};
          data.shards.forEach(function (k) { data.shardSet[k] = true; });
          mainIndex = lunr.Index.load(window.DOSSIER_SEARCH_MAIN);
        }
      });
  }

  /* Must match shard_key() in plugins/dossier/index.py. */
  function trim(t) { return t.toLowerCase().replace(/^\W+|\W+$/g, ""); }
  function shardKey(token) {
    var t = trim(token), head = t.slice(0, 2);
    if (/^[a-z0-9]{2}$/.test(head)) return head;
    if (/^[a-z0-9]$/.test(t.slice(0, 1))) return t.slice(0, 1) + "_";
    return "__";
  }

  function words(q) {
    return lunr.tokenizer(q).map(function (t) { return trim(t.toString()); }).filter(function (t) { return t.length > 0; });
  }

  function plainQuery(index, tokens) {
    return index.query(function (b) {
      tokens.forEach(function (t) {
        b.term(t, { boost: 10 });
        if (t.length >= 2) b.term(t, { boost: 1, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      });
    });
  }

  function mainResults(q, tokens) {
    if (/[:+~^*]|(^|\s)-/.test(q)) {
      try { return mainIndex.search(q); } catch (e) { if (!(e instanceof lunr.QueryParseError)) throw e; }
    }
    return tokens.length ? plainQuery(mainIndex, tokens) : [];
  }

  function search(q, filters) {
    return ready().then(function () {
      var tokens = words(q);
      var keys = {};
      tokens.forEach(function (t) { var k = shardKey(t); if (data.shardSet[k]) (keys[k] = keys[k] || []).push(t); });
      return Promise.all(Object.keys(keys).map(function (k) { return loadScript("search/t-" + k + ".js"); })).then(function () {
        var scores = {};
        mainResults(q, tokens).forEach(function (r) { scores[r.ref] = (scores[r.ref] || 0) + r.score; });
        Object.keys(keys).forEach(function (k) {
          if (!shards[k]) return;
          plainQuery(shards[k], keys[k]).forEach(function (r) { scores[r.ref] = (scores[r.ref] || 0) + r.score; });
        });
        var hits = Object.keys(scores).map(function (ref) { return { doc: data.docs[+ref], score: scores[ref] }; })
          .filter(function (h) { return h.doc && passes(h.doc, filters); });
        hits.sort(function (a, b) { return b.score - a.score || (a.doc.d < b.doc.d ? -1 : a.doc.d > b.doc.d ? 1 : 0); });
        return { tokens: tokens, hits: hits };
      });
    });
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

  function highlighted(text, tokens) {
    var frag = document.createDocumentFragment();
    var usable = tokens.filter(function (t) { return t.length > 1; }).map(escapeRegExp);
    if (!usable.length) { frag.appendChild(document.createTextNode(text)); return frag; }
    var re = new RegExp("(\\b(?:" + usable.join("|") + ")\\w*)", "gi");
    var last = 0, m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      frag.appendChild(mark);
      last = m.index + m[0].length;
      if (m[0].length === 0) re.lastIndex++;
    }
    if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  function snippet(doc, tokens) {
    var body = (texts[doc.x] || {})[doc.n] || doc.l || "";
    // Where a query word starts a word (one-letter words, like the K of ISIS-K, are too common to place it).
    var usable = tokens.filter(function (t) { return t.length > 1; }).map(escapeRegExp);
    var m = usable.length ? new RegExp("\\b(?:" + usable.join("|") + ")", "i").exec(body) : null;
    if (!m) return doc.l.length > 220 ? doc.l.slice(0, 220) + "…" : doc.l;
    var at = m.index;
    var start = Math.max(0, at - 80), end = Math.min(body.length, at + 160);
    if (start > 0) { var space = body.indexOf(" ", start); if (space >= 0 && space < at) start = space + 1; }
    if (end < body.length) { var back = body.lastIndexOf(" ", end); if (back > at) end = back; }
    return (start > 0 ? "…" : "") + body.slice(start, end) + (end < body.length ? "…" : "");
  }

  function suggestions(tokens) {
    var seen = {}, out = [];
    var names = [];
    (data.entities || []).forEach(function (e) { names.push(e); });
    tokens.forEach(function (t) {
      names.forEach(function (e) {
        var n = e[1].toLowerCase();
        if (!seen[e[0]] && (n.indexOf(t.slice(0, 3)) >= 0)) { seen[e[0]] = true; out.push(e); }
      });
    });
    return out.slice(0, 6);
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
          var a = document.createElement("a");
          a.href = root + "/entities/" + e[0] + ".html";
          a.textContent = e[1];
          li.appendChild(a);
          if (i < sugg.length - 1) li.appendChild(document.createTextNode(", "));
        });
      }
      results.appendChild(li);
      say(q ? "No results." : "");
      return;
    }
    found.hits.slice(0, 50).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + "/" + h.doc.u;
      a.className = "result-link";
      a.appendChild(highlighted(h.doc.t, found.tokens));
      li.appendChild(a);
      var meta = document.createElement("div");
      meta.className = "meta";
      meta.textContent = h.doc.s + " · " + h.doc.d;
      li.appendChild(meta);
      var p = document.createElement("p");
      p.className = "snippet";
      p.appendChild(highlighted(snippet(h.doc, found.tokens), found.tokens));
      li.appendChild(p);
      results.appendChild(li);
    });
    say(found.hits.length + (found.hits.length === 1 ? " result." : " results."));
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
    lastQuery = q;
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
  window.DOSSIER_SEARCH_API = { ready: ready, search: function (q, f) { return search(q, f).then(withTexts); } };
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
