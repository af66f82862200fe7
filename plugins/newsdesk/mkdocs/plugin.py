"""The MkDocs adapter: reads the registry and stories through the core and adds the generated pages.

Only MkDocs' public plugin API is used. Everything that can be decided without MkDocs is decided in
the core modules, which the `newsdesk` command shares.
"""

from __future__ import annotations

import html
import os
import tempfile
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from newsdesk.core import problems
from newsdesk.core.site import Site
from newsdesk.mkdocs.background import Background, BackgroundError
from newsdesk.mkdocs.config import NO_SITE_URL, NewsdeskConfig, settings_from
from newsdesk.planning import findings
from newsdesk.planning.report import build_report
from newsdesk.render import outputs, pages, sitepages, views
from newsdesk.render.sanitize import safe_id, sanitize
from newsdesk.sources import storyfiles
from newsdesk.sources.registry import load_registry
from newsdesk.sources.stories import StoryLoader

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

    from newsdesk.core.model import Story

log = get_plugin_logger(__name__)
JOB_SITE_FEEDS, JOB_RENDER_PAGES, JOB_STORY_FEEDS = range(3)
"""The background's jobs, in the order it does them (see on_files)."""


class NewsdeskPlugin(BasePlugin[NewsdeskConfig]):
    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this object across `mkdocs serve` rebuilds: the loader's cache lives on.
        self.loader = StoryLoader()

    background: Background | None = None
    """Writing the site-wide feeds, rendering story headers and listings, then writing the one-story
    feeds: started in on_files, by a second process where it can, while MkDocs converts the markdown.
    The build waits for each when it needs it: on_env, on_page_context and on_post_build."""
    rendered: pages.RenderedPages | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not hasattr(self, "loader"):
            self.loader = StoryLoader()
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.settings = settings_from(self.config, config.site_name)
        overrides = config.theme.custom_dir
        self.renderer = pages.Renderer(Path(overrides) if overrides else None)
        config.extra_css.extend(css for css in outputs.STYLESHEETS if css not in config.extra_css)
        for script in outputs.SCRIPTS:
            if script not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(script)
        if not config.site_url:  # `mkdocs serve` sets it, so only a build says this, once
            log.warning(NO_SITE_URL)
        return config

    @event_priority(100)  # MkDocs lists docs_dir next, following links: fail first on a link in the stories
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        docs_folder = Path(os.path.relpath(config.docs_dir, self.root)).as_posix()
        found = storyfiles.find_unsafe(config.docs_dir, self.settings.stories_dir, docs_folder)
        if found:
            raise PluginError(
                f"newsdesk found {problems.summary(found)}:\n{problems.render(found, 'text')}\n"
                "Run `newsdesk check` to see them again."
            )

    @event_priority(50)  # before other plugins see the files, so they see the generated pages too
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        registry, found = load_registry(self.root, self.settings.registry_dir)
        if not any(p.is_error for p in found):
            result = self.loader.load(Path(config.docs_dir), self.root, registry, self.settings)
            found += result.problems
        errors = [p for p in found if p.is_error]
        if errors:
            raise PluginError(
                f"newsdesk found {problems.summary(found)}:\n{problems.render(found, 'text')}\n"
                "Run `newsdesk check` to see them again."
            )
        for problem in found:
            log.info(problem.as_text())
        # MkDocs copies every file it lists (following links) as it is: under the stories folder, only what
        # newsdesk has checked stays, the valid stories and images (any other file is an error above anyway).
        checked = {story.src_uri for story in result.stories}.union(result.images)
        prefix = f"{self.settings.stories_dir}/"
        for stray in [f for f in files if f.src_uri.startswith(prefix) and f.src_uri not in checked]:
            if stray.generated_by is None:
                files.remove(stray)

        site_url = config.site_url or ""
        self.site = Site(
            registry,
            self.settings,
            tuple(result.stories),
            site_url.rstrip("/") + "/" if site_url else "",
            directory_urls=config.use_directory_urls,
        )
        # Planning findings (a quiet department, an open slot) are news, not faults: info, so --strict passes.
        found_in_planning = findings.findings(self.site)
        for finding in found_in_planning:
            log.info(finding.problem.as_text())
        report = build_report(self.site, found=found_in_planning)  # for the dashboard and its data files
        self.stories: dict[str, Story] = {story.src_uri: story for story in result.stories}
        for story in result.stories:
            file = files.get_file_from_path(story.src_uri)
            if file is None:  # pragma: no cover - the loader found it in docs_dir, so MkDocs did too
                continue
            file.inclusion = InclusionLevel.NOT_IN_NAV
            file.dest_uri = _dest_uri(story.url, config.use_directory_urls)
            # The loader has read and parsed the file already: MkDocs gets the body alone, so it neither
            # reads the file again nor parses its front-matter a second time (a second of 10,000 stories).
            file.content_string = story.body
        self.generated = {page.src_uri: page for page in sitepages.site_pages(self.site, report)}
        # Listings (search skips them) get their HTML in on_page_context; the rest in on_page_content.
        self.renders: dict[str, Callable[[], str]] = {
            story.src_uri: partial(self.renderer.story_header, story, self.site) for story in result.stories
        }
        for page in self.generated.values():
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            generated = File.generated(config, page.src_uri, content="", inclusion=inclusion)
            _replace(files, generated)
            if page.meta.get("search", {}).get("exclude"):
                self.renders[page.src_uri] = partial(
                    self.renderer.render, page.template, generated.url, self.site, **page.context
                )
        for path, content in outputs.site_files(report).items():
            _replace(files, File.generated(config, path, content=content))
        # The feeds (50 MB at 10,000 stories) go straight into site_dir, which MkDocs has cleaned by now,
        # rather than into memory until the build ends. The site-wide ones are also listed as files whose
        # source is where they are written (MkDocs leaves a file it would copy onto itself alone), so that
        # a page linking to feeds/all.ics passes --strict; they are there by on_env, before MkDocs copies.
        site_dir = Path(config.site_dir)
        docs_folder = Path(os.path.relpath(config.docs_dir, self.root)).as_posix()
        feeds = outputs.FeedOutput(self.site, self.root, docs_folder, site_dir)
        for path in feeds.paths:
            _replace(files, File.generated(config, path, abs_src_path=str(site_dir / path)))
        self.scratch = tempfile.TemporaryDirectory(prefix="newsdesk-")
        self.rendered_at = Path(self.scratch.name) / "pages.html"
        render_pages = partial(pages.render_to_file, self.renders.items(), self.rendered_at)
        # A second process does these in turn while MkDocs converts the markdown; see background.py.
        self.background = Background(
            [feeds.write_site_wide, render_pages, feeds.write_story_feeds],
            fork=None if self.config.second_process else False,
        )
        return files

    @event_priority(100)  # MkDocs copies the files right after on_env: the site-wide feeds must be there
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.background is not None:
            note = self._background_result(JOB_SITE_FEEDS, "write the feeds")
            if note:
                log.info(note)
            if not self.background.in_background:
                # In this process, the rest now: what the jobs hold is freed before MkDocs renders the
                # pages, which is when the build needs the most memory.
                self._background_result(JOB_STORY_FEEDS, "write the feeds")
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        uri = page.file.src_uri
        story = self.stories.get(uri)
        if story is not None:
            # The front-matter was newsdesk's to read (on_files), so the theme sees only what is meant for
            # it. Material prints page.title unescaped (nav, tabs, search): give it text that is already safe.
            page.meta = {"title": html.escape(story.title)}
            if story.summary:
                page.meta["description"] = html.escape(story.summary)  # printed unescaped in <meta>, too
            return story.body
        generated = self.generated.get(uri)
        if generated is not None:
            page.meta.update(generated.meta)
            page.meta["title"] = html.escape(generated.title)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        uri = page.file.src_uri
        if uri in self.stories:
            if self.settings.allow_raw_html:
                return html  # the header comes in on_page_context, below
            # The allowlist, before the header joins (sanitize.py); the toc follows the renamed ids.
            anchors = list(page.toc)
            while anchors:
                anchor = anchors.pop()
                anchor.id = safe_id(anchor.id)
                anchors.extend(anchor.children)
            return sanitize(html)
        generated = self.generated.get(uri)
        if generated is not None:
            if generated.meta.get("search", {}).get("exclude"):
                return ""  # a listing: rendered in on_page_context, below
            return self.renderer.render(generated.template, page.url, self.site, **generated.context)
        return views.fill_markers(html, page.url, self.site, self.renderer)

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # Bulky HTML joins a page only while the theme renders it, since MkDocs keeps every page's
        # content until the build ends: a story's header, after search has indexed the story's own
        # words (Material's search parsing the header's markup took 3.7 s of a 10,000-story build, more
        # than the rest of newsdesk), and the listing pages (calendar, departments), which search skips.
        uri = page.file.src_uri
        self.kept = page.content
        story = self.stories.get(uri)
        generated = self.generated.get(uri)
        if story is not None:
            page.content = self._rendered(uri) + (page.content or "")
        elif generated is not None and not page.content:
            page.content = self._rendered(uri)
        return context

    def _rendered(self, uri: str) -> str:
        """The HTML rendered ahead for a page (see on_files); rendered now if another plugin added the page."""
        if self.rendered is None and self.background is not None:
            index = self._background_result(JOB_RENDER_PAGES, "render its pages")
            self.rendered = pages.RenderedPages(self.rendered_at, index)
        html = self.rendered.get(uri) if self.rendered is not None else None
        return html if html is not None else self.renders[uri]()

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.stories or page.file.src_uri in self.generated:
            page.content = self.kept  # what it was before on_page_context, see there
        return output

    @event_priority(100)  # before other plugins look at site_dir: the one-story feeds are all there
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._finish_background()

    def on_build_error(self, *, error: Exception) -> None:
        # The build has failed already; what matters is that no process goes on writing into site_dir.
        try:
            self._finish_background()
        except PluginError as failure:
            log.error(str(failure))

    def _background_result(self, job: int, what: str) -> Any:
        assert self.background is not None
        try:
            return self.background.result(job)
        except BackgroundError as failure:
            raise PluginError(f"newsdesk could not {what}: {problems.printable(str(failure))}") from None

    def _finish_background(self) -> None:
        background, self.background = self.background, None
        rendered, self.rendered = self.rendered, None
        try:
            if background is not None:
                background.wait()
        except BackgroundError as failure:
            what = problems.printable(str(failure))
            raise PluginError(f"newsdesk could not finish its work in the background: {what}") from None
        finally:
            if rendered is not None:
                rendered.close()
            if background is not None:
                self.scratch.cleanup()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.root / self.settings.registry_dir))
        return server


def _dest_uri(url: str, use_directory_urls: bool) -> str:
    return f"{url}index.html" if use_directory_urls else f"{url.rstrip('/')}.html"


def _replace(files: Files, file: File) -> None:
    """Add a generated file; one the author wrote at the same path (say content/calendar/index.md) yields."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        shown = problems.printable(existing.src_uri)
        log.info(f"{shown} in docs_dir is replaced by the page newsdesk generates there")
        files.remove(existing)
    files.append(file)
