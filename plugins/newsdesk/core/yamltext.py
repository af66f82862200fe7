"""YAML reading that keeps line numbers and refuses the traps of YAML 1.1; describing values in words.

Dates stay strings (newsdesk parses them itself, so `2026-02-30` is a clear error rather than a crash
inside the YAML library), aliases and merge keys are refused (an alias bomb expands to gigabytes), tags
other than the plain types are refused, and nesting is limited (PyYAML's C composer recurses, and a deep
enough `[[[[...]]]]` crashes the interpreter).

`read` gives a `Document`: the value, with the line of every key of every mapping and of every item of
every list, and every key a mapping is given twice. Every check that points at a line uses those marks, so
finding a line is a dictionary look-up, never a scan of the text. `load` refuses the duplicates too.
A NUL byte (refused before YAML sees it) and a control character (which YAML's reader refuses) are
explained here. `describe` and `did_you_mean` are the words checks use for what YAML read.

The loader that records the marks is in `yamlloader`; `YamlError` and the explanations of YAML's errors
(tabs, reserved characters, unclosed quotes...) are in `yamlerrors`.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

import yaml

from newsdesk.core.yamlerrors import YamlError, explain, mark_position
from newsdesk.core.yamlloader import Duplicate, PlainLoader

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["MAX_DEPTH", "Document", "YamlError", "describe", "did_you_mean", "load", "read"]

MAX_DEPTH = 50
"""Lists and mappings nested deeper than this are refused before the composer sees them."""


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
        raise explain(exc, text, shift) from None
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
    except (
        ValueError,
        OverflowError,
        RecursionError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
    ) as exc:
        # The last net: whatever PyYAML's own constructors raise on a value no test thought of is a problem.
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
                line, column = mark_position(event.start_mark)
                raise YamlError(
                    f"lists and mappings are nested more than {MAX_DEPTH} levels deep here",
                    line,
                    column,
                    "a front-matter or registry value needs two or three levels at most",
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            line, column = mark_position(event.start_mark)
            raise YamlError(
                "YAML aliases (*name) are not allowed here",
                line,
                column,
                "write the value out in full; to start a value with '*', put it in quotes",
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
