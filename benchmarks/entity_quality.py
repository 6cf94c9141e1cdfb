"""Entity detection quality: precision and recall for named people and organisations (groups count
as organisations) against tests/fixtures/entities_gold.json, per article.

A predicted name matches a gold name of the same kind when rapidfuzz's token_set_ratio is >= 90,
so "Ministry of Labour" matches "Ministry of Labour, Migration and Employment".

    .venv/bin/python benchmarks/entity_quality.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rapidfuzz import fuzz, utils

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from dossier.build.pipeline import process  # noqa: E402
from dossier.extract.entities import find_in_article, load_registry  # noqa: E402
from dossier.model import Rejection  # noqa: E402
from dossier.outlets import load_registry as load_outlets  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "entities_gold.json"
KIND = {"person": "people", "organisation": "organisations", "group": "organisations"}


def _locate(name: str) -> Path:
    for folder in (ROOT / "content" / "captures", ROOT / "tests" / "fixtures" / "gold"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(name)


def score(registry_file: Path = ROOT / "content" / "entities.toml") -> dict:
    gold = {k: v for k, v in json.loads(GOLD.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    registry = load_registry(registry_file)
    outlets = load_outlets()
    tp = fp = fn = 0
    misses, junk = [], []
    for name, expected in sorted(gold.items()):
        path = _locate(name)
        article = process(name, path.read_bytes(), outlets, 5_000_000)
        assert not isinstance(article, Rejection), article
        found, _ = find_in_article(article.paragraphs, registry)
        for kind in ("people", "organisations"):
            predicted = sorted({f.name for f in found if KIND.get(f.type) == kind})
            wanted = list(expected[kind])
            for p in predicted:
                hit = next((g for g in wanted if fuzz.token_set_ratio(p, g, processor=utils.default_process) >= 90), None)
                if hit:
                    tp += 1
                    wanted.remove(hit)
                else:
                    fp += 1
                    junk.append(f"{name}: {p} ({kind})")
            fn += len(wanted)
            misses += [f"{name}: {g} ({kind})" for g in wanted]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"articles": len(gold), "true_positives": tp, "precision": precision, "recall": recall, "missed": misses, "junk": junk}


if __name__ == "__main__":
    result = score()
    for line in result["missed"]:
        print("missed", line)
    for line in result["junk"]:
        print("junk  ", line)
    print(
        f"{result['articles']} articles, {result['true_positives']} names found  precision {result['precision']:.3f}  recall {result['recall']:.3f}"
    )
