"""Shared fixtures: real Pelican builds of small content folders, as pelican-plugins/sitemap tests do."""

from __future__ import annotations

import json
import logging
import shutil
import sys
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
FIXTURES = Path(__file__).parent / "fixtures"


def build_site(
    tmp: Path, captures: dict[str, bytes] | None = None, content: Path | None = None, conf: str = "pelicanconf.py", **overrides
) -> Path:
    """Build a site from `captures` (name -> bytes) or an existing content folder; return the output folder."""
    if content is None:
        content = tmp / "content"
        (content / "captures").mkdir(parents=True)
        (content / "pages").mkdir()
        for name, data in (captures or {}).items():
            (content / "captures" / name).write_bytes(data)
    output = tmp / "output"
    settings = read_settings(str(ROOT / conf), override={"PATH": str(content), "OUTPUT_PATH": str(output), **overrides})
    Pelican(settings).run()
    return output


def load_export(output: Path) -> dict:
    return json.loads((output / "dossier.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled dossier, built once from a copy of content/."""
    tmp = tmp_path_factory.mktemp("bundled")
    shutil.copytree(ROOT / "content", tmp / "content")
    logging.getLogger("pelican").setLevel(logging.WARNING)
    return build_site(tmp, content=tmp / "content")


@pytest.fixture(scope="session")
def bundled_export(bundled_site) -> dict:
    return load_export(bundled_site)
