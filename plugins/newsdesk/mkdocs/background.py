"""Work the build need not wait for: done by a second process while MkDocs goes on with one core.

At 10,000 stories, newsdesk's story headers and calendar pages take seconds to render and its 10,000
one-story feeds take seconds of the file system's time, while MkDocs renders pages on one core. A forked
child does these jobs, one after another, on the other core; the build asks for each job's result when it
needs it. A thread would not do: the build keeps the GIL busy, and a thread waking from each file's system
call would wait for it every time.

A fork is only safe while the process has one thread (a forked child gets copies of other threads' locks
but not the threads that would release them; `mkdocs serve` runs a server thread), and only Linux forks
well (macOS system libraries do not survive it). Anywhere else each job runs in the process, the first
time its result is asked for.
"""

from __future__ import annotations

import gc
import multiprocessing
import sys
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkProcess


class BackgroundError(Exception):
    """A job failed; the message says what happened, in one line, without a traceback."""


def can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


class Background:
    """`jobs` done in order by a forked child when that is safe, otherwise each when it is asked for.

    A job's result must pickle (it comes back through a pipe). `result(i)` waits for job i alone;
    `wait()` for all of them. Both raise BackgroundError if the job failed."""

    def __init__(self, jobs: Sequence[Callable[[], Any]], *, fork: bool | None = None) -> None:
        self._jobs = list(jobs)
        self._outcomes: list[tuple[bool, Any]] = []
        """(succeeded, result or failure message) of each job done so far, in order."""
        self._process: ForkProcess | None = None
        self._results: Connection | None = None
        self._lost = ""
        if fork if fork is not None else can_fork():
            context = multiprocessing.get_context("fork")
            self._results, sending = context.Pipe(duplex=False)
            self._process = context.Process(
                target=_run_all, args=(self._jobs, sending), name="newsdesk-background", daemon=True
            )
            # Objects that exist now stay out of both processes' garbage collections until the child has
            # gone: a collection writes to every object it visits, which would copy the pages the two
            # processes share.
            gc.freeze()
            self._process.start()
            sending.close()  # the child's copy is the one that writes
            # The child has its own copy of the jobs; what they hold (a feed writer's 20 MB of events)
            # need not live on here until the build ends.
            self._jobs = [_done_elsewhere] * len(self._jobs)
        self.in_background = self._process is not None
        """Whether a second process does the jobs."""

    def result(self, index: int) -> Any:
        """Job `index`'s result, once it is done."""
        while len(self._outcomes) <= index:
            self._outcomes.append(self._next_outcome())
        succeeded, value = self._outcomes[index]
        if not succeeded:
            raise BackgroundError(value)
        return value

    def wait(self) -> None:
        """Block until every job is done and the child has gone; raise the first failure."""
        for index in range(len(self._jobs)):
            self.result(index)
        self._finish()

    def _next_outcome(self) -> tuple[bool, Any]:
        if not self.in_background:
            return _outcome(self._jobs[len(self._outcomes)])
        if self._results is None:  # the child is gone: the jobs it had not done are lost with it
            return False, self._lost
        try:
            outcome: tuple[bool, Any] = self._results.recv()
        except EOFError:  # the child died without a word: killed, or out of memory
            exit_code = self._finish()
            self._lost = f"the background process stopped with exit code {exit_code}"
            return False, self._lost
        return outcome

    def _finish(self) -> int | None:
        """Reap the child; its exit code."""
        exit_code = None
        if self._process is not None and self._results is not None:
            self._process.join()
            gc.unfreeze()
            exit_code = self._process.exitcode
            self._results.close()
            self._process = self._results = None
        return exit_code


def _done_elsewhere() -> None:  # pragma: no cover - stands in for a job the child does
    raise AssertionError("a forked child's job was run in the parent")


def _outcome(job: Callable[[], Any]) -> tuple[bool, Any]:
    try:
        return True, job()
    except Exception as error:  # reported by result(), in the build's own process, as one line
        return False, str(error) if isinstance(error, OSError) else f"{type(error).__name__}: {error}"


def _run_all(jobs: Sequence[Callable[[], Any]], results: Connection) -> None:
    for job in jobs:
        results.send(_outcome(job))
    results.close()
