"""Reads and validates story files: the one code path behind `newsdesk check` and the MkDocs plugin.

Every file under the stories folder ends up either as a `Story`, a checked image (`storyfiles.py`) or
named in a `Problem`: nothing is dropped without a word.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from newsdesk.core.problems import Problem, Severity
from newsdesk.sources import storyfiles
from newsdesk.sources.storynames import name_problem
from newsdesk.sources.storytext import parse_story

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from newsdesk.core.model import Registry, Settings, Story


@dataclass
class LoadResult:
    stories: list[Story] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    """The src_uri of each checked image beside the stories: with the stories, all the build may copy."""

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


@dataclass(frozen=True)
class Pending:
    """A story file about to be written, read with the others as if it were there: `newsdesk new` writes
    only what the check, cross-file checks included, would accept."""

    shown: str
    """Its path as problems name it, like a walked file's (no file may be there yet)."""
    src_uri: str
    department: str
    text: str


class StoryLoader:
    """Finds and validates every story under `docs_dir/stories`.

    Results for unchanged files (same modification time and size, same registry and settings) are
    reused, so `mkdocs serve` re-reads only what an author touched.
    """

    def __init__(self) -> None:
        self._cache: dict[str, tuple[tuple[int, int], Story | None, list[Problem]]] = {}
        self._context: tuple[Registry, Settings] | None = None

    def load(
        self,
        docs_dir: Path,
        root: Path,
        registry: Registry,
        settings: Settings,
        pending: Sequence[Pending] = (),
    ) -> LoadResult:
        if self._context != (registry, settings):
            self._cache.clear()
            self._context = (registry, settings)
        result = LoadResult()
        # Paths are handled as strings here: pathlib costs more than parsing at 10,000 stories.
        shown_docs_dir = _display(docs_dir, root)
        seen: set[str] = set()
        # Every entry under the stories folder is a story to read, a checked image or a problem.
        walked = storyfiles.walk(
            docs_dir,
            settings.stories_dir,
            shown_docs_dir,
            registry.departments,
            registry_folder=registry.folder,
            max_image_kib=settings.max_image_kib,
        )
        result.problems.extend(walked.problems)
        result.images = walked.images
        for entry in walked.stories:
            seen.add(entry.shown)
            story, problems = self._load_one(entry, registry, settings)
            result.problems.extend(problems)
            if entry.problem is not None:  # a wrong name: read anyway, so every problem shows at once
                result.problems.append(storyfiles.with_date(entry.problem, story.day if story else None))
            if story is not None:
                result.stories.append(story)
        for stale in set(self._cache) - seen:
            del self._cache[stale]
        for draft in pending:  # never cached: it is not on disk
            story, problems = parse_story(
                draft.text,
                path=draft.shown,
                src_uri=draft.src_uri,
                department=draft.department,
                registry=registry,
                settings=settings,
            )
            result.problems.extend(problems)
            named = name_problem(draft.src_uri.rsplit("/", 1)[-1], draft.shown)
            if named is not None:
                result.problems.append(storyfiles.with_date(named, story.day if story else None))
            if story is not None:
                result.stories.append(story)
        result.problems.extend(_cross_checks(result.stories))
        result.problems.extend(far_dates(result.stories, settings.today))
        bad = {p.path for p in result.problems if p.is_error}
        result.stories = sorted((s for s in result.stories if s.path not in bad), key=_story_order)
        return result

    def _load_one(
        self, entry: storyfiles.Entry, registry: Registry, settings: Settings
    ) -> tuple[Story | None, list[Problem]]:
        # The walk checked the folder (a known department) and took the stamp with lstat: no link here.
        rel = entry.shown
        stamp = (entry.mtime_ns, entry.size)
        cached = self._cache.get(rel)
        if cached and cached[0] == stamp:
            return cached[1], cached[2]
        story, problems = _read(
            entry.path, rel, entry.src_uri, entry.department, entry.size, registry, settings
        )
        self._cache[rel] = (stamp, story, problems)
        return story, problems


def _read(
    file: str, rel: str, src_uri: str, department: str, size: int, registry: Registry, settings: Settings
) -> tuple[Story | None, list[Problem]]:
    limit = settings.max_story_kib * 1024
    if size > limit:
        return None, [
            Problem(
                rel,
                1,
                0,
                f"the file is {size // 1024} KiB; stories are limited to {settings.max_story_kib} KiB",
                "move large material to a linked page or file",
            )
        ]
    try:
        raw = storyfiles.read_regular(file, limit + 1)  # never a link or a FIFO, never past the limit
    except OSError as exc:
        return None, [Problem(rel, 0, 0, f"cannot read the file: {exc.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                rel,
                line,
                column,
                "the file is not UTF-8 text",
                "save it again with the UTF-8 encoding (most editors offer it under 'Save as')",
            )
        ]
    text = text.replace("\r\n", "\n")
    return parse_story(
        text, path=rel, src_uri=src_uri, department=department, registry=registry, settings=settings
    )


def _cross_checks(stories: list[Story]) -> list[Problem]:
    """Problems between files: the same id or the same page address twice."""
    problems = []
    by_id: dict[str, Story] = {}
    by_url: dict[str, Story] = {}
    for story in sorted(stories, key=lambda s: s.path):
        first = by_id.setdefault(story.id, story)
        if first is not story:
            problems.append(
                Problem(
                    story.path,
                    story.line_of("id"),
                    0,
                    f"id '{story.id}' is already used by {first.path}",
                    "every story needs its own id; remove this line and run newsdesk new, or pick another",
                )
            )
        first = by_url.setdefault(story.url, story)
        if first is not story:
            problems.append(
                Problem(
                    story.path,
                    1,
                    0,
                    f"this story would be published at /{story.url}, like {first.path}",
                    "rename the file: the part after the date must differ within a department",
                )
            )
    return problems


FAR_FROM_TODAY = dt.timedelta(days=2 * 365)
FAR_FROM_OTHERS = dt.timedelta(days=365)


def far_dates(stories: list[Story], today: dt.date) -> list[Problem]:
    """A warning for each story more than two years from today and a year from every other story: most
    often a slip of the year (2062 for 2026), which would otherwise go unnoticed on a page of its own."""
    days = sorted(story.day for story in stories)
    problems = []
    for story in stories:
        if abs(story.day - today) <= FAR_FROM_TODAY:
            continue
        at = bisect.bisect_left(days, story.day)
        neighbours = [days[i] for i in (at - 1, at + 1) if 0 <= i < len(days)]
        if all(abs(story.day - other) > FAR_FROM_OTHERS for other in neighbours):
            years = abs(story.day.year - today.year)
            problems.append(
                Problem(
                    story.path,
                    story.line_of("date"),
                    0,
                    f"{story.day.isoformat()} is {years} years from today and more than a year from every "
                    "other story: is the year right?",
                    "a story far from the rest gets a month page of its own; fix the year if it is a slip",
                    severity=Severity.WARNING,
                )
            )
    return problems


def _story_order(story: Story) -> tuple[dt.date, str, str]:
    start = story.start
    time = start.astimezone(ZoneInfo("UTC")).strftime("%H:%M") if isinstance(start, dt.datetime) else ""
    return (story.day, time, story.path)


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
