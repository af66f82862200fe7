"""Findings about days on a channel: posting days with nothing on it in the coming four weeks (gap days),
and days from today on with more stories than it takes (clashes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.core.schedule import DateRange, Timeline, by_day
from newsdesk.core.text import gettext, ngettext
from newsdesk.planning.findings.counting import WINDOW
from newsdesk.planning.findings.finding import Finding, dated, short_day, warning

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from newsdesk.core.model import Slot, Story
    from newsdesk.core.site import Site

GAPS_LISTED = 6
"""A gap-day warning names this many days; the dashboard lists them all."""


def gap_days(site: Site) -> list[Finding]:
    """In the coming four weeks, posting days with nothing on the channel.

    Only channels that post on some weekdays (not every day) have posting days to miss. The weekdays a
    recurring slot of the channel comes round on are watched through that slot instead (see
    `unfilled_slots`), while the slot runs: a monthly newsletter that posts on Tuesdays does not miss the
    other Tuesdays. The channel's other posting days are still gap days: LinkedIn posting Monday to
    Friday with a Thursday slot can miss a Monday."""
    today = site.settings.today
    coming = DateRange(today, today + WINDOW)
    path = f"{site.registry.folder}/channels.yml"
    found = []
    for key, channel in site.registry.channels.items():
        if len(channel.posting_days) == 7:
            continue
        slots = [slot for slot in site.registry.slots if slot.channel == key]
        busy = {s.day for s in site.by_channel[key] if s.day in coming and s.status != "cancelled"}
        empty = tuple(
            day
            for day in coming
            if day.weekday() in channel.posting_days and day not in busy and not _slot_weekday(slots, day)
        )
        if empty:
            listed = ", ".join(short_day(day) for day in empty[:GAPS_LISTED])
            if len(empty) > GAPS_LISTED:
                listed = gettext("%(days)s and %(num)d more", days=listed, num=len(empty) - GAPS_LISTED)
            message = ngettext(
                "%(channel)s has nothing on %(num)d of its posting days in the coming 4 weeks: %(days)s",
                "%(channel)s has nothing on %(num)d of its posting days in the coming 4 weeks: %(days)s",
                len(empty),
                channel=channel.name,
                days=listed,
            )
            found.append(
                Finding(
                    "gaps", warning(path, channel.line, message, kind="gap days"), channel=key, days=empty
                )
            )
    return found


def _slot_weekday(slots: Iterable[Slot], day: dt.date) -> bool:
    """Whether one of `slots` comes round on `day`'s weekday and runs on `day` (within starts and ends)."""
    return any(
        day.weekday() in slot.every.weekdays
        and (slot.starts is None or slot.starts <= day)
        and (slot.ends is None or day <= slot.ends)
        for slot in slots
    )


def clashes(site: Site) -> list[Finding]:
    """From today on, days with more stories on a channel than its `max_per_day`. Past days are history."""
    found = []
    for key, crowded in site.shared(_crowded_days).items():
        channel = site.registry.channels[key]
        assert channel.max_per_day is not None  # only channels with a limit have crowded days
        for day, stories in crowded.between(site.settings.today):  # planned: from today on, not cancelled
            last = stories[-1]  # the loader sorts by time: the latest one is the one over the limit
            others = ", ".join(s.path for s in stories[:-1])
            message = gettext(
                "%(channel)s has %(count)d stories on %(day)s, more than its %(max)d a day (also: %(others)s)",
                channel=channel.name,
                count=len(stories),
                day=dated(day),
                max=channel.max_per_day,
                others=others,
            )
            found.append(
                Finding(
                    "clash",
                    warning(last.path, last.line_of("date"), message, "move one to another day", "clash"),
                    channel=key,
                    days=(day,),
                    stories=tuple(stories),
                )
            )
    return found


def _crowded_days(site: Site) -> dict[str, Timeline[tuple[dt.date, tuple[Story, ...]]]]:
    """Per channel with a `max_per_day`: the days it has more stories than that which are not cancelled,
    with those stories, by day (whatever today is: `clashes` keeps those from today on)."""
    crowded = {}
    for key, channel in site.registry.channels.items():
        if channel.max_per_day is None:
            continue
        days = by_day(s for s in site.by_channel[key] if s.status != "cancelled")  # days in time order
        over = [(day, tuple(stories)) for day, stories in days.items() if len(stories) > channel.max_per_day]
        crowded[key] = Timeline(over, _first)
    return crowded


def _first(pair: tuple[dt.date, tuple[Story, ...]]) -> dt.date:
    return pair[0]
