"""A story's front-matter: the keys and patterns it is checked against, and `FrontMatter`, which holds one
file's values, the line of each key, and the problems found on those lines.

`FrontMatter` checks what every text field must be (text, free of control characters, line breaks and
direction-reversing characters; a list of at most MAX_ITEMS texts). The checks of single fields (dates,
channels, copy, link) are in `fieldchecks.py`; `storytext.py` puts the fields together into a `Story`.
"""

from __future__ import annotations

import re
from typing import Any

from newsdesk.core import yamltext
from newsdesk.core.problems import Problem
from newsdesk.core.text import counted

KEYS = (
    "id",
    "title",
    "date",
    "timezone",
    "department",
    "channels",
    "channel",
    "status",
    "author",
    "summary",
    "due",
    "duration",
    "tags",
    "campaign",
    "link",
    "copy",
    "results",
    "results_as_of",
)
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")  # with fullmatch, like every pattern for a whole value
SLUG = re.compile(r"^(?:\d{4}-\d{2}-\d{2}-)?(?P<slug>.+)$")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Invisible characters that change the direction text is displayed in (U+202E makes "fdp.exe" show as "exe.pdf")."""
MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);|\[[^\]]*\]\(|`|\*\*|__")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
URL = re.compile(rf"https://{_LABEL}(?:\.{_LABEL})*(?::\d{{1,5}})?(?:[/?#][^\s\"'<>\\`\x00-\x1f\x7f-\x9f]*)?")
"""A `link:` (with fullmatch): https only; no space, control character, quote, `<`, `>` or backslash."""
TIME_KEYS = ("time", "start_time", "starttime", "start-time", "hour")
MAX_ITEMS = 50
"""The most items a list in the front-matter (channels, author, tags) may hold."""
MAX_SHOWN = 10
"""The most problems shown for one key: the rest are counted on one more line."""
STORY_BODY = """\
Say in one or two sentences what happened, or will happen, and why it matters to our clients.

Then add the details a reader needs: who was involved, what comes next, where to find out more.
"""
"""The body a new story starts with (`newsdesk new`, the "propose a story" page)."""
TEMPLATE_HINT = (
    "start the file with a front-matter block:\n---\ntitle: ...\ndate: 2026-12-03\nchannels: [website]\n---"
)


class FrontMatter:
    """The front-matter of one file: values, the line of each key, and the problems found so far.

    Lines come from the YAML loader's marks (`yamltext.Document`), counted in the file's own numbering:
    the front-matter starts on the file's line 2. At most MAX_SHOWN problems are shown per key; one more
    line counts the rest, so a list of 1,000 unknown channels is 11 problems, not 1,000.
    """

    def __init__(self, path: str, document: yamltext.Document, yaml_text: str) -> None:
        self.path = path
        self.document = document
        self.data: dict[Any, Any] = document.data
        self.yaml_text = yaml_text
        self.lines: dict[str, int] = {str(k): line for k, line in document.key_lines(self.data).items()}
        self.problems: list[Problem] = []
        self._count: dict[str, int] = {}
        self._more: dict[str, int] = {}  # key: the index in `problems` of its "and N more" line

    def shown(self, key: str) -> bool:
        """Whether the next problem of `key` is shown in full (else only counted)."""
        return self._count.get(key, 0) < MAX_SHOWN

    def error(self, key: str, message: str, hint: str = "", *, line: int = 0) -> None:
        count = self._count[key] = self._count.get(key, 0) + 1
        if count <= MAX_SHOWN:
            self.problems.append(Problem(self.path, line or self.lines.get(key, 1), 0, message, hint))
            return
        more = f"and {counted(count - MAX_SHOWN, 'more problem')} with '{key}'"
        hint = "fix the ones above first: the rest are probably alike"
        problem = Problem(self.path, self.lines.get(key, 1), 0, more, hint)
        if key in self._more:
            self.problems[self._more[key]] = problem
        else:
            self._more[key] = len(self.problems)
            self.problems.append(problem)

    def nested_line(self, key: str, child: object) -> int:
        """The line of `child:` in the mapping under `key:`, else the line of `key:`."""
        return self.document.key_lines(self.data.get(key)).get(child) or self.lines.get(key, 1)

    def item_lines(self, key: str) -> dict[str, int]:
        """The line of each text of the list under `key:` (its first, when one is there twice)."""
        value = self.data.get(key)
        lines = self.document.item_lines(value)
        found: dict[str, int] = {}
        if isinstance(value, list):
            for item, line in zip(value, lines, strict=False):
                if isinstance(item, str):
                    found.setdefault(item.strip(), line)
        return found

    def commented_out(self, key: str) -> bool:
        """Whether `key:` is empty because its value starts with an unquoted `#` (YAML reads a comment)."""
        if key not in self.data or self.data[key] is not None or key not in self.lines:
            return False
        lines = self.yaml_text.split("\n")
        index = self.lines[key] - 2
        return 0 <= index < len(lines) and re.search(r":[ \t]+#", lines[index]) is not None

    def text(self, key: str, *, required: bool = False, multiline: bool = False) -> str:
        value = self.data.get(key)
        if value is None:
            if self.commented_out(key):
                self.error(
                    key,
                    f"{key} is empty: YAML reads everything after an unquoted # as a comment",
                    f'put the value in quotes, e.g. {key}: "#1 in the rankings"',
                )
            elif required:
                self.error(key, f"'{key}' is required", f"add a line such as  {key}: ...")
            return ""
        if not isinstance(value, str):
            self.error(
                key, f"{key} must be text, found {yamltext.describe(value)}", "put the value in quotes"
            )
            return ""
        if not self.sound_text(key, key, value, multiline=multiline):
            return ""
        value = value.strip()
        if required and not value:
            self.error(key, f"'{key}' is empty")
        return value

    def sound_text(self, key: str, what: str, value: str, *, multiline: bool = False, line: int = 0) -> bool:
        """Whether `value` is free of control characters, line breaks (unless `multiline`) and the
        invisible characters that reverse text direction; if not, the problem is reported on `key`,
        naming the value `what` ("title", "copy for 'linkedin'", "one of the tags")."""
        if value.isprintable():  # no control, line-break or direction character is printable: most values
            return True
        value = value.strip()
        bidi = BIDI.search(value)
        if bidi:
            self.error(
                key,
                f"{'' if what.startswith('one of') else 'the '}{what} holds an invisible character that "
                f"reverses text direction (U+{ord(bidi.group()):04X})",
                'such a character makes text display otherwise than it reads ("Invoice [U+202E]fdp.exe" '
                'shows as "Invoice exe.pdf"): retype the text instead of pasting it',
                line=line,
            )
            return False
        if (CONTROL_BUT_NEWLINE if multiline else CONTROL).search(value):
            line_break = not multiline and ("\n" in value or "\u2028" in value or "\u2029" in value)
            self.error(
                key,
                f"{what} contains {'a line break' if line_break else 'a control character'}",
                "keep it on one line; retype the value if unsure",
                line=line,
            )
            return False
        return True

    def texts(self, key: str) -> tuple[str, ...]:
        """One text or a list of texts (at most MAX_ITEMS)."""
        value = self.data.get(key)
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) and item.strip() for item in items):
            self.error(
                key,
                f"{key} must be one text or a list of texts, found {yamltext.describe(value)}",
                f"for example: {key}: [first, second]",
            )
            return ()
        if len(items) > MAX_ITEMS:
            self.error(key, f"{key} lists {len(items):,} items; at most {MAX_ITEMS} are allowed")
            return ()
        what = f"one of the {key}"
        if not all(self.sound_text(key, what, item) for item in items):
            return ()
        return tuple(dict.fromkeys([item.strip() for item in items]))
