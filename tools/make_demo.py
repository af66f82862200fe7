"""Write the demo stories of Alder Bay Partners into content/stories/, dated around a given day.

Usage (from the repository root):

    python tools/make_demo.py [--today 2026-11-23] [--seed 7] [--root .]

What the stories say lives in tools/demo/stories.yml, which explains how to change them; which story goes
on which day is decided in tools/demo_plan.py. The demo owns content/stories/: every .md file under it is
deleted first, then about 140 stories are written to content/stories/<department>/<yyyy-mm-dd>-<slug>.md,
from three months before --today to three months after. Departments and channels come from calendar/
(read by newsdesk itself), so the stories always match the registry; channels are chosen on the weekdays
they post and within their daily limits, except where the data file says otherwise.

The output depends only on --seed, --today and the data file: nothing reads the clock and everything is
sorted, so two runs write the same bytes. Front-matter is written with python-frontmatter, as `newsdesk new`
writes it, through a PyYAML dumper that keeps lists on one line and quotes dates with a time. Every file is
read back, and checked the way `newsdesk check` reads it; the script exits with status 1 if any file does
not say what was intended.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

import frontmatter
import yaml
from demo_plan import DATA, Demo, Story
from newsdesk.core import dates
from newsdesk.core.model import Registry, Settings
from newsdesk.core.text import slugify
from newsdesk.planning.findings import copy_length
from newsdesk.sources.registry import load_registry
from newsdesk.sources.storyfiles import STORY_NAME
from newsdesk.sources.storytext import parse_story

__all__ = ["DATA", "Demo", "Story", "main", "render"]

# --- Front-matter: python-frontmatter and PyYAML, as `newsdesk new` writes it ----------------------------

TIMED = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d)?")


class FrontMatterDumper(yaml.SafeDumper):
    """Safe YAML the way people write front-matter: lists on one line, quotes only where YAML needs them
    (PyYAML quotes text that would read back as a number, a date, yes/no or null), and double quotes.

    A date with a time is always double-quoted: PyYAML would leave `2026-12-03 09:30` bare, and some YAML
    readers take that for a timestamp.
    """

    def choose_scalar_style(self) -> str:
        style: str = super().choose_scalar_style()
        text = self.event.value if isinstance(self.event, yaml.ScalarEvent) else ""
        if TIMED.fullmatch(text):
            return '"'
        # Double quotes, as newsdesk's hints ask for; "..." would escape emoji, so text with one keeps '...'.
        return '"' if style == "'" and all(ord(char) < 0x10000 for char in text) else style


FrontMatterDumper.add_representer(list, lambda dumper, items: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", items, flow_style=True))  # fmt: skip


def render(story: Story) -> str:
    post = frontmatter.Post(story.body, **story.front_matter())
    return frontmatter.dumps(post, Dumper=FrontMatterDumper, sort_keys=False, width=10_000) + "\n"


# --- Writing and checking ---------------------------------------------------------------------------------


def write(folder: Path, stories: list[Story]) -> list[Path]:
    """Empty `folder` of stories, then write each story to <department>/<yyyy-mm-dd>-<slug>.md."""
    for old in sorted(folder.rglob("*.md")):
        old.unlink()
    for directory in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    paths: list[Path] = []
    taken: set[tuple[str, str]] = set()
    for story in stories:
        base = slugify(story.slug or story.title)
        slug, number = base, 2
        while (story.department, slug) in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add((story.department, slug))
        path = folder / story.department / f"{story.day}-{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(story), encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def check(
    root: Path, stories: list[Story], paths: list[Path], registry: Registry, settings: Settings
) -> list[str]:
    """Everything that is wrong with what was written; empty when all is well."""
    problems: list[str] = []
    long_posts = 0
    for story, path in zip(stories, paths, strict=True):
        where = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        meta, expected = frontmatter.loads(text).metadata, story.front_matter()
        if meta != expected or list(meta) != list(expected):
            problems.append(f"{where}: front-matter reads back as {meta!r}, expected {expected!r}")
        if not STORY_NAME.fullmatch(path.name):
            problems.append(f"{where}: not a valid story file name")
        src_uri = f"{settings.stories_dir}/{story.department}/{path.name}"
        _, found = parse_story(text, path=where, src_uri=src_uri, department=story.department,
                               registry=registry, settings=settings)  # fmt: skip
        problems.extend(problem.as_text() for problem in found)
        if not 1 <= len(story.channels) <= 3:
            problems.append(f"{where}: {len(story.channels)} channels")
        for channel, post in story.copy.items():
            limit = registry.channels[channel].max_length
            long_posts += limit is not None and copy_length(post, registry.channels[channel]) > limit
    if long_posts != 1:
        problems.append(f"{long_posts} posts too long for their channel; exactly one (a tweet) is intended")
    ids = [story.story_id for story in stories]
    if len(set(ids)) != len(ids):
        problems.append("two stories share an id")
    return problems


def main() -> int:
    def day(text: str) -> dt.date:
        try:
            return dates.parse_day(text)
        except dates.DateError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--today", default="2026-11-23", type=day, help="default: 2026-11-23")
    parser.add_argument("--seed", default=7, type=int, help="default: 7")
    parser.add_argument("--root", default=".", type=Path, help="the repository root (default: .)")
    args = parser.parse_args()
    root: Path = args.root
    registry, found = load_registry(root)
    if any(problem.is_error for problem in found):
        print("\n".join(problem.as_text() for problem in found), file=sys.stderr)
        return 1
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    stories = Demo(args.today, args.seed, data, registry).build()
    folder = root / "content" / "stories"
    paths = write(folder, stories)
    settings = Settings(timezone=data["timezone"], today=args.today)
    problems = check(root, stories, paths, registry, settings)
    for problem in problems:
        print(f"make_demo: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"make_demo: wrote {len(stories)} stories into {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
