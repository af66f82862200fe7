"""`newsdesk results import FILE.csv [--dry-run]`: the figures of an analytics export, written into each
story's `results:` block (resultsfile.py keeps every other byte of the file).

The CSV has a `story` column (a story's id, its file's path, or its published address, with or without
the site's host; a query such as `?utm_source=...` is ignored), a `channel` column (key or name) and one
column per metric. A blank cell leaves that metric as it is. Nothing is guessed: a row whose story or
channel matches nothing, or more than one thing, a row naming a story and channel another row names too,
a figure that is not a whole number, a metric the channel does not declare, a story that is not published
or not on the channel: each is reported with its CSV line, and the command exits 1. The other rows are
written (`--dry-run` writes nothing); importing the same CSV again changes nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from newsdesk.cli.resultsfile import EditError, Figures, with_results
from newsdesk.core import yamltext
from newsdesk.core.problems import Problem, printable
from newsdesk.sources.metrics import MAX_FIGURE
from newsdesk.sources.storytext import parse_story

if TYPE_CHECKING:
    from pathlib import Path

    from newsdesk.core.model import Channel, Story
    from newsdesk.core.project import Project
    from newsdesk.core.site import Site

FIGURE = re.compile(r"[0-9]{1,15}")


@dataclass
class Outcome:
    """What an import did: the failed rows as problems, and each changed file with its new text."""

    problems: list[Problem] = field(default_factory=list)
    changed: dict[Story, tuple[str, str]] = field(default_factory=dict)
    """story -> (its file's new text, what changed in words)."""
    matched: int = 0


def read_csv(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (lower-cased, trimmed) and each row with the line it starts on. `;` or tab-separated
    files (what spreadsheets in many locales save) are read too, told apart by the header line."""
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] = []
    start = 1
    for record in reader:
        if not header:
            header = [cell.strip().lower() for cell in record]
        elif any(cell.strip() for cell in record):
            rows.append((start, record))
        start = reader.line_num + 1
    return header, rows


class Matcher:
    """Finds the story a `story` cell names: by id, by path, or by address."""

    def __init__(self, site: Site, docs_path: str) -> None:
        self.site = site
        self.by_id = {s.id: s for s in site.stories if s.has_id}
        self.by_path: dict[str, Story] = {}
        for s in site.stories:
            self.by_path[s.path] = s
            self.by_path[f"{docs_path}/{s.src_uri}" if docs_path else s.src_uri] = s
            self.by_path[s.src_uri] = s
        self.by_url = {s.url: s for s in site.stories}
        parts = urlsplit(site.site_url) if site.site_url else None
        self.host = parts.netloc.lower() if parts else ""
        self.prefix = parts.path if parts and parts.path else "/"

    def find(self, cell: str) -> tuple[list[Story], str]:
        """The stories `cell` names (none, one, or, read several ways, more), and a hint when none."""
        value = cell.strip()
        found: set[Story] = set()
        if value in self.by_id:
            found.add(self.by_id[value])
        path = value.replace("\\", "/").removeprefix("./")
        if path in self.by_path:
            found.add(self.by_path[path])
        story = self._by_address(value)
        if story is not None:
            found.add(story)
        hint = "" if found else "give the story's id, its file's path, or its address on the site"
        return sorted(found, key=lambda s: s.path), hint

    def _by_address(self, value: str) -> Story | None:
        parts = urlsplit(value)
        if parts.scheme and parts.scheme not in ("http", "https"):
            return None
        if parts.netloc and self.host and parts.netloc.lower() != self.host:
            return None
        path = unquote(parts.path)
        if not path.startswith("/"):
            return None
        if not path.startswith(self.prefix):
            return None
        path = path[len(self.prefix) :]
        path = re.sub(r"(?:/index)?\.html$", "/", path)
        if path and not path.endswith("/"):
            path += "/"
        return self.by_url.get(path)


def _channel(cell: str, site: Site) -> list[Channel]:
    value = cell.strip().casefold()
    by_key = [c for c in site.registry.channels.values() if c.key == value]
    return by_key or [c for c in site.registry.channels.values() if c.name.casefold() == value]


def import_results(text: str, csv_name: str, site: Site, project: Project) -> Outcome:
    """Match every row of the CSV `text` and work out each story file's new text; nothing is written."""
    outcome = Outcome()
    header, rows = read_csv(text)

    def fail(line: int, message: str, hint: str = "") -> None:
        outcome.problems.append(Problem(csv_name, line, 0, message, hint))

    metrics = {m for c in site.registry.channels.values() for m in c.metrics}
    if "story" not in header or "channel" not in header:
        fail(1, "the CSV needs a 'story' and a 'channel' column", f"its columns: {', '.join(header)}")
        return outcome
    for name in header:
        if name not in ("story", "channel") and name not in metrics:
            hint = (
                yamltext.did_you_mean(name, sorted(metrics))
                or f"the channels' metrics: {', '.join(sorted(metrics))}"
            )
            fail(1, f"column {name!r} is neither story, channel nor a metric any channel reports", hint)
    if outcome.problems:
        return outcome
    matcher = Matcher(site, project.docs_path)
    wanted: dict[tuple[Story, str], tuple[int, dict[str, int]]] = {}
    duplicate: set[tuple[Story, str]] = set()
    for line, record in rows:
        cells = dict(zip(header, [c.strip() for c in record], strict=False))
        stories, hint = matcher.find(cells.get("story", ""))
        if len(stories) != 1:
            shown = printable(cells.get("story", ""))[:120]
            if stories:
                fail(
                    line,
                    f"{shown!r} names {len(stories)} stories: {', '.join(s.path for s in stories)}",
                    "give the id or the path",
                )
            else:
                fail(line, f"no story has the id, path or address {shown!r}", hint)
            continue
        [story] = stories
        channels = _channel(cells.get("channel", ""), site)
        if len(channels) != 1:
            shown = printable(cells.get("channel", ""))[:60]
            what = "more than one channel" if channels else "no channel"
            fail(
                line,
                f"channel {shown!r} names {what}",
                f"the channel keys: {', '.join(site.registry.channels)}",
            )
            continue
        [channel] = channels
        if story.status != "published":
            fail(
                line,
                f"{story.path} is {story.status}: results are for a published story",
                "set status: published first",
            )
            continue
        if channel.key not in story.channels:
            fail(line, f"{story.path} is not on {channel.name}", f"its channels: {', '.join(story.channels)}")
            continue
        figures, bad = {}, False
        for name in header:
            value = cells.get(name, "")
            if name in ("story", "channel") or not value:
                continue
            if name not in channel.metrics:
                fail(
                    line,
                    f"{channel.name} reports no metric {name!r}",
                    f"its metrics: {', '.join(channel.metrics) or 'none'}",
                )
                bad = True
            elif not FIGURE.fullmatch(value) or int(value) > MAX_FIGURE:
                fail(
                    line,
                    f"{name} must be a whole number of 0 or more, found {printable(value)[:40]!r}",
                    "digits only, without separators: 5400",
                )
                bad = True
            else:
                figures[name] = int(value)
        if bad:
            continue
        key = (story, channel.key)
        if key in wanted or key in duplicate:
            first = wanted.pop(key, (0, {}))[0]
            where = f" (and line {first})" if first else ""
            fail(
                line,
                f"{story.path} on {channel.name} is in more than one row{where}",
                "keep one row per story and channel",
            )
            if first:
                fail(
                    first,
                    f"{story.path} on {channel.name} is in more than one row (and line {line})",
                    "keep one row per story and channel",
                )
            duplicate.add(key)
            continue
        wanted[key] = (line, figures)
    _apply(outcome, wanted, site, project)
    outcome.problems.sort(key=lambda p: p.line)
    return outcome


def _apply(
    outcome: Outcome,
    wanted: dict[tuple[Story, str], tuple[int, dict[str, int]]],
    site: Site,
    project: Project,
) -> None:
    by_story: dict[Story, list[tuple[str, int, dict[str, int]]]] = {}
    for (story, channel), (line, figures) in wanted.items():
        by_story.setdefault(story, []).append((channel, line, figures))
    for story, entries in by_story.items():
        merged: Figures = {key: dict(values) for key, values in story.results}
        said = []
        for channel, _, figures in entries:
            before = merged.setdefault(channel, {})
            for metric, value in figures.items():
                if before.get(metric) != value:
                    was = f" (was {before[metric]})" if metric in before else ""
                    said.append(f"{channel} {metric} {value}{was}")
                    before[metric] = value
        outcome.matched += len(entries)
        if not said:
            continue
        lines = [line for _, line, _ in entries]
        path = project.root / story.path
        try:
            text = path.read_bytes().decode("utf-8")
            new = with_results(text, {k: v for k, v in merged.items() if v})
        except (OSError, UnicodeDecodeError, EditError, yamltext.YamlError) as exc:
            for line in lines:
                outcome.problems.append(
                    Problem(story.path, 1, 0, f"cannot edit it for CSV line {line}: {exc}")
                )
            continue
        as_read, _ = _parse(text, story, site)
        again, problems = _parse(new, story, site)
        expected = {k: tuple(v.items()) for k, v in merged.items() if v}
        # Read back whole: the figures as given, and every other field as the same bytes read before.
        if (
            again is None
            or as_read is None
            or dict(again.results) != expected
            or dataclasses.replace(again, results=as_read.results) != as_read
        ):
            message = (
                problems[0].message if problems else "the file does not read back as it was, figures apart"
            )
            for line in lines:
                outcome.problems.append(
                    Problem(story.path, 1, 0, f"not written, for CSV line {line}: {message}")
                )
            continue
        outcome.changed[story] = (new, "; ".join(said))


def _parse(text: str, story: Story, site: Site) -> tuple[Story | None, list[Problem]]:
    """`text` read as the file of `story`."""
    return parse_story(
        text, path=story.path, src_uri=story.src_uri, department=story.department,
        registry=site.registry, settings=site.settings,
    )  # fmt: skip


def write(outcome: Outcome, root: Path) -> None:
    for story, (text, _) in outcome.changed.items():
        (root / story.path).write_bytes(text.encode("utf-8"))
