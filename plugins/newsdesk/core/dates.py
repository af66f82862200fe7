"""Reading the dates, times, zones and durations people write in front-matter, and knowing "today"."""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

_DATE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?[ ]?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$"
)
_DURATION = re.compile(
    r"^(?:(?P<h>\d{1,6})\s*h(?:ours?|rs?)?)?\s*(?:(?P<m>\d{1,6})\s*m(?:in(?:utes?|s)?)?)?$", re.I
)
_CLOCK = re.compile(r"^(?P<h>\d{1,2}):(?P<m>\d{2})$")


_UTC = ZoneInfo("UTC")


class DateError(ValueError):
    """A date or time that cannot be, with a message a contributor understands."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


FIRST_YEAR, LAST_YEAR = 1970, 2199
"""The years a story, a deadline or "today" may fall in. Wider than any plan needs, narrow enough that
every date, its end and its feed times stay far inside what Python and calendar clients handle."""


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """The IANA zone names newsdesk accepts: the list of the `tzdata` package, the same on every machine
    (the system's zone folder also holds files such as `localtime` that differ from machine to machine)."""
    return frozenset(resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split())


def zone(name: str) -> ZoneInfo:
    """The IANA time zone `name`, or DateError."""
    if name in zone_names():
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass  # listed but unreadable on this machine: the same message as an unknown name
    shown = f"{name[:64]!r}{'...' if len(name) > 64 else ''}"
    hint = "use an IANA name such as Europe/London, America/New_York or Asia/Tokyo"
    if len(name) <= 64:
        inside = sorted(z for z in zone_names() if z.startswith(f"{name.rstrip('/')}/"))
        close = difflib.get_close_matches(name, zone_names(), n=1)
        if inside:
            hint = f"{name.rstrip('/')} is a region: name a place in it, such as {', '.join(inside[:3])}"
        elif close:
            hint = f"did you mean {close[0]}?"
    raise DateError(f"unknown time zone {shown}", hint)


def parse_day(text: str) -> dt.date:
    """A `YYYY-MM-DD` date, or DateError saying why it is not one."""
    moment = parse_moment(text, _UTC)  # a zone for a time without one, which is refused next
    if isinstance(moment, dt.datetime):
        raise DateError(f"{text!r} has a time; a plain date like 2026-12-03 is expected here")
    return moment


def parse_moment(text: str, tz: ZoneInfo | None) -> dt.date | dt.datetime:
    """A date (all day), or a time in `tz` unless the text carries its own offset.

    Times that do not exist in `tz` (the hour skipped when clocks go forward) are errors; times that
    happen twice (when clocks go back) mean the first of the two.
    """
    match = _DATE.match(text.strip())
    if not match:
        raise DateError(
            f"{text!r} is not a date",
            'write 2026-12-03 for an all-day story or "2026-12-03 09:30" for a time',
        )
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateError(
            f"{text.strip()!r} is outside the years newsdesk plans for ({FIRST_YEAR} to {LAST_YEAR})",
            "check the year",
        )
    if not 1 <= month <= 12:
        raise DateError(f"{text!r} is not a date: there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = calendar.month_name[month]
        raise DateError(f"{text!r} is not a date: {name} {year} has {last} days")
    if match["H"] is None:
        return dt.date(year, month, day)
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateError(f"{text!r} is not a time of day", "use the 24-hour clock, 00:00 to 23:59")
    if match["tz"]:
        offset = match["tz"]
        if offset == "Z":
            return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)
        sign = 1 if offset[0] == "+" else -1
        digits = offset[1:].replace(":", "")
        delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        if delta >= dt.timedelta(hours=24):
            raise DateError(f"{text!r} has an impossible UTC offset")
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.timezone(sign * delta))
    assert tz is not None, "a zone is needed for a local time"
    local = dt.datetime(year, month, day, hour, minute, second, tzinfo=tz)
    round_trip = local.astimezone(dt.UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None):
        raise DateError(
            f"{local:%H:%M} on {local:%Y-%m-%d} does not exist in {tz.key}: the clocks go forward then",
            f"choose a time after {round_trip:%H:%M}",
        )
    return local


def parse_duration(value: object) -> dt.timedelta:
    """Minutes as a number, or text such as `90m`, `1h30m`, `2 hours`, `1:30`."""
    minutes: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        minutes = value
    elif isinstance(value, str):
        text = value.strip()
        clock = _CLOCK.match(text)
        words = _DURATION.match(text)
        if clock:
            minutes = int(clock["h"]) * 60 + int(clock["m"])
        elif text and words and (words["h"] or words["m"]):
            minutes = int(words["h"] or 0) * 60 + int(words["m"] or 0)
    if minutes is None or not 0 < minutes <= 24 * 60:
        shown = repr(value) if len(repr(value)) <= 40 else "the value"
        raise DateError(
            f"{shown} is not a duration between 1 minute and 24 hours",
            "write 45m, 1h30m or 2h",
        )
    return dt.timedelta(minutes=minutes)


def today(environ: Mapping[str, str], tz: ZoneInfo) -> dt.date:
    """`NEWSDESK_TODAY` when set, else the build date: `SOURCE_DATE_EPOCH` or the clock, in `tz`."""
    fixed = environ.get("NEWSDESK_TODAY", "").strip()
    if fixed:
        try:
            return parse_day(fixed)
        except DateError as exc:
            raise DateError(f"NEWSDESK_TODAY: {exc}", "set it to a date like 2026-11-23") from None
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise DateError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, found {epoch!r}")
        return dt.datetime.fromtimestamp(int(epoch), tz).date()
    return dt.datetime.now(tz).date()


def moment(environ: Mapping[str, str], tz: ZoneInfo) -> dt.datetime | None:
    """The build's instant, for what depends on the time of day (a timed story whose time has come):
    `SOURCE_DATE_EPOCH` when set, else the clock; None when `NEWSDESK_TODAY` fixes the day without
    `SOURCE_DATE_EPOCH`, or when the instant is not on that day: then the start of "today" stands for it,
    so a build with a fixed day never depends on the clock."""
    day = today(environ, tz)
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        instant = dt.datetime.fromtimestamp(int(epoch), tz)  # today() has checked it is a number
    elif environ.get("NEWSDESK_TODAY", "").strip():
        return None
    else:
        instant = dt.datetime.now(tz)
    return instant if instant.date() == day else None


# English names, not strftime's %A, %a, %B and %b, which follow the machine's locale: the same commit builds
# the same bytes on every machine. The short forms are the first three letters, as in the C locale.
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SHORT = 3


def weekday_name(day: dt.date, *, short: bool = False) -> str:
    """The weekday of `day`: "Thursday", or "Thu" with `short`."""
    name = WEEKDAY_NAMES[day.weekday()]
    return name[:_SHORT] if short else name


def month_name(day: dt.date, *, short: bool = False, year: bool = False) -> str:
    """The month of `day`: "December", "Dec" with `short`, "December 2026" with `year`."""
    name = MONTH_NAMES[day.month - 1]
    if short:
        name = name[:_SHORT]
    return f"{name} {day.year}" if year else name


def long_date(day: dt.date, *, weekday: bool = True, year: bool = True, short: bool = False) -> str:
    """`day` as the pages write it, "Thursday 3 December 2026" (`weekday=False`, `year=False` leave those
    out; `short` gives "Thu 3 Dec 2026"): no leading zero on every platform, where strftime's `%-d` works
    with glibc only."""
    text = f"{day.day} {month_name(day, short=short, year=year)}"
    return f"{weekday_name(day, short=short)} {text}" if weekday else text


DATE_FILTERS: Mapping[str, Callable[..., str]] = {
    "long_date": long_date,
    "weekday_name": weekday_name,
    "month_name": month_name,
}
"""The Jinja filters every template may use to name a day or a month."""
