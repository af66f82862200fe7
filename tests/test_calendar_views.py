"""What the calendar pages are made of, from a hand-built model: no MkDocs involved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import copy_site, mkdocs_build
from newsdesk import views
from newsdesk.model import Channel, Department, Registry, Settings, Story
from newsdesk.pages import Renderer
from newsdesk.schedule import Month
from newsdesk.site import Site
from test_calendar import article, chips

TODAY = dt.date(2026, 11, 23)


def story(n: int, day: dt.date) -> Story:
    """Story n: odd ones from hr, even from it; every third on the website only; number 4 cancelled."""
    return Story(
        id=f"s{n}", path=f"content/stories/hr/{day}-s{n}.md", src_uri=f"stories/hr/{day}-s{n}.md",
        department="hr" if n % 2 else "it", slug=f"s{n}", title=f"Story {n}", start=day, timezone="UTC",
        channels=("web", "x") if n % 3 else ("web",), status="cancelled" if n == 4 else "draft",
    )  # fmt: skip


def make_site(*days: dt.date, agenda_weeks: int = 8) -> Site:
    registry = Registry(
        {"hr": Department("hr", "People", "#8e24aa"), "it": Department("it", "IT", "#1565c0")},
        {"web": Channel("web", "Website", "#3949ab"), "x": Channel("x", "Twitter / X", "#1d9bf0")},
    )
    stories = tuple(story(n, day) for n, day in enumerate(days))
    settings = Settings(today=TODAY, agenda_weeks=agenda_weeks)
    return Site(registry, settings, stories)


@pytest.mark.parametrize(
    ("name", "badge"),
    [("LinkedIn", "Li"), ("Twitter / X", "TX"), ("Blog", "Bl"), ("Client newsletter", "CN"), ("X", "X")],
)
def test_channel_badges(name: str, badge: str) -> None:
    assert views.abbreviate(name) == badge


def test_a_site_without_stories_still_has_this_months_page() -> None:
    pages = {page.src_uri: page for page in views.calendar_pages(make_site())}
    assert "calendar/2026/11/index.md" in pages
    assert [uri for uri in pages if uri.startswith("calendar/2")] == ["calendar/2026/11/index.md"]
    assert pages["calendar/index.md"].in_nav and pages["departments/index.md"].in_nav
    assert not pages["calendar/2026/11/index.md"].in_nav
    # the listings stay out of search; the month grid takes the page's whole width
    assert pages["calendar/2026/11/index.md"].meta == {"hide": ["navigation", "toc"], "search": {"exclude": True}}
    assert pages["departments/hr/index.md"].meta == {"search": {"exclude": True}}
    assert pages["departments/index.md"].meta == {}


def test_months_only_hold_their_own_stories() -> None:
    site = make_site(dt.date(2026, 10, 31), dt.date(2026, 11, 1), dt.date(2027, 1, 1))
    months = {p.context["month"]: p for p in views.calendar_pages(site) if p.template == "newsdesk/month.html"}
    assert list(months) == [Month(2026, 10), Month(2026, 11), Month(2026, 12), Month(2027, 1)]
    for month, page in months.items():
        inside = [s for week in page.context["weeks"] for day in week for s in day.stories]
        assert all(Month.of(s.day) == month for s in inside)
        assert all(not day.stories for week in page.context["weeks"] for day in week if not day.in_month)
    assert months[Month(2026, 12)].context["filters"].total == 0
    assert months[Month(2026, 12)].context["previous"] == Month(2026, 11)
    assert months[Month(2027, 1)].context["next"] is None


def test_counts_and_listing_windows() -> None:
    days = [TODAY - dt.timedelta(days=40), TODAY - dt.timedelta(days=3), TODAY, TODAY + dt.timedelta(days=13)]
    days += [TODAY + dt.timedelta(days=20), TODAY + dt.timedelta(days=200)]  # 4 is cancelled
    site = make_site(*days, agenda_weeks=2)
    numbers = views.counts(site, site.stories)
    assert (numbers.upcoming, numbers.recent) == (3, 1)  # the cancelled one on day +20 is not counted
    listing = views.listing(site, site.stories)
    assert [d.date for d in listing.upcoming] == [TODAY, TODAY + dt.timedelta(days=13)]
    assert listing.until == TODAY + dt.timedelta(days=14)
    assert listing.later == 2 and listing.later_month == Month(2026, 12)
    assert [d.date for d in listing.recent] == [TODAY - dt.timedelta(days=3)]
    assert listing.upcoming[0].today and not listing.upcoming[0].past and listing.recent[0].past


def test_the_home_marker_is_only_replaced_where_it_is() -> None:
    site = make_site(TODAY)
    renderer = Renderer()
    assert views.fill_markers("<p>Hello</p>", "", site, renderer) == "<p>Hello</p>"
    filled = views.fill_markers(f"<p>a</p>\n<p>{views.HOME_MARKER}</p>\n<p>b</p>", "about/", site, renderer)
    assert views.HOME_MARKER not in filled and "<p><section" not in filled
    assert filled.startswith("<p>a</p>\n<section class=\"nd-home\"") and filled.endswith("<p>b</p>")
    assert 'href="../stories/it/s0/"' in filled  # links are relative to the page that shows the block


@pytest.mark.build
def test_the_home_block_and_chips_can_be_overridden(tmp_path: Path) -> None:
    root = copy_site("calendar", tmp_path)
    (root / "overrides/newsdesk/partials").mkdir(parents=True)
    (root / "overrides/newsdesk/this_week.html").write_text('<p class="custom-week">{{ days | length }} days</p>\n')
    (root / "overrides/newsdesk/partials/chip.html").write_text(
        "{% macro chip(story, past=False, note='') %}<li class=\"nd-chip custom\">{{ story.title }}</li>{% endmacro %}\n"
    )
    built = mkdocs_build(root)
    assert built.ok, built.log
    assert article(built, "").one("p", cls="custom-week").text() == "3 days"
    december = chips(article(built, "calendar/2026/12/"))
    assert december and all(chip.classes == {"nd-chip", "custom"} for chip in december)
