"""The registry is validated like stories: every mistake named with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsdesk.core.model import Cadence
from newsdesk.sources.registry import load_registry, parse_cadence

CHANNELS = 'website:\n  name: Website\n  colour: "#3949ab"\n'


def registry_with(tmp_path: Path, departments: str, channels: str = CHANNELS):
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "departments.yml").write_text(departments)
    (tmp_path / "calendar" / "channels.yml").write_text(channels)
    return load_registry(tmp_path)


def test_a_sound_registry(tmp_path: Path) -> None:
    registry, problems = registry_with(
        tmp_path,
        'hr:\n  name: People & Culture\n  lead: "@acme/hr"\n  colour: "#ABC"\n  cadence: 2/week\n'
        "legal:\n  description: Contracts.\n",
        CHANNELS + 'twitter:\n  colour: "#1d9bf0"\n  max_length: 280\n  posting_days: [Mon, tuesday]\n',
    )
    assert problems == []
    hr, legal = registry.departments["hr"], registry.departments["legal"]
    assert (hr.name, hr.lead, hr.colour, hr.cadence, hr.line) == (
        "People & Culture",
        "@acme/hr",
        "#abc",
        Cadence(2, "week"),
        1,
    )
    assert (legal.name, legal.cadence, legal.line) == ("Legal", None, 6)
    assert legal.colour.startswith("#")
    twitter = registry.channels["twitter"]
    assert (twitter.name, twitter.max_length, twitter.posting_days) == ("Twitter", 280, (0, 1))


@pytest.mark.parametrize(
    ("departments", "line", "message"),
    [
        ('hr:\n  colour: "#12345"\n', 2, "colour of 'hr' must be a hex colour"),
        ("hr:\n  colour: red\n", 2, "colour of 'hr' must be a hex colour"),
        ("hr:\n  cadence: often\n", 2, "cadence of 'hr' must look like 2/week"),
        ("hr:\n  cadence: 0/week\n", 2, "cadence of 'hr' must look like 2/week"),
        ("hr:\n  name: HR\n  colour_: '#fff'\n", 3, "unknown field 'colour_' in 'hr'"),
        ("hr:\n  name: HR\nlegal: {}\nhr:\n  name: Again\n", 4, "'hr' is defined twice (first on line 1)"),
        ("hr:\n  name: HR\n  name: Again\n", 3, "'name' is defined twice (first on line 2)"),
        ("Human Resources:\n  name: HR\n", 1, "'Human Resources' is not a valid key"),
        ("hr:\n  lead: jane\n", 2, "lead of 'hr' must be a GitHub handle"),
        ("hr: [a, b]\n", 1, "'hr' must be a mapping of fields"),
        ("- hr\n- legal\n", 1, "expected a mapping from keys to entries"),
        ("hr:\n  name: HR\n   bad: indent\n", 3, "YAML error"),
        ("", 1, "defines no entries"),
    ],
)
def test_registry_mistakes(tmp_path: Path, departments: str, line: int, message: str) -> None:
    _registry, problems = registry_with(tmp_path, departments)
    assert [(p.path, p.line) for p in problems if message in p.message] == [
        ("calendar/departments.yml", line)
    ], problems


def test_channel_mistakes(tmp_path: Path) -> None:
    _registry, problems = registry_with(
        tmp_path,
        "hr: {}\n",
        "website:\n  max_per_day: many\n  posting_days: [someday]\n  max_length: -1\n",
    )
    assert [(p.line, p.message.split(" must")[0]) for p in problems] == [
        (3, "posting_days of 'website'"),
        (4, "max_length of 'website'"),
        (2, "max_per_day of 'website'"),
    ]


def test_missing_registry_file(tmp_path: Path) -> None:
    (tmp_path / "calendar").mkdir()
    _registry, problems = load_registry(tmp_path)
    assert {p.message for p in problems} == {
        "calendar/departments.yml is missing",
        "calendar/channels.yml is missing",
    }


@pytest.mark.parametrize(
    ("text", "cadence"),
    [
        ("2/week", Cadence(2, "week")),
        ("4 per month", Cadence(4, "month")),
        ("1 a week", Cadence(1, "week")),
        ("3/weeks", Cadence(3, "week")),
        ("weekly", None),
        ("0/month", None),
        (2, None),
    ],
)
def test_parse_cadence(text: object, cadence: Cadence | None) -> None:
    assert parse_cadence(text) == cadence


@pytest.mark.parametrize("days", ["[monkey]", "[Mon, thursdayish]", "[sun, satur, frid]", "[tu]"])
def test_posting_days_are_read_as_every_rule_reads_weekdays(tmp_path: Path, days: str) -> None:
    """One weekday parser for `posting_days` and `every:`: a word that merely starts like a day is no day."""
    _registry, problems = registry_with(tmp_path, "hr: {}\n", f"website:\n  posting_days: {days}\n")
    valid = days == "[sun, satur, frid]"
    assert [p.message.split(" must")[0] for p in problems] == ([] if valid else ["posting_days of 'website'"])
