"""Files the build adds besides pages: newsdesk's stylesheet and script, the dashboard's data, the feeds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .feeds import feed_files
from .report import report_files

if TYPE_CHECKING:
    from .history import History
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


def site_files(site: Site) -> dict[str, str | bytes]:
    """The small non-page files, by their path in the built site: assets and the dashboard's data."""
    files: dict[str, str | bytes] = {}
    files.update(asset_files())
    files.update(report_files(site))
    return files


def write_feeds(site: Site, history: History, site_dir: Path) -> list[str]:
    """Write every feed into the built site, one file at a time, and return the paths of the site-wide
    ones (all, deadlines, departments, channels, stories.json): the ones a page may link to. The single
    story files behind "Add to calendar" (all but these few) are linked from story headers only."""
    settings = site.settings
    refresh = f"PT{settings.feeds_refresh_hours}H"
    site_wide = []
    made: set[Path] = set()
    for path, text, is_site_wide in feed_files(
        site, history, statuses=settings.feeds_statuses, refresh=refresh
    ):
        target = site_dir / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(text.encode("utf-8"))  # bytes: the CRLF line ends stay as they are, anywhere
        if is_site_wide:
            site_wide.append(path)
    return site_wide
