"""What a change does to the calendar: stories added, removed, moved, rescheduled, re-statused.

`newsdesk diff BASE [HEAD]` reads the story files and the registry at two git revisions straight from git's
object store (`git ls-tree` and one `git cat-file --batch`), without a checkout, and validates them with
`stories.StoryLoader`, the code path `newsdesk check` and the build use: the files are written to a scratch
folder for it, so every file is a valid story or named with check's own messages, cross-checks included
(duplicate ids and page addresses). Stories are matched by `Story.uid_key`, what their feed UIDs are made of:
the `id:`, so a renamed or moved file is the same story; without an `id:`, the department and slug, so a new
date in the file name is the same story too, and git's rename detection follows it to another slug or
folder. `render/diff_summary.py` writes what it finds as the pull request's job summary; `sources/git.py`
runs git.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.core.problems import Problem
from newsdesk.core.site import Site
from newsdesk.planning import findings
from newsdesk.sources.frontmatter import SLUG
from newsdesk.sources.registry import load_registry
from newsdesk.sources.stories import StoryLoader

if TYPE_CHECKING:
    from collections.abc import Mapping

    from newsdesk.core.model import Registry, Settings, Story
    from newsdesk.sources.git import Git

COMPARED = ("title", "channels", "authors", "summary", "due", "duration", "tags", "campaign", "link", "copy")
"""Fields listed under "Edited" when they change; date, status and path have sections of their own."""

SUBJECTS: dict[str, tuple[str, ...]] = {
    "quiet": ("department",),
    "cadence": ("department", "channel"),
    "slot": ("slot", "days"),
    "gaps": ("channel",),
    "clash": ("channel", "days"),
    "copy": ("channel", "stories"),
    "missed": ("stories",),
    "overdue": ("stories",),
    "results": ("stories",),
}
"""What a planning finding of each kind is about: the same kind about the same subject at both revisions is
the same warning, whatever its counts say now. A kind missing here matches on its exact message only."""


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
