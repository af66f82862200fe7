"""`mkdocs serve` with a broken story, in Chromium: every page shows the problems with file, line and hint,
and the page reloads by itself into the site once the story is fixed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from browserkit import Served, axe_violations, open_page, screenshot
from playwright.sync_api import Browser
from sitekit import Built
from test_serve import Serving, wait_for

pytestmark = pytest.mark.browser


def test_the_error_page_lists_the_problems_and_reloads_when_fixed(browser: Browser, basic_site: Path) -> None:
    story = basic_site / "content/stories/research/2026-12-08-climate-report.md"
    good = story.read_text(encoding="utf-8")
    with Serving(basic_site) as serving:
        calendar = serving.base + "calendar/"
        wait_for(calendar, "nd-chip")
        story.write_text(good.replace('date: "2026-12-08 09:30"', "date: 2026-02-30"), encoding="utf-8")
        wait_for(calendar, "nd-build-problems")
        served = Served(
            Built(basic_site, basic_site / "site", subprocess.CompletedProcess([], 0)), serving.base
        )
        page, watch = open_page(browser, served, allowed=("fonts.googleapis.com", "fonts.gstatic.com"))
        page.goto(calendar)
        banner = page.locator(".nd-build-problems")
        banner.wait_for()
        text = banner.inner_text()
        assert "2026-12-08-climate-report.md:4" in text and "February 2026 has 28 days" in text
        assert not axe_violations(page)
        screenshot(page, "serve-build-problems")
        story.write_text(good, encoding="utf-8")  # fixed: the live reload brings the calendar back
        banner.wait_for(state="detached", timeout=90_000)
        page.locator(".nd-chip").first.wait_for()
        page.context.close()
        assert not watch.external, watch.external
