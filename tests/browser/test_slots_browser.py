"""Open slots in headless Chromium: visible dashed holes in both palettes, and how the filters treat them
and a month cell whose stories they all hide."""

from __future__ import annotations

import pytest
from browserkit import Served, open_page
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser


def visible_slots(page: Page) -> list[str]:
    found: list[str] = page.eval_on_selector_all(
        ".nd-slot", "slots => slots.filter(s => s.checkVisibility()).map(s => s.id.slice(-10))"
    )
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_open_slot_is_a_dashed_hole_with_words(
    browser: Browser, planning_site: Served, scheme: str
) -> None:
    page, watch = open_page(browser, planning_site, color_scheme=scheme)
    page.goto(planning_site.url("calendar/2026/12/"))
    hole = page.locator("td[data-date='2026-12-24'] .nd-slot")
    expect(hole).to_be_visible()
    expect(hole).to_have_text("12:00 Open slot: LinkedIn Thursday on LinkedIn, People & Culture's turn")
    style = hole.evaluate(
        "e => { const s = getComputedStyle(e); return [s.borderTopStyle, s.borderTopColor, s.color] }"
    )
    assert style[0] == "dashed"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert style[1] != background and style[2] != background
    page.context.close()
    assert watch.errors == [] and watch.external == []


def test_filters_treat_holes_by_channel_and_turn_and_say_when_nothing_matches(
    browser: Browser, planning_site: Served
) -> None:
    page, watch = open_page(browser, planning_site)
    page.goto(planning_site.url("calendar/2026/12/"))
    assert visible_slots(page) == ["2026-12-10", "2026-12-17", "2026-12-24", "2026-12-31"]
    nomatch = page.locator("td[data-date='2026-12-24'] [data-nd-nomatch]")
    expect(nomatch).to_be_hidden()

    page.goto(planning_site.url("calendar/2026/12/?department=legal"))
    assert visible_slots(page) == ["2026-12-10", "2026-12-31"]  # legal's turns
    expect(nomatch).to_be_visible()  # only hr's hole on the 24th: the cell says so instead of going blank
    expect(nomatch).to_have_text("Nothing matches the filter")
    expect(page.locator("td[data-date='2026-12-24'] ul.nd-chips")).to_be_hidden()
    # a day with a legal story keeps it; an empty day still says "Nothing planned"
    expect(page.locator("td[data-date='2026-12-02'] .nd-chip")).to_be_visible()
    expect(page.locator("td[data-date='2026-12-02'] [data-nd-nomatch]")).to_be_hidden()
    expect(page.locator("td[data-date='2026-12-04'] .nd-empty")).to_have_text("Nothing planned")

    page.goto(planning_site.url("calendar/2026/12/?channel=blog"))
    assert visible_slots(page) == []
    page.goto(planning_site.url("calendar/2026/12/?channel=linkedin&department=research"))
    assert visible_slots(page) == ["2026-12-17"]
    page.goto(planning_site.url("calendar/2026/12/?status=draft"))
    assert visible_slots(page) == []  # a hole has no status
    page.get_by_role("button", name="Show all").click()
    assert len(visible_slots(page)) == 4
    expect(nomatch).to_be_hidden()

    # the agenda: a day with only a hole goes with it when the filters hide it
    page.goto(planning_site.url("calendar/?department=finance"))
    day = page.locator("li.nd-agenda-day:has(h3 time[datetime='2026-12-24'])")
    expect(day).to_be_hidden()
    page.goto(planning_site.url("calendar/?department=hr"))
    expect(day).to_be_visible()

    # one story: the summary says "story"
    page.goto(planning_site.url("calendar/2026/09/"))
    expect(page.locator("[data-nd-summary]")).to_have_text("1 story")
    page.get_by_label("Legal").check()
    expect(page.locator("[data-nd-summary]")).to_have_text("1 of 1 story shown")
    page.context.close()
    assert watch.errors == [] and watch.external == []
