"""`newsdesk build --engine ...`: the same site from MkDocs (with the plugin) and from Zensical (which has no
plugin API, so newsdesk writes a build-only docs folder first): the same pages, the same feed bytes,
nothing written into content/, the same refusal of a broken story, and the same sanitising."""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from htmltree import parse
from sitekit import REPO, Built, build_env, copy_site, mkdocs_build, newsdesk
from test_boundary_sanitize import dangers, write_payload_site
from test_serve import free_port, wait_for

pytestmark = pytest.mark.build

NEWSDESK_PAGES = (
    "stories",
    "calendar",
    "departments",
    "channels",
    "dashboard",
    "subscribe",
    "contribute",
    "nudge",
)
DATA = ("feeds", "dashboard", "schema")


def committed(root: Path) -> Path:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    env = {
        **build_env(),
        "GIT_AUTHOR_DATE": "2026-11-01T10:00:00Z",
        "GIT_COMMITTER_DATE": "2026-11-01T10:00:00Z",
    }
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "fixture"], cwd=root, check=True, env=env)
    return root


def zensical_build(root: Path, *args: str) -> Built:
    process = newsdesk(root, "build", "--engine", "zensical", "--site-dir", "site-zensical", *args)
    return Built(root, root / "site-zensical", process)


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def pages(site: Path) -> set[str]:
    return {
        path.relative_to(site).as_posix()
        for top in NEWSDESK_PAGES
        for path in (site / top).rglob("index.html")
    }


def data_files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for top in DATA
        for path in sorted((site / top).rglob("*"))
        if path.is_file() and path.suffix != ".html"
    }


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Built, dict[str, str], dict[str, str]]:
    root = committed(copy_site("basic", tmp_path_factory.mktemp("engines")))
    content_before = tree_digest(root / "content")
    with_mkdocs = mkdocs_build(root)
    assert with_mkdocs.ok, with_mkdocs.log
    with_zensical = zensical_build(root)
    assert with_zensical.ok, with_zensical.log
    return with_mkdocs, with_zensical, content_before, tree_digest(root / "content")


def test_both_engines_publish_the_same_pages(
    both: tuple[Built, Built, dict[str, str], dict[str, str]],
) -> None:
    with_mkdocs, with_zensical, _, _ = both
    published = pages(with_mkdocs.site)
    assert len(published) >= 15
    assert pages(with_zensical.site) == published


def test_feeds_and_data_are_the_same_bytes(both: tuple[Built, Built, dict[str, str], dict[str, str]]) -> None:
    with_mkdocs, with_zensical, _, _ = both
    expected = data_files(with_mkdocs.site)
    assert {
        "feeds/all.ics",
        "feeds/stories.json",
        "dashboard/report.json",
        "schema/story.json",
    } <= expected.keys()
    assert data_files(with_zensical.site) == expected


def test_the_calendar_has_its_chips_and_links(
    both: tuple[Built, Built, dict[str, str], dict[str, str]],
) -> None:
    with_mkdocs, with_zensical, _, _ = both
    for url in ("calendar/", "departments/hr/", "dashboard/", "contribute/new/"):
        chips = [
            a.attrs["href"]
            for a in parse(with_mkdocs.page(url)).all("a")
            if "nd-chip__link" in a.attrs.get("class", "")
        ]
        same = [
            a.attrs["href"]
            for a in parse(with_zensical.page(url)).all("a")
            if "nd-chip__link" in a.attrs.get("class", "")
        ]
        assert same == chips, url
        assert not with_zensical.broken_links(url), url
    assert "Welcome, new partners" in with_zensical.page("stories/hr/welcome-new-partners/")
    assert "data:text/calendar" in with_zensical.page("stories/research/climate-report/")


def test_nothing_is_written_into_content(both: tuple[Built, Built, dict[str, str], dict[str, str]]) -> None:
    _, _, before, after = both
    assert after == before


def test_a_broken_story_stops_both_engines_with_the_same_message(tmp_path: Path) -> None:
    root = committed(copy_site("basic", tmp_path))
    story = root / "content/stories/research/2026-12-08-climate-report.md"
    story.write_text(story.read_text().replace('date: "2026-12-08 09:30"', "date: 2026-02-30"))
    problem = "content/stories/research/2026-12-08-climate-report.md:4: date: '2026-02-30' is not a date"
    with_mkdocs = mkdocs_build(root)
    with_zensical = zensical_build(root)
    for built in (with_mkdocs, with_zensical):
        assert not built.ok and problem in built.log, built.log
        assert "Traceback" not in built.log
    assert not (root / "site-zensical").exists()


def test_the_zensical_path_sanitises_story_bodies(tmp_path: Path) -> None:
    root = write_payload_site(committed(copy_site("basic", tmp_path)))
    built = zensical_build(root)
    assert built.ok, built.log
    page = parse(built.page("stories/hr/payloads/"))
    (body,) = [div for div in page.all("div") if "nd-export--body" in div.attrs.get("class", "")]
    assert body.all("h2")[-1].words().startswith("The end")  # the whole body is there
    assert dangers(body) == []
    assert [n for n in page.all("script") if "alert" in n.text()] == []
    assert not [d for d in dangers(page) if " on" in d or "script:" in d.lower()]


def test_mkdocs_and_properdocs_run_the_plugin(tmp_path: Path) -> None:
    root = committed(copy_site("basic", tmp_path))
    for engine in ("mkdocs", "properdocs"):
        process = newsdesk(root, "build", "--engine", engine, "--strict", "--site-dir", f"site-{engine}")
        assert process.returncode == 0, process.stdout + process.stderr
        assert (root / f"site-{engine}/calendar/index.html").is_file()


def test_the_demo_with_both_engines(tmp_path: Path) -> None:
    """What the `engines` CI job checks on the demo organisation: the same pages and feed bytes."""
    root = tmp_path / "demo"
    ignore = shutil.ignore_patterns(
        ".venv", "node_modules", "site", ".git", "test-artifacts", ".*cache", ".newsdesk*"
    )
    shutil.copytree(REPO, root, ignore=ignore)
    committed(root)
    with_mkdocs = mkdocs_build(root)
    assert with_mkdocs.ok, with_mkdocs.log
    with_zensical = zensical_build(root, "--strict")
    assert with_zensical.ok, with_zensical.log
    assert pages(with_zensical.site) == pages(with_mkdocs.site)
    assert data_files(with_zensical.site) == data_files(with_mkdocs.site)
    for url in ("", "calendar/", "departments/hr/"):
        assert "nd-chip" in with_zensical.page(url), url
        assert not with_zensical.broken_links(url), url


def test_serve_with_zensical_follows_story_changes(tmp_path: Path) -> None:
    """`newsdesk serve --engine zensical`: a story's edit reaches the preview; an error is said each time
    and leaves the last good pages; the fix brings the preview back."""
    root = committed(copy_site("basic", tmp_path))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")  # a file, not a pipe nobody reads yet
    server = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "serve", "--engine", "zensical", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=build_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = base + "stories/research/climate-report/"
        wait_for(url, "nd-status--draft", timeout=120)
        story = root / "content/stories/research/2026-12-08-climate-report.md"
        good = story.read_text()
        story.write_text(good.replace("status: draft", "status: review"))
        wait_for(url, "nd-status--review", timeout=120)
        last = "review"
        for status in (
            "draft",
            "scheduled",
        ):  # the same mistake twice: said both times, the last good page stays
            story.write_text(good.replace('date: "2026-12-08 09:30"', "date: 2026-02-30"))
            time.sleep(3)
            assert f"nd-status--{last}" in wait_for(url, f"nd-status--{last}")
            story.write_text(good.replace("status: draft", f"status: {status}"))
            wait_for(url, f"nd-status--{status}", timeout=120)
            last = status
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text(encoding="utf-8")
    said = [line for line in output.splitlines() if "2026-12-08-climate-report.md:4" in line]
    assert len(said) >= 2, output
    assert "Traceback" not in output
    assert not list((root / "content").rglob("*.html"))


def test_the_zensical_path_runs_no_template_or_fence_from_a_story(tmp_path: Path) -> None:
    """Zensical runs mkdocs-macros (listed as a plugin) and fenced code as markdown preprocessors over the
    whole of each page it builds, the HTML newsdesk wrote included: a story's `{{ ... }}`, in any field or
    its body, and a code block's fence lines stay text, on its page, the listings and the home page."""
    root = copy_site("basic", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - search\n", "  - search\n  - macros\n")
        + "markdown_extensions:\n  - attr_list\n  - pymdownx.superfences\n"
    )
    home = root / "content/index.md"
    home.write_text(home.read_text() + "\n<!-- newsdesk:this-week -->\n")
    story = root / "content/stories/hr/2026-12-03-welcome-new-partners.md"
    text = story.read_text()
    for old, new in (
        ('title: "Welcome, new partners; \\"the class of 2026\\" 🎉"', 'title: "Welcome {{ 7 * 191 }}"'),
        ("summary: Five new partners join the firm.", 'summary: "Sum {{ 7 * 192 }}"'),
        ("tags: [people]", 'tags: ["t{{ 7 * 193 }}"]'),
        ("author: [Ada Lovelace, Grace Hopper]", 'author: ["A {%- if true %}{{ 7 * 194 }}{% endif %}"]'),
        ("  linkedin: Five new partners join Alder Bay this week.", '  linkedin: "C {{ 7 * 195 }}"'),
    ):
        assert old in text
        text = text.replace(old, new)
    story.write_text(text + "\nBody {{ 7 * 196 }}.\n\n    ``` {onclick=x}\n    kept\n    ```\n")
    committed(root)
    built = zensical_build(root)
    assert built.ok, built.log
    for page in built.site.rglob("*.html"):
        found = [n for n in range(1337, 1373, 7) if str(n) in page.read_text(encoding="utf-8")]
        assert not found, (page, found)
    page = parse(built.page("stories/hr/welcome-new-partners/"))
    (body,) = [div for div in page.all("div") if "nd-export--body" in div.attrs.get("class", "")]
    assert "Body {{ 7 * 196 }}." in body.words()
    assert [pre.text() for pre in body.all("pre")] == ["``` {onclick=x}\nkept\n```\n"]
    assert "Welcome {{ 7 * 191 }}" in parse(built.page("calendar/")).words()
