"""The "propose a story" page in Chromium: prefilled from its address, validated as the contributor types,
and a link to the forge whose file, decoded, passes `newsdesk check` unchanged."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browserkit import Served, axe_violations, open_page, screenshot
from newsdesk.sources.registry import load_registry
from playwright.sync_api import Browser, Page
from sitekit import newsdesk, parse_hr_story

pytestmark = pytest.mark.browser

PAGE = "contribute/new/"
TITLE = 'Our café\'s "open day": #1 in town'
SUMMARY = "Two lines,\nand a: colon"
TWEET = "Come and see us: https://example.org/open-day #openday"
THEME_HOSTS = ("api.github.com",)  # Material's repository widget asks it for the star count


def fill(page: Page) -> None:
    page.fill("#nd-title", TITLE)
    page.fill("#nd-time", "09:30")
    page.check("input[name=channels][value=twitter]")
    page.fill("textarea[name=copy-twitter]", TWEET)
    page.fill("#nd-summary", SUMMARY)
    page.fill("#nd-author", "Ana O'Neill")


def proposal(page: Page) -> tuple[str, str, str]:
    """The propose link's folder on the forge, and the file name and text it carries."""
    href = page.get_attribute("a[data-newsdesk-propose]", "href")
    assert href, "the link has no address while the form is valid"
    parts = urlsplit(href)
    query = parse_qs(parts.query, strict_parsing=True)
    return f"{parts.scheme}://{parts.netloc}{parts.path}", query["filename"][0], query["value"][0]


def test_a_prefilled_form_writes_a_file_newsdesk_check_accepts(
    browser: Browser, demo_site: Served, tmp_path: Path
) -> None:
    page, watch = open_page(browser, demo_site, allowed=THEME_HOSTS)
    page.goto(demo_site.url(f"{PAGE}?department=hr&channels=linkedin&date=2026-12-10"))
    page.wait_for_selector("form[data-nd-propose]:not([hidden])")
    assert page.input_value("#nd-department") == "hr"
    assert page.is_checked("input[name=channels][value=linkedin]")
    assert page.input_value("#nd-date") == "2026-12-10"
    assert page.input_value("#nd-status") == "draft"
    fill(page)
    page.wait_for_selector("a[data-newsdesk-propose][aria-disabled=false]")
    counter = page.text_content("[data-nd-copy-for=twitter] [data-nd-count]") or ""
    assert counter.startswith(f"{len(TWEET) - len('https://example.org/open-day') + 23} of 280")

    folder, name, text = proposal(page)
    assert folder == "https://github.com/alder-bay/newsroom/new/main/content/stories/hr"
    assert name == "2026-12-10-our-cafe-s-open-day-1-in-town.md"
    assert page.text_content("[data-nd-file-text]") == text
    assert not axe_violations(page)
    screenshot(page, "propose-filled")
    assert not watch.errors and not watch.external, (watch.errors, watch.external)
    page.context.close()

    root = tmp_path / "repo"
    shutil.copytree(demo_site.built.root, root, ignore=shutil.ignore_patterns("site"))
    (root / "content/stories/hr" / name).write_text(text, encoding="utf-8")
    checked = newsdesk(root, "check", "--format", "json")
    mine = [p for p in json.loads(checked.stdout or "[]") if name in str(p["path"])]
    assert checked.returncode == 0 and not mine, (checked.stdout, checked.stderr)

    registry, _ = load_registry(root, "calendar")
    story, problems = parse_hr_story(text, registry, name)
    assert story is not None, problems
    assert (story.title, story.summary, story.authors) == (TITLE, SUMMARY, ("Ana O'Neill",))
    assert (story.start.isoformat(), story.channels, story.status) == (
        "2026-12-10T09:30:00+00:00",
        ("linkedin", "twitter"),
        "draft",
    )
    assert dict(story.copy) == {"twitter": TWEET}


@pytest.mark.parametrize(
    ("title", "problem"),
    [
        ("", "Give a title"),
        ("A **bold** claim", "no markdown"),
        ("¿¡!?", "letters or digits"),
    ],
)
def test_a_title_check_would_refuse_disables_the_link(
    browser: Browser, demo_site: Served, title: str, problem: str
) -> None:
    page, _ = open_page(browser, demo_site)
    page.goto(demo_site.url(f"{PAGE}?department=hr&channels=website"))
    page.wait_for_selector("form[data-nd-propose]:not([hidden])")
    page.fill("#nd-title", "x")
    page.fill("#nd-title", title)
    page.wait_for_selector("#nd-title-problem:not([hidden])")
    assert problem in (page.text_content("#nd-title-problem") or "")
    assert page.get_attribute("#nd-title", "aria-invalid") == "true"
    assert page.get_attribute("a[data-newsdesk-propose]", "href") == "#your-file"
    assert page.get_attribute("a[data-newsdesk-propose]", "aria-disabled") == "true"
    assert page.is_hidden("#nd-date-problem")  # untouched: not yet a mistake
    page.click(
        "a[data-newsdesk-propose]", force=True
    )  # trying anyway shows every problem and goes to the first
    assert page.is_visible("#nd-date-problem")
    assert page.evaluate("document.activeElement.id") == "nd-title"
    page.context.close()


def test_a_title_another_story_of_the_department_has_is_refused(browser: Browser, demo_site: Served) -> None:
    stories = json.loads(demo_site.built.read("feeds/stories.json"))["stories"]
    taken = next(s for s in stories if s["department"] == "hr")
    page, _ = open_page(browser, demo_site)
    page.goto(demo_site.url(f"{PAGE}?department=hr&channels=website&date=2027-01-05"))
    page.wait_for_selector("form[data-nd-propose]:not([hidden])")
    page.fill("#nd-title", taken["title"])
    page.wait_for_selector("#nd-title-problem:not([hidden])")
    assert "has this title already" in (page.text_content("#nd-title-problem") or "")
    page.context.close()


def test_without_a_repository_the_page_offers_the_file_to_copy_and_download(
    browser: Browser, payload_site: Served
) -> None:
    page, _ = open_page(browser, payload_site)
    page.goto(payload_site.url(f"{PAGE}?department=hr&channels=website&date=2026-12-10"))
    page.wait_for_selector("form[data-nd-propose]:not([hidden])")
    page.fill("#nd-title", "A plain title")
    assert page.query_selector("a[data-newsdesk-propose]") is None
    with page.expect_download() as download:
        page.click("a[data-nd-download]")
    saved = Path(download.value.path())
    assert download.value.suggested_filename == "2026-12-10-a-plain-title.md"
    assert saved.read_text(encoding="utf-8") == page.text_content("[data-nd-file-text]")
    assert page.get_attribute("button.nd-copy", "data-copy") == saved.read_text(encoding="utf-8")
    page.context.close()


def test_without_javascript_the_page_explains_the_manual_route(browser: Browser, demo_site: Served) -> None:
    page, _ = open_page(browser, demo_site, java_script_enabled=False)
    page.goto(demo_site.url(PAGE))
    assert not page.is_visible("form[data-nd-propose]")
    folders = page.locator("#by-hand ~ table a")
    assert folders.count() >= 5
    href = folders.first.get_attribute("href") or ""
    assert href.startswith("https://github.com/alder-bay/newsroom/new/main/content/stories/")
    assert "title:" in (page.text_content("#by-hand ~ pre") or "")
    screenshot(page, "propose-without-javascript")
    page.context.close()


def test_the_form_fits_a_phone(browser: Browser, demo_site: Served) -> None:
    page, _ = open_page(browser, demo_site, viewport={"width": 390, "height": 844})
    page.goto(demo_site.url(f"{PAGE}?department=it&channels=website,linkedin"))
    page.wait_for_selector("form[data-nd-propose]:not([hidden])")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not axe_violations(page)
    screenshot(page, "propose-phone")
    page.context.close()
