"""What a `mkdocs serve` rebuild takes over from the build before (render/memo.py): a story's part while
the story is the same object, the value passed along equal and the site's context the same; nothing else."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import pytest
from newsdesk.core.model import Registry, Settings, Story
from newsdesk.render.memo import Context, Memo


def a_story(title: str = "Welcome") -> Story:
    return Story(
        id="welcome",
        path="content/stories/hr/2026-12-03-welcome.md",
        src_uri="stories/hr/2026-12-03-welcome.md",
        department="hr",
        slug="welcome",
        title=title,
        start=dt.date(2026, 12, 3),
        timezone="Europe/London",
        channels=("website",),
    )


def context(tmp_path: Path, **settings: object) -> Context:
    return Context.of(
        Registry(departments={}, channels={}),
        dataclasses.replace(Settings(), **settings),
        site_url="https://news.example.com/",
        directory_urls=True,
        folders=[tmp_path],
    )


class Made:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return f"part {self.count}"


def test_a_part_is_taken_over_while_story_value_and_context_are_the_same(tmp_path: Path) -> None:
    memo, made, story = Memo(), Made(), a_story()
    for _ in range(3):
        memo.renew(context(tmp_path))
        assert memo.part(("header", story.path), story, "event", made) == "part 1"
    assert made.count == 1


def test_a_new_story_object_an_other_value_or_an_other_kind_makes_it_again(tmp_path: Path) -> None:
    memo, made, story = Memo(), Made(), a_story()
    memo.renew(context(tmp_path))
    memo.part(("header", story.path), story, "event", made)
    memo.renew(context(tmp_path))
    # The loader makes a new object when the file changed, even to equal contents.
    assert memo.part(("header", story.path), a_story(), "event", made) == "part 2"
    memo.renew(context(tmp_path))
    assert memo.part(("header", story.path), story, "event", made) == "part 3"  # not part 1: that was dropped
    memo.renew(context(tmp_path))
    assert memo.part(("header", story.path), story, "other event", made) == "part 4"
    assert memo.part(("chip", story.path), story, "other event", made) == "part 5"


def test_anything_else_that_changed_makes_every_part_again(tmp_path: Path) -> None:
    memo, made, story = Memo(), Made(), a_story()
    template = tmp_path / "story_header.html"
    template.write_text("one", encoding="utf-8")
    changes = [
        lambda: context(tmp_path, timezone="Europe/Paris"),  # a setting
        lambda: context(tmp_path, language="de"),  # the language
        lambda: dataclasses.replace(context(tmp_path), site_url="https://other.example.com/"),
        lambda: dataclasses.replace(context(tmp_path), directory_urls=False),
        lambda: (template.write_text("two!", encoding="utf-8"), context(tmp_path))[1],  # a template
        lambda: (os.utime(template, ns=(1, 1)), context(tmp_path))[1],  # touched only
    ]
    memo.renew(context(tmp_path))
    memo.part("header", story, None, made)
    for number, change in enumerate(changes, start=2):
        memo.renew(change())
        assert memo.part("header", story, None, made) == f"part {number}"


def test_the_build_instant_is_no_change(tmp_path: Path) -> None:
    memo, made, story = Memo(), Made(), a_story()
    moment = dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC)
    memo.renew(context(tmp_path, moment=moment))
    memo.part("header", story, None, made)
    memo.renew(context(tmp_path, moment=moment + dt.timedelta(seconds=5)))
    assert memo.part("header", story, None, made) == "part 1"


def test_a_folder_named_from_here_or_from_the_root_is_one_context(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdocs serve` names theme.custom_dir as written for its first build (`overrides`) and whole for the
    rebuilds: the same folder, so the first rebuild takes the parts over."""
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides/README.md").write_text("overrides", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    memo, made, story = Memo(), Made(), a_story()
    for folder in (Path("overrides"), tmp_path / "overrides"):
        memo.renew(context(folder))
        assert memo.part("header", story, None, made) == "part 1"


def test_a_part_nobody_asked_for_in_a_build_is_let_go(tmp_path: Path) -> None:
    memo, made, story = Memo(), Made(), a_story()
    memo.renew(context(tmp_path))
    memo.part("header", story, None, made)
    memo.renew(context(tmp_path))  # a build without this story (deleted, or its page not rebuilt)
    memo.renew(context(tmp_path))
    assert memo.part("header", story, None, made) == "part 2"
