"""Every entry under the stories folder, accounted for: a story to read, a checked image, or a `Problem`.

A story is `<department>/<yyyy-mm-dd>-<slug>.md`, where the slug is lower-case ASCII letters, digits and
single hyphens. Beside its stories a department folder may hold raster images named `<slug>.png` (or
`.jpg`, `.jpeg`, `.gif`, `.webp`), whose first bytes must be what the extension says, within a size
limit. Anything else there is an error naming the right name when there is one. The walk never follows
a symbolic link and never opens anything but a regular file (no named pipe, device or socket), so no
file of a pull request can make newsdesk read, wait on or publish a file of the build machine.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from newsdesk.core import dates, yamltext
from newsdesk.core.problems import Problem
from newsdesk.core.text import slugify

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Collection

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
STORY_NAME = re.compile(rf"(?P<date>\d{{4}}-\d{{2}}-\d{{2}})-(?P<slug>{SLUG})\.md")
IMAGE_NAME = re.compile(rf"(?P<slug>{SLUG})\.(?:png|jpg|jpeg|gif|webp)")
IMAGES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP"}
EXTENSION_OF = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WebP": ".webp"}
TEXT = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext", ".txt", ""})
"""Extensions (and none) of files that are meant as stories: the hint renames them to `.md`."""
DATE_PLACEHOLDER = "YYYY-MM-DD"
"""In a hint when the file name gives no date; `with_date` puts the story's in once it is known."""
_EXTENSION = re.compile(r"\.([A-Za-z][A-Za-z0-9]{0,9})\Z")
_DATE_START = re.compile(r"(\d{4})[-_. ]?(\d{2})[-_. ]?(\d{2})(?:[-_. ]+|\Z)")
_NO_FOLLOW = (
    os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
)
_KINDS = (
    (stat.S_ISFIFO, "named pipe (FIFO)"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "device"),
    (stat.S_ISBLK, "device"),
)


@dataclass(frozen=True)
class Entry:
    """A `.md` file directly in a department folder: read it, even when its name is wrong (`problem`),
    so the contributor learns every problem of the file at once."""

    path: str
    """Its path on this machine."""
    src_uri: str
    """Its path inside docs_dir, as MkDocs names it."""
    shown: str
    """Its path as problems name it."""
    department: str
    size: int
    mtime_ns: int
    problem: Problem | None = None


@dataclass
class Walk:
    stories: list[Entry] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    """The src_uri of each image that passed its checks: the only other files the build may copy."""
    problems: list[Problem] = field(default_factory=list)


def walk(
    docs_dir: str | os.PathLike[str],
    stories_dir: str,
    shown_docs_dir: str,
    departments: Collection[str],
    *,
    registry_folder: str = "calendar",
    max_image_kib: int = 2048,
) -> Walk:
    """Look at every entry under `docs_dir/stories_dir`, sorted by name, following no link."""
    result = Walk()
    top, inside = _top(docs_dir, stories_dir, shown_docs_dir, result.problems)
    if top is None:
        return result
    entries = _entries(top, inside, result.problems)
    by_case: dict[str, list[str]] = {}
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
            by_case.setdefault(entry.name.casefold(), []).append(entry.name)
    example = f"{inside}/{next(iter(departments), 'hr')}"
    for entry in entries:
        shown = f"{inside}/{entry.name}"
        if _special(entry, shown, result.problems) or _hidden(entry, shown, example, result.problems):
            continue
        if entry.is_file(follow_symlinks=False):
            text = _split(entry.name)[1] in TEXT
            what = "a story" if text else "this file"
            hint = f"move it to {inside}/<department>/, e.g. {example}/"
            result.problems.append(
                _problem(shown, int(text), f"{what} must be inside a department folder", hint)
            )
            continue
        twins = by_case[entry.name.casefold()]
        if len(twins) > 1:
            keys = [name for name in twins if name in departments] or [twins[0].lower()]
            message = f"the department folders {' and '.join(map(_quoted, twins))} differ only in case"
            result.problems.append(
                _problem(shown, 0, message, f"put all their files in one folder, '{keys[0]}'")
            )
        unknown = None
        if entry.name not in departments:
            hint = yamltext.did_you_mean(entry.name, departments) or (
                f"add '{entry.name}' to {registry_folder}/departments.yml, or move the file to one of: "
                f"{', '.join(departments)}"
            )
            unknown = _problem("", 1, f"unknown department folder {_quoted(entry.name)}", hint)
        for inner in _entries(entry.path, shown, result.problems):
            inner_shown = f"{shown}/{inner.name}"
            if _special(inner, inner_shown, result.problems):
                continue
            if _hidden(inner, inner_shown, shown, result.problems):
                continue
            if inner.is_dir(follow_symlinks=False):
                message = "a folder inside a department folder: newsdesk reads no story in it"
                result.problems.append(_problem(inner_shown, 0, message, f"move its files up into {shown}/"))
                _scan_unsafe(inner.path, inner_shown, result.problems)
                continue
            src_uri = f"{stories_dir}/{entry.name}/{inner.name}"
            _file(inner, inner_shown, src_uri, entry.name, unknown, max_image_kib, result)
    return result


def find_unsafe(docs_dir: str | os.PathLike[str], stories_dir: str, shown_docs_dir: str) -> list[Problem]:
    """Every symbolic link and special file at any depth under the stories folder, without following any.

    Cheap (the names and types `readdir` gives): the build runs it before MkDocs lists docs_dir, which
    follows links, so that a linked folder (say to `/`) stops the build before MkDocs walks into it."""
    found: list[Problem] = []
    top, inside = _top(docs_dir, stories_dir, shown_docs_dir, found)
    if top is not None:
        _scan_unsafe(top, inside, found)
    return found


def with_date(problem: Problem, day: dt.date | None) -> Problem:
    """A file-name problem whose hint gives the story's own date, once its front-matter told it."""
    if day is None or DATE_PLACEHOLDER not in problem.hint:
        return problem
    return replace(problem, hint=problem.hint.replace(DATE_PLACEHOLDER, day.isoformat(), 1))


def story_name(name: str) -> str:
    """The valid story name closest to `name`: its date if it starts with one, then its slug, then `.md`."""
    stem = _split(name)[0]
    match = _DATE_START.match(stem)
    day = DATE_PLACEHOLDER
    if match:
        candidate = "-".join(match.groups())
        stem = stem[match.end() :]
        if _date_problem(candidate) is None:
            day = candidate
    return f"{day}-{slugify(stem) or 'story'}.md"


def image_format(head: bytes) -> str | None:
    """PNG, JPEG, GIF or WebP from a file's first 12 bytes, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    return None


def read_regular(path: str, limit: int) -> bytes:
    """At most `limit` bytes of the regular file at `path`; OSError for a link or a special file, which
    are never opened for reading (O_NOFOLLOW, and O_NONBLOCK so that not even a FIFO waits)."""
    descriptor = os.open(path, _NO_FOLLOW)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(0, "not a regular file")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read(limit)
    finally:
        os.close(descriptor)


def _file(
    entry: os.DirEntry[str],
    shown: str,
    src_uri: str,
    department: str,
    unknown: Problem | None,
    max_image_kib: int,
    result: Walk,
) -> None:
    """A regular file in a department folder (`unknown` when the folder is not in the registry)."""
    shown = _safe(shown)
    try:
        info = entry.stat(follow_symlinks=False)  # lstat, as the walk found it
    except OSError as exc:
        result.problems.append(_problem(shown, 0, f"cannot read the file: {exc.strerror}"))
        return
    if entry.name.endswith(".md") and unknown is None:
        named = _story_name_problem(entry.name, shown)
        result.stories.append(
            Entry(entry.path, src_uri, shown, department, info.st_size, info.st_mtime_ns, named)
        )
        return
    stem, extension = _split(entry.name)
    if entry.name.endswith(".md"):
        problem: Problem | None = unknown
    elif extension in TEXT:
        found = f"not in .{entry.name.rsplit('.', 1)[1]}" if extension else "this one has no extension"
        message = f"a story's file name ends in .md, {found}: the file never reaches the calendar"
        problem = _problem("", 1, message, f"rename it to {story_name(entry.name)}")
    elif extension in IMAGES:
        problem = _image(entry.path, entry.name, stem, extension, info.st_size, max_image_kib)
        problem = problem or (replace(unknown, line=0) if unknown else None)
        if problem is None:
            result.images.append(src_uri)
            return
    else:
        hint = "stories are .md files; images PNG, JPEG, GIF or WebP"
        if extension == ".svg":
            hint = "save the picture as PNG instead (an SVG file can carry script)"
        message = f"{extension} files are never published: a department folder holds stories and images only"
        problem = _problem("", 0, message, hint)
    if problem is not None:
        result.problems.append(replace(problem, path=shown))


def _image(path: str, name: str, stem: str, extension: str, size: int, max_kib: int) -> Problem | None:
    slug = slugify(stem) or "image"
    if not IMAGE_NAME.fullmatch(name):
        message = (
            "an image's name is lower-case letters, digits and single hyphens, then .png, .jpg, .gif or .webp"
        )
        return _problem("", 0, message, f"rename it to {slug}{extension}")
    if size > max_kib * 1024:
        message = f"the image is {size // 1024} KiB; images are limited to {max_kib} KiB"
        return _problem("", 0, message, "save it smaller, for example 1600 pixels wide")
    try:
        kind = image_format(read_regular(path, 12))
    except OSError as exc:
        return _problem("", 0, f"cannot read the file: {exc.strerror}")
    if kind is None:
        message = f"this file is not the {IMAGES[extension]} image its name says"
        return _problem("", 0, message, "save the picture again as PNG, JPEG, GIF or WebP")
    if kind != IMAGES[extension]:
        message = f"this file is a {kind} image, not the {IMAGES[extension]} its name says"
        return _problem("", 0, message, f"rename it to {slug}{EXTENSION_OF[kind]}")
    return None


def _story_name_problem(name: str, shown: str) -> Problem | None:
    match = STORY_NAME.fullmatch(name)
    if match is not None:
        wrong = _date_problem(match["date"])
        if wrong is None:
            return None
        hint = f"the name starts with the story's day: rename it to {DATE_PLACEHOLDER}-{match['slug']}.md"
        return Problem(shown, 1, 0, f"the date in the file name is not valid: {wrong}", hint)
    if re.match(r"\d{4}-\d{2}-\d{2}-", name):
        message = "after the date, a story's file name may only hold lower-case letters a-z, digits and single hyphens"
    else:
        message = "a story's file name starts with its date: <yyyy-mm-dd>-<slug>.md"
    return Problem(shown, 1, 0, message, f"rename it to {story_name(name)}")


@lru_cache(maxsize=4096)  # a few hundred days name 10,000 stories
def _date_problem(text: str) -> str | None:
    try:
        dates.parse_day(text)
    except ValueError as exc:  # DateError, and anything else a date can raise
        return str(exc)
    return None


def _top(
    docs_dir: str | os.PathLike[str], stories_dir: str, shown_docs_dir: str, problems: list[Problem]
) -> tuple[str | None, str]:
    """The stories folder's path (None when there is none to walk) and its path as problems name it."""
    top = os.path.join(docs_dir, stories_dir)
    inside = f"{shown_docs_dir}/{stories_dir}" if shown_docs_dir not in ("", ".") else stories_dir
    try:
        mode = os.lstat(top).st_mode
    except FileNotFoundError:
        return None, inside
    except OSError as exc:
        problems.append(_problem(inside, 0, f"cannot read the stories folder: {exc.strerror}"))
        return None, inside
    if stat.S_ISDIR(mode):
        return top, inside
    problems.append(
        _problem(inside, 0, "this must be a folder") if stat.S_ISREG(mode) else _link_or_special(inside, mode)
    )
    return None, inside


def _entries(path: str, shown: str, problems: list[Problem]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(path) as scan:
            return sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        problems.append(_problem(shown, 0, f"cannot read the folder: {exc.strerror}"))
        return []


def _special(entry: os.DirEntry[str], shown: str, problems: list[Problem]) -> bool:
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
    problems.append(_link_or_special(shown, mode))
    return True


def _link_or_special(shown: str, mode: int) -> Problem:
    """The problem with a symbolic link or a file that is neither a regular file nor a folder."""
    if stat.S_ISLNK(mode):
        message = "a symbolic link: newsdesk never follows links, and neither the calendar nor the site gets what it points to"
        return _problem(shown, 0, message, "replace the link with the file or folder itself")
    kind = next((name for test, name in _KINDS if test(mode)), "special file")
    return _problem(shown, 0, f"a {kind}, not a file: newsdesk never opens it", "remove it")


def _scan_unsafe(top: str, shown_top: str, found: list[Problem]) -> None:
    """Links and special files below the folder `top`, at any depth (a stack: no recursion limit)."""
    stack = [(top, shown_top)]
    while stack:
        path, shown = stack.pop()
        for entry in _entries(path, shown, found):
            if not _special(entry, f"{shown}/{entry.name}", found) and entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, f"{shown}/{entry.name}"))


def _hidden(entry: os.DirEntry[str], shown: str, folder: str, problems: list[Problem]) -> bool:
    """Report a hidden file or folder (and the links and special files in it); True if `entry` was one."""
    if not entry.name.startswith("."):
        return False
    if entry.is_dir(follow_symlinks=False):
        message = "a hidden folder (its name starts with '.'): nothing in it is checked or published"
        hint = f"move its stories up into {folder}/ (a story not ready yet has status: draft)"
        problems.append(_problem(shown, 0, message, hint))
        _scan_unsafe(entry.path, shown, problems)
        return True
    hint = f"rename it to {story_name(entry.name)}" if _split(entry.name)[1] in TEXT else "remove it"
    problems.append(
        _problem(shown, 1, "a hidden file (its name starts with '.'): it is never published", hint)
    )
    return True


def _split(name: str) -> tuple[str, str]:
    """A name's stem (leading dots dropped) and its extension in lower case (`.md`), or `""` for none."""
    bare = name.lstrip(".")
    match = _EXTENSION.search(bare)
    if match is None or match.start() == 0:
        return bare.rstrip("."), ""
    return bare[: match.start()], f".{match[1].lower()}"


def _problem(shown: str, line: int, message: str, hint: str = "") -> Problem:
    return Problem(_safe(shown), line, 0, message, hint)


def _quoted(name: str) -> str:
    return f"'{name}'" if name.isprintable() else _safe(repr(name))


def _safe(path: str) -> str:
    """A path fit to print: bytes that are not UTF-8 (kept by the OS as surrogates) become U+FFFD."""
    if path.isascii():
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
