"""The shape of a story's markdown body: what the markdown converter cannot survive, refused on its line.

Python-Markdown recurses once per level of nesting, so a line of 3,000 list markers, a list indented 600
levels deep or a word inside 20,000 asterisks ends the build with a RecursionError, and brackets nested
thousands deep take time that grows with the square of their depth. No story needs any of that, so a
body is held to limits far beyond what prose uses, checked in one pass over its lines, before any
converter sees it. Snippet markers are refused too: with `pymdownx.snippets` enabled, `--8<-- "/etc/passwd"`
would copy a file of the build machine into the page.
"""

from __future__ import annotations

import re

from newsdesk.core.problems import Problem
from newsdesk.core.text import counted

MAX_LIST_DEPTH = 20
"""List and quote markers before a line's text, counting indentation as one level per two columns."""
MAX_MARKER_RUN = 50
"""Asterisks or underscores in a row, in a line that holds other text (a line of them alone is a rule)."""
MAX_BRACKET_DEPTH = 20
MAX_SHOWN = 3
"""Lines reported one by one; a body nested deep on hundreds of lines gets a count for the rest."""
BUDGETS = (
    ("](", 500, "links"),
    ("&", 2000, "'&' characters (entities such as &amp;)"),
    ("`", 2000, "backticks"),
    ("<", 3000, "'<' characters (HTML tags)"),
    ("!!!", 500, "admonitions"),
)
"""The most of each a story may hold: the markdown converter's time grows with the square of some of them
(2,000 unclosed links take a second, 8,000 take twenty), and no story needs a tenth of these."""
"""Lines reported one by one; a body nested deep on hundreds of lines gets a count for the rest."""

_LIST_MARKERS = re.compile(r"[ \t]*(?:(?:[-*+>]|\d{1,9}[.)])(?:[ \t]+|$))+")
_MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")
_MARKER_RUN = re.compile(rf"[*_]{{{MAX_MARKER_RUN + 1},}}")
_RULE = re.compile(r"[ \t]*[-*_][-*_ \t]*")
_SNIPPET = re.compile(r"^[ \t]*;?-+8<-+", re.MULTILINE)
_MAYBE_DEEP_SHAPE = rf"(?:[ \t]{{{MAX_LIST_DEPTH // 2}}}|[ \t]*(?:(?:[-*+>]|\d{{1,9}}[.)])[ \t]+){{3}})"
"""The start of a line indented ten columns or starting with three list markers: the only lines that can
nest too deep."""
_MAYBE_DEEP_FIRST = re.compile(_MAYBE_DEEP_SHAPE)
_MAYBE_DEEP = re.compile("\n" + _MAYBE_DEEP_SHAPE)
"""Any other line: with its line break first the search skips from break to break, where `^` in multiline
mode would try the pattern at every character."""


def body_problems(body: str, *, path: str, first_line: int) -> list[Problem]:
    """Problems of a body whose first line is the file's line `first_line`. Most bodies cost a few
    substring counts and one regex scan; only a body that may break a limit is read line by line."""
    problems = []
    for match in _SNIPPET.finditer(body) if "8<" in body else ():
        problems.append(
            Problem(
                path,
                first_line + body.count("\n", 0, match.start()),
                0,
                "a line starting with --8<-- includes another file; stories cannot include files",
                "write the text out in the story, or link to the page that holds it",
            )
        )
    for needle, most, what in BUDGETS:
        if body.count(needle) > most:
            at = _nth(body, needle, most + 1)
            problems.append(
                Problem(
                    path,
                    first_line + body.count("\n", 0, at),
                    0,
                    f"the story holds more than {most} {what}; the site's markdown converter slows to a halt",
                    "split it into several stories, or link to a page that holds the rest",
                )
            )
    if body.count("[") > MAX_BRACKET_DEPTH:
        problems.extend(_bracket_problems(body, path=path, first_line=first_line))
    maybe_deep = (
        body.count("*") + body.count("_") > MAX_MARKER_RUN
        or _MAYBE_DEEP_FIRST.match(body)
        or _MAYBE_DEEP.search(body)
    )
    if not maybe_deep:
        return problems
    shapes = []
    for number, line in enumerate(body.split("\n"), start=first_line):
        problem = _line_problem(line)
        if problem:
            shapes.append(Problem(path, number, 0, *problem))
    if len(shapes) > MAX_SHOWN:
        rest = shapes[MAX_SHOWN]
        more = len(shapes) - MAX_SHOWN
        shapes[MAX_SHOWN:] = [
            Problem(path, rest.line, 0, f"and {counted(more, 'more line')} like these", rest.hint)
        ]
    return problems + shapes


def _nth(text: str, needle: str, n: int) -> int:
    """Where the `n`th `needle` of `text` starts (there are at least `n`)."""
    at = -1
    for _ in range(n):
        at = text.find(needle, at + 1)
    return at


def _bracket_problems(body: str, *, path: str, first_line: int) -> list[Problem]:
    """Square brackets nested past the limit within a paragraph (nesting goes on across its lines, and a
    blank line ends it): the first place in each paragraph where it happens."""
    problems = []
    depth = 0
    reported = False
    line = first_line
    previous = ""
    for character in body:
        if character == "\n":
            line += 1
            if previous == "\n":  # a blank line: a new paragraph
                depth, reported = 0, False
        elif character == "[":
            depth += 1
            if depth > MAX_BRACKET_DEPTH and not reported:
                reported = True
                problems.append(
                    Problem(
                        path,
                        line,
                        0,
                        f"square brackets nest more than {MAX_BRACKET_DEPTH} deep here; stories may nest "
                        f"{MAX_BRACKET_DEPTH}",
                        "a link is [text](https://...): remove the extra brackets",
                    )
                )
        elif character == "]" and depth:
            depth -= 1
        if character != " ":
            previous = character
    return problems[:MAX_SHOWN]


def _line_problem(line: str) -> tuple[str, str] | None:
    markers = _LIST_MARKERS.match(line)
    if markers and markers.end() > 0:
        lead = markers.group()
        indent = len(lead[: len(lead) - len(lead.lstrip(" \t"))].expandtabs(4))
        depth = indent // 2 + len(_MARKER.findall(lead))
        if depth > MAX_LIST_DEPTH:
            return (
                f"this line nests lists or quotes {depth} levels deep; stories may nest {MAX_LIST_DEPTH}",
                "flatten the list: the site's markdown converter cannot build pages nested this deep",
            )
    run = _MARKER_RUN.search(line)
    if run and not _RULE.fullmatch(line):
        return (
            f"this line has {len(run.group())} '{run.group()[0]}' in a row; stories may have {MAX_MARKER_RUN}",
            "emphasis needs one or two: *word* or **word**",
        )
    return None
