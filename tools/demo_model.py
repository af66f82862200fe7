"""The demo's pieces: the data file, a kind of story from it (`Template`), a story to write (`Story`), and
the small readers of its values that fail with the data file's name.

tools/demo_plan.py decides which story goes where; tools/make_demo.py writes them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from newsdesk.core.model import Recurrence
from newsdesk.core.recurrence import RuleError, parse_every

DATA = Path(__file__).with_name("demo") / "stories.yml"
TEMPLATE_KEYS = ("title", "summary", "body", "bullets", "lead", "channels", "tags", "once", "times", "slug")
PLACING_KEYS = ("department", "day", "time", "status", "timezone", "keep_tags", "due", "overdue", "campaign",
                "copy", "busy", "free_on", "shift", "months", "latest")  # fmt: skip


def fail(message: str) -> NoReturn:
    raise SystemExit(f"make_demo: {message}")


def fill(text: str, values: dict[str, Any]) -> str:
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError) as error:
        fail(f"{DATA.name}: cannot fill in {text!r}: unknown slot or stray brace ({error})")


def time_of(entry: dict[str, Any]) -> str | None:
    """`time:` of a data entry: None when it is left out (the script picks), "" for `all day`."""
    time = entry.get("time")
    if time is None or time == "all day":
        return None if time is None else ""
    if not (isinstance(time, str) and re.fullmatch(r"\d\d:\d\d", time)):
        fail(f'{DATA.name}: time {time!r} of {entry.get("title")!r}: write "09:30" (in quotes) or all day')
    return time


def rule(text: str) -> Recurrence:
    """An `every:` of the data file, read the way newsdesk reads the `every:` of calendar/slots.yml."""
    try:
        return parse_every(text)
    except RuleError as error:
        fail(f"{DATA.name}: every: {text!r}: {error}")


@dataclass(frozen=True)
class Template:
    """A kind of story, from the data file. Its texts may use {slots}, which Demo.context fills in."""

    title: str
    summary: str
    body: tuple[str | tuple[str, ...], ...]  # paragraphs; a tuple offers alternatives, one is picked
    lead: str
    channels: tuple[str, ...]  # preferred channels, the main one first
    bullets: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    once: bool = False  # a one-off announcement: at most one story per department
    times: tuple[str, ...] = ()  # usual start times, for stories that happen at a time
    slug: str = ""

    @classmethod
    def of(cls, entry: dict[str, Any], defaults: dict[str, Any]) -> Template:
        unknown = sorted(set(entry) - set(TEMPLATE_KEYS) - set(PLACING_KEYS))
        missing = [key for key in ("title", "summary", "body") if key not in entry]
        if unknown or missing:
            what = f"unknown {', '.join(unknown)}" if unknown else f"no {', '.join(missing)}"
            fail(f"{DATA.name}: the story {entry.get('title', entry)!r} has {what}")
        body = tuple(tuple(p["one of"]) if isinstance(p, dict) else p for p in entry["body"])
        lists = {key: tuple(entry[key]) for key in ("bullets", "tags", "times") if key in entry}
        return cls(entry["title"], entry["summary"], body, entry.get("lead", defaults["lead"]),
                   tuple(entry.get("channels", defaults["channels"])), **lists, once=bool(entry.get("once")),
                   slug=entry.get("slug", ""))  # fmt: skip

    def texts(self) -> list[str]:
        paragraphs = [text for item in self.body for text in ((item,) if isinstance(item, str) else item)]
        return [self.title, self.summary, self.lead, *paragraphs, *self.bullets, *self.tags, self.slug]


@dataclass
class Story:
    department: str
    day: dt.date
    title: str
    summary: str
    body: str
    channels: list[str]
    status: str
    story_id: str
    time: str = ""
    slug: str = ""
    timezone: str = ""
    show_department: bool = False
    authors: list[str] = field(default_factory=list)
    due: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    campaign: str = ""
    copy: dict[str, str] = field(default_factory=dict)
    link: str = ""

    def front_matter(self) -> dict[str, Any]:
        """The front-matter as YAML should read it back, in the order it is written."""
        meta = {
            "id": self.story_id,
            "title": self.title,
            "date": f"{self.day} {self.time}" if self.time else self.day,
            "timezone": self.timezone,
            "department": self.department if self.show_department else "",
            "channels": list(self.channels),
            "status": self.status,
            "author": self.authors[0] if len(self.authors) == 1 else list(self.authors),
            "summary": self.summary,
            "due": self.due,
            "tags": list(self.tags),
            "campaign": self.campaign,
            "copy": dict(self.copy),
            "link": self.link,
        }
        return {key: value for key, value in meta.items() if value}
