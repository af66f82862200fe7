"""The stories as the planning passes look them up, by day or by due date: each index worked out once
for a site's stories and registry (`Site.shared`), so that the findings of every nudge's day and of every
past month's report visit only the days they ask about.

Each index keeps one status rule of `counting` apart from its rule on days, which the pass applies with
its today: a story went out as of `today` when it is in `published` dated before today; it is planned
when it is in `not_cancelled` dated today or later; it is missed when it is in `unsettled` dated before
today.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.core.model import OPEN_STATUSES
from newsdesk.core.schedule import Timeline
from newsdesk.planning.findings.counting import SETTLED_STATUSES

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from newsdesk.core.model import Story
    from newsdesk.core.site import Site


def _day(story: Story) -> dt.date:
    return story.day


def _due(story: Story) -> dt.date:
    assert story.due is not None  # only stories with a due date are indexed by it
    return story.due


def _by_department(site: Site, stories: Iterable[Story]) -> dict[str, Timeline[Story]]:
    grouped: dict[str, list[Story]] = {key: [] for key in site.registry.departments}
    for story in stories:
        grouped[story.department].append(story)
    return {key: Timeline(mine, _day) for key, mine in grouped.items()}


def every_story(site: Site) -> Timeline[Story]:
    """Every story, by day."""
    return Timeline(site.stories, _day)


def published(site: Site) -> dict[str, Timeline[Story]]:
    """Each department's published stories, by day."""
    return _by_department(site, (s for s in site.stories if s.status == "published"))


def not_cancelled(site: Site) -> dict[str, Timeline[Story]]:
    """Each department's stories that are not cancelled, by day."""
    return _by_department(site, (s for s in site.stories if s.status != "cancelled"))


def unsettled(site: Site) -> Timeline[Story]:
    """Stories neither published nor cancelled, by day."""
    return Timeline((s for s in site.stories if s.status not in SETTLED_STATUSES), _day)


def _open_with_due(site: Site) -> list[Story]:
    return [s for s in site.stories if s.due is not None and s.status in OPEN_STATUSES]


def open_by_due(site: Site) -> Timeline[Story]:
    """Ideas, drafts and stories in review with a due date, by due date."""
    return Timeline(_open_with_due(site), _due)


def open_by_day(site: Site) -> Timeline[Story]:
    """The same stories as `open_by_due`, by day."""
    return Timeline(_open_with_due(site), _day)
