"""Work the build does not wait for: run in a forked child, or at once where forking is unsafe."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from newsdesk.background import Background, BackgroundError, can_fork
from newsdesk.history import History
from newsdesk.model import Settings
from newsdesk.outputs import write_feeds
from newsdesk.registry import load_registry
from newsdesk.site import Site
from newsdesk.stories import StoryLoader

FIXTURES = Path(__file__).parent / "fixtures" / "sites"


def test_forked_work_is_done_by_another_process_when_wait_returns(tmp_path: Path) -> None:
    marker = tmp_path / "pid"
    job = Background(lambda: marker.write_text(str(os.getpid())), fork=True)
    assert job.in_background
    job.wait()
    assert marker.read_text() != str(os.getpid())
    job.wait()  # a second wait has nothing left to do and reports nothing


def test_a_failure_in_the_child_is_reported_as_one_line(tmp_path: Path) -> None:
    job = Background(lambda: (tmp_path / "missing" / "file").write_text("x"), fork=True)
    with pytest.raises(BackgroundError) as raised:
        job.wait()
    assert "No such file or directory" in str(raised.value)
    assert str(tmp_path / "missing" / "file") in str(raised.value)
    assert "Traceback" not in str(raised.value)


def test_a_child_that_dies_is_reported() -> None:
    job = Background(lambda: os._exit(3), fork=True)
    with pytest.raises(BackgroundError, match="exit code 3"):
        job.wait()


def test_no_fork_while_another_thread_runs(tmp_path: Path) -> None:
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # what `mkdocs serve` has: a second thread
    server.start()
    try:
        assert not can_fork()
        marker = tmp_path / "pid"
        job = Background(lambda: marker.write_text(str(os.getpid())))
        assert not job.in_background
        assert marker.read_text() == str(os.getpid())  # done already, in this process
    finally:
        stop.set()
        server.join()


def test_work_run_in_process_reports_its_failure_on_wait(tmp_path: Path) -> None:
    job = Background(lambda: (tmp_path / "missing" / "file").write_text("x"), fork=False)
    with pytest.raises(BackgroundError, match="No such file or directory"):
        job.wait()


def test_write_feeds_writes_site_wide_feeds_first_and_story_feeds_behind(tmp_path: Path) -> None:
    root = FIXTURES / "basic"
    registry, _ = load_registry(root)
    settings = Settings(timezone="Europe/London", site_name="Basic")
    stories = StoryLoader().load(root / "content", root, registry, settings).stories
    site = Site(registry, settings, tuple(stories), "https://news.example.com/")
    built = tmp_path / "site"
    site_wide, story_feeds = write_feeds(site, History({}), built)
    assert "feeds/all.ics" in site_wide and "feeds/stories.json" in site_wide
    assert all((built / path).is_file() for path in site_wide)  # there before the build goes on
    assert not any("feeds/stories/" in path for path in site_wide)
    story_feeds.wait()
    assert sorted(p.relative_to(built).as_posix() for p in (built / "feeds" / "stories").rglob("*.ics")) == [
        "feeds/stories/hr/welcome-new-partners.ics",
        "feeds/stories/legal/gdpr-update.ics",
        "feeds/stories/research/climate-report.ics",
    ]


def test_write_feeds_reports_a_story_feed_it_cannot_write(tmp_path: Path) -> None:
    root = FIXTURES / "basic"
    registry, _ = load_registry(root)
    settings = Settings(timezone="Europe/London", site_name="Basic")
    stories = StoryLoader().load(root / "content", root, registry, settings).stories
    site = Site(registry, settings, tuple(stories), "https://news.example.com/")
    built = tmp_path / "site"
    (built / "feeds").mkdir(parents=True)
    (built / "feeds" / "stories").write_text("a file where a folder belongs")
    _, story_feeds = write_feeds(site, History({}), built)
    with pytest.raises(BackgroundError, match="feeds/stories"):
        story_feeds.wait()
