"""Shared fixtures: real Pelican builds of small content folders, as pelican-plugins/sitemap tests do."""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
# Property tests run this share of their examples: `make test` runs them all, `make test-fast` half
# (DOSSIER_TEST_EXAMPLES=0.5), so that the quick loop stays quick and the whole suite stays thorough.
EXAMPLES_SHARE = float(os.environ.get("DOSSIER_TEST_EXAMPLES", "1"))


def examples(n: int) -> int:
    """A property test's number of examples, scaled by DOSSIER_TEST_EXAMPLES (never under 5)."""
    return max(5, round(n * EXAMPLES_SHARE))


sys.path.insert(0, str(ROOT / "plugins"))
FIXTURES = Path(__file__).parent / "fixtures"


# What a test needs beyond Python, by module, or by test where a module mixes kinds (markers in pyproject.toml).
NEEDS = {
    "test_pages_browser.py": "browser",
    "test_pages_browser.py::test_every_page_passes_the_nu_html_checker": "nu",
    "test_search_browser.py": "browser",
    "test_publish.py::test_archive_works_offline_when_unzipped": "browser",
    "test_benchmark_smoke.py::test_harness_runs_and_the_build_is_correct": "bench",
}


def _needs(item: pytest.Item) -> str | None:
    module = item.path.name
    named = NEEDS.get(f"{module}::{getattr(item, 'originalname', item.name)}") or NEEDS.get(module)
    if named:
        return named
    if "browser" in item.path.parent.parts[-1:]:
        return "browser"  # tests/browser/: real Chromium, every one
    # A browser test added anywhere else still stays out of the fast loop.
    code = getattr(getattr(item, "function", None), "__code__", None)
    if "browser" in getattr(item, "fixturenames", ()) or (code is not None and "chromium" in code.co_names):
        return "browser"
    return None


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if need := _needs(item):
            item.add_marker(need)


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
