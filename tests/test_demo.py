"""The bundled demo: realistic, valid, builds, and is exactly what tools/make_demo.py writes."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from conftest import REPO, Built, mkdocs_build, newsdesk

pytestmark = pytest.mark.build

STORIES = REPO / "content" / "stories"


def front_matter(path: Path) -> dict[str, object]:
    meta: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return meta


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("demo") / "repo"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "test-artifacts"))
    built = mkdocs_build(root)
    assert built.ok, built.log
    return built


def test_demo_builds_and_checks_clean(demo: Built) -> None:
    result = newsdesk(demo.root, "check")
    assert result.returncode == 0, result.stdout
    files = list(STORIES.rglob("*.md"))
    assert f"{len(files)} valid stories, 0 errors" in result.stderr
    for path in files:
        slug = path.stem[11:]
        assert (demo.site / "stories" / path.parent.name / slug / "index.html").is_file(), path


def test_demo_is_a_realistic_organisation() -> None:
    departments = yaml.safe_load((REPO / "calendar/departments.yml").read_text())
    channels = yaml.safe_load((REPO / "calendar/channels.yml").read_text())
    assert len(departments) >= 8 and {"hr", "legal", "finance", "it", "research", "events"} <= departments.keys()
    assert {"website", "blog", "newsletter", "linkedin", "twitter"} <= channels.keys()
    metas = {path: front_matter(path) for path in STORIES.rglob("*.md")}
    assert len(metas) >= 80
    days = sorted(dt.date.fromisoformat(str(m["date"])[:10]) for m in metas.values())
    today = dt.date(2026, 11, 23)
    assert days[0] <= today - dt.timedelta(days=80) and days[-1] >= today + dt.timedelta(days=80)
    assert set(Counter(str(m.get("status", "draft")) for m in metas.values())) == {
        "idea", "draft", "review", "scheduled", "published", "cancelled"
    }
    per_department = Counter(path.parent.name for path in metas)
    assert set(per_department) == set(departments), "every department has stories"
    legal_days = [dt.date.fromisoformat(str(m["date"])[:10]) for p, m in metas.items() if p.parent.name == "legal"]
    assert legal_days and max(legal_days) < today - dt.timedelta(weeks=8), "legal is the demo's quiet department"


def test_committed_demo_is_what_the_script_writes(tmp_path: Path) -> None:
    shutil.copytree(REPO / "calendar", tmp_path / "calendar")
    subprocess.run([sys.executable, str(REPO / "tools/make_demo.py"), "--root", str(tmp_path), "--today", "2026-11-23"],
                   check=True, capture_output=True)  # fmt: skip
    written = {p.relative_to(tmp_path / "content/stories"): p.read_bytes() for p in (tmp_path / "content/stories").rglob("*.md")}
    committed = {p.relative_to(STORIES): p.read_bytes() for p in STORIES.rglob("*.md")}
    assert written == committed


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_every_link_in_the_demo_resolves(demo: Built) -> None:
    """Every relative href and src of every built page leads to a file of the site: no page links to a
    month, a department or a feed that was not built."""
    broken: list[tuple[str, str]] = []
    checked = 0
    for page in demo.site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            target = urlsplit(link)
            if target.scheme or target.netloc or not target.path:
                continue  # another site, webcal:, mailto:, or a fragment of this page
            path = unquote(target.path)
            if path.startswith("/"):  # 404.html links from the root of site_url (/newsroom/)
                resolved = (demo.site / path.removeprefix("/newsroom/")).resolve()
            else:
                resolved = (page.parent / path).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            checked += 1
            if not resolved.is_file():
                broken.append((str(page.relative_to(demo.site)), link))
    assert broken == []
    assert checked > 3_000


def test_the_demo_nav_has_every_hub(demo: Built) -> None:
    home = demo.page("")
    for hub in ("calendar/", "departments/", "dashboard/", "subscribe/", "contribute/"):
        assert f'href="{hub}"' in home, hub
