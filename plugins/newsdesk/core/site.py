"""Everything the generated pages and feeds are made from: the registry, the settings, the valid stories.

Also the one place that turns a path below the site root into an address (`Site.page_path`,
`Site.absolute_url`): percent-encoded as MkDocs encodes its own pages' addresses, so a space, a non-ASCII
letter, a `?`, a `#` or a line break in a file name is never a raw character of a link, a feed's `URL:`
or stories.json. Paths on disk (what MkDocs and the feed writer write to) stay as they are; the feeds'
paths are listed here too, so that pages and feeds name the same files.
"""

from __future__ import annotations

import base64
import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import quote, urlencode

from newsdesk.core.schedule import months_spanned

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from newsdesk.core.model import Channel, Department, Registry, Settings, Story
    from newsdesk.core.schedule import Month

STORIES_JSON = "feeds/stories.json"
ALL_FEED = "feeds/all.ics"
DEADLINES_FEED = "feeds/deadlines.ics"
PUBLISHED_ATOM = "feeds/published.xml"
NUDGES_ATOM = "feeds/nudges.xml"
NUDGE_PAGE = "nudge/"
PROPOSE_PAGE = "contribute/new/"
DASHBOARD_PAGE = "dashboard/"

T = TypeVar("T")


def dashboard_month_path(month: Month) -> str:
    """The frozen report of a past month: /dashboard/YYYY/MM/."""
    return f"{DASHBOARD_PAGE}{month.year:04d}/{month.month:02d}/"


def channel_atom_path(key: str) -> str:
    """A channel's Atom feed, for the tools that post to it: beside its .ics, under the same name."""
    return f"feeds/channels/{key}.xml"


def propose_path(
    department: str = "", channel: str = "", day: dt.date | None = None, time: dt.time | None = None
) -> str:
    """The "propose a story" page, filled in with what is known (a department's page gives the department;
    an open slot its department, channel, day and time): its query percent-encoded here, since
    `Site.page_path` encodes only the path before a `?`."""
    query = {"department": department, "channels": channel, "date": day.isoformat() if day else ""}
    if time is not None:
        query["time"] = time.strftime("%H:%M")
    query = {key: value for key, value in query.items() if value}  # anyone's slot: the contributor picks
    return f"{PROPOSE_PAGE}?{urlencode(query, quote_via=quote)}" if query else PROPOSE_PAGE


def department_feed_path(key: str) -> str:
    return f"feeds/departments/{key}.ics"


def channel_feed_path(key: str) -> str:
    return f"feeds/channels/{key}.ics"


def story_feed_path(story: Story) -> str:
    """The name a story's "Add to calendar" event has, as if it were a file of the site."""
    return f"feeds/{story.url.rstrip('/')}.ics"


def has_story_feed(story: Story, today: dt.date) -> bool:
    """Whether a story's page offers "Add to calendar": from today on, when someone may still want it in
    their calendar. A past story is in the feeds of its department and channels already."""
    return story.day >= today


def calendar_data_url(calendar: str) -> str:
    """A `data:` address holding a whole iCalendar text, base64-encoded (letters, digits, `+`, `/` and
    `=`: nothing an HTML attribute or an address reads specially, and one C call rather than a
    percent-encoder's walk over every character): the "Add to calendar" button downloads it as a file,
    and no site file is written for it (at 10,000 stories, 5,000 files fewer, each costing more to create
    than to fill)."""
    return CALENDAR_DATA + base64.b64encode(calendar.encode("utf-8")).decode("ascii")


CALENDAR_DATA = "data:text/calendar;charset=utf-8;base64,"


_PLAIN = re.compile(r"[A-Za-z0-9/_.~-]*")
"""What `quote(path, safe="/")` leaves as it is: most paths, which then skip the encoder."""


def url_path(path: str) -> str:
    """A path below the site root as an address: percent-encoded, '/' kept, exactly as MkDocs encodes a
    page's `url` (so the two compare equal: pages.relative_url relies on it)."""
    return path if _PLAIN.fullmatch(path) else quote(path, safe="/")


def url_base(site_url: str) -> str:
    """MkDocs' `site_url` with whatever no address may hold raw (controls, spaces, non-ASCII) encoded:
    MkDocs checks only that it parses, and Python's parser drops tabs and line breaks before it looks."""
    return quote(site_url, safe=":/?#[]@!$&'()*+,;=%~")


@dataclass(frozen=True)
class Site:
    registry: Registry
    settings: Settings
    stories: tuple[Story, ...]
    site_url: str = ""
    """The published address of the site (MkDocs' `site_url`), ending in '/', or '' when unknown."""
    directory_urls: bool = True
    """MkDocs' `use_directory_urls`. newsdesk names pages in the directory form (`departments/hr/`) and
    `page_path` turns that into the file a build without directory URLs writes."""

    @cached_property
    def by_department(self) -> dict[str, list[Story]]:
        grouped: dict[str, list[Story]] = {key: [] for key in self.registry.departments}
        for story in self.stories:
            grouped[story.department].append(story)
        return grouped

    @cached_property
    def months(self) -> list[Month]:
        """The calendar's months, each with a page: those holding a story, joined by the empty months
        between two less than a year apart (`schedule.months_spanned`). Worked out once: the month pages,
        the dashboard's links and the past months' reports all ask."""
        return months_spanned((story.day for story in self.stories), self.settings.today)

    @cached_property
    def by_channel(self) -> dict[str, list[Story]]:
        grouped: dict[str, list[Story]] = {key: [] for key in self.registry.channels}
        for story in self.stories:
            for channel in story.channels:
                grouped[channel].append(story)
        return grouped

    def on(self, day: dt.date, **settings: Any) -> Site:
        """The same stories with `day` as today (a nudge's day, a past month's last day), and any other
        setting changed; the groupings that do not depend on the day are shared, not worked out again."""
        other = dataclasses.replace(self, settings=dataclasses.replace(self.settings, today=day, **settings))
        other.__dict__["_shared"] = self._shared  # made now if need be: every copy then shares the one
        for name in ("by_department", "by_channel"):
            if name in self.__dict__:  # cached_property keeps its value in the instance's __dict__
                other.__dict__[name] = self.__dict__[name]
        return other

    def shared(self, make: Callable[[Site], T]) -> T:
        """`make(self)`, worked out once and shared with every `on()` copy: for what the planning passes
        derive from the stories and the registry alone (an index by day, the days a channel is over its
        limit), never from today, another setting or the language, which a copy may change."""
        memo = self._shared
        if make not in memo:
            memo[make] = make(self)
        return cast("T", memo[make])

    @cached_property
    def _shared(self) -> dict[Callable[[Site], object], object]:
        return {}

    def department(self, key: str) -> Department:
        return self.registry.departments[key]

    def channel(self, key: str) -> Channel:
        return self.registry.channels[key]

    def absolute_url(self, path: str) -> str:
        """`path` below the site root as a full address, or as a root-relative path without `site_url`;
        percent-encoded (see `page_path`)."""
        return self._base_url + self.page_path(path.lstrip("/"))

    @cached_property
    def _base_url(self) -> str:
        return url_base(self.site_url) if self.site_url else "/"

    def page_path(self, path: str) -> str:
        """A page's directory-form path (`departments/hr/`, `stories/hr/welcome/`, `calendar/#slot-x`) as
        the address of what the build writes: with directory URLs the same; else the file a browser opens
        from disk too, `departments/hr/index.html`, `stories/hr/welcome.html`, `calendar/index.html#slot-x`.

        The path part is percent-encoded (`url_path`); a `?` or `#` starts the query or fragment, which
        newsdesk itself writes (`?department=hr`, `#slot-x`), except in a story's address or its feed,
        which are paths to the end whatever their file names hold."""
        if self.directory_urls and _PLAIN.fullmatch(path):
            return path  # most calls: nothing to encode, nothing to rewrite
        if path in self._whole_paths:
            page, rest = path, ""
        else:
            cut = len(path)
            for mark in "?#":
                at = path.find(mark)
                if 0 <= at < cut:
                    cut = at
            page, rest = path[:cut], path[cut:]
        if self.directory_urls or (page and not page.endswith("/")):  # or a file: feeds/all.ics, assets/...
            return url_path(page) + rest
        if page in self._whole_paths:  # stories/hr/welcome.md, not stories/hr/welcome/index.md
            return f"{url_path(page[:-1])}.html{rest}"
        return f"{url_path(page)}index.html{rest}"

    @cached_property
    def _whole_paths(self) -> frozenset[str]:
        """The stories' addresses, whose every character is part of the path."""
        return frozenset(story.url for story in self.stories)
