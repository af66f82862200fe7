"""The feed options (`feeds_statuses`, `feeds_refresh_hours`, `planning_slots_in_feeds`) and a site without
`site_url`, in real builds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import icalendar
import pytest
import yaml
from sitekit import TODAY, copy_site, mkdocs_build

pytestmark = pytest.mark.build


def set_options(root: Path, **options: object) -> None:
    """Add plugin options to the fixture's mkdocs.yml, under its `newsdesk:` entry."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    lines = "".join(f"      {key}: {json.dumps(value)}\n" for key, value in options.items())
    (root / "mkdocs.yml").write_text(
        text.replace("  - newsdesk:\n", "  - newsdesk:\n" + lines), encoding="utf-8"
    )


def statuses_in(path: Path) -> list[str]:
    return sorted(str(e["STATUS"]) for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_statuses_and_refresh_interval_are_options(tmp_path: Path) -> None:
    root = copy_site("feeds", tmp_path)
    set_options(root, feeds_statuses=["scheduled", "cancelled"], feeds_refresh_hours=12)
    built = mkdocs_build(root)
    assert built.ok, built.log
    wanted = {"scheduled", "cancelled"}
    stories = {}
    for path in (root / "content/stories").rglob("*.md"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        stories[path.stem[11:]] = meta.get("status", "draft")
    calendar = icalendar.Calendar.from_ical(built.read("feeds/all.ics"))
    summaries = [str(e["URL"]).rstrip("/").rsplit("/", 1)[1] for e in calendar.walk("VEVENT")]
    assert sorted(summaries) == sorted(slug for slug, status in stories.items() if status in wanted)
    assert set(statuses_in(built.site / "feeds/all.ics")) == {"CONFIRMED", "CANCELLED"}
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT12H"
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in (built.site / "feeds/all.ics").read_bytes()
    # stories.json and the "Add to calendar" buttons (stories from today on) keep every story whatever
    # the option says
    assert len(json.loads(built.read("feeds/stories.json"))["stories"]) == len(stories)
    for path in (root / "content/stories").rglob("*.md"):
        url = f"stories/{path.parent.name}/{path.stem[11:]}/"
        assert (built.add_to_calendar(url) is not None) == (path.stem[:10] >= TODAY), url
    page = built.page("subscribe/")
    assert "with the status scheduled, cancelled." in page and "every 12 hours" in page


@pytest.mark.parametrize("hours", [0, -6])
def test_a_refresh_interval_below_an_hour_stops_the_build(tmp_path: Path, hours: int) -> None:
    root = copy_site("basic", tmp_path)
    set_options(root, feeds_refresh_hours=hours)
    built = mkdocs_build(root)
    assert not built.ok and f"feeds_refresh_hours must be 1 or more, not {hours}" in built.log


def test_an_unknown_status_in_the_option_stops_the_build(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    set_options(root, feeds_statuses=["published", "live"])
    built = mkdocs_build(root)
    assert not built.ok and "live" in built.log


def test_without_site_url_the_feeds_stay_valid(tmp_path: Path) -> None:
    root = copy_site("feeds", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_url: https://news.example.com/\n", ""))
    built = mkdocs_build(
        root, strict=False
    )  # the build warns that site_url is missing (test_boundary_feeds.py)
    assert built.ok, built.log
    data = (built.site / "feeds/all.ics").read_bytes()
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert events and all(
        "URL" not in event for event in events
    )  # URL must be absolute: none rather than a path
    assert all(str(event["UID"]).endswith("@newsdesk.invalid") for event in events)
    assert b"\r\nSOURCE" not in data
    page = built.page("subscribe/")
    assert "no <code>site_url</code> set" in page and 'href="webcal://' not in page


def story_uids(path: Path) -> list[str]:
    events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    return sorted(str(e["UID"]) for e in events if not str(e["UID"]).startswith("slot+"))


def open_slot_events(path: Path) -> list[icalendar.Event]:
    events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    return [e for e in events if str(e["SUMMARY"]).startswith("Open slot: ")]


def test_open_slots_are_in_the_feeds_only_when_asked(tmp_path: Path) -> None:
    off = mkdocs_build(copy_site("planning", tmp_path / "off"))
    assert off.ok, off.log
    feeds = sorted((off.site / "feeds").rglob("*.ics"))
    assert feeds and not any(open_slot_events(path) for path in feeds)  # the default: none

    root = copy_site("planning", tmp_path / "on")
    set_options(root, planning_slots_in_feeds=True)
    built = mkdocs_build(root)
    assert built.ok, built.log
    # Worked out by hand from slots.yml: LinkedIn Thursdays at 12:00 (London; GMT in winter), research, hr and
    # legal taking turns from 5 November; hr fills 3 December. The newsletter (marketing, first Tuesday,
    # 07:30) is filled on 1 December, open on 5 January. The website's Friday slot ended in November. The
    # feeds look as far ahead as the agenda: 8 weeks, to 17 January.
    turns = ("research", "hr", "legal")
    thursdays = [dt.date(2026, 11, 26) + dt.timedelta(weeks=n) for n in range(8)]
    expected = {
        f"slot+linkedin-thursday+{day}@plan.example.com": (dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC),
                                                           "linkedin", turns[(day - dt.date(2026, 11, 5)).days // 7 % 3])
        for day in thursdays if day != dt.date(2026, 12, 3)
    }  # fmt: skip
    expected["slot+newsletter+2027-01-05@plan.example.com"] = (
        dt.datetime(2027, 1, 5, 7, 30, tzinfo=dt.UTC),
        "newsletter",
        "marketing",
    )
    everything = open_slot_events(built.site / "feeds/all.ics")
    assert {str(e["UID"]): e["DTSTART"].dt for e in everything} == {
        uid: start for uid, (start, _c, _d) in expected.items()
    }
    for event in everything:
        assert str(event["STATUS"]) == "TENTATIVE" and str(event["TRANSP"]) == "TRANSPARENT"
        assert event["DTEND"].dt - event["DTSTART"].dt == dt.timedelta(minutes=60)
        assert event["DTSTAMP"].dt == dt.datetime(2026, 11, 23, tzinfo=dt.UTC)  # today, not the clock
        assert str(event["URL"]).startswith("https://plan.example.com/calendar/#slot-")
        assert event["SUMMARY"] in ("Open slot: LinkedIn Thursday", "Open slot: Monthly newsletter")
    hiring = next(e for e in everything if "2026-11-26" in str(e["UID"]))
    assert "Turn: Research" in str(hiring["DESCRIPTION"]) and "We are hiring (People & Culture)" in str(
        hiring["DESCRIPTION"]
    )
    # each hole is also in its channel's feed and in the feed of the department whose turn it is; no other
    for path in sorted((built.site / "feeds").rglob("*.ics")):
        name = path.relative_to(built.site / "feeds").with_suffix("").as_posix()
        if name.startswith("channels/"):
            wanted = {uid for uid, (_, channel, _d) in expected.items() if channel == name.split("/")[1]}
        elif name.startswith("departments/"):
            wanted = {
                uid for uid, (_, _c, department) in expected.items() if department == name.split("/")[1]
            }
        else:
            wanted = set(expected) if name == "all" else set()
        assert {str(e["UID"]) for e in open_slot_events(path)} == wanted, name
    # the stories' events are the same either way
    assert story_uids(built.site / "feeds/all.ics") == story_uids(off.site / "feeds/all.ics")
