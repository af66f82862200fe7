"""Calendar arithmetic: months, week rows from any first weekday, agenda windows, the order of a day."""

from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from newsdesk.core import schedule
from newsdesk.core.model import Story
from newsdesk.core.schedule import DateRange, Month

D = dt.date


def story(title: str, start: dt.date | dt.datetime, path: str = "") -> Story:
    return Story(
        id=title, path=path or f"content/stories/hr/{title}.md", src_uri=f"stories/hr/{title}.md",
        department="hr", slug=title, title=title, start=start, timezone="Europe/London", channels=("website",),
    )  # fmt: skip


def test_month_arithmetic_across_years() -> None:
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2027, 1).previous() == Month(2026, 12)
    assert Month(2026, 6).next().previous() == Month(2026, 6)
    assert Month(2028, 2).last == D(2028, 2, 29)
    assert Month(2026, 2).days == DateRange(D(2026, 2, 1), D(2026, 3, 1))
    assert len(Month(2026, 2).days) == 28
    assert str(Month(2026, 3)) == "2026-03"
    assert sorted([Month(2027, 1), Month(2026, 12)]) == [Month(2026, 12), Month(2027, 1)]


def test_months_between_includes_the_empty_ones() -> None:
    months = schedule.months_between(D(2026, 11, 30), D(2027, 3, 1))
    assert [str(m) for m in months] == ["2026-11", "2026-12", "2027-01", "2027-02", "2027-03"]
    assert schedule.months_between(D(2026, 5, 1), D(2026, 5, 31)) == [Month(2026, 5)]
    assert schedule.months_spanned([D(2027, 1, 3), D(2026, 12, 31)], D(2000, 1, 1)) == [
        Month(2026, 12),
        Month(2027, 1),
    ]
    assert schedule.months_spanned([], D(2026, 11, 23)) == [Month(2026, 11)]


@pytest.mark.parametrize(
    ("first_weekday", "column_of_the_first", "rows"),
    [(0, 1, 5), (6, 2, 5), (5, 3, 5)],  # December 2026 begins on a Tuesday
)
def test_december_2026_grid(first_weekday: int, column_of_the_first: int, rows: int) -> None:
    weeks = schedule.month_weeks(Month(2026, 12), first_weekday)
    assert len(weeks) == rows
    assert all(len(week) == 7 for week in weeks)
    assert weeks[0][column_of_the_first] == D(2026, 12, 1)
    assert all(week[0].weekday() == first_weekday for week in weeks)
    days = [day for week in weeks for day in week]
    assert days == sorted(days) and len(set(days)) == len(days)
    assert [d for d in days if d.month == 12] == list(Month(2026, 12).days)


@pytest.mark.parametrize("first_weekday", [0, 5, 6])
def test_grid_matches_the_standard_library_for_every_month_of_a_decade(first_weekday: int) -> None:
    reference = calendar.Calendar(first_weekday)
    for year in range(2024, 2034):
        for number in range(1, 13):
            expected = [list(week) for week in reference.monthdatescalendar(year, number)]
            assert schedule.month_weeks(Month(year, number), first_weekday) == expected


def test_weeks_and_weekday_order() -> None:
    assert schedule.week_start(D(2026, 11, 23)) == D(2026, 11, 23)  # a Monday
    assert schedule.week_start(D(2026, 11, 29)) == D(2026, 11, 23)  # the Sunday after
    assert schedule.week_start(D(2026, 11, 29), 6) == D(2026, 11, 29)
    assert schedule.week_of(D(2026, 12, 31)) == DateRange(D(2026, 12, 28), D(2027, 1, 4))
    assert schedule.week_of(D(2026, 12, 31)).last == D(2027, 1, 3)
    assert schedule.weekday_order(6) == (6, 0, 1, 2, 3, 4, 5)
    assert schedule.is_weekend(D(2026, 11, 28)) and not schedule.is_weekend(D(2026, 11, 27))


def test_agenda_window() -> None:
    window = schedule.agenda_window(D(2026, 11, 23), 8)
    assert window.start == D(2026, 11, 9)
    assert window.end == D(2027, 1, 18)
    assert D(2026, 11, 9) in window and D(2027, 1, 17) in window and D(2027, 1, 18) not in window
    assert "2026-11-10" not in window  # only dates belong to a range
    assert list(DateRange(D(2026, 1, 1), D(2026, 1, 4))) == [D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3)]
    assert len(DateRange(D(2026, 1, 4), D(2026, 1, 1))) == 0


def test_a_day_lists_all_day_stories_first_then_by_instant() -> None:
    london, new_york = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")
    late = story("late", dt.datetime(2026, 12, 10, 18, 0, tzinfo=london))
    early_ny = story("early-ny", dt.datetime(2026, 12, 10, 8, 0, tzinfo=new_york))  # 13:00 in London
    noon = story("noon", dt.datetime(2026, 12, 10, 12, 0, tzinfo=london))
    all_day_b = story("Bravo", D(2026, 12, 10))
    all_day_a = story("alpha", D(2026, 12, 10))
    other = story("other", D(2026, 12, 11))
    grouped = schedule.by_day([late, other, early_ny, noon, all_day_b, all_day_a])
    assert list(grouped) == [D(2026, 12, 10), D(2026, 12, 11)]
    assert [s.slug for s in grouped[D(2026, 12, 10)]] == ["alpha", "Bravo", "noon", "early-ny", "late"]
    only = schedule.by_day([late, other], DateRange(D(2026, 12, 11), D(2026, 12, 12)))
    assert list(only) == [D(2026, 12, 11)]
