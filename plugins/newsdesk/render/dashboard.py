"""The dashboard page and its data files, from the one `Report` of a build."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsdesk.core.dates import month_name
from newsdesk.core.schedule import Month
from newsdesk.core.site import DASHBOARD_PAGE, dashboard_month_path
from newsdesk.core.text import N_, gettext
from newsdesk.planning import findings
from newsdesk.render import charts
from newsdesk.render.monthreports import past_months
from newsdesk.render.pages import STATUS_LABELS, GeneratedPage
from newsdesk.render.reports import KIND_TITLES, as_csv, as_json
from newsdesk.render.views import Paths

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newsdesk.core.site import Site
    from newsdesk.planning.findings import Finding
    from newsdesk.planning.report import (
        DepartmentReport,
        Report,
    )
    from newsdesk.planning.results import ChannelResults, DepartmentResults
DASHBOARD = DASHBOARD_PAGE
REPORT_JSON = "dashboard/report.json"
REPORT_CSV = "dashboard/report.csv"


def month_chart(row: DepartmentReport) -> str:
    name = row.department.name
    parts = []
    for f in row.months:
        values = {"month": f.month.name, "published": f.published, "planned": f.planned}
        if f.target is not None:
            values.update(target=f.target, state=f.label.split(" ", 1)[1])
        parts.append(gettext(_MONTH_FIGURE[bool(f.planned), f.target is not None], **values))
    bars = [
        charts.Bar(
            month_name(f.month.first, short=True),
            f.published,
            f.planned,
            f.target,
            f.state,
            row.department.colour,
        )
        for f in row.months
    ]
    title = gettext("%(department)s: stories per month", department=name)
    return charts.column_chart(f"nd-chart-{row.department.key}", title, "; ".join(parts) + ".", bars)


_MONTH_FIGURE = {
    # (planned stories, a target): a month in a chart's description, the words a screen reader says
    (False, False): N_("%(month)s: %(published)d published"),
    (True, False): N_("%(month)s: %(published)d published, %(planned)d planned"),
    (False, True): N_("%(month)s: %(published)d published, target %(target)d, %(state)s"),
    (True, True): N_("%(month)s: %(published)d published, %(planned)d planned, target %(target)d, %(state)s"),
}


def results_chart(row: DepartmentResults, each: ChannelResults) -> str:
    """A department's headline metric on one channel, month by month, in the department's colour (its
    name is in the caption and the table beside the chart)."""
    channel, metric = each.channel, each.channel.headline_metric
    name = row.department.name
    desc = "; ".join(
        gettext(
            "%(month)s: %(total)d %(metric)s from %(with_results)d of %(published)d published",
            month=f.month.name,
            total=f.total(metric),
            metric=metric,
            with_results=f.with_results,
            published=f.published,
        )
        for f in each.months
    )
    bars = [
        charts.Bar(month_name(f.month.first, short=True), f.total(metric), colour=row.department.colour)
        for f in each.months
    ]
    return charts.column_chart(
        f"nd-chart-results-{channel.key}-{row.department.key}",
        gettext(
            "%(department)s: %(metric)s on %(channel)s per month",
            department=name,
            metric=metric,
            channel=channel.name,
        ),
        desc + ".",
        bars,
    )


def _results_charts(report: Report) -> dict[tuple[str, str], str]:
    """(channel, department) -> the chart of the channel's headline metric, for channels that have one."""
    return {
        (each.channel.key, row.department.key): results_chart(row, each)
        for row in report.results.departments
        for each in row.channels
        if each.channel.headline_metric
    }


def _simple_chart(chart_id: str, title: str, rows: list[tuple[str, int, str]]) -> str:
    """One labelled bar a row: (label, value, the registry colour of what it counts or '')."""
    desc = "; ".join(f"{label}: {value}" for label, value, _ in rows) + "."
    bars = [charts.Bar(label, value, colour=colour) for label, value, colour in rows]
    return charts.hbar_chart(chart_id, title, desc, bars)


FINDINGS_SHOWN = 50
"""The dashboard lists at most this many findings of a kind: a page of 3,000 overdue drafts (a 10,000-story
site) helps nobody and took a second to build; the count, `newsdesk check` and report.json have them all."""


def dashboard_context(site: Site, report: Report) -> dict[str, Any]:
    """What the dashboard's template gets: the report's context and the dashboard's own charts."""
    context = report_context(site, report)
    span = context["span"]
    return {
        **context,
        "month_charts": {row.department.key: month_chart(row) for row in report.departments},
        "channel_chart": _simple_chart(
            "nd-chart-channels",
            gettext("Stories per channel, %(span)s", span=span),
            [(c.name, n, c.colour) for c, n in report.channels],
        ),
        "status_chart": _simple_chart(
            "nd-chart-statuses",
            gettext("Stories by status, %(span)s", span=span),
            [(gettext(STATUS_LABELS[s]), n, "") for s, n in report.statuses],
        ),
        "contributor_chart": _simple_chart(
            "nd-chart-contributors",
            gettext("Distinct contributors per department, %(span)s", span=span),
            [
                (row.department.name, len(row.contributors), row.department.colour)
                for row in report.departments
            ],
        ),
        "past_months": past_months(site),
    }


def report_context(
    site: Site, report: Report, calendar: Site | None = None, kinds: Sequence[str] = findings.KINDS
) -> dict[str, Any]:
    """What the dashboard and a past month's report both get, so they show figures the same way;
    `calendar` is the site whose pages they link to, when `site` is the same stories as of another day (a
    past month's report), and `kinds` the kinds of finding the page lists."""
    calendar = calendar or site
    by_kind: dict[str, list[Finding]] = {kind: [] for kind in kinds}
    for finding in report.findings:
        by_kind[finding.kind].append(finding)
    months = report.months
    return {
        "report": report,
        "by_kind": by_kind,
        "kind_titles": {kind: gettext(KIND_TITLES[kind]) for kind in kinds},
        "span": gettext("%(first)s to %(last)s", first=months[0].name, last=months[-1].name),
        "findings_shown": FINDINGS_SHOWN,
        "json_path": REPORT_JSON,
        "csv_path": REPORT_CSV,
        "paths": Paths,  # the calendar's addresses, to link findings to months and departments
        "schedule_month": Month.of,
        "month_pages": calendar_months(calendar),
        "results": report.results,
        "results_charts": _results_charts(report),
        "month_report": dashboard_month_path,
        "dashboard_path": DASHBOARD,
    }


def calendar_months(site: Site) -> frozenset[Month]:
    """The months the calendar has a page for, worked out the way `views.month_pages` does, so the
    dashboard links only to months that exist (the report's window reaches months without stories)."""
    return frozenset(site.months)


def dashboard_page(site: Site, report: Report) -> GeneratedPage:
    meta = {"search": {"exclude": True}, "hide": ["navigation"]}
    return GeneratedPage(
        f"{DASHBOARD}index.md",
        gettext("Dashboard"),
        "newsdesk/dashboard.html",
        dashboard_context(site, report),
        in_nav=True,
        meta=meta,
    )


def report_files(report: Report) -> dict[str, str | bytes]:
    """/dashboard/report.json and /dashboard/report.csv: the dashboard's figures for other tools."""
    return {REPORT_JSON: as_json(report), REPORT_CSV: as_csv(report)}
