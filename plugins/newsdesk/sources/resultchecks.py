"""The checks of a story's `results:` (what it achieved, per channel and metric) and `results_as_of:`.

Figures are the story's own record, typed by hand or written by `newsdesk results import`, and they are
added up on the dashboard, so each must be exactly what someone read off an analytics page: a whole number
of 0 or more, for a metric its channel declares in calendar/channels.yml, on one of the story's channels,
of a story that is published. A fraction or a number in quotes is refused rather than rounded or read: YAML
reads `5.400` (five thousand four hundred, in much of Europe) as 5.4, and newsdesk will not guess which was
meant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.core import dates, yamltext
from newsdesk.sources.metrics import MAX_FIGURE

if TYPE_CHECKING:
    import datetime as dt

    from newsdesk.core.model import Registry
    from newsdesk.sources.frontmatter import FrontMatter

Results = tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
EXAMPLE = "for example:\nresults:\n  linkedin: {impressions: 5400, clicks: 210}"


def _figure_problem(value: object) -> tuple[str, str] | None:
    """What is wrong with one figure, as a message's tail and a hint; None when it is sound."""
    if isinstance(value, bool) or value is None:
        return f"found {yamltext.describe(value)}", "write the number, e.g. 5400"
    if isinstance(value, float):
        return (
            f"found {value!r}, which is not a whole number",
            "write the whole number without separators: 5.400 or 5,400 for five thousand four hundred "
            "is 5400",
        )
    if isinstance(value, str):
        return (
            f"found the text {value[:40]!r}",
            "write the whole number without quotes or separators, e.g. 5400",
        )
    if not isinstance(value, int):
        return f"found {yamltext.describe(value)}", "write one number per metric, e.g. clicks: 210"
    if value < 0:
        return f"found {value}, below 0", "a count is 0 or more"
    if value > MAX_FIGURE:
        return f"found a number of {len(str(value))} digits", f"at most {MAX_FIGURE:,}"
    return None


def results_of(fm: FrontMatter, channels: tuple[str, ...], status: str, registry: Registry) -> Results:
    """The story's `results:`, each problem on the line of its channel or metric."""
    value = fm.data.get("results")
    if value is None:
        return ()
    if not isinstance(value, dict):
        fm.error(
            "results",
            f"results must map channels to their figures, found {yamltext.describe(value)}",
            EXAMPLE,
        )
        return ()
    if status != "published":
        fm.error(
            "results",
            f"results are for a published story; this one is {status}",
            "set status: published once it has gone out, or remove results",
        )
    found = []
    for channel, figures in value.items():
        line = fm.nested_line("results", channel)
        name = str(channel)
        known = registry.channels.get(name)
        if name not in channels:
            story_channels = ", ".join(channels) or "none"
            fm.error(
                "results",
                f"results for {name!r}, which is not one of this story's channels",
                f"the story's channels: {story_channels}",
                line=line,
            )
            continue
        if known is None:
            continue  # an unknown channel of the story: reported under channels
        if not known.metrics:
            fm.error(
                "results",
                f"results for {name!r}, whose channel reports no metrics",
                f"list them in {registry.folder}/channels.yml, e.g. metrics: [impressions, clicks]",
                line=line,
            )
            continue
        if not isinstance(figures, dict):
            fm.error(
                "results",
                f"results for {name!r} must map metrics to numbers, found {yamltext.describe(figures)}",
                f"for example: {name}: {{{known.metrics[0]}: 1200}}",
                line=line,
            )
            continue
        lines = fm.document.key_lines(figures)
        sound = []
        for metric, number in figures.items():
            at = lines.get(metric) or line
            if str(metric) not in known.metrics:
                hint = yamltext.did_you_mean(str(metric), known.metrics) or (
                    f"{known.name} reports: {', '.join(known.metrics)}"
                )
                fm.error("results", f"{known.name} reports no metric {str(metric)!r}", hint, line=at)
                continue
            problem = _figure_problem(number)
            if problem is not None:
                fm.error(
                    "results",
                    f"{metric} on {name} must be a whole number of 0 or more, {problem[0]}",
                    problem[1],
                    line=at,
                )
                continue
            sound.append((str(metric), int(number)))
        found.append((name, tuple(sound)))
    return tuple(found)


def results_as_of(fm: FrontMatter) -> dt.date | None:
    """`results_as_of:`, the day the figures were read: a plain date."""
    value = fm.data.get("results_as_of")
    if value is None:
        return None
    if not isinstance(value, str):
        fm.error(
            "results_as_of",
            f"results_as_of must be a date like 2026-12-10, found {yamltext.describe(value)}",
            "put the date in quotes",
        )
        return None
    try:
        return dates.parse_day(value)
    except dates.DateError as exc:
        fm.error("results_as_of", f"results_as_of: {exc}", exc.hint)
        return None
