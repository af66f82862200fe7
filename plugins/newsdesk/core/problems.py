"""Problems found in stories and the registry, and their text, GitHub and JSON renderings.

Every check in newsdesk reports through `Problem`, so the CLI, the MkDocs build and the pull-request
annotations all say the same thing about the same line.

A path or a value in a message may hold anything a file name or a file can: a line break, an escape
sequence, `::error` after a line break. GitHub's runner reads a line as a workflow command when it starts
with `::` once leading whitespace is trimmed, or when it holds the legacy `##[` anywhere; it splits lines at
CR as well as LF. `printable` is the one escaper for text meant for a log or a terminal (the build log,
`newsdesk check`, `newsdesk diff`'s messages): the text and GitHub renderings pass every path, message and
hint through it, so each problem is one line (and a hint's own lines, which newsdesk writes) that starts
with its location, `    hint: ` or newsdesk's text, never with `::`; and each GitHub annotation is one line.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from newsdesk.core.text import counted

if TYPE_CHECKING:
    from collections.abc import Iterable


UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
"""C0 and C1 controls and DEL, the line and paragraph separators (U+0085 is a C1 control), the bidi
controls that reorder what a terminal shows (U+202E makes "fdp.exe" read "exe.pdf") and the BOM."""
_ESCAPED = re.compile(UNPRINTABLE.pattern + r"|##\[")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "##[": "##\\["}
_COMMAND_START = re.compile(r"\s*:(?=:)")
"""A line GitHub's runner would take for a workflow command (it trims leading whitespace first)."""


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    short = _SHORT.get(char)
    if short:
        return short
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` for a log: each character of `UNPRINTABLE` as a visible escape (`\\n`, `\\r`, `\\x1b`,
    `\\u2028`), so no value breaks a line, moves the cursor or reorders what follows, and `##[` (the legacy
    workflow command, read anywhere in a line) as `##\\[`; the rest as it is."""
    return _ESCAPED.sub(_visible, text) if _ESCAPED.search(text) else text


def line_start(text: str) -> str:
    """A printable line that begins a line of output: a leading `::` (after spaces) becomes `\\x3a:`."""
    found = _COMMAND_START.match(text)
    return text if found is None else f"{text[: found.end() - 1]}\\x3a{text[found.end() :]}"


def _lines(text: str) -> list[str]:
    """A hint's own lines (hints may show a few lines of YAML), each printable; the lines after the first
    begin lines of output."""
    first, *rest = (printable(line) for line in text.split("\n"))
    return [first, *map(line_start, rest)]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at a 1-based line and column (0 when unknown)."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    title: str = "newsdesk"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def as_text(self) -> str:
        """`path:line:column: message`, and the hint's lines indented below it; nothing in them raw that
        `printable` escapes."""
        prefix = "" if self.is_error else "warning: "
        text = f"{line_start(printable(self.location()))}: {prefix}{printable(self.message)}"
        if self.hint:
            text += "\n    hint: " + "\n".join(_lines(self.hint))
        return text

    def as_github(self) -> str:
        """One workflow command line. `file=` keeps the exact path, so the annotation lands on the file,
        with what the runner decodes encoded: '%', CR and LF, and in a property ':' and ','. The message
        and hint are `printable` first: the runner splits lines at CR and LF only, but the annotation is
        read by people, for whom a bidi control or U+2028 is as misleading as in a terminal. Once the line
        parses as a command, nothing in it is read as another (`::` in a property is `%3A%3A`)."""
        props = [f"file={_gh_property(self.path)}"]
        if self.line:
            props.append(f"line={self.line}")
        if self.column:
            props.append(f"col={self.column}")
        props.append(f"title={_gh_property(printable(self.title))}")
        hint = [printable(line) for line in self.hint.split("\n")] if self.hint else []
        body = "\n".join([printable(self.message), *hint])
        return f"::{self.severity.value} {','.join(props)}::{_gh_data(body)}"

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def render(problems: Iterable[Problem], fmt: str) -> str:
    """Render problems as `text`, `github` or `json`."""
    ordered = sorted(problems)
    if fmt == "json":
        return json.dumps([p.as_dict() for p in ordered], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(p.as_github() for p in ordered)
    return "\n".join(p.as_text() for p in ordered)


def summary(problems: Iterable[Problem]) -> str:
    items = list(problems)
    errors = sum(p.is_error for p in items)
    warnings = len(items) - errors
    return f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"
