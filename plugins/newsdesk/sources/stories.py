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

from newsdesk.core import dates, yamltext
from newsdesk.core.model import STATUSES, Story
from newsdesk.core.problems import Problem, Severity
from newsdesk.sources import storyfiles
from newsdesk.sources.bodies import body_problems

if TYPE_CHECKING:
    from pathlib import Path

    from newsdesk.core.model import Registry, Settings

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
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")  # with fullmatch, like every pattern for a whole value
SLUG = re.compile(r"^(?:\d{4}-\d{2}-\d{2}-)?(?P<slug>.+)$")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Invisible characters that change the direction text is displayed in (U+202E makes "fdp.exe" show as "exe.pdf")."""
MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);|\[[^\]]*\]\(|`|\*\*|__")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
URL = re.compile(rf"https://{_LABEL}(?:\.{_LABEL})*(?::\d{{1,5}})?(?:[/?#][^\s\"'<>\\`\x00-\x1f\x7f-\x9f]*)?")
"""A `link:` (with fullmatch): https only; no space, control character, quote, `<`, `>` or backslash."""
DAY_FIRST = re.compile(
    r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})(?P<time>[ T]+\d{1,2}:\d{2}(?::\d{2})?)?"
)
"""`03/12/2026`: a day and a month in an order newsdesk cannot know."""
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip
TIME_KEYS = ("time", "start_time", "starttime", "start-time", "hour")
MAX_ITEMS = 50
"""The most items a list in the front-matter (channels, author, tags) may hold."""
MAX_SHOWN = 10
"""The most problems shown for one key: the rest are counted on one more line."""
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
    """The front-matter of one file: values, the line of each key, and the problems found so far.

    Lines come from the YAML loader's marks (`yamltext.Document`), counted in the file's own numbering:
    the front-matter starts on the file's line 2. At most MAX_SHOWN problems are shown per key; one more
    line counts the rest, so a list of 1,000 unknown channels is 11 problems, not 1,000.
    """

    def __init__(self, path: str, document: yamltext.Document, yaml_text: str) -> None:
        self.path = path
        self.document = document
        self.data: dict[Any, Any] = document.data
        self.yaml_text = yaml_text
        self.lines: dict[str, int] = {str(k): line for k, line in document.key_lines(self.data).items()}
        self.problems: list[Problem] = []
        self._count: dict[str, int] = {}
        self._more: dict[str, int] = {}  # key: the index in `problems` of its "and N more" line

    def shown(self, key: str) -> bool:
        """Whether the next problem of `key` is shown in full (else only counted)."""
        return self._count.get(key, 0) < MAX_SHOWN

    def error(self, key: str, message: str, hint: str = "", *, line: int = 0) -> None:
        count = self._count[key] = self._count.get(key, 0) + 1
        if count <= MAX_SHOWN:
            self.problems.append(Problem(self.path, line or self.lines.get(key, 1), 0, message, hint))
            return
        more = f"and {count - MAX_SHOWN} more problem{'s' * (count > MAX_SHOWN + 1)} with '{key}'"
        hint = "fix the ones above first: the rest are probably alike"
        problem = Problem(self.path, self.lines.get(key, 1), 0, more, hint)
        if key in self._more:
            self.problems[self._more[key]] = problem
        else:
            self._more[key] = len(self.problems)
            self.problems.append(problem)

    def nested_line(self, key: str, child: object) -> int:
        """The line of `child:` in the mapping under `key:`, else the line of `key:`."""
        return self.document.key_lines(self.data.get(key)).get(child) or self.lines.get(key, 1)

    def item_lines(self, key: str) -> dict[str, int]:
        """The line of each text of the list under `key:` (its first, when one is there twice)."""
        value = self.data.get(key)
        lines = self.document.item_lines(value)
        found: dict[str, int] = {}
        if isinstance(value, list):
            for item, line in zip(value, lines, strict=False):
                if isinstance(item, str):
                    found.setdefault(item.strip(), line)
        return found

    def commented_out(self, key: str) -> bool:
        """Whether `key:` is empty because its value starts with an unquoted `#` (YAML reads a comment)."""
        if key not in self.data or self.data[key] is not None or key not in self.lines:
            return False
        lines = self.yaml_text.split("\n")
        index = self.lines[key] - 2
        return 0 <= index < len(lines) and re.search(r":[ \t]+#", lines[index]) is not None

    def text(self, key: str, *, required: bool = False, multiline: bool = False) -> str:
        value = self.data.get(key)
        if value is None:
            if self.commented_out(key):
                self.error(
                    key,
                    f"{key} is empty: YAML reads everything after an unquoted # as a comment",
                    f'put the value in quotes, e.g. {key}: "#1 in the rankings"',
                )
            elif required:
                self.error(key, f"'{key}' is required", f"add a line such as  {key}: ...")
            return ""
        if not isinstance(value, str):
            self.error(
                key, f"{key} must be text, found {yamltext.describe(value)}", "put the value in quotes"
            )
            return ""
        if not self.sound_text(key, key, value, multiline=multiline):
            return ""
        value = value.strip()
        if required and not value:
            self.error(key, f"'{key}' is empty")
        return value

    def sound_text(self, key: str, what: str, value: str, *, multiline: bool = False, line: int = 0) -> bool:
        """Whether `value` is free of control characters, line breaks (unless `multiline`) and the
        invisible characters that reverse text direction; if not, the problem is reported on `key`,
        naming the value `what` ("title", "copy for 'linkedin'", "one of the tags")."""
        value = value.strip()
        bidi = BIDI.search(value)
        if bidi:
            self.error(
                key,
                f"{'' if what.startswith('one of') else 'the '}{what} holds an invisible character that "
                f"reverses text direction (U+{ord(bidi.group()):04X})",
                'such a character makes text display otherwise than it reads ("Invoice [U+202E]fdp.exe" '
                'shows as "Invoice exe.pdf"): retype the text instead of pasting it',
                line=line,
            )
            return False
        if (CONTROL_BUT_NEWLINE if multiline else CONTROL).search(value):
            line_break = not multiline and ("\n" in value or "\u2028" in value or "\u2029" in value)
            self.error(
                key,
                f"{what} contains {'a line break' if line_break else 'a control character'}",
                "keep it on one line; retype the value if unsure",
                line=line,
            )
            return False
        return True

    def texts(self, key: str) -> tuple[str, ...]:
        """One text or a list of texts (at most MAX_ITEMS)."""
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
        if len(items) > MAX_ITEMS:
            self.error(key, f"{key} lists {len(items):,} items; at most {MAX_ITEMS} are allowed")
            return ()
        if not all(self.sound_text(key, f"one of the {key}", item) for item in items):
            return ()
        return tuple(dict.fromkeys(item.strip() for item in items))


def parse_story(
    text: str, *, path: str, src_uri: str, department: str, registry: Registry, settings: Settings
) -> tuple[Story | None, list[Problem]]:
    """Validate one story's text. `path` is what problems name; nothing here touches the disk.

    Every field is checked whatever the others hold, so a contributor sees every problem of the file
    at once; only a file YAML cannot read stops at its first problem."""
    head = _split(text, path)
    if isinstance(head, Problem):
        return None, [head]
    yaml_text, body = head
    try:
        document = yamltext.read(yaml_text, first_line=2)  # the line after the opening ---
    except yamltext.YamlError as exc:
        return None, [Problem(path, exc.line, exc.column, exc.message, exc.hint)]
    data = document.data
    if not isinstance(data, dict):
        message = f"the front-matter must be 'key: value' lines, found {yamltext.describe(data)}"
        return None, [Problem(path, 2, 0, message, TEMPLATE_HINT)]

    fm = _FrontMatter(path, document, yaml_text)
    for duplicate in document.duplicates:  # at any depth, in flow style or quoted: YAML keeps the last
        fm.problems.append(Problem(path, duplicate.line, duplicate.column, duplicate.message()))
    for key in data:
        if str(key) in KEYS:
            continue
        if str(key).lower() in TIME_KEYS:
            day = data.get("date") if isinstance(data.get("date"), str) else "2026-12-03"
            fm.error(
                str(key),
                f"unknown key '{key}': a story's time goes in its date",
                f'write the day and the time together, e.g. date: "{str(day).strip()[:10]} 09:30"',
            )
            continue
        hint = yamltext.did_you_mean(str(key), KEYS) or f"the keys a story can have: {', '.join(KEYS)}"
        fm.error(str(key), f"unknown key {str(key)!r}", hint)

    story = _build(
        fm, path=path, src_uri=src_uri, department=department, body=body, registry=registry, settings=settings
    )
    fm.problems.extend(
        body_problems(body, path=path, first_line=text.count("\n", 0, len(text) - len(body)) + 1)
    )
    return (story if not fm.problems else None), fm.problems


def _split(text: str, path: str) -> tuple[str, str] | Problem:
    """Front-matter text (from line 2) and body, or the problem with the file's shape."""
    if "\x00" in text:
        at = text.index("\x00")
        return Problem(
            path,
            text.count("\n", 0, at) + 1,
            0,
            "the file is not text: it holds a NUL byte",
            "a story is a plain text file: save it again from a text editor, as UTF-8",
        )
    lone_cr = text.count("\r") - text.count("\r\n")
    if lone_cr and lone_cr >= text.count("\n"):
        return Problem(
            path,
            1,
            0,
            "the file's lines end with a carriage return only (old Mac line endings), so it reads as one line",
            "save it again with LF (Unix) line endings: most editors offer the choice in the status bar",
        )
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
    """The story, once every field has been checked (each one, whatever the others hold)."""
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
            f"department is {given!r} but the file is in the '{department}' folder",
            f"move the file to the {given!r} folder, or remove the department line",
        )

    story_id = fm.text("id")
    if story_id and not ID.fullmatch(story_id):
        fm.error("id", f"id {story_id!r} may only hold letters, digits, '.', '_' and '-' (64 at most)")

    status = fm.text("status") or "draft"
    if status not in STATUSES:
        fm.error(
            "status",
            f"unknown status {status!r}",
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
    if link and not URL.fullmatch(link):
        fm.error("link", *_link_problem(link))
    copy = _copy(fm, channels)
    authors = fm.texts("author")
    summary = fm.text("summary", multiline=True)
    tags = fm.texts("tags")
    campaign = fm.text("campaign")

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
        authors=authors,
        summary=summary,
        due=due,
        tags=tags,
        campaign=campaign,
        link=link,
        copy=copy,
        body=body,
        lines=fm.lines,
    )


def _link_problem(link: str) -> tuple[str, str]:
    """What is wrong with a `link:` that is not a plain https address: the message and the hint."""
    shown = link if len(link) <= 80 else link[:60] + "..."
    if link.lower().startswith("http://"):
        return (
            f"link must start with https://, found {shown!r}",
            f"use the secure address: https://{link[len('http://') :]}"[:200],
        )
    if not link.lower().startswith("https://"):
        return (
            f"link must be a full web address starting with https://, found {shown!r}",
            "for example: link: https://www.example.org/news/2026/launch",
        )
    return (
        f"link {shown!r} holds a character a web address cannot hold",
        "a web address has no spaces, quotes, <, >, or backslashes: copy it again from the browser's "
        "address bar (spaces are written %20)",
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


def _day_first(fm: _FrontMatter, key: str, value: str) -> bool:
    """Report a date written `03/12/2026` (or with dots or dashes), naming its readings; whether it was."""
    match = DAY_FIRST.fullmatch(value.strip())
    if match is None:
        return False
    a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
    time = " ".join(match["time"].split()) if match["time"] else ""
    readings = []  # (written year first, in words)
    for day, month in ((a, b), (b, a)):
        try:
            dt.date(year, month, day)
        except ValueError:
            continue
        iso = f"{year:04d}-{month:02d}-{day:02d}" + (f" {time}" if time else "")
        words = (f"{day} {MONTHS[month - 1]} {year}", f"{MONTHS[month - 1]} {day}, {year}")
        readings.append((iso, words[0] if day == a else words[1]))
    readings = list(dict(readings[::-1]).items())[::-1]  # one per date: 05/05/2026 has one reading
    if not readings:
        return False  # no reading is a date: dates.py says why
    quoted = (lambda iso: f'"{iso}"') if time else (lambda iso: iso)
    if len(readings) == 2:
        (first, first_words), (second, second_words) = readings
        fm.error(
            key,
            f"{key}: {value.strip()!r} can be read as {first_words} or as {second_words}",
            f"write the year first, as newsdesk reads dates: {key}: {quoted(first)} for {first_words}, "
            f"{key}: {quoted(second)} for {second_words}",
        )
    else:
        ((iso, in_words),) = readings
        fm.error(
            key,
            f"{key}: {value.strip()!r} is not written the way newsdesk reads dates (year first)",
            f"for {in_words}, write {key}: {quoted(iso)}",
        )
    return True


def _moment(
    fm: _FrontMatter, key: str, tz: ZoneInfo | None, *, required: bool
) -> dt.date | dt.datetime | None:
    value = _text_value(fm, key, required=required)
    if value is None or _day_first(fm, key, value):
        return None
    try:
        return dates.parse_moment(value, tz or ZoneInfo("UTC"))
    except dates.DateError as exc:
        fm.error(key, f"{key}: {exc}", exc.hint)
        return None


def _due(fm: _FrontMatter) -> dt.date | None:
    value = _text_value(fm, "due", required=False)
    if value is None or _day_first(fm, "due", value):
        return None
    try:
        return dates.parse_day(value)
    except dates.DateError as exc:
        fm.error("due", f"due: {exc}", exc.hint)
        return None


def _listing(names: list[str] | tuple[str, ...], most: int = 20) -> str:
    """`a, b, c` for a hint, with at most `most` names and the count of the rest."""
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _channels(fm: _FrontMatter, registry: Registry) -> tuple[str, ...]:
    example = next(iter(registry.channels), "website")
    if "channel" in fm.data and "channels" in fm.data:
        fm.error("channel", "give either 'channels' or 'channel', not both")
        return ()
    key = "channel" if "channel" in fm.data else "channels"
    value = fm.data.get(key)
    if value is None or value == []:
        fm.error(
            key,
            "'channels' is empty: a story must be on at least one channel"
            if value == []
            else "'channels' is required",
            f"add a line such as  channels: [{example}]",
        )
        return ()
    channels = fm.texts(key)
    lines = None
    for channel in channels:
        if channel in registry.channels:
            continue
        if lines is None:
            lines = fm.item_lines(key)
        hint = ""
        if fm.shown(key):  # a suggestion compares with every channel: only for the problems shown
            hint = (
                yamltext.did_you_mean(channel, registry.channels)
                or f"known channels: {_listing(list(registry.channels))}"
            )
        fm.error(key, f"unknown channel {channel!r}", hint, line=lines.get(channel, 0))
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
        line = fm.nested_line("copy", channel)
        name = str(channel)
        if name not in channels:
            fm.error(
                "copy",
                f"copy for {name!r}, which is not one of this story's channels",
                f"the story's channels: {_listing(channels) or 'none'}",
                line=line,
            )
        elif not isinstance(post, str) or not post.strip():
            fm.error("copy", f"copy for {name!r} must be text", line=line)
        elif fm.sound_text("copy", f"copy for {name!r}", post, multiline=True, line=line):
            copies.append((name, post.strip()))
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
