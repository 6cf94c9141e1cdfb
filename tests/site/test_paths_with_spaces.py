"""The project works from a folder whose path has spaces in it: the invoke tasks quote every path."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_build_task_in_a_path_with_spaces(tmp_path):
    project = tmp_path / "my dossier (copy)" / "crocus dossier"
    # The project as a clone has it: not the local caches, nor the benchmark harness's generated corpora.
    skip = shutil.ignore_patterns(
        ".venv", "node_modules", "output", ".dossier-cache", ".git", "output-*", "*_cache", ".hypothesis"
    )
    shutil.copytree(
        ROOT,
        project,
        ignore=lambda folder, names: skip(folder, names) | ({"work"} if Path(folder).name == "benchmarks" else set()),
    )
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    # The virtual environment inside the project, as `make build` makes it: its path has the spaces too.
    (project / ".venv").symlink_to(Path(sys.executable).parent.parent)
    python = project / ".venv" / "bin" / "python"
    result = subprocess.run([str(python), "-m", "invoke", "build"], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    index = project / "output" / "index.html"
    assert index.is_file() and "Crocus" in index.read_text(encoding="utf-8")
