"""What the stories achieved, rolled up beside what they were: per department, channel and month, the
stories published and the total of each metric; the month's top stories by each channel's headline metric;
and the published stories still without figures.

A story counts here when it is marked published and its day has come (today's included: its figures may
already be in). The activity figures count a story as published from the day after (`findings.went_out`);
the two differ only by the stories of today. Totals are sums of the figures stories give: a story without
figures on a channel adds nothing to that channel's totals, which is why `with_results` says how many gave
some, and `without_results` which did not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.core.schedule import ONE_DAY, Month
from newsdesk.planning.findings import timelines
from newsdesk.planning.findings.resultsdue import without_figures

if TYPE_CHECKING:
    import datetime as dt

    from newsdesk.core.model import Channel, Department, Story
    from newsdesk.core.site import Site

TOP_STORIES = 5
"""How many stories a channel's ranking of the month lists."""


@dataclass(frozen=True)
class ResultFigure:
    """One month on one channel (for one department, or for all): stories and the total of each metric."""

    month: Month
    published: int
    with_results: int
    totals: tuple[tuple[str, int], ...]
    """Per metric, in the channel's order."""

    def total(self, metric: str) -> int:
        return dict(self.totals).get(metric, 0)


@dataclass(frozen=True)
class ChannelResults:
    channel: Channel
    months: tuple[ResultFigure, ...]


@dataclass(frozen=True)
class DepartmentResults:
    department: Department
    channels: tuple[ChannelResults, ...]
    """One per channel that reports metrics, in the registry's order."""


@dataclass(frozen=True)
class Ranking:
    """A channel's stories of the report month, by its headline metric, highest first."""

    channel: Channel
    metric: str
    stories: tuple[tuple[Story, int], ...]


@dataclass(frozen=True)
class Results:
    months: tuple[Month, ...]
    """The report's months up to the report month: later ones have nothing to add up."""
    channels: tuple[Channel, ...]
    """The channels that report metrics."""
    departments: tuple[DepartmentResults, ...]
    totals: tuple[ChannelResults, ...]
    """Every department together, per channel."""
    top: tuple[Ranking, ...]
    without_results: tuple[tuple[Story, tuple[str, ...]], ...]
    """Published stories of `months` lacking figures, each with the channels it lacks them on."""


def out(story: Story, today: dt.date) -> bool:
    """Whether a story's figures count: it is marked published and its day has come."""
    return story.status == "published" and story.day <= today


def _figure(stories: list[Story], channel: Channel, month: Month) -> ResultFigure:
    totals = dict.fromkeys(channel.metrics, 0)
    with_results = 0
    for story in stories:
        figures = story.figures(channel.key)
        with_results += bool(figures)
        for metric, value in figures.items():
            totals[metric] += value
    return ResultFigure(month, len(stories), with_results, tuple(totals.items()))


def _channel_months(
    by_month: dict[tuple[dt.date, str], list[Story]], channel: Channel, months: tuple[Month, ...]
) -> ChannelResults:
    return ChannelResults(
        channel, tuple(_figure(by_month.get((m.first, channel.key), []), channel, m) for m in months)
    )


def build_results(site: Site, months: tuple[Month, ...], month: Month) -> Results:
    """The results over `months` (ending with the report month `month`), as of `site.settings.today`."""
    today = site.settings.today
    reporting = tuple(c for c in site.registry.channels.values() if c.metrics)
    first, last = months[0].first, months[-1].last
    in_months = site.shared(timelines.every_story).between(first, last + ONE_DAY)
    counted = [s for s in in_months if out(s, today)]
    everyone: dict[tuple[dt.date, str], list[Story]] = {}  # by the month's first day and the channel
    per_department: dict[str, dict[tuple[dt.date, str], list[Story]]] = {
        k: {} for k in site.registry.departments
    }
    for story in counted:
        at = story.day.replace(day=1)
        for key in story.channels:
            everyone.setdefault((at, key), []).append(story)
            per_department[story.department].setdefault((at, key), []).append(story)
    departments = tuple(
        DepartmentResults(
            department, tuple(_channel_months(per_department[key], c, months) for c in reporting)
        )
        for key, department in site.registry.departments.items()
    )
    top = []
    for channel in reporting:
        if not channel.headline_metric:
            continue
        ranked = [
            (story, value)
            for story in everyone.get((month.first, channel.key), [])
            if (value := story.figures(channel.key).get(channel.headline_metric)) is not None
        ]
        ranked.sort(key=lambda pair: (-pair[1], pair[0].time_key))
        top.append(Ranking(channel, channel.headline_metric, tuple(ranked[:TOP_STORIES])))
    # The counted stories lacking figures: published, dated in `months` and no later than today.
    lacking = site.shared(without_figures).between(first, min(last, today) + ONE_DAY)
    missing = tuple(sorted(lacking, key=lambda pair: pair[0].time_key))
    return Results(
        months=months,
        channels=reporting,
        departments=departments,
        totals=tuple(_channel_months(everyone, c, months) for c in reporting),
        top=tuple(top),
        without_results=missing,
    )
