"""Cleaning quality on real pages with gold bodies, scored the way the ScrapingHub/Zyte
article-extraction-benchmark scores: 4-word shingles of lower-cased `\\w+` words, true and false
positives and negatives normalised per page, precision averaged over pages with a prediction,
recall over pages with a gold body.

Both paths are built with the real plugin (a Pelican build of a folder of captures): the saved
HTML pages, and the pasted-text captures. A capture that is rejected, lost, or folded into a false
duplicate scores as an empty body. trafilatura on the same HTML pages is measured beside it, in the
same run, as is the CPU time per page of the plugin's reading and cleaning against trafilatura's.

Titles and dates are checked against each page's own metadata (og:title or JSON-LD headline,
JSON-LD datePublished or article:published_time), read from the HTML version.

    make bench-quality                         # ../shared/realworld, both paths
    .venv/bin/python benchmarks/realworld.py [FOLDER] [--path html|text|both] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
DEFAULT_SET = ROOT.parent / "shared" / "realworld"
WORD = re.compile(r"\w+")


# --- the benchmark's scoring ---------------------------------------------------------------


def shingles(text: str, n: int = 4) -> Counter:
    words = WORD.findall(text.lower())
    return Counter(tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1)))


def page_counts(predicted: str, gold: str) -> tuple[float, float, float]:
    p, g = shingles(predicted), shingles(gold)
    tp = sum((p & g).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def f1_scores(pairs: list[tuple[str, str]]) -> dict:
    precisions, recalls = [], []
    for predicted, gold in pairs:
        tp, fp, fn = page_counts(predicted, gold)
        if predicted.strip():
            precisions.append(tp / (tp + fp) if tp + fp else 0.0)
        if gold.strip():
            recalls.append(tp / (tp + fn) if tp + fn else 0.0)
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


# --- reference metadata from the HTML version -----------------------------------------------


def _norm_title(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(WORD.findall(text))


def title_matches(predicted: str | None, reference: str | None) -> bool:
    """Same words, or the reference is the headline plus a site name ("Headline | Site")."""
    if not predicted or not reference:
        return False
    p, r = _norm_title(predicted), _norm_title(reference)
    if not p:
        return False
    if p == r:
        return True
    from rapidfuzz import fuzz

    if fuzz.ratio(p, r) >= 90:
        return True
    # one is the other with a site name added before or after
    short, long = sorted((p, r), key=len)
    rest = long.removeprefix(short) if long.startswith(short) else long.removesuffix(short) if long.endswith(short) else None
    return rest is not None and len(short.split()) >= 2 and len(rest.split()) <= 5


def reference_meta(html: str) -> dict:
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except Exception:
        return {}
    out: dict = {}
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text_content())
        except Exception:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                if isinstance(item.get("headline"), str) and "title" not in out:
                    out["title"] = item["headline"]
                if isinstance(item.get("datePublished"), str) and "date" not in out:
                    m = re.match(r"\d{4}-\d{2}-\d{2}", item["datePublished"].strip())
                    if m:
                        out["date"] = m.group(0)
    for key, field, xpath in (
        ("title", "title", '//meta[@property="og:title"]/@content'),
        ("date", "date", '//meta[@property="article:published_time"]/@content'),
    ):
        if field not in out:
            values = [v.strip() for v in tree.xpath(xpath) if v.strip()]
            if values:
                if key == "date":
                    m = re.match(r"\d{4}-\d{2}-\d{2}", values[0])
                    if m:
                        out["date"] = m.group(0)
                else:
                    out["title"] = values[0]
    if "title" in out:
        out["title"] = html_lib.unescape(out["title"])  # some pages write entities into og:title ("&#8220;")
    h1 = next((" ".join(h.text_content().split()) for h in tree.iter("h1") if h.text_content().strip()), None)
    if h1:
        out["h1"] = h1
    if out.get("date", "") < "1990":
        out.pop("date", None)  # "0001-01-01" and the like: no date
    return out


# --- building the two paths with the real plugin ----------------------------------------------


def build(captures: dict[str, bytes], work: Path) -> dict:
    """A Pelican build of these captures; returns the export, the exit status and the time taken."""
    content = work / "content"
    folder = content / "captures"
    if work.exists():
        shutil.rmtree(work)
    folder.mkdir(parents=True)
    for name, data in captures.items():
        (folder / name).write_bytes(data)
    out = work / "output"
    started = time.perf_counter()
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "pelican"), str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DOSSIER_PROGRESS": "0", "CI": "1", "HOME": str(work)},
    )
    seconds = time.perf_counter() - started
    export_path = out / "dossier.json"
    export = json.loads(export_path.read_text(encoding="utf-8")) if proc.returncode == 0 and export_path.is_file() else None
    return {"returncode": proc.returncode, "stderr": (proc.stderr + proc.stdout)[-3000:], "export": export, "seconds": seconds}


def body_of(article: dict) -> str:
    return "\n".join(([article["lede"]] if article.get("lede") else []) + list(article.get("paragraphs", [])))


def _day(iso: str):
    from datetime import date

    return date.fromisoformat(iso[:10])


def visible_date(text: str, reference: str) -> bool:
    """The page's date is written somewhere in the paste (a day apart counts: local time vs UTC)."""
    from dossier.clean.dates import dates_in_line

    ref = _day(reference)
    return any(abs((_day(d) - ref).days) <= 1 for line in text.splitlines() for d in dates_in_line(line, max_words=10_000))


def score_path(kind: str, ids: list[str], gold: dict, refs: dict, result: dict, pastes: dict | None = None) -> dict:
    export = result["export"] or {"articles": [], "duplicates": [], "rejected": []}
    by_id = {Path(a["capture"]).stem: a for a in export["articles"]}
    pairs = [(body_of(by_id[i]) if i in by_id else "", gold[i]["articleBody"]) for i in ids]
    titles = [(by_id.get(i, {}).get("title"), refs[i].get("title")) for i in ids if refs[i].get("title")]
    dates = [(by_id.get(i, {}).get("date"), refs[i].get("date")) for i in ids if refs[i].get("date")]
    dated_ids = [i for i in ids if refs[i].get("date")]
    seen = [(p, r) for i, (p, r) in zip(dated_ids, dates, strict=True) if pastes and visible_date(pastes[i], r)]
    reasons = Counter(re.sub(r"[:(].*", "", r["reason"]).strip() for r in export["rejected"])
    return {
        "path": kind,
        "pages": len(ids),
        "build_ok": result["returncode"] == 0,
        "build_seconds": round(result["seconds"], 1),
        **f1_scores(pairs),
        "articles": len(export["articles"]),
        "duplicates": len(export["duplicates"]),
        "rejected": len(export["rejected"]),
        "rejection_reasons": dict(reasons),
        "unknown_dates": sum(1 for a in export["articles"] if not a.get("date")),
        "titles_checked": len(titles),
        "titles_right": sum(title_matches(p, r) for p, r in titles),
        # The headline a reader sees on the page (its <h1>) may differ from the metadata's; either is right here.
        "titles_right_or_h1": sum(
            title_matches(by_id.get(i, {}).get("title"), refs[i]["title"])
            or title_matches(by_id.get(i, {}).get("title"), refs[i].get("h1"))
            for i in ids
            if refs[i].get("title")
        ),
        "dates_checked": len(dates),
        "dates_right": sum(p == r for p, r in dates),
        # A page shows its date in local time, its metadata often in UTC: a day apart is the same date.
        "dates_right_within_a_day": sum(bool(p) and abs((_day(p) - _day(r)).days) <= 1 for p, r in dates),
        # Of the dates a reader can see in the paste: how many the plugin found (a day apart counts).
        "visible_dates": len(seen),
        "visible_dates_right": sum(bool(p) and abs((_day(p) - _day(r)).days) <= 1 for p, r in seen),
        "stderr": result["stderr"] if result["returncode"] else "",
        "per_page": {i: pairs[n] and round(f1_scores([pairs[n]])["f1"], 3) for n, i in enumerate(ids)},
        "wrong_titles": [
            (i, by_id.get(i, {}).get("title"), refs[i].get("title"))
            for i in ids
            if refs[i].get("title") and not title_matches(by_id.get(i, {}).get("title"), refs[i]["title"])
        ],
        "wrong_dates": [
            (i, by_id.get(i, {}).get("date"), refs[i].get("date"))
            for i in ids
            if refs[i].get("date") and by_id.get(i, {}).get("date") != refs[i]["date"]
        ],
    }


def time_pages(htmls: dict[str, str], raw: dict[str, bytes]) -> dict:
    """CPU time per page: the plugin's read+clean against trafilatura.extract, in this process."""
    import trafilatura

    from dossier.build.analyse import clean_capture
    from dossier.outlets import load_registry

    registry = load_registry()
    ours = theirs = 0.0
    for i, html in htmls.items():
        started = time.process_time()
        trafilatura.extract(html)
        theirs += time.process_time() - started
        started = time.process_time()
        clean_capture(f"{i}.html", raw[i], registry, 5_000_000)
        ours += time.process_time() - started
    n = max(1, len(htmls))
    return {"plugin_ms_per_page": round(1000 * ours / n, 1), "trafilatura_ms_per_page": round(1000 * theirs / n, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_SET))
    parser.add_argument("--path", choices=("html", "text", "both"), default="both")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--json", help="write the full results here")
    parser.add_argument("--verbose", action="store_true", help="list pages with wrong titles, dates and low F1")
    args = parser.parse_args()
    folder = Path(args.folder)
    if not (folder / "ground-truth.json").is_file():
        sys.exit(f"{folder}: no ground-truth.json (see ../shared/realworld/README.md)")
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[: args.limit or None]
    raw = {i: gzip.decompress((folder / "html" / f"{i}.html.gz").read_bytes()) for i in ids}
    htmls = {i: data.decode("utf-8", errors="replace") for i, data in raw.items()}
    refs = {i: reference_meta(htmls[i]) for i in ids}

    import trafilatura

    results: dict = {"pages": len(ids), "paths": []}
    work = Path(tempfile.mkdtemp(prefix="dossier-realworld-"))
    try:
        if args.path in ("html", "both"):
            r = build({f"{i}.html": raw[i] for i in ids}, work / "html")
            results["paths"].append(score_path("html", ids, gold, refs, r))
        if args.path in ("text", "both"):
            texts = {f"{i}.txt": (folder / "text" / f"{i}.txt").read_bytes() for i in ids}
            r = build(texts, work / "text")
            pastes = {i: texts[f"{i}.txt"].decode("utf-8", "replace") for i in ids}
            results["paths"].append(score_path("text", ids, gold, refs, r, pastes))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    peer = [(trafilatura.extract(htmls[i]) or "", gold[i]["articleBody"]) for i in ids]
    results["trafilatura"] = {**f1_scores(peer), "per_page": {i: round(f1_scores([peer[n]])["f1"], 3) for n, i in enumerate(ids)}}
    results["baseline_whole_paste"] = f1_scores(
        [((folder / "text" / f"{i}.txt").read_text(encoding="utf-8"), gold[i]["articleBody"]) for i in ids]
    )
    if args.path in ("html", "both"):
        results["time"] = time_pages(htmls, raw)

    t = results["trafilatura"]
    print(f"{len(ids)} real pages from {folder}")
    print(f"{'':<22}{'F1':>6}{'P':>7}{'R':>7}  articles dup rejected crash  titles  dates (±1 day)  build")
    for p in results["paths"]:
        print(
            f"{'plugin, ' + p['path']:<22}{p['f1']:>6.3f}{p['precision']:>7.3f}{p['recall']:>7.3f}  "
            f"{p['articles']:>8}{p['duplicates']:>4}{p['rejected']:>9}{'  no ' if p['build_ok'] else ' YES '}"
            f"  {p['titles_right']:>3}/{p['titles_checked']:<3} {p['dates_right']:>3}/{p['dates_checked']:<3}({p['dates_right_within_a_day']:>3}) {p['build_seconds']:>6}s"
        )
        print(f"{'':<22}titles matching the metadata or the page's visible <h1>: {p['titles_right_or_h1']}/{p['titles_checked']}")
        if p.get("visible_dates"):
            print(f"{'':<22}dates a reader can see in the paste: {p['visible_dates_right']}/{p['visible_dates']} found (±1 day)")
        if p["rejection_reasons"]:
            print(f"{'':<22}rejections: {p['rejection_reasons']}")
        if p["stderr"]:
            print(p["stderr"])
    print(f"{'trafilatura, html':<22}{t['f1']:>6.3f}{t['precision']:>7.3f}{t['recall']:>7.3f}")
    b = results["baseline_whole_paste"]
    print(f"{'whole paste, text':<22}{b['f1']:>6.3f}{b['precision']:>7.3f}{b['recall']:>7.3f}")
    if "time" in results:
        tm = results["time"]
        print(
            f"CPU per HTML page: plugin read+clean {tm['plugin_ms_per_page']} ms, trafilatura.extract {tm['trafilatura_ms_per_page']} ms"
        )
    if args.verbose:
        for p in results["paths"]:
            worse = sorted(p["per_page"].items(), key=lambda kv: kv[1])[:25]
            print(f"\n{p['path']}: lowest F1 (ours vs trafilatura)")
            for i, f in worse:
                print(f"  {i[:12]} {f:.3f} {t['per_page'][i]:.3f}")
            print(f"{p['path']}: wrong titles")
            for i, got, want in p["wrong_titles"]:
                print(f"  {i[:12]} got {got!r:.80} want {want!r:.80}")
            print(f"{p['path']}: wrong dates")
            for i, got, want in p["wrong_dates"]:
                print(f"  {i[:12]} got {got} want {want}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
