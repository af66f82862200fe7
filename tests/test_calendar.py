"""The calendar pages of a real `mkdocs build --strict`, read back with an HTML parser.

What each page should show is worked out here from the fixture's front-matter, independently of the
plugin's own code.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from htmltree import Node, parse
from newsdesk.core.dates import month_name
from sitekit import Built, copy_site, mkdocs_build

pytestmark = pytest.mark.build

TODAY = dt.date(2026, 11, 23)


def article(built: Built, url: str) -> Node:
    """The page's main content (Material's article), parsed."""
    return parse(built.page(url)).one("article")


def resolve(built: Built, url: str, href: str) -> Path:
    """The file a relative link on the page at `url` points to."""
    target = posixpath.normpath(posixpath.join(url, href.split("#")[0].split("?")[0]))
    path = built.site / target
    return path / "index.html" if path.is_dir() else path


@dataclass(frozen=True)
class Meta:
    department: str
    slug: str
    title: str
    day: dt.date
    time: str
    channels: tuple[str, ...]
    status: str

    @property
    def url(self) -> str:
        return f"stories/{self.department}/{self.slug}/"


def front_matter(root: Path) -> list[Meta]:
    """Every fixture story as its file says, read with PyYAML."""
    metas = []
    for path in sorted((root / "content/stories").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        when = str(meta["date"])
        channels = meta.get("channels", meta.get("channel"))
        metas.append(
            Meta(
                department=path.parent.name,
                slug=path.stem[11:],
                title=meta["title"],
                day=dt.date.fromisoformat(when[:10]),
                time=when[11:16],
                channels=tuple([channels] if isinstance(channels, str) else channels),
                status=meta.get("status", "draft"),
            )
        )
    return metas


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = mkdocs_build(copy_site("calendar", tmp_path_factory.mktemp("calendar")))
    assert built.ok, built.log
    return built


@pytest.fixture(scope="module")
def stories(site: Built) -> list[Meta]:
    return front_matter(site.root)


def cell(page: Node, day: dt.date) -> Node:
    return page.one("td", data_date=day.isoformat())


def chips(node: Node) -> list[Node]:
    return node.all("li", cls="nd-chip")


def test_one_month_page_from_the_first_story_to_the_last(site: Built, stories: list[Meta]) -> None:
    months = sorted((site.site / "calendar").glob("*/*/index.html"))
    names = [f"{p.parent.parent.name}-{p.parent.name}" for p in months]
    assert names == ["2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03"]
    february = article(site, "calendar/2027/02/")
    assert chips(february) == []
    assert february.one("caption").words().startswith("0 stories in February 2027")
    assert [
        c.attrs["data-date"] for c in february.all("td", cls="nd-day") if "nd-day--outside" not in c.classes
    ] == [f"2027-02-{d:02d}" for d in range(1, 29)]


def test_december_starts_on_the_tuesday_cell(site: Built) -> None:
    page = article(site, "calendar/2026/12/")
    headers = [th.one("abbr").attrs["title"] for th in page.one("thead").all("th")]
    assert headers == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert all(th.attrs["scope"] == "col" for th in page.one("thead").all("th"))
    first_row = page.one("tbody").all("tr")[0].all("td")
    assert "nd-day--outside" in first_row[0].classes and first_row[0].words() == ""
    assert first_row[1].attrs["data-date"] == "2026-12-01"
    assert first_row[1].one("time").words() == "Tuesday 1 December"
    assert [td.attrs["data-date"] for td in first_row[5:]] == ["2026-12-05", "2026-12-06"]
    assert all("nd-day--weekend" in td.classes for td in first_row[5:])


def test_every_story_is_on_its_day_and_nowhere_else_in_its_month(site: Built, stories: list[Meta]) -> None:
    for month in {(m.day.year, m.day.month) for m in stories}:
        url = f"calendar/{month[0]:04d}/{month[1]:02d}/"
        page = article(site, url)
        expected = sorted((m.day.isoformat(), m.url) for m in stories if (m.day.year, m.day.month) == month)
        found = []
        for td in page.all("td", cls="nd-day"):
            for chip in chips(td):
                href = chip.one("a", cls="nd-chip__link").attrs["href"]
                assert resolve(site, url, href).is_file(), href
                found.append((td.attrs["data-date"], posixpath.normpath(posixpath.join(url, href)) + "/"))
        assert sorted(found) == expected, url


def test_chips_carry_department_channels_and_status(site: Built, stories: list[Meta]) -> None:
    page = article(site, "calendar/2026/12/")
    by_title = {chip.one("span", cls="nd-chip__title").text(): chip for chip in chips(page)}
    names = {"hr": "People & Culture", "research": "Research", "legal": "Legal"}
    labels = {
        "idea": "Idea",
        "draft": "Draft",
        "review": "In review",
        "scheduled": "Scheduled",
        "cancelled": "Cancelled",
    }
    for meta in (m for m in stories if m.day.month == 12):
        chip = by_title[meta.title]
        assert chip.attrs["data-department"] == meta.department
        assert chip.attrs["data-channels"].split() == list(meta.channels)
        assert chip.attrs["data-status"] == meta.status
        assert f"nd-chip--{meta.status}" in chip.classes
        # readable text, not colour alone: department, every channel's name, the status
        assert chip.one("span", cls="nd-chip__department").text() == names[meta.department]
        assert chip.one("span", cls="nd-chip__status").text() == labels[meta.status]
        channel_text = chip.one("span", cls="nd-chip__channels").words()
        assert all(name in channel_text for name in ("Website", "LinkedIn") if name.lower() in meta.channels)
        assert re.fullmatch(r"--nd-colour: ?#[0-9a-f]{6}", chip.attrs["style"])
        if meta.time:
            assert chip.one("time", cls="nd-chip__time").text() == meta.time
        else:
            assert chip.all("time") == []


def test_a_busy_day_shows_every_story_all_day_first_then_by_time(site: Built) -> None:
    busy = cell(article(site, "calendar/2026/12/"), dt.date(2026, 12, 10))
    titles = [chip.one("span", cls="nd-chip__title").text() for chip in chips(busy)]
    assert titles == [
        "Busy day chart",
        "Busy day briefing one",
        "Busy day briefing two",
        "Busy day people",
        "Busy day table",
        "Busy day party",
    ]


def test_today_weekends_and_empty_days(site: Built) -> None:
    november = article(site, "calendar/2026/11/")
    today = cell(november, TODAY)
    assert today.attrs.get("aria-current") == "date" and "Today" in today.words()
    assert (
        len(november.all(attrs_current := "td"))
        and sum("aria-current" in td.attrs for td in november.all(attrs_current)) == 1
    )
    # a future day with nothing planned says so; a past empty day is just past
    assert cell(november, dt.date(2026, 11, 24)).one("p", cls="nd-empty").text() == "Nothing planned"
    assert cell(november, dt.date(2026, 11, 20)).all("p") == []
    assert "nd-day--past" in cell(november, dt.date(2026, 11, 20)).classes
    assert "nd-day--weekend" in cell(november, dt.date(2026, 11, 28)).classes
    assert "nd-day--weekend" not in cell(november, dt.date(2026, 11, 27)).classes


def test_previous_and_next_month_links(site: Built) -> None:
    def nav(url: str) -> dict[str, str]:
        links = article(site, url).one("nav", cls="nd-month-nav").all("a")
        return {a.attrs.get("rel", "agenda"): a.attrs["href"] for a in links}

    assert nav("calendar/2026/12/") == {"prev": "../11/", "agenda": "../../", "next": "../../2027/01/"}
    assert nav("calendar/2027/01/") == {"prev": "../../2026/12/", "agenda": "../../", "next": "../02/"}
    assert "prev" not in nav("calendar/2026/10/")
    assert "next" not in nav("calendar/2027/03/")


def test_the_agenda(site: Built, stories: list[Meta]) -> None:
    page = article(site, "calendar/")
    window = (TODAY - dt.timedelta(days=14), TODAY + dt.timedelta(weeks=8))
    expected = sorted(m.url for m in stories if window[0] <= m.day < window[1])
    found = sorted(
        posixpath.normpath(posixpath.join("calendar/", chip.one("a").attrs["href"])) + "/"
        for chip in chips(page)
    )
    assert found == expected
    past = {
        chip.one("span", cls="nd-chip__title").text()
        for chip in chips(page)
        if "nd-chip--past" in chip.classes
    }
    assert past == {m.title for m in stories if window[0] <= m.day < TODAY}
    today = page.one("li", cls="nd-agenda-day--today")
    assert today.one("time").attrs["datetime"] == TODAY.isoformat()
    assert today.one("p", cls="nd-empty").text() == "Nothing planned"
    days = [t.attrs["datetime"] for t in page.all("h3", cls="nd-agenda-day__date") for t in t.all("time")]
    coming = [d for d in days if d >= TODAY.isoformat()]
    earlier = [d for d in days if d < TODAY.isoformat()]
    # today first, then the coming weeks in order, then the last two weeks, newest first, under Earlier
    assert days == coming + earlier and days[0] == TODAY.isoformat()
    assert coming == sorted(coming) and earlier == sorted(earlier, reverse=True) and earlier
    section = page.one("section", aria_labelledby="earlier")
    assert section.one("h2", id="earlier").words() == "Earlier: the last 14 days"
    assert [t.attrs["datetime"] for t in section.all("time") if "nd-chip__time" not in t.classes] == earlier
    assert {c.one("span", cls="nd-chip__title").text() for c in chips(section)} == past
    # "Jump to today": plain links to today's entry, which works without JavaScript
    anchor = page.one(id="today")
    assert anchor.all("li", cls="nd-agenda-day") == [today]
    jumps = [a for a in page.all("a") if a.attrs.get("href") == "#today"]
    assert len(jumps) == 2 and {a.text() for a in jumps} == {"Jump to today"}
    months = page.one("div", cls="nd-months")
    hrefs = [a.attrs["href"] for a in months.all("a")]
    assert hrefs == ["2026/10/", "2026/11/", "2026/12/", "2027/01/", "2027/02/", "2027/03/"]
    per_month = Counter(month_name(m.day, year=True) for m in stories)
    for name in ("October 2026", "December 2026", "February 2027"):
        count = per_month[name]
        assert f"{name} {count} {'story' if count == 1 else 'stories'}" in months.words()


def test_without_javascript_everything_is_listed_and_the_filters_wait(
    site: Built, stories: list[Meta]
) -> None:
    page = article(site, "calendar/2026/12/")
    panel = page.one("details", cls="nd-filters")
    assert "hidden" in panel.attrs
    assert len(chips(page)) == sum(m.day.month == 12 and m.day.year == 2026 for m in stories)
    assert not any("hidden" in chip.attrs for chip in chips(page))
    boxes = panel.all("input")
    assert {(b.attrs["name"], b.attrs["value"]) for b in boxes} >= {
        ("department", "hr"),
        ("channel", "linkedin"),
        ("status", "draft"),
    }
    labels = {b.attrs["value"]: b for b in boxes}
    assert len(labels) == 3 + 5 + 6
    html = site.page("calendar/2026/12/")
    assert re.search(r'<script src="[./]*assets/newsdesk/newsdesk\.js"', html)
    assert "//cdn" not in html and "unpkg" not in html


def test_departments_index_and_pages(site: Built, stories: list[Meta]) -> None:
    live = [m for m in stories if m.status != "cancelled"]

    def numbers(department: str) -> tuple[str, str]:
        mine = [m for m in live if m.department == department]
        upcoming = sum(m.day >= TODAY for m in mine)
        recent = sum(TODAY - dt.timedelta(days=30) <= m.day < TODAY for m in mine)
        return str(upcoming), str(recent)

    index = article(site, "departments/")
    rows = index.one("tbody").all("tr")
    assert [row.one("th").words() for row in rows] == ["People & Culture", "Research", "Legal"]
    for row, key in zip(rows, ("hr", "research", "legal"), strict=True):
        cells = row.all("td")
        assert (cells[1].text(), cells[2].text()) == numbers(key)
        for a in row.all("a"):
            assert resolve(site, "departments/", a.attrs["href"]).is_file(), a.attrs["href"]
    assert index.one("tbody").all("tr")[0].all("td")[0].text() == "@fixture/hr"

    page = article(site, "departments/legal/")
    assert page.one("h1").words() == "Legal"
    upcoming = page.one("h2", id="upcoming")
    titles = [c.one("span", cls="nd-chip__title").text() for c in chips(page)]
    assert titles[:4] == [
        "Clearer contract terms",
        "Busy day briefing one",
        "Busy day briefing two",
        "The cancelled webinar",
    ]
    assert titles[4:] == ["GDPR policy update"]  # the last 30 days, newest first
    assert upcoming.text() == "Upcoming"
    feed = page.one("a", href="../../feeds/departments/legal.ics")
    assert resolve(site, "departments/legal/", feed.attrs["href"]).is_file()
    assert page.all("a", href="../../calendar/?department=legal")
    mix = {
        row.one("th").words(): row.all("td")[0].text()
        for row in page.one("table", cls="nd-mix").one("tbody").all("tr")
    }
    expected = Counter(c for m in live if m.department == "legal" for c in m.channels)
    assert mix == {
        name: str(expected[key])
        for key, name in [
            ("website", "Website"),
            ("blog", "Blog"),
            ("newsletter", "Newsletter"),
            ("linkedin", "LinkedIn"),
            ("twitter", "Twitter / X"),
        ]
    }


def test_channel_pages(site: Built, stories: list[Meta]) -> None:
    index = article(site, "channels/")
    assert [row.one("th").words() for row in index.one("tbody").all("tr")] == [
        "Website", "Blog", "Newsletter", "LinkedIn", "Twitter / X",
    ]  # fmt: skip
    page = article(site, "channels/newsletter/")
    assert page.one("h1").words() == "Newsletter"
    facts = {
        div.one("dt").words(): div.one("dd").words() for div in page.one("dl", cls="nd-facts").all("div")
    }
    assert facts["Posting days"] == "Tuesday" and facts["At most"] == "1 story a day"
    shown = sorted(c.one("span", cls="nd-chip__title").text() for c in chips(page))
    assert shown == sorted(
        m.title for m in stories if "newsletter" in m.channels and m.day >= TODAY - dt.timedelta(days=30)
    )
    assert resolve(
        site, "channels/newsletter/", page.one("a", href="../../feeds/channels/newsletter.ics").attrs["href"]
    ).is_file()


def test_home_page_block(site: Built, stories: list[Meta]) -> None:
    page = article(site, "")
    html = site.page("")
    assert "newsdesk:this-week" not in html
    block = page.one("section", cls="nd-home")
    week = [
        t.attrs["datetime"]
        for t in block.one("ol", cls="nd-days").all("time")
        if "nd-chip__time" not in t.classes
    ]
    assert week == ["2026-11-23", "2026-11-25", "2026-11-27", "2026-11-28"]  # today, though nothing is on it
    lists = block.all("ul", cls="nd-chips--list")
    due = [c.one("span", cls="nd-chip__title").text() for c in chips(lists[0])]
    assert due == ["Open roles this winter"]
    assert lists[0].one("span", cls="nd-chip__note").text() == "due Tuesday 24 November"
    in_review = [
        m.title
        for m in sorted(stories, key=lambda m: (m.day, m.time))
        if m.status == "review" and m.day >= TODAY - dt.timedelta(days=14)
    ]
    assert [c.one("span", cls="nd-chip__title").text() for c in chips(lists[1])] == in_review
    # the organisation's own text stays around the block
    text = page.words()
    assert (
        text.index("The plan of the fixture newsroom.")
        < text.index("This week")
        < text.index("Written after the block.")
    )
    for a in block.all("a"):
        assert resolve(site, "", a.attrs["href"]).is_file(), a.attrs["href"]


def test_navigation_has_the_hubs_but_no_months_or_stories(site: Built) -> None:
    nav = parse(site.page("")).one("nav", cls="md-nav--primary")
    hrefs = [a.attrs["href"] for a in nav.all("a") if "href" in a.attrs]
    assert "calendar/" in hrefs and "departments/" in hrefs
    assert not any(re.search(r"calendar/\d{4}/|stories/|departments/\w", h) for h in hrefs), hrefs
    assert parse(site.page("calendar/2026/12/")).one("title").words().startswith("December 2026")


def test_every_link_on_the_calendar_pages_resolves(site: Built) -> None:
    pages = ["", "calendar/", "departments/", "channels/"]
    pages += [
        f"calendar/{p.parent.parent.name}/{p.parent.name}/"
        for p in (site.site / "calendar").glob("*/*/index.html")
    ]
    pages += [f"departments/{p.name}/" for p in (site.site / "departments").iterdir() if p.is_dir()]
    pages += [f"channels/{p.name}/" for p in (site.site / "channels").iterdir() if p.is_dir()]
    checked = 0
    for url in pages:
        for a in article(site, url).all("a"):
            href = a.attrs.get("href", "")
            if href and not href.startswith(("#", "http", "webcal:")):
                assert resolve(site, url, href).exists(), (url, href)
                checked += 1
    assert checked > 100


def test_first_weekday_and_agenda_weeks_are_options(tmp_path: Path) -> None:
    root = copy_site("calendar", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "timezone: Europe/London",
            "timezone: Europe/London\n      first_weekday: sunday\n      agenda_weeks: 2",
        )
    )
    built = mkdocs_build(root)
    assert built.ok, built.log
    page = article(built, "calendar/2026/12/")
    assert [th.one("abbr").text() for th in page.one("thead").all("th")] == [
        "Sun",
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
    ]
    assert page.one("tbody").all("tr")[0].all("td")[2].attrs["data-date"] == "2026-12-01"
    agenda = article(built, "calendar/")
    days = [t.attrs["datetime"] for h in agenda.all("h3", cls="nd-agenda-day__date") for t in h.all("time")]
    coming = [d for d in days if d >= "2026-11-23"]
    assert days[0] == "2026-11-23" and coming[-1] == "2026-12-03"  # two weeks ahead: up to 6 December
    assert days[-1] == "2026-11-10"  # Earlier, newest first, goes back 14 days
    weeks = [h.words() for h in agenda.all("h2") if h.attrs.get("id", "").startswith("week-")]
    # the weeks start on Sundays; the first one starts today, its Sunday being in Earlier
    assert weeks == [
        "This week: 23 November to 28 November 2026",
        "29 November to 5 December 2026",
        "6 December 2026",
    ]


def test_department_pages_stay_small_with_a_pointer_to_later_months(site: Built, stories: list[Meta]) -> None:
    page = article(site, "departments/research/")
    horizon = TODAY + dt.timedelta(weeks=8)
    titles = {c.one("span", cls="nd-chip__title").text() for c in chips(page)}
    assert "January outlook" in titles and "Spring survey" not in titles
    later = [m for m in stories if m.department == "research" and m.day >= horizon]
    pointer = next(p for p in page.all("p") if "planned after that" in p.words())
    assert pointer.words() == f"{len(later)} more story is planned after that, from March 2027 on."
    assert pointer.one("a").attrs["href"] == "../../calendar/2027/03/?department=research"


def test_a_time_in_another_zone_says_which_zone(site: Built) -> None:
    # 14:00 in New York is 19:00 in London, the site's zone: a bare "14:00" on the grid would mislead.
    grid = article(site, "calendar/2026/11/")
    chips = [chip for chip in grid.all("li", cls="nd-chip") if chip.all("time")]
    times = {chip.one("span", cls="nd-chip__title").words(): chip.one("time").words() for chip in chips}
    assert times["GDPR policy update"] == "14:00 EST"
    assert all(
        value.count(":") == 1 and " " not in value
        for key, value in times.items()
        if key != "GDPR policy update"
    )
