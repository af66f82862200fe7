"""How findings, the dashboard and the report count stories, and the window the checks look at.

- a story *went out* when its day is before today and its status is `published`: only someone marking it
  published says it went out (a story still `scheduled` after its day may never have been posted);
- a story is *planned* when its day is today or later and it is not cancelled;
- a story is *missed* when its day is before today and it is neither published nor cancelled: the calendar
  does not know what became of it, and counts it neither way until someone says;
- a cadence's target over a number of days is pro-rated from its count a week or a month.

`timelines` indexes the stories by these rules' statuses, for the passes that ask about one day's window.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsdesk.core.model import Cadence, Story
    from newsdesk.core.schedule import Month

WINDOW = dt.timedelta(weeks=4)
"""Cadence is checked over the last four weeks and the coming four; gap days over the coming four."""
SETTLED_STATUSES = frozenset({"published", "cancelled"})
"""The statuses that say what became of a story: once its day has passed, any other is a missed date."""
DAYS_PER = {"week": 7.0, "month": 365.25 / 12}


def went_out(story: Story, today: dt.date) -> bool:
    return story.day < today and story.status == "published"


def planned(story: Story, today: dt.date) -> bool:
    return story.day >= today and story.status != "cancelled"


def missed(story: Story, today: dt.date) -> bool:
    """Whether the story's day has passed with nobody saying whether it went out (published or cancelled)."""
    return story.day < today and story.status not in SETTLED_STATUSES


def counts_to_target(story: Story, today: dt.date) -> bool:
    """Whether a story counts towards its department's target: it went out, or it is planned."""
    return went_out(story, today) or planned(story, today)


def required(cadence: Cadence, days: int) -> int:
    """The fewest stories over `days` that keep up with `cadence`: the pro-rated target, rounded down, and
    at least one. Rounded down because a department publishing exactly on target (say 2 a month, every
    fortnight) has one story in some four-week windows and two in others: only fewer is "below"."""
    return max(1, math.floor(cadence.count * days / DAYS_PER[cadence.per] + 1e-9))


def month_target(cadence: Cadence, month: Month) -> int:
    """A cadence's target for one calendar month: the count itself for a monthly cadence."""
    return cadence.count if cadence.per == "month" else required(cadence, len(month.days))
