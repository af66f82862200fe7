"""Dates and times as contributors write them, in the site's zone, across clock changes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from newsdesk.core import dates

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-03", dt.date(2026, 12, 3)),
        ("2026-12-03 09:30", dt.datetime(2026, 12, 3, 9, 30, tzinfo=LONDON)),
        ("2026-12-03T09:30", dt.datetime(2026, 12, 3, 9, 30, tzinfo=LONDON)),
        ("2026-07-03 09:30:15", dt.datetime(2026, 7, 3, 9, 30, 15, tzinfo=LONDON)),
        ("2026-12-03T09:30+05:30", dt.datetime(2026, 12, 3, 4, 0, tzinfo=dt.UTC)),
        ("2026-12-03T09:30Z", dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)),
    ],
)
def test_parse_moment(text: str, expected: dt.date) -> None:
    moment = dates.parse_moment(text, LONDON)
    assert moment == expected
    assert type(moment) is type(expected)


def test_summer_and_winter_offsets() -> None:
    summer = dates.parse_moment("2026-07-01 12:00", LONDON)
    winter = dates.parse_moment("2026-12-01 12:00", LONDON)
    assert isinstance(summer, dt.datetime) and isinstance(winter, dt.datetime)
    assert summer.utcoffset() == dt.timedelta(hours=1)
    assert winter.utcoffset() == dt.timedelta(0)


def test_ambiguous_time_means_the_first() -> None:
    moment = dates.parse_moment("2026-10-25 01:30", LONDON)
    assert isinstance(moment, dt.datetime)
    assert moment.astimezone(dt.UTC) == dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-29", "February 2026 has 28 days"),
        ("2026-13-01", "there is no month 13"),
        ("2026-12-03 24:00", "not a time of day"),
        ("3 December", "is not a date"),
        ("2026-03-29 01:00", "does not exist in Europe/London"),
    ],
)
def test_impossible_moments(text: str, message: str) -> None:
    with pytest.raises(dates.DateError, match=message):
        dates.parse_moment(text, LONDON)


def test_leap_day_exists() -> None:
    assert dates.parse_day("2028-02-29") == dt.date(2028, 2, 29)


@pytest.mark.parametrize(
    ("value", "minutes"),
    [(45, 45), ("90m", 90), ("1h30m", 90), ("2 hours", 120), ("1:15", 75), ("45 minutes", 45)],
)
def test_durations(value: object, minutes: int) -> None:
    assert dates.parse_duration(value) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("value", [0, "soon", "", "25h", True, -5])
def test_bad_durations(value: object) -> None:
    with pytest.raises(dates.DateError):
        dates.parse_duration(value)


def test_today_prefers_newsdesk_today_then_source_date_epoch() -> None:
    assert dates.today({"NEWSDESK_TODAY": "2026-11-23", "SOURCE_DATE_EPOCH": "0"}, LONDON) == dt.date(
        2026, 11, 23
    )
    # 2026-11-23 23:30 UTC is already the 23rd in London but the 24th in Tokyo.
    epoch = str(int(dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.UTC).timestamp()))
    assert dates.today({"SOURCE_DATE_EPOCH": epoch}, LONDON) == dt.date(2026, 11, 23)
    assert dates.today({"SOURCE_DATE_EPOCH": epoch}, ZoneInfo("Asia/Tokyo")) == dt.date(2026, 11, 24)


def test_unknown_zone() -> None:
    with pytest.raises(dates.DateError, match="unknown time zone"):
        dates.zone("Europe/Atlantis")
    with pytest.raises(dates.DateError):
        dates.zone("../../etc/passwd")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 12, 3), "Thursday 3 December 2026"),
        (dt.date(2026, 11, 23), "Monday 23 November 2026"),
        (dt.date(2027, 1, 1), "Friday 1 January 2027"),
        (dt.date(2028, 2, 29), "Tuesday 29 February 2028"),
        (dt.date(2026, 5, 10), "Sunday 10 May 2026"),
    ],
)
def test_long_date(day: dt.date, expected: str) -> None:
    assert dates.long_date(day) == expected
    # What glibc's strftime('%A %-d %B %Y') gives in the C locale, without its `%-d`.
    assert expected == f"{day:%A} {day.day} {day:%B %Y}"


def test_long_date_without_the_weekday_or_the_year() -> None:
    day = dt.date(2026, 12, 3)
    assert dates.long_date(day, year=False) == "Thursday 3 December"
    assert dates.long_date(day, weekday=False) == "3 December 2026"
    assert dates.long_date(day, weekday=False, year=False) == "3 December"
    moment = dt.datetime(2026, 12, 3, 23, 30, tzinfo=LONDON)  # a datetime is a date too
    assert dates.long_date(moment) == "Thursday 3 December 2026"


def test_long_date_is_a_filter_of_the_pages_templates() -> None:
    from newsdesk.render.pages import Renderer

    template = Renderer().env.from_string("{{ day | long_date }}; {{ day | long_date(year=False) }}")
    assert template.render(day=dt.date(2026, 12, 3)) == "Thursday 3 December 2026; Thursday 3 December"


@pytest.mark.parametrize("text", ["2026-12-01 10:00", "2026-12-01T10:00:30"])
def test_a_day_given_a_time_is_refused_with_a_reason(text: str) -> None:
    """`due:` is a day: a time there is the contributor's mistake, said in words (it once tripped an
    assertion instead)."""
    with pytest.raises(dates.DateError, match="has a time"):
        dates.parse_day(text)
