"""A story's front-matter field by field: what each key may hold, and the problem, on its line, when it does not.

The keys and patterns of a story live here; `storytext.py` puts the fields together into a `Story`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from newsdesk.core import dates, yamltext
from newsdesk.core.problems import Problem
from newsdesk.core.text import counted

if TYPE_CHECKING:
    from newsdesk.core.model import Registry

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


class FrontMatter:
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
        more = f"and {counted(count - MAX_SHOWN, 'more problem')} with '{key}'"
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


def link_problem(link: str) -> tuple[str, str]:
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


def zone_name(start: dt.date | dt.datetime, tz_name: str) -> str:
    """The zone a timed story is in: its IANA name, or `UTC+05:30` when the date gave an offset."""
    if not isinstance(start, dt.datetime) or isinstance(start.tzinfo, ZoneInfo):
        return tz_name
    offset = start.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    return f"UTC{'+' if minutes > 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def text_value(fm: FrontMatter, key: str, *, required: bool) -> str | None:
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


def _day_first(fm: FrontMatter, key: str, value: str) -> bool:
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


def moment(fm: FrontMatter, key: str, tz: ZoneInfo | None, *, required: bool) -> dt.date | dt.datetime | None:
    value = text_value(fm, key, required=required)
    if value is None or _day_first(fm, key, value):
        return None
    try:
        return dates.parse_moment(value, tz or ZoneInfo("UTC"))
    except dates.DateError as exc:
        fm.error(key, f"{key}: {exc}", exc.hint)
        return None


def due_date(fm: FrontMatter) -> dt.date | None:
    value = text_value(fm, "due", required=False)
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


def channels_of(fm: FrontMatter, registry: Registry) -> tuple[str, ...]:
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


def copy_of(fm: FrontMatter, channels: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
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
