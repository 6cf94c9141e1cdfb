"""Work done in a second process while Pelican writes pages (both cores busy): the search index.

The child is forked, so it inherits the dossier as it is in memory (nothing large is pickled on the way
in); only the result comes back, through a pipe. It dies with its parent (analyse.die_with_parent).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

from .analyse import die_with_parent

log = logging.getLogger(__name__)
T = TypeVar("T")


def _child(work: Callable[[], object], send: Connection, parent: int) -> None:
    die_with_parent(parent)
    try:
        send.send(("ok", work()))
    except BaseException:  # the parent reports it and does the work itself
        send.send(("error", traceback.format_exc()))
    finally:
        send.close()


class Background(Generic[T]):
    """`work()` run in a forked child; `result()` waits for it. Should the child fail or die, `result()` logs
    why and runs `work()` here instead, so the build never loses what the child was making."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.work = work
        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_child, args=(work, send, os.getpid()), daemon=True)
        self.process.start()
        send.close()  # the child holds its end; the parent's copy closed, a dead child reads as end of file

    def result(self) -> T:
        try:
            status, value = self.receive.recv()
        except (EOFError, OSError):
            status, value = "died", None
        finally:
            self.receive.close()
            self.process.join()
        if status == "died":
            value = f"the process stopped (exit code {self.process.exitcode})"
        if status == "ok":
            return value
        log.warning("Background work failed, doing it in the build's process: %s", value)
        return self.work()

    def stop(self) -> None:
        """Stop the child now (on Ctrl-C or SIGTERM); its work is lost."""
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join(5)
