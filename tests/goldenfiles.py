"""Golden files: whole outputs kept under tests/golden/ and compared byte for byte.

A change that alters what newsdesk prints fails here with the difference. When it is meant, rewrite the
files with `NEWSDESK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py` and review them in the diff of
the commit, the way a reader of the report or the job summary would see them.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
UPDATE = "NEWSDESK_UPDATE_GOLDEN"
SHOWN_LINES = 60
"""Lines of the difference a failure prints: enough to see what changed, short enough to read."""


def assert_golden(name: str, actual: str) -> None:
    """`actual` is the text of tests/golden/`name`, line endings included (the CSV's are \\r\\n); with
    NEWSDESK_UPDATE_GOLDEN=1 the file is rewritten instead."""
    path = GOLDEN / name
    if os.environ.get(UPDATE) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    if not path.is_file():
        pytest.fail(f"{path} does not exist: run the test with {UPDATE}=1 to write it")
    expected = path.read_bytes().decode("utf-8")
    if actual == expected:
        return
    difference = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        f"tests/golden/{name}",
        "this run",
    )
    # A line ending that changed is the whole change on some lines: show the \r.
    shown = [line.replace("\r", "\\r").rstrip("\n") + "\n" for line in list(difference)[:SHOWN_LINES]]
    pytest.fail(
        f"the output differs from tests/golden/{name} (run with {UPDATE}=1 if the change is meant):\n"
        + "".join(shown),
        pytrace=False,
    )
