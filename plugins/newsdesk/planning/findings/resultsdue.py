"""Results due: a story published more than `results_due_days` ago on a channel that reports figures, with
no figures for that channel yet. The partnership's report adds figures up; a story left without them reads
as one that achieved nothing, so the desk hears about it while the analytics pages still have the numbers.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from newsdesk.core.schedule import Timeline
from newsdesk.core.text import gettext
from newsdesk.planning.findings.finding import Finding, dated, days_ago, warning

if TYPE_CHECKING:
    from newsdesk.core.model import Story
    from newsdesk.core.site import Site


def figures_missing(story: Story, site: Site) -> tuple[str, ...]:
    """The story's channels that report metrics and for which it gives no figure."""
    channels = site.registry.channels
    return tuple(
        key for key in story.channels if key in channels and channels[key].metrics and not story.figures(key)
    )


def results_due(site: Site) -> list[Finding]:
    today = site.settings.today
    days = site.settings.results_due_days
    found = []
    # Published more than `days` days ago: dated before today - days (no earlier than the first date).
    before = today - dt.timedelta(days=min(days, (today - dt.date.min).days))
    for story, missing in site.shared(without_figures).between(None, before):
        names = ", ".join(site.channel(key).name for key in missing)
        late = (today - story.day).days
        message = gettext(
            "'%(title)s' went out on %(day)s (%(ago)s) with no figures for %(channels)s; add them under"
            " results:, or import them with newsdesk results import",
            title=story.title,
            day=dated(story.day),
            ago=days_ago(late),
            channels=names,
        )
        example = site.channel(missing[0])
        hint = f"for example:\nresults:\n  {example.key}: {{{example.metrics[0]}: 1200}}"
        line = story.lines.get("results") or story.line_of("status")
        # One finding a story, naming every channel it lacks; `channel` is the first, for the dashboard.
        found.append(
            Finding(
                "results",
                warning(story.path, line, message, hint, "results due"),
                department=story.department,
                channel=missing[0],
                days=(story.day,),
                stories=(story,),
            )
        )
    return found


def without_figures(site: Site) -> Timeline[tuple[Story, tuple[str, ...]]]:
    """The published stories lacking figures, each with the channels it lacks them on, by day."""
    published = ((s, figures_missing(s, site)) for s in site.stories if s.status == "published")
    return Timeline(((story, missing) for story, missing in published if missing), _day)


def _day(pair: tuple[Story, tuple[str, ...]]) -> dt.date:
    return pair[0].day
