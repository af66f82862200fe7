"""Work the build does not wait for: run in a second process while MkDocs renders the pages.

At 10,000 stories, writing the 10,000 one-story feeds behind "Add to calendar" is two seconds of the file
system's time, and MkDocs uses one core. A forked child writes them on the other core and the build only
waits for it at the end. A thread would not do: the build keeps the GIL busy, and a thread waking from each
file's system call would wait for it every time.

A fork is only safe while the process has one thread (a forked child gets copies of other threads' locks
but not the threads that would release them; `mkdocs serve` runs a server thread), and only Linux forks
well (macOS system libraries do not survive it). Anywhere else the work runs at once, in the process.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkProcess


class BackgroundError(Exception):
    """The work failed; the message says what happened, without a traceback."""


def can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


class Background:
    """`work` started in a forked child when that is safe, otherwise run now; `wait()` reports failures."""

    def __init__(self, work: Callable[[], None], *, fork: bool | None = None) -> None:
        self._process: ForkProcess | None = None
        self._result: Connection | None = None
        self._failure = ""
        if fork if fork is not None else can_fork():
            self._result, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
            self._process = multiprocessing.get_context("fork").Process(
                target=_run, args=(work, sending), name="newsdesk-background", daemon=True
            )
            self._process.start()
            sending.close()  # the child's copy is the one that writes
        else:
            self._failure = _failure_of(work)
        self.in_background = self._process is not None
        """Whether a second process does the work (else it is done already)."""

    def wait(self) -> None:
        """Block until the work is done; raise BackgroundError with its message if it failed."""
        if self._process is not None and self._result is not None:
            try:
                self._failure = self._result.recv()
            except EOFError:  # the child died without a word: killed, or out of memory
                self._failure = ""
            self._process.join()
            if not self._failure and self._process.exitcode != 0:
                self._failure = f"the background process stopped with exit code {self._process.exitcode}"
            self._result.close()
            self._process = self._result = None
        if self._failure:
            raise BackgroundError(self._failure)


def _failure_of(work: Callable[[], None]) -> str:
    try:
        work()
    except Exception as error:  # reported by wait(), in the build's own process, as one line
        return str(error) if isinstance(error, OSError) else f"{type(error).__name__}: {error}"
    return ""


def _run(work: Callable[[], None], result: Connection) -> None:
    result.send(_failure_of(work))
    result.close()
