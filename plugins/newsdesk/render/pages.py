"""Renders newsdesk's HTML with an autoescaping Jinja environment; what a generated page is.

Templates live in the package under `templates/newsdesk/`; a file of the same path under the site's
`overrides/` folder wins, the way Material's own `custom_dir` overrides work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from newsdesk.core.dates import DATE_FILTERS
from newsdesk.core.model import STATUSES
from newsdesk.core.site import calendar_data_url
from newsdesk.core.text import slugify

if TYPE_CHECKING:
    from collections.abc import Mapping

    from newsdesk.core.model import Story
    from newsdesk.core.site import Site

TEMPLATES = Path(__file__).parent / "templates"

STATUS_LABELS = {
    "idea": "Idea",
    "draft": "Draft",
    "review": "In review",
    "scheduled": "Scheduled",
    "published": "Published",
    "cancelled": "Cancelled",
}
assert tuple(STATUS_LABELS) == STATUSES


@dataclass(frozen=True)
class GeneratedPage:
    """A page that exists only in the build: its address, title, template and what the template gets."""

    src_uri: str
    title: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    in_nav: bool = False
    meta: Mapping[str, Any] = field(default_factory=dict)
    """Front-matter the theme reads, such as Material's `hide: [navigation, toc]`."""

    @property
    def searched(self) -> bool:
        """Whether the page is in the site's search (`search: exclude` in its meta says not): one that is
        not, a listing of stories, is rendered while the theme writes it, never kept in page.content."""
        return not self.meta.get("search", {}).get("exclude")


def relative_url(target: str, page_url: str) -> str:
    """`target` (a site-root path such as `departments/hr/`) as seen from the page at `page_url`.

    The same answer as `posixpath.relpath` (tests/test_pages.py holds them to it), by splitting on '/':
    a 10,000-story build asks this 80,000 times, and relpath's normalising made it a second of the build.
    """
    base = page_url.split("/")[:-1]  # the page's folder: "a/b/" -> [a, b]; "a/b.html" -> [a]
    parts = target.split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    relative = "/".join([".."] * (len(base) - common) + parts[common:])
    return relative or "./"


class Renderer:
    """One autoescaping Jinja environment for every page newsdesk writes."""

    def __init__(self, overrides: Path | None = None) -> None:
        search = [str(overrides)] if overrides and overrides.is_dir() else []
        self.env = Environment(
            loader=FileSystemLoader([*search, str(TEMPLATES)]),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # One Renderer per build (on_config makes a new one on every `mkdocs serve` rebuild), so
            # checking each template's mtime on every render, thousands of times a build, buys nothing.
            auto_reload=False,
        )
        self.env.globals["status_labels"] = STATUS_LABELS
        self.env.filters.update(DATE_FILTERS)  # "Thursday 3 December 2026" in every locale

    def render(self, template: str, page_url: str, site: Site, **context: Any) -> str:
        def url(target: str) -> str:
            return relative_url(site.page_path(target), page_url)

        return self.env.get_template(template).render(url=url, site=site, page_url=page_url, **context)

    def story_header(self, story: Story, site: Site, calendar: str = "") -> str:
        """The header above a story's body; `calendar`, its one-event iCalendar text, for the "Add to
        calendar" button (none without)."""
        return self.render(
            "newsdesk/story_header.html",
            site.page_path(story.url),
            site,
            story=story,
            add_to_calendar=calendar_data_url(calendar) if calendar else "",
            calendar_file=f"{slugify(story.slug) or 'story'}.ics",
        )
