"""A build stopped by Ctrl-C, SIGTERM or SIGKILL: the worker processes stop with it, the build exits
non-zero (128 + the signal, as a shell expects), and the cache holds only whole files.

Each test runs `pelican` in a process of its own over enough generated captures (benchmarks/corpus.py)
to start the worker pool, and sends the signal once the workers are at work."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from dossier.build import analyse
from dossier.build.analyse import decode

CAPTURES = 48  # over analyse.POOL_THRESHOLD, and enough work for two workers to be stopped in the middle


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    assert analyse.POOL_THRESHOLD < CAPTURES
    folder = tmp_path_factory.mktemp("faults") / "content"
    (folder / "captures").mkdir(parents=True)
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(CAPTURES), str(folder / "captures")],
        check=True,
        capture_output=True,
    )
    return folder


def children(pid: int) -> set[int]:
    """Processes whose parent is `pid` (from /proc: no psutil needed)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    """Running, or stopped but not yet reaped by anyone (a zombie is no running worker, but its parent
    should have waited for it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "X"
    except OSError:
        return False


def start_build(content: Path, tmp_path: Path) -> tuple[subprocess.Popen, set[int]]:
    """A build of `content` in a new process group, once its worker pool is working: (process, workers)."""
    cmd = [
        sys.executable, "-m", "pelican", str(content), "-o", str(tmp_path / "output"), "-s", str(ROOT / "pelicanconf.py"),
        "-e", f'DOSSIER_CACHE_DIR="{tmp_path / "cache"}"', "DOSSIER_WORKERS=2",
    ]  # fmt: skip
    build = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 2 or not list((tmp_path / "cache").rglob("*.json")):
        assert build.poll() is None, build.stdout.read().decode()
        assert time.monotonic() < deadline, "the worker pool never started"
        workers = children(build.pid)
        time.sleep(0.05)
    return build, workers


def assert_cache_whole(cache: Path) -> None:
    assert not list(cache.rglob("*.tmp")), "a partial cache file is left"
    files = list(cache.rglob("*.json"))
    assert files
    for f in files:
        decode(f.read_bytes(), f.stem)


@pytest.mark.parametrize(
    "signum, group",
    [(signal.SIGINT, True), (signal.SIGTERM, False)],
    ids=["ctrl-c to the process group", "sigterm to the build"],
)
def test_a_stopped_build_stops_its_workers_and_exits_non_zero(content, tmp_path, signum, group):
    build, workers = start_build(content, tmp_path)
    if group:  # what a terminal does on Ctrl-C: every process of the foreground group gets SIGINT
        os.killpg(build.pid, signum)
    else:
        build.send_signal(signum)
    try:
        output, _ = build.communicate(timeout=60)
    finally:
        build.kill()
    assert build.returncode == 128 + signum, output.decode()
    assert f"Build stopped by {signal.Signals(signum).name}" in output.decode()
    assert not (tmp_path / "output" / "dossier.json").exists(), "the signal came after the build"
    assert not [pid for pid in workers if alive(pid)], "a worker process outlived the build"
    assert not children(build.pid)
    assert_cache_whole(tmp_path / "cache")


def test_workers_die_with_a_killed_build(content, tmp_path):
    """SIGKILL cannot be caught: the kernel stops the workers when their parent dies (PR_SET_PDEATHSIG)."""
    build, workers = start_build(content, tmp_path)
    build.kill()
    build.wait(timeout=30)
    deadline = time.monotonic() + 20
    while [pid for pid in workers if alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if alive(pid)], "a worker process outlived the build"
    # What the workers were writing when they died is no cache file: the next build that opens the cache removes
    # it. That build may be of fewer captures (the cache is the same, its files keyed by the code and settings).
    again = tmp_path / "again"
    (again / "captures").mkdir(parents=True)
    first = sorted((content / "captures").iterdir())[0]
    (again / "captures" / first.name).write_bytes(first.read_bytes())
    build = subprocess.run(
        [sys.executable, "-m", "pelican", str(again), "-o", str(tmp_path / "output"), "-s", str(ROOT / "pelicanconf.py"),
         "-e", f'DOSSIER_CACHE_DIR="{tmp_path / "cache"}"', "DOSSIER_WORKERS=1"],
        cwd=ROOT, capture_output=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout.decode() + build.stderr.decode()
    assert (tmp_path / "output" / "dossier.json").is_file()
    assert_cache_whole(tmp_path / "cache")
