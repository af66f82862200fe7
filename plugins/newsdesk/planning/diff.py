"""What a change does to the calendar: stories added, removed, moved, rescheduled, re-statused.

`newsdesk diff BASE [HEAD]` reads the story files and the registry at two git revisions straight from git's
object store (`git ls-tree` and one `git cat-file --batch`), without a checkout, and validates them with
`stories.StoryLoader`, the code path `newsdesk check` and the build use: the files are written to a scratch
folder for it, so every file is a valid story or named with check's own messages, cross-checks included
(duplicate ids and page addresses). Stories are matched by `Story.uid_key`, what their feed UIDs are made of:
the `id:`, so a renamed or moved file is the same story; without an `id:`, the department and slug, so a new
date in the file name is the same story too, and git's rename detection follows it to another slug or
folder. The markdown it prints is the pull request's job summary: every path and value in it is escaped for
a table cell (`md`, `code`), so a file name cannot end a row or start markup.
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

from newsdesk.core.problems import Problem, printable
from newsdesk.core.site import Site
from newsdesk.planning import findings
from newsdesk.sources.frontmatter import SLUG
from newsdesk.sources.registry import load_registry
from newsdesk.sources.stories import StoryLoader

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from newsdesk.core.model import Registry, Settings, Story

COMPARED = ("title", "channels", "authors", "summary", "due", "duration", "tags", "campaign", "link", "copy")
"""Fields listed under "Edited" when they change; date, status and path have sections of their own."""

SUBJECTS: dict[str, tuple[str, ...]] = {
    "quiet": ("department",),
    "cadence": ("department", "channel"),
    "slot": ("slot", "days"),
    "gaps": ("channel",),
    "clash": ("channel", "days"),
    "copy": ("channel", "stories"),
    "overdue": ("stories",),
}
"""What a planning finding of each kind is about: the same kind about the same subject at both revisions is
the same warning, whatever its counts say now. A kind missing here matches on its exact message only."""


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
    stories: tuple[Story, ...] = ()
    """The valid stories, in the loader's order; their ids and addresses, so their `uid_key`s, are unique (a
    second one is an error)."""
    folder: str = ""
    """The stories folder relative to the root, as git names it."""
    git: Git | None = field(default=None, repr=False, compare=False)
    renames: dict[str, dict[str, str]] = field(default_factory=dict, repr=False, compare=False)
    """git's renames from another revision to this one (by that revision): new path -> old path."""

    def by_key(self) -> dict[str, Story]:
        return {story.uid_key: story for story in self.stories}

    def findings(self) -> list[findings.Finding]:
        """The planning checks' findings about the calendar as it was at this revision."""
        return findings.findings(Site(self.registry, self.settings, self.stories))

    def warnings(self) -> list[Problem]:
        return [finding.problem for finding in self.findings()]


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
            raise GitError(printable(message[-1]) if message else f"git {args[0]} failed") from None
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


def snapshot(git: Git, revision: str, *, docs_path: str, settings: Settings) -> Snapshot:
    """The registry and every story file at `revision`, read from git and validated by `newsdesk check`'s
    loader: the files are written to a scratch folder, so the loader's messages and cross-checks apply as
    they are.

    `docs_path` is MkDocs' docs_dir relative to the root (`content`, or `.`).
    """
    commit = git.commit(revision)
    registry_dir = settings.registry_dir.strip("/")
    docs = "" if docs_path.strip("/") in ("", ".") else docs_path.strip("/")
    folder = f"{docs}/{settings.stories_dir.strip('/')}" if docs else settings.stories_dir.strip("/")
    files, refused = git.blobs(commit, [registry_dir, folder])
    contents = git.contents(files.values())
    with tempfile.TemporaryDirectory(prefix="newsdesk-diff-") as scratch:
        inside = Path(scratch).resolve()
        for path, blob in files.items():
            target = Path(scratch, path)
            if not target.resolve().is_relative_to(inside):  # defence in depth: blobs refused such paths
                refused[path] = "a path outside the repository: newsdesk never reads it"
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(contents[blob])
        registry, _problems = load_registry(Path(scratch), registry_dir)
        loaded = StoryLoader().load(Path(scratch, docs or "."), Path(scratch), registry, settings)
    problems: dict[str, list[Problem]] = {}
    for problem in loaded.problems:
        problems.setdefault(problem.path, []).append(problem)
    for path, why in refused.items():
        if path.startswith(f"{folder}/"):
            problems.setdefault(path, []).append(Problem(path, 0, 0, why))
    valid = {story.path: story for story in loaded.stories}
    result = Snapshot(commit, registry, settings, stories=tuple(loaded.stories), folder=folder, git=git)
    for path in sorted(valid.keys() | problems.keys()):
        result.entries[path] = Entry(
            path, files.get(path, ""), valid.get(path), tuple(problems.get(path, ()))
        )
    return result


# -- comparing -------------------------------------------------------------------------------------------


@dataclass
class Matched:
    """The stories of two revisions paired up: by `uid_key`, or by git's rename for stories without an id."""

    pairs: list[tuple[Story, Story]] = field(default_factory=list)
    added: list[Story] = field(default_factory=list)
    removed: list[Story] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)
    """git's renames: head path -> base path."""


def match(base: Snapshot, head: Snapshot) -> Matched:
    before, after = base.by_key(), head.by_key()
    found = Matched(renamed=_renames(base, head))
    by_path = {story.path: story for story in base.stories}
    paired: set[str] = set()
    for key, new in after.items():
        old = before.get(key)
        if old is not None and old.path != new.path and _broken(head, old.path):
            old = None  # the old file is still there, now an error: this one is a copy, not the story moved
        if old is None and not new.has_id:
            renamed = by_path.get(found.renamed.get(new.path, ""))
            if renamed is not None and not renamed.has_id and renamed.uid_key not in after:
                old = renamed  # no id on either side: git's rename says it is the same file
        if old is None or old.uid_key in paired:
            found.added.append(new)
            continue
        paired.add(old.uid_key)
        found.pairs.append((old, new))
    gone_to = {old: new for new, old in found.renamed.items()}
    # A story whose file is still there (or renamed) but broken is not "removed": it is listed with the
    # files with errors.
    found.removed = [
        old
        for key, old in before.items()
        if key not in paired and not _broken(head, old.path) and not _broken(head, gone_to.get(old.path, ""))
    ]
    return found


def compare(base: Snapshot, head: Snapshot) -> Diff:
    matched = match(base, head)
    diff = Diff(added=matched.added, removed=matched.removed)
    for old, new in matched.pairs:
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
    diff.broken = [
        entry
        for path, entry in head.entries.items()
        if entry.story is None and _news(base.entries.get(path), entry)
    ]
    return diff


def _broken(snapshot: Snapshot, path: str) -> bool:
    entry = snapshot.entries.get(path)
    return entry is not None and entry.story is None


def _news(old: Entry | None, new: Entry) -> bool:
    """Whether a file with errors at the head is news: new, changed, or with problems it did not have (a
    file that another one now duplicates)."""
    if old is None or old.blob != new.blob:
        return True
    return [p.message for p in old.problems] != [p.message for p in new.problems]


def _renames(base: Snapshot, head: Snapshot) -> dict[str, str]:
    if head.git is None or not head.folder:
        return {}
    if base.revision not in head.renames:
        head.renames[base.revision] = head.git.renames(base.revision, head.revision, head.folder)
    return head.renames[base.revision]


@dataclass(frozen=True)
class Warnings:
    """Planning warnings at the head revision that the base did not have, those it no longer has, those
    whose text changed (base, head) and how many stayed the same. A warning is matched on its kind and
    subject (`SUBJECTS`), not its text: counts change with every story, line numbers with every edit."""

    new: list[Problem]
    gone: list[Problem]
    unchanged: int
    changed: list[tuple[Problem, Problem]] = field(default_factory=list)


def planning_warnings(base: Snapshot, head: Snapshot) -> Warnings:
    same = {old.uid_key: new.uid_key for old, new in match(base, head).pairs}
    waiting: dict[tuple[object, ...], list[int]] = {}
    before = base.findings()
    for index, finding in enumerate(before):
        waiting.setdefault(subject(finding, same), []).append(index)
    new: list[Problem] = []
    changed: list[tuple[Problem, Problem]] = []
    kept: set[int] = set()
    for finding in head.findings():
        candidates = waiting.get(subject(finding))
        if not candidates:
            new.append(finding.problem)
            continue
        index = candidates.pop(0)
        kept.add(index)
        if before[index].message != finding.message:
            changed.append((before[index].problem, finding.problem))
    gone = [finding.problem for index, finding in enumerate(before) if index not in kept]
    return Warnings(new, gone, len(kept) - len(changed), changed)


def subject(finding: findings.Finding, ids: Mapping[str, str] | None = None) -> tuple[object, ...]:
    """What a finding is about, its identity across revisions; `ids` maps a story's base `uid_key` to its head
    one (a story without an id that git saw renamed to another slug or folder)."""
    names = SUBJECTS.get(finding.kind)
    if names is None:
        return (finding.kind, finding.problem.path, finding.message)
    ids = ids or {}
    found: list[object] = [finding.kind]
    for name in names:
        if name == "stories":
            found.append(tuple(ids.get(story.uid_key, story.uid_key) for story in finding.stories))
        elif name == "slot":
            found.append(finding.slot.slot.key if finding.slot else "")
        else:
            found.append(getattr(finding, name))
    return tuple(found)


def _same_but_date(old: str, new: str) -> bool:
    """True when two paths differ only in the file name's date prefix (a rename that follows a new date)."""
    old_folder, _, old_name = old.rpartition("/")
    new_folder, _, new_name = new.rpartition("/")
    old_slug, new_slug = SLUG.match(old_name), SLUG.match(new_name)
    return bool(old_folder == new_folder and old_slug and new_slug and old_slug["slug"] == new_slug["slug"])


# -- markdown --------------------------------------------------------------------------------------------

MAX_ROWS = 300
_SPECIAL = re.compile(r"[\\`*_{}\[\]<>()#+!|~&$:]")
_LIST_MARKER = re.compile(r"[-=]|\d{1,9}[.)]")
"""What would make a list item's text a nested list or a heading underline, at its start."""
_NOT_IN_CODE = re.compile(r"[`|]")
"""What a code span in a table cell cannot hold: a backtick ends it, and GitHub splits cells at any `|`."""


def _entity(match: re.Match[str]) -> str:
    return f"&#{ord(match.group())};"


def md(text: str) -> str:
    """Text that markdown shows as it is, on one line, safe inside a table cell, a list item or a heading.

    Every run of whitespace, line breaks of every kind included (CR, LF, U+2028, U+0085...), is one space,
    so nothing ends a table row; other controls and bidi overrides are visible escapes (`printable`).
    Characters that could start markup become numeric character references rather than backslash escapes:
    every markdown dialect decodes those to plain text (Python-Markdown keeps a backslash before `<` as
    written), and a `&#124;` never splits a table cell. A leading `-`, `=` or `1.` is one too, so a list
    item's text never becomes a nested list. (report.py's `_md` escapes with backslashes instead: the two
    should become one.)
    """
    text = printable(_SPECIAL.sub(_entity, " ".join(text.split())))  # its escapes (\\x1b) are plain text here
    lead = _LIST_MARKER.match(text)
    if lead:
        marker = lead.group()
        text = f"{marker[:-1]}&#{ord(marker[-1])};{text[lead.end() :]}"
    return text


def code(text: str) -> str:
    """A path as inline code; paths are what contributors search for, so they keep their exact form, but
    for what a code span cannot show: a line break or a control is a visible escape (`\\r`), and a path
    holding a backtick or a `|` is plain escaped text (`md`)."""
    shown = printable(text)
    if not shown or _NOT_IN_CODE.search(shown):
        return md(shown)
    return f"`{shown}`"


def when(story: Story) -> str:
    start = story.start
    if isinstance(start, dt.datetime):
        return f"{start:%a %Y-%m-%d %H:%M} ({md(story.timezone)})"
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


def _broken_row(entry: Entry) -> tuple[str, str, str]:
    """A file with errors: its first problem, as `newsdesk check` words it, hint included."""
    first = entry.problems[0]
    text = md(first.message) + (f"<br>{md(first.hint)}" if first.hint else "")
    if len(entry.problems) > 1:
        text += f"<br>and {_plural(len(entry.problems) - 1, 'more problem')}"
    return code(entry.path), str(first.line or ""), text


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
        lines += _table(("File", "Line", "Problem"), (_broken_row(e) for e in diff.broken))
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
    if warnings is not None and (warnings.new or warnings.gone or warnings.changed):
        lines += ["### Planning", ""]
        if warnings.new:
            lines += ["New warnings:", ""]
            lines += [f"- {code(p.location())}: {md(p.message)}" for p in warnings.new[:MAX_ROWS]]
            lines.append("")
        if warnings.changed:
            lines += ["Changed:", ""]
            lines += [
                f"- {code(p.location())}: {md(p.message)} (before: {md(old.message)})"
                for old, p in warnings.changed[:MAX_ROWS]
            ]
            lines.append("")
        if warnings.gone:
            lines += ["Resolved:", ""]
            lines += [f"- {md(p.message)}" for p in warnings.gone[:MAX_ROWS]]
            lines.append("")
    if warnings is not None and warnings.unchanged:
        still = _plural(warnings.unchanged, "planning warning")
        lines += [
            f"{still} from before this change remain{'s' * (warnings.unchanged == 1)} as they were.",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"
