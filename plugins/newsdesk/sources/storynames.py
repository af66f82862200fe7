"""What files under the stories folder are called: story and image names, and the right name for a wrong one.

A story is `<yyyy-mm-dd>-<slug>.md`, where the slug is lower-case ASCII letters, digits and single
hyphens, and the date must be a real day; an image is `<slug>.png` (or `.jpg`, `.jpeg`, `.gif`, `.webp`).
`name_problem` says what is wrong with a story's name, `story_name` gives the valid name closest to any
name, with `DATE_PLACEHOLDER` for a date the name does not give, which `with_date` fills in once the
story's front-matter told it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from newsdesk.core import dates
from newsdesk.core.problems import Problem
from newsdesk.core.text import slugify

if TYPE_CHECKING:
    import datetime as dt

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
STORY_NAME = re.compile(rf"(?P<date>\d{{4}}-\d{{2}}-\d{{2}})-(?P<slug>{SLUG})\.md")
IMAGE_NAME = re.compile(rf"(?P<slug>{SLUG})\.(?:png|jpg|jpeg|gif|webp)")
TEXT = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext", ".txt", ""})
"""Extensions (and none) of files that are meant as stories: the hint renames them to `.md`."""
DATE_PLACEHOLDER = "YYYY-MM-DD"
"""In a hint when the file name gives no date; `with_date` puts the story's in once it is known."""
_EXTENSION = re.compile(r"\.([A-Za-z][A-Za-z0-9]{0,9})\Z")
_DATE_START = re.compile(r"(\d{4})[-_. ]?(\d{2})[-_. ]?(\d{2})(?:[-_. ]+|\Z)")


def with_date(problem: Problem, day: dt.date | None) -> Problem:
    """A file-name problem whose hint gives the story's own date, once its front-matter told it."""
    if day is None or DATE_PLACEHOLDER not in problem.hint:
        return problem
    return replace(problem, hint=problem.hint.replace(DATE_PLACEHOLDER, day.isoformat(), 1))


def story_name(name: str) -> str:
    """The valid story name closest to `name`: its date if it starts with one, then its slug, then `.md`."""
    stem = split_name(name)[0]
    match = _DATE_START.match(stem)
    day = DATE_PLACEHOLDER
    if match:
        candidate = "-".join(match.groups())
        stem = stem[match.end() :]
        if _date_problem(candidate) is None:
            day = candidate
    return f"{day}-{slugify(stem) or 'story'}.md"


def name_problem(name: str, shown: str) -> Problem | None:
    """What is wrong with the story file name `name` (at `shown`), or None when it is right."""
    match = STORY_NAME.fullmatch(name)
    if match is not None:
        wrong = _date_problem(match["date"])
        if wrong is None:
            return None
        hint = f"the name starts with the story's day: rename it to {DATE_PLACEHOLDER}-{match['slug']}.md"
        return Problem(shown, 1, 0, f"the date in the file name is not valid: {wrong}", hint)
    if re.match(r"\d{4}-\d{2}-\d{2}-", name):
        message = "after the date, a story's file name may only hold lower-case letters a-z, digits and single hyphens"
    else:
        message = "a story's file name starts with its date: <yyyy-mm-dd>-<slug>.md"
    return Problem(shown, 1, 0, message, f"rename it to {story_name(name)}")


@lru_cache(maxsize=4096)  # a few hundred days name 10,000 stories
def _date_problem(text: str) -> str | None:
    try:
        dates.parse_day(text)
    except ValueError as exc:  # DateError, and anything else a date can raise
        return str(exc)
    return None


def split_name(name: str) -> tuple[str, str]:
    """A name's stem (leading dots dropped) and its extension in lower case (`.md`), or `""` for none."""
    bare = name.lstrip(".")
    match = _EXTENSION.search(bare)
    if match is None or match.start() == 0:
        return bare.rstrip("."), ""
    return bare[: match.start()], f".{match[1].lower()}"
