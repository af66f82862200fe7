"""git, run for newsdesk: one place that finds the executable, runs it and words its failures.

`newsdesk diff` reads story files at two revisions straight from git's object store (`ls-tree`, one
`cat-file --batch`), without a checkout; the feeds read each story file's history (`history.py`). Paths
are never quoted (`core.quotepath=false`) and come NUL-separated wherever git offers it, so a file name
with a tab or a line break is one path, not two.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import TYPE_CHECKING

from newsdesk.core.problems import printable

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path


class GitError(Exception):
    """git is missing, the folder is not a repository, or a revision does not exist."""

    def __init__(self, message: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing
        """git itself is not installed."""


class Git:
    """git in the work tree at `root`."""

    def __init__(self, root: Path) -> None:
        executable = shutil.which("git")
        if executable is None:
            raise GitError("git is not installed", missing=True)
        self.executable = executable
        self.root = root

    def run(self, *args: str, stdin: bytes = b"") -> bytes:
        try:
            done = subprocess.run(
                [self.executable, "-c", "core.quotepath=false", *args],
                cwd=self.root,
                input=stdin,
                capture_output=True,
                check=True,
            )
        except subprocess.CalledProcessError as exc:
            message = exc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(printable(message[-1]) if message else f"git {args[0]} failed") from None
        except OSError as exc:  # the folder is gone, or git cannot be started
            raise GitError(printable(f"git {args[0]} failed: {exc.strerror}")) from None
        return done.stdout

    def commit(self, revision: str) -> str:
        """The full id of the commit `revision` names."""
        if not revision or revision.startswith("-"):
            raise GitError(f"{revision!r} is not a revision")
        try:
            return self.run("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").decode().strip()
        except GitError:
            raise GitError(
                f"unknown revision {revision!r} (in a shallow clone, fetch more history)"
            ) from None

    def blobs(self, commit: str, folders: Sequence[str]) -> tuple[dict[str, str], dict[str, str]]:
        """Every regular file under `folders` at `commit` (path relative to the root -> blob id), and what
        is refused instead of read (path -> why): links, submodules, and paths with `.`, `..` or empty
        parts, which a hand-made tree can hold and which would write outside the scratch folder."""
        out = self.run("ls-tree", "-r", "-z", commit, "--", *folders)
        found, refused = {}, {}
        for record in out.decode("utf-8", "surrogateescape").split("\0"):
            if not record:
                continue
            meta, _, path = record.partition("\t")
            mode, kind, blob = meta.split(" ")
            if any(part in ("", ".", "..") for part in path.split("/")):
                refused[path] = "a path with '.', '..' or an empty part: newsdesk never reads it"
            elif kind == "blob" and mode in ("100644", "100755"):
                found[path] = blob
            elif mode == "120000":
                refused[path] = "a symbolic link: newsdesk never follows or publishes it"
            else:
                refused[path] = "a submodule or another kind of entry that is not a file: never published"
        return found, refused

    def contents(self, blobs: Iterable[str]) -> dict[str, bytes]:
        """The bytes of many blobs from one `git cat-file --batch`."""
        wanted = list(dict.fromkeys(blobs))
        if not wanted:
            return {}
        out = self.run("cat-file", "--batch", stdin=("\n".join(wanted) + "\n").encode())
        found: dict[str, bytes] = {}
        position = 0
        for blob in wanted:
            end = out.index(b"\n", position)
            header = out[position:end].decode().split(" ")
            if len(header) != 3:
                raise GitError(f"git cat-file could not read {blob}")
            size = int(header[2])
            found[blob] = out[end + 1 : end + 1 + size]
            position = end + 1 + size + 1  # the content is followed by a newline
        return found

    def renames(self, base: str, head: str, folder: str) -> dict[str, str]:
        """Files under `folder` that git sees as renamed from `base` to `head`: new path -> old path."""
        out = self.run(
            "diff", "--relative", "--name-status", "-z", "-M", "--diff-filter=R", base, head, "--", folder
        )
        fields = out.decode("utf-8", "surrogateescape").split("\0")
        found = {}
        for index in range(0, len(fields) - 2, 3):  # R<score>, old path, new path
            if fields[index].startswith("R"):
                found[fields[index + 2]] = fields[index + 1]
        return found
