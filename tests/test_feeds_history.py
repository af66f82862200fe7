"""Feeds over time: built from a real git repository, edited, renamed, rebuilt."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
from icalendar.parser import Contentline
from icalendar.prop import vText
from newsdesk.core.model import Channel, Department, Registry, Settings, Story
from newsdesk.core.site import Site
from newsdesk.render.feeds import Feed
from newsdesk.render.ical import FeedWriter
from newsdesk.render.icallines import fold, text
from newsdesk.sources.history import History, read_history
from sitekit import build_env, copy_site, mkdocs_build

pytestmark = pytest.mark.build
STORY = "content/stories/hr/2026-12-03-welcome-new-partners.md"


def git(root: Path, *args: str, when: str = "2026-11-01T10:00:00Z") -> None:
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com", "PATH": "/usr/bin:/bin", "HOME": str(root)}  # fmt: skip
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def events(root: Path) -> dict[str, str]:
    """Each event of all.ics as its unfolded text, by UID."""
    built = mkdocs_build(root)
    assert built.ok, built.log
    text = (built.site / "feeds/all.ics").read_bytes().decode().replace("\r\n ", "")
    blocks = text.split("BEGIN:VEVENT\r\n")[1:]
    return {block.split("\r\n", 1)[0]: block for block in blocks}


def sequence(block: str) -> int:
    return int(block.split("SEQUENCE:")[1].split("\r\n")[0])


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_site("basic", tmp_path)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "first")
    return root


def test_same_commit_same_bytes_and_edits_keep_uid(repo: Path) -> None:
    first = events(repo)
    assert events(repo) == first  # rebuilt from the same commit: identical
    uid = "UID:a1b2c3d4e5f6@news.example.com"
    assert "DTSTAMP:20261101T100000Z" in first[uid] and sequence(first[uid]) == 1

    story = repo / STORY
    story.write_text(story.read_text().replace("Welcome, new partners", "Welcome, five new partners"))
    git(repo, "commit", "-q", "-am", "retitle", when="2026-11-05T12:00:00Z")
    edited = events(repo)
    assert edited.keys() == first.keys()
    assert "SUMMARY:Welcome\\, five new partners" in edited[uid]
    assert "LAST-MODIFIED:20261105T120000Z" in edited[uid]
    assert sequence(edited[uid]) > sequence(first[uid])
    assert {k: v for k, v in edited.items() if k != uid} == {k: v for k, v in first.items() if k != uid}

    git(repo, "mv", STORY, "content/stories/hr/2026-12-03-partners-join.md")
    git(repo, "commit", "-q", "-m", "rename", when="2026-11-06T12:00:00Z")
    renamed = events(repo)
    assert uid in renamed  # the id keeps the UID through a rename
    assert sequence(renamed[uid]) >= sequence(edited[uid])
    assert "URL:https://news.example.com/stories/hr/partners-join/" in renamed[uid]


def test_history_follows_renames(repo: Path) -> None:
    new = "content/stories/hr/2026-12-03-moved.md"
    git(repo, "mv", STORY, new)
    git(repo, "commit", "-q", "-m", "move", when="2026-11-02T10:00:00Z")
    (repo / new).write_text((repo / new).read_text() + "\nMore.\n")
    git(repo, "commit", "-q", "-am", "edit", when="2026-11-03T10:00:00Z")
    history = read_history(repo, [new, "content/stories/legal/2026-11-10-gdpr-update.md"], {})
    moved = history.files[new]
    assert (moved.created.day, moved.modified.day, moved.sequence) == (1, 3, 3)
    assert history.files["content/stories/legal/2026-11-10-gdpr-update.md"].sequence == 1
    assert history.note == ""


def test_without_git_times_come_from_source_date_epoch(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    history = read_history(root, [STORY], {"SOURCE_DATE_EPOCH": "1790000000"})
    assert history.files[STORY].modified == dt.datetime.fromtimestamp(1790000000, dt.UTC)
    assert "not a git repository" in history.note and "SOURCE_DATE_EPOCH" in history.note
    built = mkdocs_build(root)
    assert built.log.count("feed times come from file modification times") == 1  # said once, not per story


def feed_bytes(built_site: Path) -> dict[str, bytes]:
    return {p.relative_to(built_site).as_posix(): p.read_bytes() for p in sorted((built_site / "feeds").rglob("*"))
            if p.is_file()}  # fmt: skip


def test_two_clones_of_one_commit_build_identical_feeds(tmp_path: Path) -> None:
    """What CI does: a fresh clone, other file times, another folder; the feeds must not change by a byte."""
    first = copy_site("feeds", tmp_path)
    git(first, "init", "-q", "-b", "main")
    git(first, "add", "-A")
    git(first, "commit", "-q", "-m", "first")
    second = tmp_path / "second"
    git(tmp_path, "clone", "-q", str(first), str(second))
    for story in (second / "content/stories").rglob("*.md"):
        os.utime(story, (1_600_000_000, 1_600_000_000))
    one, two = mkdocs_build(first), mkdocs_build(second)
    assert one.ok and two.ok, one.log + two.log
    files = feed_bytes(one.site)
    assert len(files) > 10 and files == feed_bytes(two.site)
    # the story pages, which hold the "Add to calendar" events, too
    pages = {p.relative_to(one.site): p.read_bytes() for p in sorted((one.site / "stories").rglob("*.html"))}
    assert pages and pages == {p: (two.site / p).read_bytes() for p in pages}
    assert any(b"data:text/calendar" in page for page in pages.values())
    assert b"DTSTAMP:20261101T100000Z" in files["feeds/all.ics"]


def test_sequence_never_decreases_when_a_branch_is_merged(repo: Path) -> None:
    """A pull request edits one story while main edits another; the merge must not lower any SEQUENCE."""
    other = "content/stories/legal/2026-11-10-gdpr-update.md"
    paths = [STORY, other]
    git(repo, "checkout", "-q", "-b", "pr")
    (repo / STORY).write_text((repo / STORY).read_text() + "\nEdited on the branch.\n")
    git(repo, "commit", "-q", "-am", "branch edit", when="2026-11-02T10:00:00Z")
    git(repo, "checkout", "-q", "main")
    (repo / other).write_text((repo / other).read_text() + "\nEdited on main.\n")
    git(repo, "commit", "-q", "-am", "main edit", when="2026-11-03T10:00:00Z")
    before = read_history(repo, paths, {}).files
    git(repo, "merge", "-q", "--no-ff", "-m", "merge pr", "pr", when="2026-11-04T10:00:00Z")
    after = read_history(repo, paths, {}).files
    assert after[STORY].sequence > before[STORY].sequence  # its content changed on main with the merge
    assert after[other].sequence >= before[other].sequence
    assert after[STORY].modified.day == 2 and after[other].modified.day == 3


def test_a_shallow_clone_is_named(repo: Path, tmp_path: Path) -> None:
    (repo / STORY).write_text((repo / STORY).read_text() + "\nMore.\n")
    git(repo, "commit", "-q", "-am", "edit", when="2026-11-05T10:00:00Z")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow))
    history = read_history(shallow, [STORY], {})
    assert "shallow" in history.note and "fetch-depth: 0" in history.note
    assert read_history(repo, [STORY], {}).note == ""
    built = mkdocs_build(shallow)
    assert built.ok and built.log.count("git clone is shallow") == 1, built.log


def test_a_title_cannot_inject_an_event() -> None:
    """The validator refuses control characters; the feed escapes them anyway."""
    registry = Registry({"hr": Department("hr", "HR", "#000")}, {"web": Channel("web", "Web", "#000")})
    evil = "Hello\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\nSUMMARY:pwned"
    story = Story(id="x", path="p.md", src_uri="stories/hr/x.md", department="hr", slug="x", title=evil,
                  start=dt.date(2026, 12, 3), timezone="UTC", channels=("web",), summary=evil)  # fmt: skip
    site = Site(registry, Settings(), (story,), "https://example.org/")
    text = FeedWriter(site, History({}), refresh="PT1H").calendar(Feed("f.ics", "F", "F", (story,)))
    assert text.count("\r\nBEGIN:VEVENT\r\n") == 1 and "\r\nUID:evil" not in text
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == evil.replace("\r\n", "\n")


def test_other_control_characters_are_dropped() -> None:
    """RFC 5545 allows no control character but tab in TEXT; strict clients reject the whole feed otherwise."""
    registry = Registry(
        {"hr": Department("hr", "H\x1bR", "#000")}, {"web": Channel("web", "W\x7feb", "#000")}
    )
    title = "Bell\x07, null\x00; tab\tkept \u2028 and 東京 🎉"
    story = Story(id="x", path="p.md", src_uri="stories/hr/x.md", department="hr", slug="x", title=title,
                  start=dt.date(2026, 12, 3), timezone="UTC", channels=("web",))  # fmt: skip
    site = Site(registry, Settings(), (story,), "https://example.org/")
    data = FeedWriter(site, History({}), refresh="PT1H").calendar(Feed("f.ics", "F", "F", (story,))).encode()
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", data)
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Bell, null; tab\tkept \n and 東京 🎉"  # U+2028: a line break, escaped
    assert [str(c) for c in event["CATEGORIES"].cats] == ["HR", "Web"]


@pytest.mark.parametrize("text", ["a" * 200, "é" * 100, "🎉" * 40, "x" + "東" * 60])
def test_folding_never_splits_a_character(text: str) -> None:
    folded = fold("SUMMARY:" + text).encode()
    lines = folded.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert b"".join(line[1:] if i else line for i, line in enumerate(lines)).decode() == "SUMMARY:" + text


@pytest.mark.parametrize("piece", ["a", "é", "東", "🎉", "a\\,", "\\n"])
def test_folding_is_icalendars(piece: str) -> None:
    """fold() is Contentline.to_ical(), whose lines stop before 75 octets; the lines it returns untouched
    (under 75 octets) are the ones the library would return untouched."""
    for width in range(60, 90):
        line = ("SUMMARY:" + piece * 90)[:width]
        assert fold(line) == Contentline(line).to_ical().decode() + "\r\n", line
        assert all(len(physical) <= 75 for physical in fold(line).encode().split(b"\r\n"))


def test_escaping_is_icalendars() -> None:
    """text() is vText's escaping for any text that needs no cleaning (see icallines.py)."""
    for value in ("a, b; c\\d\ne\r\nf\rg", "plain", "東京, 🎉;", "\\\\,", "\t"):
        assert text(value) == vText(value).to_ical().decode(), value


def test_folding_never_parts_an_escape_from_its_character() -> None:
    """icalendar keeps a backslash with what it escapes (some clients cannot unfold `\\` + fold + `,`)."""
    for shift in range(8):
        folded = fold("SUMMARY:" + "x" * shift + text("a,b;c\n" * 30))
        assert folded.replace("\r\n ", "") == "SUMMARY:" + "x" * shift + "a\\,b\\;c\\n" * 30 + "\r\n"
        assert not [physical for physical in folded.split("\r\n") if physical.endswith("\\")], folded


def test_a_story_not_committed_yet_is_named_once(repo: Path) -> None:
    new = "content/stories/hr/2026-12-09-not-yet.md"
    (repo / new).write_text("---\ntitle: Not yet\ndate: 2026-12-09\nchannels: [website]\n---\n\nSoon.\n")
    history = read_history(repo, [STORY, new], {"SOURCE_DATE_EPOCH": "1790000000"})
    assert history.files[new].modified == dt.datetime.fromtimestamp(1790000000, dt.UTC)
    assert history.files[STORY].sequence >= 1  # the committed one still comes from git
    assert history.note == "1 story is not committed yet: feed times come from SOURCE_DATE_EPOCH"
    assert "file modification times" in read_history(repo, [new], {}).note


def last_modified(block: str) -> str:
    return block.split("LAST-MODIFIED:")[1].split("\r\n")[0]


def test_history_follows_a_renamed_docs_folder(repo: Path) -> None:
    """`git mv content pages`: the events keep their sequence (never lower) and their last edit."""
    uid = "UID:a1b2c3d4e5f6@news.example.com"
    for day in (2, 3, 4):
        (repo / STORY).write_text((repo / STORY).read_text() + f"\nEdit {day}.\n")
        git(repo, "commit", "-q", "-am", f"edit {day}", when=f"2026-11-0{day}T10:00:00Z")
    before = events(repo)[uid]
    assert sequence(before) == 4 and last_modified(before) == "20261104T100000Z"
    git(repo, "mv", "content", "pages")
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text().replace("docs_dir: content", "docs_dir: pages"))
    git(repo, "commit", "-q", "-am", "rename the docs folder", when="2026-11-20T10:00:00Z")
    after = events(repo)[uid]
    assert sequence(after) >= sequence(before)
    assert last_modified(after) == last_modified(before)  # a move is not an edit


def test_history_follows_a_story_renamed_to_a_new_date(repo: Path) -> None:
    uid = "UID:a1b2c3d4e5f6@news.example.com"
    before = events(repo)[uid]
    moved = STORY.replace("2026-12-03", "2026-12-10")
    git(repo, "mv", STORY, moved)
    (repo / moved).write_text((repo / moved).read_text().replace("date: 2026-12-03", "date: 2026-12-10"))
    git(repo, "commit", "-q", "-am", "move a week on", when="2026-11-06T10:00:00Z")
    after = events(repo)[uid]
    assert sequence(after) > sequence(before)
    assert last_modified(after) == "20261106T100000Z"  # renamed and edited: an edit


def test_a_site_inheriting_its_configuration_from_a_subfolder(repo: Path) -> None:
    """sites/intranet/mkdocs.yml inherits the top one: the registry and the history are found from the
    project's folder, and problems name files from there."""
    sub = repo / "sites/intranet"
    sub.mkdir(parents=True)
    (sub / "mkdocs.yml").write_text(
        "INHERIT: ../../mkdocs.yml\nsite_name: Intranet\ndocs_dir: ../../content\nsite_dir: ../../intranet-site\n"
        "theme:\n  name: material\n  custom_dir: ../../overrides\n"
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "intranet", when="2026-11-07T10:00:00Z")
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=sub,
        env=build_env(),
        capture_output=True,
        text=True,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    assert "not committed yet" not in process.stderr
    feed = (repo / "intranet-site/feeds/all.ics").read_text()
    assert "LAST-MODIFIED:20261101T100000Z" in feed
    (repo / STORY).write_text((repo / STORY).read_text().replace("channels:", "channels: [nowhere]\nx:"))
    checked = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "check"],
        cwd=sub,
        env=build_env(),
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 1
    assert checked.stdout.startswith(f"{STORY}:"), checked.stdout
