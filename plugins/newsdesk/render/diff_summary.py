"""`newsdesk diff`'s output: plain text for a terminal, or the pull request's job summary in GitHub's
markdown (`--format markdown`). Departments and channels are named as the registry names them.

In markdown every path and value is escaped for a table cell (`markdown.text`, `markdown.code`), so a file
name cannot end a row or start markup; in plain text every value goes through `printable`, the one escaper
for what reaches a terminal or a log, so no control character or `::` command reaches either. A long change
is cut at `MAX_ROWS` rows a table, since GitHub refuses a job summary over 1 MiB.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.core.dates import weekday_name
from newsdesk.core.problems import line_start, printable
from newsdesk.core.text import counted, form
from newsdesk.render import markdown

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from newsdesk.core.model import Registry, Story
    from newsdesk.planning.diff import Diff, Entry, Warnings


MAX_ROWS = 300
WIDEST = 60
"""A plain-text column is padded to its longest cell up to this many characters; longer cells stick out."""


@dataclass(frozen=True)
class Style:
    """How one output format writes a value, a path, the parts of one cell, headings and tables."""

    text: Callable[[str], str]
    code: Callable[[str], str]
    cell_break: str
    markdown: bool

    def heading(self, level: int, words: str) -> list[str]:
        if self.markdown:
            return [f"{'#' * level} {words}", ""]
        return [words, ("=" if level == 2 else "-") * len(words), ""]

    def bold(self, words: str) -> str:
        return f"**{words}**" if self.markdown else words

    def item(self, words: str) -> str:
        return f"- {words}" if self.markdown else f"  - {words}"

    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
        rows = list(rows)
        shown = [list(row) for row in rows[:MAX_ROWS]]
        if len(rows) > MAX_ROWS:
            # GitHub refuses a job summary over 1 MiB; a pull request that seeds a thousand stories still gets one.
            shown.append([f"and {len(rows) - MAX_ROWS} more", *[""] * (len(header) - 1)])
        if self.markdown:
            lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            return [*lines, *("| " + " | ".join(row) + " |" for row in shown), ""]
        widths = [
            min(WIDEST, max(len(cell) for cell in column)) for column in zip(header, *shown, strict=True)
        ]
        lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
                 for row in [list(header), *shown]]  # fmt: skip
        return [lines[0], "  ".join("-" * width for width in widths), *lines[1:], ""]


MARKDOWN = Style(text=markdown.text, code=markdown.code, cell_break="<br>", markdown=True)
TEXT = Style(text=lambda value: printable(" ".join(value.split())), code=printable, cell_break=" - ",
             markdown=False)  # fmt: skip
STYLES = {"markdown": MARKDOWN, "text": TEXT}


@dataclass(frozen=True)
class Names:
    """Departments' and channels' names as the registries name them (the head's first), else their keys."""

    departments: Mapping[str, str]
    channels: Mapping[str, str]

    @classmethod
    def of(cls, *registries: Registry) -> Names:
        departments: dict[str, str] = {}
        channels: dict[str, str] = {}
        for registry in reversed(registries):  # the first registry named wins
            departments.update((key, d.name) for key, d in registry.departments.items())
            channels.update((key, c.name) for key, c in registry.channels.items())
        return cls(departments, channels)

    def department(self, key: str) -> str:
        return self.departments.get(key, key)

    def channel_list(self, keys: Iterable[str]) -> str:
        return ", ".join(self.channels.get(key, key) for key in keys)


def when(story: Story, style: Style = MARKDOWN) -> str:
    start = story.start
    day = f"{weekday_name(start, short=True)} {start:%Y-%m-%d}"
    if isinstance(start, dt.datetime):
        return f"{day} {start:%H:%M} ({style.text(story.timezone)})"
    return day


def _title(story: Story, style: Style) -> str:
    return f"{style.text(story.title)}{style.cell_break}{style.code(story.path)}"


def _broken_row(entry: Entry, style: Style) -> tuple[str, str, str]:
    """A file with errors: its first problem, as `newsdesk check` words it, hint included."""
    first = entry.problems[0]
    text = style.text(first.message) + (f"{style.cell_break}{style.text(first.hint)}" if first.hint else "")
    if len(entry.problems) > 1:
        text += f"{style.cell_break}and {counted(len(entry.problems) - 1, 'more problem')}"
    return style.code(entry.path), str(first.line or ""), text


def _in_time(stories: Iterable[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: (s.day, s.path))


def render(
    diff: Diff,
    *,
    base: str,
    head: str,
    warnings: Warnings | None = None,
    names: Names | None = None,
    style: Style = MARKDOWN,
) -> str:
    """The summary: one section per kind of change, in the order a reviewer cares about."""
    names = names or Names({}, {})
    text, code, table = style.text, style.code, style.table
    lines = style.heading(2, f"Calendar changes from {code(base[:12])} to {code(head[:12])}")
    if diff.empty:
        lines += ["No story was added, removed, moved or changed.", ""]
    else:
        counts = [
            (len(diff.added), "added"),
            (len(diff.removed), "removed"),
            (len(diff.rescheduled), "rescheduled"),
            (len(diff.status), "with a new status"),
            (len(diff.moved), "renamed or moved"),
            (len(diff.edited), "edited"),
        ]
        told = [f"{counted(n, 'story', 'stories')} {what}" for n, what in counts if n]
        if diff.broken:
            told.append(f"{counted(len(diff.broken), 'file')} with errors")
        lines += [style.bold(", ".join(told) + "."), ""]
    if diff.broken:
        lines += [
            *style.heading(3, "Files with errors"),
            f"{code('newsdesk check')} marks each problem on its line.",
            "",
        ]
        lines += table(("File", "Line", "Problem"), (_broken_row(e, style) for e in diff.broken))
    if diff.added:
        lines += style.heading(3, "Added")
        lines += table(
            ("Date", "Story", "Department", "Channels", "Status"),
            (
                (when(s, style), _title(s, style), text(names.department(s.department)),
                 text(names.channel_list(s.channels)), text(s.status))
                for s in _in_time(diff.added)
            ),
        )  # fmt: skip
    if diff.removed:
        lines += style.heading(3, "Removed")
        lines += table(
            ("Date", "Story", "Department", "Status"),
            (
                (when(s, style), _title(s, style), text(names.department(s.department)), text(s.status))
                for s in _in_time(diff.removed)
            ),
        )
    if diff.rescheduled:
        lines += style.heading(3, "Rescheduled")
        lines += table(
            ("Story", "From", "To"),
            ((_title(new, style), when(old, style), when(new, style)) for old, new in diff.rescheduled),
        )
    if diff.status:
        lines += style.heading(3, "Status changed")
        lines += table(
            ("Story", "From", "To"),
            ((_title(new, style), text(old.status), text(new.status)) for old, new in diff.status),
        )
    if diff.moved:
        lines += style.heading(3, "Renamed or moved")
        lines += table(
            ("Story", "From", "To"),
            ((text(new.title), code(old.path), code(new.path)) for old, new in diff.moved),
        )
    if diff.edited:
        lines += style.heading(3, "Edited")
        lines += table(("Story", "Changed"), ((_title(s, style), text(", ".join(f))) for s, f in diff.edited))
    if warnings is not None:
        lines += _planning(warnings, style)
    if not style.markdown:  # a terminal may be a CI log: no line a runner would take for a command
        lines = [line_start(line) for line in lines]
    return "\n".join(lines).rstrip("\n") + "\n"


def _planning(warnings: Warnings, style: Style) -> list[str]:
    text, code = style.text, style.code
    lines: list[str] = []
    if warnings.new or warnings.gone or warnings.changed:
        lines += style.heading(3, "Planning")
        if warnings.new:
            lines += ["New warnings:", ""]
            lines += [style.item(f"{code(p.location())}: {text(p.message)}") for p in warnings.new[:MAX_ROWS]]
            lines.append("")
        if warnings.changed:
            lines += ["Changed:", ""]
            lines += [
                style.item(f"{code(p.location())}: {text(p.message)} (before: {text(old.message)})")
                for old, p in warnings.changed[:MAX_ROWS]
            ]
            lines.append("")
        if warnings.gone:
            lines += ["Resolved:", ""]
            lines += [style.item(text(p.message)) for p in warnings.gone[:MAX_ROWS]]
            lines.append("")
    if warnings.unchanged:
        still = counted(warnings.unchanged, "planning warning")
        lines += [
            f"{still} from before this change {form(warnings.unchanged, 'remains', 'remain')} as they were.",
            "",
        ]
    return lines
