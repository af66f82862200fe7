"""What a change does to the calendar: stories added, removed, moved, rescheduled, re-statused.

`newsdesk diff BASE [HEAD]` reads the story files and the registry at two git revisions straight from git's
object store (`git ls-tree` and one `git cat-file --batch`), without a checkout, and parses them with
`stories.parse_story`, the code path `newsdesk check` and the build use. Stories are matched by id, so a
renamed or moved file is the same story. The markdown it prints is the pull request's job summary.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import planning
from .problems import Problem
from .registry import load_registry
from .site import Site
from .stories import SLUG, parse_story

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from .model import Registry, Settings, Story

COMPARED = ("title", "channels", "authors", "summary", "due", "duration", "tags", "campaign", "link", "copy")
"""Fields listed under "Edited" when they change; date, status and path have sections of their own."""


class GitError(Exception):
    """git is missing, the folder is not a repository, or a revision does not exist."""


@dataclass(frozen=True)
class Entry:
    """One story file at one revision: the story, or the problems that keep it from being one."""

    path: str
    blob: str
    story: Story | None
    problems: tuple[Problem, ...] = ()


@dataclass
class Snapshot:
    revision: str
    registry: Registry
    settings: Settings
    entries: dict[str, Entry] = field(default_factory=dict)

    def by_id(self) -> dict[str, Story]:
        found: dict[str, Story] = {}
        for path in sorted(self.entries):
            story = self.entries[path].story
            if story is not None:
                found.setdefault(story.id, story)  # a duplicate id is `newsdesk check`'s error to report
        return found

    def warnings(self) -> list[Problem]:
        """The planning checks' warnings about the calendar as it was at this revision."""
        stories = sorted(self.by_id().values(), key=lambda s: (s.day, s.path))
        return planning.problems(Site(self.registry, self.settings, tuple(stories)))


@dataclass
class Diff:
    added: list[Story] = field(default_factory=list)
    removed: list[Story] = field(default_factory=list)
    rescheduled: list[tuple[Story, Story]] = field(default_factory=list)
    status: list[tuple[Story, Story]] = field(default_factory=list)
    moved: list[tuple[Story, Story]] = field(default_factory=list)
    edited: list[tuple[Story, tuple[str, ...]]] = field(default_factory=list)
    broken: list[Entry] = field(default_factory=list)
    """Files that are new or changed and cannot be read as stories at the head revision."""

    @property
    def empty(self) -> bool:
        return not any(
            (self.added, self.removed, self.rescheduled, self.status, self.moved, self.edited, self.broken)
        )


# -- reading a revision ----------------------------------------------------------------------------------


class Git:
    def __init__(self, root: Path) -> None:
        executable = shutil.which("git")
        if executable is None:
            raise GitError("git is not installed")
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
            raise GitError(message[-1] if message else f"git {args[0]} failed") from None
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

    def blobs(self, commit: str, folders: Sequence[str]) -> dict[str, str]:
        """Every regular file under `folders` at `commit`: path (relative to the root) -> blob id."""
        out = self.run("ls-tree", "-r", "-z", commit, "--", *folders)
        found = {}
        for record in out.decode("utf-8", "surrogateescape").split("\0"):
            if not record:
                continue
            meta, _, path = record.partition("\t")
            mode, kind, blob = meta.split(" ")
            if kind == "blob" and mode in ("100644", "100755"):
                found[path] = blob
        return found

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


def snapshot(git: Git, revision: str, *, docs_path: str, settings: Settings) -> Snapshot:
    """The registry and every story file at `revision`, read from git and parsed like `newsdesk check`.

    `docs_path` is MkDocs' docs_dir relative to the root (`content`, or `.`).
    """
    commit = git.commit(revision)
    registry_dir = settings.registry_dir.strip("/")
    docs = "" if docs_path.strip("/") in ("", ".") else docs_path.strip("/") + "/"
    stories = docs + settings.stories_dir.strip("/")
    files = git.blobs(commit, [registry_dir, stories])
    contents = git.contents(files.values())
    result = Snapshot(commit, _registry_at(files, contents, registry_dir), settings)
    for path, blob in sorted(files.items()):
        if path.startswith(stories + "/") and path.endswith(".md"):
            story, problems = _parse(path, path[len(docs) :], contents[blob], result.registry, settings)
            result.entries[path] = Entry(path, blob, story, tuple(problems))
    return result


def _registry_at(files: dict[str, str], contents: dict[str, bytes], registry_dir: str) -> Registry:
    """The registry as it was: its files written to a scratch folder and read by `load_registry`."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-diff-") as scratch:
        for path, blob in files.items():
            if path.startswith(registry_dir + "/"):
                target = Path(scratch, path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(contents[blob])
        registry, _problems = load_registry(Path(scratch), registry_dir)
    return registry


def _parse(
    path: str, src_uri: str, raw: bytes, registry: Registry, settings: Settings
) -> tuple[Story | None, list[Problem]]:
    """One file's bytes into a story, with the file-level checks `StoryLoader` makes before parsing."""
    parts = src_uri.split("/")
    department = parts[1] if len(parts) >= 3 else ""
    if department not in registry.departments:
        return None, [Problem(path, 1, 0, f"not in a known department folder ('{department or '-'}')")]
    if len(raw) > settings.max_story_kib * 1024:
        return None, [Problem(path, 1, 0, f"the file is over {settings.max_story_kib} KiB")]
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None, [Problem(path, 1, 0, "the file is not UTF-8 text")]
    return parse_story(
        text, path=path, src_uri=src_uri, department=department, registry=registry, settings=settings
    )


# -- comparing -------------------------------------------------------------------------------------------


def compare(base: Snapshot, head: Snapshot) -> Diff:
    before, after = base.by_id(), head.by_id()
    diff = Diff()
    for story_id, new in after.items():
        old = before.get(story_id)
        if old is None:
            diff.added.append(new)
            continue
        if old.start != new.start:
            diff.rescheduled.append((old, new))
        if old.status != new.status:
            diff.status.append((old, new))
        if old.path != new.path and not (old.start != new.start and _same_but_date(old.path, new.path)):
            diff.moved.append((old, new))
        fields = tuple(name for name in COMPARED if getattr(old, name) != getattr(new, name))
        if old.body != new.body:
            fields += ("text",)
        if fields:
            diff.edited.append((new, fields))
    unreadable = {path for path, entry in head.entries.items() if entry.story is None}
    # A story whose file is still there but broken is not "removed": it is listed with the broken files.
    diff.removed = [old for key, old in before.items() if key not in after and old.path not in unreadable]
    diff.broken = [
        entry
        for path, entry in head.entries.items()
        if entry.story is None and (path not in base.entries or base.entries[path].blob != entry.blob)
    ]
    return diff


@dataclass(frozen=True)
class Warnings:
    """Planning warnings at the head revision that the base did not have, those it no longer has, and
    how many stayed the same. Compared by file and message: line numbers move with every edit."""

    new: list[Problem]
    gone: list[Problem]
    unchanged: int


def planning_warnings(base: Snapshot, head: Snapshot) -> Warnings:
    before, after = base.warnings(), head.warnings()
    before_keys = {(p.path, p.message) for p in before}
    after_keys = {(p.path, p.message) for p in after}
    new = [p for p in after if (p.path, p.message) not in before_keys]
    gone = [p for p in before if (p.path, p.message) not in after_keys]
    return Warnings(new, gone, len(after) - len(new))


def _same_but_date(old: str, new: str) -> bool:
    """True when two paths differ only in the file name's date prefix (a rename that follows a new date)."""
    old_folder, _, old_name = old.rpartition("/")
    new_folder, _, new_name = new.rpartition("/")
    old_slug, new_slug = SLUG.match(old_name), SLUG.match(new_name)
    return bool(old_folder == new_folder and old_slug and new_slug and old_slug["slug"] == new_slug["slug"])


# -- markdown --------------------------------------------------------------------------------------------

MAX_ROWS = 300
_SPECIAL = re.compile(r"[\\`*_{}\[\]<>()#+!|~&$:]")


def md(text: str) -> str:
    """Text that markdown shows as it is, on one line, safe inside a table cell.

    Characters that could start markup become numeric character references rather than backslash
    escapes: every markdown dialect decodes those to plain text, and a `&#124;` never splits a table cell.
    """
    return _SPECIAL.sub(lambda m: f"&#{ord(m.group())};", " ".join(text.split()))


def code(text: str) -> str:
    """A path as inline code; paths are what contributors search for, so they keep their exact form."""
    if any(c in text for c in "`|\n"):
        return md(text)
    return f"`{text}`"


def when(story: Story) -> str:
    start = story.start
    if isinstance(start, dt.datetime):
        return f"{start:%a %Y-%m-%d %H:%M} ({story.timezone})"
    return f"{start:%a %Y-%m-%d}"


def _title(story: Story) -> str:
    return f"{md(story.title)}<br>{code(story.path)}"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    rows = list(rows)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows[:MAX_ROWS]]
    if len(rows) > MAX_ROWS:
        # GitHub refuses a job summary over 1 MiB; a pull request that seeds a thousand stories still gets one.
        lines.append(f"| and {len(rows) - MAX_ROWS} more |" + " |" * (len(header) - 1))
    return [*lines, ""]


def _plural(count: int, word: str, plural: str = "") -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _in_time(stories: Iterable[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: (s.day, s.path))


def render(diff: Diff, *, base: str, head: str, warnings: Warnings | None = None) -> str:
    """The job summary: one section per kind of change, in the order a reviewer cares about."""
    lines = [f"## Calendar changes from {code(base[:12])} to {code(head[:12])}", ""]
    if diff.empty:
        lines += ["No story was added, removed, moved or changed.", ""]
    else:
        counts = [
            (len(diff.added), "added"),
            (len(diff.removed), "removed"),
            (len(diff.rescheduled), "rescheduled"),
            (len(diff.status), "with a new status"),
            (len(diff.moved), "renamed or moved"),
            (len(diff.edited), "edited"),
        ]
        told = [f"{_plural(n, 'story', 'stories')} {what}" for n, what in counts if n]
        if diff.broken:
            told.append(f"{_plural(len(diff.broken), 'file')} with errors")
        lines += ["**" + ", ".join(told) + ".**", ""]
    if diff.broken:
        lines += ["### Files with errors", "", "`newsdesk check` marks each problem on its line.", ""]
        lines += _table(
            ("File", "Line", "Problem"),
            ((code(e.path), str(e.problems[0].line or ""), md(e.problems[0].message)) for e in diff.broken),
        )
    if diff.added:
        lines += ["### Added", ""]
        lines += _table(
            ("Date", "Story", "Department", "Channels", "Status"),
            (
                (when(s), _title(s), md(s.department), md(", ".join(s.channels)), md(s.status))
                for s in _in_time(diff.added)
            ),
        )
    if diff.removed:
        lines += ["### Removed", ""]
        lines += _table(
            ("Date", "Story", "Department", "Status"),
            ((when(s), _title(s), md(s.department), md(s.status)) for s in _in_time(diff.removed)),
        )
    if diff.rescheduled:
        lines += ["### Rescheduled", ""]
        lines += _table(
            ("Story", "From", "To"), ((_title(new), when(old), when(new)) for old, new in diff.rescheduled)
        )
    if diff.status:
        lines += ["### Status changed", ""]
        lines += _table(
            ("Story", "From", "To"),
            ((_title(new), md(old.status), md(new.status)) for old, new in diff.status),
        )
    if diff.moved:
        lines += ["### Renamed or moved", ""]
        lines += _table(
            ("Story", "From", "To"),
            ((md(new.title), code(old.path), code(new.path)) for old, new in diff.moved),
        )
    if diff.edited:
        lines += ["### Edited", ""]
        lines += _table(("Story", "Changed"), ((_title(s), md(", ".join(f))) for s, f in diff.edited))
    if warnings is not None and (warnings.new or warnings.gone):
        lines += ["### Planning", ""]
        if warnings.new:
            lines += ["New warnings:", ""]
            lines += [f"- {code(p.location())}: {md(p.message)}" for p in warnings.new[:MAX_ROWS]]
            lines.append("")
        if warnings.gone:
            lines += ["Resolved:", ""]
            lines += [f"- {md(p.message)}" for p in warnings.gone[:MAX_ROWS]]
            lines.append("")
    if warnings is not None and warnings.unchanged:
        lines += [f"{_plural(warnings.unchanged, 'planning warning')} from before this change remain.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
