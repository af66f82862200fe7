"""Stories the site's configuration leaves out: MkDocs' `exclude_docs` and `draft_docs` patterns (gitignore
syntax, read with pathspec as MkDocs reads them). The build leaves such a story out of every listing and
feed; `newsdesk check` names each one and the pattern, so that nothing leaves the site unsaid."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pathspec import GitIgnoreSpec

from newsdesk.core.problems import Problem, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from newsdesk.core.model import Story

HINTS = {
    "exclude_docs": "the story is checked but never published; remove the pattern from mkdocs.yml to publish it",
    "draft_docs": "`mkdocs serve` shows it, the built site leaves it out; remove the pattern to publish it",
}


def left_out(stories: Iterable[Story], exclusions: Sequence[tuple[str, Sequence[str]]]) -> list[Problem]:
    """A warning on each story an `(option, patterns)` of `exclusions` matches, naming the first that does
    (exclude_docs before draft_docs, as MkDocs decides)."""
    specs = [(option, GitIgnoreSpec.from_lines(lines)) for option, lines in exclusions if lines]
    found = []
    for story in stories:
        for option, spec in specs:
            result = spec.check_file(story.src_uri)
            if result.include and result.index is not None:
                pattern = str(spec.patterns[result.index].pattern)
                message = f"left out of the site by the {option} pattern {pattern!r} in mkdocs.yml"
                found.append(Problem(story.path, 1, 0, message, HINTS[option], Severity.WARNING))
                break
    return found
