"""Everything the generated pages and feeds are made from: the registry, the settings, the valid stories."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Channel, Department, Registry, Settings, Story


@dataclass(frozen=True)
class Site:
    registry: Registry
    settings: Settings
    stories: tuple[Story, ...]
    site_url: str = ""
    """The published address of the site (MkDocs' `site_url`), ending in '/', or '' when unknown."""
    directory_urls: bool = True
    """MkDocs' `use_directory_urls`. newsdesk names pages in the directory form (`departments/hr/`) and
    `page_path` turns that into the file a build without directory URLs writes."""

    @cached_property
    def by_department(self) -> dict[str, list[Story]]:
        grouped: dict[str, list[Story]] = {key: [] for key in self.registry.departments}
        for story in self.stories:
            grouped[story.department].append(story)
        return grouped

    @cached_property
    def by_channel(self) -> dict[str, list[Story]]:
        grouped: dict[str, list[Story]] = {key: [] for key in self.registry.channels}
        for story in self.stories:
            for channel in story.channels:
                grouped[channel].append(story)
        return grouped

    def department(self, key: str) -> Department:
        return self.registry.departments[key]

    def channel(self, key: str) -> Channel:
        return self.registry.channels[key]

    def absolute_url(self, path: str) -> str:
        """`path` below the site root as a full address, or as a root-relative path without `site_url`."""
        return (self.site_url or "/") + self.page_path(path.lstrip("/"))

    def page_path(self, path: str) -> str:
        """A page's directory-form path (`departments/hr/`, `stories/hr/welcome/`, `calendar/#slot-x`) as
        the build writes it: unchanged with directory URLs; else the file a browser opens from disk too,
        `departments/hr/index.html`, `stories/hr/welcome.html`, `calendar/index.html#slot-x`."""
        if self.directory_urls:
            return path
        cut = len(path)
        for mark in "?#":
            at = path.find(mark)
            if 0 <= at < cut:
                cut = at
        page, rest = path[:cut], path[cut:]
        if page and not page.endswith("/"):
            return path  # a file: feeds/all.ics, assets/...
        if page in self._story_urls:  # stories/hr/welcome.md, not stories/hr/welcome/index.md
            return f"{page[:-1]}.html{rest}"
        return f"{page}index.html{rest}"

    @cached_property
    def _story_urls(self) -> frozenset[str]:
        return frozenset(story.url for story in self.stories)
