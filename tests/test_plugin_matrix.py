"""newsdesk beside the plugins real Material sites use: each added to the basic fixture site, before or after
newsdesk, in a real `mkdocs build --strict`, asserting that newsdesk's pages and feeds and the other
plugin's output are both right."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sitekit import Built, build_env, copy_site, mkdocs_build, newsdesk

pytestmark = pytest.mark.build

MACROS_STORY = """\
---
title: Sums in a story
date: 2026-12-04
channels: [website]
status: published
tags: [maths, "R&D <b>lab</b>"]
---

A story says {{ 7*7 }} and {% raw %}nothing{% endraw %} runs.
"""


def site_with(tmp_path: Path, before: str = "", after: str = "", *, extra: str = "") -> Path:
    """The basic site, a git repository, with `before` and `after` listed around newsdesk in plugins."""
    root = copy_site("basic", tmp_path)
    (root / "content/stories/research/2026-12-04-sums.md").write_text(MACROS_STORY, encoding="utf-8")
    (root / "content/index.md").write_text(
        "---\ntitle: Fixture home\n---\n\n# Fixture newsroom\n\nSix sevens: {{ 6*7 }}.\n", encoding="utf-8"
    )
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  name: material\n", "  name: material\n  font: false\n")
    text = text.replace(
        "  - newsdesk:\n      timezone: Europe/London\n",
        f"{before}  - newsdesk:\n      timezone: Europe/London\n{after}",
    )
    config.write_text(text + extra, encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "fixture"], cwd=root, check=True)
    return root


def built_with(tmp_path: Path, before: str = "", after: str = "", *, extra: str = "") -> Built:
    built = mkdocs_build(site_with(tmp_path, before, after, extra=extra))
    assert built.ok, built.log
    assert "Traceback" not in built.log
    return built


def assert_newsdesk_pages(built: Built, *, directory_urls: bool = True) -> None:
    """newsdesk's part of the site: listings with their chips, the stories, the feeds."""
    assert built.page("calendar/").count("nd-chip") >= 3
    assert "nd-chip" in built.page("departments/hr/")
    story = "stories/hr/welcome-new-partners" + ("/" if directory_urls else ".html")
    assert "Welcome, new partners" in built.page(story)
    assert built.read("feeds/all.ics").startswith("BEGIN:VCALENDAR")
    assert not built.broken_links("calendar/")


@pytest.mark.parametrize("place", ["before", "after"])
def test_macros_never_run_a_storys_text(tmp_path: Path, place: str) -> None:
    plugin = "  - macros\n"
    built = built_with(tmp_path, **{place: plugin})
    story = built.page("stories/research/sums/")
    assert "{{ 7*7 }}" in story and "49" not in story
    assert "{% raw %}" in story
    assert "Six sevens: 42." in built.page("")  # the site's own pages still run macros
    assert_newsdesk_pages(built)


def test_trusted_authors_run_macros_in_stories(tmp_path: Path) -> None:
    root = site_with(tmp_path, after="  - macros\n")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "timezone: Europe/London\n", "timezone: Europe/London\n      trust_authors: true\n"
        )
    )
    built = mkdocs_build(root)
    assert built.ok, built.log
    assert "A story says 49" in built.page("stories/research/sums/")


def test_rss_lists_published_stories_with_their_own_dates(tmp_path: Path) -> None:
    after = "  - rss:\n      match_path: stories/.*\n      date_from_meta:\n        as_creation: date\n"
    built = built_with(tmp_path, after=after)
    channel = ET.fromstring(built.read("feed_rss_created.xml")).find("channel")
    assert channel is not None
    items = {item.findtext("title"): item for item in channel.iter("item")}
    # published only: the scheduled and draft stories of the fixture are not out yet
    assert set(items) == {"GDPR policy update", "Sums in a story"}
    assert "04 Dec 2026" in (items["Sums in a story"].findtext("pubDate") or "")
    assert "10 Nov 2026" in (items["GDPR policy update"].findtext("pubDate") or "")
    assert_newsdesk_pages(built)


def test_git_revision_dates_on_story_pages(tmp_path: Path) -> None:
    built = built_with(tmp_path, after="  - git-revision-date-localized:\n      type: iso_date\n")
    story = built.page("stories/hr/welcome-new-partners/")
    assert "git-revision-date-localized-plugin" in story
    assert_newsdesk_pages(built)


@pytest.mark.parametrize("place", ["before", "after"])
def test_glightbox_leaves_the_listings_whole(tmp_path: Path, place: str) -> None:
    built = built_with(tmp_path, **{place: "  - glightbox\n"})
    assert "glightbox" in built.page("stories/hr/welcome-new-partners/")
    assert_newsdesk_pages(built)
    for page in ("calendar/", "departments/", "dashboard/", "channels/linkedin/"):
        assert "<html><head></head><body></body></html>" not in built.page(page)


def test_materials_tags_see_story_tags_escaped(tmp_path: Path) -> None:
    built = built_with(tmp_path, after="  - tags\n")
    story = built.page("stories/research/sums/")
    assert "maths" in story
    assert "<b>lab</b>" not in story and "R&amp;D &lt;b&gt;lab&lt;/b&gt;" in story
    assert_newsdesk_pages(built)


@pytest.mark.parametrize(
    ("name", "config"),
    [
        ("redirects", "  - redirects:\n      redirect_maps:\n        old.md: index.md\n"),
        ("minify", "  - minify:\n      minify_html: true\n"),
        # No network here: the theme's own external scripts (mermaid on unpkg) are left where they are.
        ("privacy", "  - privacy:\n      assets_exclude: [unpkg.com/*]\n"),
        ("offline", "  - offline\n"),
        ("meta", "  - meta\n"),
    ],
)
def test_other_plugins_build_beside_newsdesk(tmp_path: Path, name: str, config: str) -> None:
    built = built_with(tmp_path, after=config)
    assert_newsdesk_pages(built, directory_urls=name != "offline")  # offline turns directory URLs off
    if name == "redirects":
        assert 'url=../"' in built.read("old/index.html")


def test_materials_blog_beside_stories(tmp_path: Path) -> None:
    root = site_with(tmp_path, after="  - blog\n")
    posts = root / "content/blog/posts"
    posts.mkdir(parents=True)
    (root / "content/blog/index.md").write_text("# Blog\n", encoding="utf-8")
    (posts / "hello.md").write_text("---\ndate: 2026-11-01\n---\n\n# Hello\n\nA post.\n", encoding="utf-8")
    built = mkdocs_build(root)
    assert built.ok, built.log
    assert "Hello" in built.page("blog/2026/11/01/hello/")
    assert_newsdesk_pages(built)


def test_static_i18n_is_refused_in_words(tmp_path: Path) -> None:
    after = "  - i18n:\n      docs_structure: suffix\n      languages:\n        - locale: en\n          default: true\n          name: English\n"
    built = mkdocs_build(site_with(tmp_path, after=after))
    assert not built.ok
    assert "newsdesk cannot build beside mkdocs-static-i18n" in built.log
    assert "Traceback" not in built.log


def test_exclude_docs_and_draft_docs_leave_stories_out_everywhere(tmp_path: Path) -> None:
    extra = "exclude_docs: |\n  stories/legal/\ndraft_docs: |\n  stories/research/*-climate-report.md\n"
    built = built_with(tmp_path, extra=extra)
    assert "2 stories left out of the site" in built.log
    for gone in ("stories/legal/gdpr-update/", "stories/research/climate-report/"):
        assert not (built.site / gone).exists()
    listed = json.dumps(json.loads(built.read("feeds/stories.json")))
    assert "GDPR" not in listed and "climate" not in listed.lower()
    assert "GDPR" not in built.read("feeds/all.ics")
    for page in ("calendar/", "departments/legal/", "dashboard/"):
        assert not built.broken_links(page), page
    assert not re.search(r"gdpr-update|climate-report", built.page("calendar/"))


def test_a_dirty_build_is_refused_in_words(tmp_path: Path) -> None:
    root = site_with(tmp_path)
    first = mkdocs_build(root)
    assert first.ok, first.log
    dirty = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--dirty", "--site-dir", str(root / "site")],
        cwd=root,
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert dirty.returncode != 0
    assert "newsdesk does not build with --dirty" in dirty.stdout + dirty.stderr
    assert "Traceback" not in dirty.stdout + dirty.stderr


def test_check_names_each_excluded_story_and_its_pattern(tmp_path: Path) -> None:
    root = site_with(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "exclude_docs: |\n  stories/legal/\ndraft_docs: |\n  stories/research/*-climate-report.md\n",
        encoding="utf-8",
    )
    result = newsdesk(root, "check", "--format", "json")
    assert result.returncode == 0, result.stderr
    left = {p["path"]: p["message"] for p in json.loads(result.stdout) if "left out" in p["message"]}
    assert left == {
        "content/stories/legal/2026-11-10-gdpr-update.md": (
            "left out of the site by the exclude_docs pattern 'stories/legal/' in mkdocs.yml"
        ),
        "content/stories/research/2026-12-08-climate-report.md": (
            "left out of the site by the draft_docs pattern 'stories/research/*-climate-report.md' in mkdocs.yml"
        ),
    }


def test_a_body_that_looks_like_front_matter_stays_body(tmp_path: Path) -> None:
    """MkDocs parses a page's first `---` block, or its first `Key: value` lines, as metadata: a story's
    body must never reach that parser (it would turn macros back on, or pick the page's template)."""
    root = site_with(tmp_path, after="  - macros\n")
    stories = root / "content/stories/research"
    head = "---\ntitle: {}\ndate: 2026-12-05\nchannels: [website]\n---\n"
    (stories / "2026-12-05-dashes.md").write_text(
        head.format("Dashes") + "---\nrender_macros: true\n---\nEight eights: {{ 8*8 }}.\n", encoding="utf-8"
    )
    (stories / "2026-12-06-keys.md").write_text(
        head.format("Keys") + "Template: main.html\nRender_macros: true\n\nNine nines: {{ 9*9 }}.\n",
        encoding="utf-8",
    )
    built = mkdocs_build(root)
    assert built.ok, built.log
    dashes = built.page("stories/research/dashes/")
    assert "render_macros: true" in dashes and "{{ 8*8 }}" in dashes and "Eight eights: 64" not in dashes
    keys = built.page("stories/research/keys/")
    assert "Template: main.html" in keys and "{{ 9*9 }}" in keys and "Nine nines: 81" not in keys
