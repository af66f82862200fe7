"""`newsdesk diff`'s output: the pull request's job summary, in GitHub's markdown.

Every path and value in it is escaped for a table cell (`markdown.text`, `markdown.code`), so a file name
cannot end a row or start markup; a long change is cut at `MAX_ROWS` rows a table, since GitHub refuses a
job summary over 1 MiB.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from newsdesk.core.dates import weekday_name
from newsdesk.core.text import counted, form
from newsdesk.render import markdown

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from newsdesk.core.model import Story
    from newsdesk.planning.diff import Diff, Entry, Warnings


MAX_ROWS = 300


def when(story: Story) -> str:
    start = story.start
    day = f"{weekday_name(start, short=True)} {start:%Y-%m-%d}"
    if isinstance(start, dt.datetime):
        return f"{day} {start:%H:%M} ({markdown.text(story.timezone)})"
    return day


def _title(story: Story) -> str:
    return f"{markdown.text(story.title)}<br>{markdown.code(story.path)}"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    rows = list(rows)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows[:MAX_ROWS]]
    if len(rows) > MAX_ROWS:
        # GitHub refuses a job summary over 1 MiB; a pull request that seeds a thousand stories still gets one.
        lines.append(f"| and {len(rows) - MAX_ROWS} more |" + " |" * (len(header) - 1))
    return [*lines, ""]


def _broken_row(entry: Entry) -> tuple[str, str, str]:
    """A file with errors: its first problem, as `newsdesk check` words it, hint included."""
    first = entry.problems[0]
    text = markdown.text(first.message) + (f"<br>{markdown.text(first.hint)}" if first.hint else "")
    if len(entry.problems) > 1:
        text += f"<br>and {counted(len(entry.problems) - 1, 'more problem')}"
    return markdown.code(entry.path), str(first.line or ""), text


def _in_time(stories: Iterable[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: (s.day, s.path))


def render(diff: Diff, *, base: str, head: str, warnings: Warnings | None = None) -> str:
    """The job summary: one section per kind of change, in the order a reviewer cares about."""
    lines = [f"## Calendar changes from {markdown.code(base[:12])} to {markdown.code(head[:12])}", ""]
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
        lines += ["**" + ", ".join(told) + ".**", ""]
    if diff.broken:
        lines += ["### Files with errors", "", "`newsdesk check` marks each problem on its line.", ""]
        lines += _table(("File", "Line", "Problem"), (_broken_row(e) for e in diff.broken))
    if diff.added:
        lines += ["### Added", ""]
        lines += _table(
            ("Date", "Story", "Department", "Channels", "Status"),
            (
                (
                    when(s),
                    _title(s),
                    markdown.text(s.department),
                    markdown.text(", ".join(s.channels)),
                    markdown.text(s.status),
                )
                for s in _in_time(diff.added)
            ),
        )
    if diff.removed:
        lines += ["### Removed", ""]
        lines += _table(
            ("Date", "Story", "Department", "Status"),
            (
                (when(s), _title(s), markdown.text(s.department), markdown.text(s.status))
                for s in _in_time(diff.removed)
            ),
        )
    if diff.rescheduled:
        lines += ["### Rescheduled", ""]
        lines += _table(
            ("Story", "From", "To"), ((_title(new), when(old), when(new)) for old, new in diff.rescheduled)
        )
    if diff.status:
        lines += ["### Status changed", ""]
        lines += _table(
            ("Story", "From", "To"),
            ((_title(new), markdown.text(old.status), markdown.text(new.status)) for old, new in diff.status),
        )
    if diff.moved:
        lines += ["### Renamed or moved", ""]
        lines += _table(
            ("Story", "From", "To"),
            (
                (markdown.text(new.title), markdown.code(old.path), markdown.code(new.path))
                for old, new in diff.moved
            ),
        )
    if diff.edited:
        lines += ["### Edited", ""]
        lines += _table(
            ("Story", "Changed"), ((_title(s), markdown.text(", ".join(f))) for s, f in diff.edited)
        )
    if warnings is not None and (warnings.new or warnings.gone or warnings.changed):
        lines += ["### Planning", ""]
        if warnings.new:
            lines += ["New warnings:", ""]
            lines += [
                f"- {markdown.code(p.location())}: {markdown.text(p.message)}"
                for p in warnings.new[:MAX_ROWS]
            ]
            lines.append("")
        if warnings.changed:
            lines += ["Changed:", ""]
            lines += [
                f"- {markdown.code(p.location())}: {markdown.text(p.message)} (before: {markdown.text(old.message)})"
                for old, p in warnings.changed[:MAX_ROWS]
            ]
            lines.append("")
        if warnings.gone:
            lines += ["Resolved:", ""]
            lines += [f"- {markdown.text(p.message)}" for p in warnings.gone[:MAX_ROWS]]
            lines.append("")
    if warnings is not None and warnings.unchanged:
        still = counted(warnings.unchanged, "planning warning")
        lines += [
            f"{still} from before this change {form(warnings.unchanged, 'remains', 'remain')} as they were.",
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"
