"""One registry file read for checking: its entries, the line of every key, and its problems, capped per field.

The departments, channels and slots files share it, so each reports the same way: `file:line` for every
problem, at most MAX_SHOWN per field of one entry, whole-value patterns matched with `fullmatch`.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.core import yamltext
from newsdesk.core.problems import Problem
from newsdesk.core.text import counted

# Each pattern matches a whole value, with fullmatch: `$` would let a trailing newline through.
KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
CADENCE = re.compile(r"\s*(\d{1,4})\s*(?:/|per|a|an|every)\s*(week|month)s?\s*", re.IGNORECASE)
LEAD = re.compile(r"@[A-Za-z0-9](?:[A-Za-z0-9-]*)(?:/[A-Za-z0-9._-]+)?")
UNSAFE_TEXT = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""Control characters and line breaks, U+0085, U+2028 and U+2029 among them (feeds and some parsers
read those as the end of a line)."""
BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Invisible characters that change the direction text is displayed in."""
MAX_SHOWN = 10
"""The most problems shown for one field of one entry: the rest are counted on one more line."""
PALETTE = ("#1e88e5", "#8e24aa", "#43a047", "#f4511e", "#6d4c41", "#00897b", "#c0ca33", "#d81b60")


class EntryFile:
    """One registry file: its entries, and the line of each key, so every check can point at it.

    Lines come from the YAML loader's marks, for the entries, their fields and one level below (the
    channels of a `cadence:` map). At most MAX_SHOWN problems are shown per group (one field of one
    entry); one more line counts the rest.
    """

    def __init__(self, path: str, text: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        self.data: dict[str, Any] = {}
        self.lines: dict[tuple[str, ...], int] = {}
        self._text = text
        self._count: dict[tuple[str, ...], int] = {}
        self._more: dict[tuple[str, ...], int] = {}
        try:
            document = yamltext.read(text)
        except yamltext.YamlError as exc:
            self.error(exc.line, exc.message, exc.hint, exc.column)
            return
        data = document.data
        if data is None:
            return
        if not isinstance(data, dict):
            self.error(1, f"expected a mapping from keys to entries, found {yamltext.describe(data)}")
            return
        self.data = data
        for duplicate in sorted(document.duplicates, key=lambda d: (d.line, d.column)):
            self.error(
                duplicate.line,
                f"{duplicate.key!r} is defined twice (first on line {duplicate.first_line})",
                "YAML keeps only the last one: remove or rename the other",
                duplicate.column,
            )
        self._index(document, data, ())

    def _index(self, document: yamltext.Document, mapping: dict[Any, Any], prefix: tuple[str, ...]) -> None:
        for key, line in document.key_lines(mapping).items():
            path = (*prefix, str(key))
            self.lines.setdefault(path, line)
            value = mapping[key]
            if isinstance(value, dict) and len(path) < 3:
                self._index(document, value, path)

    def room(self, *group: str) -> bool:
        """Whether the next problem of `group` is shown in full (else only counted)."""
        return self._count.get(group, 0) < MAX_SHOWN

    def error(
        self, line: int, message: str, hint: str = "", column: int = 0, *, group: tuple[str, ...] = ()
    ) -> None:
        if group:
            count = self._count[group] = self._count.get(group, 0) + 1
            if count > MAX_SHOWN:
                more = Problem(
                    self.path,
                    self.line(*group),
                    0,
                    f"and {counted(count - MAX_SHOWN, 'more problem')} with "
                    f"{' of '.join(repr(part) for part in reversed(group))}",
                    "fix the ones above first: the rest are probably alike",
                )
                if group in self._more:
                    self.problems[self._more[group]] = more
                else:
                    self._more[group] = len(self.problems)
                    self.problems.append(more)
                return
        self.problems.append(Problem(self.path, line, column, message, hint))

    def line(self, *key: str) -> int:
        """The line of the deepest of `key`, `key[:-1]`... that the file has; else 1."""
        for end in range(len(key), 0, -1):
            if key[:end] in self.lines:
                return self.lines[key[:end]]
        return 1

    def comment_after(self, *key: str) -> str | None:
        """The comment YAML found where the value of `key` was expected (`colour: #ff0000`), if any."""
        if key not in self.lines:
            return None
        lines = self._text.split("\n")
        line = lines[self.lines[key] - 1] if self.lines[key] <= len(lines) else ""
        match = re.search(r":[ \t]+#(\S*)", line)
        return match[1] if match else None

    def entries(self, fields: tuple[str, ...]) -> list[tuple[str, dict[str, Any]]]:
        """Entries whose key and shape are sound, after reporting unknown and malformed ones."""
        sound = []
        for key, entry in self.data.items():
            key = str(key)
            if not KEY.fullmatch(key):
                self.error(
                    self.line(key),
                    f"{key!r} is not a valid key",
                    "keys are lower-case letters, digits and hyphens, e.g. customer-service",
                )
                continue
            if entry is None:
                entry = {}
            if not isinstance(entry, dict):
                self.error(
                    self.line(key), f"'{key}' must be a mapping of fields, found {yamltext.describe(entry)}"
                )
                continue
            for name in entry:
                if str(name) not in fields:
                    hint = yamltext.did_you_mean(str(name), fields) or f"known fields: {', '.join(fields)}"
                    self.error(
                        self.line(key, str(name)),
                        f"unknown field {str(name)!r} in '{key}'",
                        hint,
                        group=(key, "fields"),
                    )
            sound.append((key, entry))
        return sound

    def text(self, key: str, entry: dict[str, Any], name: str, default: str = "") -> str:
        """A one-line plain text: no control character, line break, or character reversing its direction."""
        value = entry.get(name, default)
        if value is None:
            comment = self.comment_after(key, name)
            if comment is not None:
                example = f"#{comment}" if name != "colour" or COLOUR.fullmatch(f"#{comment}") else "#1e88e5"
                self.error(
                    self.line(key, name),
                    f"{name} of '{key}' is empty: YAML reads everything after an unquoted # as a comment",
                    f'put the value in quotes: {name}: "{example}"',
                )
            return default
        if not isinstance(value, str):
            self.error(
                self.line(key, name), f"{name} of '{key}' must be text, found {yamltext.describe(value)}"
            )
            return default
        value = value.strip()
        bidi = BIDI.search(value)
        if bidi:
            self.error(
                self.line(key, name),
                f"{name} of '{key}' holds an invisible character that reverses text direction "
                f"(U+{ord(bidi.group()):04X})",
                "retype the text instead of pasting it",
            )
            return default
        if UNSAFE_TEXT.search(value):
            self.error(
                self.line(key, name),
                f"{name} of '{key}' holds a control character or a line break",
                "keep it on one line, in plain text; retype it if unsure",
            )
            return default
        return value

    def positive_int(self, key: str, entry: dict[str, Any], name: str) -> int | None:
        value = entry.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.error(
                self.line(key, name),
                f"{name} of '{key}' must be a whole number of at least 1, found {yamltext.describe(value)}",
            )
            return None
        return value

    def colour(self, key: str, entry: dict[str, Any], index: int) -> str:
        value = self.text(key, entry, "colour", PALETTE[index % len(PALETTE)])
        if not COLOUR.fullmatch(value):
            self.error(
                self.line(key, "colour"),
                f"colour of '{key}' must be a hex colour like \"#1e88e5\", found {value!r}",
                "quote it: in YAML an unquoted # starts a comment",
            )
            return PALETTE[index % len(PALETTE)]
        return value.lower()
