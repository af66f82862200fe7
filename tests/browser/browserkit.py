"""Browser test helpers: find a Chromium-family browser, serve a built site, watch a page for errors.

tests/browser/conftest.py makes the session's browser and served sites from these. Test modules import
the helpers from here (and the site helpers from tests/sitekit.py), never from a conftest module: pytest
imports tests/conftest.py and tests/browser/conftest.py under the same name, `conftest`.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route, sync_playwright
from sitekit import REPO, Built

ARTIFACTS = REPO / "test-artifacts"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def find_browser() -> str:
    """NEWSDESK_BROWSER, else the first of chromium, chromium-browser, google-chrome on PATH."""
    chosen = os.environ.get("NEWSDESK_BROWSER", "").strip()
    if chosen:
        found = shutil.which(chosen) or (chosen if Path(chosen).is_file() else None)
        if not found:
            pytest.fail(f"NEWSDESK_BROWSER={chosen!r} is not an executable")
        return found
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "no Chromium-family browser found: run tools/ensure-browser.sh (or `make test`), "
        "or set NEWSDESK_BROWSER to a browser's path"
    )


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Served:
    """A built site on http://127.0.0.1:<port>/."""

    built: Built
    base: str

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


@dataclass
class Watch:
    """What a page did that it should not: console errors, uncaught exceptions, requests off the site."""

    errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)


def serve(built: Built) -> Iterator[Served]:
    handler = functools.partial(QuietHandler, directory=str(built.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(built, f"http://127.0.0.1:{server.server_port}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@contextmanager
def launch() -> Iterator[Browser]:
    """The system's Chromium, driven by Playwright. Never `playwright install`: the browser is found by
    find_browser() and launched by its path."""
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=find_browser(), args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(
    browser: Browser, served: Served, allowed: tuple[str, ...] = (), **options: Any
) -> tuple[Page, Watch]:
    """A fresh page in its own context, offline: only `served` answers; hosts in `allowed` (the theme's
    web fonts, say) get an empty answer, anything else is recorded as external and refused."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(**options)
    page = context.new_page()
    watch = Watch()

    def route(route: Route, request: Request) -> None:
        if request.url.startswith(served.base):
            route.continue_()
        elif any(host in request.url for host in allowed):
            route.fulfill(
                status=200, body="", content_type="text/css" if "font" in request.url else "application/json"
            )
        else:
            watch.external.append(request.url)
            route.abort()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watch.errors.append(f"console: {message.text} ({page.url})")

    context.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda error: watch.errors.append(f"exception: {error} ({page.url})"))
    return page, watch


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["html"][:200] for n in v["nodes"][:5]],
        }
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000, path
    return path
