"""Reads `calendar/departments.yml` and `calendar/channels.yml` into the model, with validation.

Both files are mappings from a key to its entry. Every problem names the file and the line, like the
problems in stories, because the people editing the registry are the same people.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsdesk.core import yamltext
from newsdesk.core.model import PERIODS, Cadence, Channel, Department, Registry
from newsdesk.core.problems import Problem, printable
from newsdesk.core.recurrence import weekday_number
from newsdesk.sources.entries import CADENCE, LEAD, EntryFile
from newsdesk.sources.metrics import channel_metrics
from newsdesk.sources.slots import parse_slots

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

DEPARTMENT_FIELDS = ("name", "description", "lead", "colour", "cadence")
CHANNEL_FIELDS = (
    "name",
    "colour",
    "max_length",
    "max_per_day",
    "posting_days",
    "url_length",
    "metrics",
    "headline_metric",
)
SLOTS_FILE = "slots.yml"


def parse_cadence(value: object) -> Cadence | None:
    """`2/week`, `4 per month` or `1 a week` as a Cadence; None when the text is not one."""
    if not isinstance(value, str):
        return None
    match = CADENCE.fullmatch(value)
    if not match or int(match.group(1)) < 1:
        return None
    return Cadence(int(match.group(1)), match.group(2).lower())


def _departments(file: EntryFile, channels: Mapping[str, Channel]) -> dict[str, Department]:
    departments = {}
    for index, (key, entry) in enumerate(file.entries(DEPARTMENT_FIELDS)):
        lead = file.text(key, entry, "lead")
        if lead and not LEAD.fullmatch(lead):
            file.error(
                file.line(key, "lead"),
                f'lead of \'{key}\' must be a GitHub handle or team like "@jane" or "@org/team", found {lead!r}',
                "quote it: YAML does not allow an unquoted value to start with @",
            )
        cadence, per_channel = _cadences(file, key, entry.get("cadence"), channels)
        departments[key] = Department(
            key=key,
            name=file.text(key, entry, "name", key.replace("-", " ").title()),
            colour=file.colour(key, entry, index),
            description=file.text(key, entry, "description"),
            lead=lead,
            cadence=cadence,
            line=file.line(key),
            channel_cadence=per_channel,
            cadence_line=file.line(key, "cadence"),
        )
    return departments


def _cadences(
    file: EntryFile, key: str, value: object, channels: Mapping[str, Channel]
) -> tuple[Cadence | None, tuple[tuple[str, Cadence], ...]]:
    """`cadence: 2/week`, or per channel: `cadence: {all: 2/week, linkedin: 1/month}`."""
    if value is None:
        return None, ()
    items = value.items() if isinstance(value, dict) else [("all", value)]
    overall, per_channel = None, []
    group = (key, "cadence")
    for name, text in items:
        line = file.line(key, "cadence", str(name))
        cadence = parse_cadence(text)
        where = "" if not isinstance(value, dict) else f" for {str(name)!r}"
        if cadence is None:
            file.error(
                line,
                f"cadence of '{key}'{where} must look like 2/week or 4/month, found {yamltext.describe(text)}",
                f"the period is one of: {', '.join(PERIODS)}",
                group=group,
            )
        elif name == "all":
            overall = cadence
        elif str(name) in channels:
            per_channel.append((str(name), cadence))
        else:
            hint = ""
            if file.room(*group):  # a suggestion compares with every channel: only for those shown
                hint = yamltext.did_you_mean(str(name), [*channels, "all"]) or (
                    f"known channels: {', '.join(list(channels)[:20])}"
                    + (f" and {len(channels) - 20} more" if len(channels) > 20 else "")
                )
            file.error(
                line,
                f"cadence of '{key}' names {str(name)!r}, which is neither 'all' nor a channel",
                hint,
                group=group,
            )
    return overall, tuple(per_channel)


def _channels(file: EntryFile) -> dict[str, Channel]:
    channels = {}
    for index, (key, entry) in enumerate(file.entries(CHANNEL_FIELDS)):
        days = entry.get("posting_days")
        posting_days = tuple(range(7))
        if days is not None:
            names = [days] if isinstance(days, str) else days
            if (
                not isinstance(names, list)
                or not names
                or not all(isinstance(d, str) and weekday_number(d) is not None for d in names)
            ):
                file.error(
                    file.line(key, "posting_days"),
                    f"posting_days of '{key}' must be a list of weekdays, found {yamltext.describe(days)}",
                    "for example: posting_days: [mon, wed, fri]",
                )
            else:
                posting_days = tuple(sorted({n for d in names if (n := weekday_number(d)) is not None}))
        metrics, headline = channel_metrics(file, key, entry)
        channels[key] = Channel(
            key=key,
            name=file.text(key, entry, "name", key.replace("-", " ").title()),
            colour=file.colour(key, entry, index),
            max_length=file.positive_int(key, entry, "max_length"),
            max_per_day=file.positive_int(key, entry, "max_per_day"),
            posting_days=posting_days,
            url_length=file.positive_int(key, entry, "url_length"),
            line=file.line(key),
            metrics=metrics,
            headline_metric=headline,
        )
    return channels


def load_registry(root: Path, folder: str = "calendar") -> tuple[Registry, list[Problem]]:
    """Read the registry under `root/folder`; problems name files relative to `root`."""
    problems: list[Problem] = []

    def read(name: str, parse: Callable[[EntryFile], dict[str, Any]]) -> dict[str, Any]:
        rel = f"{folder}/{name}"
        path = root / folder / name
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            looked = printable(str(path))
            hint = f"every newsdesk site needs this file; newsdesk looked for {looked} (the plugin's registry_dir)"
            problems.append(Problem(rel, 0, 0, f"{rel} is missing", hint))
            return {}
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(rel, 1, 0, f"cannot read {rel}: {exc}"))
            return {}
        entries = parse(EntryFile(rel, text, problems))
        if not entries and not any(p.path == rel for p in problems):
            problems.append(Problem(rel, 1, 0, f"{rel} defines no entries", "add at least one"))
        return entries

    channels = read("channels.yml", _channels)  # first: departments may set targets per channel
    departments = read("departments.yml", lambda file: _departments(file, channels))
    registry = Registry(departments=departments, channels=channels, folder=folder)
    slots_path = root / folder / SLOTS_FILE
    if slots_path.is_file():  # optional: a site without recurring slots needs no file
        rel = f"{folder}/{SLOTS_FILE}"
        try:
            text = slots_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(rel, 1, 0, f"cannot read {rel}: {exc}"))
        else:
            slots = parse_slots(EntryFile(rel, text, problems), registry)
            registry = Registry(departments=departments, channels=channels, folder=folder, slots=slots)
    return registry, problems
