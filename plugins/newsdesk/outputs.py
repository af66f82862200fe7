"""Files the build adds besides pages: newsdesk's stylesheet and script, the dashboard's data, the feeds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .feeds import FeedWriter, site_wide_files, story_files
from .report import report_files

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from .history import History
    from .report import Report
    from .site import Site

ASSETS = Path(__file__).parent / "assets"
ASSET_DIR = "assets/newsdesk"
STYLESHEETS = (f"{ASSET_DIR}/newsdesk.css", f"{ASSET_DIR}/dashboard.css")
SCRIPTS = (f"{ASSET_DIR}/newsdesk.js",)


def asset_files() -> dict[str, bytes]:
    """The package's css and js, served from the site itself (no CDN)."""
    return {
        f"{ASSET_DIR}/{path.name}": path.read_bytes() for path in sorted(ASSETS.iterdir()) if path.is_file()
    }


def site_files(report: Report) -> dict[str, str | bytes]:
    """The small non-page files, by their path in the built site: assets and the dashboard's data."""
    files: dict[str, str | bytes] = {}
    files.update(asset_files())
    files.update(report_files(report))
    return files


def write_feeds(site: Site, history: History, site_dir: Path) -> tuple[list[str], Callable[[], None]]:
    """Write the site-wide feeds into the built site (all, deadlines, departments, channels, stories.json:
    the ones a page may link to) and return their paths, with the job that writes the one-story files
    behind "Add to calendar", linked from story headers only: the build has a second process do it."""
    settings = site.settings
    writer = FeedWriter(site, history, refresh=f"PT{settings.feeds_refresh_hours}H")
    site_wide = _write(site_dir, site_wide_files(writer, settings.feeds_statuses))

    def write_story_feeds() -> None:
        _write(site_dir, story_files(writer))

    return site_wide, write_story_feeds


def _write(site_dir: Path, files: Iterable[tuple[str, str]]) -> list[str]:
    written = []
    made: set[Path] = set()
    for path, text in files:
        target = site_dir / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(text.encode("utf-8"))  # bytes: the CRLF line ends stay as they are, anywhere
        written.append(path)
    return written
