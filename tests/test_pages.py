"""relative_url: the links between generated pages, held to posixpath.relpath."""

from __future__ import annotations

import itertools
import posixpath

import pytest
from newsdesk.render.pages import relative_url

PAGES = ["", "index.html", "calendar/", "calendar/2026/12/", "stories/hr/welcome/", "stories/hr/welcome.html"]
TARGETS = [*PAGES, "calendar/2026/11/", "stories/hr/", "feeds/all.ics", "feeds/departments/hr.ics"]


def by_relpath(target: str, page_url: str) -> str:
    folder = page_url.rsplit("/", 1)[0] if "/" in page_url else ""
    relative = posixpath.relpath("/" + target, "/" + folder)
    if target.endswith("/") or not target:  # a folder stays a folder: "../" rather than ".."
        relative = relative.rstrip("/") + "/"
    return "./" if relative == "./" else relative.removeprefix("./")


@pytest.mark.parametrize(("target", "page_url"), list(itertools.product(TARGETS, PAGES)))
def test_relative_url_agrees_with_relpath(target: str, page_url: str) -> None:
    assert relative_url(target, page_url) == by_relpath(target, page_url)


def test_relative_url_resolves_back_to_the_target() -> None:
    for target, page_url in itertools.product(TARGETS, PAGES):
        folder = page_url.rsplit("/", 1)[0] if "/" in page_url else ""
        resolved = posixpath.normpath(posixpath.join("/", folder, relative_url(target, page_url)))
        assert resolved == posixpath.normpath("/" + target), (target, page_url)
