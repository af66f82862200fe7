"""The editorial model: stories, departments, channels and the site settings. Frozen data, no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from newsdesk.core.text import gettext

if TYPE_CHECKING:
    from collections.abc import Mapping

STATUSES = ("idea", "draft", "review", "scheduled", "published", "cancelled")
"""Every status a story can have, in the order a story moves through them."""

OPEN_STATUSES = frozenset({"idea", "draft", "review"})
"""Statuses of work that is not finished yet: a past `due` date on these is overdue."""

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PERIODS = ("week", "month")


@dataclass(frozen=True)
class Cadence:
    """A target such as 2 stories a week."""

    count: int
    per: str

    def __str__(self) -> str:
        return f"{self.count}/{self.per}"

    @property
    def label(self) -> str:
        """The target as the pages show it, in the site's language ("2/week", "2/Woche"); `str()` stays the
        front-matter's own spelling, for report.json and the CSV."""
        if self.per == "week":
            return gettext("%(num)d/week", num=self.count)
        return gettext("%(num)d/month", num=self.count)


@dataclass(frozen=True)
class Department:
    key: str
    name: str
    colour: str
    description: str = ""
    lead: str = ""
    cadence: Cadence | None = None
    line: int = 0
    channel_cadence: tuple[tuple[str, Cadence], ...] = ()
    """Targets for single channels (`cadence: {all: 2/week, linkedin: 1/month}`), besides `cadence`."""
    cadence_line: int = 0
    """The line of `cadence:` in departments.yml, for findings about the target."""


@dataclass(frozen=True)
class Channel:
    key: str
    name: str
    colour: str
    max_length: int | None = None
    max_per_day: int | None = None
    posting_days: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
    url_length: int | None = None
    """Characters a link counts for in the post copy (Twitter/X counts every URL as 23)."""
    line: int = 0
    metrics: tuple[str, ...] = ()
    """The figures the channel reports (`impressions`, `clicks`...), which a story's `results:` may give."""
    headline_metric: str = ""
    """The one of `metrics` that ranks stories and is charted; '' when the channel names none."""


@dataclass(frozen=True)
class Recurrence:
    """When a slot comes round: weekly on `weekdays` (every `interval` weeks), or monthly on the `nth`
    weekday (1 to 4, or -1 for the last) when `nth` is not 0."""

    weekdays: tuple[int, ...]
    nth: int = 0
    interval: int = 1


@dataclass(frozen=True)
class Slot:
    """A recurring slot from calendar/slots.yml: a channel, a rhythm, and whose story fills it."""

    key: str
    name: str
    channel: str
    every: Recurrence
    time: dt.time | None = None
    """Local time in the site's zone; None for an all-day slot."""
    owner: str = ""
    rotation: tuple[str, ...] = ()
    """Departments taking turns, the first one on `anchor`; empty when `owner` (or anyone) fills it."""
    anchor: dt.date | None = None
    starts: dt.date | None = None
    ends: dt.date | None = None
    line: int = 0


@dataclass(frozen=True)
class Registry:
    departments: Mapping[str, Department]
    channels: Mapping[str, Channel]
    folder: str = "calendar"
    slots: tuple[Slot, ...] = ()


@dataclass(frozen=True)
class Settings:
    """Site-wide options: the MkDocs plugin's options and the CLI's view of them share these defaults."""

    timezone: str = "UTC"
    today: dt.date = dt.date(1970, 1, 1)
    stories_dir: str = "stories"
    max_story_kib: int = 256
    max_image_kib: int = 2048
    """The largest image (PNG, JPEG, GIF or WebP) a department folder may hold beside its stories."""
    default_duration_minutes: int = 60
    first_weekday: int = 0
    language: str = "en"
    """The language of the pages and feeds (MkDocs theme.language), one newsdesk has a catalog for."""
    agenda_weeks: int = 8
    registry_dir: str = "calendar"
    site_name: str = "newsdesk"
    feeds_statuses: tuple[str, ...] = ("draft", "review", "scheduled", "published", "cancelled")
    feeds_refresh_hours: int = 6
    planning_quiet_weeks: int = 6
    """A department with nothing out for this many weeks and nothing planned is quiet."""
    planning_slots_in_feeds: bool = False
    """Whether the feeds carry unfilled slots as TENTATIVE "Open slot" events."""
    allow_raw_html: bool = False
    """Publish story bodies as markdown made them, raw HTML included, instead of sanitising them
    (sanitize.py): for an organisation that trusts every author with script on its site's origin."""
    outbound_published_statuses: tuple[str, ...] = ("published",)
    """The statuses /feeds/published.xml carries: the public feed of what went out."""
    outbound_channel_statuses: tuple[str, ...] = ("scheduled", "published")
    """The statuses each channel's Atom feed carries, for the tools that post from it: never a draft."""
    outbound_entries: int = 50
    """The newest entries an outbound Atom feed holds: posting tools only look for new ones."""
    nudge_days: int = 14
    """How many days back /feeds/nudges.xml goes (their working days, one entry each)."""
    working_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    """The weekdays (Monday 0) the desk works: the nudge's "next working day", the nudges feed's days."""
    results_due_days: int = 14
    """A story published longer ago than this, on a channel that reports figures, without figures for
    it, is a "results due" finding."""
    moment: dt.datetime | None = None
    """The build's instant when it falls on `today` (`SOURCE_DATE_EPOCH` or the clock, see
    dates.moment); None stands for the start of `today`."""

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class Story:
    """One valid story file. `start` is a `date` for all-day stories and an aware `datetime` otherwise."""

    id: str
    path: str
    """Where the file is, relative to the project root: what problems and annotations name."""
    src_uri: str
    """Where the file is inside the docs folder, as MkDocs names it."""
    department: str
    slug: str
    title: str
    start: dt.date | dt.datetime
    timezone: str
    channels: tuple[str, ...]
    status: str = "draft"
    duration: dt.timedelta | None = None
    authors: tuple[str, ...] = ()
    summary: str = ""
    due: dt.date | None = None
    tags: tuple[str, ...] = ()
    campaign: str = ""
    link: str = ""
    copy: tuple[tuple[str, str], ...] = ()
    results: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    """What the story achieved: per channel, its figures by metric, in the order the file gives them."""
    results_as_of: dt.date | None = None
    """When the figures were read, when the file says."""
    body: str = ""
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    """The 1-based line of each front-matter key, for findings that point at a key."""

    def __post_init__(self) -> None:
        # Worked out now, always in this order: Python keeps one table of attribute names for every story
        # only while each story adds its attributes in the same order; one added later, in whatever order
        # the build first asks, gives each story a dictionary of its own (a kilobyte more a story).
        for name in _DERIVED:
            getattr(self, name)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @cached_property  # asked for hundreds of thousands of times in a 10,000-story build: worked out once
    def day(self) -> dt.date:
        """The calendar day of the story, as its author wrote it."""
        return self.start.date() if isinstance(self.start, dt.datetime) else self.start

    @cached_property
    def end(self) -> dt.date | dt.datetime:
        """Exclusive end: the next day for all-day stories, start plus duration otherwise."""
        if isinstance(self.start, dt.datetime):
            duration = self.duration or dt.timedelta(minutes=Settings.default_duration_minutes)
            # Elapsed time, not wall-clock time (which is what `+` does within one zone): a one-hour story at
            # 01:30 on the night the clocks go back ends at the second 01:30, not at 02:30.
            return (self.start.astimezone(dt.UTC) + duration).astimezone(self.start.tzinfo)
        return self.start + dt.timedelta(days=1)

    @cached_property  # the calendar sorts the same stories for every page that lists them
    def time_key(self) -> tuple[dt.date, int, float, str, str]:
        """Time order: by day, all-day stories first, then by start instant, then by title and path."""
        if isinstance(self.start, dt.datetime):
            return (self.day, 1, self.start.timestamp(), self.title.casefold(), self.path)
        return (self.day, 0, 0.0, self.title.casefold(), self.path)

    @cached_property
    def url(self) -> str:
        """The page's path below the site root, with directory URLs."""
        return f"{self.src_uri.split('/', 1)[0]}/{self.department}/{self.slug}/"

    @property
    def has_id(self) -> bool:
        """Whether the front-matter gives an `id:`. Without one, `id` is the file's path inside docs_dir
        without `.md` (what duplicate checks and stories.json name); an `id:` never holds a '/'."""
        return self.id != self.src_uri[: -len(".md")]

    @cached_property
    def uid_key(self) -> str:
        """What the story is followed by across edits: its feed UID (before `@host`) and what `newsdesk diff`
        pairs revisions on. Its `id:`, or without one `<department>/<slug>`: a new date in the file name
        leaves it alone, and no other story can share it (it is the page address too, which is unique).

        No story's key holds a '+' before its first '/' (ids have neither, department keys no '+'): slot
        and deadline UIDs (`slot+…`, `due+…`, see feeds.py) do, so no story can take theirs."""
        return self.id if self.has_id else f"{self.department}/{self.slug}"

    def figures(self, channel: str) -> dict[str, int]:
        """The story's figures on `channel` by metric; empty when it has none there."""
        for key, figures in self.results:
            if key == channel:
                return dict(figures)
        return {}

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


_DERIVED = ("day", "end", "time_key", "url", "uid_key")
"""Story's cached properties, which `Story.__post_init__` works out as each story is made."""
