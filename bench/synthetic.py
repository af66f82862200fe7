"""Synthetic newsdesk sites of any size, for the benchmarks. Seeded, so every run measures the same files."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]

DEPARTMENTS = (
    "marketing",
    "hr",
    "legal",
    "finance",
    "it",
    "customer-service",
    "research",
    "events",
    "sustainability",
)
CHANNELS = ("website", "blog", "newsletter", "linkedin", "twitter")
METRICS = {
    "website": ("views", "visitors"),
    "linkedin": ("impressions", "clicks", "reactions", "shares"),
    "twitter": ("impressions", "engagements"),
}
"""The channels that report figures: every published story carries them (issue 17's benchmark)."""
STATUSES = ("idea", "draft", "review", "scheduled", "published", "published", "cancelled")
WORDS = [
    "client",
    "team",
    "launch",
    "report",
    "award",
    "office",
    "partner",
    "study",
    "policy",
    "event",
    "award",
    "growth",
    "data",
    "care",
]

MKDOCS_YML = """\
site_name: Benchmark newsroom
site_url: https://bench.example.org/
docs_dir: content
theme:
  name: material
plugins:
  - search
  - newsdesk:
      timezone: Europe/London
nav:
  - Home: index.md
"""


def write_registry(root: Path) -> None:
    calendar = root / "calendar"
    calendar.mkdir(parents=True, exist_ok=True)
    departments = "".join(
        f'{key}:\n  name: {key.replace("-", " ").title()}\n  lead: "@bench/{key}"\n  colour: "#{(i * 2654435761) % 0xFFFFFF:06x}"\n'
        f"  cadence: 2/week\n"
        for i, key in enumerate(DEPARTMENTS)
    )
    (calendar / "departments.yml").write_text(departments, encoding="utf-8")
    channels = "".join(
        f'{key}:\n  name: {key.title()}\n  colour: "#{(i * 40503) % 0xFFFFFF:06x}"\n  max_per_day: 3\n'
        + (
            f"  metrics: [{', '.join(METRICS[key])}]\n  headline_metric: {METRICS[key][0]}\n"
            if key in METRICS
            else ""
        )
        for i, key in enumerate(CHANNELS)
    )
    (calendar / "channels.yml").write_text(channels, encoding="utf-8")


def write_stories(
    root: Path, count: int, *, seed: int = 7, today: dt.date = dt.date(2026, 11, 23)
) -> list[Path]:
    """`count` valid stories spread over a year around `today`, in every department."""
    rng = random.Random(seed)
    stories = root / "content" / "stories"
    written = []
    for number in range(count):
        department = DEPARTMENTS[number % len(DEPARTMENTS)]
        day = today + dt.timedelta(days=rng.randint(-180, 180))
        words = rng.sample(WORDS, 4)
        title = " ".join(words).capitalize() + f" {number}"
        slug = "-".join(words) + f"-{number}"
        channels = rng.sample(CHANNELS, rng.randint(1, 3))
        date = f'"{day} {rng.randint(8, 17):02d}:{rng.choice(("00", "30"))}"' if number % 3 == 0 else f"{day}"
        status = rng.choice(STATUSES)
        figures = "".join(
            f"  {key}: {{{', '.join(f'{m}: {rng.randint(0, 20000)}' for m in METRICS[key])}}}\n"
            for key in channels
            if key in METRICS
        )
        results = f"results:\n{figures}results_as_of: {today}\n" if status == "published" and figures else ""
        path = stories / department / f"{day}-{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\nid: s{number:011x}\ntitle: {title}\ndate: {date}\nchannels: [{', '.join(channels)}]\n"
            f"status: {status}\nauthor: Author {number % 97}\n{results}"
            f"summary: A synthetic story about {' and '.join(words)}.\ndue: {day - dt.timedelta(days=7)}\n"
            f"tags: [{words[0]}, {words[1]}]\n---\n\n" + f"{title}. " * 20 + "\n\n- one\n- two\n",
            encoding="utf-8",
        )
        written.append(path)
    return written


def write_site(root: Path, count: int, *, config: str | None = None) -> Path:
    """A site of `count` stories; with `config` (a `mkdocs.yml`), the repository's own pages and
    `overrides/` too, so that the site is this repository's with other stories."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config or MKDOCS_YML, encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    if config is None:
        (root / "content" / "index.md").write_text("# Benchmark\n", encoding="utf-8")
    else:
        for page in sorted((REPOSITORY / "content").glob("*.md")):
            shutil.copyfile(page, root / "content" / page.name)
        shutil.copytree(REPOSITORY / "overrides", root / "overrides", dirs_exist_ok=True)
    write_registry(root)
    write_stories(root, count)
    return root
