"""Files the build adds besides pages: newsdesk's stylesheet and script, and (later) the feeds."""

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


def site_files(site: Site, history: History) -> dict[str, str | bytes]:
    """Every non-page file the plugin adds, by its path in the built site."""
    files: dict[str, str | bytes] = {}
    files.update(asset_files())
    settings = site.settings
    files.update(
        feed_files(
            site, history, statuses=settings.feeds_statuses, refresh=f"PT{settings.feeds_refresh_hours}H"
        )
    )
    files.update(report_files(site))
    return files
