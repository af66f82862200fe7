"""Write the demo organisation's stories into content/stories/, dated around a given day.

    python tools/make_demo.py [--today 2026-11-23] [--seed 7] [--root .]

The demo owns content/stories/: every .md file there is deleted first. The same seed and day always
write the same bytes (no wall clock, everything sorted), so the committed demo can be re-dated later
with one command and the diff shows only what moved. Departments and channels are read from
calendar/*.yml, so the stories always match the registry.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FIRST_NAMES = [
    "Amara",
    "Ben",
    "Chloé",
    "Dev",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Isla",
    "Jonas",
    "Kemi",
    "Lars",
    "Maya",
    "Nikhil",
    "Olu",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tomas",
]
LAST_NAMES = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Patel",
    "Novak",
    "Haddad",
    "Brennan",
    "Tanaka",
    "Walsh",
    "Becker",
    "Adeyemi",
    "Nilsen",
    "Cruz",
    "Rao",
    "Evans",
]

# Per department: (title, summary) templates; {n}, {client}, {topic}, {city} are filled in.
TEMPLATES: dict[str, list[tuple[str, str]]] = {
    "marketing": [
        (
            "The {month} newsletter: what every department did",
            "Our monthly round-up of stories from across the firm.",
        ),
        (
            "New brand guidelines for client proposals",
            "A refreshed look for proposals, with templates for every team.",
        ),
        (
            "Case study: how {client} cut reporting time by {pct}%",
            "A client story in numbers, with quotes from their team.",
        ),
        ("Alder Bay named a top {n} advisory firm", "An industry ranking recognises our client work."),
    ],
    "hr": [
        ("Welcome to our {n} new graduates", "This year's graduate intake starts in {city}."),
        (
            "Hybrid working: what we learned in a year",
            "Results of the staff survey and the changes that follow.",
        ),
        ("We're hiring: {n} roles in {city}", "Open positions across advisory, research and operations."),
        ("Parental leave policy improved", "More paid leave for every parent, from day one."),
    ],
    "legal": [
        (
            "What the new {topic} rules mean for clients",
            "A plain-language guide to the regulation and its deadlines.",
        ),
        ("Our updated privacy notice", "How we handle client data, and what changed."),
        ("Contract templates refreshed for {year}", "Simpler engagement letters for new clients."),
    ],
    "finance": [
        (
            "Half-year results: revenue up {pct}%",
            "Highlights of the firm's results for partners and clients.",
        ),
        ("Clearer invoices from {month}", "A new invoice layout that clients asked for."),
    ],
    "it": [
        (
            "Client portal: new document sharing",
            "Share files with your advisory team securely, in one place.",
        ),
        ("Phishing season: five warning signs", "Practical security advice for clients and staff."),
        ("We are moving to passkeys", "Signing in to the client portal gets simpler and safer."),
    ],
    "customer-service": [
        (
            "Client story: {client} on working with us",
            "A long-standing client explains what changed for them.",
        ),
        ("Your questions answered: {topic}", "The questions clients asked us most this quarter."),
        ("Client satisfaction reaches {pct}%", "Results of our annual client survey."),
        ("Faster answers: our new service desk hours", "Longer opening hours for client questions."),
    ],
    "research": [
        ("Report: the state of {topic} in {year}", "Our annual report, with data from {n} organisations."),
        ("Five findings on {topic}", "A short summary of our latest research for busy readers."),
        ("Webinar recording: {topic} explained", "The slides and recording of our research webinar."),
    ],
    "events": [
        ("Client breakfast in {city}: {topic}", "An informal morning with our advisers in {city}."),
        ("Webinar: {topic} in practice", "A one-hour session with time for questions."),
        ("Photos and highlights from the {city} forum", "What we discussed, and the slides to download."),
    ],
    "sustainability": [
        ("Our {year} carbon footprint, published", "Emissions by source, and our targets."),
        (
            "{n} volunteering days for local charities",
            "How colleagues spent their volunteering days this season.",
        ),
        (
            "Greener offices: {city} goes fossil-free",
            "Our {city} office now runs on renewable heat and power.",
        ),
    ],
}
CLIENTS = (
    "Northwind Logistics",
    "Harbour Health Trust",
    "Kestrel Foods",
    "Meridian Housing",
    "Oakline Energy",
)
TOPICS = (
    "AI governance",
    "supply-chain risk",
    "pensions reform",
    "cyber insurance",
    "ESG reporting",
    "hybrid work",
)
CITIES = ("Bristol", "Leeds", "Glasgow", "Cardiff", "Dublin", "Manchester")
BODY_OPENERS = (
    "This story is part of our plan for the season, written for clients and colleagues alike.",
    "Here is what happened, why it matters, and what comes next.",
    "We asked the people closest to the work to explain it in their own words.",
)
# Titles that exercise escaping everywhere: punctuation, quotes, emoji, other scripts.
SPECIAL_TITLES = (
    ("customer-service", "Kestrel Foods, Harbour Health & Meridian: three clients; one lesson"),
    ("marketing", 'Our "Ask an adviser" series returns 🎙️'),
    ("customer-service", "東京の顧客事例：Sakura Trading"),
    ("research", "Έρευνα: η αγορά ενέργειας το 2027"),
    ("hr", "Celebrating 25 years of Amara Okafor 🎉"),
)


@dataclass
class Story:
    department: str
    day: dt.date
    title: str
    summary: str
    channels: list[str]
    status: str
    story_id: str
    time: str = ""
    zone: str = ""
    with_department: bool = False
    authors: list[str] = field(default_factory=list)
    due: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    campaign: str = ""
    copy: dict[str, str] = field(default_factory=dict)
    link: str = ""
    body: str = ""


def quote(value: str) -> str:
    """A YAML scalar for `value`: plain when YAML reads it back unchanged as text, else double-quoted."""
    plain_ok = (
        value == value.strip()
        and not re.search(r"[:#\"'\[\]{},&*!|>%@`]|^[-?]", value)
        and isinstance(yaml.safe_load(value), str)
        and yaml.safe_load(value) == value
    )
    if plain_ok:
        return value
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def last_sundays(start: dt.date, end: dt.date) -> list[dt.date]:
    """The last Sundays of March and October between start and end: the European clock changes."""
    found = []
    for year in range(start.year, end.year + 1):
        for month in (3, 10):
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
            sunday = last - dt.timedelta(days=(last.weekday() + 1) % 7)
            if start <= sunday <= end:
                found.append(sunday)
    return found


def status_for(day: dt.date, today: dt.date, rng: random.Random) -> str:
    if day < today:
        return rng.choices(("published", "cancelled"), weights=(12, 1))[0]
    ahead = (day - today).days
    if ahead <= 14:
        return rng.choices(("scheduled", "review", "draft"), weights=(5, 3, 2))[0]
    if ahead <= 45:
        return rng.choices(("scheduled", "review", "draft", "idea"), weights=(2, 2, 3, 2))[0]
    return rng.choices(("draft", "idea"), weights=(1, 2))[0]


class Demo:
    def __init__(self, today: dt.date, seed: int, departments: list[str], channels: list[str]) -> None:
        self.today = today
        self.rng = random.Random(seed)
        self.departments = departments
        self.channels = channels
        self.stories: list[Story] = []

    def new_id(self) -> str:
        while True:
            candidate = f"{self.rng.getrandbits(48):012x}"
            if re.search("[a-f]", candidate):
                return candidate

    def fill(self, text: str, day: dt.date) -> str:
        return text.format(
            n=self.rng.choice((3, 4, 5, 7, 12, 18, 40, 92)),
            client=self.rng.choice(CLIENTS),
            topic=self.rng.choice(TOPICS),
            city=self.rng.choice(CITIES),
            month=day.strftime("%B"),
            year=day.year,
            pct=self.rng.choice((64, 78, 86, 91, 94)),
        )

    def add(
        self, department: str, day: dt.date, *, title: str = "", time: str = "", status: str = ""
    ) -> Story:
        rng = self.rng
        template_title, template_summary = rng.choice(TEMPLATES.get(department, TEMPLATES["marketing"]))
        title = title or self.fill(template_title, day)
        channel_count = rng.choices((1, 2, 3), weights=(3, 4, 2))[0]
        channels = sorted(rng.sample(self.channels, channel_count), key=self.channels.index)
        story = Story(
            department=department,
            day=day,
            title=title,
            summary=self.fill(template_summary, day),
            channels=channels,
            status=status or status_for(day, self.today, rng),
            story_id=self.new_id(),
            time=time,
            with_department=rng.random() < 0.5,
        )
        story.authors = [self.person()] if rng.random() < 0.8 else [self.person(), self.person()]
        if story.status != "published" and story.status != "cancelled":
            story.due = day - dt.timedelta(days=rng.choice((3, 5, 7, 10)))
        if rng.random() < 0.3:
            story.tags = sorted(
                rng.sample(("clients", "people", "data", "regulation", "events", "community"), 2)
            )
        if rng.random() < 0.25:
            story.campaign = rng.choice(("Winter outlook", "Client first", "Open research"))
        for channel in channels:
            if channel in ("linkedin", "twitter") and rng.random() < 0.5:
                story.copy[channel] = f"{title}. Read more on our website."
        if rng.random() < 0.1:
            story.link = "https://alder-bay.example.org/news"
        paragraphs = [
            rng.choice(BODY_OPENERS),
            f"{story.summary} " + self.fill("Colleagues in {city} led the work.", day),
        ]
        if rng.random() < 0.5:
            paragraphs.append(
                "What to expect:\n\n- a short summary for clients\n- the details, with contacts\n- what happens next"
            )
        story.body = "\n\n".join(paragraphs)
        self.stories.append(story)
        return story

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def weekday_near(self, day: dt.date) -> dt.date:
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        return day

    def build(self) -> list[Story]:
        start, end = self.today - dt.timedelta(days=91), self.today + dt.timedelta(days=91)
        rates = {  # mean stories a week, per department
            "marketing": 1.6, "hr": 0.9, "legal": 1.5, "finance": 0.15, "it": 0.5,
            "customer-service": 0.8, "research": 0.7, "events": 0.5, "sustainability": 0.35,
        }  # fmt: skip
        week = start - dt.timedelta(days=start.weekday())
        while week <= end:
            for department in self.departments:
                for _ in range(self.poisson(rates.get(department, 0.5))):
                    day = self.weekday_near(week + dt.timedelta(days=self.rng.randint(0, 4)))
                    # Legal goes quiet ten weeks before today: nothing published since, nothing planned.
                    if start <= day <= end and not (
                        department == "legal" and day > self.today - dt.timedelta(weeks=10)
                    ):
                        timed = self.rng.random() < 0.35
                        self.add(
                            department,
                            day,
                            time=f"{self.rng.choice((9, 10, 11, 14, 16)):02d}:{self.rng.choice(('00', '30'))}"
                            if timed
                            else "",
                        )
            week += dt.timedelta(weeks=1)
        self.busy_week()
        self.special_stories()
        return sorted(self.stories, key=lambda s: (s.day, s.time, s.department, s.title))

    def poisson(self, mean: float) -> int:
        count, threshold, product = 0, pow(2.718281828, -mean), self.rng.random()
        while product > threshold:
            count += 1
            product *= self.rng.random()
        return count

    def busy_week(self) -> None:
        """The Alder Bay Forum: a flurry of stories from many departments in one week, two weeks ahead."""
        monday = self.today + dt.timedelta(days=14 - self.today.weekday())
        forum = "Alder Bay Forum"
        plan = [
            ("events", 0, f"{forum} {monday.year}: the programme", "09:00"),
            ("marketing", 0, f"Live from the {forum}", ""),
            ("research", 1, "Keynote: five findings on AI governance", "10:30"),
            ("customer-service", 1, "Client panel at the Forum: Oakline Energy", "14:00"),
            ("hr", 2, "Meet the people behind the Forum", ""),
            ("sustainability", 2, "A carbon-neutral Forum, measured", ""),
            ("it", 3, "Forum demo: the new client portal", "11:00"),
            ("events", 3, "Forum dinner and awards", "19:00"),
            ("marketing", 4, f"{forum} highlights in photos", ""),
        ]
        for department, offset, title, time in plan:
            if department in self.departments:
                story = self.add(department, monday + dt.timedelta(days=offset), title=title, time=time)
                story.campaign = forum

    def special_stories(self) -> None:
        rng = self.rng
        for index, (department, title) in enumerate(SPECIAL_TITLES):
            if department in self.departments:
                self.add(
                    department,
                    self.weekday_near(self.today + dt.timedelta(days=-40 + index * 19)),
                    title=title,
                )
        # Timed stories on both sides of each clock change in the range (and the next spring's).
        horizon = self.today + dt.timedelta(days=130)
        for sunday in last_sundays(self.today - dt.timedelta(days=91), horizon):
            self.add(
                "events",
                sunday - dt.timedelta(days=2),
                title=f"Webinar before the clocks change ({sunday:%B})",
                time="16:00",
            )
            self.add(
                "events",
                sunday + dt.timedelta(days=1),
                title=f"Webinar after the clocks change ({sunday:%B})",
                time="16:00",
            )
        overseas = self.add(
            "research",
            self.weekday_near(self.today + dt.timedelta(days=24)),
            title="New York briefing: pensions reform",
            time="11:00",
        )
        overseas.zone = "America/New_York"
        # Overdue drafts: due dates in the past, still not finished.
        for department in ("marketing", "hr", "it"):
            story = self.add(
                department,
                self.weekday_near(self.today + dt.timedelta(days=rng.randint(2, 9))),
                status="draft",
            )
            story.due = self.today - dt.timedelta(days=rng.randint(2, 6))
        long_tweet = self.add(
            "marketing",
            self.weekday_near(self.today + dt.timedelta(days=5)),
            status="review",
            title="Winter outlook: what clients told us",
        )
        long_tweet.channels = ["website", "twitter"]
        long_tweet.copy = {
            "twitter": "Winter outlook: "
            + "our clients told us what they expect from the coming months, " * 6
            + "https://alder-bay.example.org/outlook"
        }


def slugify(title: str) -> str:
    ascii_text = title.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-")
    return slug or "story-" + hashlib.sha1(title.encode()).hexdigest()[:8]


def render(story: Story) -> str:
    lines = ["---", f"id: {quote(story.story_id)}", f"title: {quote(story.title)}"]
    lines.append(f'date: "{story.day} {story.time}"' if story.time else f"date: {story.day}")
    if story.zone:
        lines.append(f"timezone: {story.zone}")
    if story.with_department:
        lines.append(f"department: {story.department}")
    lines.append(f"channels: [{', '.join(story.channels)}]")
    lines.append(f"status: {story.status}")
    if len(story.authors) == 1:
        lines.append(f"author: {quote(story.authors[0])}")
    elif story.authors:
        lines.append(f"author: [{', '.join(quote(a) for a in story.authors)}]")
    lines.append(f"summary: {quote(story.summary)}")
    if story.due:
        lines.append(f"due: {story.due}")
    if story.tags:
        lines.append(f"tags: [{', '.join(story.tags)}]")
    if story.campaign:
        lines.append(f"campaign: {quote(story.campaign)}")
    if story.copy:
        lines.append("copy:")
        lines.extend(f"  {channel}: {quote(text)}" for channel, text in sorted(story.copy.items()))
    if story.link:
        lines.append(f"link: {story.link}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + story.body + "\n"


def self_check(path: Path, story: Story) -> None:
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert meta["title"] == story.title, (path, meta["title"])
    assert meta["id"] == story.story_id and meta["channels"] == story.channels, path
    for channel, text in story.copy.items():
        assert meta["copy"][channel] == text, path


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--today", default="2026-11-23", type=dt.date.fromisoformat)
    parser.add_argument("--seed", default=7, type=int)
    parser.add_argument("--root", default=".", type=Path)
    args = parser.parse_args()
    departments = list(yaml.safe_load((args.root / "calendar/departments.yml").read_text(encoding="utf-8")))
    channels = list(yaml.safe_load((args.root / "calendar/channels.yml").read_text(encoding="utf-8")))
    folder = args.root / "content" / "stories"
    for old in sorted(folder.rglob("*.md")):
        old.unlink()
    stories = Demo(args.today, args.seed, departments, channels).build()
    used: set[tuple[str, str]] = set()  # a story's address is its department and its slug
    for story in stories:
        slug, number = slugify(story.title), 2
        while (story.department, slug) in used:
            slug, number = f"{slugify(story.title)}-{number}", number + 1
        used.add((story.department, slug))
        path = folder / story.department / f"{story.day}-{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(story), encoding="utf-8", newline="\n")
        self_check(path, story)
    print(f"wrote {len(stories)} stories into {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
