"""What a `mkdocs serve` rebuild takes over from the build before it: the parts made from one story.

An author edits one story and the preview builds the whole site again. A story's header, its chip and its
iCalendar events depend on that story, on what the rest of the site is (the registry, the settings, the
language, the templates, the site's address) and, for the header and the events, on a value passed along
(its "Add to calendar" text, its file's history); its sanitised body, on the HTML MkDocs made of it. `Memo` keeps each part from one build to the next and
hands it back while the story is the very object the loader made last time (the loader makes a new one
when the file changes, `sources/stories.py`), the value passed along is equal, and nothing else changed:
`Memo.renew` drops everything when the site's `Context` differs from the last build's. A part nobody
asked for in a build is let go at the next one, so a deleted story's parts go too.

Only `mkdocs serve` keeps a Memo (a single build would hold every part to its end for nothing); without
one, every part is made where it is used, as before.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar, cast

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable
    from pathlib import Path

    from newsdesk.core.model import Registry, Settings, Story

T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """Everything but the stories that a story's parts depend on."""

    registry: Registry
    settings: Settings
    """Its language too."""
    site_url: str
    directory_urls: bool
    templates: tuple[tuple[str, int, int], ...]
    """Every file of the template and catalog folders, with its modification time and size."""

    @classmethod
    def of(
        cls,
        registry: Registry,
        settings: Settings,
        *,
        site_url: str,
        directory_urls: bool,
        folders: Iterable[Path],
    ) -> Context:
        # The build's instant changes on every rebuild; only the outbound Atom feeds, which are not
        # memoised, read it.
        return cls(
            registry,
            replace(settings, moment=None),
            site_url,
            directory_urls,
            _stamps(folders),
        )


def _stamps(folders: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    found = []
    for folder in folders:
        # Absolute: MkDocs gives the first build of `mkdocs serve` theme.custom_dir as written
        # (`overrides`) and the rebuilds the whole path, which would make the first rebuild a new context.
        for top, _, names in os.walk(os.path.abspath(folder)):
            for name in names:
                path = os.path.join(top, name)
                try:
                    status = os.stat(path)
                except OSError:
                    continue
                found.append((path, status.st_mtime_ns, status.st_size))
    return tuple(sorted(found))


class Memo:
    """Parts of one story's pages and feeds, kept across the rebuilds of one `mkdocs serve`."""

    def __init__(self) -> None:
        self._context: Context | None = None
        self._last: dict[Hashable, tuple[Story, object, object]] = {}
        self._now: dict[Hashable, tuple[Story, object, object]] = {}

    def renew(self, context: Context) -> None:
        """A new build of a site in `context`: the last build's parts stay available if it was the same."""
        self._last = self._now if context == self._context else {}
        self._context = context
        self._now = {}

    def part(self, key: Hashable, story: Story, given: object, make: Callable[[], T]) -> T:
        """The part `key` of `story`, made with `given`: the last build's if it was made of the same story
        object with an equal `given`, else `make()`."""
        found = self._now.get(key) or self._last.get(key)
        if found is not None and found[0] is story and found[1] == given:
            return cast("T", self._keep(key, found))  # stored by the same caller, under its own kind of key
        part = make()
        self._now[key] = (story, given, part)
        return part

    def _keep(self, key: Hashable, found: tuple[Story, object, object]) -> object:
        self._now[key] = found
        return found[2]


def part(memo: Memo | None, key: Hashable, story: Story, given: object, make: Callable[[], T]) -> T:
    """`memo.part(...)` under `mkdocs serve`; without a memo (a build), `make()`."""
    return make() if memo is None else memo.part(key, story, given, make)
