"""YAML's errors, explained for the people who write the files.

`YamlError` is the one error newsdesk's YAML reading raises: a message, a 1-based line and column, a hint.
`explain` turns PyYAML's marked errors into one: tab indentation, a value starting with a reserved
character (`@`, `` ` ``, `%`), an unclosed quote (named on the line where it opened), a quote inside a
value quoted with the same quote, a YAML tag, a number too long to read, a `key: value` that needs quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsdesk.core.yamlloader import MAX_DIGITS

if TYPE_CHECKING:
    import yaml


@dataclass(frozen=True)
class YamlError(Exception):
    """A YAML text that cannot be read, at a 1-based line and column within that text."""

    message: str
    line: int
    column: int
    hint: str = ""


def mark_position(mark: Any) -> tuple[int, int]:
    """The 1-based line and column of a PyYAML mark (line 1, column 0 when there is none)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 0)


_OWN_PROBLEMS = {
    "this number is too long": f"this number is too long (more than {MAX_DIGITS:,} digits)",
    "this is not a whole number": "this is not a whole number",
    "this is not a number": "this is not a number",
    "this is not a yes/no value": "this is not a yes/no value",
}
_RESERVED = {"@": "'@'", "`": "a backtick (`)", "%": "'%'"}
_QUOTE_START = re.compile(
    r"""^[ \t]*(?:-[ \t]+)*(?:(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s#'"\-?][^\n]*?)[ \t]*:[ \t]+)?(?P<q>["'])"""
)
_CLOSING = {
    '"': re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL),
    "'": re.compile(r"'(?:[^']|'')*'"),
}
_KEY_VALUE = re.compile(r"^(?P<key>[ \t]*(?:-[ \t]+)?[^\s:#][^:#]*:[ \t]+)(?P<value>.*?)[ \t]*$")


def explain(exc: yaml.MarkedYAMLError, text: str, shift: int) -> YamlError:
    """The `YamlError` for PyYAML's error in `text`; `shift` is added to the line numbers messages name."""
    mark = exc.problem_mark or exc.context_mark
    line, column = mark_position(mark)
    problem = exc.problem or "this is not valid YAML"
    lines = text.split("\n")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    char = here[column - 1] if 0 < column <= len(here) else ""
    indent = here[: len(here) - len(here.lstrip(" \t"))]

    quoted = _quote_trouble(text, lines, line - 1, shift)
    if quoted is not None:
        return quoted
    if "\t" in indent or "tab character" in problem or (char == "\t" and "cannot start any token" in problem):
        return YamlError(
            f"line {line + shift} is indented with a tab",
            line,
            1,
            "YAML only accepts spaces for indentation: replace the tab with spaces",
        )
    if char in _RESERVED and ("cannot start any token" in problem or "directive" in str(exc.context)):
        return YamlError(
            f"a value cannot start with {_RESERVED[char]} in YAML (it is reserved)",
            line,
            column,
            f"put the value in quotes: {_quoted(here, column)}",
        )
    if "directive" in str(exc.context) and here.startswith("%"):
        return YamlError(
            "a line cannot start with '%' in YAML (it is read as a directive)",
            line,
            1,
            "put the text in quotes, or remove the '%'",
        )
    if problem in _OWN_PROBLEMS:
        return YamlError(
            _OWN_PROBLEMS[problem], line, column, "put the value in quotes if it is meant as text"
        )
    if "could not determine a constructor for the tag" in problem:
        return YamlError(
            "YAML tags (a value starting with '!') are not allowed here",
            line,
            column,
            "remove the tag, or put the value in quotes if the '!' is part of the text",
        )
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = 'a value that contains ": " must be put in double quotes, e.g. title: "Q3: results"'
    elif any(
        words in problem
        for words in ("could not find expected ':'", "expected <block end>", "did not find expected key")
    ):
        hint = "every line must be 'key: value'; check the indentation and any unclosed quotes"
    elif "found undefined alias" in problem or "found unhashable key" in problem:
        hint = "put the value in double quotes"
    elif "number" in problem:
        hint = "put it in quotes if it is meant as text"
    message = f"YAML error: {problem}" if exc.problem_mark else f"YAML error: {exc.context or problem}"
    return YamlError(message, line, column, hint)


def _quoted(line: str, column: int) -> str:
    """`key: value` with the value in double quotes (or, in a [list], the item at `column`), for a hint."""
    match = _KEY_VALUE.match(line)
    if match is None or match["value"][:1] in ("[", "{"):
        item = re.split(r"[,\]}#]", line[column - 1 :], maxsplit=1)[0].strip()
        return '"' + _escape(item) + '"'
    return f'{match["key"].strip()} "{_escape(match["value"])}"'


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _quote_trouble(text: str, lines: list[str], error_line: int, shift: int) -> YamlError | None:
    """The quote that caused a YAML error on `error_line` (0-based): one opened on that line or before
    and never closed, or closed on the error line after running over lines; or an apostrophe inside a
    single-quoted value."""
    starts = [0]
    for current in lines[:-1]:
        starts.append(starts[-1] + len(current) + 1)
    number = 0
    while number <= min(error_line, len(lines) - 1):
        match = _QUOTE_START.match(lines[number])
        if match is None:
            number += 1
            continue
        quote = match["q"]
        opened = starts[number] + match.start("q")
        closing = _CLOSING[quote].match(text, opened)
        if closing is None:
            return _unclosed(quote, number, match.start("q"), shift)
        closed_on = text.count("\n", opened, closing.end())
        if closed_on and number + closed_on >= error_line:
            return _unclosed(quote, number, match.start("q"), shift)
        if not closed_on and number == error_line:
            rest = lines[number][closing.end() - starts[number] :].strip()
            if quote == "'" and rest and not rest.startswith(("#", ",", "]", "}")):
                return YamlError(
                    "this value in single quotes holds another single quote, which ends it",
                    number + 1,
                    match.start("q") + 1,
                    "write the inner quote twice (It''s), or put the value in double quotes instead",
                )
            if quote == '"' and rest and not rest.startswith(("#", ",", "]", "}", ":")):
                return YamlError(
                    "this value in double quotes holds another double quote, which ends it",
                    number + 1,
                    match.start("q") + 1,
                    'write the inner quote as \\", or put the value in single quotes instead',
                )
        number += closed_on + 1
    return None


def _unclosed(quote: str, line: int, column: int, shift: int) -> YamlError:
    kind = 'double quote (")' if quote == '"' else "single quote (')"
    return YamlError(
        f"the {kind} opened on line {line + 1 + shift} is never closed",
        line + 1,
        column + 1,
        f"end the value with a matching {quote} on the same line",
    )
