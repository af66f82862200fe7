"""What the calendar pages are made of, from a hand-built model: no MkDocs involved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from htmltree import Node, parse
from newsdesk.core.model import Channel, Department, Recurrence, Registry, Settings, Slot, Story
from newsdesk.core.schedule import Month
from newsdesk.core.site import Site
from newsdesk.render import days as listings
from newsdesk.render import views
from newsdesk.render.pages import Renderer
from sitekit import copy_site, mkdocs_build
from test_calendar import article, cell, chips

TODAY = dt.date(2026, 11, 23)


def story(n: int, day: dt.date) -> Story:
    """Story n: odd ones from hr, even from it; every third on the website only; number 4 cancelled."""
    return Story(
        id=f"s{n}", path=f"content/stories/hr/{day}-s{n}.md", src_uri=f"stories/hr/{day}-s{n}.md",
        department="hr" if n % 2 else "it", slug=f"s{n}", title=f"Story {n}", start=day, timezone="UTC",
        channels=("web", "x") if n % 3 else ("web",), status="cancelled" if n == 4 else "draft",
    )  # fmt: skip


def make_site(*days: dt.date, agenda_weeks: int = 8, today: dt.date = TODAY, first_weekday: int = 0) -> Site:
    registry = Registry(
        {"hr": Department("hr", "People", "#8e24aa"), "it": Department("it", "IT", "#1565c0")},
        {"web": Channel("web", "Website", "#3949ab"), "x": Channel("x", "Twitter / X", "#1d9bf0")},
    )
    stories = tuple(story(n, day) for n, day in enumerate(sorted(days)))
    settings = Settings(today=today, agenda_weeks=agenda_weeks, first_weekday=first_weekday)
    return Site(registry, settings, stories)


def test_a_site_without_stories_still_has_this_months_page() -> None:
    pages = {page.src_uri: page for page in views.calendar_pages(make_site())}
    assert "calendar/2026/11/index.md" in pages
    assert [uri for uri in pages if uri.startswith("calendar/2")] == ["calendar/2026/11/index.md"]
    assert pages["calendar/index.md"].in_nav and pages["departments/index.md"].in_nav
    assert not pages["calendar/2026/11/index.md"].in_nav
    # the listings stay out of search; the month grid takes the page's whole width
    assert pages["calendar/2026/11/index.md"].meta == {
        "hide": ["navigation", "toc"],
        "search": {"exclude": True},
    }
    assert pages["departments/hr/index.md"].meta == {"search": {"exclude": True}}
    assert pages["departments/index.md"].meta == {}


def test_months_only_hold_their_own_stories() -> None:
    site = make_site(dt.date(2026, 10, 31), dt.date(2026, 11, 1), dt.date(2027, 1, 1))
    months = {
        p.context["month"]: p for p in views.calendar_pages(site) if p.template == "newsdesk/month.html"
    }
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
    numbers = listings.counts(site, site.stories)
    assert (numbers.upcoming, numbers.recent) == (3, 1)  # the cancelled one on day +20 is not counted
    listing = listings.listing(site, site.stories)
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
    assert filled.startswith('<p>a</p>\n<section class="nd-home"') and filled.endswith("<p>b</p>")
    assert 'href="../stories/it/s0/"' in filled  # links are relative to the page that shows the block


# --- Today on the agenda and the home page ----------------------------------------------------------------------

# Monday 30 November to Sunday 6 December 2026
WEEK = [dt.date(2026, 11, 30) + dt.timedelta(days=n) for n in range(7)]


@pytest.mark.parametrize("today", WEEK, ids=lambda day: day.strftime("%a"))
@pytest.mark.parametrize("first_weekday", [0, 6], ids=["from-monday", "from-sunday"])
def test_the_home_block_is_today_and_the_rest_of_the_week(today: dt.date, first_weekday: int) -> None:
    around = [WEEK[0] + dt.timedelta(days=n) for n in range(-9, 16)]  # a story every day but today
    site = make_site(*(day for day in around if day != today), today=today, first_weekday=first_weekday)
    context = views.home_context(site)
    shown = [day.date for day in context["days"]]
    week_end = today + dt.timedelta(days=(first_weekday - 1 - today.weekday()) % 7)  # the week's last day
    assert shown == [today + dt.timedelta(days=n) for n in range((week_end - today).days + 1)]
    assert context["days"][0].today and not context["days"][0].stories  # listed with nothing on it
    assert (context["week"].start, context["week"].last) == (today, week_end)
    html = Renderer().render("newsdesk/this_week.html", "", site, **context)
    listed = [t.attrs["datetime"] for t in parse(html).one("ol", cls="nd-days").all("time")]
    assert listed == [day.isoformat() for day in shown]


def test_a_quiet_today_is_still_the_home_blocks_first_day() -> None:
    # What the block showed on Thursday 3 December in the demo: Monday to Wednesday, and not today.
    thursday = WEEK[3]
    site = make_site(*WEEK[:3], today=thursday)
    context = views.home_context(site)
    assert [day.date for day in context["days"]] == [thursday]
    html = Renderer().render("newsdesk/this_week.html", "", site, **context)
    assert "Nothing else planned this week." in html and "Thursday 3 December 2026" in html


@pytest.mark.parametrize("today", WEEK, ids=lambda day: day.strftime("%a"))
def test_the_agenda_opens_at_today_with_the_past_under_earlier(today: dt.date) -> None:
    site = make_site(*(today + dt.timedelta(days=n) for n in range(-20, 30, 2)), today=today, agenda_weeks=2)
    page = views.agenda_page(site, [])
    weeks, earlier = page.context["weeks"], page.context["earlier"]
    coming = [day for week in weeks for day in week.entries]
    assert coming[0].date == today and coming[0].today and weeks[0].days.start == today
    assert [d.date for d in coming] == sorted(d.date for d in coming)
    past = [day.date for day in earlier]
    assert past == sorted(past, reverse=True) and all(day.past for day in earlier)
    assert (
        past == [d for d in (s.day for s in site.stories) if today - dt.timedelta(days=14) <= d < today][::-1]
    )
    # every week after the first starts on the week's first day; none reaches back before today
    assert all(week.days.start.weekday() == 0 for week in weeks[1:])
    html = Renderer().render(page.template, "calendar/", site, **page.context)
    tree = parse(html)
    days = [li.one("time").attrs["datetime"] for li in tree.all("li", cls="nd-agenda-day")]
    assert days[0] == today.isoformat() and days[len(coming) :] == [d.isoformat() for d in past]
    assert (
        tree.one(id="today").one("li", cls="nd-agenda-day--today").one("time").attrs["datetime"]
        == today.isoformat()
    )
    jumps = [a for a in tree.all("a") if a.attrs.get("href") == "#today"]
    assert [a.text() for a in jumps] == ["Jump to today", "Jump to today"]


def test_the_agenda_on_a_sunday_of_a_sunday_week() -> None:
    sunday = WEEK[-1]
    site = make_site(sunday, sunday + dt.timedelta(days=1), today=sunday, first_weekday=6, agenda_weeks=1)
    weeks = views.agenda_page(site, []).context["weeks"]
    assert [(w.days.start, w.days.last) for w in weeks] == [(sunday, sunday + dt.timedelta(days=6))]


@pytest.mark.build
def test_the_home_block_and_chips_can_be_overridden(tmp_path: Path) -> None:
    root = copy_site("calendar", tmp_path)
    (root / "overrides/newsdesk/partials").mkdir(parents=True)
    (root / "overrides/newsdesk/this_week.html").write_text(
        '<p class="custom-week">{{ days | length }} days</p>\n'
    )
    (root / "overrides/newsdesk/partials/chip.html").write_text(
        "{% macro chip(story, past=False, note='') %}<li class=\"nd-chip custom\">{{ story.title }}</li>{% endmacro %}\n"
    )
    built = mkdocs_build(root)
    assert built.ok, built.log
    assert article(built, "").one("p", cls="custom-week").text() == "4 days"  # today and three with stories
    december = chips(article(built, "calendar/2026/12/"))
    assert december and all(chip.classes == {"nd-chip", "custom"} for chip in december)


# --- Open slots -------------------------------------------------------------------------------------------------


def slotted_site() -> Site:
    """Web on Thursdays, hr's and it's turn about from 5 November; a Web story from hr on Thu 3 December."""
    site = make_site(dt.date(2026, 11, 2), dt.date(2026, 12, 3), dt.date(2027, 1, 4))
    thursdays = Slot("web-thu", "Web Thursday", "web", Recurrence((3,)), dt.time(9, 0), rotation=("hr", "it"),
                     anchor=dt.date(2026, 11, 5))  # fmt: skip
    registry = Registry(site.registry.departments, site.registry.channels, slots=(thursdays,))
    return Site(registry, site.settings, site.stories)


def test_months_and_the_agenda_show_their_own_future_open_slots() -> None:
    site = slotted_site()
    assert site.stories[1].department == "hr" and site.stories[1].day == dt.date(
        2026, 12, 3
    )  # hr's turn: filled
    pages = {p.src_uri: p for p in views.calendar_pages(site)}
    holes = {}
    for uri in ("calendar/2026/11/index.md", "calendar/2026/12/index.md", "calendar/2027/01/index.md"):
        days = [day for week in pages[uri].context["weeks"] for day in week]
        holes[uri] = [(h.day.isoformat(), h.department) for day in days for h in day.slots]
        assert all(h.day == day.date for day in days for h in day.slots)
        assert all(not day.slots for day in days if not day.in_month)  # the neighbours' days stay empty
    assert holes == {
        # 5, 12 and 19 November are history, not holes; 3 December is filled
        "calendar/2026/11/index.md": [("2026-11-26", "it")],
        "calendar/2026/12/index.md": [("2026-12-10", "it"), ("2026-12-17", "hr"), ("2026-12-24", "it"), ("2026-12-31", "hr")],
        "calendar/2027/01/index.md": [("2027-01-07", "it"), ("2027-01-14", "hr"), ("2027-01-21", "it"), ("2027-01-28", "hr")],
    }  # fmt: skip
    agenda = [day for week in pages["calendar/index.md"].context["weeks"] for day in week.entries]
    listed = {day.date.isoformat(): (len(day.stories), [h.department for h in day.slots]) for day in agenda}
    assert listed["2026-11-26"] == (0, ["it"])  # a day with only an open slot is on the agenda
    assert listed["2026-12-03"] == (1, [])
    assert max(listed) == "2027-01-14"  # the agenda's eight weeks end on 17 January
    assert "2026-11-19" not in listed


@pytest.mark.build
def test_open_slots_on_the_month_pages_and_the_agenda_of_a_real_build(tmp_path: Path) -> None:
    built = mkdocs_build(copy_site("planning", tmp_path))
    assert built.ok, built.log

    def holes(node: Node) -> list[str]:
        return [slot.words() for slot in node.all("li", cls="nd-slot")]

    november, december = article(built, "calendar/2026/11/"), article(built, "calendar/2026/12/")
    assert holes(november) == ["12:00 Open slot: LinkedIn Thursday on LinkedIn, Research's turn"]
    thursday = cell(november, dt.date(2026, 11, 26))
    assert holes(thursday) and chips(thursday)  # hr's story is there, but it was Research's turn
    assert holes(cell(november, dt.date(2026, 11, 19))) == []  # past: history, not a hole
    assert holes(cell(december, dt.date(2026, 12, 3))) == []  # filled by hr, whose turn it was
    assert holes(cell(december, dt.date(2026, 12, 1))) == []  # the newsletter is filled by marketing
    assert holes(december) == [
        "12:00 Open slot: LinkedIn Thursday on LinkedIn, Legal's turn",
        "12:00 Open slot: LinkedIn Thursday on LinkedIn, Research's turn",
        "12:00 Open slot: LinkedIn Thursday on LinkedIn, People & Culture's turn",
        "12:00 Open slot: LinkedIn Thursday on LinkedIn, Legal's turn",
    ]
    hole = cell(december, dt.date(2026, 12, 24))
    assert "nd-day--empty" not in hole.classes and hole.all("p", cls="nd-empty") == [
        hole.one("p", data_nd_nomatch="")
    ]
    slot = hole.one("li", cls="nd-slot")
    assert (slot.attrs["data-department"], slot.attrs["data-channels"], slot.attrs["id"]) == (
        "hr", "linkedin", "slot-linkedin-thursday-2026-12-24"
    )  # fmt: skip
    # the filters' "nothing matches" note waits, hidden, in every cell with something on it
    for td in december.all("td", cls="nd-day"):
        notes = td.all("p", data_nd_nomatch="")
        assert len(notes) == (1 if chips(td) or holes(td) else 0), td.attrs["data-date"]
        assert all("hidden" in note.attrs and note.text() == "Nothing matches the filter" for note in notes)

    agenda = article(built, "calendar/")
    days = {day.one("h3").one("time").attrs["datetime"]: day for day in agenda.all("li", cls="nd-agenda-day")}
    assert holes(days["2026-12-24"]) and not chips(days["2026-12-24"])  # only an open slot: still listed
    assert holes(days["2027-01-05"]) == [
        "07:30 Open slot: Monthly newsletter on Newsletter, Marketing's slot"
    ]
    assert holes(days["2026-11-27"]) == []  # the website's Friday slot is filled by finance
    assert not any(holes(day) for date, day in days.items() if date < "2026-11-23")
    assert 'An "Open slot" is a recurring slot no story fills yet.' in agenda.words()
