"""The benchmark harness runs end to end on a small corpus (N = 100). It checks correctness, not time:
speed is measured by `make bench`, never asserted in tests."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus


def test_corpus_is_deterministic_and_varied(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    corpus.write(30, a)
    corpus.write(30, b)
    files = sorted(p.name for p in a.iterdir())
    assert files == sorted(p.name for p in b.iterdir())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    assert {f.rsplit(".", 1)[1] for f in files} == {"txt", "html"}
    assert len({f.split("_")[1].split(".")[0] for f in files}) >= 8
    words = [len(" ".join(corpus.article(i)[2]["paragraphs"]).split()) for i in range(30)]
    assert min(words) >= 600


def test_harness_runs_and_the_build_is_correct(tmp_path):
    out = tmp_path / "results.json"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--sizes",
            "100",
            "--repeat",
            "1",
            "--output",
            str(out),
            "--work",
            str(tmp_path / "work"),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    results = json.loads(out.read_text())
    (run,) = results["runs"]
    assert run["n"] == 100 and run["articles_built"] == 101  # 100, then one more for the rebuild
    assert run["full_build"]["median_s"] > 0 and run["plain_pelican"]["median_s"] > 0
    assert run["search_index"]["files"] > 10
    browser = run["browser"]
    assert browser["first_query_hits"] > 0, "the first query finds articles"
    assert browser["hits"]["Zakharova"] > 0 and browser["hits"]["Krasnog"] > 0
    assert browser["first_query_files"] >= 3
    export = json.loads((tmp_path / "work" / "100" / "out" / "dossier.json").read_text())
    assert export["duplicates"] == [] and export["rejected"] == []
    assert {f["measure"] for f in export["figures"]} >= {"killed", "wounded", "detained"}
