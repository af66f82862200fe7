"""The Atom feeds (RFC 4287): published stories, what each channel may post, and the recent nudges.

Posting tools (Buffer, Zapier, IFTTT, dlvr.it), chat apps' feed readers and newsletter tools read Atom,
not iCalendar. `atom_feeds` says which feeds a site has and what each holds (for the subscribe page too);
`atom_text` writes one.

The XML is built with the standard library's ElementTree, which escapes every text and attribute; what
XML 1.0 allows in no document at all (controls but tab and line breaks, U+FFFE, U+FFFF) is dropped first,
or the whole feed would be refused. Entry ids are `urn:uuid:` names made (uuid5) from what identifies the
entry and the site's host: a story's `uid_key` (its `id:`, or `<department>/<slug>`, as the iCalendar
UIDs), a channel's key, a nudge's day. So a re-dated story, a rebuild or a new "today" never makes a
posting tool post the same story twice. Times are the stories' own moments (planning/outbound.py) and the
nudges' days, never the clock: the same commit and "today" give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsdesk import __version__
from newsdesk.core.dates import long_date
from newsdesk.core.site import NUDGE_PAGE, NUDGES_ATOM, PUBLISHED_ATOM, channel_atom_path
from newsdesk.core.text import gettext
from newsdesk.planning.nudge import nudge, recent_days
from newsdesk.planning.outbound import day_start, outbound, story_moment
from newsdesk.render.feeds import feed_name
from newsdesk.render.nudge import as_html, view

if TYPE_CHECKING:
    from newsdesk.core.model import Story
    from newsdesk.core.site import Site
    from newsdesk.render.pages import Renderer

ATOM = "http://www.w3.org/2005/Atom"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""What no XML 1.0 document may hold (and the C1 controls, which no text means), as icallines.py drops them."""


@dataclass(frozen=True)
class AtomFeed:
    """One Atom feed: where it is, its title and subtitle, and the stories or nudge days it holds."""

    path: str
    title: str
    subtitle: str
    stories: tuple[Story, ...] = ()
    channel: str = ""
    """A channel's feed: each entry's content is that channel's copy."""
    days: tuple[dt.date, ...] = ()
    """The nudges feed: the days it holds a nudge for, newest first."""

    @property
    def count(self) -> int:
        return len(self.stories) + len(self.days)


def atom_feeds(site: Site) -> list[AtomFeed]:
    """Every Atom feed of the site: published stories, the nudges, one per channel."""
    settings = site.settings
    org = settings.site_name or "newsdesk"
    published = outbound(site.stories, settings.outbound_published_statuses, settings)
    feeds = [
        AtomFeed(PUBLISHED_ATOM, gettext("%(site)s: published", site=org),
                 gettext("Stories %(site)s has published, newest first.", site=org), tuple(published)),
        AtomFeed(NUDGES_ATOM, gettext("%(site)s: nudges", site=org),
                 gettext("What the desk asked for on each working day."), days=tuple(recent_days(settings))),
    ]  # fmt: skip
    for key, channel in site.registry.channels.items():
        due = outbound(site.by_channel[key], settings.outbound_channel_statuses, settings)
        subtitle = gettext(
            "What goes out on %(channel)s, as its time comes: each story's %(channel)s copy.",
            channel=channel.name,
        )
        feeds.append(
            AtomFeed(channel_atom_path(key), feed_name(org, channel.name), subtitle, tuple(due), key)
        )
    return feeds


def clean(value: str) -> str:
    """`value` with what XML cannot hold dropped, and every line break a line feed."""
    return NOT_XML.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def stamp(moment: dt.datetime) -> str:
    """An RFC 3339 date-time in UTC, to the second."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Writer:
    """One feed's XML: each element appended in the order RFC 4287's examples use."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.host = urlsplit(site.site_url).hostname or "newsdesk.invalid"

    def urn(self, name: str) -> str:
        return uuid.uuid5(uuid.NAMESPACE_URL, f"newsdesk:{name}@{self.host}").urn

    @staticmethod
    def add(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, {k: clean(v) for k, v in attrs.items()})
        if text:
            element.text = clean(text)
        return element

    def link(self, parent: ET.Element, path: str, rel: str = "alternate", kind: str = "text/html") -> None:
        self.add(parent, "link", rel=rel, type=kind, href=self.site.absolute_url(path))


def atom_text(feed: AtomFeed, site: Site, renderer: Renderer) -> str:
    """The feed as an Atom document, UTF-8, indented for a readable diff."""
    writer = _Writer(site)
    zone = site.settings.zone
    root = ET.Element("feed", {"xmlns": ATOM})
    writer.add(root, "id", writer.urn(f"feed/{feed.path}"))
    writer.add(root, "title", feed.title)
    writer.add(root, "subtitle", feed.subtitle)
    if feed.stories:
        updated = max(story_moment(s, zone) for s in feed.stories)
    elif feed.days:
        updated = day_start(feed.days[0], zone)
    else:  # nothing yet: as of today, a fixed instant for the day
        updated = day_start(site.settings.today, zone)
    writer.add(root, "updated", stamp(updated))
    writer.link(root, feed.path, "self", "application/atom+xml")
    writer.link(
        root, NUDGE_PAGE if feed.days else f"channels/{feed.channel}/" if feed.channel else "calendar/"
    )
    author = writer.add(root, "author")
    writer.add(author, "name", site.settings.site_name or "newsdesk")
    writer.add(root, "generator", "newsdesk", version=__version__)
    for story in feed.stories:
        _story_entry(writer, root, story, feed.channel)
    for day in feed.days:
        _nudge_entry(writer, root, day, renderer)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _story_entry(writer: _Writer, root: ET.Element, story: Story, channel: str) -> None:
    site = writer.site
    entry = writer.add(root, "entry")
    writer.add(entry, "id", writer.urn(f"channel/{channel}/{story.uid_key}" if channel else story.uid_key))
    writer.add(entry, "title", story.title)
    moment = stamp(story_moment(story, site.settings.zone))
    writer.add(entry, "updated", moment)
    writer.add(entry, "published", moment)
    for name in story.authors:
        writer.add(writer.add(entry, "author"), "name", name)
    writer.link(entry, story.url)
    department = site.department(story.department)
    writer.add(entry, "category", term=department.key, label=department.name)
    if story.summary:
        writer.add(entry, "summary", story.summary, type="text")
    if channel:
        copy = dict(story.copy).get(channel)
        text = copy if copy else f"{story.title} {site.absolute_url(story.url)}"
        writer.add(entry, "content", text, type="text")


def _nudge_entry(writer: _Writer, root: ET.Element, day: dt.date, renderer: Renderer) -> None:
    site = writer.site
    shown = view(nudge(site, day), site)
    entry = writer.add(root, "entry")
    writer.add(entry, "id", writer.urn(f"nudge/{day.isoformat()}"))
    writer.add(entry, "title", gettext("Nudge for %(day)s", day=long_date(day)))
    moment = stamp(day_start(day, site.settings.zone))
    writer.add(entry, "updated", moment)
    writer.add(entry, "published", moment)
    writer.add(entry, "content", as_html(shown, site, renderer, document=False), type="html")
