"""Issue 12, item 6 and the feeds' part of item 3: UIDs that survive a new date and that no story can take,
"Add to calendar" buttons that hold single events, no X-WR-TIMEZONE, a warning without site_url, and
addresses and names escaped for the place they go. Feeds are read back with icalendar and with ical.js."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest
from htmltree import parse
from newsdesk.core.model import Channel, Department, Registry, Settings, Story
from newsdesk.core.site import Site, story_feed_path
from newsdesk.core.text import slugify
from newsdesk.render import outputs
from newsdesk.render.feeds import Feed, site_feeds, stories_json, story_calendar
from newsdesk.render.ical import FeedWriter
from newsdesk.render.pages import Renderer
from newsdesk.sources.history import History
from sitekit import REPO, Built, copy_site, mkdocs_build, newsdesk

HOST = "news.example.com"
GDPR = Path("content/stories/legal/2026-11-10-gdpr-update.md")  # the basic fixture's story without an id
CALENDAR_ONLY = (
    "NAME",
    "X-WR-CALNAME",
    "X-WR-CALDESC",
    "DESCRIPTION",
    "SOURCE",
    "REFRESH-INTERVAL",
    "X-PUBLISHED-TTL",
)


def unfolded(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def calendar_lines(data: bytes) -> list[str]:
    """The content lines of the VCALENDAR itself, outside every VEVENT."""
    lines, inside = [], False
    for line in unfolded(data):
        if line == "BEGIN:VEVENT":
            inside = True
        elif line == "END:VEVENT":
            inside = False
        elif not inside:
            lines.append(line)
    return lines


def uids(path: Path) -> list[str]:
    return [str(e["UID"]) for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


def ical_js(paths: list[Path]) -> dict[str, dict[str, object]]:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules/ical.js").is_dir():
        pytest.fail("node and node_modules/ical.js are needed: run `make test`, which installs them")
    output = subprocess.run([node, str(REPO / "tests/js/parse_ics.mjs"), *map(str, paths)], capture_output=True,
                            text=True, check=True, cwd=REPO).stdout  # fmt: skip
    parsed: dict[str, dict[str, object]] = json.loads(output)
    return parsed


# -- UIDs ----------------------------------------------------------------------------------------------------


@pytest.mark.build
def test_a_story_without_id_keeps_its_uid_when_its_date_changes(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    before = mkdocs_build(root)
    assert before.ok, before.log
    uid = f"legal/gdpr-update@{HOST}"
    assert uid in uids(before.site / "feeds/all.ics")
    assert before.add_to_calendar("stories/legal/gdpr-update/") is None  # in the past: in the feeds only

    moved = root / GDPR.with_name("2026-11-12-gdpr-update.md")
    (root / GDPR).rename(moved)
    moved.write_text(
        moved.read_text(encoding="utf-8").replace("2026-11-10T14:00", "2026-11-12T14:00"), encoding="utf-8"
    )
    after = mkdocs_build(root)
    assert after.ok, after.log
    for feed in ("feeds/all.ics", "feeds/departments/legal.ics", "feeds/channels/blog.ics"):
        events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(after.read(feed)).walk("VEVENT")}
        assert events[uid].decoded("DTSTART") == dt.datetime(2026, 11, 12, 19, tzinfo=dt.UTC), feed
    parsed = ical_js([after.site / "feeds/all.ics", after.site / "feeds/departments/legal.ics"])
    for feed in parsed.values():
        assert uid in [e["uid"] for e in feed["events"]]  # type: ignore[attr-defined]
    # stories.json still names the story by its file (its `id` field is unchanged by this issue)
    listed = json.loads(after.read("feeds/stories.json"))["stories"]
    assert "stories/legal/2026-11-12-gdpr-update" in [s["id"] for s in listed]


SLOT_TWIN = """---
id: slot-linkedin-thursday-2026-12-10
title: A story whose id is the old UID of an open slot
date: 2026-12-11
channels: [website]
status: scheduled
---

Text.
"""
DEADLINE = """---
id: alpha
title: A story with a deadline
date: 2026-12-14
channels: [website]
due: 2026-12-09
---

Text.
"""
DEADLINE_TWIN = """---
id: due-alpha
title: A story whose id is the old UID of alpha's deadline
date: 2026-12-15
channels: [website]
---

Text.
"""


@pytest.mark.build
def test_no_story_can_take_the_uid_of_a_slot_or_a_deadline(tmp_path: Path) -> None:
    root = copy_site("planning", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - newsdesk:\n", "  - newsdesk:\n      planning_slots_in_feeds: true\n"), encoding="utf-8")  # fmt: skip
    stories = root / "content/stories/finance"
    (stories / "2026-12-11-slot-twin.md").write_text(SLOT_TWIN, encoding="utf-8")
    (stories / "2026-12-14-alpha.md").write_text(DEADLINE, encoding="utf-8")
    (stories / "2026-12-15-due-twin.md").write_text(DEADLINE_TWIN, encoding="utf-8")
    built = mkdocs_build(root)
    assert built.ok, built.log
    host = "plan.example.com"
    everything = uids(built.site / "feeds/all.ics")
    deadlines = uids(built.site / "feeds/deadlines.ics")
    # one calendar app subscribed to both feeds sees every event once: no UID is shared
    assert len(everything + deadlines) == len(set(everything + deadlines))
    assert f"slot-linkedin-thursday-2026-12-10@{host}" in everything  # the story...
    assert f"slot+linkedin-thursday+2026-12-10@{host}" in everything  # ...and the open slot it used to hide
    assert f"due-alpha@{host}" in everything and f"due+alpha@{host}" in deadlines
    events = icalendar.Calendar.from_ical(built.read("feeds/all.ics")).walk("VEVENT")
    slots = {str(e["UID"]) for e in events if str(e["SUMMARY"]).startswith("Open slot: ")}
    assert f"slot+linkedin-thursday+2026-12-10@{host}" in slots and len(slots) > 5
    # the namespaces: a slot's or a deadline's UID has a '+' before any '/'; no story's has
    for uid in slots:
        assert re.fullmatch(rf"slot\+[a-z0-9-]+\+\d{{4}}-\d{{2}}-\d{{2}}@{host}", uid), uid
    for uid in deadlines:
        assert uid.startswith("due+") and uid[len("due+") :] in everything, uid  # due+<the story's UID>
    for uid in set(everything) - slots:
        assert "+" not in uid.split("/", 1)[0], uid


def story(name: str, story_id: str = "") -> Story:
    """A story of department hr from its file name, as the loader makes it: without an id, its path is its id."""
    src_uri = f"stories/hr/{name}.md"
    day = dt.date.fromisoformat(name[:10])
    return Story(id=story_id or src_uri[: -len(".md")], path=f"content/{src_uri}", src_uri=src_uri, department="hr",
                 slug=name[11:], title="T", start=day, timezone="UTC", channels=("web",), due=day)  # fmt: skip


def git(root: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.org", "GIT_COMMITTER_NAME": "Ada",
           "GIT_COMMITTER_EMAIL": "ada@example.org", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
           "PATH": "/usr/bin:/bin:/usr/local/bin"}  # fmt: skip
    return subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    ).stdout


def test_diff_follows_a_story_without_id_to_a_new_date_as_the_feeds_do(tmp_path: Path) -> None:
    """Re-dated and rewritten, so git sees no rename: still the same story (and event), rescheduled."""
    root = copy_site("basic", tmp_path)
    git(root, "init", "--quiet")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "base")
    git(root, "rm", "--quiet", str(GDPR))
    rewritten = ("---\ntitle: GDPR policy update\ndate: 2026-11-19\nchannels: [blog]\nstatus: published\n---\n\n"
                 + "An entirely new text about the data policy, longer than the first one was. " * 8 + "\n")  # fmt: skip
    (root / GDPR).parent.mkdir(exist_ok=True)  # git rm took the folder with its only file
    (root / GDPR.with_name("2026-11-19-gdpr-update.md")).write_text(rewritten, encoding="utf-8")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "a week later, rewritten")
    renames = git(root, "diff", "--name-status", "-M", "HEAD~1", "HEAD")
    assert renames.startswith(("D", "A")) and "\nR" not in renames  # git itself sees no rename
    done = newsdesk(root, "diff", "--format", "markdown", "HEAD~1")
    assert done.returncode == 0, done.stderr
    assert (
        "### Rescheduled" in done.stdout
        and "### Added" not in done.stdout
        and "### Removed" not in done.stdout
    )


def test_uids_of_stories_slots_and_deadlines_are_made_apart() -> None:
    """A story without an id: `<department>/<slug>`, whatever its date; a deadline `due+`; ids as they are."""
    registry = Registry({"hr": Department("hr", "HR", "#000")}, {"web": Channel("web", "Web", "#000")})
    implicit, redated = story("2026-12-03-party"), story("2027-01-09-party")
    explicit = story("2026-12-04-x", "a1")
    assert not implicit.has_id and explicit.has_id
    writer = FeedWriter(
        Site(registry, Settings(), (implicit,), "https://n.example/"), History({}), refresh="PT1H"
    )
    assert writer.uid(implicit) == writer.uid(redated) == "hr/party@n.example"
    assert writer.uid(implicit, deadline=True) == "due+hr/party@n.example"
    assert (
        writer.uid(explicit) == "a1@n.example" and writer.uid(explicit, deadline=True) == "due+a1@n.example"
    )


# -- one-story files, X-WR-TIMEZONE ----------------------------------------------------------------------------


def test_add_to_calendar_buttons_hold_single_events(basic_build: Built, tmp_path: Path) -> None:
    """Stories from today on have the button; their event is a `data:` address, not a file of the site."""
    assert not (basic_build.site / "feeds/stories").exists()
    buttons = {
        url: basic_build.add_to_calendar(url)
        for url in ("stories/hr/welcome-new-partners/", "stories/research/climate-report/",
                    "stories/legal/gdpr-update/")
    }  # fmt: skip
    assert buttons["stories/legal/gdpr-update/"] is None  # 10 Nov, before "today" (23 Nov)
    singles = []
    for url, button in buttons.items():
        if button is not None:
            name, text = button
            assert name == url.rstrip("/").rsplit("/", 1)[1] + ".ics"
            singles.append(tmp_path / name)
            singles[-1].write_bytes(text.encode("utf-8"))
    assert len(singles) == 2
    parsed = ical_js(singles)
    for path in singles:
        data = path.read_bytes()
        calendar = icalendar.Calendar.from_ical(data)
        assert len(calendar.walk("VEVENT")) == 1, path
        names = {line.split(":", 1)[0].split(";", 1)[0] for line in calendar_lines(data) if line}
        assert names == {"BEGIN", "VERSION", "PRODID", "CALSCALE", "METHOD", "END"}, (path, names)
        for name in CALENDAR_ONLY:
            assert name not in calendar, (path, name)
        assert parsed[str(path)]["name"] is None and parsed[str(path)]["refresh"] == "null"
    # the subscribable feeds keep their name, refresh interval and source
    feed = basic_build.site / "feeds/departments/legal.ics"
    head = {line.split(":", 1)[0].split(";", 1)[0] for line in calendar_lines(feed.read_bytes())}
    assert set(CALENDAR_ONLY) <= head
    assert ical_js([feed])[str(feed)]["refresh"] == "PT6H"


def test_no_feed_names_a_time_zone(basic_build: Built) -> None:
    """Every time is UTC; the basic site's zone is Europe/London, which feeds used to announce."""
    feeds = {path: path.read_bytes() for path in sorted((basic_build.site / "feeds").rglob("*.ics"))}
    for url in ("stories/hr/welcome-new-partners/", "stories/research/climate-report/"):
        button = basic_build.add_to_calendar(url)
        assert button is not None
        feeds[Path(url)] = button[1].encode("utf-8")
    assert len(feeds) == 12
    for path, data in feeds.items():
        lines = unfolded(data)
        assert not [line for line in lines if line.upper().startswith("X-WR-TIMEZONE")], path
        assert "X-WR-TIMEZONE" not in icalendar.Calendar.from_ical(data), path


# -- site_url --------------------------------------------------------------------------------------------------

WARNING = "site_url is not set"


@pytest.mark.build
def test_a_build_without_site_url_warns_once(tmp_path: Path, basic_build: Built) -> None:
    assert WARNING not in basic_build.log
    root = copy_site("basic", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_url: https://news.example.com/\n", ""),
        encoding="utf-8",
    )
    lenient = mkdocs_build(root, strict=False)
    assert lenient.ok, lenient.log
    assert lenient.log.count(WARNING) == 1
    [line] = [line for line in lenient.log.splitlines() if WARNING in line]
    assert line.startswith("WARNING") and "@newsdesk.invalid" in line
    strict = mkdocs_build(root)
    assert not strict.ok and strict.log.count(WARNING) == 1 and "1 warnings in strict mode" in strict.log


# -- escaping: addresses, names --------------------------------------------------------------------------------

HOSTILE_SLUG = "a b?c#d\r\nURL:javascript:alert(1)\r\nX-EVIL:é"  # anything a file name can hold ('/' cannot)
ENCODED_SLUG = "a%20b%3Fc%23d%0D%0AURL%3Ajavascript%3Aalert%281%29%0D%0AX-EVIL%3A%C3%A9"
HOSTILE_KEY = "r&d é"


def hostile_site(*, directory_urls: bool = True) -> tuple[Site, Story]:
    """A story whose slug and department key hold what a URL must not carry raw. check refuses such names
    (item 1); the writers must be safe whatever reaches them."""
    registry = Registry({HOSTILE_KEY: Department(HOSTILE_KEY, "R&D\u2028Labs; one, two \\ \x85three", "#000")},
                        {"web": Channel("web", "Web\u2029site", "#000")})  # fmt: skip
    story = Story(id="s1", path=f"content/stories/{HOSTILE_KEY}/2026-12-03-{HOSTILE_SLUG}.md",
                  src_uri=f"stories/{HOSTILE_KEY}/2026-12-03-{HOSTILE_SLUG}.md", department=HOSTILE_KEY,
                  slug=HOSTILE_SLUG, title="T", start=dt.date(2026, 12, 3), timezone="UTC", channels=("web",))  # fmt: skip
    return Site(
        registry, Settings(), (story,), "https://news.example.com/", directory_urls=directory_urls
    ), story


def test_addresses_are_percent_encoded_in_feeds_and_stories_json(tmp_path: Path) -> None:
    site, story = hostile_site()
    expected = f"https://news.example.com/stories/r%26d%20%C3%A9/{ENCODED_SLUG}/"
    assert site.absolute_url(story.url) == expected
    writer = FeedWriter(site, History({}), refresh="PT1H")
    department_feed = next(f for f in site_feeds(site, ("draft",)) if f.path.startswith("feeds/departments/"))
    data = writer.calendar(department_feed).encode("utf-8")
    assert b"\r" not in data.replace(b"\r\n", b"") and b"\n" not in data.replace(b"\r\n", b"")
    lines = unfolded(data)
    assert f"URL:{expected}" in lines
    assert "SOURCE;VALUE=URI:https://news.example.com/feeds/departments/r%26d%20%C3%A9.ics" in lines
    assert not [line for line in lines if line.startswith("X-EVIL") or line.startswith("URL:javascript")]
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["URL"]) == expected and str(event["DESCRIPTION"]).endswith(expected)
    path = tmp_path / "feed.ics"  # ical.js reads the same single URL
    path.write_bytes(data)
    [parsed] = ical_js([path]).values()
    [js_event] = parsed["events"]  # type: ignore[misc]
    assert js_event["url"] == expected
    [record] = json.loads(stories_json(site))["stories"]
    assert record["url"] == expected


def test_the_add_to_calendar_link_and_mkdocs_agree_on_an_encoded_address() -> None:
    from mkdocs.structure.files import File

    for directory_urls in (True, False):
        site, story = hostile_site(directory_urls=directory_urls)
        dest = f"{story.url}index.html" if directory_urls else f"{story.url.rstrip('/')}.html"
        mkdocs = File(story.src_uri, "/docs", "/site", use_directory_urls=directory_urls, dest_uri=dest)
        assert site.page_path(story.url) == mkdocs.url  # pages.relative_url compares the two
        writer = FeedWriter(site, History({}), refresh="PT1H")
        header = Renderer().story_header(story, site, story_calendar(writer, story))
        assert story_feed_path(story) == f"feeds/stories/{HOSTILE_KEY}/{HOSTILE_SLUG}.ics"
        [link] = [n for n in parse(header).iter() if n.tag == "a" and "download" in n.attrs]
        media_type, _, data = link.attrs["href"].partition(",")
        assert media_type == "data:text/calendar;charset=utf-8;base64"
        assert re.fullmatch(
            r"[A-Za-z0-9+/]*={0,2}", data
        )  # nothing an attribute or an address reads specially
        assert base64.b64decode(data, validate=True).decode() == story_calendar(writer, story)
        assert link.attrs["download"] == f"{slugify(HOSTILE_SLUG)}.ics"  # a file name any system takes
        assert "\r" not in header


def test_names_are_escaped_text_in_every_property() -> None:
    """Registry names in NAME, X-WR-CALNAME, CATEGORIES and DESCRIPTION: line and paragraph separators are
    escaped line breaks, never raw (some parsers split lines at U+2028 or U+0085)."""
    site, _ = hostile_site()
    writer = FeedWriter(site, History({}), refresh="PT1H")
    for feed in site_feeds(site, ("draft",)):
        data = writer.calendar(feed)
        assert not re.search("[\u2028\u2029\x85]", data), feed.path
        calendar = icalendar.Calendar.from_ical(data)
        if feed.path.startswith("feeds/departments/"):
            name = r"newsdesk: R&D\nLabs\; one\, two \\ \nthree"
            lines = unfolded(data.encode("utf-8"))
            assert f"NAME:{name}" in lines and f"X-WR-CALNAME:{name}" in lines
            (event,) = calendar.walk("VEVENT")
            assert [str(c) for c in event["CATEGORIES"].cats] == [
                "R&D\nLabs; one, two \\ \nthree",
                "Web\nsite",
            ]
    single = story_calendar(writer, site.stories[0])
    assert "NAME" not in icalendar.Calendar.from_ical(single)


def test_a_feed_path_outside_the_site_is_never_written(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    for path in ("feeds/../../escaped.ics", "feeds/stories/hr/..", "feeds//x.ics", "/etc/x.ics"):
        with pytest.raises(ValueError, match="will not write"):
            outputs.write_files(site_dir, [(path, "x")])
    assert not (tmp_path / "escaped.ics").exists() and not list(tmp_path.rglob("*.ics"))


def test_one_story_feed_keeps_the_event_of_the_site_wide_feeds() -> None:
    """The single-event calendar reuses the event all.ics has: the same UID and bytes, only the head differs."""
    site, story = hostile_site()
    writer = FeedWriter(site, History({}), refresh="PT1H")
    everything = writer.calendar(Feed("feeds/all.ics", "All", "All", (story,)))
    single = story_calendar(writer, story)
    event = writer.event(story)
    assert event in everything and event in single and len(single) < len(everything)


def test_a_site_url_with_a_line_break_is_encoded_too() -> None:
    """MkDocs accepts a site_url that holds a tab or a line break (Python's URL parser drops them first)."""
    site, _ = hostile_site()
    site = Site(site.registry, site.settings, site.stories, "https://news.example.com/news room\r\nX-EVIL:1/")
    assert (
        site.absolute_url("feeds/all.ics")
        == "https://news.example.com/news%20room%0D%0AX-EVIL:1/feeds/all.ics"
    )
    data = FeedWriter(site, History({}), refresh="PT1H").calendar(site_feeds(site, ("draft",))[0])
    assert (
        "\r\nX-EVIL" not in data
        and "\r" not in data.replace("\r\n", "")
        and "\n" not in data.replace("\r\n", "")
    )


# -- the one gap newsdesk fills in icalendar's escaping ---------------------------------------------------------

BACKSLASH_N = "C:\\New folder, \\N, \\\\N, \\n and \\"  # a backslash before N, and its neighbours


def test_a_backslash_before_n_is_read_back_as_written(tmp_path: Path) -> None:
    """vText alone writes `C:\\New` as `C:\\new`, which parsers read as a line break: newsdesk escapes
    around each `\\N`, so icalendar and ical.js read every title, description and name as it was."""
    registry = Registry({"hr": Department("hr", "H\\N R", "#000")}, {"web": Channel("web", "W\\Neb", "#000")})
    story = Story(id="x", path="p.md", src_uri="stories/hr/x.md", department="hr", slug="x", title=BACKSLASH_N,
                  start=dt.date(2026, 12, 3), timezone="UTC", channels=("web",), summary=f"{BACKSLASH_N}\u2028é")  # fmt: skip
    site = Site(registry, Settings(), (story,), "https://example.org/")
    data = FeedWriter(site, History({}), refresh="PT1H").calendar(Feed("f.ics", BACKSLASH_N, "F", (story,)))
    lines = "\n".join(unfolded(data.encode("utf-8")))
    assert "\\N" not in lines.replace("\\\\", "")  # every backslash before an N is an escaped backslash
    name = r"C:\\New folder\, \\N\, \\\\N\, \\n and \\"  # as TEXT: neither parser unescapes X-WR-CALNAME
    assert f"NAME:{name}" in lines.split("\n") and f"X-WR-CALNAME:{name}" in lines.split("\n")
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == BACKSLASH_N
    assert str(event["DESCRIPTION"]).startswith(f"{BACKSLASH_N}\né\nDepartment: H\\N R\nChannels: W\\Neb\n")
    assert [str(c) for c in event["CATEGORIES"].cats] == ["H\\N R", "W\\Neb"]
    path = tmp_path / "f.ics"
    path.write_text(data, encoding="utf-8", newline="")
    [parsed] = ical_js([path]).values()
    [js_event] = parsed["events"]  # type: ignore[misc]
    assert js_event["summary"] == BACKSLASH_N and js_event["categories"] == ["H\\N R", "W\\Neb"]
    assert js_event["description"].startswith(f"{BACKSLASH_N}\né\nDepartment: H\\N R\n")
