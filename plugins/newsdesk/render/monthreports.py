"""The frozen report of each past month, /dashboard/YYYY/MM/: activity, results, targets and findings,
evaluated as of the month's last day (today is that day), so that a month's page reads the same whenever
it is built from the same stories, and leadership can open last month's report by its link. Its findings
are how things stood at the month's end (`findings.AS_OF_MONTH_END`): quiet departments, targets, missed
dates, overdue drafts and results due, not the warnings about days after it, which plans made later change.

Its months are the calendar's (`schedule.months_spanned`: those holding a story, joined by the empty months
between two less than a year apart) before the month of today.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from newsdesk.core.schedule import Month
from newsdesk.core.site import dashboard_month_path
from newsdesk.core.text import gettext
from newsdesk.planning import findings
from newsdesk.planning.report import build_report
from newsdesk.render.pages import GeneratedPage

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

    from newsdesk.core.site import Site
    from newsdesk.planning.report import Report

    ReportContext = Callable[[Site, Report, Site, Sequence[str]], dict[str, Any]]
    """(the site as of a day, its report, the site whose pages it links to, the kinds of finding listed)"""


def past_months(site: Site) -> list[Month]:
    """The months with a frozen report, oldest first."""
    today = site.settings.today
    current = Month.of(today)
    return [m for m in site.months if m < current]


def month_report(site: Site, month: Month) -> Report:
    """`month`'s report as of its last day: the site's stories, with today moved to that day."""
    as_of = site.on(month.last, moment=None)
    return build_report(as_of, month, findings.findings(as_of, findings.AS_OF_MONTH_END))


def month_report_pages(site: Site, context: ReportContext) -> list[GeneratedPage]:
    """One page per past month; `context` is the one the dashboard's is made from, so both pages show
    figures the same way. Each month's findings and charts are worked out as its page is rendered, and let
    go after."""
    months = past_months(site)
    pages = []
    for index, month in enumerate(months):
        extra = {
            "previous_month": months[index - 1] if index else None,
            "next_month": months[index + 1] if index + 1 < len(months) else None,
        }
        pages.append(
            GeneratedPage(
                f"{dashboard_month_path(month)}index.md",
                gettext("Report for %(month)s", month=month.name),
                "newsdesk/dashboard_month.html",
                extra,
                meta={"search": {"exclude": True}, "hide": ["navigation"]},
                later=partial(_month_context, site, month, context),
            )
        )
    return pages


def _month_context(site: Site, month: Month, context: ReportContext) -> dict[str, Any]:
    report = month_report(site, month)
    return context(report.site, report, site, findings.AS_OF_MONTH_END)  # links to this site's pages
