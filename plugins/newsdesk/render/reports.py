"""The monthly report as data: `report.json`, `report.csv` and the markdown of `newsdesk report`.

report.csv is one table for every figure report.json holds, its `section` column saying which: `months`
(a department's month, or with `channel` set its month on that channel), `channels`, `statuses`,
`contributors` and `findings`; cells that do not apply to a section are empty. No text cell starts
with a character that makes a spreadsheet read it as a formula.

The markdown report links each story to its page when `site_url` is set. Without it there is no address
that would work pasted into an email or an issue, so a story is named by its file instead
(`content/stories/hr/2026-11-02-welcome.md`), the way findings name theirs.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from newsdesk.core.dates import long_date
from newsdesk.core.text import N_, counted
from newsdesk.planning import findings
from newsdesk.render import markdown
from newsdesk.render.resultsreport import figures_of, results_data, results_markdown, results_rows

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newsdesk.core.model import Channel, Department, Story
    from newsdesk.core.site import Site
    from newsdesk.planning.report import DepartmentReport, MonthFigure, Report

KIND_TITLES = {
    "quiet": N_("Quiet departments"),
    "cadence": N_("Below target"),
    "slot": N_("Open slots"),
    "gaps": N_("Gap days"),
    "clash": N_("Clashes"),
    "copy": N_("Post copy too long"),
    "missed": N_("Missed dates"),
    "overdue": N_("Overdue drafts"),
    "results": N_("Results due"),
}
"""The findings' headings, in English here (the build's log and the markdown report); the dashboard shows
them in the site's language."""
assert tuple(KIND_TITLES) == findings.KINDS


def findings_summary(found: Sequence[findings.Finding]) -> str:
    """The findings in one line, for the build's log: how many of each kind, under the report's headings;
    the details are `newsdesk check`'s and the dashboard's."""
    kinds = Counter(finding.kind for finding in found)
    parts = [f"{KIND_TITLES[kind]}: {kinds[kind]}" for kind in findings.KINDS if kinds[kind]]
    return (
        f"{counted(len(found), 'planning finding')} ({', '.join(parts)}): news for the desk, not faults;"
        " `newsdesk check` lists each on its line, and the dashboard shows them"
    )


CSV_COLUMNS = (
    "section",
    "month",
    "department",
    "department_name",
    "channel",
    "channel_name",
    "status",
    "published",
    "planned",
    "total",
    "target",
    "state",
    "contributors",
    "kind",
    "message",
    "path",
    "line",
    "days",
    "stories",
    "metric",
    "with_results",
    "title",
)
"""report.csv's columns. `total` is the figure of every section but findings: a month's stories, a
channel's, a status's, a department's number of contributors (named in `contributors`)."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is run as a formula (or stripped into one) by spreadsheets."""


def _story(story: Story, site: Site) -> dict[str, Any]:
    return {
        "title": story.title,
        "date": story.day.isoformat(),
        "status": story.status,
        "channels": list(story.channels),
        "url": site.absolute_url(story.url),
        "path": story.path,
        "results": figures_of(story),
    }


def _figure(f: MonthFigure) -> dict[str, Any]:
    return {
        "month": str(f.month),
        "published": f.published,
        "planned": f.planned,
        "total": f.total,
        "target": f.target,
        "state": f.state or None,
    }


def as_data(report: Report) -> dict[str, Any]:
    """The report as plain data: what report.json holds."""
    site = report.site
    return {
        "site": site.settings.site_name,
        "today": report.today.isoformat(),
        "month": str(report.month),
        "months": [str(m) for m in report.months],
        "departments": [
            {
                "key": row.department.key,
                "name": row.department.name,
                "cadence": str(row.department.cadence) if row.department.cadence else None,
                "channel_cadence": {k: str(c) for k, c in row.department.channel_cadence},
                "contributors": list(row.contributors),
                "months": [_figure(f) for f in row.months],
                "channel_months": [
                    {
                        "channel": target.channel.key,
                        "name": target.channel.name,
                        "cadence": str(target.cadence),
                        "months": [_figure(f) for f in target.months],
                    }
                    for target in row.channel_targets
                ],
                "published": [_story(s, site) for s in row.published],
                "planned": [_story(s, site) for s in row.planned],
            }
            for row in report.departments
        ],
        "channels": [{"key": c.key, "name": c.name, "stories": n} for c, n in report.channels],
        "statuses": [{"status": s, "stories": n} for s, n in report.statuses],
        "findings": [
            {
                "kind": f.kind,
                "message": f.message,
                "path": f.problem.path,
                "line": f.problem.line,
                "department": f.department or None,
                "channel": f.channel or None,
                "days": [d.isoformat() for d in f.days],
                "stories": [site.absolute_url(s.url) for s in f.stories],
            }
            for f in report.findings
        ],
        "results": results_data(report, lambda story: _story(story, site)),
    }


def as_json(report: Report) -> str:
    # One line: json's C encoder (indent= runs the pure-Python one, 0.15 s of a 10,000-story build).
    return json.dumps(as_data(report), ensure_ascii=False) + "\n"


def inert(value: str | int | None) -> str | int:
    """A CSV cell a spreadsheet shows as written: text that would start a formula gets a leading `'`."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_rows(report: Report) -> list[dict[str, str | int | None]]:
    """report.csv's rows, by column name, before the formula guard: every figure of `as_data`."""
    site = report.site
    rows: list[dict[str, str | int | None]] = []

    def month_row(department: Department, f: MonthFigure, channel: Channel | None = None) -> None:
        rows.append(
            {
                "section": "months",
                "month": str(f.month),
                "department": department.key,
                "department_name": department.name,
                "channel": channel.key if channel else None,
                "channel_name": channel.name if channel else None,
                "published": f.published,
                "planned": f.planned,
                "total": f.total,
                "target": f.target,
                "state": f.state,
            }
        )

    for row in report.departments:
        for f in row.months:
            month_row(row.department, f)
        for target in row.channel_targets:
            for f in target.months:
                month_row(row.department, f, target.channel)
    for each, count in report.channels:
        rows.append({"section": "channels", "channel": each.key, "channel_name": each.name, "total": count})
    for status, count in report.statuses:
        rows.append({"section": "statuses", "status": status, "total": count})
    for row in report.departments:
        rows.append(
            {
                "section": "contributors",
                "department": row.department.key,
                "department_name": row.department.name,
                "total": len(row.contributors),
                "contributors": "; ".join(
                    str(inert(name)) for name in row.contributors
                ),  # each, for tools that split
            }
        )
    for finding in report.findings:
        department = site.department(finding.department).name if finding.department else None
        channel = site.channel(finding.channel).name if finding.channel else None
        rows.append(
            {
                "section": "findings",
                "department": finding.department or None,
                "department_name": department,
                "channel": finding.channel or None,
                "channel_name": channel,
                "kind": finding.kind,
                "message": finding.message,
                "path": finding.problem.path,
                "line": finding.problem.line,
                "days": " ".join(d.isoformat() for d in finding.days),
                "stories": " ".join(site.absolute_url(s.url) for s in finding.stories),
            }
        )
    rows += results_rows(report)
    return rows


def as_csv(report: Report) -> str:
    """Every figure of the report in one table (see the module's docstring), one row per figure."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, what spreadsheets expect
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(report):
        writer.writerow([inert(row.get(column)) for column in CSV_COLUMNS])
    return out.getvalue()


def _md_story(story: Story, site: Site) -> str:
    """A story as a link to its page, or without `site_url` (no address would work outside the site)
    its title and its file."""
    if site.site_url:
        return f"[{markdown.text(story.title)}]({site.absolute_url(story.url)})"
    return f"{markdown.text(story.title)} ({markdown.code(story.path)})"


def _md_result_rows(row: DepartmentReport) -> list[str]:
    f = row.current
    target = "" if f.target is None else f"{f.target} ({row.department.cadence})"
    lines = [f"| {markdown.text(row.department.name)} | {f.published} | {f.planned} | {target} | {f.label} |"]
    for each in row.channel_targets:
        c = each.current
        target = "" if c.target is None else f"{c.target} ({each.cadence})"
        name = f"{row.department.name} on {each.channel.name}"
        lines.append(f"| {markdown.text(name)} | {c.published} | {c.planned} | {target} | {c.label} |")
    return lines


def as_markdown(report: Report) -> str:
    """The monthly report for an email or a GitHub issue: a table, then each department, then findings."""
    site = report.site
    lines = [
        f"# {markdown.text(site.settings.site_name)}: {report.month.name}",
        "",
        f"As of {long_date(report.today, weekday=False)}. Published counts stories marked published whose day "
        "has passed; planned counts stories from today on, cancelled ones left out. A past story marked "
        "neither published nor cancelled counts as neither: it is under Missed dates in the findings.",
        "",
        "| Department | Published | Planned | Target | Result |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for row in report.departments:
        lines += _md_result_rows(row)
    for row in report.departments:
        lines += ["", f"## {markdown.text(row.department.name)}", ""]
        if not row.published and not row.planned:
            lines += ["Nothing published or planned this month.", ""]
        for heading, stories in (("Published", row.published), ("Planned", row.planned)):
            if stories:
                lines.append(f"{heading}:")
                lines.append("")
                lines += [
                    f"- {long_date(s.day, weekday=False, year=False, short=True)}: {_md_story(s, site)}"
                    for s in stories
                ]
                lines.append("")
        if row.contributors:
            lines.append(
                f"Contributors over {len(report.months)} months: {markdown.text(', '.join(row.contributors))}."
            )
    lines += results_markdown(report, lambda story: _md_story(story, site))
    lines += ["", "## Findings", ""]
    if not report.findings:
        lines.append("None.")
    for finding in report.findings:
        where = finding.problem.location()
        lines.append(
            f"- **{KIND_TITLES[finding.kind]}**: {markdown.text(finding.message)} ({markdown.code(where)})"
        )
    return "\n".join(line.rstrip() for line in lines).replace("\n\n\n", "\n\n") + "\n"


def render(report: Report, fmt: str) -> str:
    if fmt == "json":
        return as_json(report)
    if fmt == "csv":
        return as_csv(report)
    return as_markdown(report)


# --- The dashboard -------------------------------------------------------------------------------------------
