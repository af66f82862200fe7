"""Dates and zones at the edges: every impossible or far-off value is a problem on its line, never a
traceback, and one mistyped year cannot multiply the site."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from newsdesk.core import dates, schedule
from newsdesk.core.schedule import Month
from sitekit import copy_site, mkdocs_build, newsdesk

STORY = "---\ntitle: {title}\ndate: {date}\n{extra}channels: [website]\n---\n\nBody.\n"

# file name, date, extra front-matter, line, a piece of the message, a piece of the hint
CASES = [
    (
        "2026-12-01-zone-folder.md",
        "2026-12-01 10:00",
        "timezone: America\n",
        4,
        "unknown time zone 'America'",
        "America is a region: name a place in it, such as America/",
    ),
    (
        "2026-12-01-zone-long.md",
        "2026-12-01 10:00",
        f"timezone: {'A' * 300}\n",
        4,
        "unknown time zone 'AAAA",
        "IANA",
    ),
    (
        "2026-12-01-zone-machine.md",
        "2026-12-01 10:00",
        "timezone: localtime\n",
        4,
        "unknown time zone 'localtime'",
        "IANA",
    ),
    (
        "2026-12-01-zone-typo.md",
        "2026-12-01 10:00",
        "timezone: Europe/Londn\n",
        4,
        "unknown time zone 'Europe/Londn'",
        "did you mean Europe/London?",
    ),
    (
        "2026-12-01-year-zero.md",
        "0000-01-01",
        "",
        3,
        "outside the years newsdesk plans for (1970 to 2199)",
        "",
    ),
    (
        "2026-12-01-year-last.md",
        "9999-12-31",
        "",
        3,
        "outside the years newsdesk plans for",
        "check the year",
    ),
    (
        "2026-12-01-due-far.md",
        "2026-12-01",
        "due: 9999-12-31\n",
        4,
        "outside the years newsdesk plans for",
        "",
    ),
]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    root = copy_site("basic", tmp_path_factory.mktemp("dates"))
    for name, date, extra, *_ in CASES:
        story = STORY.format(title=name[11:-3], date=date, extra=extra)
        (root / "content" / "stories" / "hr" / name).write_text(story, encoding="utf-8")
    result = newsdesk(root, "check", "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    problems: list[dict[str, object]] = json.loads(result.stdout)
    return problems


@pytest.mark.parametrize(
    ("name", "date", "extra", "line", "message", "hint"), CASES, ids=[c[0] for c in CASES]
)
def test_impossible_dates_and_zones_are_problems_on_their_line(
    checked: list[dict[str, object]], name: str, date: str, extra: str, line: int, message: str, hint: str
) -> None:
    mine = [p for p in checked if p["path"] == f"content/stories/hr/{name}"]
    assert any(p["line"] == line and message in str(p["message"]) and hint in str(p["hint"]) for p in mine), (
        mine
    )


def test_the_build_stops_on_the_last_possible_day_without_a_traceback(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    story = STORY.format(title="Far", date="9999-12-31", extra="")
    (root / "content" / "stories" / "hr" / "2026-12-01-far.md").write_text(story, encoding="utf-8")
    built = mkdocs_build(root)
    assert not built.ok
    assert "content/stories/hr/2026-12-01-far.md:3: date: '9999-12-31' is outside the years" in built.log
    assert "Traceback" not in built.log


def test_zone_names_do_not_depend_on_the_machine() -> None:
    # The system's zone folder holds `localtime` and `posixrules`; tzdata's list is the same everywhere.
    assert "Europe/London" in dates.zone_names()
    assert not {"localtime", "posixrules", "zone.tab", "America"} & dates.zone_names()
    with pytest.raises(dates.DateError):
        dates.zone("Europe/London/")


def test_months_more_than_a_year_apart_are_not_joined() -> None:
    days = [dt.date(2026, 11, 3), dt.date(2027, 2, 1), dt.date(2062, 5, 1)]
    months = schedule.months_spanned(days, dt.date(2026, 11, 23))
    assert months == [Month(2026, 11), Month(2026, 12), Month(2027, 1), Month(2027, 2), Month(2062, 5)]
    # Eleven empty months still join (a year's plan with a quiet stretch); twelve do not.
    assert len(schedule.months_spanned([dt.date(2026, 1, 1), dt.date(2027, 1, 1)], dt.date(2026, 1, 1))) == 13
    assert len(schedule.months_spanned([dt.date(2026, 1, 1), dt.date(2027, 2, 1)], dt.date(2026, 1, 1))) == 2


def test_one_mistyped_year_adds_one_month_page_and_a_warning(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    story = STORY.format(title="Typo", date="2062-12-10", extra="")
    (root / "content" / "stories" / "hr" / "2026-12-10-typo.md").write_text(story, encoding="utf-8")
    checked = newsdesk(root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "content/stories/hr/2026-12-10-typo.md:3: warning: 2062-12-10 is" in checked.stdout
    built = mkdocs_build(root)
    assert built.ok, built.log
    months = sorted(
        p.relative_to(built.site / "calendar").parent.as_posix()
        for p in (built.site / "calendar").glob("*/*/index.html")
    )
    assert "2062/12" in months
    assert len(months) <= 4, months  # the fixture's two months, the typo's, never the 36 years between
    # The month before the typo links past the gap to it.
    last_month = built.page(f"calendar/{months[-2]}/")
    assert "2062/12/" in last_month


def test_report_refuses_a_month_outside_the_years(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    result = newsdesk(root, "report", "--month", "0000-01")
    assert result.returncode == 2
    assert "outside the years newsdesk plans for" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("title", ["bell\x07", "lone \udcff surrogate", "tab\there"])
def test_new_refuses_titles_that_are_not_text(tmp_path: Path, title: str) -> None:
    root = copy_site("basic", tmp_path)
    result = newsdesk(
        root, "new", title, "--department", "hr", "--channel", "website", "--date", "2026-12-09"
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "control character" in result.stderr or "not text" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (root / "content" / "stories" / "hr").iterdir()) == [
        "2026-12-03-welcome-new-partners.md"
    ]


@pytest.mark.parametrize("text", ["9" * 5000 + "m", "9" * 5000 + "h", "1" * 5000 + ":00"])
def test_durations_of_thousands_of_digits_are_refused_in_words(text: str) -> None:
    with pytest.raises(dates.DateError, match="not a duration"):
        dates.parse_duration(text)
