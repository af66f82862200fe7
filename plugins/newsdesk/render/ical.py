"""The feeds' events and calendars, written through the icalendar library (RFC 5545 and RFC 7986).

Each event is assembled from the content lines and values of `icallines.py`. What keeps the site-wide
feeds fast: each event is serialised once and shared by every feed that holds it; what a story's event
and its deadline's have in common (history times, DESCRIPTION, URL, CATEGORIES, STATUS) is made once; and
recurring values (commit times, days, category lines, the calendar's head) are formatted once per writer.
Folding through the library is about a third of what is left.

Timed stories are written in UTC: every client converts UTC correctly, so no VTIMEZONE can be misread, and
a subscriber sees the time in their own zone. No feed says X-WR-TIMEZONE: clients that apply it to UTC
times shift events across the repeated hour when clocks go back. UIDs are `<story.uid_key>@host` (the
story's `id:`, or `<department>/<slug>`, so a new date in the file name keeps the event),
`due+<uid_key>@host` for a deadline and `slot+<slot>+<yyyy-mm-dd>@host` for an open slot: no story's key
holds a '+' before its first '/', so no story can take the UID of a deadline or a slot. Addresses (`URL`,
`SOURCE`) are percent-encoded by `Site.absolute_url`, so a URI, which iCalendar does not escape, never holds
a raw line break. A story's "Add to calendar" file is one event, not a calendar to subscribe to: no NAME,
X-WR-CALNAME, DESCRIPTION, SOURCE, REFRESH-INTERVAL or X-PUBLISHED-TTL (Outlook makes a new calendar of a
file that has a name). Unfilled recurring slots (`planning_slots_in_feeds`) are TENTATIVE "Open slot" events.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from icalendar.prop import vDatetime, vDDDTypes, vDuration, vInt, vUri

from newsdesk.render.eventwords import EventWords
from newsdesk.render.icallines import (
    ALL_DAY,
    CALENDAR_START,
    STATUS_LINES,
    TENTATIVE,
    TRANSPARENT,
    categories,
    constant,
    datetime_bytes,
    duration,
    fold,
    text,
)
from newsdesk.render.memo import part

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newsdesk.core.model import Story
    from newsdesk.core.site import Site
    from newsdesk.planning.slots import SlotDay
    from newsdesk.render.feeds import Feed
    from newsdesk.render.memo import Memo
    from newsdesk.sources.history import History

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class FeedWriter:
    """Writes the feeds of one site; every story's event is serialised at most once."""

    def __init__(self, site: Site, history: History, *, refresh: str, memo: Memo | None = None) -> None:
        self.site = site
        self.memo = memo
        """Under `mkdocs serve`, the events of the build before (memo.py)."""
        self.history = history
        self.refresh = refresh
        self.host = urlsplit(site.site_url).hostname or "newsdesk.invalid"
        self._events: dict[tuple[str, bool], str] = {}
        self._shared: dict[str, str] = {}
        self._sequences: dict[int, str] = {}
        self._slot_events: dict[str, str] = {}
        self._category_names: dict[tuple[str, tuple[str, ...]], tuple[str, str, str]] = {}
        # Values by UTC instant or day: many files share a commit time, many stories a day. In UTC: two local
        # times of the repeated hour differ only by `fold`, which equality and hashing ignore.
        self._stamps: dict[dt.datetime, str] = {}
        self.words = EventWords.installed()
        self._days: dict[dt.date, str] = {}
        interval = vDuration(duration(refresh))
        self._refresh = constant("REFRESH-INTERVAL", interval, VALUE="DURATION") + constant(
            "X-PUBLISHED-TTL", interval
        )  # the same in every subscribable feed: made once

    def uid(self, story: Story, *, deadline: bool = False) -> str:
        """`<uid_key>@host`, or `due+<uid_key>@host` for the story's deadline (see the module's text)."""
        return f"{'due+' if deadline else ''}{story.uid_key}@{self.host}"

    def _stamp(self, moment: dt.datetime) -> str:
        utc = moment.astimezone(dt.UTC)
        value = self._stamps.get(utc)
        if value is None:
            value = self._stamps[utc] = datetime_bytes(vDatetime(utc)).decode()
        return value

    def _when(self, name: str, moment: dt.date | dt.datetime) -> str:
        """DTSTART or DTEND: a UTC DATE-TIME, or a DATE (`;VALUE=DATE:`, vDDDTypes' parameter)."""
        if isinstance(moment, dt.datetime):
            return f"{name}:{self._stamp(moment)}\r\n"
        value = self._days.get(moment)
        if value is None:
            day = vDDDTypes(moment)
            value = self._days[moment] = f";{day.params.to_ical().decode()}:{day.to_ical().decode()}"
        return f"{name}{value}\r\n"

    def event(self, story: Story, *, deadline: bool = False) -> str:
        key = (story.path, deadline)
        cached = self._events.get(key)
        if cached is None:
            changed = self.history.get(story.path, EPOCH)  # the file's history: part of what it is made of
            cached = self._events[key] = part(
                self.memo, ("event", *key), story, changed, lambda: self._event_text(story, deadline)
            )
        return cached

    def _event_text(self, story: Story, deadline: bool) -> str:
        # The hot path of the feeds (18,000 events at 10,000 stories): what a story's event and its
        # deadline's share is made once, and only the UID, times and SUMMARY are made for each.
        if deadline:
            assert story.due is not None
            start: dt.date | dt.datetime = story.due
            end: dt.date | dt.datetime = story.due + dt.timedelta(days=1)
            summary = self.words.due % {"title": story.title}
        else:
            start, end, summary = story.start, story.end, story.title
        return "".join(
            (
                "BEGIN:VEVENT\r\n",
                fold(f"UID:{text(self.uid(story, deadline=deadline))}"),
                self._when("DTSTART", start),
                self._when("DTEND", end),
                fold(f"SUMMARY:{text(summary)}"),
                self._shared_lines(story),
                ALL_DAY if story.all_day or deadline else "",
                "END:VEVENT\r\n",
            )
        )

    def _shared_lines(self, story: Story) -> str:
        """The lines a story's event and its deadline's have in common: the times and SEQUENCE of its file's
        history, DESCRIPTION, URL, CATEGORIES, STATUS and TRANSP."""
        lines = self._shared.get(story.path)
        if lines is None:
            site = self.site
            changed = self.history.get(story.path, EPOCH)
            modified = self._stamp(changed.modified)
            sequence = self._sequences.get(changed.sequence)
            if sequence is None:
                sequence = self._sequences[changed.sequence] = vInt(changed.sequence).to_ical().decode()
            url = site.absolute_url(story.url)
            department, channels, categories = self._names(story.department, story.channels)
            words = self.words
            details = [*([story.summary] if story.summary else []), words.department % {"department": department},
                       words.channels % {"channels": channels},
                       *([words.author % {"authors": ", ".join(story.authors)}] if story.authors else []),
                       words.status % {"status": story.status}, url]  # fmt: skip
            lines = self._shared[story.path] = "".join(
                (
                    f"DTSTAMP:{modified}\r\nCREATED:{self._stamp(changed.created)}\r\n",
                    f"LAST-MODIFIED:{modified}\r\nSEQUENCE:{sequence}\r\n",
                    fold(f"DESCRIPTION:{text(chr(10).join(details))}"),
                    # a URI: no relative address without site_url
                    fold(f"URL:{vUri(url).to_ical().decode()}") if site.site_url else "",
                    categories,
                    STATUS_LINES[story.status],
                    TRANSPARENT,
                )
            )
        return lines

    def _names(self, department: str, channels: tuple[str, ...]) -> tuple[str, str, str]:
        """A department's name, its channels' names joined, and the folded CATEGORIES line of both:
        the same few combinations recur across thousands of stories, so each is worked out once."""
        key = (department, channels)
        names = self._category_names.get(key)
        if names is None:
            site = self.site
            department_name = site.department(department).name
            channel_names = [site.channel(channel).name for channel in channels]
            names = self._category_names[key] = (
                department_name,
                ", ".join(channel_names),
                categories(department_name, *channel_names),
            )
        return names

    def keep_only(self, stories: Iterable[Story]) -> None:
        """Forget every event but the story events of `stories`, and what events share: once the site-wide
        feeds are written, only "Add to calendar" asks again, for stories from today on (at 10,000 stories
        the rest is 13 MB the build would otherwise hold to its end)."""
        kept = {(story.path, False) for story in stories}
        self._events = {key: text for key, text in self._events.items() if key in kept}
        self._shared.clear()
        self._slot_events.clear()

    def slot_uid(self, hole: SlotDay) -> str:
        """Stable for one occurrence of one slot: `slot+<key>+<yyyy-mm-dd>@host`, which no story can take."""
        return f"slot+{hole.slot.key}+{hole.day.isoformat()}@{self.host}"

    def slot_event(self, hole: SlotDay) -> str:
        cached = self._slot_events.get(hole.id)
        if cached is None:
            cached = self._slot_events[hole.id] = self._slot_text(hole)
        return cached

    def _slot_text(self, hole: SlotDay) -> str:
        site = self.site
        slot = hole.slot
        channel = site.channel(slot.channel)
        whose = site.department(hole.department).name if hole.department else ""
        # The hole on the agenda, which covers the same days as the feeds (a month page may not exist yet).
        url = site.absolute_url(f"calendar/#slot-{hole.id}")
        words = self.words
        details = [words.slot_note, words.channel % {"channel": channel.name},
                   (words.turn if slot.rotation else words.owner) % {"department": whose} if whose else words.anyone,
                   *(words.same_day % {"title": s.title, "department": site.department(s.department).name}
                     for s in hole.others), url]  # fmt: skip
        if hole.start is None:
            start: dt.date | dt.datetime = hole.day
            end: dt.date | dt.datetime = hole.day + dt.timedelta(days=1)
        else:
            start = hole.start
            end = hole.start + dt.timedelta(minutes=site.settings.default_duration_minutes)
        return "".join(
            (
                "BEGIN:VEVENT\r\n",
                fold(f"UID:{text(self.slot_uid(hole))}"),
                f"DTSTAMP:{self._slot_stamp}\r\n",
                self._when("DTSTART", start),
                self._when("DTEND", end),
                fold(f"SUMMARY:{text(words.open_slot % {'slot': slot.name})}"),
                fold(f"DESCRIPTION:{text(chr(10).join(details))}"),
                fold(f"URL:{vUri(url).to_ical().decode()}") if site.site_url else "",
                categories(words.open_slot_category, channel.name, *([whose] if whose else [])),
                TENTATIVE,
                TRANSPARENT,
                ALL_DAY if hole.start is None else "",
                "END:VEVENT\r\n",
            )
        )

    @property
    def _slot_stamp(self) -> str:
        # Open slots have no file history: they are what the calendar says as of "today" (NEWSDESK_TODAY,
        # SOURCE_DATE_EPOCH or the build date), so their stamp is today's midnight in the site's zone.
        # The same commit built the same day gives the same bytes, and a new day's build is newer.
        settings = self.site.settings
        return self._stamp(dt.datetime.combine(settings.today, dt.time(0), tzinfo=settings.zone))

    def calendar(self, feed: Feed) -> str:
        head = [CALENDAR_START]
        if feed.subscribable:
            name, description = text(feed.name), text(feed.description)
            head += [
                fold(f"NAME:{name}"),
                fold(f"X-WR-CALNAME:{name}"),
                fold(f"DESCRIPTION:{description}"),
                fold(f"X-WR-CALDESC:{description}"),
            ]
            if self.site.site_url:
                head.append(constant("SOURCE", vUri(self.site.absolute_url(feed.path)), VALUE="URI"))
            head.append(self._refresh)
        head.extend(self.event(story, deadline=feed.deadlines) for story in feed.stories)
        head.extend(self.slot_event(hole) for hole in feed.slots)
        head.append("END:VCALENDAR\r\n")
        return "".join(head)
