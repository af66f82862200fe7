"""The text of the file `newsdesk new` writes: front-matter that reads back as exactly what was given, and
a body to fill in."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

import yaml

from newsdesk.core.yamlloader import PlainLoader
from newsdesk.sources.frontmatter import STORY_BODY

WIDE = 1_000_000
"""A line width no value reaches: PyYAML would otherwise fold a long title over lines."""


@dataclass(frozen=True)
class StoryRequest:
    """What the new story says, each value as it is written (`date`: `2026-12-03` or `2026-12-03 09:30`)."""

    title: str
    department: str
    channels: tuple[str, ...]
    date: str
    status: str = "draft"
    author: str = ""
    summary: str = ""


class Quoted(str):
    """Text written in double quotes whatever it holds: a date with a time, which PyYAML would leave
    bare and some YAML readers would take for a timestamp; the contributors' guide quotes it too."""

    __slots__ = ()


class FrontMatterDumper(yaml.SafeDumper):
    """PyYAML's safe dumper, reading plain text the way newsdesk's loader does, in the style the guide
    shows: lists on one line, and double quotes where quotes are needed.

    It resolves with the loader's own implicit types (no timestamps, no merge key), so whatever it leaves
    bare is text to newsdesk (`2026-12-03`, as the guide writes it), and anything that would read back as
    a number, yes/no or null is quoted.
    """

    def choose_scalar_style(self) -> str:
        style: str = super().choose_scalar_style()
        event = self.event
        text = event.value if isinstance(event, yaml.ScalarEvent) else ""
        # Double quotes would write an emoji as an escape (\U0001F389): text with one keeps single quotes.
        return '"' if style == "'" and all(ord(char) < 0x10000 for char in text) else style


FrontMatterDumper.yaml_implicit_resolvers = PlainLoader.yaml_implicit_resolvers
FrontMatterDumper.add_representer(
    Quoted, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style='"')
)
FrontMatterDumper.add_representer(
    tuple, lambda dumper, items: dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True)
)


def new_id() -> str:
    """12 hex digits with at least one letter, so YAML can never read the id as a number."""
    while True:
        candidate = secrets.token_hex(6)
        if re.search(r"[a-f]", candidate):
            return candidate


def front_matter(request: StoryRequest, story_id: str) -> dict[str, Any]:
    """The keys to write, in the guide's order; a key with nothing to say is left out, not left empty."""
    timed = not re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*", request.date)
    meta: dict[str, Any] = {
        "id": story_id,
        "title": request.title,
        "date": Quoted(request.date) if timed else request.date,
        "channels": request.channels,
        "status": request.status,
        "author": request.author,
        "summary": request.summary,
    }
    return {key: value for key, value in meta.items() if value}


def render(request: StoryRequest, story_id: str) -> str:
    yaml_text = yaml.dump(
        front_matter(request, story_id),
        Dumper=FrontMatterDumper,
        sort_keys=False,
        allow_unicode=True,
        width=WIDE,
    )
    return f"---\n{yaml_text}---\n\n{STORY_BODY}"


def line_of(text: str, key: str) -> int:
    """The 1-based line of `key:` in a text `render` wrote (0 when it is not there)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 0
