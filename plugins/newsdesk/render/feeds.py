"""Which feeds a site has, what each is called and holds, and the JSON list of stories.

The site's feed, its deadlines, one feed per department and one per channel (`site_feeds`), each story's
"Add to calendar" event (`story_calendar`, which the story's page holds as a `data:` address) and
stories.json. How their events and calendars are written (UTC, UIDs, the one-event calendar) is `ical.py`'s,
through the icalendar library's value types and folding (`icallines.py`).

With the option `planning_slots_in_feeds`, the site's feed, the slot's channel feed and the feed of the
department whose turn it is also carry each unfilled recurring slot from today to the agenda's horizon as
a TENTATIVE "Open slot: <name>" event.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.core.site import ALL_FEED, DEADLINES_FEED, channel_feed_path, department_feed_path
from newsdesk.core.site import (
    STORIES_JSON as STORIES_JSON,  # the table of feed paths is site.py's; these two as before
)
from newsdesk.core.site import story_feed_path as story_feed_path
from newsdesk.core.text import gettext
from newsdesk.planning.slots import open_slots
from newsdesk.render.icallines import PRODID

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from newsdesk.core.model import Story
    from newsdesk.core.site import Site
    from newsdesk.planning.slots import SlotDay
    from newsdesk.render.ical import FeedWriter


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
    if holes:
        everything = gettext(
            "Every story planned and published by %(site)s. Recurring slots no story fills yet are TENTATIVE"
            " events named Open slot.",
            site=org,
        )
    else:
        everything = gettext("Every story planned and published by %(site)s.", site=org)
    feeds = [
        Feed(ALL_FEED, gettext("%(site)s: all stories", site=org), everything, included, slots=holes),
        Feed(
            DEADLINES_FEED,
            gettext("%(site)s: deadlines", site=org),
            gettext("The day each story's draft is due."),
            tuple(story for story in included if story.due is not None),
            deadlines=True,
        ),
    ]
    for key, department in site.registry.departments.items():
        mine = tuple(story for story in site.by_department[key] if story.status in shown)
        turns = tuple(hole for hole in holes if hole.department == key)
        feeds.append(Feed(department_feed_path(key), feed_name(org, department.name),
                          gettext("Stories from %(department)s.", department=department.name), mine, slots=turns))  # fmt: skip
    for key, channel in site.registry.channels.items():
        mine = tuple(story for story in site.by_channel[key] if story.status in shown)
        on = tuple(hole for hole in holes if hole.slot.channel == key)
        description = gettext("Stories for %(channel)s.", channel=channel.name)
        feeds.append(Feed(channel_feed_path(key), feed_name(org, channel.name), description, mine, slots=on))
    return feeds


def feed_name(org: str, name: str) -> str:
    """A department's or a channel's feed name, "Alder Bay: Research" (the Atom feeds' too)."""
    return gettext("%(site)s: %(name)s", site=org, name=name)


def site_wide_files(writer: FeedWriter, feeds: Iterable[Feed]) -> Iterator[tuple[str, str]]:
    """The feeds a page may link to (`site_feeds`) and stories.json, as (path in the built site, text).
    Made one at a time as they are asked for, so that the 50 MB of feeds of 10,000 stories are never all
    held in memory."""
    for feed in feeds:
        yield feed.path, writer.calendar(feed)
    yield STORIES_JSON, stories_json(writer.site)


def story_calendar(writer: FeedWriter, story: Story) -> str:
    """The one-event calendar behind a story's "Add to calendar" button, reusing the event the same writer
    made for the site-wide feeds."""
    return writer.calendar(
        Feed(story_feed_path(story), story.title, story.summary, (story,), subscribable=False)
    )


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
