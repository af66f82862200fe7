"""Findings about recurring slots: occurrences in the next 14 days that no story fills, naming the story
from another department that is on the slot's day when there is one."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from newsdesk.core.text import gettext
from newsdesk.planning.findings.finding import Finding, dated, warning
from newsdesk.planning.slots import SlotDay, slot_calendar
from newsdesk.sources.registry import SLOTS_FILE

if TYPE_CHECKING:
    from newsdesk.core.site import Site

SLOT_HORIZON = dt.timedelta(days=14)
"""Unfilled slots are findings from this close."""


def unfilled_slots(site: Site) -> list[Finding]:
    """Occurrences of recurring slots in the next 14 days that no story fills. A story from another
    department on a slot that is not its turn is named, at its own line: it is probably the mix-up."""
    today = site.settings.today
    path = f"{site.registry.folder}/{SLOTS_FILE}"
    found = []
    for occurrence in slot_calendar(site, today, today + SLOT_HORIZON):
        if occurrence.filled:
            continue
        slot = occurrence.slot
        message = _open(site, occurrence)
        if occurrence.others:
            story = occurrence.others[0]
            theirs = site.registry.departments[story.department].name
            message = gettext(
                "%(open)s; '%(title)s' is on that day but is from %(department)s",
                open=message,
                title=story.title,
                department=theirs,
            )
            problem = warning(story.path, story.line_of("channels"), message, "", "unfilled slot")
        else:
            problem = warning(path, slot.line, message, "plan a story for it", "unfilled slot")
        found.append(
            Finding(
                "slot",
                problem,
                department=occurrence.department,
                channel=slot.channel,
                days=(occurrence.day,),
                stories=occurrence.others,
                slot=occurrence,
            )
        )
    return found


def _open(site: Site, occurrence: SlotDay) -> str:
    """ "<slot> on <day> is open", saying whose turn or slot it is when it is a department's."""
    values = {"slot": occurrence.slot.name, "day": dated(occurrence.day)}
    if not occurrence.department:
        return gettext("%(slot)s on %(day)s is open", **values)
    name = site.registry.departments[occurrence.department].name
    if occurrence.slot.rotation:
        return gettext("%(slot)s on %(day)s is open: it is %(department)s's turn", department=name, **values)
    return gettext("%(slot)s on %(day)s is open (%(department)s's slot)", department=name, **values)
