"""A story whose body holds every payload of tests/test_boundary_sanitize.py, loaded in headless Chromium: no
dialog opens, no `on*` attribute or `javascript:` address is in the DOM, nothing loads from another origin,
and Material still reads its own `#__config`."""

from __future__ import annotations

import pytest
from browserkit import Served, open_page
from playwright.sync_api import Browser, Dialog

pytestmark = pytest.mark.browser

STORY = "stories/hr/payloads/"
SUSPECT_ATTRIBUTES = """() => {
    const found = [];
    const addresses = ["href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster"];
    for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
            const value = attribute.value.replace(/[\\t\\n\\r]/g, "").trim().toLowerCase();
            if (attribute.name.startsWith("on")) found.push(`${element.tagName} ${attribute.name}`);
            else if (addresses.includes(attribute.name) && /^(javascript|vbscript|data):/.test(value)
                     // newsdesk's "Add to calendar": an iCalendar text, downloaded, never run or shown
                     && !(element.matches("a[download]") && value.startsWith("data:text/calendar;charset=utf-8;base64,")))
                found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
        }
    }
    return found;
}"""


def test_the_story_of_every_payload_runs_and_loads_nothing(browser: Browser, payload_site: Served) -> None:
    page, watch = open_page(browser, payload_site)
    dialogs: list[str] = []

    def dialog(opened: Dialog) -> None:
        dialogs.append(f"{opened.type}: {opened.message}")
        opened.dismiss()

    page.on("dialog", dialog)
    page.goto(payload_site.url(STORY), wait_until="load")
    page.wait_for_timeout(1500)  # time for onerror, onload, ontoggle and a meta refresh to fire
    assert dialogs == []
    assert watch.external == []
    assert page.url == payload_site.url(STORY)  # no meta refresh took the reader away
    page.locator("article h2", has_text="Heading").click(timeout=5000)  # an onclick would fire now
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate(SUSPECT_ATTRIBUTES) == []
    assert (
        page.locator("article iframe, article object, article embed, article svg, article form").count() == 0
    )
    assert page.evaluate("[...document.querySelectorAll('[id=\"__config\"]')].map(e => e.tagName)") == [
        "SCRIPT"
    ]
    assert page.locator("#story-__config").count() == 1
    assert watch.external == []
    assert [e for e in watch.errors if e.startswith("exception")] == []  # Material read its own configuration
    page.context.close()
