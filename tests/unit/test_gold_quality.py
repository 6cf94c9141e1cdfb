"""Measured cleaning quality on the gold set, against the targets in the README."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from quality import GOLD, body_scores, score


def test_gold_set_covers_the_formats_it_claims():
    captures = [p for p in GOLD.iterdir() if p.suffix != ".json"]
    assert len({p.stem.split("_")[0] for p in captures}) >= 8  # outlet styles
    assert sum(p.suffix in {".html", ".htm"} for p in captures) >= 2
    raw = {p.name: p.read_bytes() for p in captures}
    assert any("â€™".encode() in data for data in raw.values()), "a mojibake capture"
    assert any(b"\r\n" in data for data in raw.values()), "a CRLF capture"
    assert any(data.startswith(b"\xff\xfe") for data in raw.values()), "a UTF-16 capture"


def test_scorer_punishes_missing_and_extra_text():
    gold = "one two three four five six seven"
    assert body_scores(gold, gold) == (1.0, 1.0)
    precision, recall = body_scores(gold + " Share this article on Facebook now", gold)
    assert precision < 0.6 and recall == 1.0
    precision, recall = body_scores("one two three four", gold)
    assert precision == 1.0 and recall < 0.3


def test_gold_targets_met():
    result = score()
    failures = [
        (r["capture"], [f for f, ok in r["fields"].items() if not ok]) for r in result["rows"] if not all(r["fields"].values())
    ]
    assert failures == []
    assert result["precision"] >= 0.97
    assert result["recall"] >= 0.99
    assert result["metadata_exact"] == 1.0
