"""Every file under the stories folder is a valid story, a checked image or a `file:line` error: nothing is
followed, copied or skipped without a word, by `newsdesk check` or by `mkdocs build`."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sitekit import Built, build_env, copy_site, newsdesk

STORY = "---\ntitle: {title}\ndate: 2026-12-03\nchannels: [website]\n---\n\nThe body of {title}.\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64
SECRET = "newsdesk-secret-3f9a"
"""Written into every file outside docs_dir that a case links to: no copy of it may reach site/."""


def story(folder: Path, name: str, title: str = "Boundary") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(STORY.format(title=title), encoding="utf-8")
    return path


def outside(root: Path, name: str, text: str = SECRET) -> Path:
    """A file outside docs_dir, as a link would point at on a build machine."""
    path = root.parent / "outside" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def linked_department(root: Path) -> None:
    """legal/ replaced by a link to a folder elsewhere that holds a story."""
    legal = root / "content/stories/legal"
    for file in legal.iterdir():
        file.unlink()
    legal.rmdir()
    target = root.parent / "outside/legal"
    story(target, "2026-12-03-linked.md", SECRET)
    legal.symlink_to(target, target_is_directory=True)


# name: (what to put under content/stories, the path named, its line, a piece of the message, of the hint)
CASES: dict[str, tuple[Callable[[Path], object], str, int, str, str]] = {
    "markdown-extension": (
        lambda s: story(s / "hr", "2026-12-04-notes.markdown"),
        "hr/2026-12-04-notes.markdown",
        1,
        "ends in .md, not in .markdown",
        "rename it to 2026-12-04-notes.md",
    ),
    "mdown-extension": (
        lambda s: story(s / "hr", "2026-12-04-memo.mdown"),
        "hr/2026-12-04-memo.mdown",
        1,
        "ends in .md, not in .mdown",
        "rename it to 2026-12-04-memo.md",
    ),
    "upper-case-extension": (
        lambda s: story(s / "hr", "2026-12-04-caps.MD"),
        "hr/2026-12-04-caps.MD",
        1,
        "ends in .md, not in .MD",
        "rename it to 2026-12-04-caps.md",
    ),
    "no-extension": (
        lambda s: story(s / "hr", "2026-12-04-web-editor"),
        "hr/2026-12-04-web-editor",
        1,
        "this one has no extension",
        "rename it to 2026-12-04-web-editor.md",
    ),
    "html-file": (
        lambda s: (s / "hr/page.html").write_text("<script>alert(1)</script>"),
        "hr/page.html",
        0,
        ".html files are never published",
        "stories are .md files",
    ),
    "svg-file": (
        lambda s: (s / "hr/logo.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
        ),
        "hr/logo.svg",
        0,
        ".svg files are never published",
        "save the picture as PNG",
    ),
    "js-file": (
        lambda s: (s / "research/app.js").write_text("alert(1)"),
        "research/app.js",
        0,
        ".js files are never published",
        "",
    ),
    "hidden-folder": (
        lambda s: story(s / "hr/.drafts", "2026-12-05-secret.md"),
        "hr/.drafts",
        0,
        "a hidden folder",
        "move its stories up into content/stories/hr/",
    ),
    "hidden-file": (
        lambda s: story(s / "hr", ".later.md"),
        "hr/.later.md",
        1,
        "a hidden file",
        "rename it to YYYY-MM-DD-later.md",
    ),
    "nested-folder": (
        lambda s: story(s / "hr/2026", "2026-12-05-nested.md"),
        "hr/2026",
        0,
        "a folder inside a department folder",
        "move its files up into content/stories/hr/",
    ),
    "story-outside-a-department": (
        lambda s: story(s, "2026-12-05-loose.md"),
        "2026-12-05-loose.md",
        1,
        "a story must be inside a department folder",
        "content/stories/<department>/",
    ),
    "file-outside-a-department": (
        lambda s: (s / "index.html").write_text("<p>x</p>"),
        "index.html",
        0,
        "this file must be inside a department folder",
        "",
    ),
    "symlink-to-passwd": (
        lambda s: (s / "hr/2026-12-01-passwd.md").symlink_to("/etc/passwd"),
        "hr/2026-12-01-passwd.md",
        0,
        "a symbolic link: newsdesk never follows links",
        "replace the link",
    ),
    "symlink-to-a-story": (
        lambda s: (s / "hr/2026-12-02-elsewhere.md").symlink_to(
            outside(s.parents[1], "x.md", STORY.format(title=SECRET))
        ),
        "hr/2026-12-02-elsewhere.md",
        0,
        "a symbolic link",
        "replace the link",
    ),
    "symlinked-department": (
        lambda s: linked_department(s.parents[1]),
        "legal",
        0,
        "a symbolic link",
        "replace the link with the file or folder itself",
    ),
    "symlink-to-dev-zero": (
        lambda s: (s / "hr/zero.png").symlink_to("/dev/zero"),
        "hr/zero.png",
        0,
        "a symbolic link",
        "",
    ),
    "symlink-in-a-hidden-folder": (
        lambda s: (
            (s / "hr/.cache").mkdir(),
            (s / "hr/.cache/root").symlink_to("/", target_is_directory=True),
        ),
        "hr/.cache/root",
        0,
        "a symbolic link",
        "",
    ),
    "fifo": (
        lambda s: os.mkfifo(s / "hr/2026-12-06-pipe.md"),
        "hr/2026-12-06-pipe.md",
        0,
        "a named pipe (FIFO), not a file: newsdesk never opens it",
        "remove it",
    ),
    "dot-dot-slug": (
        lambda s: story(s / "hr", "2026-12-03-...md"),
        "hr/2026-12-03-...md",
        1,
        "after the date, a story's file name may only hold lower-case letters",
        "rename it to 2026-12-03-story.md",
    ),
    "query-and-fragment": (
        lambda s: story(s / "hr", "2026-12-03-q?a#b.md"),
        "hr/2026-12-03-q?a#b.md",
        1,
        "after the date",
        "rename it to 2026-12-03-q-a-b.md",
    ),
    "spaces-and-capitals": (
        lambda s: story(s / "hr", "2026-12-03-Big News.md"),
        "hr/2026-12-03-Big News.md",
        1,
        "after the date",
        "rename it to 2026-12-03-big-news.md",
    ),
    "quote-and-tag": (
        lambda s: story(s / "hr", '2026-12-03-x"<img src=x onerror=alert(1)>.md'),
        'hr/2026-12-03-x"<img src=x onerror=alert(1)>.md',
        1,
        "after the date",
        "rename it to 2026-12-03-x-img-src-x-onerror-alert-1.md",
    ),
    "line-break": (
        lambda s: story(s / "hr", "2026-12-03-a\r\nEND:VEVENT.md"),
        "hr/2026-12-03-a\r\nEND:VEVENT.md",
        1,
        "after the date",
        "rename it to 2026-12-03-a-end-vevent.md",
    ),
    "non-ascii": (
        lambda s: story(s / "hr", "2026-12-03-café-über-straße.md"),
        "hr/2026-12-03-café-über-straße.md",
        1,
        "after the date",
        "rename it to 2026-12-03-cafe-uber-strasse.md",
    ),
    "double-and-trailing-hyphens": (
        lambda s: story(s / "hr", "2026-12-03-a--b-.md"),
        "hr/2026-12-03-a--b-.md",
        1,
        "after the date",
        "rename it to 2026-12-03-a-b.md",
    ),
    "empty-slug": (
        lambda s: story(s / "hr", "2026-12-03-.md"),
        "hr/2026-12-03-.md",
        1,
        "after the date",
        "rename it to 2026-12-03-story.md",
    ),
    "no-date-takes-the-front-matter-date": (
        lambda s: story(s / "hr", "welcome-back.md"),
        "hr/welcome-back.md",
        1,
        "a story's file name starts with its date",
        "rename it to 2026-12-03-welcome-back.md",
    ),
    "no-date-and-no-front-matter": (
        lambda s: (s / "hr/notes.md").write_text("just text"),
        "hr/notes.md",
        1,
        "starts with its date",
        "rename it to YYYY-MM-DD-notes.md",
    ),
    "compact-date": (
        lambda s: story(s / "hr", "20261203 Party.md"),
        "hr/20261203 Party.md",
        1,
        "starts with its date",
        "rename it to 2026-12-03-party.md",
    ),
    "impossible-date-in-the-name": (
        lambda s: story(s / "hr", "2026-02-30-leap.md"),
        "hr/2026-02-30-leap.md",
        1,
        "the date in the file name is not valid: '2026-02-30' is not a date",
        "rename it to 2026-12-03-leap.md",
    ),
    "department-folders-differing-in-case": (
        lambda s: story(s / "HR", "2026-12-03-shout.md"),
        "HR",
        0,
        "the department folders 'HR' and 'hr' differ only in case",
        "one folder, 'hr'",
    ),
    "unknown-department": (
        lambda s: story(s / "marketing", "2026-12-03-launch.md"),
        "marketing/2026-12-03-launch.md",
        1,
        "unknown department folder 'marketing'",
        "departments.yml",
    ),
    "image-in-an-unknown-department": (
        lambda s: ((s / "sales").mkdir(), (s / "sales/photo.png").write_bytes(PNG)),
        "sales/photo.png",
        0,
        "unknown department folder 'sales'",
        "",
    ),
    "image-with-the-wrong-extension": (
        lambda s: (s / "hr/portrait.png").write_bytes(JPEG),
        "hr/portrait.png",
        0,
        "this file is a JPEG image, not the PNG its name says",
        "rename it to portrait.jpg",
    ),
    "html-named-as-an-image": (
        lambda s: (s / "hr/chart.gif").write_text("<html><script>alert(1)</script>"),
        "hr/chart.gif",
        0,
        "this file is not the GIF image its name says",
        "PNG, JPEG, GIF or WebP",
    ),
    "image-too-large": (
        lambda s: (s / "research/poster.jpg").write_bytes(JPEG + b"\0" * (2049 * 1024)),
        "research/poster.jpg",
        0,
        "the image is 2049 KiB; images are limited to 2048 KiB",
        "smaller",
    ),
    "image-with-a-bad-name": (
        lambda s: (s / "hr/Team Photo.PNG").write_bytes(PNG),
        "hr/Team Photo.PNG",
        0,
        "an image's name is lower-case letters",
        "rename it to team-photo.png",
    ),
}


@pytest.fixture(scope="module")
def boundary_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The basic site with every case above at once (each names its own path), plus two valid images."""
    root = copy_site("basic", tmp_path_factory.mktemp("boundary"))
    stories = root / "content/stories"
    for make, *_ in CASES.values():
        make(stories)
    (stories / "hr/team.png").write_bytes(PNG)
    (stories / "research/lab-2026.webp").write_bytes(b"RIFF\0\0\0\0WEBPVP8 " + b"\0" * 32)
    return root


@pytest.fixture(scope="module")
def reported(boundary_site: Path) -> list[dict[str, object]]:
    result = newsdesk(boundary_site, "check", "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    problems: list[dict[str, object]] = json.loads(result.stdout)
    return problems


@pytest.mark.parametrize("case", CASES)
def test_each_file_is_named_on_its_line_with_the_right_name(
    reported: list[dict[str, object]], case: str
) -> None:
    _, path, line, message, hint = CASES[case]
    mine = [p for p in reported if p["path"] == f"content/stories/{path}"]
    assert mine, f"content/stories/{path} was not reported"
    assert any(p["line"] == line and message in str(p["message"]) and hint in str(p["hint"]) for p in mine), (
        mine
    )
    assert all(p["severity"] == "error" for p in mine if p["line"] == line and message in str(p["message"]))


def test_checked_images_and_valid_stories_are_not_problems(reported: list[dict[str, object]]) -> None:
    named = {str(p["path"]) for p in reported}
    assert "content/stories/hr/team.png" not in named
    assert "content/stories/research/lab-2026.webp" not in named
    assert "content/stories/hr/2026-12-03-welcome-new-partners.md" not in named


def test_a_name_that_is_not_utf8_is_reported_without_a_traceback(basic_site: Path) -> None:
    folder = os.fsencode(basic_site / "content/stories/hr")
    with open(os.path.join(folder, b"2026-12-03-caf\xe9.md"), "w") as handle:
        handle.write(STORY.format(title="Latin-1"))
    result = newsdesk(basic_site, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/stories/hr/2026-12-03-caf\ufffd.md:1: after the date" in result.stdout
    assert "rename it to 2026-12-03-caf.md" in result.stdout


# The cases a hostile pull request would try: each must stop `mkdocs build --strict` and leave no copy.
SECURITY = [
    "symlink-to-passwd",
    "symlink-to-a-story",
    "symlinked-department",
    "html-file",
    "svg-file",
    "dot-dot-slug",
    "symlink-to-dev-zero",
    "symlink-in-a-hidden-folder",
    "fifo",
]


def build(root: Path) -> Built:
    """`mkdocs build --strict`, where no file written may pass 64 MB (a copy of /dev/zero is cut short)
    and the whole build 120 s (a link to / walked by MkDocs would never end)."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 20, 64 << 20))

    site = root / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    process = subprocess.run(
        command, cwd=root, env=build_env(), capture_output=True, text=True, timeout=120, preexec_fn=limits
    )
    return Built(root, site, process)


@pytest.mark.parametrize("case", SECURITY)
def test_the_build_fails_fast_and_publishes_nothing_of_it(tmp_path: Path, case: str) -> None:
    root = copy_site("basic", tmp_path)
    make, path, line, message, _ = CASES[case]
    make(root / "content/stories")
    built = build(root)
    assert not built.ok, built.log
    location = f"content/stories/{path}" + (f":{line}" if line else "")
    assert f"{location}: {message}" in built.log, built.log
    assert "Traceback" not in built.log
    written = [p for p in built.site.rglob("*") if p.is_file()] if built.site.exists() else []
    assert not any(p.name in {"zero.png", "page.html", "logo.svg", "passwd.html"} for p in written), written
    for file in written:
        data = file.read_bytes()
        assert SECRET.encode() not in data and b"root:x:0:0" not in data and b"onload=" not in data, file


def test_a_valid_image_is_published_beside_its_story(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    hr = root / "content/stories/hr"
    (hr / "team.png").write_bytes(PNG)
    story = hr / "2026-12-03-welcome-new-partners.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n![The team](team.png)\n", encoding="utf-8")
    built = build(root)
    assert built.ok, built.log
    assert (built.site / "stories/hr/team.png").read_bytes() == PNG
    assert 'src="../team.png"' in built.page("stories/hr/welcome-new-partners/")


def test_the_build_copies_nothing_under_the_stories_folder_it_has_not_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defence in depth: were the walk ever to miss a file, on_files still drops it from what MkDocs copies."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from newsdesk.sources import storyfiles

    root = copy_site("basic", tmp_path)
    hr = root / "content/stories/hr"
    (hr / "page.html").write_text("<script>alert(1)</script>")
    (hr / "team.png").write_bytes(PNG)
    real_walk = storyfiles.walk

    def blind_walk(*args: Any, **kwargs: Any) -> storyfiles.Walk:
        walked = real_walk(*args, **kwargs)
        walked.problems = [p for p in walked.problems if not p.path.endswith("page.html")]
        return walked

    monkeypatch.setattr(storyfiles, "walk", blind_walk)
    monkeypatch.setenv("NEWSDESK_TODAY", "2026-11-23")
    monkeypatch.chdir(root)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = get_files(config)
    assert files.get_file_from_path("stories/hr/page.html") is not None
    files = config.plugins.on_files(files, config=config)
    try:
        assert files.get_file_from_path("stories/hr/page.html") is None
        assert files.get_file_from_path("stories/hr/team.png") is not None
        assert files.get_file_from_path("stories/hr/2026-12-03-welcome-new-partners.md") is not None
    finally:
        config.plugins.on_post_build(config=config)
