"""Findings about recurring slots: occurrences in the next 14 days that no story fills, naming the story
from another department that is on the slot's day when there is one."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from newsdesk.planning.findings.finding import Finding, short_day, warning
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
        whose = _whose(site, occurrence)
        message = f"{slot.name} on {short_day(occurrence.day)} {occurrence.day.year} is open{whose}"
        if occurrence.others:
            story = occurrence.others[0]
            theirs = site.registry.departments[story.department].name
            message += f"; '{story.title}' is on that day but is from {theirs}"
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


def _whose(site: Site, occurrence: SlotDay) -> str:
    if not occurrence.department:
        return ""
    name = site.registry.departments[occurrence.department].name
    return f": it is {name}'s turn" if occurrence.slot.rotation else f" ({name}'s slot)"
