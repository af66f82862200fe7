"""YAML reading that keeps line numbers and refuses the traps of YAML 1.1.

Dates stay strings (newsdesk parses them itself, so `2026-02-30` is a clear error rather than a crash
inside the YAML library), aliases are refused (an alias bomb expands to gigabytes), and duplicate
top-level keys, which PyYAML silently merges, are found by a cheap scan of the raw lines.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from collections.abc import Iterable

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PlainLoader(_Base):  # type: ignore[valid-type,misc]
    """The fastest safe loader available, without the implicit timestamp type."""


PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}

_TOP_LEVEL_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)", re.MULTILINE)


@dataclass(frozen=True)
class YamlError(Exception):
    """A YAML text that cannot be read, at a 1-based line and column within that text."""

    message: str
    line: int
    column: int
    hint: str = ""


def load(text: str) -> Any:
    """Parse one YAML document with `PlainLoader`, refusing aliases."""
    try:
        if "*" in text:
            _refuse_aliases(text)
        return yaml.load(text, Loader=PlainLoader)  # PlainLoader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        raise _explain(exc) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"this is not valid YAML: {exc}", 1, 0) from None


def _refuse_aliases(text: str) -> None:
    for event in yaml.parse(text, Loader=PlainLoader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 0)
            raise YamlError(
                "YAML aliases (*name) are not allowed here",
                line,
                column,
                "write the value out in full; to start a value with '*', put it in quotes",
            )


def _explain(exc: yaml.MarkedYAMLError) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 0)
    problem = exc.problem or "this is not valid YAML"
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = 'a value that contains ": " must be put in double quotes, e.g. title: "Q3: results"'
    elif "found character '\\t'" in problem:
        hint = "indent with spaces, not tabs"
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = "every line must be 'key: value'; check the indentation and any unclosed quotes"
    elif "found undefined alias" in problem or "found unhashable key" in problem:
        hint = "put the value in double quotes"
    return YamlError(f"YAML error: {problem}", line, column, hint)


def top_level_key_lines(text: str) -> list[tuple[str, int]]:
    """Each top-level `key:` of a block mapping, with its 1-based line, in order (duplicates kept)."""
    found = []
    line = 1
    last = 0
    for match in _TOP_LEVEL_KEY.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        found.append((match.group("key"), line))
    return found


def nested_key_line(text: str, parent_line: int, key: str) -> int:
    """The line of `key:` indented under the top-level key on `parent_line`, else `parent_line`."""
    lines = text.split("\n")
    pattern = re.compile(rf"^[ \t]+['\"]?{re.escape(key)}['\"]?[ \t]*:")
    for number in range(parent_line, len(lines)):
        current = lines[number]
        if current and not current[0].isspace() and not current.startswith("#"):
            break
        if pattern.match(current):
            return number + 1
    return parent_line


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def describe(value: object) -> str:
    """How YAML read a value, in words a contributor understands."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()} (YAML reads yes, no, on, off, true, false that way)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys to values"
    return f"the text {value!r}"
