"""Recurring slots: reading calendar/slots.yml (every mistake on its line), their days, whose turn it is,
the clock changes, and which stories fill them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from newsdesk.core.model import Channel, Department, Recurrence, Registry, Settings, Slot, Story
from newsdesk.core.recurrence import RuleError, describe, parse_every
from newsdesk.core.schedule import DateRange
from newsdesk.core.site import Site
from newsdesk.planning.slots import open_slots, slot_calendar, slot_days, turn
from newsdesk.sources.registry import load_registry

LONDON = ZoneInfo("Europe/London")
TODAY = dt.date(2026, 11, 23)  # a Monday
DEPARTMENTS = "marketing: {}\nresearch: {}\nhr: {}\nlegal: {}\n"
CHANNELS = "newsletter: {}\nlinkedin: {}\nwebsite: {}\n"


def load(tmp_path: Path, slots: str):
    folder = tmp_path / "calendar"
    folder.mkdir(exist_ok=True)
    (folder / "departments.yml").write_text(DEPARTMENTS)
    (folder / "channels.yml").write_text(CHANNELS)
    (folder / "slots.yml").write_text(slots)
    return load_registry(tmp_path)


def days(start: str, end: str) -> DateRange:
    return DateRange(dt.date.fromisoformat(start), dt.date.fromisoformat(end))


# --- every: --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule", "words"),
    [
        ("thursday", Recurrence((3,)), "every Thursday"),
        ("every Thursday", Recurrence((3,)), "every Thursday"),
        ("Thursdays", Recurrence((3,)), "every Thursday"),
        ("thu", Recurrence((3,)), "every Thursday"),
        (["tue", "Thursday"], Recurrence((1, 3)), "every Tuesday and Thursday"),
        ("tuesday and thursday", Recurrence((1, 3)), "every Tuesday and Thursday"),
        ("mon, wed, fri", Recurrence((0, 2, 4)), "every Monday, Wednesday and Friday"),
        ("every other friday", Recurrence((4,), interval=2), "every other Friday"),
        ("3 weeks on monday", Recurrence((0,), interval=3), "every 3 weeks on Monday"),
        ("first Tuesday of the month", Recurrence((1,), nth=1), "the first Tuesday of the month"),
        ("the 2nd monday of each month", Recurrence((0,), nth=2), "the second Monday of the month"),
        ("last friday", Recurrence((4,), nth=-1), "the last Friday of the month"),
        ("every last sunday of the month", Recurrence((6,), nth=-1), "the last Sunday of the month"),
    ],
)
def test_rhythms_people_write(text: object, rule: Recurrence, words: str) -> None:
    assert parse_every(text) == rule
    assert describe(rule) == words


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("someday", "'someday' is not a weekday"),
        ("every second thursday", "can be read two ways"),
        ("fifth monday of the month", "'fifth monday of the month' is not a weekday"),
        ("60 weeks on monday", "between 1 and 52"),
        ([], "a list of weekdays"),
        (7, "the number 7"),
        ("", "the text ''"),
    ],
)
def test_rhythms_newsdesk_refuses(text: object, says: str) -> None:
    with pytest.raises(RuleError, match=None) as caught:
        parse_every(text)
    assert says in str(caught.value)


# --- slots.yml -----------------------------------------------------------------------------------------------


def test_a_sound_slots_file(tmp_path: Path) -> None:
    registry, problems = load(
        tmp_path,
        "# comment\n"
        'newsletter:\n  channel: newsletter\n  every: first tuesday of the month\n  time: "07:30"\n  owner: marketing\n'
        "linkedin-thursday:\n  name: LinkedIn Thursday\n  channel: linkedin\n  every: thursday\n"
        "  rotation: [research, hr, legal]\n  anchor: 2026-11-05\n"
        "fortnightly:\n  channel: website\n  every: other friday\n  starts: 2026-11-25\n  ends: 2027-03-31\n",
    )
    assert problems == []
    newsletter, linkedin, fortnightly = registry.slots
    assert newsletter == Slot(
        "newsletter",
        "Newsletter",
        "newsletter",
        Recurrence((1,), nth=1),
        dt.time(7, 30),
        owner="marketing",
        line=2,
    )
    assert (linkedin.name, linkedin.rotation, linkedin.anchor, linkedin.line) == (
        "LinkedIn Thursday",
        ("research", "hr", "legal"),
        dt.date(2026, 11, 5),
        7,
    )
    # without an anchor, the first Friday from `starts` is one: 27 November, then every other week
    assert fortnightly.anchor == dt.date(2026, 11, 27)
    assert slot_days(fortnightly, days("2026-11-01", "2027-01-01")) == [
        dt.date(2026, 11, 27), dt.date(2026, 12, 11), dt.date(2026, 12, 25)
    ]  # fmt: skip


def test_no_slots_file_means_no_slots(tmp_path: Path) -> None:
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "departments.yml").write_text(DEPARTMENTS)
    (tmp_path / "calendar" / "channels.yml").write_text(CHANNELS)
    registry, problems = load_registry(tmp_path)
    assert (registry.slots, problems) == ((), [])


@pytest.mark.parametrize(
    ("slots", "line", "message"),
    [
        ("a:\n  every: monday\n", 1, "slot 'a' needs a channel"),
        ("a:\n  channel: linkdin\n  every: monday\n", 2, "unknown channel 'linkdin' in slot 'a'"),
        ("a:\n  channel: website\n", 1, "slot 'a' needs 'every:'"),
        ("a:\n  channel: website\n  every: someday\n", 3, "every of 'a' is not a rhythm newsdesk knows"),
        ("a:\n  channel: website\n  every: monday\n  time: 9:30\n", 4, "time of 'a' must be a time of day"),
        (
            'a:\n  channel: website\n  every: monday\n  time: "25:00"\n',
            4,
            "time of 'a' must be a time of day",
        ),
        (
            "a:\n  channel: website\n  every: monday\n  owner: marketting\n",
            4,
            "unknown department 'marketting'",
        ),
        (
            "a:\n  channel: website\n  every: monday\n  rotation: [hr, lgal]\n  anchor: 2026-11-02\n",
            4,
            "unknown department 'lgal'",
        ),
        (
            "a:\n  channel: website\n  every: monday\n  rotation: hr\n  owner: hr\n  anchor: 2026-11-02\n",
            4,
            "both an owner and a rotation",
        ),
        (
            "a:\n  channel: website\n  every: monday\n  rotation: {hr: 1}\n",
            4,
            "rotation of 'a' must be a list",
        ),
        ("a:\n  channel: website\n  every: monday\n  rotation: [hr, legal]\n", 1, "slot 'a' needs an anchor"),
        ("a:\n  channel: website\n  every: other monday\n", 1, "slot 'a' needs an anchor"),
        (
            "a:\n  channel: website\n  every: monday\n  rotation: [hr]\n  anchor: 2026-11-03\n",
            5,
            "(Tuesday 2026-11-03) is not every Monday",
        ),
        (
            "a:\n  channel: website\n  every: monday\n  starts: 2026-02-30\n",
            4,
            "starts of 'a' must be a date",
        ),
        (
            "a:\n  channel: website\n  every: monday\n  starts: 2026-12-01\n  ends: 2026-11-01\n",
            5,
            "ends (2026-11-01) before it starts",
        ),
        ("a:\n  channel: website\n  every: monday\n  when: always\n", 4, "unknown field 'when' in 'a'"),
        ("A slot:\n  channel: website\n", 1, "'A slot' is not a valid key"),
        ("a:\n  channel: website\n   every: monday\n", 3, "YAML error"),
    ],
)
def test_slot_mistakes_on_their_line(tmp_path: Path, slots: str, line: int, message: str) -> None:
    _registry, problems = load(tmp_path, slots)
    assert [(p.path, p.line) for p in problems if message in p.message] == [("calendar/slots.yml", line)], (
        problems
    )
    assert all(p.is_error for p in problems)


def test_an_anchor_that_is_not_a_slot_day_gets_a_suggestion(tmp_path: Path) -> None:
    _registry, problems = load(
        tmp_path,
        "a:\n  channel: website\n  every: first tuesday of the month\n  rotation: [hr, legal]\n  anchor: 2026-11-10\n",
    )
    assert [p.hint for p in problems] == ["the anchor is a day the slot happens on, such as 2026-12-01"]


# --- Days, turns, clock changes --------------------------------------------------------------------------------


def slot(**fields: object) -> Slot:
    base: dict[str, object] = {"key": "s", "name": "Slot", "channel": "linkedin", "every": Recurrence((3,))}
    base.update(fields)
    return Slot(**base)  # type: ignore[arg-type]


def test_first_tuesday_on_the_first_of_the_month_and_last_friday_of_a_five_friday_month() -> None:
    first_tuesday = slot(every=Recurrence((1,), nth=1))
    assert slot_days(first_tuesday, days("2026-11-01", "2027-03-01")) == [
        dt.date(2026, 11, 3), dt.date(2026, 12, 1), dt.date(2027, 1, 5), dt.date(2027, 2, 2)
    ]  # fmt: skip
    last_friday = slot(every=Recurrence((4,), nth=-1))
    # January 2027 has five Fridays (1, 8, 15, 22, 29); February 2027 ends on a Sunday
    assert slot_days(last_friday, days("2027-01-01", "2027-03-01")) == [
        dt.date(2027, 1, 29),
        dt.date(2027, 2, 26),
    ]
    fourth = slot(every=Recurrence((0,), nth=4))
    assert slot_days(fourth, days("2027-03-01", "2027-04-01")) == [dt.date(2027, 3, 22)]


def test_rotation_follows_the_anchor_across_the_year_and_backwards() -> None:
    thursdays = slot(rotation=("research", "hr", "legal"), anchor=dt.date(2026, 11, 5))
    turns = {day: turn(thursdays, day) for day in slot_days(thursdays, days("2026-10-22", "2027-01-15"))}
    assert turns[dt.date(2026, 11, 5)] == "research"
    assert turns[dt.date(2026, 11, 12)] == "hr"
    assert turns[dt.date(2026, 11, 19)] == "legal"
    assert turns[dt.date(2026, 11, 26)] == "research"
    assert turns[dt.date(2026, 10, 29)] == "legal"  # the week before the anchor is the last department's
    assert turns[dt.date(2026, 10, 22)] == "hr"
    # 31 December 2026 is 8 weeks after the anchor (8 % 3 == 2), 7 January 9 weeks (9 % 3 == 0)
    assert (turns[dt.date(2026, 12, 31)], turns[dt.date(2027, 1, 7)]) == ("legal", "research")


def test_rotation_over_two_days_a_week_and_every_other_week() -> None:
    twice = slot(every=Recurrence((1, 3)), rotation=("a", "b", "c"), anchor=dt.date(2026, 11, 5))
    found = [(d.isoformat(), turn(twice, d)) for d in slot_days(twice, days("2026-11-03", "2026-11-20"))]
    assert found == [("2026-11-03", "c"), ("2026-11-05", "a"), ("2026-11-10", "b"), ("2026-11-12", "c"),
                     ("2026-11-17", "a"), ("2026-11-19", "b")]  # fmt: skip
    fortnight = slot(every=Recurrence((4,), interval=2), rotation=("a", "b"), anchor=dt.date(2026, 12, 25))
    found = [
        (d.isoformat(), turn(fortnight, d)) for d in slot_days(fortnight, days("2026-12-01", "2027-01-31"))
    ]
    assert found == [("2026-12-11", "b"), ("2026-12-25", "a"), ("2027-01-08", "b"), ("2027-01-22", "a")]


def test_monthly_rotation_counts_months() -> None:
    monthly = slot(every=Recurrence((1,), nth=1), rotation=("a", "b", "c"), anchor=dt.date(2026, 12, 1))
    found = [turn(monthly, d) for d in slot_days(monthly, days("2026-10-01", "2027-04-01"))]
    assert found == ["b", "c", "a", "b", "c", "a"]  # October 2026 to March 2027


def test_starts_and_ends_are_inclusive() -> None:
    limited = slot(starts=dt.date(2026, 11, 26), ends=dt.date(2026, 12, 10))
    assert slot_days(limited, days("2026-11-01", "2027-01-01")) == [
        dt.date(2026, 11, 26), dt.date(2026, 12, 3), dt.date(2026, 12, 10)
    ]  # fmt: skip


def site_with(slots: tuple[Slot, ...], stories: list[Story], today: dt.date = TODAY) -> Site:
    departments = {k: Department(k, k.title(), "#000") for k in ("marketing", "research", "hr", "legal")}
    channels = {k: Channel(k, k.title(), "#000") for k in ("newsletter", "linkedin", "website")}
    registry = Registry(departments, channels, slots=slots)
    return Site(registry, Settings(timezone="Europe/London", today=today), tuple(stories))


def story(
    department: str, day: str, channels: tuple[str, ...] = ("linkedin",), status: str = "scheduled"
) -> Story:
    slug = f"{day}-{department}-{'-'.join(channels)}-{status}"
    return Story(
        id=slug, path=f"content/stories/{department}/{slug}.md", src_uri=f"stories/{department}/{slug}.md",
        department=department, slug=slug, title=slug, start=dt.date.fromisoformat(day), timezone="Europe/London",
        channels=channels, status=status, lines={"date": 3, "channels": 4},
    )  # fmt: skip


def test_slot_times_keep_their_wall_clock_time_across_the_clock_changes() -> None:
    nine = slot(every=Recurrence((6,)), time=dt.time(9, 0))  # Sundays at 09:00 in London
    site = site_with((nine,), [])
    found = {s.day: s.start for s in slot_calendar(site, dt.date(2026, 10, 18), dt.date(2026, 11, 2))}
    assert [found[d].strftime("%H:%M %Z") for d in sorted(found)] == ["09:00 BST", "09:00 GMT", "09:00 GMT"]
    assert [found[d].astimezone(dt.UTC).hour for d in sorted(found)] == [8, 9, 9]


def test_a_slot_time_the_clocks_skip_moves_forward_and_a_doubled_time_is_the_first() -> None:
    night = slot(every=Recurrence((6,), nth=-1), time=dt.time(1, 30))  # last Sunday: the clock-change nights
    site = site_with((night,), [])
    march, october = dt.date(2027, 3, 28), dt.date(2026, 10, 25)
    found = {s.day: s.start for s in slot_calendar(site, october, march + dt.timedelta(days=1))}
    assert found[march] is not None and found[october] is not None
    assert found[march].strftime("%H:%M %Z") == "02:30 BST"  # 01:30 does not exist that night
    assert (
        found[october].strftime("%H:%M %Z") == "01:30 BST"
    )  # 01:30 happens twice: the first, in summer time
    assert found[october].astimezone(dt.UTC) == dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)


def test_filled_by_the_right_department_only() -> None:
    thursdays = slot(rotation=("research", "hr", "legal"), anchor=dt.date(2026, 11, 5))
    newsletter = slot(key="n", channel="newsletter", every=Recurrence((1,), nth=1), owner="marketing")
    anyone = slot(key="w", channel="website", every=Recurrence((4,)))
    stories = [
        story("hr", "2026-11-26"),  # research's turn: hr does not fill it
        story("hr", "2026-12-03"),  # hr's turn: filled
        story("legal", "2026-12-10", status="cancelled"),  # legal's turn, but cancelled
        story("research", "2026-12-17", ("website", "linkedin")),  # research's turn: filled
        story("marketing", "2026-12-01", ("newsletter",), status="idea"),  # an idea still fills the slot
        story("research", "2026-11-27", ("website",)),  # anyone's slot
    ]
    site = site_with((thursdays, newsletter, anyone), stories)
    calendar = {(s.slot.key, s.day.isoformat()): s for s in slot_calendar(site, TODAY, dt.date(2026, 12, 19))}
    state = {key: (s.department, s.filled, [o.department for o in s.others]) for key, s in calendar.items()}
    assert state == {
        ("s", "2026-11-26"): ("research", False, ["hr"]),
        ("w", "2026-11-27"): ("", True, []),
        ("n", "2026-12-01"): ("marketing", True, []),
        ("s", "2026-12-03"): ("hr", True, []),
        ("w", "2026-12-04"): ("", False, []),
        ("s", "2026-12-10"): ("legal", False, []),
        ("w", "2026-12-11"): ("", False, []),
        ("s", "2026-12-17"): ("research", True, []),
        ("w", "2026-12-18"): ("", False, []),
    }
    holes = open_slots(site, dt.date(2026, 11, 1), dt.date(2026, 12, 12))
    assert [(h.slot.key, h.day.isoformat()) for h in holes] == [
        ("s", "2026-11-26"),
        ("w", "2026-12-04"),
        ("s", "2026-12-10"),
        ("w", "2026-12-11"),
    ]  # fmt: skip  (nothing before today: 5, 12 and 19 November are history, not holes)


def test_the_open_slot_partial_shows_a_hole_with_whose_turn_it_is() -> None:
    from newsdesk.render.pages import Renderer

    thursdays = slot(name='Thursday <script>alert("x")</script>', time=dt.time(12, 0),
                     rotation=("research", "hr", "legal"), anchor=dt.date(2026, 11, 5))  # fmt: skip
    site = site_with((thursdays,), [])
    hole = open_slots(site, TODAY, dt.date(2026, 11, 27))[0]
    template = Renderer().env.from_string(
        '{% from "newsdesk/partials/open_slot.html" import open_slot with context %}<ul>{{ open_slot(hole) }}</ul>'
    )
    html = template.render(site=site, hole=hole)
    assert html == (
        '<ul><li class="nd-slot" id="slot-s-2026-11-26" data-slot="s" data-department="research" data-channels="linkedin">\n'
        '<span class="nd-slot__head"><time class="nd-slot__time" datetime="2026-11-26T12:00:00+00:00">12:00</time> '
        '<span class="nd-slot__title">Open slot: Thursday &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</span></span>\n'
        '<span class="nd-slot__meta">on Linkedin, Research\'s turn</span></li></ul>'
    )
    # an owner's slot, all day, and a slot anyone may fill
    owned = slot(
        key="n", name="Newsletter", channel="newsletter", every=Recurrence((1,), nth=1), owner="marketing"
    )
    anyone = slot(key="w", name="Web Friday", channel="website", every=Recurrence((4,)))
    site = site_with((owned, anyone), [])
    holes = open_slots(site, TODAY, dt.date(2026, 12, 2))
    words = [" ".join(template.render(site=site, hole=hole).replace("<", " <").split()) for hole in holes]
    texts = [" ".join("".join(part.split(">")[-1] for part in w.split("<")).split()) for w in words]
    assert texts == [
        "Open slot: Web Friday on Website, any department",
        "Open slot: Newsletter on Newsletter, Marketing's slot",
    ]
