"""Planning findings: what a desk editor should look at, computed from the stories, the registry and today.

Pure functions over a `Site`: no I/O, no clock. Every finding is a warning, never an error: a quiet
department is news for marketing, not a reason to stop a build. Each finding carries a `Problem` that
points at the story involved (`path:line`) or else at the registry entry behind the rule.

What counts (the dashboard and the report count the same way, through `went_out` and `planned`):
- a story *went out* when its day is before today and its status is published or scheduled (a scheduled
  story whose day has passed went out as planned; past ideas and drafts did not);
- a story is *planned* when its day is today or later and it is not cancelled.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.core.model import OPEN_STATUSES
from newsdesk.core.problems import Problem, Severity
from newsdesk.core.schedule import DateRange, Month
from newsdesk.core.text import counted
from newsdesk.planning.slots import SlotDay, slot_calendar
from newsdesk.sources.registry import SLOTS_FILE

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from newsdesk.core.model import Cadence, Channel, Department, Slot, Story
    from newsdesk.core.site import Site

WINDOW = dt.timedelta(weeks=4)
"""Cadence is checked over the last four weeks and the coming four; gap days over the coming four."""
GAPS_LISTED = 6
"""A gap-day warning names this many days; the dashboard lists them all."""
SLOT_HORIZON = dt.timedelta(days=14)
"""Unfilled slots are findings from this close."""
OUT_STATUSES = frozenset({"published", "scheduled"})
DAYS_PER = {"week": 7.0, "month": 365.25 / 12}
URL = re.compile(r"https?://\S+")
KINDS = ("quiet", "cadence", "slot", "gaps", "clash", "copy", "overdue")
"""Every kind of finding, in the order the dashboard and the report list them."""


def went_out(story: Story, today: dt.date) -> bool:
    return story.day < today and story.status in OUT_STATUSES


def planned(story: Story, today: dt.date) -> bool:
    return story.day >= today and story.status != "cancelled"


def counts_to_target(story: Story, today: dt.date) -> bool:
    """Whether a story counts towards its department's target: it went out, or it is planned."""
    return went_out(story, today) or planned(story, today)


def required(cadence: Cadence, days: int) -> int:
    """The fewest stories over `days` that keep up with `cadence`: the pro-rated target, rounded down, and
    at least one. Rounded down because a department publishing exactly on target (say 2 a month, every
    fortnight) has one story in some four-week windows and two in others: only fewer is "below"."""
    return max(1, math.floor(cadence.count * days / DAYS_PER[cadence.per] + 1e-9))


def month_target(cadence: Cadence, month: Month) -> int:
    """A cadence's target for one calendar month: the count itself for a monthly cadence."""
    return cadence.count if cadence.per == "month" else required(cadence, len(month.days))


def copy_length(text: str, channel: Channel) -> int:
    """The post's length as the channel counts it: each link as `url_length` characters when that is set."""
    if channel.url_length is None:
        return len(text)
    return len(URL.sub("", text)) + channel.url_length * len(URL.findall(text))


@dataclass(frozen=True)
class Finding:
    """One thing for the desk to look at, with what the dashboard needs to link to it."""

    kind: str
    problem: Problem
    department: str = ""
    channel: str = ""
    days: tuple[dt.date, ...] = ()
    stories: tuple[Story, ...] = ()
    slot: SlotDay | None = None

    @property
    def message(self) -> str:
        return self.problem.message


def _warning(path: str, line: int, message: str, hint: str = "", kind: str = "") -> Problem:
    title = f"newsdesk: {kind}" if kind else "newsdesk"
    return Problem(path, line, 0, message, hint, Severity.WARNING, title)


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def _stories(count: int) -> str:
    return counted(count, "story", "stories")


def findings(site: Site) -> list[Finding]:
    """Every finding for the site as of `site.settings.today`, in `KINDS` order."""
    found = [
        *quiet_and_cadence(site),
        *unfilled_slots(site),
        *gap_days(site),
        *clashes(site),
        *long_copy(site),
        *overdue(site),
    ]
    return sorted(found, key=lambda f: (KINDS.index(f.kind), f.problem))


def problems(site: Site) -> list[Problem]:
    return [finding.problem for finding in findings(site)]


def quiet_and_cadence(site: Site) -> list[Finding]:
    """Quiet departments, and departments below target in the last four weeks or the coming four.

    A quiet department gets that one finding, not also the cadence ones it implies."""
    today = site.settings.today
    past, coming = DateRange(today - WINDOW, today), DateRange(today, today + WINDOW)
    quiet_since = today - dt.timedelta(weeks=site.settings.planning_quiet_weeks)
    path = f"{site.registry.folder}/departments.yml"
    found = []
    for key, department in site.registry.departments.items():
        stories = site.by_department[key]
        out = [s for s in stories if went_out(s, today)]
        if not any(s.day >= quiet_since for s in out) and not any(planned(s, today) for s in stories):
            last = max((s.day for s in out), default=None)
            since = (
                f"since {last.day} {last:%B %Y}"
                if last
                else f"in the last {site.settings.planning_quiet_weeks} weeks"
            )
            message = f"{department.name} has published nothing {since} and has nothing planned"
            hint = f"its target is {department.cadence}" if department.cadence else ""
            found.append(
                Finding(
                    "quiet",
                    _warning(path, department.line, message, hint, "quiet department"),
                    department=key,
                )
            )
            continue
        found.extend(_cadence(site, department, stories, past, coming, path))
    return found


def _cadence(
    site: Site,
    department: Department,
    stories: Sequence[Story],
    past: DateRange,
    coming: DateRange,
    path: str,
) -> list[Finding]:
    today = site.settings.today
    targets: list[tuple[str, Cadence]] = [("", department.cadence)] if department.cadence else []
    targets.extend(department.channel_cadence)
    found = []
    for channel, cadence in targets:
        mine = [s for s in stories if not channel or channel in s.channels]
        on = f" on {site.registry.channels[channel].name}" if channel else ""
        need = required(cadence, len(past))
        out = [s for s in mine if s.day in past and went_out(s, today)]
        ahead = [s for s in mine if s.day in coming and planned(s, today)]
        parts = []
        if len(out) < need:
            parts.append(f"published {_stories(len(out))}{on} in the last 4 weeks (from {_day(past.start)})")
        if len(ahead) < need:
            parts.append(
                f"has planned {_stories(len(ahead))}{on} for the coming 4 weeks (to {_day(coming.last)})"
            )
        if not parts:
            continue
        message = (
            f"{department.name} {' and '.join(parts)}; its target of {cadence}{on} means at least {need} "
            + ("in each" if len(parts) == 2 else "")
        ).rstrip()
        found.append(
            Finding(
                "cadence",
                _warning(path, department.cadence_line or department.line, message, kind="below target"),
                department=department.key,
                channel=channel,
                days=(past.start, coming.last),
                stories=tuple(out + ahead),
            )
        )
    return found


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
            listed = ", ".join(_day(day) for day in empty[:GAPS_LISTED])
            if len(empty) > GAPS_LISTED:
                listed += f" and {len(empty) - GAPS_LISTED} more"
            message = f"{channel.name} has nothing on {len(empty)} of its posting days in the coming 4 weeks: {listed}"
            found.append(
                Finding(
                    "gaps", _warning(path, channel.line, message, kind="gap days"), channel=key, days=empty
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
    today = site.settings.today
    found = []
    for key, channel in site.registry.channels.items():
        if channel.max_per_day is None:
            continue
        by_day: dict[dt.date, list[Story]] = {}
        for story in site.by_channel[key]:
            if planned(story, today):
                by_day.setdefault(story.day, []).append(story)
        for day, stories in sorted(by_day.items()):
            if len(stories) <= channel.max_per_day:
                continue
            last = stories[-1]  # the loader sorts by time: the latest one is the one over the limit
            others = ", ".join(s.path for s in stories[:-1])
            message = (
                f"{channel.name} has {len(stories)} stories on {_day(day)} {day.year}, "
                f"more than its {channel.max_per_day} a day (also: {others})"
            )
            found.append(
                Finding(
                    "clash",
                    _warning(last.path, last.line_of("date"), message, "move one to another day", "clash"),
                    channel=key,
                    days=(day,),
                    stories=tuple(stories),
                )
            )
    return found


def long_copy(site: Site) -> list[Finding]:
    """Post copy longer than its channel allows, on stories not yet published (or cancelled)."""
    found = []
    for story in site.stories:
        if story.status in ("published", "cancelled"):
            continue
        for key, text in story.copy:
            channel = site.registry.channels[key]
            if channel.max_length is None:
                continue
            length = copy_length(text, channel)
            if length > channel.max_length:
                links = (
                    f", links counted as {channel.url_length}"
                    if channel.url_length and URL.search(text)
                    else ""
                )
                message = (
                    f"the {channel.name} copy is {length} characters{links}; "
                    f"{channel.name} takes at most {channel.max_length}"
                )
                found.append(
                    Finding(
                        "copy",
                        _warning(
                            story.path,
                            story.line_of("copy"),
                            message,
                            f"shorten it by {length - channel.max_length}",
                            "copy too long",
                        ),
                        department=story.department,
                        channel=key,
                        stories=(story,),
                    )
                )
    return found


def overdue(site: Site) -> list[Finding]:
    """Stories still an idea, a draft or in review whose `due` date has passed."""
    today = site.settings.today
    found = []
    for story in site.stories:
        if story.due is None or story.due >= today or story.status not in OPEN_STATUSES:
            continue
        late = (today - story.due).days
        message = (
            f"'{story.title}' was due on {story.due} ({counted(late, 'day')} ago) and is still {story.status}"
        )
        found.append(
            Finding(
                "overdue",
                _warning(
                    story.path,
                    story.line_of("due"),
                    message,
                    "move it on, or give it a new due date",
                    "overdue",
                ),
                department=story.department,
                days=(story.due,),
                stories=(story,),
            )
        )
    return found


def unfilled_slots(site: Site) -> list[Finding]:
    """Occurrences of recurring slots in the next 14 days that no story fills. A story from another
    department on a slot that is not its turn is named, at its own line: it is probably the mix-up."""
    today = site.settings.today
    path = f"{site.registry.folder}/{SLOTS_FILE}"
    found = []
    for occurrence in slot_calendar(site, today, today + SLOT_HORIZON):
        if occurrence.filled:
            continue
        slot = occurrence.slot
        whose = _whose(site, occurrence)
        message = f"{slot.name} on {_day(occurrence.day)} {occurrence.day.year} is open{whose}"
        if occurrence.others:
            story = occurrence.others[0]
            theirs = site.registry.departments[story.department].name
            message += f"; '{story.title}' is on that day but is from {theirs}"
            problem = _warning(story.path, story.line_of("channels"), message, "", "unfilled slot")
        else:
            problem = _warning(path, slot.line, message, "plan a story for it", "unfilled slot")
        found.append(
            Finding(
                "slot",
                problem,
                department=occurrence.department,
                channel=slot.channel,
                days=(occurrence.day,),
                stories=occurrence.others,
                slot=occurrence,
            )
        )
    return found


def _whose(site: Site, occurrence: SlotDay) -> str:
    if not occurrence.department:
        return ""
    name = site.registry.departments[occurrence.department].name
    return f": it is {name}'s turn" if occurrence.slot.rotation else f" ({name}'s slot)"
