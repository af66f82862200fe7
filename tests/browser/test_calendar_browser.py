"""The calendar in headless Chromium: layout, links, filters, the phone layout, accessibility.

Every page a test opens is watched: a console error, an uncaught exception or a request that leaves the
local server (a CDN, a web font) fails the test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
from browserkit import AXE, Served, Watch, axe_violations, open_page, screenshot
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def watched(browser: Browser, calendar_site: Served) -> Iterator[tuple[Page, Watch]]:
    page, watch = open_page(browser, calendar_site)
    yield page, watch
    page.context.close()
    assert watch.errors == []
    assert watch.external == []


@pytest.fixture
def page(watched: tuple[Page, Watch]) -> Page:
    return watched[0]


def visible_chips(page: Page) -> list[dict[str, str]]:
    result: list[dict[str, str]] = page.eval_on_selector_all(
        ".nd-chip",
        "chips => chips.filter(c => c.checkVisibility()).map(c => ({...c.dataset, title: c.querySelector('.nd-chip__title').textContent}))",
    )
    return result


def test_december_2026_starts_in_the_tuesday_column(page: Page, calendar_site: Served) -> None:
    page.goto(calendar_site.url("calendar/2026/12/"))
    expect(page.locator("h1")).to_have_text("December 2026")
    first = page.locator("td[data-date='2026-12-01']")
    expect(first).to_be_visible()
    header = page.locator("table.nd-month thead th").nth(1)
    expect(header).to_have_text("Tue")
    assert (
        page.locator("table.nd-month tbody tr").first.locator("td").nth(1).get_attribute("data-date")
        == "2026-12-01"
    )
    # the layout agrees with the markup: the 1st sits under "Tue", to the right of an empty Monday cell
    cell_box, header_box = first.bounding_box(), header.bounding_box()
    monday = page.locator("td[data-date='2026-11-30']").bounding_box()
    assert cell_box and header_box and monday
    assert abs(cell_box["x"] - header_box["x"]) < 2 and abs(cell_box["width"] - header_box["width"]) < 2
    assert monday["x"] < cell_box["x"]
    expect(page.locator("td[data-date='2026-11-30']")).to_have_text("")
    screenshot(page, "month-2026-12")


def test_a_story_is_on_its_day_and_links_to_its_page(page: Page, calendar_site: Served) -> None:
    page.goto(calendar_site.url("calendar/2026/12/"))
    chip = page.locator("td[data-date='2026-12-01'] .nd-chip")
    expect(chip).to_have_count(1)
    expect(chip).to_contain_text("December kick-off")
    chip.get_by_role("link").click()
    page.wait_for_url("**/stories/hr/december-kick-off/")
    expect(page.locator("article h1")).to_have_text("December kick-off")
    # and the story leads back to its month, its department and its channels
    page.locator(".nd-story-facts a[href*='calendar/2026/12/']").click()
    page.wait_for_url("**/calendar/2026/12/")
    page.go_back()
    page.locator(".nd-story-facts a.nd-department").click()
    page.wait_for_url("**/departments/hr/")
    expect(page.locator("article h1")).to_have_text("People & Culture")


def test_add_to_calendar_downloads_the_story_as_one_event(page: Page, calendar_site: Served) -> None:
    """The button's data: address is a real download a calendar app opens: one event, the story's."""
    page.goto(calendar_site.url("stories/hr/december-kick-off/"))
    button = page.get_by_role("link", name="Add to calendar")
    with page.expect_download() as downloading:
        button.click()
    download = downloading.value
    assert download.suggested_filename == "december-kick-off.ics"
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "December kick-off"
    assert page.url == calendar_site.url("stories/hr/december-kick-off/")  # the page stays


def test_previous_and_next_month(page: Page, calendar_site: Served) -> None:
    page.goto(calendar_site.url("calendar/2026/12/"))
    page.get_by_role("link", name="January 2027 →").click()
    page.wait_for_url("**/calendar/2027/01/")
    expect(page.locator("h1")).to_have_text("January 2027")
    expect(page.locator("td[data-date='2027-01-12'] .nd-chip")).to_contain_text("January outlook")
    page.get_by_role("link", name="February 2027 →").click()
    page.wait_for_url("**/calendar/2027/02/")
    expect(page.locator(".nd-chip")).to_have_count(0)
    page.get_by_role("link", name="← January 2027").click()
    page.get_by_role("link", name="← December 2026").click()
    page.wait_for_url("**/calendar/2026/12/")
    expect(page.locator("h1")).to_have_text("December 2026")


def test_filter_by_department_survives_a_reload(page: Page, calendar_site: Served) -> None:
    page.goto(calendar_site.url("calendar/2026/12/"))
    everything = visible_chips(page)
    assert {c["department"] for c in everything} == {"hr", "legal", "research"}
    panel = page.locator("details.nd-filters")
    expect(panel).to_be_visible()
    page.get_by_label("Legal").check()
    shown = visible_chips(page)
    assert shown and {c["department"] for c in shown} == {"legal"}
    assert len(shown) == sum(c["department"] == "legal" for c in everything)
    expect(page).to_have_url(re.compile(r"/calendar/2026/12/\?department=legal$"))
    expect(page.locator("[data-nd-summary]")).to_have_text(f"{len(shown)} of {len(everything)} stories shown")

    page.reload()
    expect(page.get_by_label("Legal")).to_be_checked()
    assert visible_chips(page) == shown
    # the filter follows the links to the other months
    page.get_by_role("link", name="← November 2026").click()
    page.wait_for_url("**/calendar/2026/11/?department=legal")
    assert {c["department"] for c in visible_chips(page)} == {"legal"}

    page.goto(calendar_site.url("calendar/2026/12/"))
    page.get_by_label("Legal").check()
    page.get_by_role("button", name="Show all").click()
    expect(page).to_have_url(re.compile(r"/calendar/2026/12/$"))
    assert len(visible_chips(page)) == len(everything)


def test_a_shared_link_opens_filtered_and_groups_combine(page: Page, calendar_site: Served) -> None:
    # within a group any value matches, across groups all must
    page.goto(
        calendar_site.url("calendar/2026/12/?department=hr&department=research&status=idea&status=draft")
    )
    expect(page.get_by_label("People & Culture")).to_be_checked()
    expect(page.get_by_label("Research")).to_be_checked()
    expect(page.get_by_label("Legal")).not_to_be_checked()
    shown = visible_chips(page)
    assert sorted(c["title"] for c in shown) == [
        "Busy day chart",
        "Busy day people",
        "Κλιματική έκθεση 2026 & what it means",
    ]
    page.goto(calendar_site.url("calendar/2026/12/?channel=newsletter"))
    assert [c["title"] for c in visible_chips(page)] == ["Busy day party"]


def test_the_filters_work_from_the_keyboard(page: Page, calendar_site: Served) -> None:
    page.goto(calendar_site.url("calendar/"))
    page.locator("details.nd-filters input[value='hr']").focus()
    page.keyboard.press("Tab")  # to Research
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"/calendar/\?department=research$"))
    shown = visible_chips(page)
    assert shown and {c["department"] for c in shown} == {"research"}
    # agenda days left without a visible story go away with their stories
    hidden_days = page.eval_on_selector_all(
        ".nd-agenda-day",
        "days => days.filter(d => !d.checkVisibility()).map(d => d.querySelector('time').dateTime)",
    )
    assert "2026-11-27" in hidden_days  # legal only
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"/calendar/$"))
    screenshot(page, "agenda")


def test_phone_layout_is_a_list(browser: Browser, calendar_site: Served) -> None:
    page, watch = open_page(browser, calendar_site, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(calendar_site.url("calendar/2026/12/"))
    expect(page.locator("table.nd-month thead")).to_be_hidden()
    expect(page.locator("td[data-date='2026-11-30']")).to_be_hidden()  # November's day in the first row
    first, second = page.locator("td[data-date='2026-12-01']"), page.locator("td[data-date='2026-12-02']")
    expect(first.locator("time")).to_have_text("Tuesday 1 December")
    a, b = first.bounding_box(), second.bounding_box()
    assert a and b and abs(a["x"] - b["x"]) < 2 and b["y"] >= a["y"] + a["height"] - 1, (a, b)
    assert a["width"] > PHONE["width"] * 0.8
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "nothing spills sideways"
    # the filters fold away on a phone, and still open
    expect(page.locator("details.nd-filters")).not_to_have_attribute("open", "")
    page.locator("details.nd-filters summary").click()
    expect(page.get_by_label("Legal")).to_be_visible()
    screenshot(page, "month-2026-12-phone")
    page.context.close()
    assert watch.errors == [] and watch.external == []


def test_on_a_phone_the_agenda_opens_at_today(browser: Browser, calendar_site: Served) -> None:
    """Today is the first day below the title, on the first screen; the last two weeks come after the plan,
    under "Earlier"."""
    page, watch = open_page(browser, calendar_site, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(calendar_site.url("calendar/"))
    today = page.locator("#today .nd-agenda-day--today")
    expect(today.locator("time")).to_have_attribute("datetime", "2026-11-23")
    title, box = page.locator("article h1").bounding_box(), today.bounding_box()
    assert title and box and title["y"] < box["y"] and box["y"] + 40 < PHONE["height"], (title, box)
    tops = page.eval_on_selector_all(
        ".nd-agenda-day",
        "days => days.map(d => [d.querySelector('time').dateTime, d.getBoundingClientRect().top])",
    )
    assert min(tops, key=lambda day: day[1])[0] == "2026-11-23", tops  # no day is drawn above today
    earlier = page.get_by_role("heading", name="Earlier: the last 14 days")
    expect(earlier).to_be_visible()
    past = page.locator(".nd-earlier .nd-agenda-day--past")
    expect(past.first).to_be_visible()
    screenshot(page, "agenda-phone")
    page.context.close()
    assert watch.errors == [] and watch.external == []


def test_jump_to_today_works_without_javascript(browser: Browser, calendar_site: Served) -> None:
    page, watch = open_page(browser, calendar_site, viewport=PHONE, java_script_enabled=False)
    page.goto(calendar_site.url("calendar/"))
    page.locator("#earlier").scroll_into_view_if_needed()
    expect(page.locator("#today")).not_to_be_in_viewport()
    page.locator(".nd-earlier").get_by_role("link", name="Jump to today").click()
    expect(page).to_have_url(re.compile(r"/calendar/#today$"))
    expect(page.locator("#today .nd-agenda-day--today")).to_be_in_viewport()
    page.context.close()
    assert watch.errors == []


def test_without_javascript_every_story_is_listed(browser: Browser, calendar_site: Served) -> None:
    page, watch = open_page(browser, calendar_site, java_script_enabled=False)
    page.goto(calendar_site.url("calendar/2026/12/?department=legal"))
    expect(page.locator("details.nd-filters")).to_be_hidden()
    chips = page.locator(".nd-chip")
    assert chips.count() == 10
    for index in range(chips.count()):
        expect(chips.nth(index)).to_be_visible()
    page.context.close()
    assert watch.errors == []


@pytest.mark.parametrize(
    ("path", "scheme"),
    [
        ("calendar/", "light"),
        ("calendar/2026/12/", "light"),
        ("calendar/2026/12/", "dark"),
        ("calendar/2026/11/", "light"),
        ("departments/", "light"),
        ("departments/legal/", "light"),
        ("channels/linkedin/", "dark"),
        ("stories/hr/december-kick-off/", "light"),
        ("", "light"),
    ],
)
def test_axe_finds_no_serious_or_critical_violation(
    browser: Browser, calendar_site: Served, path: str, scheme: str
) -> None:
    assert AXE.is_file(), "run `npm ci` for node_modules/axe-core"
    page, watch = open_page(browser, calendar_site, color_scheme=scheme)
    page.goto(calendar_site.url(path))
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", "slate" if scheme == "dark" else "default"
    )
    assert axe_violations(page) == []
    if path == "calendar/2026/12/" and scheme == "dark":
        screenshot(page, "month-2026-12-dark")
    page.context.close()
    assert watch.errors == [] and watch.external == []


@pytest.mark.parametrize("path", ["calendar/", "calendar/2026/12/", "stories/hr/december-kick-off/"])
def test_axe_is_clean_on_a_phone_too(browser: Browser, calendar_site: Served, path: str) -> None:
    """The phone layout is other markup (the grid becomes a list, the filters fold): checked on its own."""
    page, watch = open_page(browser, calendar_site, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(calendar_site.url(path))
    assert page.evaluate("innerWidth") == PHONE["width"]
    assert axe_violations(page) == []
    page.context.close()
    assert watch.errors == [] and watch.external == []


# Material's GitHub repository badge is the only request the demo may make elsewhere (`font: false`).
THEME_HOSTS = ("api.github.com",)


@pytest.mark.parametrize("path", ["", "calendar/", "calendar/2026/12/", "departments/research/"])
def test_the_demo_is_clean_too(browser: Browser, demo_site: Served, path: str) -> None:
    page, watch = open_page(browser, demo_site, allowed=THEME_HOSTS)
    page.goto(demo_site.url(path))
    assert axe_violations(page) == []
    assert page.locator(".nd-chip").count() > 0
    page.context.close()
    assert watch.errors == [] and watch.external == []
