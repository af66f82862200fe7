"""Story bodies, sanitised with one allowlist after markdown conversion, and the warnings check gives first.

Why: anyone who can open a pull request writes a story, and a department lead who is not a developer
approves it. Python-Markdown passes raw HTML through and `attr_list` sets any attribute, so without this a
story could run script on the site's origin (on `org.github.io`, shared with every Pages site of the
organisation), redirect readers, or take the theme's own ids (Material reads its configuration from
`#__config`). The HTML is cleaned by nh3 (Rust's ammonia), a maintained sanitiser, never by hand; newsdesk
only holds the policy (`allowlist.py`: what contributors legitimately write after markdown conversion and
nothing that runs, embeds or configures). `newsdesk check` converts the bodies that may hold markup the
policy removes and warns, on the line (`markupaudit.py` finds the removals, `story_warnings` here puts them
on the file's lines), so a contributor learns before merging; the build always sanitises, whatever check saw.

No MkDocs import: the plugin calls `sanitize` and `safe_id`, the CLI `story_warnings`; those, `Audit` and
`might_hold_markup` are re-exported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsdesk.core.problems import Problem, Severity
from newsdesk.core.text import counted
from newsdesk.render.allowlist import safe_id, sanitize
from newsdesk.render.markupaudit import Audit, might_hold_markup

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from pathlib import Path

    from newsdesk.core.model import Story

__all__ = [
    "MAX_WARNINGS",
    "Audit",
    "body_offset",
    "might_hold_markup",
    "safe_id",
    "sanitize",
    "story_warnings",
]


def body_offset(file: Path, body: str) -> int:
    """How many lines of the file come before its body (front-matter, blank lines)."""
    try:
        text = file.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeError):
        return 0
    return text[: len(text) - len(body)].count("\n") if text.endswith(body) else 0


MAX_WARNINGS = 50
"""Warnings shown for one story, then a count: 10,000 removed tags would be 10,000 annotations."""


def story_warnings(
    stories: Iterable[Story],
    root: Path,
    extensions: Sequence[Any] = (),
    configs: Mapping[str, Any] | None = None,
) -> list[Problem]:
    """A warning on the file's line for each piece of markup the build will remove from a story."""
    found: list[Problem] = []
    audit: Audit | None = None
    for story in (story for story in stories if might_hold_markup(story.body)):
        audit = audit or Audit(extensions, configs)
        removals = audit.removed(story.body)
        offset = body_offset(root / story.path, story.body) if removals else 0
        for removal in removals[:MAX_WARNINGS]:
            line = offset + removal.line
            found.append(Problem(story.path, line, 0, removal.message, removal.hint, Severity.WARNING))
        if len(removals) > MAX_WARNINGS:
            more = len(removals) - MAX_WARNINGS
            line = offset + removals[MAX_WARNINGS].line
            message = f"and {counted(more, 'more piece')} of markup the build will remove"
            found.append(
                Problem(story.path, line, 0, message, "remove the markup above first", Severity.WARNING)
            )
    return found
