"""Files the build adds besides pages: newsdesk's stylesheet and script, the dashboard's data, the feeds."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.core.problems import printable
from newsdesk.core.site import STORIES_JSON, has_story_feed
from newsdesk.render.atom import atom_feeds, atom_text
from newsdesk.render.dashboard import report_files
from newsdesk.render.feeds import site_feeds, site_wide_files, story_calendar
from newsdesk.render.ical import FeedWriter
from newsdesk.render.pages import Renderer
from newsdesk.sources.history import read_history
from newsdesk.sources.schema import SCHEMA_PATH, schema_json

if TYPE_CHECKING:
    from collections.abc import Iterable

    from newsdesk.core.model import Story
    from newsdesk.core.site import Site
    from newsdesk.planning.report import Report
    from newsdesk.render.memo import Memo

ASSETS = Path(__file__).parent / "assets"
ASSET_DIR = "assets/newsdesk"
STYLESHEETS = (f"{ASSET_DIR}/newsdesk.css", f"{ASSET_DIR}/dashboard.css")
SCRIPTS = (f"{ASSET_DIR}/newsdesk.js",)


def asset_paths() -> dict[str, Path]:
    """The package's css and js, and the libraries it vendors (assets/vendor/), served from the site
    itself (no CDN): each file's path in the built site, and where it is in the package."""
    return {
        f"{ASSET_DIR}/{path.relative_to(ASSETS).as_posix()}": path
        for path in sorted(ASSETS.rglob("*"))
        if path.is_file()
    }


def data_files(site: Site, report: Report) -> dict[str, str | bytes]:
    """The dashboard's data and the schema of a story's front-matter, by their path in the built site."""
    files: dict[str, str | bytes] = {}
    files.update(report_files(report))
    files[SCHEMA_PATH] = schema_json(site.registry, site.site_url)
    return files


def site_files(site: Site, report: Report) -> dict[str, str | bytes]:
    """The small non-page files, by their path in the built site: assets and `data_files`."""
    assets: dict[str, str | bytes] = {path: file.read_bytes() for path, file in asset_paths().items()}
    return assets | data_files(site, report)


class FeedOutput:
    """The feeds of one build: first the site-wide ones (all, deadlines, departments, channels,
    stories.json: the ones a page may link to; the Atom feeds too), with the git history pass they need, then the one-story
    calendars behind "Add to calendar", which story pages hold as `data:` addresses. The site-wide paths are known before
    anything is written, so that pages may link to them."""

    def __init__(self, site: Site, root: Path, memo: Memo | None = None) -> None:
        self.site = site
        self.root = root
        self.memo = memo
        self.feeds = site_feeds(site, site.settings.feeds_statuses)
        self.atom = atom_feeds(site)
        self.paths = [*(feed.path for feed in self.feeds), STORIES_JSON, *(feed.path for feed in self.atom)]
        self._writer: FeedWriter | None = None

    def write_site_wide(self, target: Path) -> str:
        """Read the git history and write the site-wide feeds under `target`; what the history has to say
        (a note that some stories are not committed yet, or that there is no git), for the build's log."""
        site = self.site
        history = read_history(self.root, (s.path for s in site.stories), os.environ)
        refresh = f"PT{site.settings.feeds_refresh_hours}H"
        self._writer = FeedWriter(site, history, refresh=refresh, memo=self.memo)
        write_files(target, site_wide_files(self._writer, self.feeds))
        renderer = Renderer()  # the nudges' HTML: the package's own e-mail template
        write_files(target, ((feed.path, atom_text(feed, site, renderer)) for feed in self.atom))
        self._writer.keep_only(story for story in site.stories if has_story_feed(story, site.settings.today))
        return history.note

    def story_calendar(self, story: Story) -> str:
        """A story's one-event calendar (its "Add to calendar" button); after write_site_wide, whose
        events it reuses."""
        assert self._writer is not None, "write_site_wide comes first"
        return story_calendar(self._writer, story)


def write_files(site_dir: Path, files: Iterable[tuple[str, str | bytes]]) -> list[str]:
    """Write each (path in the built site, text or bytes) under `site_dir`; the paths written."""
    written = []
    made: set[Path] = set()
    for path, text in files:
        if any(part in ("", ".", "..") for part in path.split("/")) or "\0" in path:
            # Paths come from registry keys and file names, which check refuses such names in; never write
            # outside site_dir or onto a folder whatever they hold.
            raise ValueError(f"newsdesk will not write {printable(path)}: not a file path inside the site")
        target = site_dir / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        # bytes: the CRLF line ends stay as they are, anywhere
        target.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        written.append(path)
    return written
