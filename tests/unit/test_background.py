"""The search index is built in a forked child while Pelican writes pages (build/background.py): its result
comes back whole, and when the child fails or dies the build does the work itself, losing nothing."""

from __future__ import annotations

import logging
import os

from dossier.build.background import Background


def test_the_work_runs_in_another_process_and_its_result_comes_back():
    parent = os.getpid()
    job = Background(lambda: (os.getpid(), "x" * 1_000_000))  # larger than a pipe's buffer
    pid, text = job.result()
    assert pid != parent and text == "x" * 1_000_000


def test_a_child_that_dies_is_replaced_by_the_work_done_here(caplog):
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            os._exit(3)  # as if killed, say by the kernel's out-of-memory killer
        return "made here"

    with caplog.at_level(logging.WARNING):
        assert Background(work).result() == "made here"
    assert "exit code 3" in caplog.text


def test_a_child_that_fails_is_reported_and_the_work_done_here(caplog):
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            raise ValueError("broken in the child")
        return "made here"

    with caplog.at_level(logging.WARNING):
        assert Background(work).result() == "made here"
    assert "broken in the child" in caplog.text


def test_stop_ends_the_child():
    import time

    job = Background(lambda: time.sleep(60))
    job.stop()
    assert not job.process.is_alive()
