"""Cleaning quality on the gold set (tests/fixtures/gold), scored like the ScrapingHub
article-extraction-benchmark: precision, recall and F1 of shared 4-word sequences (shingles)
between the cleaned body and the gold body, plus exact match on each metadata field.

    .venv/bin/python benchmarks/quality.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from dossier.build.pipeline import process  # noqa: E402
from dossier.outlets import load_registry  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "gold"
FIELDS = ("title", "date", "source", "byline", "authors", "agencies", "original_url", "lede")


def shingles(text: str, n: int = 4) -> Counter:
    words = text.split()
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def body_scores(predicted: str, gold: str) -> tuple[float, float]:
    p, g = shingles(predicted), shingles(gold)
    common = sum((p & g).values())
    precision = common / sum(p.values()) if p else (1.0 if not g else 0.0)
    recall = common / sum(g.values()) if g else 1.0
    return precision, recall


def score(gold_dir: Path = GOLD) -> dict:
    registry = load_registry()
    rows = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        capture = next(p for p in gold_dir.iterdir() if p.stem == gold_file.stem and p.suffix != ".json")
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        article = process(capture.name, capture.read_bytes(), registry, 5_000_000)
        predicted = getattr(article, "paragraphs", [])
        precision, recall = body_scores("\n".join(predicted), "\n".join(gold["paragraphs"]))
        fields = {f: getattr(article, f, None) == gold[f] for f in FIELDS}
        fields["subheadings"] = getattr(article, "subheadings", None) == gold["subheadings"]
        fields["related"] = getattr(article, "related", None) == gold["related"]
        if "captions" in gold:
            got = [{"text": c.text, "credit": c.credit} for c in getattr(article, "captions", [])]
            fields["captions"] = got == gold["captions"]
        rows.append({"capture": capture.name, "precision": precision, "recall": recall, "fields": fields})
    n = len(rows)
    precision = sum(r["precision"] for r in rows) / n
    recall = sum(r["recall"] for r in rows) / n
    checks = [ok for r in rows for ok in r["fields"].values()]
    return {
        "captures": n,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "metadata_exact": sum(checks) / len(checks),
        "rows": rows,
    }


def main() -> None:
    result = score()
    for r in result["rows"]:
        wrong = [f for f, ok in r["fields"].items() if not ok]
        print(
            f"{r['capture']:<28} P {r['precision']:.3f}  R {r['recall']:.3f}  {'wrong: ' + ', '.join(wrong) if wrong else 'metadata ok'}"
        )
    print(
        f"\n{result['captures']} captures  precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}  metadata exact {result['metadata_exact']:.1%}"
    )


if __name__ == "__main__":
    main()
