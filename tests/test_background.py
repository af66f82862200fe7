"""Work the build does not wait for: run in a forked child, or at once where forking is unsafe."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from conftest import Built, copy_site, mkdocs_build
from newsdesk.core.model import Settings
from newsdesk.core.site import Site
from newsdesk.mkdocs.background import Background, BackgroundError, can_fork
from newsdesk.render.outputs import FeedOutput
from newsdesk.sources.registry import load_registry
from newsdesk.sources.stories import StoryLoader

FIXTURES = Path(__file__).parent / "fixtures" / "sites"


def test_forked_jobs_run_in_another_process_in_order_and_return_their_results(tmp_path: Path) -> None:
    log = tmp_path / "log"

    def job(name: str) -> int:
        with log.open("a") as out:
            out.write(f"{name} ")
        return os.getpid()

    jobs = Background([lambda: job("first"), lambda: job("second")], fork=True)
    assert jobs.in_background
    child = jobs.result(0)
    assert child != os.getpid()
    jobs.wait()
    assert jobs.result(1) == child  # one child does both
    assert log.read_text() == "first second "
    jobs.wait()  # a second wait has nothing left to do and reports nothing


def test_a_failed_job_is_reported_as_one_line_and_the_next_still_runs(tmp_path: Path) -> None:
    jobs = Background([lambda: (tmp_path / "missing" / "file").write_text("x"), lambda: "done"], fork=True)
    with pytest.raises(BackgroundError) as raised:
        jobs.result(0)
    assert "No such file or directory" in str(raised.value)
    assert str(tmp_path / "missing" / "file") in str(raised.value)
    assert "Traceback" not in str(raised.value)
    assert jobs.result(1) == "done"
    with pytest.raises(BackgroundError):
        jobs.wait()  # and the failure is still a failure at the end


def test_any_exception_is_named() -> None:
    jobs = Background([lambda: {}["key"]], fork=True)
    with pytest.raises(BackgroundError, match=r"^KeyError: 'key'$"):
        jobs.wait()


def test_a_child_that_dies_is_reported_for_every_job_it_had_not_done() -> None:
    jobs = Background([lambda: 1, lambda: os._exit(3), lambda: 3], fork=True)
    assert jobs.result(0) == 1
    for index in (1, 2):
        with pytest.raises(BackgroundError, match="exit code 3"):
            jobs.result(index)


def test_no_fork_while_another_thread_runs(tmp_path: Path) -> None:
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # what `mkdocs serve` has: a second thread
    server.start()
    try:
        assert not can_fork()
        jobs = Background([os.getpid])
        assert not jobs.in_background
        assert jobs.result(0) == os.getpid()  # done in this process
    finally:
        stop.set()
        server.join()


def test_in_process_jobs_run_when_their_result_is_asked_for(tmp_path: Path) -> None:
    ran: list[str] = []
    jobs = Background([lambda: ran.append("first"), lambda: ran.append("second")], fork=False)
    assert ran == []
    jobs.result(0)
    assert ran == ["first"]
    jobs.wait()
    assert ran == ["first", "second"]


def test_in_process_failures_are_reported_the_same_way(tmp_path: Path) -> None:
    jobs = Background([lambda: (tmp_path / "missing" / "file").write_text("x")], fork=False)
    with pytest.raises(BackgroundError, match="No such file or directory"):
        jobs.wait()


def basic_feeds(built: Path) -> FeedOutput:
    root = FIXTURES / "basic"
    registry, _ = load_registry(root)
    settings = Settings(timezone="Europe/London", site_name="Basic")
    stories = StoryLoader().load(root / "content", root, registry, settings).stories
    site = Site(registry, settings, tuple(stories), "https://news.example.com/")
    return FeedOutput(site, root, "content", built)


def test_feed_output_knows_its_site_wide_paths_before_it_writes_them(tmp_path: Path) -> None:
    built = tmp_path / "site"
    feeds = basic_feeds(built)
    assert "feeds/all.ics" in feeds.paths and "feeds/stories.json" in feeds.paths
    assert not built.exists()
    feeds.write_site_wide()
    assert sorted(p.relative_to(built).as_posix() for p in built.rglob("*.*")) == sorted(feeds.paths)
    feeds.write_story_feeds()
    assert sorted(p.relative_to(built).as_posix() for p in (built / "feeds" / "stories").rglob("*.ics")) == [
        "feeds/stories/hr/welcome-new-partners.ics",
        "feeds/stories/legal/gdpr-update.ics",
        "feeds/stories/research/climate-report.ics",
    ]


def test_a_story_feed_that_cannot_be_written_is_reported(tmp_path: Path) -> None:
    built = tmp_path / "site"
    feeds = basic_feeds(built)
    (built / "feeds").mkdir(parents=True)
    (built / "feeds" / "stories").write_text("a file where a folder belongs")
    jobs = Background([feeds.write_site_wide, feeds.write_story_feeds], fork=True)
    jobs.result(0)
    with pytest.raises(BackgroundError, match="feeds/stories"):
        jobs.wait()


@pytest.mark.build
def test_without_a_second_process_the_site_is_byte_for_byte_the_same(tmp_path: Path) -> None:
    forked = copy_site("basic", tmp_path / "forked")
    alone = copy_site("basic", tmp_path / "alone")
    config = alone / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - newsdesk:\n", "  - newsdesk:\n      second_process: false\n"
        ),
        encoding="utf-8",
    )
    builds = [mkdocs_build(root, SOURCE_DATE_EPOCH="1795000000") for root in (forked, alone)]
    for built in builds:
        assert built.ok, built.log

    def contents(built: Built) -> dict[str, bytes]:
        return {
            p.relative_to(built.site).as_posix(): p.read_bytes() for p in built.site.rglob("*") if p.is_file()
        }

    made_forked, made_alone = (contents(built) for built in builds)
    assert "feeds/stories/hr/welcome-new-partners.ics" in made_alone
    assert made_alone.keys() == made_forked.keys()
    assert [path for path in made_forked if made_forked[path] != made_alone[path]] == []
