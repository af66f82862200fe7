"""`Finding`: one thing for the desk to look at, with the warning `Problem` it carries; `KINDS`, in order.

Every finding is a warning, never an error, and its problem points at the story involved (`path:line`) or
else at the registry entry behind the rule. `warning` and `short_day` are the words every family of
checks uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.core.dates import long_date
from newsdesk.core.problems import Problem, Severity
from newsdesk.core.text import ngettext

if TYPE_CHECKING:
    import datetime as dt

    from newsdesk.core.model import Story
    from newsdesk.planning.slots import SlotDay

KINDS = ("quiet", "cadence", "slot", "gaps", "clash", "copy", "missed", "overdue", "results")
"""Every kind of finding, in the order the dashboard and the report list them."""


@dataclass(frozen=True)
class Finding:
    """One thing for the desk to look at, with what the dashboard needs to link to it."""

    kind: str
    problem: Problem
    department: str = ""
    channel: str = ""
    days: tuple[dt.date, ...] = ()
    stories: tuple[Story, ...] = ()
    slot: SlotDay | None = None

    @property
    def message(self) -> str:
        return self.problem.message


def warning(path: str, line: int, message: str, hint: str = "", kind: str = "") -> Problem:
    """The warning a finding carries, titled `newsdesk: <kind>` for GitHub's annotations."""
    title = f"newsdesk: {kind}" if kind else "newsdesk"
    return Problem(path, line, 0, message, hint, Severity.WARNING, title)


def short_day(day: dt.date) -> str:
    """`Tue 3 Nov`: a day as findings name it."""
    return long_date(day, year=False, short=True)


def dated(day: dt.date) -> str:
    """`Tue 3 Nov 2026`: a day and its year as findings name them, in the site's language."""
    return long_date(day, short=True)


def days_ago(days: int) -> str:
    """`3 days ago`, counted as the language counts."""
    return ngettext("%(num)d day ago", "%(num)d days ago", days)
