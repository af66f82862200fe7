"""Missed dates (issue 15): a story whose day has passed and that is neither published nor cancelled is a
finding, and only `published` stories count as gone out, in the findings, the dashboard and the report.

The unit tests use test_planning's in-memory calendars (today is Monday 23 November 2026); the last test
builds the planning fixture with one more story, scheduled for a day that has passed, and reads the
dashboard, report.json, report.csv, the markdown report and `newsdesk check`.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from typing import TYPE_CHECKING

import pytest
from htmltree import parse
from newsdesk.core.model import STATUSES, Cadence, Department
from newsdesk.core.schedule import Month
from newsdesk.planning import findings
from newsdesk.planning.report import build_report
from sitekit import copy_site, mkdocs_build, newsdesk
from test_planning import TODAY, kinds, site, story

if TYPE_CHECKING:
    from pathlib import Path

ADVICE = "set status: published if it went out, status: cancelled if it will not, or move its date"


@pytest.mark.parametrize("status", STATUSES)
def test_only_a_published_story_has_gone_out(status: str) -> None:
    past, today = story("hr", "2026-11-20", status=status), story("hr", "2026-11-23", status=status)
    assert findings.went_out(past, TODAY) is (status == "published")
    assert findings.missed(past, TODAY) is (status not in ("published", "cancelled"))
    # A past story counts towards the target only when it went out; from today on, unless cancelled.
    assert findings.counts_to_target(past, TODAY) is (status == "published")
    assert not findings.went_out(today, TODAY) and not findings.missed(today, TODAY)
    assert findings.planned(today, TODAY) is (status != "cancelled")


def test_a_missed_date_names_the_story_its_day_and_status_and_says_what_to_do() -> None:
    stories = [
        story("hr", "2026-11-19", status="scheduled", title="Winter hours"),
        story("hr", "2026-11-22", status="review", time="18:00", title="Late review"),
        story("hr", "2026-11-16", status="published"),
        story("hr", "2026-11-17", status="cancelled"),
        story("hr", "2026-11-23", status="scheduled"),  # today: not missed yet
    ]
    found = [f for f in findings.findings(site(stories)) if f.kind == "missed"]
    assert [f.stories[0].title for f in found] == ["Winter hours", "Late review"]
    first = found[0]
    assert (
        first.message
        == f"'Winter hours' was planned for Thu 19 Nov 2026 (4 days ago) and is still scheduled; {ADVICE}"
    )
    assert (first.problem.path, first.problem.line) == (stories[0].path, 5)  # its status: line
    assert first.problem.title == "newsdesk: missed date" and first.days == (stories[0].day,)
    assert first.department == "hr"
    assert found[1].message.startswith(
        "'Late review' was planned for Sun 22 Nov 2026 (1 day ago) and is still review;"
    )


def test_a_missed_story_without_a_status_line_is_pointed_at_by_its_date() -> None:
    draft = story("hr", "2026-11-02", status="draft")
    draft = dataclasses.replace(draft, lines={"title": 2, "date": 3})
    [found] = [f for f in findings.findings(site([draft])) if f.kind == "missed"]
    assert found.problem.line == 3 and "is still draft;" in found.message


def test_a_late_story_is_missed_or_overdue_never_both() -> None:
    stories = [
        story("hr", "2026-11-20", status="draft", due="2026-11-10", title="Past its day"),
        story("hr", "2026-12-01", status="draft", due="2026-11-10", title="Past its due date only"),
        story("hr", "2026-11-23", status="review", due="2026-11-20", title="Due before today, out today"),
    ]
    found = findings.findings(site(stories))
    by_title = {f.stories[0].title: f.kind for f in found if f.stories}
    assert by_title == {
        "Past its day": "missed",
        "Past its due date only": "overdue",
        "Due before today, out today": "overdue",
    }
    assert kinds(found).count("missed") == 1 and "missed" in findings.KINDS


def test_a_scheduled_story_whose_day_has_passed_is_not_counted_as_gone_out() -> None:
    weekly = {"hr": Department("hr", "HR", "#000", cadence=Cadence(1, "week"), line=1, cadence_line=3)}
    past = [story("hr", d, status="scheduled") for d in ("2026-10-26", "2026-11-02", "2026-11-09")]
    past.append(story("hr", "2026-11-16", status="published"))
    coming = [story("hr", d) for d in ("2026-11-23", "2026-11-30", "2026-12-07", "2026-12-14")]
    calendar = site(past + coming, departments=weekly)
    found = findings.findings(calendar)
    assert kinds(found) == ["cadence", "missed", "missed", "missed"]
    assert found[0].message.startswith("HR published 1 story in the last 4 weeks (from Mon 26 Oct);")
    report = build_report(calendar, Month(2026, 11))
    [row] = report.departments
    november = row.current
    # The two scheduled November stories before today went nowhere the calendar knows of: neither figure.
    assert (november.published, november.planned, november.total) == (1, 2, 3)
    assert [s.day.day for s in row.published] == [16]
    october = row.months[4]
    assert (october.published, october.planned) == (0, 0)  # 26 October, scheduled, is not counted either


# --- Through a real build --------------------------------------------------------------------------------------

LATE = "content/stories/research/2026-11-19-late-briefing.md"


@pytest.fixture(scope="module")
def late(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The planning fixture with a Research briefing scheduled for Thursday 19 November, four days ago."""
    root = copy_site("planning", tmp_path_factory.mktemp("missed"))
    (root / LATE).write_text(
        "---\ntitle: The late briefing\ndate: 2026-11-19\nchannels: [website]\nstatus: scheduled\n---\n\nLate.\n",
        encoding="utf-8",
    )
    return root


@pytest.mark.build
def test_the_built_dashboard_and_report_show_the_missed_story_and_do_not_count_it(late: Path) -> None:
    built = mkdocs_build(late)
    assert built.ok, built.log
    message = (
        f"'The late briefing' was planned for Thu 19 Nov 2026 (4 days ago) and is still scheduled; {ADVICE}"
    )

    page = parse(built.page("dashboard/"))
    assert page.one("strong", "nd-finding-count", **{"data-kind": "missed"}).text() == "2"
    items = page.one("ul", "nd-finding-list", **{"data-kind": "missed"}).all("li", "nd-finding")
    [item] = [i for i in items if "The late briefing" in i.text()]
    assert message in " ".join(item.text().split())
    assert [a.attrs["href"] for a in item.all("a")] == [
        "../calendar/2026/11/",
        "../stories/research/late-briefing/",
    ]
    research = page.one("table", "nd-dashboard-months").all("tr", **{"data-department": "research"})[0]
    november = research.one("td", **{"data-month": "2026-11"})
    assert (november.attrs["data-published"], november.attrs["data-planned"]) == ("1", "0")

    data = json.loads(built.read("dashboard/report.json"))
    row = next(d for d in data["departments"] if d["key"] == "research")
    assert [s["title"] for s in row["published"]] == ["The winter outlook"]
    assert next(m for m in row["months"] if m["month"] == "2026-11")["published"] == 1
    [missed] = [f for f in data["findings"] if f["kind"] == "missed" and f["path"] == LATE]
    assert (missed["message"], missed["line"], missed["days"]) == (message, 5, ["2026-11-19"])

    rows = list(csv.DictReader(io.StringIO(built.read("dashboard/report.csv"))))
    [cell] = [
        r
        for r in rows
        if r["section"] == "months"
        and r["department"] == "research"
        and r["month"] == "2026-11"
        and not r["channel"]
    ]
    assert cell["published"] == "1"
    assert [r["message"] for r in rows if r["kind"] == "missed" and r["path"] == LATE] == [message]

    markdown = newsdesk(late, "report", "--month", "2026-11").stdout
    assert f"- **Missed dates**: {message} (`{LATE}:5`)" in markdown
    assert "| Research | 1 | 0 | 2 (2/month) | ✗ short by 1 |" in markdown
    assert "late-briefing" not in markdown.split("## Research", 1)[1].split("##", 1)[0]

    check = newsdesk(late, "check")
    assert check.returncode == 0
    assert f"{LATE}:5: warning: {message}" in check.stdout


def test_contributors_differing_only_in_case_come_out_in_one_order() -> None:
    """A set of names has its own order in each process (string hashes are salted): names equal but for
    case are ordered by the name itself, so the dashboard and report.json are the same bytes every build."""
    stories = [
        dataclasses.replace(story("hr", f"2026-11-0{n}", status="published"), authors=(name,))
        for n, name in enumerate(["ann", "Bob", "Ann", "bob", "Anna"], start=1)
    ]
    [row] = [r for r in build_report(site(stories)).departments if r.department.key == "hr"]
    assert row.contributors == ("Ann", "ann", "Anna", "Bob", "bob")
