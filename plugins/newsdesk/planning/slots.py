"""Recurring slots on the calendar: their days, whose turn it is, and which story fills them.

A slot is a promise on the calendar, such as "the newsletter goes out on the first Tuesday of the month,
written by marketing" or "LinkedIn on Thursdays, research, hr and legal taking turns". A story fills an
occurrence when it is on the slot's channel, on that day, not cancelled, and from the department whose
turn it is (any department when the slot has neither `owner` nor `rotation`).

Rotation is decided by counting occurrences from the slot's anchor: the occurrence on the anchor date is
the first department's turn, the next occurrence the second's, and so on round the list, backwards too.
The anchor is the `anchor:` date, which must be a day the slot happens on, or else the first occurrence on
or after `starts:`. Nothing depends on the build date, so every build agrees on whose turn it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.core.recurrence import occurrence_index, rule_days
from newsdesk.core.schedule import DateRange

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from newsdesk.core.model import Slot, Story
    from newsdesk.core.site import Site


def turn(slot: Slot, day: dt.date) -> str:
    """The department whose story fills `slot` on `day` (one of its days); '' when any department may."""
    if slot.rotation and slot.anchor is not None:
        return slot.rotation[occurrence_index(slot.every, day, slot.anchor) % len(slot.rotation)]
    return slot.owner


def slot_days(slot: Slot, days: DateRange) -> list[dt.date]:
    """The days of `slot` within `days`, within its own `starts` and `ends`."""
    start = max(days.start, slot.starts) if slot.starts else days.start
    end = min(days.end, slot.ends + dt.timedelta(days=1)) if slot.ends else days.end
    return rule_days(slot.every, DateRange(start, end), slot.anchor) if start < end else []


def local_start(day: dt.date, time: dt.time | None, zone: ZoneInfo) -> dt.datetime | None:
    """The slot's moment on `day` in `zone`. A time the clocks skip moves forward by the gap (01:30 on the
    night clocks go forward is 02:30); a time that happens twice means the first."""
    if time is None:
        return None
    wall = dt.datetime.combine(day, time, tzinfo=zone)
    return wall.astimezone(dt.UTC).astimezone(zone)


# --- Filling ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlotDay:
    """One occurrence of a slot, and what is on it."""

    slot: Slot
    day: dt.date
    start: dt.datetime | None
    """The slot's time in the site's zone; None for an all-day slot."""
    department: str
    """Whose turn it is: the owner, the department in rotation, or '' for anyone."""
    filled_by: tuple[Story, ...] = ()
    """Stories that fill it: on the channel and day, not cancelled, from the right department."""
    others: tuple[Story, ...] = ()
    """Stories on the channel and day from another department: they do not fill a slot that is not theirs."""

    @property
    def filled(self) -> bool:
        return bool(self.filled_by)

    @property
    def id(self) -> str:
        return f"{self.slot.key}-{self.day.isoformat()}"


def slot_calendar(site: Site, start: dt.date, end: dt.date) -> list[SlotDay]:
    """Every occurrence of every slot from `start` up to, not including, `end`, in time order, filled or not."""
    days = DateRange(start, end)
    zone = site.settings.zone
    on_day: dict[tuple[str, dt.date], list[Story]] = {}
    wanted = {slot.channel for slot in site.registry.slots}
    for channel in wanted:
        for story in site.by_channel.get(channel, ()):
            if story.status != "cancelled" and story.day in days:
                on_day.setdefault((channel, story.day), []).append(story)
    found = []
    for slot in site.registry.slots:
        for day in slot_days(slot, days):
            department = turn(slot, day)
            here = on_day.get((slot.channel, day), [])
            mine = tuple(s for s in here if not department or s.department == department)
            others = tuple(s for s in here if s not in mine)
            found.append(SlotDay(slot, day, local_start(day, slot.time, zone), department, mine, others))
    return sorted(found, key=lambda s: (s.day, s.start.timestamp() if s.start else 0.0, s.slot.key))


def open_slots(site: Site, start: dt.date, end: dt.date) -> list[SlotDay]:
    """Unfilled occurrences from `start` (but never before today) up to `end`: the holes the calendar
    shows on its month pages and agenda. Past occurrences are history, not holes."""
    start = max(start, site.settings.today)
    return [occurrence for occurrence in slot_calendar(site, start, end) if not occurrence.filled]
