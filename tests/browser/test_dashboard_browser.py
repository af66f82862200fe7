"""The dashboard in headless Chromium: its charts render and stay readable in the light and the dark
palette, the page makes no request off the site, logs no error, and axe-core finds nothing serious."""

from __future__ import annotations

import re

import pytest
from browserkit import AXE, Served, axe_violations, open_page, screenshot
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser


def rgba(text: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str, opacity: float = 1.0) -> float:
    """WCAG contrast of a colour (with its alpha, times `opacity`) painted over an opaque background."""
    fr, fg, fb, fa = rgba(foreground)
    br, bg, bb, _ = rgba(background)
    alpha = fa * opacity
    blended = tuple(f * alpha + b * (1 - alpha) for f, b in ((fr, br), (fg, bg), (fb, bb)))
    high, low = sorted((luminance(blended), luminance((br, bg, bb))), reverse=True)  # type: ignore[arg-type]
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_charts_render_readably_in_both_palettes(
    browser: Browser, planning_site: Served, scheme: str
) -> None:
    page, watch = open_page(browser, planning_site, color_scheme=scheme)
    page.goto(planning_site.url("dashboard/"))
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", "slate" if scheme == "dark" else "default"
    )
    charts = page.locator("svg.nd-chart")
    expect(charts).to_have_count(9)
    for index in range(9):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert box and box["width"] > 150 and box["height"] > 60, box
        assert chart.locator("rect").count() > 0
    paint = page.evaluate(
        """() => {
            const svg = document.querySelector('#nd-chart-marketing');
            const bar = svg.querySelector('rect.nd-chart__bar');
            const text = svg.querySelector('text');
            const background = getComputedStyle(document.body).backgroundColor;
            return {color: getComputedStyle(svg).color, bar: getComputedStyle(bar).fill,
                    edge: getComputedStyle(bar).stroke, text: getComputedStyle(text).fill, background};
        }"""
    )
    # Labels and each bar's outline take the page's text colour, whichever palette is on; the bar's fill
    # is the department's colour (#c2185b in the fixture), beside the department's name.
    assert paint["edge"] == paint["text"] == paint["color"]
    assert paint["bar"] == "rgb(194, 24, 91)"
    background = luminance(rgba(paint["background"])[:3])
    assert background > 0.8 if scheme == "light" else background < 0.05  # the palette really is light or dark
    assert contrast(paint["color"], paint["background"]) >= 4.5, paint  # labels: text contrast
    assert contrast(paint["edge"], paint["background"]) >= 3, paint  # bars' outlines: graphics
    screenshot(page, f"dashboard-{scheme}")
    page.context.close()
    assert watch.errors == [] and watch.external == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violation_on_the_dashboard(
    browser: Browser, planning_site: Served, scheme: str
) -> None:
    assert AXE.is_file(), "run `npm ci` for node_modules/axe-core"
    page, watch = open_page(browser, planning_site, color_scheme=scheme)
    page.goto(planning_site.url("dashboard/"))
    assert axe_violations(page) == []
    page.context.close()
    assert watch.errors == [] and watch.external == []


def test_on_a_phone_the_month_table_scrolls_inside_the_page(browser: Browser, planning_site: Served) -> None:
    page, watch = open_page(browser, planning_site, viewport={"width": 390, "height": 844})
    page.goto(planning_site.url("dashboard/"))
    widths = page.evaluate(
        "() => ({page: document.scrollingElement.scrollWidth, view: window.innerWidth,"
        " table: document.querySelector('.nd-dashboard-months').scrollWidth,"
        " box: document.querySelector('.nd-scroll').clientWidth})"
    )
    assert widths["page"] <= widths["view"], widths
    assert widths["table"] > widths["box"], (
        widths
    )  # the table is wider than the phone, and scrolls in its box
    first = page.locator("svg.nd-chart").first.bounding_box()
    assert first and first["width"] <= 390
    screenshot(page, "dashboard-phone")
    assert axe_violations(page) == []  # at this width axe also checks that the scrolling box can be reached
    page.context.close()
    assert watch.errors == [] and watch.external == []


def test_a_finding_links_to_the_story(browser: Browser, planning_site: Served) -> None:
    page, watch = open_page(browser, planning_site)
    page.goto(planning_site.url("dashboard/"))
    page.locator("li.nd-finding[data-kind='overdue'] a").first.click()
    expect(page.locator("h1")).to_contain_text("The year in review")
    page.context.close()
    assert watch.errors == [] and watch.external == []


# Material's own web fonts and its GitHub repository badge are the only requests the demo may make.
THEME_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com", "api.github.com")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_demo_dashboard_is_clean_too(browser: Browser, demo_site: Served, scheme: str) -> None:
    page, watch = open_page(browser, demo_site, allowed=THEME_HOSTS, color_scheme=scheme)
    page.goto(demo_site.url("dashboard/"))
    expect(page.locator("svg.nd-chart")).to_have_count(
        9 + 3
    )  # nine departments; channels, statuses, contributors
    expect(page.locator("li.nd-finding[data-kind='quiet']")).to_contain_text("Legal & Compliance")
    assert axe_violations(page) == []
    screenshot(page, f"dashboard-demo-{scheme}")
    page.context.close()
    assert watch.errors == [] and watch.external == []
