"""Contributors' words inside markdown that newsdesk writes (the report, the pull request's job summary).

One escaper for every such place: a title, a department's name or a problem's message comes out as the
text it is, on one line, in a paragraph, a list item, a heading or a table cell, with Python-Markdown
(what MkDocs uses) and with GitHub's flavour alike.
"""

from __future__ import annotations

import re

from newsdesk.core.problems import printable

_ESCAPED = re.compile(r"[\\`*_\[\]|#]|[<>~]|&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;"}
_LIST_MARKER = re.compile(r"[-+]|\d{1,9}[.)]")
"""What makes the text of a list item a nested list, at its start."""
_BACKTICKS = re.compile(r"`+")


def text(value: str) -> str:
    """`value` as markdown that shows it as written, on one line.

    Every run of whitespace, line breaks of every kind included (CR, LF, U+2028, U+0085...), is one space, so
    nothing ends a table row or a list item; other controls and bidi overrides become visible escapes
    (`printable`). Emphasis, code, link, table and heading characters are backslash-escaped, which keeps
    the text readable in an email. `<`, `>` and `~` become `&lt;`, `&gt;` and `&#126;` instead, since
    Python-Markdown keeps a backslash before them as written: so nothing opens an HTML tag or an autolink,
    or strikes text through on GitHub. An `&` is only special where it spells a character reference
    (`&copy;`), so only there it becomes `&amp;`: "R&D" stays as it is. A leading `-`, `+` or `1.`
    ends in a character reference, so the text never becomes a nested list.
    """
    # One pass over the text as written: an escape added for one character never changes how another reads.
    shown = _ESCAPED.sub(lambda m: _ENTITIES.get(m[0], "\\" + m[0]), printable(" ".join(value.split())))
    lead = _LIST_MARKER.match(shown)
    if lead:
        marker = lead.group()
        shown = f"{marker[:-1]}&#{ord(marker[-1])};{shown[lead.end() :]}"
    return shown


def code(value: str) -> str:
    """`value` (a path, a revision) as inline code, which keeps its exact form for searching.

    A line break or a control is a visible escape (`\\r`); the fence has more backticks than any run in
    the value. GitHub splits a table row at every `|`, code spans included, so a value holding one is
    escaped text instead."""
    shown = printable(value)
    if not shown or "|" in shown:
        return text(shown)
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(shown)), default=0) + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"
