"""Recurring slots (`calendar/slots.yml`): reading them, their dates, whose turn it is, and whether a
story fills them.

A slot is a promise on the calendar, such as "the newsletter goes out on the first Tuesday of the month,
written by marketing" or "LinkedIn on Thursdays, research, hr and legal taking turns". A story fills an
occurrence when it is on the slot's channel, on that day, not cancelled, and from the department whose
turn it is (any department when the slot has neither `owner` nor `rotation`).

Rotation is decided by counting occurrences from the slot's anchor: the occurrence on the anchor date is
the first department's turn, the next occurrence the second's, and so on round the list, backwards too.
The anchor is the `anchor:` date, which must be a day the slot happens on, or else the first occurrence on
or after `starts:`. Nothing depends on the build date, so every build agrees on whose turn it is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsdesk.core import dates, yamltext
from newsdesk.core.model import WEEKDAYS, Recurrence, Slot
from newsdesk.core.schedule import DateRange, Month

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from zoneinfo import ZoneInfo

    from newsdesk.core.model import Registry, Story
    from newsdesk.core.site import Site
    from newsdesk.sources.registry import _Entries

SLOT_FIELDS = ("name", "channel", "every", "time", "owner", "rotation", "anchor", "starts", "ends")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
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
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_SEPARATORS = re.compile(r"\s*(?:,|\band\b|&)\s*")
_MONTHLY = re.compile(r"(?:the )?(?P<nth>\S+) (?P<day>[a-z]+)(?P<month> (?:of|in) (?:the|each|every) month)?")
_INTERVAL = re.compile(r"(?:(?P<other>other)|(?P<n>\d{1,3}) weeks? on) (?P<days>.+)")


class RuleError(ValueError):
    """An `every:` text that is not a rhythm newsdesk knows."""


def _weekday(word: str) -> int:
    word = word.strip().lower()
    if len(word) >= 3:
        for index, name in enumerate(WEEKDAY_NAMES):
            full = name.lower()
            if full.startswith(word) or word in (full + "s", WEEKDAYS[index] + "s"):
                return index
    raise RuleError(f"'{word}' is not a weekday")


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
        return Recurrence(_weekdays(_SEPARATORS.split(interval["days"])), interval=weeks)
    monthly = _MONTHLY.fullmatch(text)
    if monthly and monthly["nth"] in ORDINALS:
        nth = ORDINALS[monthly["nth"]]
        if said_every and nth == 2 and not monthly["month"]:
            # "every second Thursday" means every other week to many readers, and the 2nd of the month to others.
            raise RuleError("'every second ...' can be read two ways: write 'every other thursday' "
                            "or 'second thursday of the month'")  # fmt: skip
        return Recurrence((_weekday(monthly["day"]),), nth=nth)
    return Recurrence(_weekdays(_SEPARATORS.split(text)))


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


def _matches(rule: Recurrence, day: dt.date, anchor: dt.date | None) -> bool:
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
    return [day for day in days if _matches(rule, day, anchor)]


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


def turn(slot: Slot, day: dt.date) -> str:
    """The department whose story fills `slot` on `day` (one of its days); '' when any department may."""
    if slot.rotation and slot.anchor is not None:
        return slot.rotation[occurrence_index(slot.every, day, slot.anchor) % len(slot.rotation)]
    return slot.owner


def slot_days(slot: Slot, days: DateRange) -> list[dt.date]:
    """The days of `slot` within `days`, within its own `starts` and `ends`."""
    start = max(days.start, slot.starts) if slot.starts else days.start
    end = min(days.end, slot.ends + dt.timedelta(days=1)) if slot.ends else days.end
    return rule_days(slot.every, DateRange(start, end), slot.anchor) if start < end else []


def local_start(day: dt.date, time: dt.time | None, zone: ZoneInfo) -> dt.datetime | None:
    """The slot's moment on `day` in `zone`. A time the clocks skip moves forward by the gap (01:30 on the
    night clocks go forward is 02:30); a time that happens twice means the first."""
    if time is None:
        return None
    wall = dt.datetime.combine(day, time, tzinfo=zone)
    return wall.astimezone(dt.timezone.utc).astimezone(zone)


# --- Filling ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlotDay:
    """One occurrence of a slot, and what is on it."""

    slot: Slot
    day: dt.date
    start: dt.datetime | None
    """The slot's time in the site's zone; None for an all-day slot."""
    department: str
    """Whose turn it is: the owner, the department in rotation, or '' for anyone."""
    filled_by: tuple[Story, ...] = ()
    """Stories that fill it: on the channel and day, not cancelled, from the right department."""
    others: tuple[Story, ...] = ()
    """Stories on the channel and day from another department: they do not fill a slot that is not theirs."""

    @property
    def filled(self) -> bool:
        return bool(self.filled_by)

    @property
    def id(self) -> str:
        return f"{self.slot.key}-{self.day.isoformat()}"


def slot_calendar(site: Site, start: dt.date, end: dt.date) -> list[SlotDay]:
    """Every occurrence of every slot from `start` up to, not including, `end`, in time order, filled or not."""
    days = DateRange(start, end)
    zone = site.settings.zone
    on_day: dict[tuple[str, dt.date], list[Story]] = {}
    wanted = {slot.channel for slot in site.registry.slots}
    for channel in wanted:
        for story in site.by_channel.get(channel, ()):
            if story.status != "cancelled" and story.day in days:
                on_day.setdefault((channel, story.day), []).append(story)
    found = []
    for slot in site.registry.slots:
        for day in slot_days(slot, days):
            department = turn(slot, day)
            here = on_day.get((slot.channel, day), [])
            mine = tuple(s for s in here if not department or s.department == department)
            others = tuple(s for s in here if s not in mine)
            found.append(SlotDay(slot, day, local_start(day, slot.time, zone), department, mine, others))
    return sorted(found, key=lambda s: (s.day, s.start.timestamp() if s.start else 0.0, s.slot.key))


def open_slots(site: Site, start: dt.date, end: dt.date) -> list[SlotDay]:
    """Unfilled occurrences from `start` (but never before today) up to `end`: the holes the calendar
    shows on its month pages and agenda. Past occurrences are history, not holes."""
    start = max(start, site.settings.today)
    return [occurrence for occurrence in slot_calendar(site, start, end) if not occurrence.filled]


# --- Reading slots.yml -----------------------------------------------------------------------------------


def parse_slots(file: _Entries, registry: Registry) -> tuple[Slot, ...]:
    """Every sound slot in the file; each problem goes to `file.problems` with its line."""
    slots = []
    for key, entry in file.entries(SLOT_FIELDS):
        slot = _slot(file, key, entry, registry)
        if slot is not None:
            slots.append(slot)
    return tuple(slots)


def _slot(file: _Entries, key: str, entry: dict[str, Any], registry: Registry) -> Slot | None:
    before = len(file.problems)
    channel = file.text(key, entry, "channel")
    if not channel:
        file.error(
            file.line(key), f"slot '{key}' needs a channel", f"known channels: {', '.join(registry.channels)}"
        )
    elif channel not in registry.channels:
        file.error(
            file.line(key, "channel"),
            f"unknown channel '{channel}' in slot '{key}'",
            yamltext.did_you_mean(channel, registry.channels)
            or f"known channels: {', '.join(registry.channels)}",
        )
    rule = None
    if entry.get("every") is None:
        file.error(file.line(key), f"slot '{key}' needs 'every:', saying when it comes round", EVERY_HINT)
    else:
        try:
            rule = parse_every(entry["every"])
        except RuleError as exc:
            file.error(
                file.line(key, "every"), f"every of '{key}' is not a rhythm newsdesk knows: {exc}", EVERY_HINT
            )
    time = _time(file, key, entry)
    owner = file.text(key, entry, "owner")
    if owner and owner not in registry.departments:
        _unknown_department(file, key, "owner", owner, registry)
    rotation = _rotation(file, key, entry, registry)
    if owner and rotation:
        file.error(
            file.line(key, "rotation"),
            f"slot '{key}' has both an owner and a rotation",
            "keep owner for a slot one department always fills, rotation for departments taking turns",
        )
    starts, ends = _date(file, key, entry, "starts"), _date(file, key, entry, "ends")
    if starts and ends and ends < starts:
        file.error(file.line(key, "ends"), f"slot '{key}' ends ({ends}) before it starts ({starts})")
    anchor = _date(file, key, entry, "anchor")
    if rule is not None:
        anchor = _anchor(file, key, rule, anchor, starts, needed=bool(rotation) or rule.interval > 1)
    if len(file.problems) > before or rule is None:
        return None
    return Slot(
        key=key,
        name=file.text(key, entry, "name", registry.channels[channel].name if channel else key),
        channel=channel,
        every=rule,
        time=time,
        owner=owner,
        rotation=rotation,
        anchor=anchor,
        starts=starts,
        ends=ends,
        line=file.line(key),
    )


def _unknown_department(file: _Entries, key: str, field: str, name: str, registry: Registry) -> None:
    hint = ""
    if file.room(key, field):  # a suggestion compares with every department: only for those shown
        known = list(registry.departments)
        hint = yamltext.did_you_mean(name, known) or (
            f"known departments: {', '.join(known[:20])}"
            + (f" and {len(known) - 20} more" if len(known) > 20 else "")
        )
    file.error(
        file.line(key, field),
        f"unknown department {name!r} in {field} of slot '{key}'",
        hint,
        group=(key, field),
    )


def _rotation(file: _Entries, key: str, entry: dict[str, Any], registry: Registry) -> tuple[str, ...]:
    value = entry.get("rotation")
    if value is None:
        return ()
    items = [part for part in _SEPARATORS.split(value) if part] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(item, str) for item in items):
        file.error(
            file.line(key, "rotation"),
            f"rotation of '{key}' must be a list of departments, found {yamltext.describe(value)}",
            "for example: rotation: [research, hr, legal]",
        )
        return ()
    names = tuple(item.strip() for item in items)
    for name in names:
        if name not in registry.departments:
            _unknown_department(file, key, "rotation", name, registry)
    return names


def _time(file: _Entries, key: str, entry: dict[str, Any]) -> dt.time | None:
    value = entry.get("time")
    if value is None:
        return None
    match = _TIME.fullmatch(value.strip()) if isinstance(value, str) else None
    if match and int(match[1]) <= 23 and int(match[2]) <= 59:
        return dt.time(int(match[1]), int(match[2]))
    file.error(
        file.line(key, "time"),
        f"time of '{key}' must be a time of day like \"09:30\", found {yamltext.describe(value)}",
        "use the 24-hour clock and quotes: YAML reads 9:30 without quotes as a number",
    )
    return None


def _date(file: _Entries, key: str, entry: dict[str, Any], name: str) -> dt.date | None:
    value = entry.get(name)
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise dates.DateError(f"found {yamltext.describe(value)}")
        return dates.parse_day(value)
    except dates.DateError as exc:
        file.error(file.line(key, name), f"{name} of '{key}' must be a date like 2026-01-05: {exc}", exc.hint)
        return None


def _anchor(
    file: _Entries,
    key: str,
    rule: Recurrence,
    anchor: dt.date | None,
    starts: dt.date | None,
    *,
    needed: bool,
) -> dt.date | None:
    """The anchor date: `anchor:` when it is one of the slot's days, else its first day from `starts`."""
    if anchor is not None:
        if not _matches(rule, anchor, anchor):
            nearby = rule_days(rule, DateRange(anchor, anchor + dt.timedelta(days=62)), anchor)
            file.error(
                file.line(key, "anchor"),
                f"anchor of '{key}' ({anchor:%A} {anchor}) is not {describe(rule)}",
                f"the anchor is a day the slot happens on, such as {nearby[0]}" if nearby else "",
            )
            return None
        return anchor
    if starts is not None:
        if rule.interval > 1:  # the week of `starts` is one of the slot's weeks
            return min(
                d for d in DateRange(starts, starts + dt.timedelta(days=7)) if d.weekday() in rule.weekdays
            )
        return rule_days(rule, DateRange(starts, starts + dt.timedelta(days=62)))[0]
    if needed:
        file.error(
            file.line(key),
            f"slot '{key}' needs an anchor: a date it happens on, for counting "
            + ("turns" if rule.interval == 1 else "its weeks"),
            "for example: anchor: 2026-01-08 (the first department in the rotation has that day)",
        )
    return None


def names_of(departments: Sequence[str], registry: Registry) -> list[str]:
    """Department names for keys, in order (for messages and pages)."""
    return [registry.departments[key].name if key in registry.departments else key for key in departments]
