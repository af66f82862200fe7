"""Results due: a story published more than `results_due_days` ago on a channel that reports figures, with
no figures for that channel yet. The partnership's report adds figures up; a story left without them reads
as one that achieved nothing, so the desk hears about it while the analytics pages still have the numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    for story in site.stories:
        if story.status != "published" or (today - story.day).days <= days:
            continue
        missing = figures_missing(story, site)
        if not missing:
            continue
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
