"""Reads and validates story files: the one code path behind `newsdesk check` and the MkDocs plugin.

Every file under the stories folder ends up either as a `Story`, a checked image (`storyfiles.py`) or
named in a `Problem`: nothing is dropped without a word.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from . import dates, storyfiles, yamltext
from .model import STATUSES, Story
from .problems import Problem, Severity

if TYPE_CHECKING:
    from pathlib import Path

    from .model import Registry, Settings

KEYS = (
    "id",
    "title",
    "date",
    "timezone",
    "department",
    "channels",
    "channel",
    "status",
    "author",
    "summary",
    "due",
    "duration",
    "tags",
    "campaign",
    "link",
    "copy",
)
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
SLUG = re.compile(r"^(?:\d{4}-\d{2}-\d{2}-)?(?P<slug>.+)$")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);|\[[^\]]*\]\(|`|\*\*|__")
URL = re.compile(r"^https?://[^\s<>\"]+$")
TEMPLATE_HINT = (
    "start the file with a front-matter block:\n---\ntitle: ...\ndate: 2026-12-03\nchannels: [website]\n---"
)


@dataclass
class LoadResult:
    stories: list[Story] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    """The src_uri of each checked image beside the stories: with the stories, all the build may copy."""

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


class _FrontMatter:
    """The front-matter of one file: values, the line of each key, and the problems found so far."""

    def __init__(self, path: str, data: dict[str, Any], yaml_text: str) -> None:
        self.path = path
        self.data = data
        self.yaml_text = yaml_text
        self.lines: dict[str, int] = {}
        self.problems: list[Problem] = []

    def error(self, key: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, self.lines.get(key, 1), 0, message, hint))

    def nested_line(self, key: str, child: str) -> int:
        """The line of `child:` under `key:`, counted like `lines` (the file's own numbering)."""
        parent = self.lines.get(key, 1)
        return yamltext.nested_key_line(self.yaml_text, parent - 1, child) + 1

    def text(self, key: str, *, required: bool = False, multiline: bool = False) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.error(key, f"'{key}' is required", f"add a line such as  {key}: ...")
            return ""
        if not isinstance(value, str):
            self.error(
                key, f"{key} must be text, found {yamltext.describe(value)}", "put the value in quotes"
            )
            return ""
        if (CONTROL_BUT_NEWLINE if multiline else CONTROL).search(value.strip()):
            what = "a control character" if multiline or "\n" not in value.strip() else "a line break"
            self.error(key, f"{key} contains {what}", "keep it on one line; retype the value if unsure")
            return ""
        value = value.strip()
        if required and not value:
            self.error(key, f"'{key}' is empty")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        """One text or a list of texts."""
        value = self.data.get(key)
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) and item.strip() for item in items):
            self.error(
                key,
                f"{key} must be one text or a list of texts, found {yamltext.describe(value)}",
                f"for example: {key}: [first, second]",
            )
            return ()
        if any(CONTROL.search(item) for item in items):
            self.error(key, f"{key} contains a control character")
            return ()
        return tuple(dict.fromkeys(item.strip() for item in items))


def parse_story(
    text: str, *, path: str, src_uri: str, department: str, registry: Registry, settings: Settings
) -> tuple[Story | None, list[Problem]]:
    """Validate one story's text. `path` is what problems name; nothing here touches the disk."""
    head = _split(text, path)
    if isinstance(head, Problem):
        return None, [head]
    yaml_text, body = head
    try:
        data = yamltext.load(yaml_text)
    except yamltext.YamlError as exc:
        return None, [Problem(path, exc.line + 1, exc.column, exc.message, exc.hint)]
    if not isinstance(data, dict):
        message = f"the front-matter must be 'key: value' lines, found {yamltext.describe(data)}"
        return None, [Problem(path, 2, 0, message, TEMPLATE_HINT)]

    # Front-matter starts on the file's line 2, so a line of the YAML text is one less than the file's.
    fm = _FrontMatter(path, data, yaml_text)
    for key, line in yamltext.top_level_key_lines(yaml_text):
        if key in fm.lines:
            fm.problems.append(
                Problem(path, line + 1, 1, f"'{key}' is given twice (first on line {fm.lines[key]})")
            )
        fm.lines.setdefault(key, line + 1)
    for key in data:
        if str(key) not in KEYS:
            hint = yamltext.did_you_mean(str(key), KEYS) or f"the keys a story can have: {', '.join(KEYS)}"
            fm.error(str(key), f"unknown key '{key}'", hint)

    story = _build(
        fm, path=path, src_uri=src_uri, department=department, body=body, registry=registry, settings=settings
    )
    return (story if not fm.problems else None), fm.problems


def _split(text: str, path: str) -> tuple[str, str] | Problem:
    """Front-matter text (from line 2) and body, or the problem with the file's shape."""
    if not text.strip():
        return Problem(path, 1, 0, "the file is empty", TEMPLATE_HINT)
    first, _, rest = text.partition("\n")
    if first.rstrip() != "---":
        return Problem(
            path, 1, 1, "the file does not start with front-matter (a line of three dashes)", TEMPLATE_HINT
        )
    closing = re.search(r"^(?:---|\.\.\.)[ \t]*\r?$", rest, re.MULTILINE)
    if closing is None:
        return Problem(
            path, 1, 1, "the front-matter is never closed", "add a line of three dashes (---) after it"
        )
    return rest[: closing.start()], rest[closing.end() :].lstrip("\r\n")


def _build(
    fm: _FrontMatter,
    *,
    path: str,
    src_uri: str,
    department: str,
    body: str,
    registry: Registry,
    settings: Settings,
) -> Story | None:
    title = fm.text("title", required=True)
    if title and MARKUP.search(title):
        fm.error(
            "title",
            "the title must be plain text, without HTML or markdown",
            "remove the <tags>, &entities;, [links](...), `code` or **emphasis**",
        )
    if len(title) > 200:
        fm.error("title", f"the title is {len(title)} characters long; keep it under 200")

    given = fm.text("department")
    if given and given != department:
        fm.error(
            "department",
            f"department is '{given}' but the file is in the '{department}' folder",
            f"move the file to the '{given}' folder, or remove the department line",
        )

    story_id = fm.text("id")
    if story_id and not ID.match(story_id):
        fm.error("id", f"id {story_id!r} may only hold letters, digits, '.', '_' and '-' (64 at most)")

    status = fm.text("status") or "draft"
    if status not in STATUSES:
        fm.error(
            "status",
            f"unknown status '{status}'",
            yamltext.did_you_mean(status, STATUSES) or f"one of: {', '.join(STATUSES)}",
        )

    channels = _channels(fm, registry)
    tz_name = fm.text("timezone") or settings.timezone
    tz: ZoneInfo | None = None
    try:
        tz = dates.zone(tz_name)
    except dates.DateError as exc:
        fm.error("timezone", str(exc), exc.hint)
    start = _moment(fm, "date", tz, required=True)
    due = _due(fm)

    duration = None
    if "duration" in fm.data:
        try:
            duration = dates.parse_duration(fm.data["duration"])
        except dates.DateError as exc:
            fm.error("duration", str(exc), exc.hint)
        if start is not None and not isinstance(start, dt.datetime):
            fm.error(
                "duration",
                "duration only applies to a story with a time",
                'give the date a time, e.g. date: "2026-12-03 09:30", or remove duration',
            )

    link = fm.text("link")
    if link and not URL.match(link):
        fm.error("link", f"link must be a full web address starting with https://, found {link!r}")
    copy = _copy(fm, channels)

    if fm.problems or start is None or tz is None:
        return None
    if isinstance(start, dt.datetime) and duration is None:
        duration = dt.timedelta(minutes=settings.default_duration_minutes)
    stem = src_uri.rsplit("/", 1)[-1][: -len(".md")]
    slug_match = SLUG.match(stem)
    return Story(
        id=story_id or src_uri[: -len(".md")],
        path=path,
        src_uri=src_uri,
        department=department,
        slug=slug_match["slug"] if slug_match else stem,
        title=title,
        start=start,
        timezone=_zone_name(start, tz_name),
        channels=channels,
        status=status,
        duration=duration,
        authors=fm.texts("author"),
        summary=fm.text("summary", multiline=True),
        due=due,
        tags=fm.texts("tags"),
        campaign=fm.text("campaign"),
        link=link,
        copy=copy,
        body=body,
        lines=fm.lines,
    )


def _zone_name(start: dt.date | dt.datetime, tz_name: str) -> str:
    """The zone a timed story is in: its IANA name, or `UTC+05:30` when the date gave an offset."""
    if not isinstance(start, dt.datetime) or isinstance(start.tzinfo, ZoneInfo):
        return tz_name
    offset = start.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    return f"UTC{'+' if minutes > 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _text_value(fm: _FrontMatter, key: str, *, required: bool) -> str | None:
    value = fm.data.get(key)
    if value is None:
        if required:
            fm.error(key, f"'{key}' is required", f"add a line such as  {key}: 2026-12-03")
        return None
    if not isinstance(value, str):
        fm.error(
            key,
            f"{key} must be a date like 2026-12-03, found {yamltext.describe(value)}",
            "YAML reads some values as numbers or yes/no: put the date in quotes",
        )
        return None
    return value


def _moment(
    fm: _FrontMatter, key: str, tz: ZoneInfo | None, *, required: bool
) -> dt.date | dt.datetime | None:
    value = _text_value(fm, key, required=required)
    if value is None:
        return None
    try:
        return dates.parse_moment(value, tz or ZoneInfo("UTC"))
    except dates.DateError as exc:
        fm.error(key, f"{key}: {exc}", exc.hint)
        return None


def _due(fm: _FrontMatter) -> dt.date | None:
    value = _text_value(fm, "due", required=False)
    if value is None:
        return None
    try:
        return dates.parse_day(value)
    except dates.DateError as exc:
        fm.error("due", f"due: {exc}", exc.hint)
        return None


def _channels(fm: _FrontMatter, registry: Registry) -> tuple[str, ...]:
    if "channel" in fm.data and "channels" in fm.data:
        fm.error("channel", "give either 'channels' or 'channel', not both")
        return ()
    key = "channel" if "channel" in fm.data else "channels"
    if fm.data.get(key) is None:
        fm.error(
            key,
            "'channels' is required",
            f"add a line such as  channels: [{next(iter(registry.channels), 'website')}]",
        )
        return ()
    channels = fm.texts(key)
    for channel in channels:
        if channel not in registry.channels:
            hint = (
                yamltext.did_you_mean(channel, registry.channels)
                or f"known channels: {', '.join(registry.channels)}"
            )
            fm.error(key, f"unknown channel '{channel}'", hint)
    return channels


def _copy(fm: _FrontMatter, channels: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    value = fm.data.get("copy")
    if value is None:
        return ()
    if not isinstance(value, dict):
        fm.error(
            "copy",
            f"copy must map channels to post text, found {yamltext.describe(value)}",
            "for example:\ncopy:\n  linkedin: Our new office opens on Monday.",
        )
        return ()
    copies = []
    for channel, post in value.items():
        line = fm.nested_line("copy", str(channel))
        if str(channel) not in channels:
            fm.problems.append(
                Problem(
                    fm.path,
                    line,
                    0,
                    f"copy for '{channel}', which is not one of this story's channels",
                    f"the story's channels: {', '.join(channels) or 'none'}",
                )
            )
        elif not isinstance(post, str) or not post.strip() or CONTROL_BUT_NEWLINE.search(post):
            fm.problems.append(Problem(fm.path, line, 0, f"copy for '{channel}' must be text"))
        else:
            copies.append((str(channel), post.strip()))
    return tuple(copies)


class StoryLoader:
    """Finds and validates every story under `docs_dir/stories`.

    Results for unchanged files (same modification time and size, same registry and settings) are
    reused, so `mkdocs serve` re-reads only what an author touched.
    """

    def __init__(self) -> None:
        self._cache: dict[str, tuple[tuple[int, int], Story | None, list[Problem]]] = {}
        self._context: tuple[Registry, Settings] | None = None

    def load(self, docs_dir: Path, root: Path, registry: Registry, settings: Settings) -> LoadResult:
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
