"""The words newsdesk writes into the feeds' events, in the site's language: a deadline's and an open
slot's SUMMARY, the labels of their DESCRIPTION lines and the open slots' category.

Each is a message with named placeholders, translated once per `FeedWriter` (ical.py) and filled in for
each event: the feeds of 10,000 stories ask for them 50,000 times. What machines read (UIDs, STATUS,
the status written after "Status:") stays as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.core.text import gettext


@dataclass(frozen=True)
class EventWords:
    due: str
    department: str
    channels: str
    author: str
    status: str
    open_slot: str
    open_slot_category: str
    slot_note: str
    channel: str
    turn: str
    owner: str
    anyone: str
    same_day: str

    @classmethod
    def installed(cls) -> EventWords:
        """The words in the language installed for the build (core/text.py)."""
        return cls(
            due=gettext("Due: %(title)s"),
            department=gettext("Department: %(department)s"),
            channels=gettext("Channels: %(channels)s"),
            author=gettext("Author: %(authors)s"),
            status=gettext("Status: %(status)s"),
            open_slot=gettext("Open slot: %(slot)s"),
            open_slot_category=gettext("Open slot"),
            slot_note=gettext("A recurring slot no story fills yet."),
            channel=gettext("Channel: %(channel)s"),
            turn=gettext("Turn: %(department)s"),
            owner=gettext("Owner: %(department)s"),
            anyone=gettext("Any department may fill it."),
            same_day=gettext("On that day: %(title)s (%(department)s)"),
        )
