"""The dashboard's figures and the monthly report: one `Report`, built once, shown by `render/reports.py` as
JSON, CSV or markdown and by `render/dashboard.py` as the dashboard page.

The dashboard (`/dashboard/`), its `report.json` and `report.csv`, and `newsdesk report` all come from
`build_report`, so they cannot disagree. Stories are counted as the planning findings count them
(`findings.went_out` and `findings.planned`): a month's figure is what went out plus what is planned.
A department with per-channel targets (`cadence: {all: 2/week, linkedin: 1/month}`) gets a figure per
month for each of those channels too, counting its stories on that channel.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.core.model import STATUSES
from newsdesk.core.schedule import ONE_DAY, Month
from newsdesk.core.text import N_, gettext
from newsdesk.planning import findings
from newsdesk.planning.findings import timelines
from newsdesk.planning.results import Results, build_results

if TYPE_CHECKING:
    import datetime as dt

    from newsdesk.core.model import Cadence, Channel, Department, Story
    from newsdesk.core.site import Site
    from newsdesk.planning.findings import Finding

STATE_LABELS = {
    "met": N_("✓ met"),
    "missed": N_("✗ missed"),
    "on-track": N_("✓ on track"),
    "short": N_("✗ short"),
    "": N_("no target"),
}
MONTHS_BEFORE = 5
MONTHS_AFTER = 3
"""The report's months: the report month, the five before it and the three after (nine in all)."""


@dataclass(frozen=True)
class MonthFigure:
    """One department's month: what went out, what is planned, the target and where it stands."""

    month: Month
    published: int
    planned: int
    target: int | None
    state: str
    """met, missed (a past month), on-track, short (a month not over yet), or '' without a target."""

    @property
    def total(self) -> int:
        return self.published + self.planned

    @property
    def shortfall(self) -> int:
        return max((self.target or 0) - self.total, 0)

    @property
    def label(self) -> str:
        """Where the month stands, in the site's language (the state itself is `state`, for the data files)."""
        if self.state == "short":
            return gettext("✗ short by %(num)d", num=self.shortfall)
        return gettext(STATE_LABELS[self.state])


@dataclass(frozen=True)
class ChannelTarget:
    """A department's per-channel target and its figure for each of the report's months."""

    channel: Channel
    cadence: Cadence
    months: tuple[MonthFigure, ...]
    current: MonthFigure


@dataclass(frozen=True)
class DepartmentReport:
    department: Department
    months: tuple[MonthFigure, ...]
    current: MonthFigure
    """The report month's figure."""
    published: tuple[Story, ...]
    """What went out in the report month."""
    planned: tuple[Story, ...]
    """What is planned for the rest of the report month."""
    contributors: tuple[str, ...]
    """Distinct authors of the department's counted stories over the report's months."""
    channel_targets: tuple[ChannelTarget, ...] = ()
    """One per channel the department has a target for, in the order departments.yml gives them."""


@dataclass(frozen=True)
class Report:
    site: Site
    month: Month
    months: tuple[Month, ...]
    departments: tuple[DepartmentReport, ...]
    channels: tuple[tuple[Channel, int], ...]
    """Counted stories over the report's months per channel (a story on two channels counts for both)."""
    statuses: tuple[tuple[str, int], ...]
    """Every story over the report's months by status, cancelled ones included: the funnel."""
    findings: tuple[Finding, ...]
    results: Results
    """What the stories achieved, over the report's months up to the report month (planning/results.py)."""

    @property
    def today(self) -> dt.date:
        return self.site.settings.today


def _state(figure_month: Month, published: int, planned: int, target: int | None, today: dt.date) -> str:
    if target is None:
        return ""
    if figure_month.last < today:
        return "met" if published >= target else "missed"
    if published >= target:
        return "met"
    return "on-track" if published + planned >= target else "short"


def _month_figures(
    stories: list[Story], months: list[Month], cadence: Cadence | None, began: dt.date, today: dt.date
) -> tuple[MonthFigure, ...]:
    """Per month: what of `stories` (counted ones) went out, what is planned, and where that stands
    against `cadence`."""
    counts: dict[dt.date, list[int]] = {}  # a month's first day: [stories, went out]
    for story in stories:
        count = counts.setdefault(story.day.replace(day=1), [0, 0])
        count[0] += 1
        count[1] += findings.went_out(story, today)
    figures = []
    for each in months:
        total, out = counts.get(each.first, (0, 0))
        ahead = total - out
        target = None
        if cadence is not None and each.first >= began:
            target = findings.month_target(cadence, each)
        figures.append(MonthFigure(each, out, ahead, target, _state(each, out, ahead, target, today)))
    return tuple(figures)


def build_report(site: Site, month: Month | None = None, found: list[Finding] | None = None) -> Report:
    """The report for `month` (by default the month of today), with the findings as of today."""
    today = site.settings.today
    month = month or Month.of(today)
    months = [month]
    for _ in range(MONTHS_BEFORE):
        months.insert(0, months[0].previous())
    for _ in range(MONTHS_AFTER):
        months.append(months[-1].next())
    by_day = site.shared(timelines.every_story)
    in_window = by_day.between(months[0].first, months[-1].last + ONE_DAY)
    counted = [s for s in in_window if findings.counts_to_target(s, today)]
    # Months that began before the calendar's first story are not judged: nobody planned in newsdesk then.
    began = by_day.dates[0] if by_day.dates else today
    by_department: dict[str, list[Story]] = {}
    for story in counted:
        by_department.setdefault(story.department, []).append(story)

    first, last = month.first, month.last
    rows = []
    for key, department in site.registry.departments.items():
        mine = by_department.get(key, [])
        figures = _month_figures(mine, months, department.cadence, began, today)
        per_channel = []
        for channel, cadence in department.channel_cadence:
            on = [s for s in mine if channel in s.channels]
            channel_figures = _month_figures(on, months, cadence, began, today)
            per_channel.append(
                ChannelTarget(site.channel(channel), cadence, channel_figures, channel_figures[MONTHS_BEFORE])
            )
        this_month = [s for s in mine if first <= s.day <= last]
        rows.append(
            DepartmentReport(
                department=department,
                months=figures,
                current=figures[MONTHS_BEFORE],
                published=tuple(s for s in this_month if findings.went_out(s, today)),
                planned=tuple(s for s in this_month if findings.planned(s, today)),
                contributors=tuple(sorted({a for s in mine for a in s.authors}, key=_by_name)),
                channel_targets=tuple(per_channel),
            )
        )
    per_channel_count = Counter(c for s in counted for c in s.channels)
    per_status = Counter(s.status for s in in_window)
    return Report(
        site=site,
        month=month,
        months=tuple(months),
        departments=tuple(rows),
        channels=tuple((c, per_channel_count[k]) for k, c in site.registry.channels.items()),
        statuses=tuple((status, per_status[status]) for status in STATUSES),
        findings=tuple(findings.findings(site) if found is None else found),
        results=build_results(site, tuple(months[: MONTHS_BEFORE + 1]), month),
    )


def _by_name(name: str) -> tuple[str, str]:
    """Names as people read them, case aside; "ann" and "Ann" in the same order every build (a set's own
    order changes from one process to the next)."""
    return name.casefold(), name


# --- Renderings --------------------------------------------------------------------------------------------
