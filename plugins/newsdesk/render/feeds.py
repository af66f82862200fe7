"""iCalendar feeds (RFC 5545 and RFC 7986) and the JSON list of stories.

Each story's VEVENT is written once and shared by every feed it belongs to; the icalendar library
measured 243 µs an event here, too slow for 10,000 stories in the 1 s budget, so content lines are
written directly and the test suite checks them with two independent parsers (icalendar and ical.js).

Timed stories are written in UTC: every client converts UTC correctly, so no VTIMEZONE can be misread,
and a subscriber sees the time in their own zone. No feed says X-WR-TIMEZONE either: clients that apply it
to UTC times shift events across the repeated hour when clocks go back.

UIDs are `<story.uid_key>@host` (the story's `id:`, or `<department>/<slug>`, so a new date in the file
name keeps the event), `due+<story.uid_key>@host` for a deadline and `slot+<slot>+<yyyy-mm-dd>@host` for
an open slot: no story's key holds a '+' before its first '/', so no story can take the UID of a deadline
or a slot. Addresses (`URL`, `SOURCE`, stories.json) are percent-encoded by `Site.absolute_url`, so a URI
value, which iCalendar does not escape, never holds a raw line break.

A story's "Add to calendar" file is one event, not a calendar to subscribe to: it has no NAME,
X-WR-CALNAME, DESCRIPTION, SOURCE, REFRESH-INTERVAL or X-PUBLISHED-TTL (Outlook makes a new calendar of a
file that has a name).

With the option `planning_slots_in_feeds`, the site's feed, the slot's channel feed and the feed of the
department whose turn it is also carry each unfilled recurring slot from today to the agenda's horizon as
a TENTATIVE "Open slot: <name>" event.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsdesk import __version__
from newsdesk.core.site import ALL_FEED, DEADLINES_FEED, channel_feed_path, department_feed_path
from newsdesk.core.site import (
    STORIES_JSON as STORIES_JSON,  # the table of feed paths is site.py's; these two as before
)
from newsdesk.core.site import story_feed_path as story_feed_path
from newsdesk.planning.slots import open_slots

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from newsdesk.core.model import Story
    from newsdesk.core.site import Site
    from newsdesk.planning.slots import SlotDay
    from newsdesk.sources.history import History

PRODID = f"-//newsdesk//newsdesk {__version__}//EN"
CALENDAR_START = (
    f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
)
ICS_STATUS = {
    "idea": "TENTATIVE",
    "draft": "TENTATIVE",
    "review": "TENTATIVE",
    "scheduled": "CONFIRMED",
    "published": "CONFIRMED",
    "cancelled": "CANCELLED",
}
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""What RFC 5545 allows in no TEXT value (tabs are allowed, line breaks are escaped before this applies),
and the C1 controls, which no text means."""
NEEDS_ESCAPING = re.compile(r"[\\;,\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
LINE_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
"""What a reader may take for a line break: written as an escaped one (`\\n`), never as it is."""


@dataclass(frozen=True)
class Feed:
    """One subscribable feed: where it is published, what it is called, which stories it holds."""

    path: str
    name: str
    description: str
    stories: tuple[Story, ...]
    deadlines: bool = False
    slots: tuple[SlotDay, ...] = ()
    """Unfilled recurring slots, written as TENTATIVE "Open slot" events (option planning_slots_in_feeds)."""
    subscribable: bool = True
    """False for a story's "Add to calendar" file: its events, without the calendar's name and refresh."""


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped; U+0085, U+2028
    and U+2029, which some parsers read as line breaks, are escaped line breaks too.

    Other control characters are dropped: the validator refuses them in stories, but registry names and
    future fields should not be able to make a strict client reject the whole feed.
    """
    if not NEEDS_ESCAPING.search(value):
        return value  # most values: one regex scan instead of six replaces
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return CONTROLS.sub("", LINE_BREAKS.sub("\\\\n", escaped))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character; CRLF-terminated."""
    if len(line) <= 75 and line.isascii():
        return line + "\r\n"  # most lines: no encoding needed to know they fit
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line + "\r\n"
    pieces: list[bytes] = []
    start, limit = 0, 75
    while len(encoded) - start > limit:
        cut = start + limit
        while encoded[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        pieces.append(encoded[start:cut])
        start, limit = cut, 74  # continuation lines begin with a space
    pieces.append(encoded[start:])
    return b"\r\n ".join(pieces).decode("utf-8") + "\r\n"


def fold_lines(lines: Iterable[str]) -> str:
    """Content lines, each folded where needed and CRLF-terminated."""
    return "".join(map(fold, lines))


def _stamp(moment: dt.datetime) -> str:
    return _utc_stamp(moment.astimezone(dt.timezone.utc))


# Many files share a commit time: each is formatted once. The key must be in UTC: two local times of the
# hour repeated when clocks go back differ only by `fold`, which equality and hashing ignore.
@lru_cache(maxsize=4096)
def _utc_stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _when(name: str, moment: dt.date | dt.datetime) -> str:
    if isinstance(moment, dt.datetime):
        return f"{name}:{_stamp(moment)}"
    return f"{name};VALUE=DATE:{moment.year:04d}{moment.month:02d}{moment.day:02d}"


class FeedWriter:
    """Writes the feeds of one site; every story's event is serialised at most once."""

    def __init__(self, site: Site, history: History, *, refresh: str) -> None:
        self.site = site
        self.history = history
        self.refresh = refresh
        self.host = urlsplit(site.site_url).hostname or "newsdesk.invalid"
        self._events: dict[tuple[str, bool], str] = {}
        self._slot_events: dict[str, str] = {}
        self._category_names: dict[tuple[str, tuple[str, ...]], tuple[str, str, str]] = {}
        self._refresh = fold_lines(  # the same in every subscribable feed: folded once
            (f"REFRESH-INTERVAL;VALUE=DURATION:{refresh}", f"X-PUBLISHED-TTL:{refresh}")
        )

    def uid(self, story: Story, *, deadline: bool = False) -> str:
        """`<uid_key>@host`, or `due+<uid_key>@host` for the story's deadline (see the module's text)."""
        return f"{'due+' if deadline else ''}{story.uid_key}@{self.host}"

    def event(self, story: Story, *, deadline: bool = False) -> str:
        key = (story.path, deadline)
        cached = self._events.get(key)
        if cached is None:
            cached = self._events[key] = self._event_text(story, deadline)
        return cached

    def _event_text(self, story: Story, deadline: bool) -> str:
        # The hot path of the feeds (18,000 events at 10,000 stories): lines that are short ASCII by
        # construction (stamps, dates, STATUS) are written as they are; only text from stories is folded.
        site = self.site
        changed = self.history.get(story.path, EPOCH)
        url = site.absolute_url(story.url)
        department, channels, categories = self._names(story.department, story.channels)
        details = [story.summary] if story.summary else []
        details.append(f"Department: {department}")
        details.append(f"Channels: {channels}")
        if story.authors:
            details.append(f"Author: {', '.join(story.authors)}")
        details.append(f"Status: {story.status}")
        details.append(url)
        if deadline:
            assert story.due is not None
            start: dt.date | dt.datetime = story.due
            end: dt.date | dt.datetime = story.due + dt.timedelta(days=1)
            summary = f"Due: {story.title}"
        else:
            start, end, summary = story.start, story.end, story.title
        modified = _stamp(changed.modified)
        return "".join(
            (
                "BEGIN:VEVENT\r\n",
                fold(f"UID:{escape_text(self.uid(story, deadline=deadline))}"),
                f"DTSTAMP:{modified}\r\nCREATED:{_stamp(changed.created)}\r\nLAST-MODIFIED:{modified}\r\n",
                f"SEQUENCE:{changed.sequence}\r\n{_when('DTSTART', start)}\r\n{_when('DTEND', end)}\r\n",
                fold(f"SUMMARY:{escape_text(summary)}"),
                fold(f"DESCRIPTION:{escape_text(chr(10).join(details))}"),
                fold(f"URL:{url}") if site.site_url else "",  # a URI: no relative address without site_url
                categories,
                f"STATUS:{ICS_STATUS[story.status]}\r\nTRANSP:TRANSPARENT\r\n",
                # Outlook reads this as "all day" even for clients that ignore VALUE=DATE on DTEND.
                "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE\r\n" if story.all_day or deadline else "",
                "END:VEVENT\r\n",
            )
        )

    def _names(self, department: str, channels: tuple[str, ...]) -> tuple[str, str, str]:
        """A department's name, its channels' names joined, and the folded CATEGORIES line of both:
        the same few combinations recur across thousands of stories, so each is worked out once."""
        key = (department, channels)
        names = self._category_names.get(key)
        if names is None:
            site = self.site
            department_name = site.department(department).name
            channel_names = [site.channel(channel).name for channel in channels]
            categories = ",".join(escape_text(name) for name in (department_name, *channel_names))
            names = self._category_names[key] = (
                department_name,
                ", ".join(channel_names),
                fold(f"CATEGORIES:{categories}"),
            )
        return names

    def slot_uid(self, hole: SlotDay) -> str:
        """Stable for one occurrence of one slot: `slot+<key>+<yyyy-mm-dd>@host`, which no story can take."""
        return f"slot+{hole.slot.key}+{hole.day.isoformat()}@{self.host}"

    def slot_event(self, hole: SlotDay) -> str:
        cached = self._slot_events.get(hole.id)
        if cached is None:
            cached = self._slot_events[hole.id] = fold_lines(self._slot_lines(hole))
        return cached

    def _slot_lines(self, hole: SlotDay) -> list[str]:
        site = self.site
        slot = hole.slot
        channel = site.channel(slot.channel)
        whose = site.department(hole.department).name if hole.department else ""
        details = ["A recurring slot no story fills yet.", f"Channel: {channel.name}"]
        if whose:
            details.append(f"{'Turn' if slot.rotation else 'Owner'}: {whose}")
        else:
            details.append("Any department may fill it.")
        for story in hole.others:
            details.append(f"On that day: {story.title} ({site.department(story.department).name})")
        # The hole on the agenda, which covers the same days as the feeds (a month page may not exist yet).
        url = site.absolute_url(f"calendar/#slot-{hole.id}")
        details.append(url)
        if hole.start is None:
            start: dt.date | dt.datetime = hole.day
            end: dt.date | dt.datetime = hole.day + dt.timedelta(days=1)
        else:
            start = hole.start
            end = hole.start + dt.timedelta(minutes=site.settings.default_duration_minutes)
        lines = [
            "BEGIN:VEVENT",
            f"UID:{escape_text(self.slot_uid(hole))}",
            f"DTSTAMP:{self._slot_stamp}",
            _when("DTSTART", start),
            _when("DTEND", end),
            f"SUMMARY:{escape_text(f'Open slot: {slot.name}')}",
            f"DESCRIPTION:{escape_text(chr(10).join(details))}",
            *([f"URL:{url}"] if site.site_url else []),
            "CATEGORIES:"
            + ",".join(escape_text(name) for name in ("Open slot", channel.name, whose) if name),
            "STATUS:TENTATIVE",
            "TRANSP:TRANSPARENT",
        ]
        if hole.start is None:
            lines.append("X-MICROSOFT-CDO-ALLDAYEVENT:TRUE")
        lines.append("END:VEVENT")
        return lines

    @property
    def _slot_stamp(self) -> str:
        # Open slots have no file history: they are what the calendar says as of "today" (NEWSDESK_TODAY,
        # SOURCE_DATE_EPOCH or the build date), so their stamp is today's midnight in the site's zone.
        # The same commit built the same day gives the same bytes, and a new day's build is newer.
        settings = self.site.settings
        return _stamp(dt.datetime.combine(settings.today, dt.time(0), tzinfo=settings.zone))

    def calendar(self, feed: Feed) -> str:
        head = [CALENDAR_START]
        if feed.subscribable:
            name, description = escape_text(feed.name), escape_text(feed.description)
            head += [
                fold(f"NAME:{name}"),
                fold(f"X-WR-CALNAME:{name}"),
                fold(f"DESCRIPTION:{description}"),
                fold(f"X-WR-CALDESC:{description}"),
            ]
            if self.site.site_url:
                head.append(fold(f"SOURCE;VALUE=URI:{self.site.absolute_url(feed.path)}"))
            head.append(self._refresh)
        head.extend(self.event(story, deadline=feed.deadlines) for story in feed.stories)
        head.extend(self.slot_event(hole) for hole in feed.slots)
        head.append("END:VCALENDAR\r\n")
        return "".join(head)


def feed_slots(site: Site) -> tuple[SlotDay, ...]:
    """The open slots the feeds carry: none unless `planning_slots_in_feeds`; else every unfilled
    occurrence from today up to the agenda's horizon (`agenda_weeks`), as the calendar pages show them."""
    settings = site.settings
    if not settings.planning_slots_in_feeds or not site.registry.slots:
        return ()
    end = settings.today + dt.timedelta(weeks=settings.agenda_weeks)
    return tuple(open_slots(site, settings.today, end))


def site_feeds(site: Site, statuses: Iterable[str]) -> list[Feed]:
    """Every feed of the site: all, deadlines, one per department and one per channel."""
    shown = frozenset(statuses)
    included = tuple(story for story in site.stories if story.status in shown)
    org = site.settings.site_name or "newsdesk"
    holes = feed_slots(site)
    everything = f"Every story planned and published by {org}."
    if holes:
        everything += " Recurring slots no story fills yet are TENTATIVE events named Open slot."
    feeds = [
        Feed(ALL_FEED, f"{org}: all stories", everything, included, slots=holes),
        Feed(
            DEADLINES_FEED,
            f"{org}: deadlines",
            "The day each story's draft is due.",
            tuple(story for story in included if story.due is not None),
            deadlines=True,
        ),
    ]
    for key, department in site.registry.departments.items():
        mine = tuple(story for story in site.by_department[key] if story.status in shown)
        turns = tuple(hole for hole in holes if hole.department == key)
        feeds.append(Feed(department_feed_path(key), f"{org}: {department.name}",
                          f"Stories from {department.name}.", mine, slots=turns))  # fmt: skip
    for key, channel in site.registry.channels.items():
        mine = tuple(story for story in site.by_channel[key] if story.status in shown)
        on = tuple(hole for hole in holes if hole.slot.channel == key)
        description = f"Stories for {channel.name}."
        feeds.append(Feed(channel_feed_path(key), f"{org}: {channel.name}", description, mine, slots=on))
    return feeds


def site_wide_files(writer: FeedWriter, feeds: Iterable[Feed]) -> Iterator[tuple[str, str]]:
    """The feeds a page may link to (`site_feeds`) and stories.json, as (path in the built site, text).
    Made one at a time as they are asked for, so that the 50 MB of feeds of 10,000 stories are never all
    held in memory."""
    for feed in feeds:
        yield feed.path, writer.calendar(feed)
    yield STORIES_JSON, stories_json(writer.site)


def story_files(writer: FeedWriter) -> Iterator[tuple[str, str]]:
    """The one-event feed behind each story's "Add to calendar" link, as (path in the built site, text).
    Events already made for the site-wide feeds by the same writer are reused."""
    for story in writer.site.stories:
        path = story_feed_path(story)
        yield path, writer.calendar(Feed(path, story.title, story.summary, (story,), subscribable=False))


def stories_json(site: Site) -> str:
    """Every story, whatever its status, for other tools."""
    records = []
    for story in site.stories:
        records.append(
            {
                "id": story.id,
                "title": story.title,
                "date": story.start.isoformat(),
                "end": story.end.isoformat(),
                "all_day": story.all_day,
                "timezone": story.timezone,
                "department": story.department,
                "channels": list(story.channels),
                "status": story.status,
                "authors": list(story.authors),
                "summary": story.summary,
                "due": story.due.isoformat() if story.due else None,
                "tags": list(story.tags),
                "campaign": story.campaign or None,
                "url": site.absolute_url(story.url),
                "source": story.path,
            }
        )
    # One story a line: readable in a diff, and json's fast encoder (indent= would use the slow one).
    # One encoder for all: json.dumps with any option set builds a new one for every call.
    lines = ",\n".join(map(json.JSONEncoder(ensure_ascii=False).encode, records))
    return f'{{"generator": {json.dumps(PRODID)},\n"stories": [\n{lines}\n]}}\n'
