"""The pages people read on a phone and copy from: the departments, channels and subscribe pages fit a 390 px
screen without breaking a word, and a story's post copy is copied by its button."""

from __future__ import annotations

import pytest
from browserkit import Served, axe_violations, open_page, screenshot
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("path", ["departments/", "channels/", "subscribe/"])
def test_a_table_page_fits_a_phone_and_reads_as_a_list(
    browser: Browser, demo_site: Served, path: str
) -> None:
    page, watch = open_page(
        browser,
        demo_site,
        allowed=("fonts.googleapis.com", "fonts.gstatic.com", "api.github.com"),
        viewport=PHONE,
    )
    page.goto(demo_site.url(path))
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    # No word is split across lines: every cell's words are each as wide as they are alone.
    broken = page.evaluate(
        """() => [...document.querySelectorAll('.nd-table th, .nd-table td')].flatMap(cell => {
            const range = document.createRange();
            const found = [];
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              for (const match of node.textContent.matchAll(/\\S+/g)) {
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                if (range.getClientRects().length > 1 && !match[0].includes('/')) found.push(match[0]);
              }
            }
            return found;
          })"""
    )
    assert broken == []
    assert axe_violations(page) == []
    screenshot(page, f"{path.strip('/')}-phone")
    page.context.close()
    assert watch.errors == [] and watch.external == []


def test_the_copy_button_copies_a_channels_post(browser: Browser, calendar_site: Served) -> None:
    page, watch = open_page(browser, calendar_site, permissions=["clipboard-read", "clipboard-write"])
    page.goto(calendar_site.url("stories/hr/welcome-new-partners/"))
    post = page.locator("figure.nd-post").first
    expect(post.locator(".nd-post__channel")).to_have_text("LinkedIn")
    written = post.locator("pre").inner_text()
    assert axe_violations(page) == []
    post.get_by_role("button", name="Copy the post for LinkedIn").click()
    expect(post.get_by_role("button", name="Copy the post for LinkedIn")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == written
    screenshot(page, "story-with-copy")
    page.context.close()
    assert watch.errors == []
