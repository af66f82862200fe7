"""A story file's `results:` block rewritten, and nothing else: `newsdesk results import` edits the
figures a person or a tool gave, in a file a person wrote, so every other byte (key order, comments,
quoting, line endings, the body) stays as it was.

The block is found by the YAML loader's line of the top-level `results:` key and runs to the line before
the next top-level key, less the blank and comment lines just above that key (they belong to it). It is
written again in one style, a line per channel (`  linkedin: {impressions: 5400, clicks: 210}`); a file
without the key gets the block at the end of its front-matter. Figures only change when they differ, so a
second import of the same CSV leaves every file as it is.
"""

from __future__ import annotations

import re

from newsdesk.core import yamltext

Figures = dict[str, dict[str, int]]
_KEY_LINE = re.compile(r"""^(?:results|"results"|'results')[ \t]*:""")


class EditError(Exception):
    """The file's front-matter cannot be edited safely; the message says why."""


def block(figures: Figures, newline: str) -> str:
    """The `results:` block for `figures`, in the order given."""
    lines = ["results:"]
    for channel, metrics in figures.items():
        inner = ", ".join(f"{metric}: {value}" for metric, value in metrics.items())
        lines.append(f"  {channel}: {{{inner}}}")
    return newline.join(lines) + newline


def with_results(text: str, figures: Figures) -> str:
    """`text` (a whole story file) with its `results:` block replaced by `figures`."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        raise EditError("the file does not start with front-matter")
    close = next(
        (i for i in range(1, len(lines)) if re.fullmatch(r"(?:---|\.\.\.)[ \t]*", lines[i].rstrip("\r\n"))),
        None,
    )
    if close is None:
        raise EditError("the front-matter is never closed")
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    document = yamltext.read("".join(lines[1:close]), first_line=2)
    if not isinstance(document.data, dict):
        raise EditError("the front-matter is not a mapping")
    key_lines = sorted((line, str(key)) for key, line in document.key_lines(document.data).items())
    new = block(figures, newline)
    where = next((line for line, key in key_lines if key == "results"), None)
    if where is None:
        before = "".join(lines[:close])
        if not before.endswith(("\n", "\r")):
            before += newline
        return before + new + "".join(lines[close:])
    start = where - 1  # 0-based index into `lines`
    if not _KEY_LINE.match(lines[start]):
        raise EditError(
            "its results: key does not start a line; write it as 'results:' at the start of a line"
        )
    end = next((line - 1 for line, _ in key_lines if line > where), close)
    while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1  # blank lines and comments above the next key stay with it
    return "".join(lines[:start]) + new + "".join(lines[end:])
