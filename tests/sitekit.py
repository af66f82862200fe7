"""Shared helpers: copy a fixture site to a temporary folder, build it for real, run the CLI.

Test modules import these from here, never from a conftest.py: pytest imports every conftest.py that is
not in a package under the one module name `conftest`, so with tests/browser/conftest.py beside
tests/conftest.py, `from sitekit import ...` would get whichever pytest loaded last.
"""

from __future__ import annotations

import base64
import os
import posixpath
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from htmltree import parse
from newsdesk.core.model import Registry, Settings, Story
from newsdesk.core.problems import Problem
from newsdesk.sources.storytext import parse_story

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
SITES = FIXTURES / "sites"
REPO = TESTS.parent
TODAY = "2026-11-23"


def build_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "GITHUB_"))}
    env.update(NEWSDESK_TODAY=TODAY, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore")
    env.update(extra)
    return env


@dataclass
class Built:
    """The result of one real `mkdocs build --strict`."""

    root: Path
    site: Path
    process: subprocess.CompletedProcess[str]

    @property
    def ok(self) -> bool:
        return self.process.returncode == 0

    @property
    def log(self) -> str:
        return self.process.stdout + self.process.stderr

    def read(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def page(self, url: str) -> str:
        """The HTML of the page at a site-root path such as `stories/hr/welcome/`."""
        if url.endswith(".html"):
            return self.read(url)
        path = url.strip("/")
        return self.read(f"{path}/index.html" if path else "index.html")

    def add_to_calendar(self, url: str) -> tuple[str, str] | None:
        """The "Add to calendar" button of the story page at `url`: the file name it downloads and the
        iCalendar text its `data:` address holds; None when the page has no such button."""
        found = [
            node.attrs for node in parse(self.page(url)).iter()
            if node.tag == "a" and node.attrs.get("href", "").startswith("data:text/calendar")
        ]  # fmt: skip
        if not found:
            return None
        [attrs] = found
        media_type, _, data = attrs["href"].partition(",")
        assert media_type == "data:text/calendar;charset=utf-8;base64", media_type
        return attrs["download"], base64.b64decode(data, validate=True).decode("utf-8")

    def broken_links(self, url: str) -> list[str]:
        """Every href and src on the page at `url` that does not resolve to a file of the built site (or, for
        a fragment, to an id on its page). Absolute addresses are another test's business."""
        html = self.page(url)
        tree = parse(html)
        ids = {n.attrs["id"] for n in tree.iter() if "id" in n.attrs}
        base = url if url.endswith("/") else posixpath.dirname(url)  # "" at the root: a.html, or the home
        broken = []
        for node in tree.iter():
            for attr in ("href", "src"):
                link = node.attrs.get(attr)
                if link is None or re.match(r"^[a-z][a-z0-9+.-]*:|^//", link, re.I):
                    continue
                path, _, fragment = link.split("?")[0].partition("#")
                if not path:
                    if fragment and fragment not in ids:
                        broken.append(link)
                    continue
                target = posixpath.normpath(posixpath.join(base, path))
                file = self.site / target
                if path.endswith("/") or file.is_dir():
                    file = file / "index.html"
                if target.startswith("..") or not file.is_file():
                    broken.append(link)
        return broken


def copy_site(name: str, destination: Path) -> Path:
    """A writable copy of `tests/fixtures/sites/<name>`."""
    root = destination / name
    shutil.copytree(SITES / name, root)
    return root


def mkdocs_build(root: Path, *, strict: bool = True, **env: str) -> Built:
    site = root / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    process = subprocess.run(
        command, cwd=root, env=build_env(**env), capture_output=True, text=True, timeout=600
    )
    return Built(root, site, process)


def newsdesk(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the installed `newsdesk` command in `root`, as a contributor would."""
    command = [sys.executable, "-m", "newsdesk.cli", *args]
    return subprocess.run(
        command, cwd=root, env=build_env(**env), capture_output=True, text=True, timeout=600
    )


def parse_hr_story(
    text: str, registry: Registry, name: str = "2026-12-03-x.md"
) -> tuple[Story | None, list[Problem]]:
    """`text` checked as the story `content/stories/hr/<name>` of a site in Europe/London, on no disk."""
    return parse_story(
        text,
        path=f"content/stories/hr/{name}",
        src_uri=f"stories/hr/{name}",
        department="hr",
        registry=registry,
        settings=Settings(timezone="Europe/London"),
    )
