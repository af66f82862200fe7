"""Story parsing into the model, and the loader's cache across `mkdocs serve` rebuilds."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

from newsdesk.core.model import Settings
from newsdesk.core.problems import Problem, Severity, render
from newsdesk.sources.registry import load_registry
from newsdesk.sources.stories import StoryLoader

SETTINGS = Settings(timezone="Europe/London", default_duration_minutes=45)


def load(root: Path, loader: StoryLoader | None = None):
    registry, problems = load_registry(root)
    assert problems == []
    return (loader or StoryLoader()).load(root / "content", root, registry, SETTINGS)


def test_fields_of_valid_stories(basic_site: Path) -> None:
    result = load(basic_site)
    assert result.problems == []
    legal, hr, research = result.stories  # in date order
    assert hr.id == "a1b2c3d4e5f6"
    assert hr.title == 'Welcome, new partners; "the class of 2026" 🎉'
    assert (hr.all_day, hr.start, hr.end) == (True, dt.date(2026, 12, 3), dt.date(2026, 12, 4))
    assert hr.authors == ("Ada Lovelace", "Grace Hopper")
    assert hr.copy == (("linkedin", "Five new partners join Alder Bay this week."),)
    assert hr.url == "stories/hr/welcome-new-partners/"
    assert hr.lines["copy"] == 11 and hr.line_of("due") == 9
    assert hr.body.startswith("Five new partners")

    assert legal.id == "stories/legal/2026-11-10-gdpr-update"  # no id: the path stands in
    assert legal.channels == ("blog",)  # `channel:` alias
    assert legal.timezone == "America/New_York"
    assert legal.start == dt.datetime(2026, 11, 10, 14, 0, tzinfo=ZoneInfo("America/New_York"))
    assert legal.end - legal.start == dt.timedelta(minutes=45)  # the site's default duration

    assert research.duration == dt.timedelta(minutes=90)
    assert research.status == "draft" and research.channels == ("twitter",)


def test_explicit_offset_names_its_zone(basic_site: Path) -> None:
    story = basic_site / "content/stories/hr/2026-12-09-offset.md"
    story.write_text('---\ntitle: Offset\ndate: "2026-12-09T10:00+05:30"\nchannels: [blog]\n---\n')
    (offset,) = [s for s in load(basic_site).stories if s.slug == "offset"]
    assert offset.timezone == "UTC+05:30"
    assert offset.start.astimezone(dt.UTC).hour == 4  # type: ignore[union-attr]


def test_unchanged_files_are_not_parsed_again(basic_site: Path) -> None:
    loader = StoryLoader()
    first = {s.path: s for s in load(basic_site, loader).stories}
    edited = basic_site / "content/stories/research/2026-12-08-climate-report.md"
    edited.write_text(edited.read_text().replace("status: draft", "status: review"))
    stat = edited.stat()
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = {s.path: s for s in load(basic_site, loader).stories}
    assert second.keys() == first.keys()
    for path, story in second.items():
        if path.endswith("climate-report.md"):
            assert story.status == "review" and story is not first[path]
        else:
            assert story is first[path]  # reused from the cache, not parsed again


def test_a_deleted_file_leaves_the_cache_and_the_site(basic_site: Path) -> None:
    loader = StoryLoader()
    assert len(load(basic_site, loader).stories) == 3
    (basic_site / "content/stories/legal/2026-11-10-gdpr-update.md").unlink()
    assert [s.department for s in load(basic_site, loader).stories] == ["hr", "research"]


def test_same_slug_twice_in_a_department(basic_site: Path) -> None:
    folder = basic_site / "content/stories/hr"
    (folder / "2026-12-10-welcome-new-partners.md").write_text(
        "---\ntitle: Again\ndate: 2026-12-10\nchannels: [blog]\n---\n"
    )
    result = load(basic_site)
    (problem,) = result.problems
    assert problem.path == "content/stories/hr/2026-12-10-welcome-new-partners.md"
    assert "would be published at /stories/hr/welcome-new-partners/" in problem.message
    assert [s.slug for s in result.stories] == ["gdpr-update", "welcome-new-partners", "climate-report"]


def test_problem_renderings_escape_what_github_needs() -> None:
    problem = Problem("a,b:c.md", 3, 2, "50% done\nnext", "hint")
    # A line break in a message is a value's (newsdesk writes one-line messages): shown, never a new line.
    assert (
        problem.as_github()
        == "::error file=a%2Cb%3Ac.md,line=3,col=2,title=newsdesk::50%25 done\\nnext%0Ahint"
    )
    warning = Problem("x.md", 0, 0, "quiet", severity=Severity.WARNING)
    assert warning.as_text() == "x.md: warning: quiet"
    assert render([warning, problem], "text").startswith("a,b:c.md:3:2: 50% done")
