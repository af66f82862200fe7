"""Reading the dates, times, zones and durations people write in front-matter, and knowing "today"."""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, get_day_names, get_month_names

from newsdesk.core import text
from newsdesk.core.text import N_

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


@lru_cache(maxsize=4096)  # stories share their days: a date, its deadline, the day in the file's name
def parse_moment(text: str, tz: ZoneInfo | None) -> dt.date | dt.datetime:
    """A date (all day), or a time in `tz` unless the text carries its own offset.

    Times that do not exist in `tz` (the hour skipped when clocks go forward) are errors; times that
    happen twice (when clocks go back) mean the first of the two. The values are immutable, so one is
    shared by every story that writes the same text (a DateError is raised afresh each time).
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


# Weekday names as slots and options spell them (recurrence.py reads them): English on every site.
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Day and month names come from Babel's copy of the Unicode CLDR, never from strftime's %A, %a, %B and %b,
# which follow the machine's LC_TIME: the same commit builds the same bytes on every machine. The order of
# a date's parts is a CLDR pattern in the message catalog, so each language writes its own ("Donnerstag,
# 3. Dezember 2026") and a site can change it from overrides/ like any label.
_DATE_PATTERNS: Mapping[tuple[bool, bool, bool], str] = {
    # (weekday, year, short): the pattern, English as the pages have always written it
    (True, True, False): N_("EEEE d MMMM y"),
    (True, False, False): N_("EEEE d MMMM"),
    (False, True, False): N_("d MMMM y"),
    (False, False, False): N_("d MMMM"),
    (True, True, True): N_("EEE d MMM y"),
    (True, False, True): N_("EEE d MMM"),
    (False, True, True): N_("d MMM y"),
    (False, False, True): N_("d MMM"),
}
_MONTH_YEAR = {False: N_("MMMM y"), True: N_("MMM y")}


@lru_cache(maxsize=64)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


@lru_cache(maxsize=64)
def _names(language: str, kind: str, width: Literal["abbreviated", "wide"]) -> tuple[str, ...]:
    """Babel's stand-alone names (the form a column header or a list takes), Monday or January first."""
    locale = _locale(language)
    if kind == "day":
        days = get_day_names(width, context="stand-alone", locale=locale)
        return tuple(str(days[n]) for n in range(7))
    months = get_month_names(width, context="stand-alone", locale=locale)
    return tuple(str(months[n]) for n in range(1, 13))


@lru_cache(maxsize=8192)
def _format(day: dt.date, pattern: str, language: str) -> str:
    """`day` in a CLDR pattern; a day is formatted on many pages, so each is worked out once."""
    return str(format_date(day, pattern, locale=_locale(language)))


def first_weekday(language: str) -> int:
    """The day a week starts on where `language` is spoken (Monday 0), as CLDR has it."""
    return int(_locale(language).first_week_day)


def weekday_name(day: dt.date, *, short: bool = False, language: str | None = None) -> str:
    """The weekday of `day` in `language` (the installed one by default): "Thursday", "Thu" with `short`."""
    return _names(language or text.language(), "day", "abbreviated" if short else "wide")[day.weekday()]


def month_name(day: dt.date, *, short: bool = False, year: bool = False, language: str | None = None) -> str:
    """The month of `day`: "December", "Dec" with `short`, "December 2026" with `year`."""
    language = language or text.language()
    if year:
        return _format(day, text.gettext(_MONTH_YEAR[short]), language)
    return _names(language, "month", "abbreviated" if short else "wide")[day.month - 1]


def long_date(
    day: dt.date, *, weekday: bool = True, year: bool = True, short: bool = False, language: str | None = None
) -> str:
    """`day` as the pages write it, "Thursday 3 December 2026" in English (`weekday=False`, `year=False`
    leave those out; `short` gives "Thu 3 Dec 2026"), in the order and words of `language`."""
    pattern = text.gettext(_DATE_PATTERNS[weekday, year, short])
    return _format(day, pattern, language or text.language())


DATE_FILTERS: Mapping[str, Callable[..., str]] = {
    "long_date": long_date,
    "weekday_name": weekday_name,
    "month_name": month_name,
}
"""The Jinja filters every template may use to name a day or a month, in the site's language."""
