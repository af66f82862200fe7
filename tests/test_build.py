"""Real `mkdocs build --strict` runs of fixture sites with the newsdesk plugin."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from sitekit import Built, copy_site, mkdocs_build


def test_story_pages_have_a_header_and_their_own_address(basic_build: Built) -> None:
    page = basic_build.page("stories/hr/welcome-new-partners/")
    start = page.index('<header class="nd-story-header"')
    header = page[start : page.index("</header>", start)]
    assert "<h1>Welcome, new partners; &#34;the class of 2026&#34; 🎉</h1>" in header
    assert 'href="../../../departments/hr/">People &amp; Culture</a>' in header
    assert 'href="../../../channels/linkedin/">LinkedIn</a>' in header
    assert 'href="../../../calendar/2026/12/"' in header
    assert "Thursday 3 December 2026" in header
    assert "Ada Lovelace, Grace Hopper" in header
    assert "<li>Four elsewhere</li>" in page
    # the front-matter never leaks into the page (the id is in the "Add to calendar" event's UID only)
    assert "a1b2c3d4e5f6" not in re.sub(r'href="data:text/calendar[^"]*"', "", page)


def test_timed_story_shows_its_time_and_zone(basic_build: Built) -> None:
    page = basic_build.page("stories/legal/gdpr-update/")
    assert (
        '<time datetime="2026-11-10T14:00:00-05:00">Tuesday 10 November 2026, 14:00&ndash;15:00 (America/New_York)'
        in page
    )
    research = basic_build.page("stories/research/climate-report/")
    assert "09:30&ndash;11:00 (Europe/London)" in research


def test_stories_stay_out_of_the_navigation(basic_build: Built) -> None:
    home = basic_build.page("")
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "welcome-new-partners" not in nav
    assert "Fixture home" in nav or "Home" in nav


def test_titles_are_escaped_in_the_search_index(basic_build: Built) -> None:
    index = json.loads(basic_build.read("search/search_index.json"))
    titles = {doc["title"] for doc in index["docs"] if doc["location"].startswith("stories/research")}
    assert any("&amp; what it means" in t or "& what it means" in t for t in titles), titles
    assert not any(re.search(r"<[a-z]", t) for t in titles)


def test_a_bad_story_stops_the_build_with_file_and_line(basic_site: Path) -> None:
    story = basic_site / "content/stories/hr/2026-12-05-typo.md"
    story.write_text("---\ntitle: Typo\ndate: 2026-12-05\nchannels: [webiste]\n---\n")
    for strict in (True, False):
        built = mkdocs_build(basic_site, strict=strict)
        assert not built.ok
        assert "content/stories/hr/2026-12-05-typo.md:4: unknown channel 'webiste'" in built.log
        assert "did you mean 'website'?" in built.log
        assert "Traceback" not in built.log


def test_a_bad_registry_stops_the_build(basic_site: Path) -> None:
    departments = basic_site / "calendar/departments.yml"
    departments.write_text(departments.read_text().replace('"#8e24aa"', "purple"))
    built = mkdocs_build(basic_site)
    assert not built.ok
    assert "calendar/departments.yml:5: colour of 'hr' must be a hex colour" in built.log


def test_template_override_by_the_same_path(basic_site: Path) -> None:
    override = basic_site / "overrides/newsdesk/story_header.html"
    override.parent.mkdir(parents=True)
    override.write_text('<p class="custom">{{ story.title }} / {{ story.status }}</p>\n')
    built = mkdocs_build(basic_site)
    assert built.ok, built.log
    page = built.page("stories/research/climate-report/")
    assert '<p class="custom">Κλιματική έκθεση 2026 &amp; what it means / draft</p>' in page
    assert "nd-story-header" not in page


def test_same_commit_builds_the_same_bytes(tmp_path: Path) -> None:
    # Two string-hash salts: whatever a set's order decides would differ between them.
    first = mkdocs_build(
        copy_site("basic", tmp_path / "a"), SOURCE_DATE_EPOCH="1795000000", PYTHONHASHSEED="1"
    )
    second = mkdocs_build(
        copy_site("basic", tmp_path / "b"), SOURCE_DATE_EPOCH="1795000000", PYTHONHASHSEED="2"
    )
    assert first.ok and second.ok

    def tree(built: Built) -> dict[str, bytes]:
        return {
            p.relative_to(built.site).as_posix(): p.read_bytes()
            for p in sorted(built.site.rglob("*"))
            if p.is_file() and not p.name.endswith(".gz")
        }

    a, b = tree(first), tree(second)
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_hostile_text_is_escaped_by_the_renderer() -> None:
    import datetime as dt

    from newsdesk.core.model import Channel, Department, Registry, Settings, Story
    from newsdesk.core.site import Site
    from newsdesk.render.pages import Renderer

    evil = "<img src=x onerror=alert(1)>"
    registry = Registry({"hr": Department("hr", evil, "#000")}, {"web": Channel("web", evil, "#000")})
    story = Story(
        id="x",
        path="p",
        src_uri="stories/hr/x.md",
        department="hr",
        slug="x",
        title=evil,
        start=dt.date(2026, 12, 3),
        timezone="UTC",
        channels=("web",),
        authors=(evil,),
        summary=evil,
    )
    out = Renderer().story_header(story, Site(registry, Settings(), (story,)))
    assert "<img" not in out
    assert out.count(html.escape(evil)) == 5


def test_without_directory_urls_every_link_of_every_page_resolves(tmp_path: Path) -> None:
    """`use_directory_urls: false` (pages at `calendar/index.html`, `stories/hr/welcome.html`): the story
    headers, chips, listings and feed links newsdesk writes are relative to where each page really is."""
    root = copy_site("basic", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    built = mkdocs_build(root)
    assert built.ok, built.log
    story = "stories/hr/welcome-new-partners.html"
    header = built.page(story)
    assert 'href="../../calendar/2026/12/index.html"' in header
    assert 'href="../../departments/hr/index.html"' in header
    assert (
        '<link rel="canonical" href="https://news.example.com/stories/hr/welcome-new-partners.html">'
        in header
    )
    button = built.add_to_calendar(story)
    assert button is not None
    feed = button[1].replace("\r\n ", "")
    assert "URL:https://news.example.com/stories/hr/welcome-new-partners.html\r\n" in feed
    listed = json.loads(built.read("feeds/stories.json"))["stories"]
    assert all(s["url"].endswith(".html") for s in listed) and listed
    pages = sorted(
        p.relative_to(built.site).as_posix() for p in built.site.rglob("*.html") if p.name != "404.html"
    )
    assert {story, "calendar/index.html", "departments/hr/index.html", "channels/linkedin/index.html"} <= set(
        pages
    )
    broken = {page: built.broken_links(page) for page in pages}
    assert {page: links for page, links in broken.items() if links} == {}
