"""`invoke inspect PATH` shows editors the cleaned article and every removed line with its rule."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT

INVOKE = Path(sys.executable).parent / "invoke"


def run(path: Path) -> str:
    return subprocess.run([str(INVOKE), "inspect", str(path)], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_inspect_prints_article_and_removed_lines():
    out = run(ROOT / "content" / "captures" / "000_a299375b2d969efe.txt")
    assert "title       Putin pained by Moscow attack, even if not visible — Kremlin" in out
    assert "## What the Kremlin said" in out
    assert "Sputnik/Pavel Byrkin/Kremlin/REUTERS" in out
    assert "    1  skip-link          1. Skip to content" in out


def test_inspect_explains_a_rejection(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert run(empty).strip() == "REJECTED empty.txt: empty file"


def test_inspect_html_capture():
    out = run(FIXTURES / "gold" / "cnn_page.html")
    assert "html-navigation" in out and "Anna Chernova" in out
