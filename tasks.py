"""Tasks behind the Makefile: `invoke --list` shows them all."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).parent
BIN = Path(sys.executable).parent
PELICAN = f"{BIN / 'pelican'} content -o output"


@task
def build(c, settings="pelicanconf.py"):
    """Build the dossier into output/ (local, relative links)."""
    c.run(f"{PELICAN} -s {settings}", pty=False)


@task
def serve(c, port=8000):
    """Build, then preview on http://127.0.0.1:PORT/ with auto-reload."""
    c.run(f"{PELICAN} -s pelicanconf.py --listen --autoreload --port {int(port)} --bind 127.0.0.1")


@task
def test(c, args=""):
    """Run the whole test suite."""
    c.run(f"{BIN / 'pytest'} {args}", pty=False)


@task
def lint(c):
    """ruff check and format check."""
    c.run(f"{BIN / 'ruff'} check .")
    c.run(f"{BIN / 'ruff'} format --check .")


@task
def clean(c):
    """Remove build output and caches."""
    c.run("rm -rf output .dossier-cache .pytest_cache")


@task
def inspect(c, path):
    """Print a capture's cleaned article and every removed line with its rule."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from dossier.inspect import report

    print(report(Path(path)))


@task
def publish(c, siteurl=""):
    """Build with publishconf.py; SITEURL from --siteurl or the environment."""
    env = dict(os.environ)
    if siteurl:
        env["SITEURL"] = siteurl
    c.run(f"{PELICAN} -s publishconf.py", env=env)


def _quote(text: str) -> str:
    return shlex.quote(text)
