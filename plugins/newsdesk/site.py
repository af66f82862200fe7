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
        return (self.site_url or "/") + path.lstrip("/")
