"""YAML reading that keeps line numbers and refuses the traps of YAML 1.1.

Dates stay strings (newsdesk parses them itself, so `2026-02-30` is a clear error rather than a crash
inside the YAML library), aliases and merge keys are refused (an alias bomb expands to gigabytes), tags
other than the plain types are refused, and nesting is limited (PyYAML's C composer recurses, and a deep
enough `[[[[...]]]]` crashes the interpreter).

`read` also records, while it builds the Python values, the line of every key of every mapping and of
every item of every list, and every key a mapping is given twice (which PyYAML silently merges, the last
one winning). Every check that points at a line uses those marks, so finding a line is a dictionary
look-up, never a scan of the text.

Errors YAML reports are explained for the people who write the files: tab indentation, a value starting
with a reserved character (`@`, `` ` ``, `%`), an unclosed quote (named on the line where it opened), an
apostrophe inside single quotes, a NUL byte, a number too long to read.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

if TYPE_CHECKING:
    from collections.abc import Iterable

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 50
"""Lists and mappings nested deeper than this are refused before the composer sees them."""
MAX_DIGITS = 4300
"""Python's own limit on reading an integer from text (`sys.get_int_max_str_digits`)."""

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_TYPES = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "seq", "map")}


@dataclass(frozen=True)
class YamlError(Exception):
    """A YAML text that cannot be read, at a 1-based line and column within that text."""

    message: str
    line: int
    column: int
    hint: str = ""


@dataclass(frozen=True)
class Duplicate:
    """A key given twice in one mapping: as written, where (1-based), and the line of its first use."""

    key: str
    line: int
    column: int
    first_line: int

    def message(self) -> str:
        return f"'{self.key}' is given twice (first on line {self.first_line})"


class PlainLoader(_Base):  # type: ignore[valid-type,misc]
    """The fastest safe loader available, without the implicit timestamp and merge types, and without
    the tags of YAML 1.1 beyond the plain ones (`!!binary`, `!!set`, `!!timestamp`...).

    While constructing, it records the line of each mapping key and list item, and each duplicate key,
    numbered from `first_line` (a story's front-matter starts on its file's line 2).
    """

    def __init__(self, stream: str, first_line: int = 1) -> None:
        super().__init__(stream)
        self.first_line = first_line
        self.key_lines: dict[int, tuple[dict[Any, Any], dict[Any, int]]] = {}
        self.item_lines: dict[int, tuple[list[Any], list[int]]] = {}
        self.duplicates: list[Duplicate] = []

    def construct_lined_mapping(self, node: yaml.MappingNode) -> Any:
        data: dict[Any, Any] = {}
        yield data
        lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node)
            mark = key_node.start_mark
            try:
                first = lines.get(key)
            except TypeError:  # a list or mapping used as a key
                raise ConstructorError(
                    "while constructing a mapping", node.start_mark, "found unhashable key", mark
                ) from None
            if first is None:
                lines[key] = mark.line + self.first_line
            else:
                written = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key)
                self.duplicates.append(
                    Duplicate(written, mark.line + self.first_line, mark.column + 1, first)
                )
            data[key] = self.construct_object(value_node)
        self.key_lines[id(data)] = (data, lines)

    def construct_lined_sequence(self, node: yaml.SequenceNode) -> Any:
        data: list[Any] = []
        yield data
        self.item_lines[id(data)] = (data, [child.start_mark.line + self.first_line for child in node.value])
        data.extend(self.construct_object(child) for child in node.value)

    def construct_checked_int(self, node: yaml.ScalarNode) -> int:
        try:
            return int(SafeConstructor.construct_yaml_int(self, node))
        except ValueError:
            digits = sum(c.isdigit() for c in str(node.value))
            problem = "this number is too long" if digits > MAX_DIGITS else "this is not a whole number"
            raise ConstructorError(None, None, problem, node.start_mark) from None

    def construct_checked_float(self, node: yaml.ScalarNode) -> float:
        try:
            return float(SafeConstructor.construct_yaml_float(self, node))
        except (ValueError, OverflowError):
            raise ConstructorError(None, None, "this is not a number", node.start_mark) from None

    def construct_checked_bool(self, node: yaml.ScalarNode) -> bool:
        try:
            return bool(SafeConstructor.construct_yaml_bool(self, node))
        except KeyError:
            raise ConstructorError(None, None, "this is not a yes/no value", node.start_mark) from None


PlainLoader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge")
    ]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
PlainLoader.yaml_constructors = {
    tag: constructor
    for tag, constructor in _Base.yaml_constructors.items()
    if tag in _PLAIN_TYPES or tag is None
}
PlainLoader.add_constructor(_MAP, PlainLoader.construct_lined_mapping)
PlainLoader.add_constructor(_SEQ, PlainLoader.construct_lined_sequence)
PlainLoader.add_constructor("tag:yaml.org,2002:int", PlainLoader.construct_checked_int)
PlainLoader.add_constructor("tag:yaml.org,2002:float", PlainLoader.construct_checked_float)
PlainLoader.add_constructor("tag:yaml.org,2002:bool", PlainLoader.construct_checked_bool)


class Document:
    """One YAML text read: its value, the line of every key and list item in it, its duplicate keys."""

    def __init__(self, data: Any, loader: PlainLoader | None = None) -> None:
        self.data = data
        self._keys = loader.key_lines if loader else {}
        self._items = loader.item_lines if loader else {}
        self.duplicates: tuple[Duplicate, ...] = tuple(loader.duplicates) if loader else ()

    def key_lines(self, mapping: object) -> dict[Any, int]:
        """The 1-based line of each key of `mapping`, a mapping of this document (else empty)."""
        found = self._keys.get(id(mapping))
        return found[1] if found is not None and found[0] is mapping else {}

    def item_lines(self, sequence: object) -> list[int]:
        """The 1-based line of each item of `sequence`, a list of this document (else empty)."""
        found = self._items.get(id(sequence))
        return found[1] if found is not None and found[0] is sequence else []


def read(text: str, *, first_line: int = 1) -> Document:
    """Parse one YAML document with `PlainLoader`, refusing aliases and deep nesting; never raises
    anything but `YamlError`. Lines, of the document and of errors, are counted from `first_line`."""
    try:
        return _read(text, first_line)
    except YamlError as exc:
        if first_line == 1:
            raise
        shifted = YamlError(exc.message, exc.line + first_line - 1, exc.column, exc.hint)
        raise shifted from None


def _read(text: str, first_line: int) -> Document:
    shift = first_line - 1  # for the messages that name a line
    if "\x00" in text:
        line, column = _position(text, text.index("\x00"))
        raise YamlError(
            "this file is not text: it holds a NUL byte",
            line,
            column,
            "save it again as plain text (UTF-8) from a text editor",
        )
    if "\r" in text:  # YAML reads a lone CR as a line break: so do the line numbers here
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        if "*" in text or _nesting_bound(text) > MAX_DEPTH:
            _scan_events(text)
        loader = PlainLoader(text, first_line)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise _explain(exc, text, shift) from None
    except yaml.reader.ReaderError as exc:
        line, column = _position(text, exc.position)
        raise YamlError(
            f"this file holds a control character (U+{exc.character:04X}) that YAML does not allow",
            line,
            column,
            "retype the line, or remove the invisible character",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"this is not valid YAML: {exc}", 1, 0) from None
    except (ValueError, OverflowError, RecursionError, TypeError, KeyError) as exc:
        raise YamlError(f"this YAML cannot be read: {type(exc).__name__}", 1, 0) from None
    return Document(data, loader)


def load(text: str, *, first_line: int = 1) -> Any:
    """Parse one YAML document like `read`, and refuse a key given twice."""
    document = read(text, first_line=first_line)
    if document.duplicates:
        duplicate = document.duplicates[0]
        raise YamlError(duplicate.message(), duplicate.line, duplicate.column)
    return document.data


def _position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of `text[index]`."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _nesting_bound(text: str) -> int:
    """A cheap upper bound of how deep lists and mappings nest: every level opens with a bracket, a new
    line, or a `- `/`? ` indicator."""
    return (
        text.count("[")
        + text.count("{")
        + text.count("\n")
        + text.count("- ")
        + text.count("? ")
        + text.count("-\t")
    )


def _scan_events(text: str) -> None:
    """Refuse aliases and nesting deeper than MAX_DEPTH, from the parser's events (the C parser does not
    recurse; the composer does)."""
    depth = 0
    for event in yaml.parse(text, Loader=PlainLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _mark(event.start_mark)
                raise YamlError(
                    f"lists and mappings are nested more than {MAX_DEPTH} levels deep here",
                    line,
                    column,
                    "a front-matter or registry value needs two or three levels at most",
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            line, column = _mark(event.start_mark)
            raise YamlError(
                "YAML aliases (*name) are not allowed here",
                line,
                column,
                "write the value out in full; to start a value with '*', put it in quotes",
            )


def _mark(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 0)


# --- Explaining YAML's errors ----------------------------------------------------------------------------

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


def _explain(exc: yaml.MarkedYAMLError, text: str, shift: int) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    line, column = _mark(mark)
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


# --- Words for contributors ------------------------------------------------------------------------------


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def describe(value: object) -> str:
    """How YAML read a value, in words a contributor understands."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()} (YAML reads yes, no, on, off, true, false that way)"
    if isinstance(value, int):
        digits = len(str(abs(value)))
        return f"the number {value}" if digits <= 30 else f"a number of {digits} digits"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys to values"
    text = str(value)
    return f"the text {text!r}" if len(text) <= 80 else f"the text {text[:60]!r}... ({len(text)} characters)"
