"""Calendar arithmetic: months, weeks, date ranges and the order of stories in time.

Pure functions over dates (and stories, only to read their day and start), with no I/O and no clock:
"today" is always passed in. The calendar pages, the home page block and the planning features share
these, so a week starts on the same day everywhere.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from newsdesk.core.dates import FIRST_YEAR, LAST_YEAR, month_name

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from newsdesk.core.model import Story

WEEKEND = frozenset({5, 6})
"""Saturday and Sunday, as `date.weekday()` numbers them."""

ONE_DAY = dt.timedelta(days=1)

T = TypeVar("T")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month; ordered, so months compare and sort in time."""

    year: int
    month: int

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def days(self) -> DateRange:
        return DateRange(self.first, self.last + ONE_DAY)

    @property
    def name(self) -> str:
        """ "December 2026", in every locale."""
        return month_name(self.first, year=True)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class DateRange:
    """The days from `start` up to, not including, `end`."""

    start: dt.date
    end: dt.date

    @property
    def last(self) -> dt.date:
        """The last day in the range (for "1 to 7 December" labels)."""
        return self.end - ONE_DAY

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day < self.end

    def __iter__(self) -> Iterator[dt.date]:
        day = self.start
        while day < self.end:
            yield day
            day += ONE_DAY

    def __len__(self) -> int:
        return max((self.end - self.start).days, 0)


def months_between(first: dt.date, last: dt.date) -> list[Month]:
    """Every month from the one holding `first` to the one holding `last`, empty months included."""
    months: list[Month] = []
    month, end = Month.of(first), Month.of(last)
    while month <= end:
        months.append(month)
        month = month.next()
    return months


JOINED_GAP_MONTHS = 11
"""Months with stories less than a year apart are joined by the empty months between them; a longer gap
gets no pages (the month pages' links step over it), so one mistyped year cannot add hundreds of pages."""


def months_spanned(days: Iterable[dt.date], fallback: dt.date) -> list[Month]:
    """The months that hold one of `days`, with the empty months between two of them that are less than a
    year apart (see JOINED_GAP_MONTHS); just `fallback`'s month when there are no days."""
    held = sorted({Month.of(day) for day in days})
    if not held:
        return [Month.of(fallback)]
    months = [held[0]]
    for month in held[1:]:
        gap = (month.year - months[-1].year) * 12 + month.month - months[-1].month - 1
        if gap <= JOINED_GAP_MONTHS:
            months.extend(months_between(months[-1].next().first, month.previous().first) if gap else ())
        months.append(month)
    return months


def week_start(day: dt.date, first_weekday: int = 0) -> dt.date:
    """The first day of the week holding `day`, weeks starting on `first_weekday` (0 is Monday)."""
    return day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)


def week_of(day: dt.date, first_weekday: int = 0) -> DateRange:
    """The seven days of the week holding `day`."""
    start = week_start(day, first_weekday)
    return DateRange(start, start + dt.timedelta(days=7))


def weekday_order(first_weekday: int = 0) -> tuple[int, ...]:
    """The weekday numbers in the order a week shows them, such as (6, 0, 1, 2, 3, 4, 5) from Sunday."""
    return tuple((first_weekday + offset) % 7 for offset in range(7))


def month_weeks(month: Month, first_weekday: int = 0) -> list[list[dt.date]]:
    """The rows of a month grid: whole weeks covering the month, with the neighbouring months' days
    at the edges, so every row has seven cells in weekday order."""
    start = week_start(month.first, first_weekday)
    rows: list[list[dt.date]] = []
    while start <= month.last:
        rows.append([start + dt.timedelta(days=offset) for offset in range(7)])
        start += dt.timedelta(days=7)
    return rows


def is_weekend(day: dt.date) -> bool:
    return day.weekday() in WEEKEND


def agenda_window(today: dt.date, weeks: int, past_days: int = 14) -> DateRange:
    """The agenda's days: the last `past_days` (shown greyed), today, and the next `weeks` weeks."""
    return DateRange(today - dt.timedelta(days=past_days), today + dt.timedelta(weeks=weeks))


def time_order(story: Story) -> tuple[dt.date, int, float, str, str]:
    """Sort key: by day, all-day stories first, then by start instant, then by title and path."""
    return story.time_key


def by_day(stories: Iterable[Story], days: DateRange | None = None) -> dict[dt.date, list[Story]]:
    """Stories grouped by their day (only the days in `days` when given), days and stories in time order."""
    grouped: dict[dt.date, list[Story]] = {}
    for story in sorted(stories, key=time_order):
        if days is None or story.day in days:
            grouped.setdefault(story.day, []).append(story)
    return grouped


class Timeline(Generic[T]):
    """Items (stories, or pairs holding one) sorted by a date of theirs, so that a pass for one day visits
    only the items in the days it asks about; `between` hands them back in the order they were given, so
    what a pass finds comes out as if it had gone through them all."""

    def __init__(self, items: Iterable[T], date_of: Callable[[T], dt.date]) -> None:
        ranked = sorted(enumerate(items), key=lambda pair: date_of(pair[1]))
        self.items = [item for _, item in ranked]
        self.dates = [date_of(item) for item in self.items]
        self._given = [index for index, _ in ranked]
        self._in_order = all(a < b for a, b in zip(self._given, self._given[1:], strict=False))

    def _span(self, start: dt.date | None, end: dt.date | None) -> tuple[int, int]:
        low = 0 if start is None else bisect_left(self.dates, start)
        high = len(self.dates) if end is None else bisect_left(self.dates, end)
        return low, max(low, high)

    def between(self, start: dt.date | None = None, end: dt.date | None = None) -> list[T]:
        """The items dated from `start` up to, not including, `end` (None: no bound), in the order given."""
        low, high = self._span(start, end)
        if self._in_order:  # the loader gives stories in time order: the usual case
            return self.items[low:high]
        picked = sorted(zip(self._given[low:high], self.items[low:high], strict=True), key=lambda p: p[0])
        return [item for _, item in picked]

    def count(self, start: dt.date | None = None, end: dt.date | None = None) -> int:
        low, high = self._span(start, end)
        return high - low

    def last_before(self, end: dt.date) -> dt.date | None:
        """The latest date before `end`, or None."""
        high = bisect_left(self.dates, end)
        return self.dates[high - 1] if high else None


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_month(text: str) -> Month:
    """`2026-11` as a Month, or ValueError saying what is expected."""
    match = _MONTH.match(text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"{text!r} is not a month; write it like 2026-11")
    if not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        raise ValueError(f"{text!r} is outside the years newsdesk plans for")
    return Month(int(match[1]), int(match[2]))
