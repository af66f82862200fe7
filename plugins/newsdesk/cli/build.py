"""`newsdesk build --engine mkdocs|properdocs|zensical`: the site, built by the chosen engine.

MkDocs and ProperDocs load newsdesk's plugin, so for them this runs the engine's own build. Zensical has no
plugin API and silently ignores plugins it does not reimplement, so for it newsdesk does the plugin's work
first: it checks everything as `newsdesk check` does (an error stops the build with the same messages),
writes a build-only copy of the docs folder (`.newsdesk/zensical/docs/`, never `content/`) holding the
site's own pages, newsdesk's generated pages, the stories as sanitised HTML and the feeds and files the
plugin adds (`render/export.py`), and a configuration beside mkdocs.yml that inherits it and points
Zensical at that copy and at newsdesk's stylesheets and script (Zensical wants both folders inside the
configuration's folder). Then it runs `zensical build`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING

from newsdesk.cli.checking import validate
from newsdesk.core import problems
from newsdesk.core.forge import forge_of
from newsdesk.core.site import Site, has_story_feed
from newsdesk.mkdocs.project import config_path, load_project
from newsdesk.planning import findings
from newsdesk.planning.report import build_report
from newsdesk.render import export, i18n, outputs, sitepages
from newsdesk.render.pages import CompiledTemplates, Renderer
from newsdesk.sources import exclusions

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from pathlib import Path

    from newsdesk.core.model import Registry, Story
    from newsdesk.core.project import Project

ENGINES = ("mkdocs", "properdocs", "zensical")
WORK = ".newsdesk/zensical"
"""The build-only folder below the project's, for the docs copy."""
CONFIG = ".newsdesk-zensical.yml"
"""The generated configuration, beside mkdocs.yml: Zensical wants docs_dir and site_dir inside its folder."""


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--engine", choices=ENGINES, default="mkdocs", help="default: %(default)s")
    command.add_argument("--strict", action="store_true", help="stop on the engine's warnings too")
    command.add_argument("--site-dir", help="where to write the site (default: the configuration's site_dir)")


def command(args: argparse.Namespace) -> int:
    """`newsdesk build`."""
    if args.engine != "zensical":  # MkDocs and ProperDocs read the configuration and run the plugin
        return run_engine(args.engine, config_path(args.config), strict=args.strict, site_dir=args.site_dir)
    project = load_project(args.config)
    assert project.config_file is not None, "load_project names the file it read"
    registry, result = validate(project)
    errors = [p for p in result.problems if p.is_error]
    if errors:  # the messages `newsdesk check` and the plugin give
        print(problems.render(errors, "text"))
        print(f"newsdesk: {problems.summary(errors)}; nothing was built", file=sys.stderr)
        return 1
    write_docs(project, registry, result.stories, result.images)
    return run_zensical(project, project.config_file, strict=args.strict, site_dir=args.site_dir)


def run_engine(engine: str, config: Path, *, strict: bool, site_dir: str | None) -> int:
    """MkDocs or ProperDocs, which run newsdesk's plugin themselves."""
    command = [sys.executable, "-m", engine, "build", "-f", str(config)]
    command += ["--strict"] if strict else []
    command += ["--site-dir", site_dir] if site_dir else []
    return subprocess.run(command, check=False).returncode


def run_zensical(project: Project, config: Path, *, strict: bool, site_dir: str | None) -> int:
    command = [sys.executable, "-m", "zensical", "build", "-f", str(write_config(project, config, site_dir))]
    command += ["--strict"] if strict else []
    return subprocess.run(command, cwd=project.root, check=False).returncode


def write_config(project: Project, config: Path, site_dir: str | None) -> Path:
    """A configuration that inherits the site's and builds the docs copy (JSON, which YAML reads)."""
    settings: dict[str, object] = {
        "INHERIT": os.path.relpath(config.resolve(), project.root),
        "docs_dir": WORK + "/docs",
        "extra_css": list(outputs.STYLESHEETS),
        "extra_javascript": list(outputs.SCRIPTS),
    }
    if site_dir:
        settings["site_dir"] = os.path.relpath(os.path.abspath(site_dir), project.root)
    path = project.root / CONFIG
    note = "# Written by `newsdesk build --engine zensical` for each build: edit mkdocs.yml instead.\n"
    path.write_text(note + json.dumps(settings) + "\n", encoding="utf-8")
    return path


def write_docs(project: Project, registry: Registry, stories: list[Story], images: list[str]) -> Path:
    """The build-only docs folder, made afresh: the site's own pages and files, then newsdesk's. The
    stories are valid ones (the caller has checked), less those mkdocs.yml excludes."""
    settings = project.settings
    translations = i18n.activate(settings.language, project.custom_dir)  # before the findings' words
    left_out = {problem.path for problem in exclusions.left_out(stories, project.exclusions)}
    site = Site(
        registry,
        settings,
        tuple(story for story in stories if story.path not in left_out),
        project.site_url,
        directory_urls=project.directory_urls,
    )
    renderer = Renderer(project.custom_dir, CompiledTemplates(), translations)
    report = build_report(site, found=findings.findings(site))
    forge = forge_of(project.repo_url, project.edit_uri, project.docs_path)
    final = project.root / WORK / "docs"
    docs = project.root / WORK / "next"  # written whole, then synced: `zensical serve` watches `final`
    if docs.exists():
        shutil.rmtree(docs)
    stories_dir = project.docs_dir / settings.stories_dir
    # As MkDocs reads docs_dir: links outside the stories folder (the maintainers') followed.
    shutil.copytree(project.docs_dir, docs, ignore=_leaving_out(stories_dir))
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        filled = export.fill_marker(text, _page_url(page.relative_to(docs).as_posix()), site, renderer)
        if filled != text:
            page.write_text(filled, encoding="utf-8")
    feeds = outputs.FeedOutput(site, project.root)
    note = feeds.write_site_wide(docs)
    if note:
        print(f"newsdesk: {note}", file=sys.stderr)

    def calendar(story: Story) -> str:
        return feeds.story_calendar(story) if has_story_feed(story, settings.today) else ""

    bodies = export.StoryBodies(
        project.markdown_extensions, project.mdx_configs, raw_html=settings.allow_raw_html
    )
    pages = sitepages.site_pages(site, report, forge)
    written: dict[str, str | bytes] = {
        **dict(export.story_files(site, renderer, bodies, calendar)),
        **dict(export.generated_files(site, renderer, pages)),
        **outputs.site_files(site, report),
    }
    for path, content in written.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    for image in images:  # checked beside the stories: copied as they are
        target = docs / image
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(project.docs_dir / image, target)
    _sync(docs, final)
    shutil.rmtree(docs)
    return final


def _sync(source: Path, target: Path) -> None:
    """Make `target` hold what `source` holds, touching only the files that differ, so an engine watching
    `target` rebuilds once, and only for what changed."""
    wanted = {path.relative_to(source) for path in source.rglob("*") if path.is_file()}
    if target.exists():
        for path in sorted(target.rglob("*"), reverse=True):  # a folder's files before the folder
            if path.is_dir():
                if not any(path.iterdir()):
                    path.rmdir()
            elif path.relative_to(target) not in wanted:
                path.unlink()
    for relative in sorted(wanted):
        data = (source / relative).read_bytes()
        old = target / relative
        if old.is_file() and old.read_bytes() == data:
            continue
        old.parent.mkdir(parents=True, exist_ok=True)
        old.write_bytes(data)


def _leaving_out(folder: Path) -> Callable[[str, list[str]], list[str]]:
    """A copytree filter that leaves `folder` out: newsdesk writes the stories folder itself."""

    def ignore(parent: str, names: list[str]) -> list[str]:
        return [name for name in names if os.path.join(parent, name) == str(folder)]

    return ignore


def _page_url(src_uri: str) -> str:
    """The address of a page of the docs folder, in directory form (`index.md` is the root)."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"
