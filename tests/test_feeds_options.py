"""The feed options (`feeds_statuses`, `feeds_refresh_hours`) and a site without `site_url`, in real builds."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
import yaml
from conftest import copy_site, mkdocs_build

pytestmark = pytest.mark.build


def set_options(root: Path, **options: object) -> None:
    """Add plugin options to the fixture's mkdocs.yml, under its `newsdesk:` entry."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    lines = "".join(f"      {key}: {json.dumps(value)}\n" for key, value in options.items())
    (root / "mkdocs.yml").write_text(text.replace("  - newsdesk:\n", "  - newsdesk:\n" + lines), encoding="utf-8")


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
    # stories.json and the "Add to calendar" files keep every story whatever the option says
    assert len(json.loads(built.read("feeds/stories.json"))["stories"]) == len(stories)
    assert len(list((built.site / "feeds/stories").rglob("*.ics"))) == len(stories)
    page = built.page("subscribe/")
    assert "with the status\n  scheduled, cancelled." in page and "every 12 hours" in page


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
    built = mkdocs_build(root)
    assert built.ok, built.log
    data = (built.site / "feeds/all.ics").read_bytes()
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert events and all("URL" not in event for event in events)  # URL must be absolute: none rather than a path
    assert all(str(event["UID"]).endswith("@newsdesk.invalid") for event in events)
    assert b"\r\nSOURCE" not in data
    page = built.page("subscribe/")
    assert "no <code>site_url</code> set" in page and 'href="webcal://' not in page
