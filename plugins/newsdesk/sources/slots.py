"""Reading `calendar/slots.yml`: each recurring slot into a `Slot`, or problems on their lines.

What a slot means on the calendar (its days, whose turn, what fills it) is `planning/slots.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from newsdesk.core import dates, yamltext
from newsdesk.core.model import Recurrence, Slot
from newsdesk.core.recurrence import (
    EVERY_HINT,
    SEPARATORS,
    RuleError,
    describe,
    matches,
    parse_every,
    rule_days,
)
from newsdesk.core.schedule import DateRange

if TYPE_CHECKING:
    from newsdesk.core.model import Registry
    from newsdesk.sources.entries import EntryFile

_TIME = re.compile(r"(\d{1,2}):(\d{2})")
SLOT_FIELDS = ("name", "channel", "every", "time", "owner", "rotation", "anchor", "starts", "ends")

# --- Reading slots.yml -----------------------------------------------------------------------------------


def parse_slots(file: EntryFile, registry: Registry) -> tuple[Slot, ...]:
    """Every sound slot in the file; each problem goes to `file.problems` with its line."""
    slots = []
    for key, entry in file.entries(SLOT_FIELDS):
        slot = _slot(file, key, entry, registry)
        if slot is not None:
            slots.append(slot)
    return tuple(slots)


def _slot(file: EntryFile, key: str, entry: dict[str, Any], registry: Registry) -> Slot | None:
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


def _unknown_department(file: EntryFile, key: str, field: str, name: str, registry: Registry) -> None:
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


def _rotation(file: EntryFile, key: str, entry: dict[str, Any], registry: Registry) -> tuple[str, ...]:
    value = entry.get("rotation")
    if value is None:
        return ()
    items = [part for part in SEPARATORS.split(value) if part] if isinstance(value, str) else value
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


def _time(file: EntryFile, key: str, entry: dict[str, Any]) -> dt.time | None:
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


def _date(file: EntryFile, key: str, entry: dict[str, Any], name: str) -> dt.date | None:
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
    file: EntryFile,
    key: str,
    rule: Recurrence,
    anchor: dt.date | None,
    starts: dt.date | None,
    *,
    needed: bool,
) -> dt.date | None:
    """The anchor date: `anchor:` when it is one of the slot's days, else its first day from `starts`."""
    if anchor is not None:
        if not matches(rule, anchor, anchor):
            nearby = rule_days(rule, DateRange(anchor, anchor + dt.timedelta(days=62)), anchor)
            file.error(
                file.line(key, "anchor"),
                f"anchor of '{key}' ({dates.weekday_name(anchor)} {anchor}) is not {describe(rule)}",
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
