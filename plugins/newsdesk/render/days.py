"""What a calendar listing shows: days with their stories and open slots, weeks, the filters' options, a
department's or a channel's counts, listing and mix. Data only: the templates (`partials/days.html`,
`partials/listing.html`, `partials/filters.html`) decide the markup, and `views.py` which pages show what.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.core import schedule
from newsdesk.core.model import STATUSES
from newsdesk.core.schedule import DateRange, Month
from newsdesk.planning.slots import open_slots

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from newsdesk.core.model import Story
    from newsdesk.core.site import Site
    from newsdesk.planning.slots import SlotDay

RECENT_DAYS = 30
"""What "recent" means on the department and channel pages."""


@dataclass(frozen=True)
class Day:
    """One day as a calendar shows it."""

    date: dt.date
    stories: Sequence[Story]
    today: bool = False
    past: bool = False
    in_month: bool = True
    slots: Sequence[SlotDay] = ()
    """The day's unfilled recurring slots (today on only): holes, drawn by partials/open_slot.html."""

    @property
    def weekend(self) -> bool:
        return schedule.is_weekend(self.date)


@dataclass(frozen=True)
class Week:
    days: DateRange
    entries: Sequence[Day]
    """Only the days with stories (and today): an agenda lists what happens, not every date."""


@dataclass(frozen=True)
class Option:
    """One checkbox of the filters: its value, its label, how many of the page's stories it matches."""

    value: str
    label: str
    count: int
    colour: str = ""


@dataclass(frozen=True)
class Filters:
    departments: Sequence[Option]
    channels: Sequence[Option]
    statuses: Sequence[Option]
    total: int


@dataclass(frozen=True)
class Counts:
    """A department's or a channel's numbers on the index pages."""

    upcoming: int
    recent: int


def day_of(
    site: Site,
    date: dt.date,
    stories: Sequence[Story],
    *,
    in_month: bool = True,
    slots: Sequence[SlotDay] = (),
) -> Day:
    today = site.settings.today
    return Day(date, stories, today=date == today, past=date < today, in_month=in_month, slots=slots)


def holes_by_day(site: Site, start: dt.date, end: dt.date) -> dict[dt.date, list[SlotDay]]:
    """The unfilled slots from `start` (never before today) up to `end`, by day, in time order."""
    grouped: dict[dt.date, list[SlotDay]] = {}
    if site.registry.slots and end > site.settings.today:
        for hole in open_slots(site, start, end):
            grouped.setdefault(hole.day, []).append(hole)
    return grouped


def filters_for(site: Site, stories: Sequence[Story]) -> Filters:
    """Every department, channel and status as a filter option, counted over the page's stories."""
    departments = Counter(story.department for story in stories)
    channels = Counter(key for story in stories for key in story.channels)
    statuses = Counter(story.status for story in stories)
    registry = site.registry
    return Filters(
        [Option(k, d.name, departments[k], d.colour) for k, d in registry.departments.items()],
        [Option(k, c.name, channels[k], c.colour) for k, c in registry.channels.items()],
        [Option(s, s, statuses[s]) for s in STATUSES],
        len(stories),
    )


def not_cancelled(stories: Iterable[Story]) -> list[Story]:
    return [story for story in stories if story.status != "cancelled"]


def counts(site: Site, stories: Sequence[Story]) -> Counts:
    """Upcoming (today on) and recent (the last RECENT_DAYS) stories, cancelled ones left out."""
    today = site.settings.today
    recent = DateRange(today - dt.timedelta(days=RECENT_DAYS), today)
    live = not_cancelled(stories)
    return Counts(sum(s.day >= today for s in live), sum(s.day in recent for s in live))


@dataclass(frozen=True)
class Listing:
    """A department's or a channel's stories: the coming weeks, how many lie beyond, the recent past."""

    upcoming: Sequence[Day]
    until: dt.date
    """The first day past the upcoming list (the agenda's horizon)."""
    later: int
    later_month: Month | None
    """The month of the first story past the horizon, to link to."""
    recent: Sequence[Day]
    """Newest first."""


def listing(site: Site, stories: Sequence[Story]) -> Listing:
    """Upcoming stories up to the agenda's horizon (so the page stays small however far ahead people
    plan), and the last RECENT_DAYS days."""
    today = site.settings.today
    coming = DateRange(today, today + dt.timedelta(weeks=site.settings.agenda_weeks))
    recent_days = DateRange(today - dt.timedelta(days=RECENT_DAYS), today)
    later = [story.day for story in stories if story.day >= coming.end]
    upcoming = schedule.by_day((s for s in stories if s.day in coming), coming)
    recent = schedule.by_day((s for s in stories if s.day in recent_days), recent_days)
    return Listing(
        upcoming=[day_of(site, day, items) for day, items in upcoming.items()],
        until=coming.end,
        later=len(later),
        later_month=Month.of(min(later)) if later else None,
        recent=[day_of(site, day, items) for day, items in reversed(recent.items())],
    )


def mix(keys: Iterable[str], names: dict[str, str]) -> list[tuple[str, str, int, float]]:
    """(key, name, count, share) for every name, biggest first: a department's channel mix and back."""
    counted = Counter(keys)
    total = sum(counted.values()) or 1
    rows = [(key, name, counted[key], counted[key] / total) for key, name in names.items()]
    return sorted(rows, key=lambda row: -row[2])
