"""The build's output does not depend on the machine's locale: a build under a Russian locale is
byte-identical to one under C (month names come from Pelican's LOCALE setting, not the environment)."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def _build(out: Path, env: dict) -> None:
    pelican = Path(sys.executable).parent / "pelican"
    cmd = [str(pelican), str(ROOT / "content"), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out)]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]


def _differences(a: Path, b: Path) -> list[str]:
    cmp = filecmp.dircmp(a, b)
    out = [str(Path(a, n)) for n in cmp.diff_files + cmp.left_only + cmp.right_only]
    for sub in cmp.common_dirs:
        out += _differences(a / sub, b / sub)
    return out


def test_output_is_the_same_under_a_russian_locale(tmp_path):
    locales = tmp_path / "locales"
    locales.mkdir()
    # Compile ru_RU.UTF-8 from glibc's sources, so the test needs no installed locale.
    subprocess.run(["localedef", "-i", "ru_RU", "-f", "UTF-8", str(locales / "ru_RU.UTF-8")], check=True)
    base = {**os.environ, "DOSSIER_PROGRESS": "0"}
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import locale, time; locale.setlocale(locale.LC_ALL, ''); print(time.strftime('%B', (2024, 3, 30, 0, 0, 0, 0, 0, 0)))",
        ],
        env={**base, "LOCPATH": str(locales), "LC_ALL": "ru_RU.UTF-8"},
        capture_output=True,
        text=True,
    )
    assert check.stdout.strip() == "марта", "the Russian locale is in effect for the second build"
    _build(tmp_path / "c", {**base, "LC_ALL": "C.UTF-8"})
    _build(tmp_path / "ru", {**base, "LOCPATH": str(locales), "LC_ALL": "ru_RU.UTF-8", "LANG": "ru_RU.UTF-8"})
    assert _differences(tmp_path / "c", tmp_path / "ru") == []
