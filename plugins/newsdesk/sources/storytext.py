"""One story file's text into a `Story`, or every problem it has: nothing here touches the disk."""

from __future__ import annotations

import datetime as dt
import re
from sys import intern
from typing import TYPE_CHECKING

from newsdesk.core import dates, yamltext
from newsdesk.core.model import STATUSES, Story
from newsdesk.core.problems import Problem
from newsdesk.sources.bodies import body_problems
from newsdesk.sources.fieldchecks import channels_of, copy_of, due_date, link_problem, moment, zone_name
from newsdesk.sources.frontmatter import ID, KEYS, MARKUP, SLUG, TEMPLATE_HINT, TIME_KEYS, URL, FrontMatter
from newsdesk.sources.resultchecks import results_as_of, results_of

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from newsdesk.core.model import Registry, Settings

_CLOSING = re.compile(r"\n(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
"""The line that closes the front-matter, with the break before it: the search goes from break to break,
where `^` in multiline mode would try the pattern at every character."""


def parse_story(
    text: str, *, path: str, src_uri: str, department: str, registry: Registry, settings: Settings
) -> tuple[Story | None, list[Problem]]:
    """Validate one story's text. `path` is what problems name; nothing here touches the disk.

    Every field is checked whatever the others hold, so a contributor sees every problem of the file
    at once; only a file YAML cannot read stops at its first problem."""
    head = _split(text, path)
    if isinstance(head, Problem):
        return None, [head]
    yaml_text, body = head
    try:
        document = yamltext.read(yaml_text, first_line=2)  # the line after the opening ---
    except yamltext.YamlError as exc:
        return None, [Problem(path, exc.line, exc.column, exc.message, exc.hint)]
    data = document.data
    if not isinstance(data, dict):
        message = f"the front-matter must be 'key: value' lines, found {yamltext.describe(data)}"
        return None, [Problem(path, 2, 0, message, TEMPLATE_HINT)]

    fm = FrontMatter(path, document, yaml_text)
    for duplicate in document.duplicates:  # at any depth, in flow style or quoted: YAML keeps the last
        fm.problems.append(Problem(path, duplicate.line, duplicate.column, duplicate.message()))
    for key in data:
        if str(key) in KEYS:
            continue
        if str(key).lower() in TIME_KEYS:
            day = data.get("date") if isinstance(data.get("date"), str) else "2026-12-03"
            fm.error(
                str(key),
                f"unknown key '{key}': a story's time goes in its date",
                f'write the day and the time together, e.g. date: "{str(day).strip()[:10]} 09:30"',
            )
            continue
        hint = yamltext.did_you_mean(str(key), KEYS) or f"the keys a story can have: {', '.join(KEYS)}"
        fm.error(str(key), f"unknown key {str(key)!r}", hint)

    story = _build(
        fm, path=path, src_uri=src_uri, department=department, body=body, registry=registry, settings=settings
    )
    fm.problems.extend(
        body_problems(body, path=path, first_line=text.count("\n", 0, len(text) - len(body)) + 1)
    )
    return (story if not fm.problems else None), fm.problems


def _split(text: str, path: str) -> tuple[str, str] | Problem:
    """Front-matter text (from line 2) and body, or the problem with the file's shape."""
    if "\x00" in text:
        at = text.index("\x00")
        return Problem(
            path,
            text.count("\n", 0, at) + 1,
            0,
            "the file is not text: it holds a NUL byte",
            "a story is a plain text file: save it again from a text editor, as UTF-8",
        )
    lone_cr = text.count("\r") - text.count("\r\n")
    if lone_cr and lone_cr >= text.count("\n"):
        return Problem(
            path,
            1,
            0,
            "the file's lines end with a carriage return only (old Mac line endings), so it reads as one line",
            "save it again with LF (Unix) line endings: most editors offer the choice in the status bar",
        )
    if not text.strip():
        return Problem(path, 1, 0, "the file is empty", TEMPLATE_HINT)
    first = text.partition("\n")[0]
    if first.rstrip() != "---":
        return Problem(
            path, 1, 1, "the file does not start with front-matter (a line of three dashes)", TEMPLATE_HINT
        )
    closing = _CLOSING.search(text, len(first))  # from the break that ends the opening line
    if closing is None:
        return Problem(
            path, 1, 1, "the front-matter is never closed", "add a line of three dashes (---) after it"
        )
    return text[len(first) + 1 : closing.start() + 1], text[closing.end() :].lstrip("\r\n")


def _build(
    fm: FrontMatter,
    *,
    path: str,
    src_uri: str,
    department: str,
    body: str,
    registry: Registry,
    settings: Settings,
) -> Story | None:
    """The story, once every field has been checked (each one, whatever the others hold)."""
    title = fm.text("title", required=True)
    if title and MARKUP.search(title):
        fm.error(
            "title",
            "the title must be plain text, without HTML or markdown",
            "remove the <tags>, &entities;, [links](...), `code` or **emphasis**",
        )
    if len(title) > 200:
        fm.error("title", f"the title is {len(title)} characters long; keep it under 200")

    given = fm.text("department")
    if given and given != department:
        fm.error(
            "department",
            f"department is {given!r} but the file is in the '{department}' folder",
            f"move the file to the {given!r} folder, or remove the department line",
        )

    story_id = fm.text("id")
    if story_id and not ID.fullmatch(story_id):
        fm.error("id", f"id {story_id!r} may only hold letters, digits, '.', '_' and '-' (64 at most)")

    status = fm.text("status") or "draft"
    if status not in STATUSES:
        fm.error(
            "status",
            f"unknown status {status!r}",
            yamltext.did_you_mean(status, STATUSES) or f"one of: {', '.join(STATUSES)}",
        )

    channels = channels_of(fm, registry)
    tz_name = fm.text("timezone") or settings.timezone
    tz: ZoneInfo | None = None
    try:
        tz = dates.zone(tz_name)
    except dates.DateError as exc:
        fm.error("timezone", str(exc), exc.hint)
    start = moment(fm, "date", tz, required=True)
    due = due_date(fm)

    duration = None
    if "duration" in fm.data:
        try:
            duration = dates.parse_duration(fm.data["duration"])
        except dates.DateError as exc:
            fm.error("duration", str(exc), exc.hint)
        if start is not None and not isinstance(start, dt.datetime):
            fm.error(
                "duration",
                "duration only applies to a story with a time",
                'give the date a time, e.g. date: "2026-12-03 09:30", or remove duration',
            )

    link = fm.text("link")
    if link and not URL.fullmatch(link):
        fm.error("link", *link_problem(link))
    copy = copy_of(fm, channels)
    authors = fm.texts("author")
    summary = fm.text("summary", multiline=True)
    tags = fm.texts("tags")
    campaign = fm.text("campaign")
    results = results_of(fm, channels, status, registry) if "results" in fm.data else ()
    as_of = results_as_of(fm) if "results_as_of" in fm.data else None

    if fm.problems or start is None or tz is None:
        return None
    if isinstance(start, dt.datetime) and duration is None:
        duration = dt.timedelta(minutes=settings.default_duration_minutes)
    stem = src_uri.rsplit("/", 1)[-1][: -len(".md")]
    slug_match = SLUG.match(stem)
    return Story(
        id=story_id or src_uri[: -len(".md")],
        path=path,
        src_uri=src_uri,
        # The few values thousands of stories repeat are one string each (sys.intern): every story's parse
        # makes its own copies, and a 10,000-story build holds them all.
        department=intern(department),
        slug=slug_match["slug"] if slug_match else stem,
        title=title,
        start=start,
        timezone=intern(zone_name(start, tz_name)),
        channels=tuple(map(intern, channels)),
        status=intern(status),
        duration=duration,
        authors=authors,
        summary=summary,
        due=due,
        tags=tags,
        campaign=campaign,
        link=link,
        copy=copy,
        results=results,
        results_as_of=as_of,
        body=body,
        lines=fm.lines,
    )
