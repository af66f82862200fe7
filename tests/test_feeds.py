"""The iCalendar and JSON feeds, read back by two parsers nobody here wrote: icalendar and Mozilla's ical.js."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import yaml
from sitekit import REPO, Built, copy_site, mkdocs_build

pytestmark = pytest.mark.build

SITE_URL = "https://news.example.com/"
LONDON = ZoneInfo("Europe/London")
STATUS = {"idea": "TENTATIVE", "draft": "TENTATIVE", "review": "TENTATIVE", "scheduled": "CONFIRMED", "published": "CONFIRMED",
          "cancelled": "CANCELLED"}  # fmt: skip


@pytest.fixture(scope="module")
def feeds(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = mkdocs_build(copy_site("feeds", tmp_path_factory.mktemp("feeds")), SOURCE_DATE_EPOCH="1790000000")
    assert built.ok, built.log
    return built


def front_matters(root: Path) -> dict[str, dict[str, object]]:
    """Each story's front-matter read with PyYAML directly, keyed by the UID newsdesk should give it: its `id`,
    or without one `<department>/<slug>` (not the path, which holds the date). `_id` is the id stories.json
    gives it: its `id`, or its path without `.md`."""
    stories = {}
    for path in sorted((root / "content/stories").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        key = meta.get("id") or f"{path.parent.name}/{path.stem[11:]}"
        meta["_path"] = path
        meta["_id"] = meta.get("id") or path.relative_to(root / "content").with_suffix("").as_posix()
        stories[f"{key}@news.example.com"] = meta
    return stories


def ics_files(built: Built) -> list[Path]:
    return sorted((built.site / "feeds").rglob("*.ics"))


def expected_start(meta: dict[str, object]) -> dt.date | dt.datetime:
    value = meta["date"]
    if isinstance(value, dt.date):
        return value
    text = str(value).replace("T", " ")
    if re.search(r"[+-]\d\d:\d\d$", text):
        return dt.datetime.fromisoformat(text)
    zone = ZoneInfo(str(meta.get("timezone", "Europe/London")))
    return dt.datetime.fromisoformat(text).replace(tzinfo=zone)


def expected_end(meta: dict[str, object]) -> dt.date | dt.datetime:
    """The exclusive end: the next day, or the start plus the duration in elapsed time (45 minutes by default)."""
    start = expected_start(meta)
    if not isinstance(start, dt.datetime):
        return start + dt.timedelta(days=1)
    match = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?", str(meta.get("duration", "45m")))
    assert match, meta
    elapsed = dt.timedelta(hours=int(match[1] or 0), minutes=int(match[2] or 0))
    return start.astimezone(dt.UTC) + elapsed


def registry_names(root: Path) -> dict[str, str]:
    """Department and channel names by key, read from the fixture's registry with PyYAML."""
    names = {}
    for name in ("departments", "channels"):
        entries = yaml.safe_load((root / f"calendar/{name}.yml").read_text(encoding="utf-8"))
        names.update({key: entry["name"] for key, entry in entries.items()})
    return names


def channel_keys(meta: dict[str, object]) -> list[str]:
    channels = meta.get("channels", meta.get("channel"))
    return [str(c) for c in channels] if isinstance(channels, list) else [str(channels)]


def utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def test_every_feed_exists(feeds: Built) -> None:
    names = {p.relative_to(feeds.site).as_posix() for p in ics_files(feeds)}
    assert {"feeds/all.ics", "feeds/deadlines.ics", "feeds/departments/hr.ics", "feeds/departments/legal.ics",
            "feeds/departments/research.ics", "feeds/channels/website.ics", "feeds/channels/twitter.ics",
            "feeds/channels/newsletter.ics", "feeds/channels/blog.ics", "feeds/channels/linkedin.ics"} <= names  # fmt: skip
    assert not any(name.startswith("feeds/stories/") for name in names)  # one-story events live in pages


def test_events_match_front_matter_with_icalendar(feeds: Built) -> None:
    stories = front_matters(feeds.root)
    names = registry_names(feeds.root)
    calendar = icalendar.Calendar.from_ical(feeds.read("feeds/all.ics"))
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    shown = {uid for uid, meta in stories.items() if meta.get("status", "draft") != "idea"}
    assert set(events) == shown
    for uid, event in events.items():
        meta = stories[uid]
        assert str(event["SUMMARY"]) == meta["title"]
        start = event.decoded("DTSTART")
        expected = expected_start(meta)
        if isinstance(expected, dt.datetime):
            # compared in UTC: Python never finds a time of the repeated hour equal to one in another zone (PEP 495)
            assert isinstance(start, dt.datetime) and start.utcoffset() == dt.timedelta(0)
            assert start == expected.astimezone(dt.UTC), uid
            assert event.decoded("DTEND") == expected_end(meta), uid
        else:
            assert not isinstance(start, dt.datetime) and start == expected
            assert event.decoded("DTEND") == expected + dt.timedelta(days=1)
        assert str(event["STATUS"]) == STATUS[str(meta.get("status", "draft"))]
        assert str(event["TRANSP"]) == "TRANSPARENT"
        department = meta["_path"].parent.name  # type: ignore[union-attr]
        slug = meta["_path"].stem[11:]  # type: ignore[union-attr]
        assert str(event["URL"]) == f"{SITE_URL}stories/{department}/{slug}/"
        categories = [str(c) for c in event["CATEGORIES"].cats]
        assert categories == [names[key] for key in (department, *channel_keys(meta))], uid
        assert str(event["DESCRIPTION"]).endswith(str(event["URL"]))


def test_description_keeps_punctuation_and_line_breaks(feeds: Built) -> None:
    calendar = icalendar.Calendar.from_ical(feeds.read("feeds/departments/legal.ics"))
    (cancelled,) = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("cancelled-briefing")]
    assert str(cancelled["SUMMARY"]) == 'Cancelled; briefing, "postponed"'
    assert str(cancelled["DESCRIPTION"]).startswith(
        "Line one, with a comma; a semicolon\nand a second line \\ with a backslash\n"
    )
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_feed_headers(feeds: Built) -> None:
    calendar = icalendar.Calendar.from_ical(feeds.read("feeds/channels/twitter.ics"))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//newsdesk//")
    assert str(calendar["X-WR-CALNAME"]) == str(calendar["NAME"]) == "Feeds fixture: Twitter / X"
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT6H"
    assert (
        b"REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n"
        in (feeds.site / "feeds/channels/twitter.ics").read_bytes()
    )


def test_deadlines_and_statuses(feeds: Built) -> None:
    deadlines = icalendar.Calendar.from_ical(feeds.read("feeds/deadlines.ics"))
    items = {str(e["SUMMARY"]): e for e in deadlines.walk("VEVENT")}
    assert set(items) == {"Due: Welcome, new partners; \"the class of 2026\" 🎉",
                          "Due: 東京オフィスからの報告 — a long title that needs folding across several content lines 🎌🎌🎌"}  # fmt: skip
    due = items['Due: Welcome, new partners; "the class of 2026" 🎉']
    assert due.decoded("DTSTART") == dt.date(2026, 11, 28) and due.decoded("DTEND") == dt.date(2026, 11, 29)
    assert str(due["UID"]) == "due+a1b2c3d4e5f6@news.example.com"
    # ideas stay out of the feeds but not out of stories.json
    assert "just-an-idea" not in feeds.read("feeds/all.ics")
    data = json.loads(feeds.read("feeds/stories.json"))
    ids = [story["id"] for story in data["stories"]]
    assert "just-an-idea" in ids and len(ids) == len(front_matters(feeds.root))


def test_empty_feed_is_valid(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    for story in (root / "content/stories/legal").glob("*.md"):
        story.unlink()
    built = mkdocs_build(root)
    assert built.ok, built.log
    calendar = icalendar.Calendar.from_ical(built.read("feeds/departments/legal.ics"))
    assert calendar.walk("VEVENT") == [] and str(calendar["X-WR-CALNAME"]) == "Fixture newsroom: Legal"


def test_bytes_crlf_folding_uids_and_ranges(feeds: Built) -> None:
    for path in ics_files(feeds):
        data = path.read_bytes()
        assert data.endswith(b"END:VCALENDAR\r\n")
        assert b"\n" not in data.replace(b"\r\n", b"") and b"\r" not in data.replace(b"\r\n", b""), path
        lines = data.split(b"\r\n")[:-1]
        assert all(len(line) <= 75 for line in lines), path
        for line in lines:
            line.decode("utf-8")  # every physical line is whole UTF-8: no character split by folding
        unfolded = data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
        uids = [line for line in unfolded if line.startswith("UID:")]
        assert len(uids) == len(set(uids)) == unfolded.count("BEGIN:VEVENT"), path
        calendar = icalendar.Calendar.from_ical(data)
        for event in calendar.walk("VEVENT"):
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            assert type(start) is type(end) and end > start, (path, event["UID"])


def ical_js(paths: list[Path]) -> dict[str, dict[str, object]]:
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules/ical.js").is_dir():
        pytest.fail("node and node_modules/ical.js are needed: run `make test`, which installs them")
    output = subprocess.run([node, str(REPO / "tests/js/parse_ics.mjs"), *map(str, paths)], capture_output=True,
                            text=True, check=True, cwd=REPO).stdout  # fmt: skip
    parsed: dict[str, dict[str, object]] = json.loads(output)
    return parsed


def test_ical_js_reads_the_same_instants_as_zoneinfo(feeds: Built) -> None:
    stories = front_matters(feeds.root)
    names = registry_names(feeds.root)
    parsed = ical_js(ics_files(feeds))
    assert len(parsed) == len(ics_files(feeds))
    events = {e["uid"]: e for feed in parsed.values() for e in feed["events"]}  # type: ignore[attr-defined]
    checked = 0
    for uid, event in events.items():
        if uid.startswith("due+"):
            continue
        meta = stories[uid]
        expected, end = expected_start(meta), expected_end(meta)
        assert event["summary"] == meta["title"]
        if isinstance(expected, dt.datetime):
            assert isinstance(end, dt.datetime)
            assert event["start"] == {"isDate": False, "value": utc_text(expected)}, uid
            assert event["end"] == {"isDate": False, "value": utc_text(end)}, uid
            checked += 1
        else:
            assert event["start"] == {"isDate": True, "value": expected.isoformat()}, uid
            assert event["end"] == {"isDate": True, "value": end.isoformat()}, uid
        assert event["status"] == STATUS[str(meta.get("status", "draft"))], uid
        department = meta["_path"].parent.name  # type: ignore[union-attr]
        assert event["categories"] == [names[key] for key in (department, *channel_keys(meta))], uid
        assert event["url"] == f"{SITE_URL}stories/{department}/{meta['_path'].stem[11:]}/"  # type: ignore[union-attr]
        assert isinstance(event["sequence"], int) and event["sequence"] >= 0
    # both sides of both European clock changes and of the American one were compared
    for uid in (
        "dst-spring-before",
        "dst-spring-after",
        "dst-autumn-before",
        "dst-autumn-after",
        "ny-before",
        "ny-after",
    ):
        assert f"{uid}@news.example.com" in events
    assert events["dst-spring-before@news.example.com"]["start"]["value"] == "2026-03-27T16:00:00.000Z"  # type: ignore[index]
    assert events["dst-spring-after@news.example.com"]["start"]["value"] == "2026-03-30T15:00:00.000Z"  # type: ignore[index]
    assert events["ny-before@news.example.com"]["start"]["value"] == "2026-03-06T16:00:00.000Z"  # type: ignore[index]
    assert events["ny-after@news.example.com"]["start"]["value"] == "2026-03-10T15:00:00.000Z"  # type: ignore[index]
    assert events["dst-autumn-after@news.example.com"]["end"]["value"] == "2026-10-26T18:00:00.000Z"  # type: ignore[index]
    # another zone on both sides of its autumn change, and one whose clocks go forward in October
    for uid, start in (("ny-autumn-before", "2026-10-30T15:00:00.000Z"), ("ny-autumn-after", "2026-11-03T16:00:00.000Z"),
                       ("sydney-before", "2026-10-01T23:00:00.000Z"), ("sydney-after", "2026-10-05T22:00:00.000Z")):  # fmt: skip
        assert events[f"{uid}@news.example.com"]["start"]["value"] == start, uid  # type: ignore[index]
    # events spanning the change itself last their real duration: one hour and two hours of elapsed time
    back, forward = events["clocks-back@news.example.com"], events["clocks-forward@news.example.com"]
    assert (back["start"]["value"], back["end"]["value"]) == (
        "2026-10-25T00:30:00.000Z",
        "2026-10-25T01:30:00.000Z",
    )  # type: ignore[index]
    assert (forward["start"]["value"], forward["end"]["value"]) == (
        "2026-03-29T00:30:00.000Z",
        "2026-03-29T02:30:00.000Z",
    )  # type: ignore[index]
    assert checked >= 14


def test_story_page_holds_its_one_event_calendar(feeds: Built) -> None:
    page = feeds.page("stories/hr/welcome-new-partners/")
    assert 'download="welcome-new-partners.ics">Add to calendar</a>' in page
    button = feeds.add_to_calendar("stories/hr/welcome-new-partners/")
    assert button is not None and button[0] == "welcome-new-partners.ics"
    single = icalendar.Calendar.from_ical(button[1])
    assert [str(e["UID"]) for e in single.walk("VEVENT")] == ["a1b2c3d4e5f6@news.example.com"]


def test_subscribe_page_lists_every_feed(feeds: Built) -> None:
    page = feeds.page("subscribe/")
    for path in ics_files(feeds):
        relative = path.relative_to(feeds.site).as_posix()
        if "/stories/" in relative:
            continue
        assert f'data-copy="{SITE_URL}{relative}"' in page
        assert f'href="webcal://news.example.com/{relative}"' in page
    for client in ("Google Calendar", "From URL", "Outlook", "Apple Calendar", "Thunderbird"):
        assert client in page


def test_stories_json_has_every_story_with_its_front_matter(feeds: Built) -> None:
    stories = front_matters(feeds.root)
    data = json.loads(feeds.read("feeds/stories.json"))
    by_id = {str(meta["_id"]): meta for meta in stories.values()}
    records = {record["id"]: record for record in data["stories"]}
    assert records.keys() == by_id.keys()  # every status, ideas included
    for story_id, record in records.items():
        meta = by_id[story_id]
        uid = story_id
        department = meta["_path"].parent.name  # type: ignore[union-attr]
        start, end = expected_start(meta), expected_end(meta)
        assert record["title"] == meta["title"]
        assert record["all_day"] is not isinstance(start, dt.datetime)
        if isinstance(start, dt.datetime):  # an ISO time with its offset: the same instant
            assert dt.datetime.fromisoformat(record["date"]) == start.astimezone(dt.UTC), uid
            assert dt.datetime.fromisoformat(record["end"]) == end, uid
            assert record["timezone"] == meta.get("timezone", "Europe/London") or "+" in str(meta["date"])
        else:
            assert record["date"] == start.isoformat() and record["end"] == end.isoformat()
        assert record["department"] == department
        assert record["channels"] == channel_keys(meta)
        assert record["status"] == meta.get("status", "draft")
        author = meta.get("author", [])
        assert record["authors"] == (author if isinstance(author, list) else [author])
        assert record["due"] == (meta["due"].isoformat() if "due" in meta else None)  # type: ignore[attr-defined]
        assert record["url"] == f"{SITE_URL}stories/{department}/{meta['_path'].stem[11:]}/"  # type: ignore[union-attr]


def test_a_page_may_link_to_a_feed_under_strict(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    index = root / "content" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8")
        + "\n[Subscribe](feeds/all.ics) or [get the list](feeds/stories.json).\n"
    )
    built = mkdocs_build(root)
    assert built.ok, built.log
    assert 'href="feeds/all.ics"' in built.page("")
    assert (built.site / "feeds/all.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_each_department_and_channel_feed_holds_exactly_its_stories(feeds: Built) -> None:
    """Every department and channel feed, parsed with icalendar, against the front-matter: the right
    stories (ideas left out), each event the same bytes as in all.ics, and a DESCRIPTION that names the
    story's channels, its author and its address."""
    stories = front_matters(feeds.root)
    names = registry_names(feeds.root)
    shown = {uid: meta for uid, meta in stories.items() if meta.get("status", "draft") != "idea"}
    everything = {
        str(e["UID"]): e.to_ical()
        for e in icalendar.Calendar.from_ical(feeds.read("feeds/all.ics")).walk("VEVENT")
    }
    feeds_checked = events_checked = 0
    for path in ics_files(feeds):
        kind, _, key = path.relative_to(feeds.site / "feeds").with_suffix("").as_posix().partition("/")
        if kind not in ("departments", "channels"):
            continue
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
        if kind == "departments":
            expected = {uid for uid, meta in shown.items() if Path(str(meta["_path"])).parent.name == key}
        else:
            expected = {uid for uid, meta in shown.items() if key in channel_keys(meta)}
        assert set(events) == expected, path
        assert names[key] in str(calendar["X-WR-CALNAME"])
        for uid, event in events.items():
            assert event.to_ical() == everything[uid]
            description = str(event["DESCRIPTION"])
            meta = shown[uid]
            assert all(names[channel] in description for channel in channel_keys(meta)), description
            authors = meta.get("author", [])
            for author in authors if isinstance(authors, list) else [authors]:
                assert str(author) in description
            assert description.rstrip().endswith(str(event["URL"]))
        feeds_checked += 1
        events_checked += len(events)
    assert events_checked > len(shown)  # every story is in one department feed and at least one channel feed
    assert feeds_checked == len(yaml.safe_load((feeds.root / "calendar/departments.yml").read_text())) + len(
        yaml.safe_load((feeds.root / "calendar/channels.yml").read_text())
    )


def test_text_hands_through_only_what_vtext_would_leave_as_it_is() -> None:
    from icalendar.prop import vText
    from newsdesk.render.icallines import VTEXT_CHANGES, text

    # The character class text() skips the library for, held to the library over the whole BMP.
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        assert (vText(char).to_ical().decode() != char) == bool(VTEXT_CHANGES.fullmatch(char)), hex(code)
    # And whole values: those that need nothing are their own TEXT, the others go through vText.
    for value in [
        "Spring launch",
        "Café – été 2027",
        "a, b; c",
        "C:\\New",
        "line\nbreak",
        "tab\there",
        "x\r\ny",
    ]:
        if "\\N" not in value:
            assert text(value) == vText(value).to_ical().decode(), value
