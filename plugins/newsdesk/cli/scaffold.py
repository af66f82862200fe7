"""`newsdesk new`: a new story file with a fresh id, written only when `newsdesk check` would accept it.

The values come from the command line, or in a terminal from questions (`answers.py` reads both alike);
the file's text from `storyfile.py`. Before anything is written the whole check runs with the new file in
place, as if written, so a clash with another file (the same address as a story on another day) stops it
too: `check` is the command's own check, handed in by `main.py`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from newsdesk.cli import answers, storyfile
from newsdesk.cli.answers import BadAnswer
from newsdesk.core import problems as problem_text
from newsdesk.core.text import counted, slugify
from newsdesk.sources.stories import Pending

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from newsdesk.core.model import Registry
    from newsdesk.core.problems import Problem
    from newsdesk.core.project import Project
    from newsdesk.sources.stories import LoadResult

    Ask = Callable[[str], str]
    Check = Callable[[Sequence[Pending]], LoadResult]

REQUIRED = {"title": "TITLE", "department": "--department", "channels": "--channel", "date": "--date"}


class ScaffoldError(Exception):
    """The story cannot be written; the message says why and what to do."""


def add_arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument("title", nargs="?", help="the story's title")
    new.add_argument("--department", "-d", help="the department's key or name, e.g. hr")
    new.add_argument(
        "--channel",
        "-c",
        action="append",
        dest="channels",
        help="a channel's key or name, or several separated by commas; repeat for more",
    )
    new.add_argument("--date", help="2026-12-03 for all day, or '2026-12-03 09:30'")
    new.add_argument("--status", default="draft", help="the starting status (default: %(default)s)")
    new.add_argument("--author", help="who writes it")
    new.add_argument("--summary", help="a sentence or two for the calendar and the feeds")


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def new_story(
    args: argparse.Namespace, project: Project, registry: Registry, check: Check, ask: Ask | None
) -> Path | None:
    """Write the story the command line and the answers describe; None, with the problems printed, when
    the check would not accept it. `ask` is `input` in a terminal, else None: then a missing or bad value
    ends the command. Never overwrites a file."""
    fields = answers.Fields(registry, project.settings)
    values = _from_command_line(args, registry, fields)
    missing = [name for name in REQUIRED if name not in values]
    questions = Questions(ask, registry, fields) if ask else None
    if missing and questions is None:
        raise ScaffoldError(
            f"missing {', '.join(REQUIRED[name] for name in missing)}; e.g. newsdesk new "
            f'"Our new office" --department {next(iter(registry.departments))} --channel website '
            "--date 2026-12-03"
        )
    if questions is not None:
        values.update((name, questions.ask(name)) for name in missing)
    # A title given on the command line stands as given; an answered one is asked for again when the
    # file's name, which comes from it, will not do.
    retitle = questions if "title" in missing else None
    before = set(check(()).problems)  # what the check says already is not this story's doing
    while True:
        path, pending = _planned(project, values)
        if path.exists():
            after: list[Problem] = []
            refusal: str | None = f"{pending.shown} already exists; choose another title"
        else:
            after = check([pending]).problems
            refusal = _refusal(pending, [p for p in after if p.is_error and p not in before])
        if refusal is None:
            break
        if retitle is None:
            if path.exists():
                raise ScaffoldError(refusal)
            say(refusal)
            return None
        say(f"{refusal}\nType another title: the file's name comes from it.")
        values["title"] = retitle.ask("title")
    warnings = [p for p in after if not p.is_error and p not in before]
    if warnings:
        say(problem_text.render(warnings, "text"))
    if elsewhere := sum(p.is_error for p in before):
        say(f"newsdesk: note: newsdesk check already reports {counted(elsewhere, 'error')} in other files")
    _write(path, pending)
    return path


def _from_command_line(
    args: argparse.Namespace, registry: Registry, fields: answers.Fields
) -> dict[str, Any]:
    """Every value the command line gives, read as the answers are; a bad one ends the command."""
    readers: dict[str, Callable[[Any], Any]] = {
        "title": fields.title,
        "department": lambda value: answers.department(value, registry),
        "channels": lambda value: answers.channels(value, registry),
        "date": fields.date,
        "status": answers.status,
        "author": fields.author,
        "summary": fields.summary,
    }
    values: dict[str, Any] = {}
    for name, read in readers.items():
        given = getattr(args, name, None)
        if given is None or given == []:
            continue
        try:
            values[name] = read(given)
        except BadAnswer as exc:  # its message names the value; a flag is no clearer
            raise ScaffoldError(str(exc)) from None
    return values


class Questions:
    """The questions asked in a terminal: a bad answer is explained and the question asked again."""

    def __init__(self, ask: Ask, registry: Registry, fields: answers.Fields) -> None:
        self._ask = ask
        self._registry = registry
        self._fields = fields

    def ask(self, name: str) -> Any:
        registry = self._registry
        if name == "department":
            say("Departments (type a name or a key):")
            say(answers.menu({key: entry.name for key, entry in registry.departments.items()}))
            return self._until("Department", lambda answer: answers.department(answer, registry))
        if name == "channels":
            say("Channels (type names or keys, separated by commas):")
            say(answers.menu({key: entry.name for key, entry in registry.channels.items()}))
            return self._until("Channels", lambda answer: answers.channels([answer], registry))
        if name == "date":
            return self._until("Date (2026-12-03, or 2026-12-03 09:30)", self._fields.date)
        return self._until("Title", self._fields.title)

    def _until(self, label: str, read: Callable[[str], Any]) -> Any:
        while True:
            try:
                answer = self._ask(f"{label}: ")
            except EOFError:
                raise ScaffoldError("no answer, so nothing was written") from None
            try:
                return read(answer)
            except BadAnswer as exc:
                say(f"  {exc}")


def _refusal(pending: Pending, errors: list[Problem]) -> str | None:
    """What check would say against the story, or None when it would accept it."""
    if not errors:
        return None
    return (
        f"{problem_text.render(errors, 'text')}\n"
        f"newsdesk: newsdesk check would not accept {pending.shown}, so it was not written"
    )


def _planned(project: Project, values: dict[str, Any]) -> tuple[Path, Pending]:
    """Where the story goes, and its text as the check reads a file that is not written yet."""
    settings = project.settings
    date, day = values["date"]
    request = storyfile.StoryRequest(
        title=values["title"],
        department=values["department"],
        channels=values["channels"],
        date=date,
        status=values.get("status", "draft"),
        author=values.get("author", ""),
        summary=values.get("summary", ""),
    )
    name = f"{day.isoformat()}-{slugify(request.title) or 'story'}.md"
    src_uri = f"{settings.stories_dir}/{request.department}/{name}"
    path = project.docs_dir / src_uri
    shown = path.relative_to(project.root).as_posix()
    text = storyfile.render(request, storyfile.new_id())
    return path, Pending(shown, src_uri, request.department, text)


def _write(path: Path, pending: Pending) -> None:
    if any(folder.is_symlink() for folder in (path.parent, path.parent.parent)):
        raise ScaffoldError(
            f"{pending.shown}: a folder on the way is a symbolic link; stories live in real folders"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(pending.text)
    except OSError as exc:
        raise ScaffoldError(f"cannot write {pending.shown}: {exc.strerror or exc}") from None
