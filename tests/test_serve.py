"""`mkdocs serve` rebuilds when a story or the registry changes (a real server on localhost)."""

from __future__ import annotations

import base64
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sitekit import build_env

pytestmark = pytest.mark.build


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, needle: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} never appeared at {url}; last page:\n{last[:2000]}")


def test_serve_rebuilds_on_story_and_registry_changes(basic_site: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=basic_site,
        env=build_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/stories/research/climate-report/"
        wait_for(url, "nd-status--draft")
        story = basic_site / "content/stories/research/2026-12-08-climate-report.md"
        story.write_text(story.read_text().replace("status: draft", "status: review"))
        page = wait_for(url, "nd-status--review")
        # The "Add to calendar" event is rebuilt with the page (base64 in its data: address).
        [event] = re.findall(r'href="data:text/calendar;charset=utf-8;base64,([A-Za-z0-9+/=]+)"', page)
        assert "STATUS:TENTATIVE" in base64.b64decode(event).decode()
        departments = basic_site / "calendar/departments.yml"
        departments.write_text(departments.read_text().replace("name: Research", "name: Research Lab"))
        wait_for(url, ">Research Lab</a>")
    finally:
        server.send_signal(signal.SIGINT)  # a clean stop: MkDocs removes its temporary site folder
        output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output
