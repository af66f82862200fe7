"""Planning findings on small in-memory calendars: each finding present, and absent when it should be.

Today is Monday 23 November 2026: the last four weeks are 26 October to 22 November, the coming four
23 November to 20 December.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from newsdesk.core.model import Cadence, Channel, Department, Recurrence, Registry, Settings, Slot, Story
from newsdesk.core.problems import Severity
from newsdesk.core.site import Site
from newsdesk.planning import findings

TODAY = dt.date(2026, 11, 23)
LONDON = ZoneInfo("Europe/London")


def story(
    department: str,
    day: str,
    channels: tuple[str, ...] = ("website",),
    status: str = "scheduled",
    *,
    time: str = "",
    due: str = "",
    copy: tuple[tuple[str, str], ...] = (),
    title: str = "",
) -> Story:
    slug = f"{day}-{department}-{status}-{'-'.join(channels)}{time.replace(':', '')}"
    start: dt.date | dt.datetime = dt.date.fromisoformat(day)
    if time:
        start = dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=LONDON)
    return Story(
        id=slug, path=f"content/stories/{department}/{slug}.md", src_uri=f"stories/{department}/{slug}.md",
        department=department, slug=slug, title=title or slug, start=start, timezone="Europe/London",
        channels=channels, status=status, due=dt.date.fromisoformat(due) if due else None, copy=copy,
        lines={"title": 2, "date": 3, "channels": 4, "status": 5, "due": 6, "copy": 7},
    )  # fmt: skip


def site(
    stories: list[Story],
    *,
    departments: dict[str, Department] | None = None,
    channels: dict[str, Channel] | None = None,
    slots: tuple[Slot, ...] = (),
    quiet_weeks: int = 6,
) -> Site:
    departments = departments or {"hr": Department("hr", "HR", "#000", line=1)}
    channels = channels or {"website": Channel("website", "Website", "#000", line=1)}
    settings = Settings(timezone="Europe/London", today=TODAY, planning_quiet_weeks=quiet_weeks)
    ordered = tuple(
        sorted(stories, key=lambda s: (s.day, s.start.timestamp() if isinstance(s.start, dt.datetime) else 0))
    )
    return Site(Registry(departments, channels, slots=slots), settings, ordered)


def kinds(found: list[findings.Finding]) -> list[str]:
    return [f.kind for f in found]


# --- Counting ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cadence", "days", "need"),
    [
        (Cadence(2, "week"), 28, 8),
        (Cadence(1, "week"), 28, 4),
        (Cadence(1, "month"), 28, 1),  # 0.92, but at least one
        (Cadence(2, "month"), 28, 1),  # 1.84: a fortnightly department has one in some four-week windows
        (Cadence(3, "month"), 28, 2),
        (Cadence(4, "month"), 28, 3),
        (Cadence(1, "week"), 30, 4),  # a 30-day month: 4.29
        (Cadence(2, "week"), 31, 8),  # 8.86
    ],
)
def test_required_rounds_the_pro_rated_target_down(cadence: Cadence, days: int, need: int) -> None:
    assert findings.required(cadence, days) == need


@pytest.mark.parametrize(
    ("text", "url_length", "length"),
    [
        ("x" * 100, None, 100),
        ("x" * 100 + " https://example.org/a/b", None, 124),
        ("x" * 100 + " https://example.org/a/b", 23, 124),  # 23 characters long anyway
        ("x" * 100 + " https://example.org/" + "a" * 80, 23, 124),
        ("two https://a.example/x and http://b.example/" + "y" * 50, 23, 4 + 23 + 5 + 23),
        ("café ☕ ü", 23, 8),
    ],
)
def test_copy_length_counts_links_as_the_channel_does(text: str, url_length: int | None, length: int) -> None:
    assert findings.copy_length(text, Channel("t", "T", "#000", url_length=url_length)) == length


# --- Cadence and quiet departments ---------------------------------------------------------------------------


def weekly(**extra: object) -> dict[str, Department]:
    return {"hr": Department("hr", "HR", "#000", cadence=Cadence(1, "week"), line=1, cadence_line=3, **extra)}  # type: ignore[arg-type]


def test_a_department_on_target_has_no_cadence_finding() -> None:
    stories = [
        story("hr", d, status="published") for d in ("2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16")
    ]
    stories += [story("hr", d) for d in ("2026-11-23", "2026-11-30", "2026-12-07", "2026-12-20")]
    assert findings.findings(site(stories, departments=weekly())) == []


def test_below_target_in_the_last_four_weeks() -> None:
    stories = [
        story("hr", d, status="published") for d in ("2026-10-25", "2026-11-02", "2026-11-09", "2026-11-16")
    ]
    stories += [story("hr", "2026-11-20", status="draft")]  # a past draft did not go out
    stories += [story("hr", "2026-11-21", status="cancelled")]
    stories += [story("hr", d) for d in ("2026-11-23", "2026-11-30", "2026-12-07", "2026-12-20")]
    found = findings.findings(site(stories, departments=weekly()))
    assert kinds(found) == ["cadence", "missed"]  # the past draft is a missed date besides
    problem = found[0].problem
    assert (problem.path, problem.line, problem.severity) == ("calendar/departments.yml", 3, Severity.WARNING)
    assert problem.message == (
        "HR published 3 stories in the last 4 weeks (from Mon 26 Oct); its target of 1/week means at least 4"
    )


def test_below_target_in_the_coming_four_weeks() -> None:
    stories = [
        story("hr", d, status="published") for d in ("2026-10-26", "2026-11-02", "2026-11-09", "2026-11-22")
    ]
    stories += [story("hr", d, status="idea") for d in ("2026-11-23", "2026-11-30", "2026-12-07")]
    stories += [story("hr", "2026-12-21")]  # the day after the window
    found = findings.findings(site(stories, departments=weekly()))
    assert [f.message for f in found] == [
        "HR has planned 3 stories for the coming 4 weeks (to Sun 20 Dec); its target of 1/week means at least 4"
    ]


def test_per_channel_targets() -> None:
    departments = weekly(channel_cadence=(("linkedin", Cadence(1, "month")),))
    channels = {k: Channel(k, k.title(), "#000") for k in ("website", "linkedin")}
    stories = [
        story("hr", d, status="published") for d in ("2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16")
    ]
    stories += [story("hr", d) for d in ("2026-11-23", "2026-11-30", "2026-12-07")]
    stories += [story("hr", "2026-12-14", ("linkedin",))]
    found = findings.findings(site(stories, departments=departments, channels=channels))
    assert [(f.channel, f.message) for f in found] == [
        ("linkedin", "HR published 0 stories on Linkedin in the last 4 weeks (from Mon 26 Oct); "
                     "its target of 1/month on Linkedin means at least 1"),
    ]  # fmt: skip


def test_quiet_department_instead_of_its_cadence_findings() -> None:
    stories = [story("hr", "2026-10-11", status="published"), story("hr", "2026-12-01", status="cancelled")]
    found = findings.findings(site(stories, departments=weekly()))
    assert kinds(found) == ["quiet"]
    assert found[0].problem.line == 1
    assert found[0].message == "HR has published nothing since 11 October 2026 and has nothing planned"
    assert found[0].problem.hint == "its target is 1/week"


@pytest.mark.parametrize(
    ("stories", "quiet"),
    [
        ([], True),  # never published, nothing planned
        ([story("hr", "2026-10-12", status="published")], False),  # six weeks ago to the day
        ([story("hr", "2026-10-11", status="published")], True),
        ([story("hr", "2026-10-11", status="published"), story("hr", "2027-03-01", status="idea")], False),
        ([story("hr", "2026-11-20", status="draft")], True),  # a draft that never went out
        ([story("hr", "2026-11-23", status="review")], False),  # today counts as planned
    ],
)
def test_quiet_after_six_weeks_without_a_plan(stories: list[Story], quiet: bool) -> None:
    assert ("quiet" in kinds(findings.findings(site(stories)))) is quiet


def test_quiet_weeks_is_an_option() -> None:
    stories = [story("hr", "2026-11-01", status="published")]
    assert kinds(findings.findings(site(stories, quiet_weeks=6))) == []
    assert kinds(findings.findings(site(stories, quiet_weeks=2))) == ["quiet"]


# --- Gap days, clashes, copy, overdue ---------------------------------------------------------------------------


BLOG = {"blog": Channel("blog", "Blog", "#000", max_per_day=1, posting_days=(1, 3), line=7)}


def busy() -> list[Story]:
    """Something on the site every week so nobody is quiet."""
    return [story("hr", "2026-11-16", ("blog",), status="published")]


def test_gap_days_are_posting_days_with_nothing_in_the_coming_four_weeks() -> None:
    tuesdays_and_thursdays = ["2026-11-24", "2026-11-26", "2026-12-01", "2026-12-03", "2026-12-08", "2026-12-10",
                              "2026-12-15", "2026-12-17"]  # fmt: skip
    stories = busy() + [
        story("hr", d, ("blog",)) for d in tuesdays_and_thursdays if d not in ("2026-12-01", "2026-12-17")
    ]
    stories.append(story("hr", "2026-12-17", ("blog",), status="cancelled"))
    stories.append(story("hr", "2026-12-22", ("blog",)))  # beyond the four weeks
    found = findings.findings(site(stories, channels=BLOG))
    assert kinds(found) == ["gaps"]
    assert found[0].days == (dt.date(2026, 12, 1), dt.date(2026, 12, 17))
    assert (found[0].problem.path, found[0].problem.line) == ("calendar/channels.yml", 7)
    assert (
        found[0].message
        == "Blog has nothing on 2 of its posting days in the coming 4 weeks: Tue 1 Dec, Thu 17 Dec"
    )


def test_no_gap_days_for_channels_posting_any_day_or_watched_through_slots() -> None:
    channels = {
        "website": Channel("website", "Website", "#000"),
        "newsletter": Channel("newsletter", "Newsletter", "#000", posting_days=(1,)),
    }
    slot = Slot("n", "Newsletter", "newsletter", Recurrence((1,), nth=1))
    stories = [*busy(), story("hr", "2026-12-01", ("newsletter",))]
    found = findings.findings(site(stories, channels={**channels, **BLOG}, slots=(slot,)))
    # the blog misses its Tuesdays and Thursdays; the website posts any day; the newsletter's Tuesdays
    # other than the first of the month are not gaps, because its slot says when it goes out
    assert [(f.kind, f.channel) for f in found] == [("gaps", "blog")]


def test_clashes_from_today_on_at_the_latest_story() -> None:
    linkedin = {"linkedin": Channel("linkedin", "LinkedIn", "#000", max_per_day=2, line=4)}
    stories = [
        story("hr", "2026-11-16", ("linkedin",), status="published", time=t)
        for t in ("09:00", "10:00", "11:00")
    ]
    stories += [story("hr", "2026-12-08", ("linkedin",), time=t) for t in ("18:00", "09:00", "12:00")]
    stories += [story("hr", "2026-12-09", ("linkedin",), time=t) for t in ("09:00", "10:00")]  # at the limit
    stories += [story("hr", "2026-12-10", ("linkedin",), time=t) for t in ("09:00", "10:00")]
    stories += [story("hr", "2026-12-10", ("linkedin",), status="cancelled")]
    found = findings.findings(site(stories, channels=linkedin))
    assert kinds(found) == ["clash"]
    late = next(s for s in stories if s.day == dt.date(2026, 12, 8) and s.start.hour == 18)  # type: ignore[union-attr]
    assert (found[0].problem.path, found[0].problem.line) == (late.path, 3)
    assert found[0].days == (dt.date(2026, 12, 8),) and len(found[0].stories) == 3


def test_copy_over_the_channel_limit_on_unpublished_stories() -> None:
    twitter = {"twitter": Channel("twitter", "Twitter / X", "#000", max_length=280, url_length=23)}
    long_text = "y" * 270 + " https://example.org/offers"  # 298 as written, 294 as counted
    short_text = "y" * 250 + " https://example.org/" + "z" * 80  # 352 as written, 274 as counted
    stories = [
        story("hr", "2026-11-24", ("twitter",), copy=(("twitter", long_text),)),
        story("hr", "2026-11-25", ("twitter",), copy=(("twitter", short_text),)),
        story("hr", "2026-11-16", ("twitter",), status="published", copy=(("twitter", long_text),)),
        story("hr", "2026-11-26", ("twitter",), status="cancelled", copy=(("twitter", long_text),)),
        story("hr", "2026-11-27", ("twitter",), copy=(("twitter", "w" * 280),)),  # exactly the limit
    ]
    found = findings.findings(site(stories, channels=twitter))
    assert kinds(found) == ["copy"]
    assert (found[0].problem.path, found[0].problem.line) == (stories[0].path, 7)
    assert (
        found[0].message
        == "the Twitter / X copy is 294 characters, links counted as 23; Twitter / X takes at most 280"
    )
    assert found[0].problem.hint == "shorten it by 14"


def test_overdue_drafts() -> None:
    stories = [
        *busy(),
        story("hr", "2026-12-01", status="draft", due="2026-11-20", title="Late draft"),
        story("hr", "2026-12-02", status="idea", due="2026-11-22"),
        story("hr", "2026-12-03", status="review", due="2026-11-01"),
        story("hr", "2026-12-04", status="review", due="2026-11-23"),  # due today: not late yet
        story("hr", "2026-12-05", status="scheduled", due="2026-11-01"),  # done
        story("hr", "2026-12-06", status="cancelled", due="2026-11-01"),
        story("hr", "2026-12-07", status="draft"),  # no due date
    ]
    found = findings.findings(site(stories))
    assert kinds(found) == ["overdue"] * 3
    assert [f.stories[0].day.day for f in found] == [1, 2, 3]
    assert found[0].message == "'Late draft' was due on 2026-11-20 (3 days ago) and is still draft"
    assert {f.problem.line for f in found} == {6}


# --- Slots ------------------------------------------------------------------------------------------------------


def test_unfilled_slots_in_the_next_14_days_and_a_rotating_slot_filled_by_the_wrong_department() -> None:
    departments = {k: Department(k, k.title(), "#000", line=1) for k in ("research", "hr", "legal")}
    linkedin = {k: Channel(k, n, "#000") for k, n in (("linkedin", "LinkedIn"), ("website", "Website"))}
    thursdays = Slot("li", "LinkedIn Thursday", "linkedin", Recurrence((3,)), dt.time(12, 0),
                     rotation=("research", "hr", "legal"), anchor=dt.date(2026, 11, 5), line=9)  # fmt: skip
    stories = [
        story(k, "2026-11-16", status="published")
        for k in departments  # nobody is quiet
    ] + [
        story("hr", "2026-11-26", ("linkedin",)),  # research's turn
        story("hr", "2026-12-03", ("linkedin",)),  # hr's turn: filled
        story("research", "2026-12-10", ("linkedin",)),  # legal's turn, but beyond 14 days
    ]
    found = findings.findings(site(stories, departments=departments, channels=linkedin, slots=(thursdays,)))
    assert kinds(found) == ["slot"]
    wrong = found[0]
    assert wrong.problem.path == stories[3].path and wrong.problem.line == 4
    assert wrong.message == (
        "LinkedIn Thursday on Thu 26 Nov 2026 is open: it is Research's turn; '"
        + stories[3].title
        + "' is on that day but is from Hr"
    )
    # with hr's story gone, the same hole points at slots.yml
    found = findings.findings(
        site(stories[:3] + stories[4:], departments=departments, channels=linkedin, slots=(thursdays,))
    )
    assert [(f.problem.path, f.problem.line, f.problem.hint) for f in found] == [
        ("calendar/slots.yml", 9, "plan a story for it")
    ]


def test_findings_are_warnings_in_kind_order() -> None:
    departments = {"hr": Department("hr", "HR", "#000", cadence=Cadence(1, "week"), line=1)}
    stories = [story("hr", "2026-11-16", ("blog",), status="published", due="2026-11-01")]
    stories.append(story("hr", "2026-12-01", ("blog",), status="draft", due="2026-11-01"))
    found = findings.findings(site(stories, departments=departments, channels=BLOG))
    assert kinds(found) == ["cadence", "gaps", "overdue"]
    assert all(f.problem.severity is Severity.WARNING for f in found)
    assert [p.message for p in findings.problems(site(stories, departments=departments, channels=BLOG))] == [
        f.message for f in found
    ]


def test_a_slot_only_leaves_its_own_weekdays_out_of_the_gap_days() -> None:
    # LinkedIn posts Monday to Friday; its slot is on Thursdays only. The Thursdays are the slot's business
    # (an open slot, not a gap day), but an empty Monday, Tuesday, Wednesday or Friday is still a gap day.
    departments = {k: Department(k, k.title(), "#000", line=1) for k in ("research", "hr")}
    linkedin = {"linkedin": Channel("linkedin", "LinkedIn", "#000", posting_days=(0, 1, 2, 3, 4), line=3)}
    thursdays = Slot("li", "LinkedIn Thursday", "linkedin", Recurrence((3,)), owner="research", line=2)
    coming = [TODAY + dt.timedelta(days=n) for n in range(28)]
    filled = {
        day for day in coming if day.weekday() != 3 and day != dt.date(2026, 12, 9)
    }  # all but Wed 9 Dec
    stories = [story(k, "2026-11-16", ("linkedin",), status="published") for k in departments]
    stories += [story("hr", day.isoformat(), ("linkedin",)) for day in sorted(filled) if day.weekday() < 5]
    stories += [
        story("research", d, ("linkedin",)) for d in ("2026-11-26", "2026-12-03", "2026-12-10", "2026-12-17")
    ]
    found = findings.findings(site(stories, departments=departments, channels=linkedin, slots=(thursdays,)))
    assert [(f.kind, f.channel, f.days) for f in found] == [("gaps", "linkedin", (dt.date(2026, 12, 9),))]
    assert (
        found[0].message == "LinkedIn has nothing on 1 of its posting days in the coming 4 weeks: Wed 9 Dec"
    )
    # with nothing on LinkedIn, every empty weekday but Thursday is a gap; the Thursdays are open slots
    found = findings.findings(
        site(stories[:2], departments=departments, channels=linkedin, slots=(thursdays,))
    )
    gaps = next(f for f in found if f.kind == "gaps")
    assert len(gaps.days) == 16 and {day.weekday() for day in gaps.days} == {0, 1, 2, 4}
    assert [f.days[0] for f in found if f.kind == "slot"] == [dt.date(2026, 11, 26), dt.date(2026, 12, 3)]


def test_a_slot_that_has_ended_no_longer_covers_its_weekday() -> None:
    blog = {"blog": Channel("blog", "Blog", "#000", posting_days=(1,), line=7)}
    ended = Slot("b", "Blog Tuesday", "blog", Recurrence((1,)), ends=dt.date(2026, 12, 1), line=2)
    stories = [story("hr", "2026-11-16", ("blog",), status="published")]
    stories += [story("hr", d, ("blog",)) for d in ("2026-11-24", "2026-12-01", "2026-12-08")]
    found = findings.findings(site(stories, channels=blog, slots=(ended,)))
    assert [(f.kind, f.days) for f in found] == [("gaps", (dt.date(2026, 12, 15),))]
