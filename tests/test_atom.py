"""The Atom feeds (published, per channel, nudges), read back by feedparser and validated against RFC 4287's
RELAX NG schema by jing, and compared with what this test works out from the fixture's front-matter itself."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
import yaml
from htmltree import parse
from sitekit import FIXTURES, Built, copy_site, mkdocs_build

pytestmark = pytest.mark.build

TODAY = "2026-11-25"
SITE = "https://nudge.example.com/desk/"
LONDON = ZoneInfo("Europe/London")
SCHEMA = FIXTURES / "atom" / "rfc4287.rnc"
AFTER_THE_WEBINAR = str(int(dt.datetime(2026, 11, 25, 15, 0, tzinfo=LONDON).timestamp()))
"""SOURCE_DATE_EPOCH at 15:00 on the fixture's today: the 14:00 webinar's time has come."""


def build(tmp_path: Path, **env: str) -> Built:
    built = mkdocs_build(copy_site("nudge", tmp_path), NEWSDESK_TODAY=TODAY, **env)
    assert built.ok, built.log
    return built


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("atom"))


def atom_files(built: Built) -> list[Path]:
    return sorted((built.site / "feeds").rglob("*.xml"))


def front_matter(root: Path) -> list[dict[str, object]]:
    """Each story's front-matter, read with PyYAML, with its department and slug from the file's path."""
    stories = []
    for path in sorted((root / "content/stories").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        meta["_department"], meta["_slug"] = path.parent.name, path.stem[11:]
        stories.append(meta)
    return stories


def moment(meta: dict[str, object]) -> dt.datetime:
    """When a story may go out: its time, or midnight in London for an all-day story."""
    value = meta["date"]
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0), tzinfo=LONDON)
    return dt.datetime.fromisoformat(str(value)).replace(tzinfo=LONDON)


def expected(root: Path, statuses: set[str], now: dt.datetime, channel: str = "") -> list[dict[str, object]]:
    """The stories a feed should hold, newest first."""
    found = [
        meta
        for meta in front_matter(root)
        if meta.get("status", "draft") in statuses
        and moment(meta) <= now
        and (not channel or channel in meta["channels"])  # type: ignore[operator]
    ]
    return sorted(found, key=moment, reverse=True)


def read(built: Built, path: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((built.site / path).read_bytes())
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    assert parsed.version == "atom10"
    return parsed


def test_every_feed_is_valid_atom_for_feedparser_and_jing(site: Built) -> None:
    files = atom_files(site)
    names = [path.relative_to(site.site).as_posix() for path in files]
    assert names == [
        "feeds/channels/linkedin.xml",
        "feeds/channels/twitter.xml",
        "feeds/channels/website.xml",
        "feeds/nudges.xml",
        "feeds/published.xml",
    ]
    for name in names:
        read(site, name)
    jing = shutil.which("jing")
    if jing is None:
        pytest.skip("jing is not installed (make test installs it: tools/ensure-jing.sh)")
    checked = subprocess.run([jing, "-c", str(SCHEMA), *map(str, files)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_jing_and_the_schema_catch_an_invalid_feed(tmp_path: Path, site: Built) -> None:
    """The check above can fail: the same feed without its <updated> is refused."""
    jing = shutil.which("jing")
    if jing is None:
        pytest.skip("jing is not installed (make test installs it: tools/ensure-jing.sh)")
    text = site.read("feeds/published.xml")
    broken = tmp_path / "broken.xml"
    broken.write_text(re.sub(r"\n  <updated>[^<]*</updated>", "", text, count=1), encoding="utf-8")
    checked = subprocess.run([jing, "-c", str(SCHEMA), str(broken)], capture_output=True, text=True)
    assert checked.returncode == 1 and '"updated"' in checked.stdout


def test_published_feed_holds_the_published_stories_whose_day_has_come(site: Built) -> None:
    feed = read(site, "feeds/published.xml")
    now = dt.datetime(2026, 11, 25, tzinfo=LONDON)  # no SOURCE_DATE_EPOCH: the start of today
    wanted = expected(site.root, {"published"}, now)
    assert [e.title for e in feed.entries] == [m["title"] for m in wanted]
    assert [m["title"] for m in wanted] == ["Autumn review", "Mentoring scheme", "A study of studies",
                                           "New privacy policy"]  # fmt: skip
    for entry, meta in zip(feed.entries, wanted, strict=True):
        assert entry.link == f"{SITE}stories/{meta['_department']}/{meta['_slug']}/"
        assert entry.get("summary", "") == meta.get("summary", "")
        assert dt.datetime(*entry.published_parsed[:6], tzinfo=dt.UTC) == moment(meta)
        authors = meta.get("author", [])
        assert [a.name for a in entry.get("authors", [])] == (
            authors if isinstance(authors, list) else [authors]
        )
    assert feed.feed.title == "Nudge fixture: published"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [f"{SITE}feeds/published.xml"]


@pytest.mark.parametrize("channel", ["website", "linkedin", "twitter"])
def test_channel_feeds_hold_scheduled_and_published_stories_with_the_channel_copy(
    site: Built, channel: str
) -> None:
    feed = read(site, f"feeds/channels/{channel}.xml")
    wanted = expected(
        site.root, {"scheduled", "published"}, dt.datetime(2026, 11, 25, tzinfo=LONDON), channel
    )
    assert [e.title for e in feed.entries] == [m["title"] for m in wanted]
    for entry, meta in zip(feed.entries, wanted, strict=True):
        url = f"{SITE}stories/{meta['_department']}/{meta['_slug']}/"
        assert entry.link == url
        copy = (meta.get("copy") or {}).get(channel)  # type: ignore[attr-defined]
        assert entry.content[0].value == (copy or f"{meta['title']} {url}")
        assert entry.content[0].type == "text/plain"


def test_the_linkedin_feed_by_hand(site: Built) -> None:
    """The same, spelled out: no idea, no cancelled story, no story whose day is still to come, no timed
    story before its time; the scheduled story whose day has passed is there (it may still be posted)."""
    feed = read(site, "feeds/channels/linkedin.xml")
    assert [e.title for e in feed.entries] == [
        'Pay & benefits: "what\'s new" in *2027*',
        "A late post",
        "Mentoring scheme",
    ]
    assert feed.entries[0].content[0].value.startswith("Our pay & benefits for 2027 <b>are here</b>")
    assert "<b>are here</b>" not in site.read("feeds/channels/linkedin.xml")  # escaped in the XML


def test_a_timed_story_joins_its_channel_feeds_once_its_time_has_come(tmp_path: Path) -> None:
    later = build(tmp_path, SOURCE_DATE_EPOCH=AFTER_THE_WEBINAR)
    now = dt.datetime.fromtimestamp(int(AFTER_THE_WEBINAR), LONDON)
    for channel in ("linkedin", "twitter"):
        feed = read(later, f"feeds/channels/{channel}.xml")
        wanted = expected(later.root, {"scheduled", "published"}, now, channel)
        assert [e.title for e in feed.entries] == [m["title"] for m in wanted]
        assert feed.entries[0].title == "Winter webinar"
    twitter = read(later, "feeds/channels/twitter.xml").entries[0]
    assert twitter.content[0].value == "Join our winter webinar at 2pm <!channel> & friends"


def test_nudges_feed_has_one_entry_per_working_day_of_the_last_fourteen(site: Built) -> None:
    feed = read(site, "feeds/nudges.xml")
    today = dt.date(2026, 11, 25)
    days = [today - dt.timedelta(days=n) for n in range(14)]
    working = [day for day in days if day.weekday() < 5]
    assert len(feed.entries) == len(working) == 10
    assert [e.title for e in feed.entries] == [f"Nudge for {d:%A} {d.day} {d:%B %Y}" for d in working]
    first = parse(feed.entries[0].content[0].value)
    words = first.words()
    assert "Pay & benefits" in words and "Legal has published nothing since 3 August 2026" in words
    hrefs = {a.attrs["href"] for a in first.all("a")}
    assert (
        f"{SITE}contribute/new/?department=research&channels=linkedin&date=2026-11-26&time=12%3A00" in hrefs
    )
    assert len({e.id for e in feed.entries}) == 10


def test_entry_ids_are_stable_across_a_new_date_and_a_new_today(tmp_path: Path, site: Built) -> None:
    """A posting tool posts each new id once: moving a story's date, or building on another day, must not
    give an entry already seen a new id."""
    root = copy_site("nudge", tmp_path)
    old = root / "content/stories/hr/2026-11-18-mentoring.md"
    new = old.with_name("2026-11-17-mentoring.md")
    new.write_text(old.read_text(encoding="utf-8").replace("2026-11-18 09:30", "2026-11-17 09:30"), "utf-8")
    old.unlink()
    moved = mkdocs_build(root, NEWSDESK_TODAY="2026-11-26")
    assert moved.ok, moved.log

    def ids(built: Built, path: str) -> dict[str, str]:
        return {e.title: e.id for e in read(built, path).entries}

    for path in ("feeds/published.xml", "feeds/channels/linkedin.xml", "feeds/nudges.xml"):
        before, after = ids(site, path), ids(moved, path)
        shared = set(before) & set(after)
        assert len(shared) >= 2, path
        assert {t: before[t] for t in shared} == {t: after[t] for t in shared}, path
    assert all(i.startswith("urn:uuid:") for i in ids(site, "feeds/published.xml").values())
    # One story, two feeds: two entries, two ids (their contents differ).
    assert (
        ids(site, "feeds/published.xml")["Mentoring scheme"]
        != ids(site, "feeds/channels/linkedin.xml")["Mentoring scheme"]
    )


def test_two_builds_write_the_same_bytes(tmp_path: Path, site: Built) -> None:
    again = build(tmp_path)
    for path in atom_files(site):
        name = path.relative_to(site.site)
        assert (again.site / name).read_bytes() == path.read_bytes(), name
    assert again.page("nudge/") == site.page("nudge/")


def test_subscribe_page_lists_every_atom_feed(site: Built) -> None:
    page = parse(site.page("subscribe/"))
    table = [t for t in page.all("table") if "Atom" in t.one("caption").words()]
    assert len(table) == 1
    rows = {row.one("th").words(): row for row in table[0].one("tbody").all("tr")}
    assert set(rows) == {
        "Nudge fixture: published",
        "Nudge fixture: nudges",
        "Nudge fixture: Website",
        "Nudge fixture: LinkedIn",
        "Nudge fixture: Twitter / X",
    }
    copied = {b.attrs["data-copy"] for b in table[0].all("button")}
    assert copied == {f"{SITE}{p.relative_to(site.site).as_posix()}" for p in atom_files(site)}
    assert rows["Nudge fixture: LinkedIn"].one("td", cls="nd-feeds__count").words() == "3"
    assert site.broken_links("subscribe/") == []


def test_empty_feeds_and_the_options(tmp_path: Path) -> None:
    """outbound_channel_statuses and outbound_entries change what the feeds hold; a feed with no entry is
    still valid Atom."""
    root = copy_site("nudge", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      timezone: Europe/London\n",
            "      timezone: Europe/London\n      outbound_channel_statuses: [published]\n"
            "      outbound_published_statuses: [review]\n      outbound_entries: 1\n"
            "      nudge_days: 3\n      working_days: [wed, thu]\n",
        ),
        encoding="utf-8",
    )
    built = mkdocs_build(root, NEWSDESK_TODAY=TODAY)
    assert built.ok, built.log
    assert [e.title for e in read(built, "feeds/channels/linkedin.xml").entries] == ["Mentoring scheme"]
    assert [e.title for e in read(built, "feeds/published.xml").entries] == []  # the one in review is ahead
    assert [e.title for e in read(built, "feeds/nudges.xml").entries] == [
        "Nudge for Wednesday 25 November 2026"
    ]
    jing = shutil.which("jing")
    if jing:
        files = [str(p) for p in atom_files(built)]
        checked = subprocess.run([jing, "-c", str(SCHEMA), *files], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout


def test_a_bad_working_day_stops_the_build(tmp_path: Path) -> None:
    root = copy_site("nudge", tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("timezone: Europe/London\n", "timezone: Europe/London\n      working_days: [monkey]\n")
    )
    built = mkdocs_build(root, NEWSDESK_TODAY=TODAY)
    assert not built.ok
    assert "working_days must list weekdays" in built.log and "'monkey'" in built.log


def test_what_xml_cannot_hold_is_dropped_and_the_rest_escaped() -> None:
    """Values the loader lets through but XML 1.0 allows nowhere (controls, U+FFFE) must not make a feed
    that every reader refuses; markup and a CDATA end are text. Made from the core's own model, no build."""
    import xml.etree.ElementTree as ET

    from newsdesk.core.model import Channel, Department, Registry, Settings, Story
    from newsdesk.core.site import Site
    from newsdesk.render.atom import atom_feeds, atom_text
    from newsdesk.render.pages import Renderer

    registry = Registry(
        {"hr": Department("hr", "R&D <x>", "#000000")}, {"web": Channel("web", "Web", "#000000")}
    )
    story = Story(
        id="s1",
        path="content/stories/hr/2026-11-20-a.md",
        src_uri="stories/hr/2026-11-20-a.md",
        department="hr",
        slug="a",
        title='A ]]> <b>bold</b> & "q"',
        start=dt.date(2026, 11, 20),
        timezone="Europe/London",
        channels=("web",),
        status="published",
        summary="x\x0by\ufffez\x85",
        copy=(("web", "line\r\nbreak\x00 <script>alert(1)</script>"),),
    )
    settings = Settings(timezone="Europe/London", today=dt.date(2026, 11, 25), site_name="Org <&>")
    site = Site(registry, settings, (story,), "https://e.example/")
    feeds = {feed.path: atom_text(feed, site, Renderer()) for feed in atom_feeds(site)}
    for path, text in feeds.items():
        ET.fromstring(text)  # well-formed
        parsed = feedparser.parse(text.encode("utf-8"))
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    web = feedparser.parse(feeds["feeds/channels/web.xml"].encode("utf-8"))
    [entry] = web.entries
    assert entry.title == 'A ]]> <b>bold</b> & "q"'
    assert entry.summary == "xyz"
    assert entry.content[0].value == "line\nbreak <script>alert(1)</script>"
    assert web.feed.author == "Org <&>"
    assert [t.term for t in entry.tags] == ["hr"] and entry.tags[0].label == "R&D <x>"
