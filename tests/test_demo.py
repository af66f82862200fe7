"""The bundled demo: realistic, valid, builds, and is exactly what tools/make_demo.py writes."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from newsdesk.core.model import Settings
from newsdesk.sources.registry import load_registry
from newsdesk.sources.storytext import parse_story
from sitekit import REPO, Built, mkdocs_build, newsdesk

pytestmark = pytest.mark.build

STORIES = REPO / "content" / "stories"


def front_matter(path: Path) -> dict[str, object]:
    meta: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return meta


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("demo") / "repo"
    shutil.copytree(
        REPO, root, ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "test-artifacts")
    )
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
    assert (
        len(departments) >= 8 and {"hr", "legal", "finance", "it", "research", "events"} <= departments.keys()
    )
    assert {"website", "blog", "newsletter", "linkedin", "twitter"} <= channels.keys()
    metas = {path: front_matter(path) for path in STORIES.rglob("*.md")}
    assert len(metas) >= 80
    days = sorted(dt.date.fromisoformat(str(m["date"])[:10]) for m in metas.values())
    today = dt.date(2026, 11, 23)
    assert days[0] <= today - dt.timedelta(days=80) and days[-1] >= today + dt.timedelta(days=80)
    assert set(Counter(str(m.get("status", "draft")) for m in metas.values())) == {
        "idea",
        "draft",
        "review",
        "scheduled",
        "published",
        "cancelled",
    }
    per_department = Counter(path.parent.name for path in metas)
    assert set(per_department) == set(departments), "every department has stories"
    legal_days = [
        dt.date.fromisoformat(str(m["date"])[:10]) for p, m in metas.items() if p.parent.name == "legal"
    ]
    assert legal_days and max(legal_days) < today - dt.timedelta(weeks=8), (
        "legal is the demo's quiet department"
    )


def test_committed_demo_is_what_the_script_writes(tmp_path: Path) -> None:
    shutil.copytree(REPO / "calendar", tmp_path / "calendar")
    subprocess.run([sys.executable, str(REPO / "tools/make_demo.py"), "--root", str(tmp_path), "--today", "2026-11-23"],
                   check=True, capture_output=True)  # fmt: skip
    written = {
        p.relative_to(tmp_path / "content/stories"): p.read_bytes()
        for p in (tmp_path / "content/stories").rglob("*.md")
    }
    committed = {p.relative_to(STORIES): p.read_bytes() for p in STORIES.rglob("*.md")}
    assert written == committed


@pytest.fixture(scope="module")
def make_demo() -> ModuleType:
    if str(REPO / "tools") not in sys.path:
        sys.path.insert(0, str(REPO / "tools"))  # its demo_plan.py, found beside it when run as a script
    spec = importlib.util.spec_from_file_location("make_demo", REPO / "tools/make_demo.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_demo"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_every_story_of_the_data_file_is_written_as_described(make_demo: ModuleType) -> None:
    """Every story written from tools/demo/stories.yml reads back, with PyYAML and with newsdesk, as the
    values the script meant; and every story the data file describes one by one is among them."""
    today = dt.date(2026, 11, 23)
    data = yaml.safe_load(make_demo.DATA.read_text(encoding="utf-8"))
    registry, problems = load_registry(REPO)
    assert not problems
    settings = Settings(timezone=data["timezone"], today=today)
    stories = make_demo.Demo(today, 7, data, registry).build()
    for story in stories:
        text = make_demo.render(story)
        expected = story.front_matter()
        meta = yaml.safe_load(text.split("---\n")[1])
        assert meta == expected and list(meta) == list(expected), text
        src_uri = f"stories/{story.department}/{story.day}-demo.md"
        parsed, found = parse_story(text, path=src_uri, src_uri=src_uri, department=story.department,
                                    registry=registry, settings=settings)  # fmt: skip
        assert parsed is not None and found == [], (text, found)
        assert (parsed.title, parsed.summary, parsed.channels, parsed.status, parsed.tags, parsed.campaign) == (
            story.title, story.summary, tuple(story.channels), story.status, tuple(story.tags), story.campaign)  # fmt: skip
        assert (parsed.authors, parsed.due, dict(parsed.copy), parsed.link) == (
            tuple(story.authors), story.due, story.copy, story.link)  # fmt: skip
        assert parsed.start.strftime("%Y-%m-%d %H:%M" if story.time else "%Y-%m-%d") == str(meta["date"])
        assert parsed.body.strip() == story.body.strip()
    described = [entry for entry in data["dated"] if "title" in entry]
    described += [data["newsletter"], *data["clock_changes"]["stories"]]
    for week in data["busy_weeks"]:
        described += [*week["stories"], *([week["announcement"]] if "announcement" in week else [])]
    titles = [story.title for story in stories]
    for entry in described:
        pattern = re.sub(r"\\\{\w+\\\}", ".+", re.escape(entry["title"]))
        assert any(re.fullmatch(pattern, title) for title in titles), entry["title"]


@pytest.mark.parametrize(
    "text",
    ["no", "on", "Yes", "off", "null", "~", "true", "2026-12-03", "2026-12-03 10:00", "10:00", "0x1f", "1e3",
     "0o17", ".inf", "2027", "@team", "#tag", "a: b", "- item", "[x]", "{x}", '"Ask" us', "it's", "50%",
     "emoji 🎙️ and \"quotes\": yes", "東京の顧客事例：さくら商事", "Έρευνα: η αγορά"],
)  # fmt: skip
def test_front_matter_keeps_yaml_traps_as_text(make_demo: ModuleType, text: str) -> None:
    story = make_demo.Story(
        department="hr", day=dt.date(2026, 12, 3), title=text, summary=text, body="Body.", channels=["website"],
        status="draft", story_id="abc123def456", time="10:00", authors=[text, "Yuki Sato"], tags=[text, "2027"],
        campaign=text, copy={"website": text},
    )  # fmt: skip
    rendered = make_demo.render(story)
    header = rendered.split("---\n")[1]
    assert 'date: "2026-12-03 10:00"' in header and "channels: [website]" in header
    meta = yaml.safe_load(header)
    assert meta == story.front_matter() and list(meta) == list(story.front_matter())


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
