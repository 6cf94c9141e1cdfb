"""Benchmark harness: the dossier build against plain Pelican on the same text, rebuilds, search size
and search speed in Chromium. `make bench` runs it; results go to benchmarks/results.json and to
the table in the README (between the BENCH markers).

    .venv/bin/python benchmarks/run.py [--sizes 100 1000 5000] [--repeat 2] [--readme]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

import corpus  # noqa: E402

PLAIN_CONF = """
SITENAME = "Plain"
PATH = {path!r}
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
DEFAULT_PAGINATION = False
LOAD_CONTENT_CACHE = False
"""
# The first query's downloads are the budget; the rest time a word, a prefix, a number, two words, a phrase,
# an exclusion, a typo and an alias.
QUERIES = [
    "Peskov", "Crocus", "investigation", "144", "Zakharova", "morgue", "security review", "Krasnog",
    '"security review"', "Kremlin -Peskov", "Kremiln", "FSB", "wounded 144",
]  # fmt: skip


def timed(cmd: list[str], cwd: Path = ROOT, env: dict | None = None) -> dict:
    """Wall time and peak RSS of a command, from GNU time."""
    out = WORK / "time.txt"
    start = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-o", str(out), "-f", "%e %M", *cmd], cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if run.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{run.stdout[-2000:]}\n{run.stderr[-4000:]}")
    _, rss_kb = out.read_text().split()[-2:]
    return {"seconds": round(wall, 2), "peak_rss_mb": round(int(rss_kb) / 1024, 1)}


def prepare(n: int) -> Path:
    base = WORK / str(n)
    if base.exists():
        shutil.rmtree(base)
    content = base / "content"
    records = corpus.write(n, content / "captures")
    for name in ("entities.toml", "topics.toml"):
        shutil.copy(ROOT / "content" / name, content / name)
    plain = base / "plain" / "content"
    plain.mkdir(parents=True)
    for i, r in enumerate(records):
        body = "\n\n".join(r["paragraphs"])
        (plain / f"{i:06d}.md").write_text(
            f"Title: {r['title']}\nDate: {r['date']}\nCategory: news\n\n{body}\n", encoding="utf-8"
        )
    (base / "plain" / "conf.py").write_text(PLAIN_CONF.format(path=str(plain)), encoding="utf-8")
    return base


def build_ours(base: Path, cache: Path) -> dict:
    env = {**os.environ, "CI": "1"}
    conf = base / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nDOSSIER_CACHE_DIR = {str(cache)!r}\n",
        encoding="utf-8",
    )
    return timed([str(BIN / "pelican"), str(base / "content"), "-s", str(conf), "-o", str(base / "out")], env=env)


def build_plain(base: Path) -> dict:
    return timed([str(BIN / "pelican"), "-s", str(base / "plain" / "conf.py"), "-o", str(base / "plain" / "out")])


def search_sizes(out: Path) -> dict:
    files = [p for p in (out / "search").glob("*.js") if p.name != "lunr.min.js"]
    raw = sum(p.stat().st_size for p in files)
    gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    return {"files": len(files), "raw_mb": round(raw / 1e6, 2), "gzip_mb": round(gz / 1e6, 2)}


def browser_search(out: Path) -> dict:
    from browser import chromium

    with chromium() as b:
        page = b.new_page()
        loaded: list[str] = []
        page.on("request", lambda r: loaded.append(r.url))
        page.goto((out / "index.html").as_uri())
        page.wait_for_load_state("load")
        before = len(loaded)
        ready_ms = page.evaluate(
            "async () => { const t = performance.now(); await DOSSIER_SEARCH_API.ready(); return performance.now() - t; }"
        )
        first = page.evaluate(
            "async (q) => { const t = performance.now(); const r = await DOSSIER_SEARCH_API.search(q); return [performance.now() - t, r.hits.length]; }",
            QUERIES[0],
        )
        first_files = [u for u in loaded[before:] if u.startswith("file://")]
        per_query = []
        hits = {}
        for q in QUERIES[1:]:
            ms, n = page.evaluate(
                "async (q) => { const t = performance.now(); const r = await DOSSIER_SEARCH_API.search(q); return [performance.now() - t, r.hits.length]; }",
                q,
            )
            per_query.append(ms)
            hits[q] = n
        # Again, with every shard these queries need already loaded: the cost of a query itself.
        warm = []
        for q in QUERIES[1:]:
            warm.append(
                page.evaluate(
                    "async (q) => { const t = performance.now(); await DOSSIER_SEARCH_API.search(q); return performance.now() - t; }",
                    q,
                )
            )
    paths = [Path(u.removeprefix("file://")) for u in first_files]
    raw = sum(p.stat().st_size for p in paths)
    gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in paths)
    return {
        "ready_ms": round(ready_ms, 1),
        "first_query_ms": round(first[0], 1),
        "first_query_hits": first[1],
        "first_query_files": len(paths),
        "first_query_raw_mb": round(raw / 1e6, 3),
        "first_query_gzip_mb": round(gz / 1e6, 3),
        "query_ms_cold_median": round(statistics.median(per_query), 1),
        "query_ms_warm_median": round(statistics.median(warm), 1),
        "query_ms_warm_max": round(max(warm), 1),
        "hits": hits,
    }


def bench(n: int, repeat: int) -> dict:
    base = prepare(n)
    ours, plain = [], []
    for _ in range(repeat):  # alternate, so that machine noise hits both alike
        cache = base / "cache-cold"
        shutil.rmtree(cache, ignore_errors=True)
        ours.append(build_ours(base, cache))
        plain.append(build_plain(base))
    warm = build_ours(base, base / "cache-cold")
    name, content, _ = corpus.article(n)
    (base / "content" / "captures" / name).write_text(content, encoding="utf-8")
    rebuild = build_ours(base, base / "cache-cold")
    export = json.loads((base / "out" / "dossier.json").read_text(encoding="utf-8"))
    ours_s = round(statistics.median(r["seconds"] for r in ours), 2)
    plain_s = round(statistics.median(r["seconds"] for r in plain), 2)
    return {
        "n": n,
        "articles_built": len(export["articles"]),
        "full_build": {"runs": ours, "median_s": ours_s, "peak_rss_mb": max(r["peak_rss_mb"] for r in ours)},
        "plain_pelican": {"runs": plain, "median_s": plain_s, "peak_rss_mb": max(r["peak_rss_mb"] for r in plain)},
        "ratio_to_plain": round(ours_s / plain_s, 2),
        "warm_build_s": warm["seconds"],
        "rebuild_one_new_s": rebuild["seconds"],
        "rebuild_ratio": round(rebuild["seconds"] / ours_s, 2),
        "search_index": search_sizes(base / "out"),
        "browser": browser_search(base / "out"),
    }


def machine() -> dict:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0
    )
    return {"cpu": model, "cores": os.cpu_count(), "memory_gb": round(mem / 1024 / 1024, 1), "python": platform.python_version()}


def table(results: dict) -> str:
    rows = [
        "| N | full build (s) | plain Pelican (s) | ratio | warm rebuild (s) | +1 capture (s) | ratio | peak RSS (MB) | index raw / gzip (MB) | first query gzip (MB) | ready (ms) | query (ms, warm median / max) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results["runs"]:
        b = r["browser"]
        rows.append(
            f"| {r['n']} | {r['full_build']['median_s']} | {r['plain_pelican']['median_s']} | {r['ratio_to_plain']}× | {r['warm_build_s']} | "
            f"{r['rebuild_one_new_s']} | {r['rebuild_ratio']}× | {r['full_build']['peak_rss_mb']} | {r['search_index']['raw_mb']} / {r['search_index']['gzip_mb']} | "
            f"{b['first_query_gzip_mb']} | {b['ready_ms']} | {b['query_ms_warm_median']} / {b['query_ms_warm_max']} |"
        )
    m = results["machine"]
    rows.append(f"\nMeasured {results['date']} on {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}.")
    return "\n".join(rows)


def main() -> None:
    global WORK
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    parser.add_argument("--output", type=Path, default=HERE / "results.json")
    parser.add_argument("--work", type=Path, default=WORK, help="scratch folder for corpora and builds")
    args = parser.parse_args()
    WORK = args.work
    WORK.mkdir(parents=True, exist_ok=True)
    results = {"date": time.strftime("%Y-%m-%d"), "machine": machine(), "runs": []}
    for n in args.sizes:
        print(f"N = {n} ...", flush=True)
        results["runs"].append(bench(n, args.repeat if n < 5000 else 1))
        print(json.dumps(results["runs"][-1], indent=1), flush=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    if args.readme:
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        start, end = "<!-- BENCH:START -->", "<!-- BENCH:END -->"
        head, rest = text.split(start)
        _, tail = rest.split(end)
        readme.write_text(f"{head}{start}\n{table(results)}\n{end}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
