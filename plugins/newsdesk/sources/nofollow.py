"""Looking at files without following a link or opening anything but a regular file.

`read_regular` reads a regular file and refuses a link, named pipe, device or socket without waiting on
it; `list_folder` lists a folder sorted by name; `report_special` and `scan_unsafe` turn the links and
special files they meet into `Problem`s, never following or opening them. So no file of a pull request
can make newsdesk read, wait on or publish a file of the build machine. `file_problem` and
`printable_path` name a path in a problem even when its bytes are not UTF-8.
"""

from __future__ import annotations

import os
import stat

from newsdesk.core.problems import Problem

_NO_FOLLOW = (
    os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
)
_CHUNK = 64 * 1024
_KINDS = (
    (stat.S_ISFIFO, "named pipe (FIFO)"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "device"),
    (stat.S_ISBLK, "device"),
)


def read_regular(path: str, limit: int) -> bytes:
    """At most `limit` bytes of the regular file at `path`; OSError for a link or a special file, which
    are never opened for reading (O_NOFOLLOW, and O_NONBLOCK so that not even a FIFO waits)."""
    descriptor = os.open(path, _NO_FOLLOW)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file")
        # Plain reads until the end or the limit, as a buffered file's read does, without making one. Each
        # read allocates what it asks for: the first asks for the file's size and a byte more (to see its
        # end), not for the limit; later ones (a file that grew) for a chunk at a time.
        chunks = []
        want = info.st_size + 1
        while limit > 0 and (chunk := os.read(descriptor, min(want, limit))):
            chunks.append(chunk)
            limit -= len(chunk)
            want = _CHUNK
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def list_folder(path: str, shown: str, problems: list[Problem]) -> list[os.DirEntry[str]]:
    """The entries of the folder `path`, sorted by name (none, and a problem, when it cannot be read)."""
    try:
        with os.scandir(path) as scan:
            return sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        problems.append(file_problem(shown, 0, f"cannot read the folder: {exc.strerror}"))
        return []


def report_special(entry: os.DirEntry[str], shown: str, problems: list[Problem]) -> bool:
    """Report a link or special file; True if `entry` was one (it is then never opened or followed)."""
    if entry.is_symlink():
        mode = stat.S_IFLNK
    elif entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False):
        return False
    else:
        try:
            mode = entry.stat(follow_symlinks=False).st_mode  # lstat: nothing is opened
        except OSError:
            mode = 0
    problems.append(link_or_special(shown, mode))
    return True


def link_or_special(shown: str, mode: int) -> Problem:
    """The problem with a symbolic link or a file that is neither a regular file nor a folder."""
    if stat.S_ISLNK(mode):
        message = "a symbolic link: newsdesk never follows links, and neither the calendar nor the site gets what it points to"
        return file_problem(shown, 0, message, "replace the link with the file or folder itself")
    kind = next((name for test, name in _KINDS if test(mode)), "special file")
    return file_problem(shown, 0, f"a {kind}, not a file: newsdesk never opens it", "remove it")


def scan_unsafe(top: str, shown_top: str, found: list[Problem]) -> None:
    """Links and special files below the folder `top`, at any depth (a stack: no recursion limit)."""
    stack = [(top, shown_top)]
    while stack:
        path, shown = stack.pop()
        for entry in list_folder(path, shown, found):
            if not report_special(entry, f"{shown}/{entry.name}", found) and entry.is_dir(
                follow_symlinks=False
            ):
                stack.append((entry.path, f"{shown}/{entry.name}"))


def file_problem(shown: str, line: int, message: str, hint: str = "") -> Problem:
    """A problem with the file or folder `shown`, its path made printable."""
    return Problem(printable_path(shown), line, 0, message, hint)


def printable_path(path: str) -> str:
    """A path fit to print: bytes that are not UTF-8 (kept by the OS as surrogates) become U+FFFD."""
    if path.isascii():
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
