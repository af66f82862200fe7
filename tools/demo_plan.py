"""The demo's plan: which stories Alder Bay Partners publish on which day, and what they say.

Everything the stories say, and every default, lives in tools/demo/stories.yml; this module only decides,
with one random.Random(seed) drawn in a fixed order, which of it goes where. `Demo` holds the plan's state
and writes one story at a time; the steps of `Demo.build` (newsletters, busy weeks, clock changes, dated
stories, ordinary weeks) are in demo_steps.py, and the data file's pieces in demo_model.py.
tools/make_demo.py writes the stories to files and checks them.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import string
from typing import Any

import demo_steps as steps
from demo_model import DATA, Story, Template, fail, fill
from newsdesk.core.dates import month_name
from newsdesk.core.model import OPEN_STATUSES, STATUSES, WEEKDAYS, Registry
from newsdesk.core.schedule import Month, is_weekend
from newsdesk.core.text import slugify

__all__ = ["DATA", "Demo", "Story"]


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
        steps.newsletters(self)  # first, so they get their Tuesday slot in the newsletter
        steps.busy_weeks(self)
        steps.clock_changes(self)
        steps.dated(self)
        steps.ordinary_weeks(self)
        steps.fill_newsletters(self)
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
