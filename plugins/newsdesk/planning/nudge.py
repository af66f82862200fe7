"""The daily nudge: what a desk editor would send round every morning, worked out from the calendar.

The advice behind newsdesk is to ask for news every day; the calendar knows what to ask. A nudge for a day
holds what goes out that day and up to the next working day (a Friday's nudge reaches Monday, so the
weekend is not missed), the open slots of the coming 7 days with whose turn each is, the departments that
are quiet or below target, the drafts due in the next 3 days, the overdue ones, and the published stories
whose results are due (`results_due_days` after their day, on a channel that reports figures). The weekly digest
(`week=True`) looks 7 days ahead for stories and drafts alike.

Nothing here is a second copy of a rule: open slots and whose turn come from `planning.slots`, quiet and
below-target departments, overdue drafts and results due from `planning.findings`, each asked with the nudge's day as
"today" (`as_of`), so the nudge, `newsdesk check` and the dashboard always agree. Pure: no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.core.schedule import ONE_DAY, DateRange
from newsdesk.planning.findings import timelines
from newsdesk.planning.findings.cadence import quiet_and_cadence
from newsdesk.planning.findings.counting import planned
from newsdesk.planning.findings.perstory import overdue
from newsdesk.planning.findings.resultsdue import results_due
from newsdesk.planning.slots import open_slots

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newsdesk.core.model import Settings, Story
    from newsdesk.core.site import Site
    from newsdesk.planning.findings import Finding
    from newsdesk.planning.slots import SlotDay

SLOT_DAYS = 7
"""Open slots are asked for this many days ahead (a week's notice to write a story)."""
DRAFT_DAYS = 3
"""Drafts due this many days ahead are named in the daily nudge; the weekly digest names a week's."""
WEEK_DAYS = 7


@dataclass(frozen=True)
class Nudge:
    """One day's nudge (or one week's digest): each part as the planning code found it."""

    day: dt.date
    week: bool
    outgoing: tuple[tuple[dt.date, tuple[Story, ...]], ...]
    """Each day from `day` up to the next working day (or 7 days for the week), with what goes out then:
    stories that are not cancelled, in time order. The first is `day` itself."""
    open_slots: tuple[SlotDay, ...]
    departments: tuple[Finding, ...]
    """Quiet departments and departments below their target (findings of kind quiet and cadence)."""
    drafts_due: tuple[Story, ...]
    """Ideas, drafts and stories in review whose `due` date is from `day` to `due_until`."""
    due_until: dt.date
    overdue: tuple[Finding, ...]
    results_due: tuple[Finding, ...] = ()
    """Published stories whose figures are due and missing (findings of kind results)."""

    @property
    def going_out(self) -> tuple[Story, ...]:
        """What goes out on the nudge's day itself."""
        return self.outgoing[0][1]

    @property
    def empty(self) -> bool:
        """Nothing goes out and nothing needs asking: such a day's nudge is one line."""
        return not (
            any(stories for _, stories in self.outgoing)
            or self.open_slots
            or self.departments
            or self.drafts_due
            or self.overdue
            or self.results_due
        )


def as_of(site: Site, day: dt.date) -> Site:
    """The same site with `day` as "today", for the findings and slots a nudge of that day asks about."""
    if day == site.settings.today:
        return site
    return site.on(day)


def next_working_day(day: dt.date, working_days: Sequence[int]) -> dt.date:
    """The first working day after `day` (the settings hold at least one working day)."""
    following = day + ONE_DAY
    while following.weekday() not in working_days:
        following += ONE_DAY
    return following


def nudge(site: Site, day: dt.date | None = None, *, week: bool = False) -> Nudge:
    """The nudge for `day` (default: the site's today), or the weekly digest from it."""
    day = day or site.settings.today
    site = as_of(site, day)
    if week:
        window = DateRange(day, day + dt.timedelta(days=WEEK_DAYS))
        due_until = window.last
    else:
        window = DateRange(day, next_working_day(day, site.settings.working_days) + ONE_DAY)
        due_until = day + dt.timedelta(days=DRAFT_DAYS)
    by_day: dict[dt.date, list[Story]] = {d: [] for d in window}
    for story in site.shared(timelines.every_story).between(window.start, window.end):
        if planned(story, day):
            by_day[story.day].append(story)
    # Open stories (`OPEN_STATUSES`) due from `day` to `due_until`, their own day still ahead.
    due = site.shared(timelines.open_by_due).between(day, due_until + ONE_DAY)
    drafts = sorted((s for s in due if s.day >= day), key=lambda s: (s.due, s.time_key))
    departments = quiet_and_cadence(site)
    return Nudge(
        day=day,
        week=week,
        outgoing=tuple((d, tuple(stories)) for d, stories in by_day.items()),
        open_slots=tuple(open_slots(site, day, day + dt.timedelta(days=SLOT_DAYS))),
        departments=tuple(departments),
        drafts_due=tuple(drafts),
        due_until=due_until,
        overdue=tuple(overdue(site)),
        results_due=tuple(results_due(site)),
    )


def recent_days(settings: Settings) -> list[dt.date]:
    """The working days among the last `nudge_days` days, today included, newest first: the days
    /feeds/nudges.xml holds a nudge for."""
    today = settings.today
    days = (today - dt.timedelta(days=back) for back in range(settings.nudge_days))
    return [day for day in days if day.weekday() in settings.working_days]
