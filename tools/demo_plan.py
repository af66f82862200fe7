"""The demo's plan: which stories Alder Bay Partners publish on which day, and what they say.

Everything the stories say, and every default, lives in tools/demo/stories.yml; this module only decides,
with one random.Random(seed) drawn in a fixed order, which of it goes where. tools/make_demo.py writes
the stories to files and checks them.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from newsdesk.core.dates import month_name, weekday_name
from newsdesk.core.model import OPEN_STATUSES, STATUSES, WEEKDAYS, Recurrence, Registry
from newsdesk.core.recurrence import RuleError, parse_every, rule_days
from newsdesk.core.schedule import ONE_DAY, DateRange, Month, is_weekend, week_start
from newsdesk.core.text import slugify

DATA = Path(__file__).with_name("demo") / "stories.yml"
TEMPLATE_KEYS = ("title", "summary", "body", "bullets", "lead", "channels", "tags", "once", "times", "slug")
PLACING_KEYS = ("department", "day", "time", "status", "timezone", "keep_tags", "due", "overdue", "campaign",
                "copy", "busy", "free_on", "shift", "months", "latest")  # fmt: skip


def fail(message: str) -> NoReturn:
    raise SystemExit(f"make_demo: {message}")


def fill(text: str, values: dict[str, Any]) -> str:
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError) as error:
        fail(f"{DATA.name}: cannot fill in {text!r}: unknown slot or stray brace ({error})")


def time_of(entry: dict[str, Any]) -> str | None:
    """`time:` of a data entry: None when it is left out (the script picks), "" for `all day`."""
    time = entry.get("time")
    if time is None or time == "all day":
        return None if time is None else ""
    if not (isinstance(time, str) and re.fullmatch(r"\d\d:\d\d", time)):
        fail(f'{DATA.name}: time {time!r} of {entry.get("title")!r}: write "09:30" (in quotes) or all day')
    return time


def rule(text: str) -> Recurrence:
    """An `every:` of the data file, read the way newsdesk reads the `every:` of calendar/slots.yml."""
    try:
        return parse_every(text)
    except RuleError as error:
        fail(f"{DATA.name}: every: {text!r}: {error}")


@dataclass(frozen=True)
class Template:
    """A kind of story, from the data file. Its texts may use {slots}, which Demo.context fills in."""

    title: str
    summary: str
    body: tuple[str | tuple[str, ...], ...]  # paragraphs; a tuple offers alternatives, one is picked
    lead: str
    channels: tuple[str, ...]  # preferred channels, the main one first
    bullets: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    once: bool = False  # a one-off announcement: at most one story per department
    times: tuple[str, ...] = ()  # usual start times, for stories that happen at a time
    slug: str = ""

    @classmethod
    def of(cls, entry: dict[str, Any], defaults: dict[str, Any]) -> Template:
        unknown = sorted(set(entry) - set(TEMPLATE_KEYS) - set(PLACING_KEYS))
        missing = [key for key in ("title", "summary", "body") if key not in entry]
        if unknown or missing:
            what = f"unknown {', '.join(unknown)}" if unknown else f"no {', '.join(missing)}"
            fail(f"{DATA.name}: the story {entry.get('title', entry)!r} has {what}")
        body = tuple(tuple(p["one of"]) if isinstance(p, dict) else p for p in entry["body"])
        lists = {key: tuple(entry[key]) for key in ("bullets", "tags", "times") if key in entry}
        return cls(entry["title"], entry["summary"], body, entry.get("lead", defaults["lead"]),
                   tuple(entry.get("channels", defaults["channels"])), **lists, once=bool(entry.get("once")),
                   slug=entry.get("slug", ""))  # fmt: skip

    def texts(self) -> list[str]:
        paragraphs = [text for item in self.body for text in ((item,) if isinstance(item, str) else item)]
        return [self.title, self.summary, self.lead, *paragraphs, *self.bullets, *self.tags, self.slug]


@dataclass
class Story:
    department: str
    day: dt.date
    title: str
    summary: str
    body: str
    channels: list[str]
    status: str
    story_id: str
    time: str = ""
    slug: str = ""
    timezone: str = ""
    show_department: bool = False
    authors: list[str] = field(default_factory=list)
    due: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    campaign: str = ""
    copy: dict[str, str] = field(default_factory=dict)
    link: str = ""

    def front_matter(self) -> dict[str, Any]:
        """The front-matter as YAML should read it back, in the order it is written."""
        meta = {
            "id": self.story_id,
            "title": self.title,
            "date": f"{self.day} {self.time}" if self.time else self.day,
            "timezone": self.timezone,
            "department": self.department if self.show_department else "",
            "channels": list(self.channels),
            "status": self.status,
            "author": self.authors[0] if len(self.authors) == 1 else list(self.authors),
            "summary": self.summary,
            "due": self.due,
            "tags": list(self.tags),
            "campaign": self.campaign,
            "copy": dict(self.copy),
            "link": self.link,
        }
        return {key: value for key, value in meta.items() if value}


class Demo:
    def __init__(self, today: dt.date, seed: int, data: dict[str, Any], registry: Registry) -> None:
        self.today, self.data, self.rng = today, data, random.Random(seed)
        self.defaults: dict[str, Any] = data["defaults"]
        self.start, self.end = today - dt.timedelta(days=91), today + dt.timedelta(days=91)
        self.departments, self.channels = registry.departments, list(registry.channels)
        self.posting_days = {key: set(channel.posting_days) for key, channel in registry.channels.items()}
        self.capacity = {key: channel.max_per_day or 99 for key, channel in registry.channels.items()}
        self.slots = {
            name: list(range(v["from"], v["to"] + 1, v.get("step", 1))) if isinstance(v, dict) else list(v)
            for name, v in data["slots"].items()
        }
        self.templates = {key: [self.template(t) for t in ts] for key, ts in data["templates"].items()}
        self.generic = [self.template(t) for t in data["generic"]]
        self.closure = tuple(
            tuple(int(part) for part in data["closed"][end].split("-")) for end in ("from", "to")
        )
        self.weekdays = {WEEKDAYS.index(day): weight for day, weight in data["weekdays"].items()}
        self.statuses: list[tuple[dict[str, int], int | None]] = [
            ({k: w for k, w in row.items() if k != "until"}, row.get("until")) for row in data["statuses"]
        ]
        if unknown := {status for weights, _ in self.statuses for status in weights} - set(STATUSES):
            fail(f"{DATA.name}: statuses: {', '.join(sorted(unknown))} is not one of {', '.join(STATUSES)}")
        self.load: dict[tuple[str, dt.date], int] = {}
        self.stories: list[Story] = []
        self.used_titles: set[tuple[str, str]] = set()
        self.used_once: set[tuple[str, str]] = set()
        self.used_ids: set[str] = set()
        self.issues: list[Story] = []  # the monthly newsletters
        self.busy_mondays: set[dt.date] = set()

    def build(self) -> list[Story]:
        self.newsletters()  # first, so they get their Tuesday slot in the newsletter
        self.busy_weeks()
        self.clock_changes()
        self.dated()
        self.ordinary_weeks()
        self.fill_newsletters()
        return sorted(self.stories, key=lambda s: (s.day, s.time, s.department, s.title))

    # Days

    def closed(self, day: dt.date) -> bool:
        """Weekends, and the closure of the data file (24 December to 1 January), which may span New Year."""
        (first, last), month_day = self.closure, (day.month, day.day)
        within = first <= month_day <= last if first <= last else month_day >= first or month_day <= last
        return is_weekend(day) or within

    def working_day(self, day: dt.date, step: int = 1) -> dt.date:
        """The first working day from `day`, forwards (or backwards with step=-1)."""
        while self.closed(day):
            day += dt.timedelta(days=step)
        return day

    # Random pieces

    def template(self, entry: dict[str, Any]) -> Template:
        return Template.of(entry, self.defaults)

    def new_id(self) -> str:
        while True:
            candidate = f"{self.rng.getrandbits(48):012x}"
            if candidate not in self.used_ids:
                self.used_ids.add(candidate)
                return candidate

    def context(self, template: Template, day: dt.date, extra: dict[str, Any]) -> dict[str, Any]:
        """Values for the template's slots, drawn once, so the title, summary and body agree."""
        wanted = sorted({name for text in template.texts() for _, name, _, _ in string.Formatter().parse(text)
                         if name})  # fmt: skip
        rng = self.rng
        values: dict[str, Any] = {
            "month": month_name(day),
            "next_month": month_name(Month.of(day).next().first),
            "year": day.year,
            "next_year": day.year + 1,
            "prev_year": day.year - 1,
            "next_year_from_today": self.today.year + 1,
            "site": self.data["site"],
            **extra,
        }
        if "person" in wanted or "first" in wanted:
            first, last = rng.choice(self.data["first_names"]), rng.choice(self.data["last_names"])
            values.update(person=f"{first} {last}", first=first)
        for name in wanted:
            if name in self.slots:
                values[name] = rng.choice(self.slots[name])
        if "share_before" in wanted:
            values["share_before"] = values["share"] - rng.randint(8, 20)
        return values

    def choose_channels(self, day: dt.date, preferred: tuple[str, ...], *, busy: bool = False) -> list[str]:
        """1-3 channels that post on `day`, the template's favourites first; full channels are skipped.

        `busy` stories take every favourite that posts that day, full or not.
        """

        def usable(channel: str) -> bool:
            return day.weekday() in self.posting_days[channel] and (
                busy or self.load.get((channel, day), 0) < self.capacity[channel]
            )

        favourites = [c for c in preferred if c in self.channels]
        wanted = len(favourites) if busy else self.rng.choices((1, 2, 3), weights=(3, 4, 2))[0]
        chosen = [c for c in favourites if usable(c)][:wanted]
        if not chosen:
            others = [c for c in self.channels if usable(c)]
            chosen = others[:1] or [
                next((c for c in self.channels if day.weekday() in self.posting_days[c]), self.channels[0])
            ]
        for channel in chosen:
            self.load[(channel, day)] = self.load.get((channel, day), 0) + 1
        return sorted(chosen, key=self.channels.index)

    def status_for(self, day: dt.date) -> str:
        """A status drawn with the weights of the data file's `statuses:` row for how far ahead `day` is."""
        ahead = (day - self.today).days
        weights = next((w for w, until in self.statuses if until is None or ahead <= until), None)
        if not weights:
            fail(f"{DATA.name}: statuses: the last row must have no `until`")
        return self.rng.choices(tuple(weights), weights=tuple(weights.values()))[0]

    def set_piece_status(self, day: dt.date) -> str:
        """Set pieces (busy weeks, clock changes) go ahead: published once past, never cancelled."""
        return "published" if day < self.today else ""

    def pick_template(self, department: str) -> Template | None:
        candidates = [
            t
            for t in self.templates.get(department, self.generic)
            if not (t.once and (department, t.title) in self.used_once)
        ]
        return self.rng.choice(candidates) if candidates else None

    # Stories

    def add(
        self,
        department: str,
        day: dt.date,
        template: Template,
        *,
        time: str | None = None,
        status: str = "",
        busy: bool = False,
        extra: dict[str, Any] | None = None,
        entry: dict[str, Any] | None = None,
    ) -> Story | None:
        """Write one story from `template`; None when the department already has a story of that title.

        `entry` may set the story's timezone, tags, campaign, copy and due date (see the data file).
        """
        if department not in self.departments:
            return None
        rng, entry, data = self.rng, entry or {}, self.data
        values = self.context(template, day, extra or {})
        title = fill(template.title, values)
        # Numbers do not count: one story per client, not one per "8 years with us" and "9 years with us".
        key = (department, re.sub(r"[0-9]+", "#", title))
        if key in self.used_titles:
            return None
        self.used_titles.add(key)
        if template.once:
            self.used_once.add((department, template.title))
        if time is None:
            if template.times and rng.random() < 0.8:
                time = rng.choice(template.times)
            else:
                time = rng.choice(data["times"]) if rng.random() < 0.2 else ""
        values["summary"] = fill(template.summary, values)
        story = Story(
            department=department,
            day=day,
            title=title,
            summary=values["summary"],
            body=self.body(department, template, values),
            channels=self.choose_channels(day, template.channels, busy=busy),
            status=status or self.status_for(day),
            story_id=self.new_id(),
            time=time,
            slug=fill(template.slug, values),
            show_department=rng.random() < 0.5,
        )
        staff = data["staff"].get(department, data["staff"][self.defaults["staff"]])
        story.authors = sorted(rng.sample(staff, 2)) if rng.random() < 0.15 else [rng.choice(staff)]
        self.plan_due(story, planned=bool(status))
        tags = [fill(tag, values) for tag in template.tags]
        if (tags and rng.random() < 0.55) or entry.get("keep_tags"):
            story.tags = tags
        if department in data["campaigns"] and rng.random() < 0.2:
            story.campaign = fill(rng.choice(data["campaigns"][department]), values)
        self.write_copy(story)
        if rng.random() < 0.04:
            story.link = fill(
                data["link"], {"site": data["site"], "department": department, "slug": slugify(title)}
            )
        story.timezone = entry.get("timezone", "")
        if "campaign" in entry:
            story.campaign = fill(entry["campaign"], values)
        if "copy" in entry:
            story.copy = {channel: fill(text, values) for channel, text in entry["copy"].items()}
        if "due" in entry:
            story.due = story.day + dt.timedelta(days=entry["due"])
        if "overdue" in entry:
            story.due = self.today - dt.timedelta(days=rng.randint(*entry["overdue"]))
        self.stories.append(story)
        return story

    def plan_due(self, story: Story, *, planned: bool) -> None:
        """Unfinished stories are usually due a few days ahead of their date; only planned lateness is late.

        `planned` means the caller chose the status: it is kept, and a due date in the past becomes today.
        """
        rng = self.rng
        due = self.working_day(story.day - dt.timedelta(days=rng.randint(2, 9)), -1)
        if story.status in ("draft", "review", "scheduled"):
            if rng.random() < 0.9:
                story.due = due
        elif story.status == "idea":
            story.due = due if rng.random() < 0.3 else None
        elif story.status == "published" and rng.random() < 0.15:
            story.due = due
        if not (story.due and story.due < self.today and story.status in OPEN_STATUSES):
            return
        if planned:
            story.due = self.today
        elif story.status == "idea":
            story.due = None
        else:
            story.status = "scheduled"  # finished on time: the overdue stories are planned in the data file

    def body(self, department: str, template: Template, values: dict[str, Any]) -> str:
        rng = self.rng
        paragraphs = [
            fill(item if isinstance(item, str) else rng.choice(item), values) for item in template.body
        ]
        if template.bullets and rng.random() < 0.7:
            items = "\n".join(f"- {fill(item, values)}" for item in template.bullets)
            paragraphs.insert(1, f"{fill(template.lead, values)}\n\n{items}")
        if len(paragraphs) < 4 and rng.random() < 0.4:
            paragraphs.append(fill(self.data["sign_off"], {"department": self.departments[department].name}))
        return "\n\n".join(paragraphs)

    def write_copy(self, story: Story) -> None:
        for channel, post in self.data["social_posts"].items():
            if channel in story.channels and self.rng.random() < post["share"]:
                hashtag = self.data["hashtags"].get(story.department, self.defaults["hashtag"])
                story.copy[channel] = fill(post["text"], {"summary": story.summary, "hashtag": hashtag})

    # The plan: the steps of build(), in the order they draw random numbers

    def newsletters(self) -> None:
        """The monthly newsletter goes out on the days of its `every`; its contents are filled in last."""
        letter = self.data["newsletter"]
        template = Template(letter["title"], letter["summary"], ("",), "", tuple(letter["channels"]))
        issue = letter["first_issue"]
        for day in rule_days(rule(letter["every"]), DateRange(self.start, self.end + ONE_DAY)):
            if letter["department"] in self.departments:
                story = self.add(letter["department"], day, template, time=time_of(letter),
                                 extra={"issue": issue}, entry={"copy": {}})  # fmt: skip
                if story:
                    self.issues.append(story)
                issue += 1

    def fill_newsletters(self) -> None:
        letter = self.data["newsletter"]
        for issue in self.issues:
            window = [
                s
                for s in sorted(self.stories, key=lambda s: (s.day, s.department, s.title))
                if issue.day - dt.timedelta(days=letter["looks_back"]) <= s.day < issue.day
                and s.status != "cancelled"
                and all(s is not other for other in self.issues)
            ]
            picked: list[Story] = []
            for story in window:
                if story.department not in {p.department for p in picked} and len(picked) < letter["at_most"]:
                    picked.append(story)
            items = "\n".join(
                fill(letter["item"], {"department": self.departments[s.department].name, "title": s.title})
                for s in picked
            )
            month = {"month": month_name(issue.day)}
            listing = (
                f"{fill(letter['list_lead'], month)}\n\n{items}" if picked else fill(letter["quiet"], month)
            )
            issue.body = "\n\n".join([fill(letter["intro"], month), listing, fill(letter["footer"], month)])

    def busy_weeks(self) -> None:
        """Weeks in which many departments publish at once, on every channel they prefer."""
        for week in self.data["busy_weeks"]:
            monday = week_start(self.today) + dt.timedelta(weeks=week["week"])
            self.busy_mondays.add(monday)
            extra = {"occasion": week["occasion"], "week_year": monday.year}
            extra["campaign"] = fill(week["campaign"], extra)
            if "announcement" in week:
                entry = week["announcement"]
                day = self.working_day(monday + dt.timedelta(days=entry["day"]))
                self.add(entry["department"], day, self.template(entry), time=time_of(entry),
                         status=self.set_piece_status(day), extra=extra)  # fmt: skip
            for entry in week["stories"]:
                day = monday + dt.timedelta(days=entry["day"])
                template = self.template({**self.data["busy_story"], **entry})
                status = self.set_piece_status(day)
                self.add(entry["department"], day, template, time=time_of(entry), status=status, busy=True,
                         extra=extra, entry={"campaign": extra["campaign"]})  # fmt: skip

    def clock_changes(self) -> None:
        """Timed stories around the clock changes: the days of `every` in the months of `seasons`."""
        changes = self.data["clock_changes"]
        horizon = self.today + dt.timedelta(days=changes["until"])
        days = rule_days(rule(changes["every"]), DateRange(self.start, horizon + ONE_DAY))
        for sunday in (day for day in days if day.month in changes["seasons"]):
            extra = {"season": changes["seasons"][sunday.month], "change": month_name(sunday, year=True),
                     "change_day": f"{weekday_name(sunday)} {sunday:%d} {month_name(sunday)}"}  # fmt: skip
            for entry in changes["stories"]:
                if sunday.month in entry.get("months", (sunday.month,)):
                    day = sunday + dt.timedelta(days=entry["day"])
                    self.add(entry["department"], day, self.template(entry), time=time_of(entry),
                             status=self.set_piece_status(day), extra=extra)  # fmt: skip

    def dated(self) -> None:
        """The stories on days counted from today: special titles, the quiet departments, overdue stories."""
        for entry in self.data["dated"]:
            day = self.today + dt.timedelta(days=entry["day"])
            day = self.working_day(day, -1 if entry.get("shift") == "back" else 1)
            if "latest" in entry and day > self.today + dt.timedelta(days=entry["latest"]):
                continue
            template = self.template(entry) if "title" in entry else self.pick_template(entry["department"])
            while not all(self.load.get((c, day), 0) < self.capacity[c]
                          for c in entry.get("free_on", ()) if c in self.channels):  # fmt: skip
                day = self.working_day(day + ONE_DAY)
            if template:
                status, busy = entry.get("status", ""), entry.get("busy", False)
                self.add(entry["department"], day, template, time=time_of(entry), status=status, busy=busy,
                         entry=entry)  # fmt: skip

    def ordinary_weeks(self) -> None:
        """Each department's everyday stories, at its usual rate: a running total with a little jitter."""
        rng = self.rng
        owed = {department: rng.random() for department in sorted(self.departments)}
        week = week_start(self.start)
        while week <= self.end:
            ahead = (week - self.today).days
            thinning = 1.0 if ahead <= 28 else 0.75 if ahead <= 56 else 0.5  # the far future is less planned
            if week in self.busy_mondays:
                thinning *= 0.3  # the busy weeks crowd out everyday stories
            for department in sorted(self.departments):
                rate = self.data["rates"].get(department, self.defaults["rate"])
                if not rate:
                    continue
                owed[department] += rate * thinning
                count = max(0, min(2, int(owed[department] + rng.uniform(-0.35, 0.35))))
                owed[department] -= count
                for _ in range(count):
                    day = week + dt.timedelta(
                        days=rng.choices(tuple(self.weekdays), weights=tuple(self.weekdays.values()))[0]
                    )
                    template = self.pick_template(department)
                    if template and self.start <= day <= self.end and not self.closed(day):
                        self.add(department, day, template)
            week += dt.timedelta(weeks=1)
