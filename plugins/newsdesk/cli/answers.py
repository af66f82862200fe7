"""What `newsdesk new` makes of each value it is given, on the command line or at a prompt: a department or
channels by name or key, in any case; a title, date, author or summary as the check reads them.

A value that will not do raises `BadAnswer`, which says what is wrong and what would do: at a prompt it is
shown and the question asked again, on the command line it ends the command. Text fields are tried the way
`newsdesk check` reads them, in a story whose other fields are known to be good, so no rule is repeated here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from newsdesk.cli import storyfile
from newsdesk.core.model import STATUSES
from newsdesk.core.problems import printable
from newsdesk.core.yamltext import did_you_mean
from newsdesk.sources.storytext import parse_story

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from newsdesk.core.model import Registry, Settings, Story


class BadAnswer(Exception):
    """A value `newsdesk new` cannot use; the message says why and what would do."""


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def _choose(answer: str, names: Mapping[str, str], what: str) -> str:
    """The key `answer` names, by key or by name, in any case."""
    wanted = _plain(answer)
    for key in names:
        if _plain(key) == wanted:
            return key
    for key, name in names.items():
        if _plain(name) == wanted:
            return key
    choices = ", ".join(f"{key} ({printable(name)})" for key, name in names.items())
    raise BadAnswer(f"unknown {what} '{printable(answer.strip())}'; one of: {choices}")


def department(answer: str, registry: Registry) -> str:
    if not answer.strip():
        raise BadAnswer("a story needs a department")
    names = {key: entry.name for key, entry in registry.departments.items()}
    return _choose(answer, names, "department")


def channels(answers: Iterable[str], registry: Registry) -> tuple[str, ...]:
    """The channels a list of answers names, each answer one or more names or keys separated by commas."""
    names = {key: entry.name for key, entry in registry.channels.items()}
    chosen: list[str] = []
    for answer in answers:
        for item in answer.split(","):
            if item.strip():
                key = _choose(item, names, "channel")
                if key not in chosen:
                    chosen.append(key)
    if not chosen:
        raise BadAnswer("a story needs at least one channel")
    return tuple(chosen)


def status(answer: str) -> str:
    value = answer.strip().lower()
    if value not in STATUSES:
        hint = did_you_mean(value, STATUSES) or f"one of: {', '.join(STATUSES)}"
        raise BadAnswer(f"unknown status '{printable(answer.strip())}'; {hint}")
    return value


def menu(names: Mapping[str, str]) -> str:
    """The keys and names to choose from, one a line, for a prompt."""
    width = max(map(len, names), default=0)
    return "\n".join(f"  {key:<{width}}  {printable(name)}" for key, name in names.items())


class Fields:
    """Title, date, author and summary, each tried the way the check reads it."""

    def __init__(self, registry: Registry, settings: Settings) -> None:
        self.registry = registry
        self.settings = settings
        self.good = storyfile.StoryRequest(
            title="A story",
            department=next(iter(registry.departments)),
            channels=tuple(registry.channels)[:1],
            date=settings.today.isoformat(),
        )

    def title(self, answer: str) -> str:
        value = answer.strip()
        if not value:
            raise BadAnswer("a story needs a title")
        self._try("title", replace(self.good, title=value))
        return value

    def date(self, answer: str) -> tuple[str, dt.date]:
        """The date as the file will say it (a bare day in full, 2026-12-03) and the story's day."""
        value = answer.strip()
        if not value:
            raise BadAnswer('a story needs a date: 2026-12-03, or "2026-12-03 09:30" for a time')
        story = self._try("date", replace(self.good, date=value))
        return (value if isinstance(story.start, dt.datetime) else story.day.isoformat()), story.day

    def author(self, answer: str) -> str:
        value = answer.strip()
        self._try("author", replace(self.good, author=value))
        return value

    def summary(self, answer: str) -> str:
        value = answer.strip()
        self._try("summary", replace(self.good, summary=value))
        return value

    def _try(self, key: str, request: storyfile.StoryRequest) -> Story:
        if not _encodable(getattr(request, key)):
            raise BadAnswer(f"the {key} holds bytes that are not text (not UTF-8)")
        text = storyfile.render(request, storyfile.new_id())
        src_uri = f"{self.settings.stories_dir}/{request.department}/{self.settings.today}-a-story.md"
        story, found = parse_story(
            text,
            path=src_uri,
            src_uri=src_uri,
            department=request.department,
            registry=self.registry,
            settings=self.settings,
        )
        line = storyfile.line_of(text, key)
        mine = [p for p in found if p.line == line]
        if mine:
            raise BadAnswer("; ".join(_said(p.message, p.hint) for p in mine))
        if story is None:  # not this field's doing: say so rather than blame the answer
            raise BadAnswer("; ".join(_said(p.message, p.hint) for p in found))
        return story


def _said(message: str, hint: str) -> str:
    return printable(f"{message} ({hint})" if hint else message)


def _encodable(text: str) -> bool:
    """False for text holding lone surrogates: what a shell passes on for bytes that are not UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
