"""The checks of a story's front-matter, field by field: what each may hold, and the problem, on its line,
when it does not.

The dates (`date:` and `due:`, a day-first date named with both its readings, the zone a timed story is
in), the channels, the copy for each channel, and what is wrong with a `link:`. Each reports through
`FrontMatter` (`frontmatter.py`, with the keys and patterns); `storytext.py` puts the fields together into
a `Story`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from newsdesk.core import dates, yamltext

if TYPE_CHECKING:
    from newsdesk.core.model import Registry
    from newsdesk.sources.frontmatter import FrontMatter

DAY_FIRST = re.compile(
    r"(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})(?P<time>[ T]+\d{1,2}:\d{2}(?::\d{2})?)?"
)
"""`03/12/2026`: a day and a month in an order newsdesk cannot know."""
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip


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
