"""When each story file last changed and how often, from one pass over `git log`.

The feeds need both: DTSTAMP and LAST-MODIFIED must come from the content, not the wall clock, so the
same commit builds the same bytes; and SEQUENCE must never go down. A file's sequence is the position of
the last commit that touched it in the repository's history (the oldest commit is 1): it grows whenever
the file changes or moves and never shrinks, even when a move is not recognised as a rename.

The pass covers the whole repository, from its top, with git's rename detection: a story follows its file
across a new date in its name, a new department folder, a renamed docs folder (`git mv content pages`) and
a configuration in a subfolder whose docs folder is elsewhere (`INHERIT`). A pure move (a rename with the
content unchanged) is not an edit: it leaves LAST-MODIFIED where the last edit put it.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.core.text import counted
from newsdesk.sources.git import Git, GitError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

RECORD = "\x1e"


@dataclass(frozen=True)
class FileHistory:
    modified: dt.datetime
    """The last commit that touched the file (UTC), or the fallback time."""
    created: dt.datetime
    sequence: int


@dataclass(frozen=True)
class History:
    files: Mapping[str, FileHistory]
    note: str = ""
    """Said once when the history could not come from git, so the build can log why."""

    def get(self, path: str, fallback: dt.datetime) -> FileHistory:
        return self.files.get(path) or FileHistory(fallback, fallback, 0)


def read_history(root: Path, paths: Iterable[str], environ: Mapping[str, str]) -> History:
    """History of `paths` (relative to `root`), from git when `root` is in a work tree."""
    wanted = set(paths)
    try:
        git = Git(root)
        top = Path(git.run("rev-parse", "--show-toplevel").decode("utf-8", "surrogateescape").strip())
        output = (
            Git(top)
            .run("log", "--format=" + RECORD + "%ct", "--name-status", "-M", "--no-color")
            .decode("utf-8", "surrogateescape")
        )
    except GitError as failure:
        reason = "git is not installed" if failure.missing else "this folder is not a git repository"
        return _fallback(root, wanted, environ, reason)
    # git names files from the repository's top; the caller, from the site's folder: the site's folder as
    # seen from the top is worked out once, not once a file (relpath makes both absolute each time).
    site_folder = Path(os.path.relpath(root, top)).as_posix()
    in_git = {posixpath.normpath(f"{site_folder}/{path}"): path for path in wanted}
    files = {in_git[path]: found for path, found in _parse_log(output, set(in_git)).items()}
    notes = [SHALLOW] if _is_shallow(git) else []
    missing = wanted - files.keys()
    if missing:  # new files not committed yet: say so, since their feed times change with every edit
        uncommitted = _fallback(
            root, missing, environ, f"{counted(len(missing), 'story is', 'stories are')} not committed yet"
        )
        files.update(uncommitted.files)
        notes.append(uncommitted.note)
    return History(files, "; ".join(notes))


SHALLOW = (
    "this git clone is shallow: feed times and SEQUENCE numbers only count the commits it has, so calendar"
    " apps may miss updates; clone the whole history (actions/checkout: fetch-depth: 0)"
)


def _is_shallow(git: Git) -> bool:
    """A shallow clone (CI's default depth of 1) truncates the history the sequence numbers count."""
    try:
        return git.run("rev-parse", "--is-shallow-repository").strip() == b"true"
    except GitError:
        return False


def _parse_log(output: str, wanted: set[str]) -> dict[str, FileHistory]:
    """Walk commits newest first; a rename makes the older name's commits count for the newer name."""
    current: dict[str, str] = {}  # a path as it was in older commits -> the path it has now
    times: dict[str, list[int]] = {}  # the commits that changed a file's content, newest first
    moved: dict[str, int] = {}  # a file's newest pure move, for a file no commit here ever edited
    last: dict[str, int] = {}  # a path -> the position of the newest commit that touched it
    records = output.split(RECORD)[1:]
    for newest_first, record in enumerate(records):
        lines = record.strip("\n").split("\n")
        stamp = int(lines[0])
        position = len(records) - newest_first
        for line in lines[1:]:
            if not line:
                continue
            fields = line.split("\t")
            status, path = fields[0], fields[-1]
            now = current.get(path, path)
            if status.startswith("R") and len(fields) == 3:
                current[fields[1]] = now
            last.setdefault(now, position)
            if status == "R100":
                moved.setdefault(now, stamp)
            else:
                times.setdefault(now, []).append(stamp)
    found = {}
    for path in wanted & last.keys():
        edits = times.get(path) or [moved[path]]
        found[path] = FileHistory(_utc(edits[0]), _utc(edits[-1]), last[path])
    return found


def _fallback(root: Path, paths: set[str], environ: Mapping[str, str], reason: str) -> History:
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    files = {}
    for path in paths:
        if epoch.isdigit():
            moment = _utc(int(epoch))
        else:
            try:
                moment = _utc(int(os.stat(root / path).st_mtime))
            except OSError:
                moment = _utc(0)
        files[path] = FileHistory(moment, moment, 0)
    source = "SOURCE_DATE_EPOCH" if epoch.isdigit() else "file modification times"
    note = f"{reason}: feed times come from {source}" if reason else ""
    return History(files, note)


def _utc(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC)
