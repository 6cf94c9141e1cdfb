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
import threading
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


def _tree(pid: int) -> list[int]:
    """A process and its descendants, from /proc (Linux)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid] + [p for child in children for p in _tree(int(child))]


def _peak_kb(pid: int) -> int:
    """A process's own peak resident memory so far (VmHWM), or 0 once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)


def timed(cmd: list[str], cwd: Path = ROOT, env: dict | None = None) -> dict:
    """Wall time and peak RSS of a command, from GNU time (the largest of the process and the children it
    waited for, each counted alone). Where /proc allows, also the peak of each process, sampled: the build's
    own process, and its largest child (an analysis worker, or the search index process)."""
    out = WORK / "time.txt"
    start = time.perf_counter()
    proc = subprocess.Popen(
        ["/usr/bin/time", "-o", str(out), "-f", "%e %M", *cmd],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peaks: dict[int, int] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            for pid in _tree(proc.pid)[1:]:  # past GNU time itself
                peaks[pid] = max(peaks.get(pid, 0), _peak_kb(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{stdout[-2000:]}\n{stderr[-4000:]}")
    _, rss_kb = out.read_text().split()[-2:]
    result = {"seconds": round(wall, 2), "peak_rss_mb": round(int(rss_kb) / 1024, 1)}
    if peaks:
        main = min(peaks)  # the command itself started first: the lowest pid (pids do not wrap in one build)
        children = [kb for pid, kb in peaks.items() if pid != main]
        result["main_rss_mb"] = round(peaks[main] / 1024, 1)
        result["largest_child_rss_mb"] = round(max(children, default=0) / 1024, 1)
    return result


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
        "full_build": {
            "runs": ours,
            "median_s": ours_s,
            "peak_rss_mb": max(r["peak_rss_mb"] for r in ours),
            "main_rss_mb": max(r.get("main_rss_mb", 0) for r in ours),
            "largest_child_rss_mb": max(r.get("largest_child_rss_mb", 0) for r in ours),
        },
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
        "| N | full build (s) | plain Pelican (s) | ratio | warm rebuild (s) | +1 capture (s) | ratio | peak RSS (MB; main / largest child) | index raw / gzip (MB) | first query gzip (MB) | ready (ms) | query (ms, warm median / max) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results["runs"]:
        b = r["browser"]
        rows.append(
            f"| {r['n']} | {r['full_build']['median_s']} | {r['plain_pelican']['median_s']} | {r['ratio_to_plain']}× | {r['warm_build_s']} | "
            f"{r['rebuild_one_new_s']} | {r['rebuild_ratio']}× | {r['full_build']['peak_rss_mb']} ({r['full_build'].get('main_rss_mb', '?')} / {r['full_build'].get('largest_child_rss_mb', '?')}) | {r['search_index']['raw_mb']} / {r['search_index']['gzip_mb']} | "
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
    parser.add_argument(
        "--max-rss-mb",
        type=float,
        default=1024,
        help="fail (exit 1, after writing the results) when a full build's peak RSS is over this; 0: no check",
    )
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
    over = [r for r in results["runs"] if args.max_rss_mb and r["full_build"]["peak_rss_mb"] > args.max_rss_mb]
    for r in over:
        print(
            f"Memory regression: N = {r['n']} peaked at {r['full_build']['peak_rss_mb']} MB, over --max-rss-mb {args.max_rss_mb:g}"
        )
    if over:
        sys.exit(1)


if __name__ == "__main__":
    main()
