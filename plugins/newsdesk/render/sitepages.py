"""Every page newsdesk adds to a site, gathered from the features that make them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.core.text import gettext
from newsdesk.render.atom import atom_feeds
from newsdesk.render.dashboard import dashboard_page, report_context
from newsdesk.render.feeds import site_feeds
from newsdesk.render.monthreports import month_report_pages
from newsdesk.render.nudge import nudge_page
from newsdesk.render.pages import GeneratedPage
from newsdesk.render.propose import propose_page
from newsdesk.render.statuswords import status_word
from newsdesk.render.views import calendar_pages

if TYPE_CHECKING:
    from newsdesk.core.forge import Forge
    from newsdesk.core.site import Site
    from newsdesk.planning.report import Report


def site_pages(site: Site, report: Report, forge: Forge | None = None) -> list[GeneratedPage]:
    """Every page the plugin adds to the site. Each feature contributes its own list here; `forge`, where
    the repository is, for the "propose a story" page's links."""
    feeds = site_feeds(site, site.settings.feeds_statuses)
    return [
        *calendar_pages(site),
        dashboard_page(site, report),
        *month_report_pages(site, report_context),
        GeneratedPage(
            "subscribe/index.md",
            gettext("Subscribe"),
            "newsdesk/subscribe.html",
            {"feeds": feeds, "atom_feeds": atom_feeds(site), "status_word": status_word},
            in_nav=True,
        ),
        nudge_page(site),
        propose_page(site, forge),
    ]
