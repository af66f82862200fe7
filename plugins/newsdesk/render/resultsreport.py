"""The results part of the report (planning/results.py) in report.json, report.csv and the markdown report.

report.csv gives it three sections: `results` (one row per metric per department, or for all departments
with `department` empty, channel and month: `published` stories on the channel, `with_results` of them
giving figures, `total` the metric's sum), `top` (the report month's stories by each channel's headline
metric, highest first, `total` the figure) and `no-results` (a published story and a channel that reports
metrics it gives no figures for). Text cells go through the same formula guard as the rest of the CSV.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsdesk.core.dates import long_date
from newsdesk.render import markdown

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsdesk.core.model import Department, Story
    from newsdesk.planning.report import Report
    from newsdesk.planning.results import ChannelResults, ResultFigure

Row = dict[str, str | int | None]


def figures_of(story: Story) -> dict[str, dict[str, int]]:
    """A story's results as report.json and stories.json say them."""
    return {channel: dict(figures) for channel, figures in story.results}


def _figure(f: ResultFigure) -> dict[str, Any]:
    return {
        "month": str(f.month),
        "published": f.published,
        "with_results": f.with_results,
        "totals": dict(f.totals),
    }


def _channel(each: ChannelResults) -> dict[str, Any]:
    return {"channel": each.channel.key, "months": [_figure(f) for f in each.months]}


def results_data(report: Report, story: Callable[[Story], dict[str, Any]]) -> dict[str, Any]:
    """report.json's `results`; `story` is how the rest of report.json names a story."""
    results = report.results
    return {
        "months": [str(m) for m in results.months],
        "channels": [
            {
                "key": c.key,
                "name": c.name,
                "metrics": list(c.metrics),
                "headline_metric": c.headline_metric or None,
            }
            for c in results.channels
        ],
        "departments": [
            {
                "key": row.department.key,
                "name": row.department.name,
                "channels": [_channel(c) for c in row.channels],
            }
            for row in results.departments
        ],
        "totals": [_channel(c) for c in results.totals],
        "top": [
            {
                "channel": ranking.channel.key,
                "metric": ranking.metric,
                "month": str(report.month),
                "stories": [story(s) | {"value": value} for s, value in ranking.stories],
            }
            for ranking in results.top
        ],
        "without_results": [story(s) | {"missing": list(lacking)} for s, lacking in results.without_results],
    }


def results_rows(report: Report) -> list[Row]:
    """report.csv's rows for the results, before the formula guard."""
    site, results = report.site, report.results
    rows: list[Row] = []

    def add(department: Department | None, each: ChannelResults) -> None:
        for f in each.months:
            for metric, total in f.totals:
                rows.append(
                    {
                        "section": "results",
                        "month": str(f.month),
                        "department": department.key if department else None,
                        "department_name": department.name if department else None,
                        "channel": each.channel.key,
                        "channel_name": each.channel.name,
                        "published": f.published,
                        "with_results": f.with_results,
                        "metric": metric,
                        "total": total,
                    }
                )

    for row in results.departments:
        for each in row.channels:
            add(row.department, each)
    for each in results.totals:
        add(None, each)
    for ranking in results.top:
        for story, value in ranking.stories:
            rows.append(
                {
                    "section": "top",
                    "month": str(report.month),
                    "department": story.department,
                    "department_name": site.department(story.department).name,
                    "channel": ranking.channel.key,
                    "channel_name": ranking.channel.name,
                    "metric": ranking.metric,
                    "total": value,
                    "title": story.title,
                    "path": story.path,
                    "stories": site.absolute_url(story.url),
                }
            )
    for story, lacking in results.without_results:
        for key in lacking:
            rows.append(
                {
                    "section": "no-results",
                    "month": story.day.strftime("%Y-%m"),
                    "department": story.department,
                    "department_name": site.department(story.department).name,
                    "channel": key,
                    "channel_name": site.channel(key).name,
                    "title": story.title,
                    "path": story.path,
                    "stories": site.absolute_url(story.url),
                }
            )
    return rows


def results_markdown(report: Report, name: Callable[[Story], str]) -> list[str]:
    """The markdown report's Results section (nothing when no channel reports metrics); `name` is how the
    report names a story (a link, or its title and file)."""
    results = report.results
    if not results.channels:
        return []
    lines = [
        "",
        "## Results",
        "",
        f"Figures of the stories published in {report.month.name}, as the story files give them.",
    ]
    for index, each in enumerate(results.totals):
        channel = each.channel
        metrics = list(channel.metrics)
        lines += ["", f"### {markdown.text(channel.name)}", ""]
        lines.append(
            "| Department | Published | With figures | "
            + " | ".join(markdown.text(m) for m in metrics)
            + " |"
        )
        lines.append("| --- | ---: | ---: | " + " | ".join("---:" for _ in metrics) + " |")
        for row in results.departments:
            f = row.channels[index].months[-1]
            cells = " | ".join(str(f.total(m)) for m in metrics)
            lines.append(
                f"| {markdown.text(row.department.name)} | {f.published} | {f.with_results} | {cells} |"
            )
        f = each.months[-1]
        lines.append(
            f"| All | {f.published} | {f.with_results} | "
            + " | ".join(str(f.total(m)) for m in metrics)
            + " |"
        )
        ranking = next((r for r in results.top if r.channel == channel), None)
        if ranking is not None and ranking.stories:
            lines += ["", f"Top stories by {markdown.text(ranking.metric)}:", ""]
            lines += [f"{rank}. {name(s)}: {value}" for rank, (s, value) in enumerate(ranking.stories, 1)]
    if results.without_results:
        lines += ["", f"Published from {results.months[0].name} without figures:", ""]
        for story, lacking in results.without_results:
            channels = ", ".join(report.site.channel(key).name for key in lacking)
            when = long_date(story.day, weekday=False, short=True)
            lines.append(f"- {when}: {name(story)}: no figures for {markdown.text(channels)}")
    return lines
