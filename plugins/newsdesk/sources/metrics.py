"""The figures a channel reports (`metrics:` in calendar/channels.yml) and the one that ranks its stories
(`headline_metric:`), checked on their lines like the rest of the registry.

A metric is a lower-case key (`impressions`, `link_clicks`): the same word is a key of a story's
`results:` and a column of the CSV `newsdesk results import` reads, so it must be unambiguous in both.
`story` and `channel` are those CSV's other columns, hence no metric's name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from newsdesk.core import yamltext

if TYPE_CHECKING:
    from newsdesk.sources.entries import EntryFile

METRIC = re.compile(r"[a-z][a-z0-9_]{0,39}")
"""A metric's key, with fullmatch: lower-case letters, digits and underscores, starting with a letter."""
RESERVED = frozenset({"story", "channel"})
"""The import CSV's own columns: no metric may take their names."""
MAX_METRICS = 20
MAX_FIGURE = 10**15 - 1
"""The largest figure a story's results may hold: more than any post's reach, and safely a JSON number."""


def channel_metrics(file: EntryFile, key: str, entry: dict[str, Any]) -> tuple[tuple[str, ...], str]:
    """The channel's metrics and its headline metric ('' without one), each problem on its line."""
    value = entry.get("metrics")
    metrics: list[str] = []
    if value is not None:
        names = [value] if isinstance(value, str) else value
        line = file.line(key, "metrics")
        if not isinstance(names, list) or not names or len(names) > MAX_METRICS:
            file.error(
                line,
                f"metrics of '{key}' must be a list of 1 to {MAX_METRICS} metric names, "
                f"found {yamltext.describe(value)}",
                "for example: metrics: [impressions, clicks, reactions, shares]",
            )
            names = []
        for name in names:
            if not isinstance(name, str) or not METRIC.fullmatch(name) or name in RESERVED:
                shown = repr(name) if isinstance(name, str) else yamltext.describe(name)
                file.error(
                    line,
                    f"metric {shown} of '{key}' is not a metric name",
                    "lower-case letters, digits and underscores, starting with a letter (link_clicks); "
                    "not 'story' or 'channel'",
                    group=(key, "metrics"),
                )
            elif name in metrics:
                file.error(line, f"metric {name!r} of '{key}' is listed twice", group=(key, "metrics"))
            else:
                metrics.append(name)
    headline = entry.get("headline_metric")
    if headline is None:
        return tuple(metrics), ""
    line = file.line(key, "headline_metric")
    if not isinstance(headline, str) or headline not in metrics:
        shown = repr(headline) if isinstance(headline, str) else yamltext.describe(headline)
        file.error(
            line,
            f"headline_metric of '{key}' must be one of its metrics, found {shown}",
            f"its metrics: {', '.join(metrics)}"
            if metrics
            else "list the channel's metrics first: metrics: [...]",
        )
        return tuple(metrics), ""
    return tuple(metrics), headline
