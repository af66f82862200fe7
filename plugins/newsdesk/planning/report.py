"""The dashboard's figures and the monthly report: one `Report`, shown as a page, JSON, CSV or markdown.

The dashboard (`/dashboard/`), its `report.json` and `report.csv`, and `newsdesk report` all come from
`build_report`, so they cannot disagree. Stories are counted as the planning findings count them
(`findings.went_out` and `findings.planned`): a month's figure is what went out plus what is planned.
A department with per-channel targets (`cadence: {all: 2/week, linkedin: 1/month}`) gets a figure per
month for each of those channels too, counting its stories on that channel.

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
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsdesk.core import dates, schedule
from newsdesk.core.model import STATUSES
from newsdesk.core.schedule import Month
from newsdesk.planning import findings
from newsdesk.render import charts

if TYPE_CHECKING:
    import datetime as dt

    from newsdesk.core.model import Cadence, Channel, Department, Story
    from newsdesk.core.site import Site
    from newsdesk.planning.findings import Finding
    from newsdesk.render.pages import GeneratedPage

MONTHS_BEFORE = 5
MONTHS_AFTER = 3
"""The report's months: the report month, the five before it and the three after (nine in all)."""
DASHBOARD = "dashboard/"
REPORT_JSON = "dashboard/report.json"
REPORT_CSV = "dashboard/report.csv"
STATE_LABELS = {
    "met": "✓ met",
    "missed": "✗ missed",
    "on-track": "✓ on track",
    "short": "✗ short",
    "": "no target",
}
KIND_TITLES = {
    "quiet": "Quiet departments",
    "cadence": "Below target",
    "slot": "Open slots",
    "gaps": "Gap days",
    "clash": "Clashes",
    "copy": "Post copy too long",
    "overdue": "Overdue drafts",
}
assert tuple(KIND_TITLES) == findings.KINDS
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
)
"""report.csv's columns. `total` is the figure of every section but findings: a month's stories, a
channel's, a status's, a department's number of contributors (named in `contributors`)."""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is run as a formula (or stripped into one) by spreadsheets."""


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
        if self.state == "short":
            return f"✗ short by {self.shortfall}"
        return STATE_LABELS[self.state]


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
    """Per month: what of `stories` went out, what is planned, and where that stands against `cadence`."""
    by_month: dict[Month, list[Story]] = {}
    for story in stories:
        by_month.setdefault(Month.of(story.day), []).append(story)
    figures = []
    for each in months:
        mine = by_month.get(each, [])
        out = sum(findings.went_out(s, today) for s in mine)
        ahead = len(mine) - out
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
    window_start, window_end = months[0].first, months[-1].last
    in_window = [s for s in site.stories if window_start <= s.day <= window_end]
    counted = [s for s in in_window if findings.counted(s, today)]
    # Months that began before the calendar's first story are not judged: nobody planned in newsdesk then.
    began = min((s.day for s in site.stories), default=today)

    rows = []
    for key, department in site.registry.departments.items():
        mine = [s for s in counted if s.department == key]
        figures = _month_figures(mine, months, department.cadence, began, today)
        per_channel = []
        for channel, cadence in department.channel_cadence:
            on = [s for s in mine if channel in s.channels]
            channel_figures = _month_figures(on, months, cadence, began, today)
            per_channel.append(
                ChannelTarget(site.channel(channel), cadence, channel_figures, channel_figures[MONTHS_BEFORE])
            )
        this_month = [s for s in mine if Month.of(s.day) == month]
        rows.append(
            DepartmentReport(
                department=department,
                months=figures,
                current=figures[MONTHS_BEFORE],
                published=tuple(s for s in this_month if findings.went_out(s, today)),
                planned=tuple(s for s in this_month if findings.planned(s, today)),
                contributors=tuple(sorted({a for s in mine for a in s.authors}, key=str.casefold)),
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
    )


# --- Renderings --------------------------------------------------------------------------------------------


def _story(story: Story, site: Site) -> dict[str, Any]:
    return {
        "title": story.title,
        "date": story.day.isoformat(),
        "status": story.status,
        "channels": list(story.channels),
        "url": site.absolute_url(story.url),
        "path": story.path,
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
    }


def as_json(report: Report) -> str:
    return json.dumps(as_data(report), indent=2, ensure_ascii=False) + "\n"


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
                "contributors": "; ".join(row.contributors),
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
    return rows


def as_csv(report: Report) -> str:
    """Every figure of the report in one table (see the module's docstring), one row per figure."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, what spreadsheets expect
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(report):
        writer.writerow([inert(row.get(column)) for column in CSV_COLUMNS])
    return out.getvalue()


_MD_ESCAPE = re.compile(r"[\\`*_\[\]|#]|[<>~]|&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;"}


def _md(text: str) -> str:
    """Text that markdown shows as written, also inside a table cell and a heading.

    Emphasis, code, link, table and heading characters are backslash-escaped. `<`, `>` and `~` become
    `&lt;`, `&gt;` and `&#126;`: every flavour reads entities, while Python-Markdown keeps a backslash
    before `<` or `~` as written. So nothing opens an HTML tag or an autolink, or strikes text through on
    GitHub. An `&` is only special where it spells a character reference (`&copy;`, `&#169;`), so only
    there it becomes `&amp;`: "R&D" stays readable in an email."""
    # One pass over the text as written: an escape added for one character never changes how another reads.
    return _MD_ESCAPE.sub(lambda m: _MD_ENTITIES.get(m[0], "\\" + m[0]), text)


def _code(text: str) -> str:
    """`text` as a code span, fenced with more backticks than it holds in a row."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_story(story: Story, site: Site) -> str:
    """A story as a link to its page, or without `site_url` (no address would work outside the site)
    its title and its file."""
    if site.site_url:
        return f"[{_md(story.title)}]({site.absolute_url(story.url)})"
    return f"{_md(story.title)} ({_code(story.path)})"


def _md_result_rows(row: DepartmentReport) -> list[str]:
    f = row.current
    target = "" if f.target is None else f"{f.target} ({row.department.cadence})"
    lines = [f"| {_md(row.department.name)} | {f.published} | {f.planned} | {target} | {f.label} |"]
    for each in row.channel_targets:
        c = each.current
        target = "" if c.target is None else f"{c.target} ({each.cadence})"
        name = f"{row.department.name} on {each.channel.name}"
        lines.append(f"| {_md(name)} | {c.published} | {c.planned} | {target} | {c.label} |")
    return lines


def as_markdown(report: Report) -> str:
    """The monthly report for an email or a GitHub issue: a table, then each department, then findings."""
    site = report.site
    month_name = report.month.first.strftime("%B %Y")
    lines = [
        f"# {_md(site.settings.site_name)}: {month_name}",
        "",
        f"As of {report.today.day} {report.today:%B %Y}. Published counts stories that went out; planned counts "
        "stories from today on, cancelled ones left out.",
        "",
        "| Department | Published | Planned | Target | Result |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for row in report.departments:
        lines += _md_result_rows(row)
    for row in report.departments:
        lines += ["", f"## {_md(row.department.name)}", ""]
        if not row.published and not row.planned:
            lines += ["Nothing published or planned this month.", ""]
        for heading, stories in (("Published", row.published), ("Planned", row.planned)):
            if stories:
                lines.append(f"{heading}:")
                lines.append("")
                lines += [f"- {s.day.day} {s.day:%b}: {_md_story(s, site)}" for s in stories]
                lines.append("")
        if row.contributors:
            lines.append(
                f"Contributors over {len(report.months)} months: {_md(', '.join(row.contributors))}."
            )
    lines += ["", "## Findings", ""]
    if not report.findings:
        lines.append("None.")
    for finding in report.findings:
        where = finding.problem.location()
        lines.append(f"- **{KIND_TITLES[finding.kind]}**: {_md(finding.message)} ({_code(where)})")
    return "\n".join(line.rstrip() for line in lines).replace("\n\n\n", "\n\n") + "\n"


def render(report: Report, fmt: str) -> str:
    if fmt == "json":
        return as_json(report)
    if fmt == "csv":
        return as_csv(report)
    return as_markdown(report)


# --- The dashboard -------------------------------------------------------------------------------------------


def month_chart(row: DepartmentReport) -> str:
    name = row.department.name
    parts = []
    for f in row.months:
        text = f"{f.month.first:%B %Y}: {f.published} published"
        if f.planned:
            text += f", {f.planned} planned"
        if f.target is not None:
            text += f", target {f.target}, {f.label.split(' ', 1)[1]}"
        parts.append(text)
    bars = [
        charts.Bar(f.month.first.strftime("%b"), f.published, f.planned, f.target, f.state)
        for f in row.months
    ]
    return charts.column_chart(
        f"nd-chart-{row.department.key}", f"{name}: stories per month", "; ".join(parts) + ".", bars
    )


def _simple_chart(chart_id: str, title: str, rows: list[tuple[str, int]]) -> str:
    desc = "; ".join(f"{label}: {value}" for label, value in rows) + "."
    return charts.hbar_chart(chart_id, title, desc, [charts.Bar(label, value) for label, value in rows])


FINDINGS_SHOWN = 50
"""The dashboard lists at most this many findings of a kind: a page of 3,000 overdue drafts (a 10,000-story
site) helps nobody and took a second to build; the count, `newsdesk check` and report.json have them all."""


def dashboard_context(site: Site, report: Report) -> dict[str, Any]:
    from newsdesk.render.pages import STATUS_LABELS

    by_kind: dict[str, list[Finding]] = {kind: [] for kind in findings.KINDS}
    for finding in report.findings:
        by_kind[finding.kind].append(finding)
    months = report.months
    span = f"{months[0].first:%B %Y} to {months[-1].first:%B %Y}"
    return {
        "report": report,
        "by_kind": by_kind,
        "kind_titles": KIND_TITLES,
        "span": span,
        "month_charts": {row.department.key: month_chart(row) for row in report.departments},
        "channel_chart": _simple_chart(
            "nd-chart-channels", f"Stories per channel, {span}", [(c.name, n) for c, n in report.channels]
        ),
        "status_chart": _simple_chart(
            "nd-chart-statuses",
            f"Stories by status, {span}",
            [(STATUS_LABELS[s], n) for s, n in report.statuses],
        ),
        "contributor_chart": _simple_chart(
            "nd-chart-contributors",
            f"Distinct contributors per department, {span}",
            [(row.department.name, len(row.contributors)) for row in report.departments],
        ),
        "findings_shown": FINDINGS_SHOWN,
        "json_path": REPORT_JSON,
        "csv_path": REPORT_CSV,
        "paths": _paths(),
        "schedule_month": Month.of,
        "month_pages": calendar_months(site),
    }


def calendar_months(site: Site) -> frozenset[Month]:
    """The months the calendar has a page for, worked out the way `views.month_pages` does, so the
    dashboard links only to months that exist (the report's window reaches months without stories)."""
    return frozenset(schedule.months_spanned((s.day for s in site.stories), site.settings.today))


def _paths() -> Any:
    from newsdesk.render.views import (
        Paths,  # the calendar's page addresses, to link findings to months and departments
    )

    return Paths


def dashboard_page(site: Site, report: Report) -> GeneratedPage:
    from newsdesk.render.pages import GeneratedPage

    meta = {"search": {"exclude": True}, "hide": ["navigation"]}
    return GeneratedPage(
        f"{DASHBOARD}index.md",
        "Dashboard",
        "newsdesk/dashboard.html",
        dashboard_context(site, report),
        in_nav=True,
        meta=meta,
    )


def report_files(report: Report) -> dict[str, str | bytes]:
    """/dashboard/report.json and /dashboard/report.csv: the dashboard's figures for other tools."""
    return {REPORT_JSON: as_json(report), REPORT_CSV: as_csv(report)}


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_month(text: str) -> Month:
    """`2026-11` as a Month, or ValueError saying what is expected."""
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"{text!r} is not a month; write it like 2026-11")
    if not dates.FIRST_YEAR <= int(match[1]) <= dates.LAST_YEAR:
        raise ValueError(f"{text!r} is outside the years newsdesk plans for")
    return Month(int(match[1]), int(match[2]))
