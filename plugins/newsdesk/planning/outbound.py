"""What the outbound feeds hand to the tools that post (Buffer, Zapier, IFTTT) and to feed readers.

A story is handed over once its moment has come: its time for a timed story, its day (from midnight in the
site's zone) for an all-day one, as of the build's moment (`Settings.moment`, else the start of today). A
posting tool posts each new entry once, so a story must never appear before it may go out: a feed holds
only stories whose moment has come, with one of the feed's statuses, newest first, at most
`outbound_entries` of them. The feeds change only when the site is rebuilt: that is the latency.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from newsdesk.planning.slots import local_start

if TYPE_CHECKING:
    from collections.abc import Iterable
    from zoneinfo import ZoneInfo

    from newsdesk.core.model import Settings, Story

MIDNIGHT = dt.time(0, 0)


def build_moment(settings: Settings) -> dt.datetime:
    """The instant the outbound feeds are made as of: the build's, or the start of today."""
    start = day_start(settings.today, settings.zone)
    return settings.moment if settings.moment is not None else start


def day_start(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """Midnight of `day` in `zone` (a midnight the clocks skip moves forward, as slots' times do)."""
    start = local_start(day, MIDNIGHT, zone)
    assert start is not None  # a time was given
    return start


def story_moment(story: Story, zone: ZoneInfo) -> dt.datetime:
    """When a story may go out: its start for a timed story, the start of its day for an all-day one."""
    return story.start if isinstance(story.start, dt.datetime) else day_start(story.start, zone)


def outbound(stories: Iterable[Story], statuses: Iterable[str], settings: Settings) -> list[Story]:
    """The stories an outbound feed holds: of `statuses`, their moment come, newest first, at most
    `outbound_entries`. Ties (stories at the same moment) keep a fixed order, by time order reversed."""
    wanted = frozenset(statuses)
    now = build_moment(settings)
    zone = settings.zone
    due = [(story_moment(s, zone), s) for s in stories if s.status in wanted]
    come = [(moment, s) for moment, s in due if moment <= now]
    come.sort(key=lambda pair: (pair[0].timestamp(), pair[1].time_key), reverse=True)
    return [story for _, story in come[: settings.outbound_entries]]
