"""The calendar's pages: the agenda, one grid per month, the department and channel pages, and the
home page's "this week" block.

Everything here is data for the templates in `templates/newsdesk/`; the templates decide the markup.
Each page gets only the stories it shows, so a month page holds one month however large the site is.
Unfilled recurring slots from today on (`slots.open_slots`) are shown on their days as holes, next to the
stories: each month page gets that month's, the agenda those of its window.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from newsdesk.core import schedule
from newsdesk.core.schedule import DateRange, Month
from newsdesk.core.site import channel_feed_path, dashboard_month_path, department_feed_path, propose_path
from newsdesk.core.text import gettext
from newsdesk.render.days import (
    Week,
    counts,
    day_of,
    filters_for,
    holes_by_day,
    listing,
    mix,
    not_cancelled,
)
from newsdesk.render.pages import GeneratedPage

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from newsdesk.core.model import Channel, Department, Story
    from newsdesk.core.site import Site
    from newsdesk.render.pages import Renderer

PAST_DAYS = 14
"""How far back the agenda shows past stories (greyed, under "Earlier"), and the home page looks for
stories in review."""
ATTENTION_DAYS = 7
"""The home page lists drafts due up to this many days ahead (and every overdue one)."""
HOME_LIMIT = 12
"""At most this many stories per home page list; the rest are a filtered calendar link away."""
DRAFTING = frozenset({"idea", "draft"})
"""The statuses the home page calls drafts: written to a `due` date, not yet in review."""
HOME_MARKER = "<!-- newsdesk:this-week -->"
"""Put this line in any markdown page (the home page) to show this week and what needs attention."""

LISTING = {"search": {"exclude": True}}
"""Pages that list stories stay out of the search index: a search finds the story itself, once, and
indexing every listing would cost the build more than all the stories together."""
WIDE = {"hide": ["navigation", "toc"], **LISTING}
"""Material hides its sidebars on the month grid: seven columns need the page's whole width."""


class Paths:
    """Where each generated page lives, below the site root; the feeds' paths are core/site.py's."""

    calendar = "calendar/"
    departments = "departments/"
    channels = "channels/"

    @staticmethod
    def month(month: Month) -> str:
        return f"calendar/{month.year:04d}/{month.month:02d}/"

    @staticmethod
    def department(key: str) -> str:
        return f"departments/{key}/"

    @staticmethod
    def channel(key: str) -> str:
        return f"channels/{key}/"

    department_feed = staticmethod(department_feed_path)  # the feeds' own table, in core/site.py
    channel_feed = staticmethod(channel_feed_path)
    propose = staticmethod(propose_path)  # the propose page, prefilled: core/site.py's table too
    dashboard_month = staticmethod(dashboard_month_path)  # a past month's frozen report


def src_uri(path: str) -> str:
    """The generated page's source name for a site path: `calendar/2026/12/` -> `calendar/2026/12/index.md`."""
    return f"{path}index.md"


def _context(**context: Any) -> dict[str, Any]:
    """What every calendar template gets besides its own data."""
    return {
        "paths": Paths,
        "schedule": schedule,
        # A day of each weekday, Monday first (1 January 2024 was a Monday), for the weekday_name filter.
        "weekday_dates": tuple(dt.date(2024, 1, 1 + weekday) for weekday in range(7)),
        "past_days": PAST_DAYS,
        "attention_days": ATTENTION_DAYS,
        **context,
    }


def agenda_page(site: Site, months: Sequence[tuple[Month, int]]) -> GeneratedPage:
    """Today and the coming `agenda_weeks` weeks, week by week from today; then the last PAST_DAYS days,
    newest first, under "Earlier". The past comes after the plan so that on a phone today is the first
    day below the title: people open the calendar for what is next, and look back less often."""
    settings = site.settings
    today = settings.today
    window = schedule.agenda_window(today, settings.agenda_weeks, PAST_DAYS)
    grouped = schedule.by_day(site.stories, window)
    grouped.setdefault(
        today, []
    )  # today is always on the agenda, planned or not: "Jump to today" lands there
    holes = holes_by_day(site, window.start, window.end)
    for day in holes:
        grouped.setdefault(day, [])  # a day with only an open slot is listed: the hole is the news
    weeks: list[Week] = []
    start = today
    while start < window.end:
        # The first week starts today: its days before today are in Earlier, not above today.
        days = DateRange(start, min(schedule.week_of(start, settings.first_weekday).end, window.end))
        entries = [
            day_of(site, day, grouped[day], slots=holes.get(day, ())) for day in days if day in grouped
        ]
        weeks.append(Week(days, entries))
        start = days.end
    earlier = [day_of(site, day, grouped[day]) for day in sorted(grouped, reverse=True) if day < today]
    shown = [story for items in grouped.values() for story in items]
    context = _context(
        weeks=weeks, earlier=earlier, window=window, months=months, filters=filters_for(site, shown)
    )
    return GeneratedPage(
        src_uri(Paths.calendar),
        gettext("Calendar"),
        "newsdesk/agenda.html",
        context,
        in_nav=True,
        meta=LISTING,
    )


def month_pages(site: Site) -> tuple[list[GeneratedPage], list[tuple[Month, int]]]:
    """One grid per month from the first story to the last, and each month with its story count."""
    settings = site.settings
    by_month: dict[Month, list[Story]] = {}
    for story in site.stories:
        by_month.setdefault(Month.of(story.day), []).append(story)
    months = site.months
    headers = [dt.date(2024, 1, 1 + weekday) for weekday in schedule.weekday_order(settings.first_weekday)]
    # Every month's holes in one pass over the stories; each page then gets its own month's only.
    holes = holes_by_day(site, months[0].first, months[-1].next().first)
    pages = []
    for index, month in enumerate(months):
        stories = by_month.get(month, [])
        grouped = schedule.by_day(stories)
        weeks = [
            [
                day_of(site, day, grouped.get(day, []), in_month=True, slots=holes.get(day, ()))
                if day.month == month.month
                else day_of(site, day, [], in_month=False)
                for day in row
            ]
            for row in schedule.month_weeks(month, settings.first_weekday)
        ]
        context = _context(
            month=month,
            weeks=weeks,
            headers=headers,  # 2024-01-01 was a Monday: these dates name the weekdays in column order
            previous=months[index - 1] if index > 0 else None,
            next=months[index + 1] if index + 1 < len(months) else None,
            filters=filters_for(site, stories),
        )
        title = month.name
        pages.append(
            GeneratedPage(src_uri(Paths.month(month)), title, "newsdesk/month.html", context, meta=WIDE)
        )
    return pages, [(month, len(by_month.get(month, []))) for month in months]


def _term_pages(
    site: Site,
    kind: str,
    terms: Mapping[str, Department] | Mapping[str, Channel],
    stories_of: Mapping[str, list[Story]],
    mix_of: Callable[[Story], Iterable[str]],
    mix_names: dict[str, str],
    *,
    index_path: str,
    term_path: Callable[[str], str],
    in_nav: bool,
) -> list[GeneratedPage]:
    """An index and a page per term of one taxonomy (departments or channels, as Hugo would say): each
    term's counts, its listing and its mix over the other taxonomy. `kind` names the templates
    (`<kind>s.html`, `<kind>.html`) and the template variable that holds the term."""
    rows = []
    pages = []
    for key, term in terms.items():
        stories = stories_of[key]
        numbers = counts(site, stories)
        rows.append((term, numbers))
        context = _context(
            **{kind: term},
            counts=numbers,
            listing=listing(site, stories),
            mix=mix((other for s in not_cancelled(stories) for other in mix_of(s)), mix_names),
        )
        page = src_uri(term_path(key))
        pages.append(GeneratedPage(page, term.name, f"newsdesk/{kind}.html", context, meta=LISTING))
    index_title = gettext("Departments") if kind == "department" else gettext("Channels")
    index = GeneratedPage(
        src_uri(index_path), index_title, f"newsdesk/{kind}s.html", _context(rows=rows), in_nav=in_nav
    )
    return [index, *pages]


def department_pages(site: Site) -> list[GeneratedPage]:
    registry = site.registry
    channel_names = {key: channel.name for key, channel in registry.channels.items()}
    return _term_pages(
        site, "department", registry.departments, site.by_department, lambda s: s.channels, channel_names,
        index_path=Paths.departments, term_path=Paths.department, in_nav=True,
    )  # fmt: skip


def channel_pages(site: Site) -> list[GeneratedPage]:
    registry = site.registry
    department_names = {key: department.name for key, department in registry.departments.items()}
    return _term_pages(
        site, "channel", registry.channels, site.by_channel, lambda s: (s.department,), department_names,
        index_path=Paths.channels, term_path=Paths.channel, in_nav=False,
    )  # fmt: skip


def calendar_pages(site: Site) -> list[GeneratedPage]:
    """Every page of the calendar: agenda, months, departments, channels."""
    months, month_counts = month_pages(site)
    return [agenda_page(site, month_counts), *months, *department_pages(site), *channel_pages(site)]


def home_context(site: Site) -> dict[str, Any]:
    """Today and the rest of this week, drafts due soon or overdue, and stories in review.

    The week's days before today are left to the calendar (its "Earlier"): the block is what is still to
    come. Today is always listed, with or without stories, so the block never skips the day it is read on."""
    today = site.settings.today
    week = DateRange(today, schedule.week_of(today, site.settings.first_weekday).end)
    grouped = schedule.by_day(site.stories, week)
    this_week = [day_of(site, day, grouped.get(day, [])) for day in week if day == today or day in grouped]
    horizon = today + dt.timedelta(days=ATTENTION_DAYS)
    # A draft whose story date is long gone is the dashboard's business (a missed date), not this week's.
    lately = today - dt.timedelta(days=PAST_DAYS)
    due = sorted(
        (
            s
            for s in site.stories
            if s.status in DRAFTING and s.due is not None and s.due <= horizon and s.day >= lately
        ),
        key=lambda s: (s.due, schedule.time_order(s)),
    )
    review = sorted(
        (s for s in site.stories if s.status == "review" and s.day >= lately), key=schedule.time_order
    )
    return _context(week=week, days=this_week, due=due, review=review, limit=HOME_LIMIT)


def fill_markers(html: str, page_url: str, site: Site, renderer: Renderer) -> str:
    """Replace the home page marker, where a page has one, by the rendered "this week" block."""
    if HOME_MARKER not in html:
        return html
    block = renderer.render("newsdesk/this_week.html", page_url, site, **home_context(site))
    # Markdown may wrap the comment in a paragraph; replace the paragraph too so the block stands alone.
    return html.replace(f"<p>{HOME_MARKER}</p>", block).replace(HOME_MARKER, block)
