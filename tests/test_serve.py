"""`mkdocs serve` rebuilds when a story or the registry changes, and never goes silent: a broken story or
registry is said on every build and on every page, while the server keeps answering (a real server on
localhost)."""

from __future__ import annotations

import base64
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sitekit import build_env

pytestmark = pytest.mark.build


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, needle: str, timeout: float = 60, *, present: bool = True) -> str:
    """The page at `url` once it holds `needle` (or, with `present=False`, once it no longer does)."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if (needle in last) == present:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    change = "appeared at" if present else "went from"
    raise AssertionError(f"{needle!r} never {change} {url}; last page:\n{last[:2000]}")


class Serving:
    """`mkdocs serve` of a site on a free port of localhost; `output` is what it printed, once stopped."""

    def __init__(self, site: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.output = ""
        self.server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=site,
            env=build_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def __enter__(self) -> Serving:
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.send_signal(signal.SIGINT)  # a clean stop: MkDocs removes its temporary site folder
        self.output, _ = self.server.communicate(timeout=30)
        assert "Traceback" not in self.output


def test_serve_rebuilds_on_story_and_registry_changes(basic_site: Path) -> None:
    with Serving(basic_site) as serving:
        url = serving.base + "stories/research/climate-report/"
        wait_for(url, "nd-status--draft")
        story = basic_site / "content/stories/research/2026-12-08-climate-report.md"
        story.write_text(story.read_text().replace("status: draft", "status: review"))
        page = wait_for(url, "nd-status--review")
        # The "Add to calendar" event is rebuilt with the page (base64 in its data: address).
        [event] = re.findall(r'href="data:text/calendar;charset=utf-8;base64,([A-Za-z0-9+/=]+)"', page)
        assert "STATUS:TENTATIVE" in base64.b64decode(event).decode()
        departments = basic_site / "calendar/departments.yml"
        departments.write_text(departments.read_text().replace("name: Research", "name: Research Lab"))
        wait_for(url, ">Research Lab</a>")


def test_a_broken_story_or_registry_is_said_every_time_and_the_preview_keeps_answering(
    basic_site: Path,
) -> None:
    story = basic_site / "content/stories/research/2026-12-08-climate-report.md"
    good = story.read_text(encoding="utf-8")
    departments = basic_site / "calendar/departments.yml"
    registry = departments.read_text(encoding="utf-8")
    with Serving(basic_site) as serving:
        home, calendar = serving.base, serving.base + "calendar/"
        wait_for(calendar, "nd-chip")
        for _ in range(2):  # the same mistake twice, with a fix between: said both times
            story.write_text(good.replace('date: "2026-12-08 09:30"', "date: 2026-02-30"), encoding="utf-8")
            page = wait_for(calendar, "nd-build-problems")  # an answer, not a request held until a fix
            assert "2026-12-08-climate-report.md:4" in page and "February 2026 has 28 days" in page
            assert "Calendar" in page and "Research" in page  # the rest of the site is still there
            story.write_text(good, encoding="utf-8")
            wait_for(calendar, "nd-build-problems", present=False)
        departments.write_text(registry + "broken: [\n", encoding="utf-8")
        page = wait_for(home, "nd-build-problems")
        assert "calendar/departments.yml" in page
        departments.write_text(registry, encoding="utf-8")
        assert "nd-chip" in wait_for(calendar, "nd-build-problems", present=False)
    said = [line for line in serving.output.splitlines() if "2026-12-08-climate-report.md:4" in line]
    assert len(said) >= 2, (
        serving.output
    )  # MkDocs prints a repeated error once; newsdesk says it on every build


def test_a_rebuild_takes_over_unchanged_parts_and_nothing_stale(basic_site: Path) -> None:
    """Under `mkdocs serve` each rebuild reuses the header, chip, events and sanitised body of every story
    whose file did not change (render/memo.py): an edited story, template or registry shows at once all
    the same."""
    climate = "stories/research/climate-report/"
    welcome = "stories/hr/welcome-new-partners/"
    with Serving(basic_site) as serving:
        wait_for(serving.base + climate, "nd-status--draft")
        before = wait_for(serving.base + welcome, "nd-story-header")
        story = basic_site / "content/stories/research/2026-12-08-climate-report.md"
        story.write_text(story.read_text().replace("status: draft", "status: review"))
        wait_for(serving.base + climate, "nd-status--review")
        assert wait_for(serving.base + calendar_of(before), "nd-chip--review")  # its chip too
        # The other story's page is the same page.
        assert _header(wait_for(serving.base + welcome, "nd-story-header")) == _header(before)
        template = basic_site / "overrides/newsdesk/story_header.html"
        template.parent.mkdir(parents=True, exist_ok=True)
        template.write_text('<p class="nd-edited">{{ story.title }}</p>\n', encoding="utf-8")
        # MkDocs watches no custom_dir without --watch-theme: the next rebuild, for whatever reason, shows
        # the new template on every story's page, the unchanged ones too.
        story.write_text(story.read_text() + "\nEdited.\n")
        wait_for(serving.base + welcome, "nd-edited")
        departments = basic_site / "calendar/departments.yml"
        departments.write_text(departments.read_text().replace("name: Research", "name: Research Lab"))
        page = wait_for(serving.base + "calendar/", "Research Lab")
        assert "Research Lab" in page
        template.unlink()
        story.write_text(story.read_text() + "\nEdited again.\n")
        page = wait_for(serving.base + climate, "Edited again.")  # its sanitised body, made again
        assert "nd-story-header" in page
        [event] = re.findall(r'href="data:text/calendar;charset=utf-8;base64,([A-Za-z0-9+/=]+)"', page)
        assert "Research Lab" in base64.b64decode(event).decode()  # the event, made with the new name


def calendar_of(page: str) -> str:
    """The calendar month a story's page links its date to."""
    [month] = re.findall(r'href="(?:\.\./)+(calendar/\d{4}/\d{2}/)"', page)
    return month


def _header(page: str) -> str:
    return page[page.index('<header class="nd-story-header"') : page.index("</header>")]
