"""`mkdocs serve` while a story or the registry has errors: the preview goes on and says so.

`mkdocs build` stops on any error. Under `mkdocs serve` an error that stopped the build would leave the
server holding every request until a good build (MkDocs waits for the site it is building), and MkDocs
prints a repeated error message once only, so the second time a contributor saves the same mistake the log
shows nothing. So while serving, newsdesk prints the problems through its own logger on every build,
builds the site without the broken stories (without any story when the registry itself is broken), and
puts the problems at the top of every page, until the next good build reloads it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsdesk.core import problems

if TYPE_CHECKING:
    from newsdesk.core.problems import Problem
    from newsdesk.render.pages import Renderer

BANNER = "newsdesk/partials/build_problems.html"
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def message(found: list[Problem]) -> str:
    """What the log says of the problems, the same words as the build's error."""
    return (
        f"newsdesk found {problems.summary(found)}:\n{problems.render(found, 'text')}\n"
        "Run `newsdesk check` to see them again."
    )


def banner(found: list[Problem], renderer: Renderer) -> str:
    """The block every page shows while these problems last."""
    return renderer.fragment(BANNER, summary=problems.summary(found), text=problems.render(found, "text"))


def with_banner(html: str, block: str) -> str:
    """`html` with `block` first in its body (or first of all, for a page without one)."""
    body = _BODY.search(html)
    at = body.end() if body else 0
    return html[:at] + block + html[at:]
