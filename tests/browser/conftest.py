"""The browser tests' fixtures, each made once per pytest run, whichever modules use it: one Chromium, and
each fixture site built once and served on its own port. A test opens pages in a context of its own
(browserkit.open_page) and closes it, so tests share the browser and the sites, never a page or its state.

Test modules take their helpers from browserkit.py and sitekit.py, never from a conftest module (why:
sitekit's docstring).
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import browserkit
import pytest
from browserkit import serve
from sitekit import REPO, copy_site, mkdocs_build
from test_boundary_sanitize import write_payload_site

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from browserkit import Served
    from playwright.sync_api import Browser


def _served(root: Path) -> Iterator[Served]:
    built = mkdocs_build(root)
    assert built.ok, built.log
    yield from serve(built)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with browserkit.launch() as launched:
        yield launched


@pytest.fixture(scope="session")
def calendar_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """tests/fixtures/sites/calendar."""
    yield from _served(copy_site("calendar", tmp_path_factory.mktemp("calendar-browser")))


@pytest.fixture(scope="session")
def planning_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """tests/fixtures/sites/planning: the dashboard and open slots."""
    yield from _served(copy_site("planning", tmp_path_factory.mktemp("planning-browser")))


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The bundled demo organisation, the way `make site` builds it."""
    root = tmp_path_factory.mktemp("demo-browser") / "repo"
    ignore = shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "test-artifacts", ".*cache")
    shutil.copytree(REPO, root, ignore=ignore)
    yield from _served(root)


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The basic site with a story holding every payload of tests/test_boundary_sanitize.py."""
    root = write_payload_site(copy_site("basic", tmp_path_factory.mktemp("payloads-browser")))
    config = root / "mkdocs.yml"  # no web fonts: any request off the site is then a payload's
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  font: false\n"))
    yield from _served(root)
