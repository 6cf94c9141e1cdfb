"""Tasks behind the Makefile: `invoke --list` shows them all."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).parent
BIN = Path(sys.executable).parent


def q(path) -> str:
    return shlex.quote(str(path))


def _bin(name: str) -> str:
    """A program in the virtual environment, quoted: the project may live in a path with spaces."""
    return shlex.quote(str(BIN / name))


PELICAN = f"{_bin('pelican')} content -o output"


@task
def build(c, settings="pelicanconf.py"):
    """Build the dossier into output/ (local, relative links)."""
    c.run(f"{PELICAN} -s {settings}", pty=False)


@task
def check(c, settings="pelicanconf.py"):
    """Check the editor files (editorial, entities, topics) against their schemas; no build."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from pelican.settings import read_settings

    from dossier.extract.editor_files import EditorFileError, load_for_settings

    try:
        files = load_for_settings(read_settings(str(ROOT / settings)))
    except EditorFileError as e:
        sys.exit(str(e))
    print(
        f"Editor files OK: {len(files.overrides)} editorial override(s), "
        f"{len(files.entities.entities)} registered entities, {len(files.topics)} topics"
    )


@task
def serve(c, port=8000):
    """Build, then preview on http://127.0.0.1:PORT/ with auto-reload."""
    c.run(f"{PELICAN} -s pelicanconf.py --listen --autoreload --port {int(port)} --bind 127.0.0.1")


# Tests that need Chromium, the Nu HTML checker (Java) or the benchmark harness; markers in pyproject.toml.
SLOW_MARKERS = "browser or nu or bench"


@task
def test(c, args=""):
    """Run the whole test suite (`make test` first installs Chromium, Java and GNU time if missing)."""
    c.run(f"{_bin('pytest')} {args}", pty=False)


@task
def test_fast(c, args=""):
    """Run every test except the browser, Nu HTML checker and benchmark smoke tests, on every core (pytest-xdist)."""
    # Property tests run half their examples here (tests/conftest.py, DOSSIER_TEST_EXAMPLES); `make test` runs all.
    c.run(
        f"{_bin('pytest')} -n auto -m {shlex.quote(f'not ({SLOW_MARKERS})')} {args}",
        pty=False,
        env={"DOSSIER_TEST_EXAMPLES": "0.5"},
    )


@task
def lint(c):
    """ruff check and format check, then mypy (its settings in pyproject.toml)."""
    c.run(f"{_bin('ruff')} check .")
    c.run(f"{_bin('ruff')} format --check .")
    c.run(_bin("mypy"))


@task
def clean(c):
    """Remove build output and caches."""
    c.run("rm -rf output .dossier-cache .pytest_cache")


@task
def inspect(c, path):
    """Print a capture's cleaned article and every removed line with its rule."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from dossier.cleaning_report import report

    print(report(Path(path)))


def _siteurl(siteurl: str) -> dict:
    env = dict(os.environ)
    if siteurl:
        env["SITEURL"] = siteurl
    if not env.get("SITEURL"):
        sys.exit("Set the published address: make publish SITEURL=https://owner.github.io/repo (or SITEURL in the environment)")
    return env


@task
def publish(c, siteurl=""):
    """Build with publishconf.py into output/; SITEURL from --siteurl or the environment."""
    c.run(f"{PELICAN} -s publishconf.py", env=_siteurl(siteurl))


@task
def gh_pages(c, siteurl="", remote="origin", branch="gh-pages"):
    """Publish build, then push output/ to the gh-pages branch of REMOTE with ghp-import (.nojekyll included)."""
    publish(c, siteurl=siteurl)
    message = "Publish the dossier"
    c.run(
        f"{_bin('ghp-import')} --no-jekyll --push --force --remote {shlex.quote(remote)} --branch {shlex.quote(branch)} --message {shlex.quote(message)} output"
    )


@task
def archive(c, name="dossier-site.zip"):
    """Build (local settings) and zip output/ for offline reading; the zip is byte-identical for the same input."""
    build(c)
    from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

    target = ROOT / name
    with ZipFile(target, "w", ZIP_DEFLATED) as zf:
        for path in sorted((ROOT / "output").rglob("*")):
            if path.is_file():
                info = ZipInfo(("dossier/" + path.relative_to(ROOT / "output").as_posix()), date_time=(2024, 1, 1, 0, 0, 0))
                info.compress_type = ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, path.read_bytes())
    print(f"Wrote {target.relative_to(ROOT)}: unzip it anywhere and open dossier/index.html")


@task
def bench_quality(c, folder="../shared/realworld"):
    """Score both capture paths on real pages with gold bodies (default ../shared/realworld), trafilatura beside."""
    c.run(
        f"{shlex.quote(sys.executable)} benchmarks/realworld.py {shlex.quote(folder)} --json benchmarks/realworld-results.json",
        pty=False,
    )


@task
def bench(c, sizes="100 1000 5000", repeat=2):
    """Run the benchmark harness; write benchmarks/results.json and the README table."""
    c.run(f"{shlex.quote(sys.executable)} benchmarks/run.py --sizes {sizes} --repeat {int(repeat)} --readme", pty=False)


@task
def profile(c, n=1000):
    """Profile a full build of N generated captures with pyinstrument (benchmarks/work/profile.html)."""
    work = ROOT / "benchmarks" / "work" / f"profile-{int(n)}"
    c.run(f"rm -rf {q(work)} && {q(sys.executable)} benchmarks/corpus.py {int(n)} {q(work / 'content' / 'captures')}")
    c.run(f"cp content/entities.toml content/topics.toml {q(work / 'content')}/")
    c.run(
        f"{_bin('pyinstrument')} -r html -o benchmarks/work/profile.html {_bin('pelican')} {q(work / 'content')} -s pelicanconf.py -o {q(work / 'out')}"
    )
