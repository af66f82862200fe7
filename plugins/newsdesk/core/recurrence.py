"""Recurrence rules, the `every:` of a slot: reading them from the words people write, and their days.

Pure functions over dates: no file, no clock, no registry. `calendar/slots.yml` is read with them
(`sources/slots.py`), and the calendar's slots are laid out with them (`planning/slots.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from newsdesk.core import yamltext
from newsdesk.core.dates import WEEKDAY_NAMES
from newsdesk.core.model import WEEKDAYS, Recurrence
from newsdesk.core.schedule import DateRange, Month

if TYPE_CHECKING:
    from collections.abc import Iterable

ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": -1,
}
ORDINAL_NAMES = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
EVERY_HINT = (
    "for example: every: thursday, every: [tue, thu], every: other friday, "
    "every: 3 weeks on monday, every: first tuesday of the month, every: last friday of the month"
)
# Patterns for whole values, used with fullmatch (`$` lets a trailing newline through).
SEPARATORS = re.compile(r"\s*(?:,|\band\b|&)\s*")
_MONTHLY = re.compile(r"(?:the )?(?P<nth>\S+) (?P<day>[a-z]+)(?P<month> (?:of|in) (?:the|each|every) month)?")
_INTERVAL = re.compile(r"(?:(?P<other>other)|(?P<n>\d{1,3}) weeks? on) (?P<days>.+)")


class RuleError(ValueError):
    """An `every:` text that is not a rhythm newsdesk knows."""


def weekday_number(word: str) -> int | None:
    """Monday is 0: a weekday's name, its start of at least three letters ("thu", "thurs") or a plural
    ("fridays", "fris"), in any case; None for any other word ("monkey")."""
    word = word.strip().lower()
    if len(word) >= 3:
        for index, name in enumerate(WEEKDAY_NAMES):
            full = name.lower()
            if full.startswith(word) or word in (full + "s", WEEKDAYS[index] + "s"):
                return index
    return None


def _weekday(word: str) -> int:
    number = weekday_number(word)
    if number is None:
        raise RuleError(f"'{word.strip().lower()}' is not a weekday")
    return number


def _weekdays(words: Iterable[str]) -> tuple[int, ...]:
    found = sorted({_weekday(word) for word in words if word.strip()})
    if not found:
        raise RuleError("no weekday given")
    return tuple(found)


def parse_every(value: object) -> Recurrence:
    """`thursday`, `[tue, thu]`, `other friday`, `3 weeks on monday`, `first tuesday of the month`."""
    if isinstance(value, list):
        if not value or not all(isinstance(item, str) for item in value):
            raise RuleError("a list of weekdays is expected")
        return Recurrence(_weekdays(value))
    if not isinstance(value, str) or not value.strip():
        raise RuleError(f"found {yamltext.describe(value)}")
    text = " ".join(value.lower().split())
    said_every = text.startswith("every ")
    text = text.removeprefix("every ").strip()
    interval = _INTERVAL.fullmatch(text)
    if interval:
        weeks = 2 if interval["other"] else int(interval["n"])
        if not 1 <= weeks <= 52:
            raise RuleError("the number of weeks must be between 1 and 52")
        return Recurrence(_weekdays(SEPARATORS.split(interval["days"])), interval=weeks)
    monthly = _MONTHLY.fullmatch(text)
    if monthly and monthly["nth"] in ORDINALS:
        nth = ORDINALS[monthly["nth"]]
        if said_every and nth == 2 and not monthly["month"]:
            # "every second Thursday" means every other week to many readers, and the 2nd of the month to others.
            raise RuleError("'every second ...' can be read two ways: write 'every other thursday' "
                            "or 'second thursday of the month'")  # fmt: skip
        return Recurrence((_weekday(monthly["day"]),), nth=nth)
    return Recurrence(_weekdays(SEPARATORS.split(text)))


def describe(rule: Recurrence) -> str:
    """The rhythm in words: "every Thursday", "the first Tuesday of the month"."""
    names = [WEEKDAY_NAMES[day] for day in rule.weekdays]
    days = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    if rule.nth:
        return f"the {ORDINAL_NAMES[rule.nth]} {days} of the month"
    if rule.interval == 2:
        return f"every other {days}"
    if rule.interval > 1:
        return f"every {rule.interval} weeks on {days}"
    return f"every {days}"


def nth_weekday(month: Month, weekday: int, nth: int) -> dt.date | None:
    """The `nth` (1 to 4, or -1 for the last) `weekday` of `month`."""
    if nth == -1:
        last = month.last
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = month.first + dt.timedelta(days=(weekday - month.first.weekday()) % 7)
    day = first + dt.timedelta(weeks=nth - 1)
    return day if day.month == month.month else None


def _monday(day: dt.date) -> dt.date:
    # Rotation and "every other week" count Monday-to-Sunday weeks whatever the site's first weekday
    # is: changing how the calendar displays weeks must not change whose turn it is.
    return day - dt.timedelta(days=day.weekday())


def matches(rule: Recurrence, day: dt.date, anchor: dt.date | None) -> bool:
    """Whether the rule falls on `day` (for an interval, in the anchor's weeks)."""
    if day.weekday() not in rule.weekdays:
        return False
    if rule.nth:
        return nth_weekday(Month.of(day), day.weekday(), rule.nth) == day
    if rule.interval > 1:
        return anchor is not None and ((_monday(day) - _monday(anchor)).days // 7) % rule.interval == 0
    return True


def rule_days(rule: Recurrence, days: DateRange, anchor: dt.date | None = None) -> list[dt.date]:
    """Every day in `days` the rule falls on, in order."""
    if rule.nth:
        found = []
        for month in _months(days):
            day = nth_weekday(month, rule.weekdays[0], rule.nth)
            if day is not None and day in days:
                found.append(day)
        return found
    return [day for day in days if matches(rule, day, anchor)]


def _months(days: DateRange) -> list[Month]:
    if not len(days):
        return []
    months, month = [], Month.of(days.start)
    while month.first <= days.last:
        months.append(month)
        month = month.next()
    return months


def occurrence_index(rule: Recurrence, day: dt.date, anchor: dt.date) -> int:
    """How many occurrences `day` comes after `anchor` (both days the rule falls on); negative before it."""
    if rule.nth:
        return (day.year * 12 + day.month) - (anchor.year * 12 + anchor.month)
    weeks = (_monday(day) - _monday(anchor)).days // 7
    per_week = len(rule.weekdays)
    return (
        (weeks // rule.interval) * per_week
        + rule.weekdays.index(day.weekday())
        - rule.weekdays.index(anchor.weekday())
    )
