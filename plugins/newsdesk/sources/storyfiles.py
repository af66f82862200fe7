"""Every entry under the stories folder, accounted for: a story to read, a checked image, or a `Problem`.

A department folder holds stories (`<yyyy-mm-dd>-<slug>.md`) and raster images beside them; anything else
there is an error naming the right name when there is one. `walk` looks at every entry, `find_unsafe` only
for links and special files (cheap, before MkDocs lists the folder), and neither follows a link or opens
anything but a regular file.

The rules this walk applies live beside it: file names in `storynames` (re-exported here: `STORY_NAME`,
`with_date`), images in `storyimages`, and reading without following a link in `nofollow`
(`read_regular`, re-exported here).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from newsdesk.core import yamltext
from newsdesk.sources.nofollow import (
    file_problem,
    link_or_special,
    list_folder,
    printable_path,
    read_regular,
    report_special,
    scan_unsafe,
)
from newsdesk.sources.storyimages import IMAGES, image_problem
from newsdesk.sources.storynames import STORY_NAME, TEXT, name_problem, split_name, story_name, with_date

if TYPE_CHECKING:
    from collections.abc import Collection

    from newsdesk.core.problems import Problem

__all__ = ["STORY_NAME", "Entry", "Walk", "find_unsafe", "read_regular", "walk", "with_date"]


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
    entries = list_folder(top, inside, result.problems)
    by_case: dict[str, list[str]] = {}
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
            by_case.setdefault(entry.name.casefold(), []).append(entry.name)
    example = f"{inside}/{next(iter(departments), 'hr')}"
    for entry in entries:
        shown = f"{inside}/{entry.name}"
        if report_special(entry, shown, result.problems) or _hidden(entry, shown, example, result.problems):
            continue
        if entry.is_file(follow_symlinks=False):
            text = split_name(entry.name)[1] in TEXT
            what = "a story" if text else "this file"
            hint = f"move it to {inside}/<department>/, e.g. {example}/"
            result.problems.append(
                file_problem(shown, int(text), f"{what} must be inside a department folder", hint)
            )
            continue
        twins = by_case[entry.name.casefold()]
        if len(twins) > 1:
            keys = [name for name in twins if name in departments] or [twins[0].lower()]
            message = f"the department folders {' and '.join(map(_quoted, twins))} differ only in case"
            result.problems.append(
                file_problem(shown, 0, message, f"put all their files in one folder, '{keys[0]}'")
            )
        unknown = None
        if entry.name not in departments:
            hint = yamltext.did_you_mean(entry.name, departments) or (
                f"add '{entry.name}' to {registry_folder}/departments.yml, or move the file to one of: "
                f"{', '.join(departments)}"
            )
            unknown = file_problem("", 1, f"unknown department folder {_quoted(entry.name)}", hint)
        for inner in list_folder(entry.path, shown, result.problems):
            inner_shown = f"{shown}/{inner.name}"
            if report_special(inner, inner_shown, result.problems):
                continue
            if _hidden(inner, inner_shown, shown, result.problems):
                continue
            if inner.is_dir(follow_symlinks=False):
                message = "a folder inside a department folder: newsdesk reads no story in it"
                result.problems.append(
                    file_problem(inner_shown, 0, message, f"move its files up into {shown}/")
                )
                scan_unsafe(inner.path, inner_shown, result.problems)
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
        scan_unsafe(top, inside, found)
    return found


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
    shown = printable_path(shown)
    try:
        info = entry.stat(follow_symlinks=False)  # lstat, as the walk found it
    except OSError as exc:
        result.problems.append(file_problem(shown, 0, f"cannot read the file: {exc.strerror}"))
        return
    if entry.name.endswith(".md") and unknown is None:
        named = name_problem(entry.name, shown)
        result.stories.append(
            Entry(entry.path, src_uri, shown, department, info.st_size, info.st_mtime_ns, named)
        )
        return
    stem, extension = split_name(entry.name)
    if entry.name.endswith(".md"):
        problem: Problem | None = unknown
    elif extension in TEXT:
        found = f"not in .{entry.name.rsplit('.', 1)[1]}" if extension else "this one has no extension"
        message = f"a story's file name ends in .md, {found}: the file never reaches the calendar"
        problem = file_problem("", 1, message, f"rename it to {story_name(entry.name)}")
    elif extension in IMAGES:
        problem = image_problem(entry.path, entry.name, stem, extension, info.st_size, max_image_kib)
        problem = problem or (replace(unknown, line=0) if unknown else None)
        if problem is None:
            result.images.append(src_uri)
            return
    else:
        hint = "stories are .md files; images PNG, JPEG, GIF or WebP"
        if extension == ".svg":
            hint = "save the picture as PNG instead (an SVG file can carry script)"
        message = f"{extension} files are never published: a department folder holds stories and images only"
        problem = file_problem("", 0, message, hint)
    if problem is not None:
        result.problems.append(replace(problem, path=shown))


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
        problems.append(file_problem(inside, 0, f"cannot read the stories folder: {exc.strerror}"))
        return None, inside
    if stat.S_ISDIR(mode):
        return top, inside
    problems.append(
        file_problem(inside, 0, "this must be a folder")
        if stat.S_ISREG(mode)
        else link_or_special(inside, mode)
    )
    return None, inside


def _hidden(entry: os.DirEntry[str], shown: str, folder: str, problems: list[Problem]) -> bool:
    """Report a hidden file or folder (and the links and special files in it); True if `entry` was one."""
    if not entry.name.startswith("."):
        return False
    if entry.is_dir(follow_symlinks=False):
        message = "a hidden folder (its name starts with '.'): nothing in it is checked or published"
        hint = f"move its stories up into {folder}/ (a story not ready yet has status: draft)"
        problems.append(file_problem(shown, 0, message, hint))
        scan_unsafe(entry.path, shown, problems)
        return True
    hint = f"rename it to {story_name(entry.name)}" if split_name(entry.name)[1] in TEXT else "remove it"
    problems.append(
        file_problem(shown, 1, "a hidden file (its name starts with '.'): it is never published", hint)
    )
    return True


def _quoted(name: str) -> str:
    return f"'{name}'" if name.isprintable() else printable_path(repr(name))
