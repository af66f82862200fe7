"""Findings about one story at a time: post copy longer than its channel allows (counted as the channel
counts, `copy_length`); a story's day passed while it is neither published nor cancelled (missed); and a
`due` date passed while the story, its day still ahead, is an idea, a draft or in review (overdue).

Missed and overdue never name the same story: once its day has passed, what the desk needs to hear is
that nobody said whether it went out, and "move it on" (overdue's advice) is no longer the question."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsdesk.core.text import gettext
from newsdesk.planning.findings import timelines
from newsdesk.planning.findings.finding import Finding, dated, days_ago, warning

if TYPE_CHECKING:
    import datetime as dt

    from newsdesk.core.model import Channel, Story
    from newsdesk.core.site import Site

URL = re.compile(r"https?://\S+")


def copy_length(text: str, channel: Channel) -> int:
    """The post's length as the channel counts it: each link as `url_length` characters when that is set."""
    if channel.url_length is None:
        return len(text)
    return len(URL.sub("", text)) + channel.url_length * len(URL.findall(text))


def long_copy(site: Site) -> list[Finding]:
    """Post copy longer than its channel allows, on stories not yet published (or cancelled)."""
    found = []
    for story, key, text, length in site.shared(_too_long):
        channel = site.registry.channels[key]
        assert channel.max_length is not None  # a copy is too long for a channel with a limit only
        values = {"channel": channel.name, "length": length, "max": channel.max_length}
        if channel.url_length and URL.search(text):
            message = gettext(
                "the %(channel)s copy is %(length)d characters, links counted as %(url_length)d;"
                " %(channel)s takes at most %(max)d",
                url_length=channel.url_length,
                **values,
            )
        else:
            message = gettext(
                "the %(channel)s copy is %(length)d characters; %(channel)s takes at most %(max)d",
                **values,
            )
        found.append(
            Finding(
                "copy",
                warning(
                    story.path,
                    story.line_of("copy"),
                    message,
                    f"shorten it by {length - channel.max_length}",
                    "copy too long",
                ),
                department=story.department,
                channel=key,
                stories=(story,),
            )
        )
    return found


def missed_dates(site: Site) -> list[Finding]:
    """Stories whose day has passed and that are neither published nor cancelled: the calendar cannot tell
    whether they went out, so they count neither as published nor as planned until someone says."""
    today = site.settings.today
    found = []
    said: dict[dt.date, tuple[str, str]] = {}  # a day and how long ago it was: many stories share a day
    for story in site.shared(timelines.unsettled).between(None, today):  # missed(story, today)
        if story.day not in said:
            said[story.day] = dated(story.day), days_ago((today - story.day).days)
        day, ago = said[story.day]
        # What to do is part of the message, not a hint: report.json, the CSV and the markdown report carry
        # the message only, and each is read by someone who has to act on it.
        message = gettext(
            "'%(title)s' was planned for %(day)s (%(ago)s) and is still %(status)s; set status: published if it"
            " went out, status: cancelled if it will not, or move its date",
            title=story.title,
            day=day,
            ago=ago,
            status=story.status,
        )
        # At `status:`, the line to change in most cases; a story without one (a draft) at its `date:`.
        line = story.lines.get("status") or story.line_of("date")
        found.append(
            Finding(
                "missed",
                warning(story.path, line, message, kind="missed date"),
                department=story.department,
                days=(story.day,),
                stories=(story,),
            )
        )
    return found


def overdue(site: Site) -> list[Finding]:
    """Stories still an idea, a draft or in review whose `due` date has passed, their day still ahead (a
    story whose day has passed too is a missed date instead)."""
    today = site.settings.today
    found = []
    for story in _overdue(site, today):
        assert story.due is not None  # the index holds stories with a due date only
        late = (today - story.due).days
        message = gettext(
            "'%(title)s' was due on %(due)s (%(ago)s) and is still %(status)s",
            title=story.title,
            due=story.due.isoformat(),
            ago=days_ago(late),
            status=story.status,
        )
        found.append(
            Finding(
                "overdue",
                warning(
                    story.path,
                    story.line_of("due"),
                    message,
                    "move it on, or give it a new due date",
                    "overdue",
                ),
                department=story.department,
                days=(story.due,),
                stories=(story,),
            )
        )
    return found


def _too_long(site: Site) -> list[tuple[Story, str, str, int]]:
    """Each copy longer than its channel allows on a story neither published nor cancelled: the story,
    the channel's key, the copy and its length (nothing here depends on today)."""
    found = []
    for story in site.stories:
        if story.status in ("published", "cancelled"):
            continue
        for key, text in story.copy:
            channel = site.registry.channels[key]
            if channel.max_length is None:
                continue
            length = copy_length(text, channel)
            if length > channel.max_length:
                found.append((story, key, text, length))
    return found


def _overdue(site: Site, today: dt.date) -> list[Story]:
    """Open stories (`OPEN_STATUSES`) due before today, their day today or later, in the order given:
    looked for through whichever index (by due date or by day) has fewer stories to look at."""
    by_due, by_day = site.shared(timelines.open_by_due), site.shared(timelines.open_by_day)
    if by_due.count(None, today) <= by_day.count(today):
        return [s for s in by_due.between(None, today) if s.day >= today]
    return [s for s in by_day.between(today) if s.due is not None and s.due < today]
