"""Pathological captures (issue 17's campaign): how long reading and cleaning, the whole per-capture
analysis (names, figures), and grouping its figure claims take on each. Every stage should be linear in its input.

    .venv/bin/python benchmarks/hostile.py [--clean-only]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

HEAD = "A headline for a hostile capture\n\nMarch 1, 2024\n\n"
CASES: dict[str, str] = {
    "brackets, 30 KB line": HEAD + "word [" * 5000 + "\n",
    "photographer / agency, 30 KB line": HEAD + "A. B / " * 5000 + "\n",
    "numbers in one sentence, 58 KB": HEAD + "12 people, " * 5000 + "\n",
    "claims in one sentence, 70 KB": HEAD + "12 killed and " * 5000 + "12 killed.\n",
    "years and claims in one sentence, 45 KB": HEAD + "in 2004, 12 killed; " * 2000 + "12 killed.\n",
    # Grouping reads a counted claim's place names only where a claim set aside names one: one such, 5000 counted.
    "claims beside one of another event, 70 KB": HEAD + "12 killed and " * 5000 + "12 killed; in 2004 in Beslan, 12 killed.\n",
    "lowercase blocks, 620 KB": HEAD + "\n\n".join(["and then some words without end"] * 20000) + "\n",
    'runs of !?)]", 12 KB': HEAD + '!?)]"' * 2400 + "\n",
    "one 1 MB line": HEAD + "The Kremlin said it. " * 50000 + "\n",
    "20,000 menu lines": HEAD + "\n".join(f"Line {i} of the menu" for i in range(20000)) + "\n",
    "one name repeated, 70 KB": HEAD + "Dmitry Peskov and " * 4000 + "Dmitry Peskov.\n",
}


def main() -> None:
    from dossier.build.analyse import Config, analyse
    from dossier.capture import read_capture
    from dossier.clean import clean
    from dossier.extract.entities import EntityRegistry
    from dossier.extract.figures import group
    from dossier.outlets import load_registry

    registry = load_registry()
    config = Config(registry, EntityRegistry(), 5_000_000)
    clean_only = "--clean-only" in sys.argv
    print(f"{'capture':<44}{'read+clean':>12}{'' if clean_only else 'whole analysis':>16}{'' if clean_only else 'grouping':>10}")
    for name, text in CASES.items():
        data = text.encode()
        started = time.perf_counter()
        capture = read_capture("x.txt", data, 5_000_000)
        if hasattr(capture, "lines"):
            clean(capture, registry)
        cleaning = time.perf_counter() - started
        whole = ""
        if not clean_only:
            started = time.perf_counter()
            analysis = analyse("x.txt", data, config)
            whole = f"{time.perf_counter() - started:>15.2f}s"
            for c in analysis.claims:
                c.article, c.source, c.date = "x", "Outlet", "2024-03-01"
            started = time.perf_counter()
            group(analysis.claims)
            whole += f"{time.perf_counter() - started:>9.2f}s"
        print(f"{name:<44}{cleaning:>11.2f}s{whole}")


if __name__ == "__main__":
    main()
