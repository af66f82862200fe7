"""The steps of `Demo.build`, in the order they draw random numbers: the monthly newsletters, the busy weeks,
the clock changes, the stories dated from today, each department's ordinary weeks, and last what each
newsletter lists. Each takes the `Demo` it adds to.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from demo_model import Story, Template, fill, rule, time_of
from newsdesk.core.dates import month_name, weekday_name
from newsdesk.core.recurrence import rule_days
from newsdesk.core.schedule import ONE_DAY, DateRange, week_start

if TYPE_CHECKING:
    from demo_plan import Demo


def newsletters(demo: Demo) -> None:
    """The monthly newsletter goes out on the days of its `every`; its contents are filled in last."""
    letter = demo.data["newsletter"]
    template = Template(letter["title"], letter["summary"], ("",), "", tuple(letter["channels"]))
    issue = letter["first_issue"]
    for day in rule_days(rule(letter["every"]), DateRange(demo.start, demo.end + ONE_DAY)):
        if letter["department"] in demo.departments:
            story = demo.add(letter["department"], day, template, time=time_of(letter),
                             extra={"issue": issue}, entry={"copy": {}})  # fmt: skip
            if story:
                demo.issues.append(story)
            issue += 1


def fill_newsletters(demo: Demo) -> None:
    letter = demo.data["newsletter"]
    for issue in demo.issues:
        window = [
            s
            for s in sorted(demo.stories, key=lambda s: (s.day, s.department, s.title))
            if issue.day - dt.timedelta(days=letter["looks_back"]) <= s.day < issue.day
            and s.status != "cancelled"
            and all(s is not other for other in demo.issues)
        ]
        picked: list[Story] = []
        for story in window:
            if story.department not in {p.department for p in picked} and len(picked) < letter["at_most"]:
                picked.append(story)
        items = "\n".join(
            fill(letter["item"], {"department": demo.departments[s.department].name, "title": s.title})
            for s in picked
        )
        month = {"month": month_name(issue.day)}
        listing = f"{fill(letter['list_lead'], month)}\n\n{items}" if picked else fill(letter["quiet"], month)
        issue.body = "\n\n".join([fill(letter["intro"], month), listing, fill(letter["footer"], month)])


def busy_weeks(demo: Demo) -> None:
    """Weeks in which many departments publish at once, on every channel they prefer."""
    for week in demo.data["busy_weeks"]:
        monday = week_start(demo.today) + dt.timedelta(weeks=week["week"])
        demo.busy_mondays.add(monday)
        extra = {"occasion": week["occasion"], "week_year": monday.year}
        extra["campaign"] = fill(week["campaign"], extra)
        if "announcement" in week:
            entry = week["announcement"]
            day = demo.working_day(monday + dt.timedelta(days=entry["day"]))
            demo.add(entry["department"], day, demo.template(entry), time=time_of(entry),
                     status=demo.set_piece_status(day), extra=extra)  # fmt: skip
        for entry in week["stories"]:
            day = monday + dt.timedelta(days=entry["day"])
            template = demo.template({**demo.data["busy_story"], **entry})
            status = demo.set_piece_status(day)
            demo.add(entry["department"], day, template, time=time_of(entry), status=status, busy=True,
                     extra=extra, entry={"campaign": extra["campaign"]})  # fmt: skip


def clock_changes(demo: Demo) -> None:
    """Timed stories around the clock changes: the days of `every` in the months of `seasons`."""
    changes = demo.data["clock_changes"]
    horizon = demo.today + dt.timedelta(days=changes["until"])
    days = rule_days(rule(changes["every"]), DateRange(demo.start, horizon + ONE_DAY))
    for sunday in (day for day in days if day.month in changes["seasons"]):
        extra = {"season": changes["seasons"][sunday.month], "change": month_name(sunday, year=True),
                 "change_day": f"{weekday_name(sunday)} {sunday:%d} {month_name(sunday)}"}  # fmt: skip
        for entry in changes["stories"]:
            if sunday.month in entry.get("months", (sunday.month,)):
                day = sunday + dt.timedelta(days=entry["day"])
                demo.add(entry["department"], day, demo.template(entry), time=time_of(entry),
                         status=demo.set_piece_status(day), extra=extra)  # fmt: skip


def dated(demo: Demo) -> None:
    """The stories on days counted from today: special titles, the quiet departments, overdue stories."""
    for entry in demo.data["dated"]:
        day = demo.today + dt.timedelta(days=entry["day"])
        day = demo.working_day(day, -1 if entry.get("shift") == "back" else 1)
        if "latest" in entry and day > demo.today + dt.timedelta(days=entry["latest"]):
            continue
        template = demo.template(entry) if "title" in entry else demo.pick_template(entry["department"])
        while not all(demo.load.get((c, day), 0) < demo.capacity[c]
                      for c in entry.get("free_on", ()) if c in demo.channels):  # fmt: skip
            day = demo.working_day(day + ONE_DAY)
        if template:
            status, busy = entry.get("status", ""), entry.get("busy", False)
            demo.add(entry["department"], day, template, time=time_of(entry), status=status, busy=busy,
                     entry=entry)  # fmt: skip


def ordinary_weeks(demo: Demo) -> None:
    """Each department's everyday stories, at its usual rate: a running total with a little jitter."""
    rng = demo.rng
    owed = {department: rng.random() for department in sorted(demo.departments)}
    week = week_start(demo.start)
    while week <= demo.end:
        ahead = (week - demo.today).days
        thinning = 1.0 if ahead <= 28 else 0.75 if ahead <= 56 else 0.5  # the far future is less planned
        if week in demo.busy_mondays:
            thinning *= 0.3  # the busy weeks crowd out everyday stories
        for department in sorted(demo.departments):
            rate = demo.data["rates"].get(department, demo.defaults["rate"])
            if not rate:
                continue
            owed[department] += rate * thinning
            count = max(0, min(2, int(owed[department] + rng.uniform(-0.35, 0.35))))
            owed[department] -= count
            for _ in range(count):
                day = week + dt.timedelta(
                    days=rng.choices(tuple(demo.weekdays), weights=tuple(demo.weekdays.values()))[0]
                )
                template = demo.pick_template(department)
                if template and demo.start <= day <= demo.end and not demo.closed(day):
                    demo.add(department, day, template)
        week += dt.timedelta(weeks=1)
