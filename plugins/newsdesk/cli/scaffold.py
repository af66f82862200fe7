"""`newsdesk new`: a new story file with a fresh id and front-matter that passes `newsdesk check`."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import frontmatter

from newsdesk.core import dates
from newsdesk.core.model import STATUSES
from newsdesk.core.text import slugify
from newsdesk.sources.storytext import parse_story

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from newsdesk.core.model import Registry, Settings

BODY = """\
Say in one or two sentences what happened, or will happen, and why it matters to our clients.

Then add the details a reader needs: who was involved, what comes next, where to find out more.
"""


class ScaffoldError(Exception):
    """The story cannot be written; the message says why and what to do."""


@dataclass(frozen=True)
class StoryRequest:
    title: str
    department: str
    channels: tuple[str, ...]
    date: str
    status: str = "idea"
    author: str = ""


def new_id() -> str:
    """12 hex digits with at least one letter, so YAML can never read the id as a number."""
    while True:
        candidate = secrets.token_hex(6)
        if re.search(r"[a-f]", candidate):
            return candidate


def ask_missing(args: argparse.Namespace, registry: Registry, *, interactive: bool) -> StoryRequest:
    """Fill what the command line left out by asking, or explain what is missing."""
    values: dict[str, Any] = {
        "title": args.title,
        "department": args.department,
        "channels": tuple(args.channels or ()),
        "date": args.date,
    }
    prompts = {
        "title": ("Title", ()),
        "department": ("Department", tuple(registry.departments)),
        "channels": ("Channels (separate with commas)", tuple(registry.channels)),
        "date": ("Date (2026-12-03, or 2026-12-03 09:30)", ()),
    }
    missing = [name for name, value in values.items() if not value]
    if missing and not interactive:
        flags = ", ".join("TITLE" if m == "title" else f"--{m.rstrip('s')}" for m in missing)
        raise ScaffoldError(
            f'missing {flags}; e.g. newsdesk new "Our new office" --department '
            f"{next(iter(registry.departments))} --channel website --date 2026-12-03"
        )
    for name in missing:
        label, choices = prompts[name]
        suffix = f" [{', '.join(choices)}]" if choices else ""
        answer = input(f"{label}{suffix}: ").strip()
        values[name] = (
            tuple(a.strip() for a in answer.split(",") if a.strip()) if name == "channels" else answer
        )
    for name, value in values.items():
        for text in value if isinstance(value, tuple) else (value,):
            if not text.isprintable() or not _encodable(text):
                raise ScaffoldError(f"the {name} holds characters that are not printable text; type it again")
    if args.status not in STATUSES:
        raise ScaffoldError(f"unknown status '{args.status}'; one of: {', '.join(STATUSES)}")
    return StoryRequest(
        title=values["title"],
        department=values["department"],
        channels=values["channels"],
        date=values["date"],
        status=args.status,
        author=args.author or "",
    )


def _encodable(text: str) -> bool:
    """False for text holding lone surrogates: what a shell passes on for bytes that are not UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def render(request: StoryRequest, story_id: str) -> str:
    meta: dict[str, Any] = {"id": story_id, "title": request.title, "date": request.date}
    meta["channels"] = list(request.channels)
    meta["status"] = request.status
    if request.author:
        meta["author"] = request.author
    meta["summary"] = ""
    post = frontmatter.Post(BODY, **meta)
    text: str = frontmatter.dumps(post, sort_keys=False)
    return text.replace("summary: ''", "summary:") + "\n"


def write_story(
    root: Path, docs_dir: Path, registry: Registry, settings: Settings, request: StoryRequest
) -> Path:
    """Write the story, after checking it the way `newsdesk check` will; never overwrite."""
    if request.department not in registry.departments:
        raise ScaffoldError(
            f"unknown department '{request.department}'; one of: {', '.join(registry.departments)}"
        )
    try:
        day = dates.parse_moment(request.date, settings.zone)
    except dates.DateError as exc:
        raise ScaffoldError(f"{exc}; {exc.hint}" if exc.hint else str(exc)) from None
    day_text = day.strftime("%Y-%m-%d")
    src_uri = f"{settings.stories_dir}/{request.department}/{day_text}-{slugify(request.title) or 'story'}.md"
    path = docs_dir / src_uri
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists; choose another title")
    text = render(request, new_id())
    _story, found = parse_story(
        text,
        path=path.relative_to(root).as_posix(),
        src_uri=src_uri,
        department=request.department,
        registry=registry,
        settings=settings,
    )
    if found:
        raise ScaffoldError("the story would not pass the check:\n" + "\n".join(p.as_text() for p in found))
    shown = path.relative_to(root).as_posix()
    if any(folder.is_symlink() for folder in (path.parent, path.parent.parent)):
        raise ScaffoldError(f"{shown}: a folder on the way is a symbolic link; stories live in real folders")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        raise ScaffoldError(f"cannot write {shown}: {exc.strerror or exc}") from None
    return path
