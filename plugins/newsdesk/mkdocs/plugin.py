"""The MkDocs adapter: reads the registry and stories through the core and adds the generated pages.

Only MkDocs' public plugin API is used, in one process. What the build adds, event by event:

- `on_files`: the stories are read and checked (any error stops the build), the generated pages and the
  site-wide feeds are listed as files (the feeds written into a scratch folder MkDocs copies them from),
  and each story file's front-matter is dropped from what MkDocs reads.
- `on_env`: the theme's environment gets newsdesk's page templates (`templates/newsdesk/page/`, after the
  site's `custom_dir`) and two globals that render newsdesk's parts of a page with newsdesk's own
  autoescaping environment: a story's header and a listing's content. The theme calls them while it
  writes the page, so that HTML is never part of `page.content`: search indexes a story's own words, and
  MkDocs, which keeps every page's content until the build ends, never holds it.
- the header of a story from today on carries its "Add to calendar" event as a `data:` address, the
  event the site-wide feeds hold already: no file is written for it.

Everything that can be decided without MkDocs is decided in the core modules, which the `newsdesk`
command shares.
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import ChoiceLoader, FileSystemLoader
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from newsdesk.core import problems
from newsdesk.core.forge import forge_of
from newsdesk.core.site import Site, has_story_feed
from newsdesk.mkdocs import preview, storypages
from newsdesk.mkdocs.config import NO_SITE_URL, NewsdeskConfig, settings_from
from newsdesk.mkdocs.inherit import project_root
from newsdesk.planning import findings
from newsdesk.planning.report import build_report
from newsdesk.render import i18n, outputs, pages, reports, sitepages, views
from newsdesk.render.memo import Context, Memo, part
from newsdesk.render.sanitize import safe_id, sanitize
from newsdesk.sources import storyfiles
from newsdesk.sources.registry import load_registry
from newsdesk.sources.stories import LoadResult, StoryLoader

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from newsdesk.core.model import Story

log = get_plugin_logger(__name__)
DIRTY_BUILD = (
    "newsdesk does not build with --dirty: a story's change reaches the calendar, department, channel and "
    "dashboard pages and the feeds, and a deleted story's page would stay in site/. Run `mkdocs build` "
    "(`mkdocs serve --dirty` works: newsdesk's pages are rebuilt on every change)."
)
STATIC_I18N = (
    "newsdesk cannot build beside mkdocs-static-i18n (plugin '{name}'): that plugin expects every page to be a "
    "file in docs_dir and stops on pages a plugin generates, such as newsdesk's calendar (an open limitation "
    "of mkdocs-static-i18n). Remove it; theme.language translates Material's interface."
)
LISTING_TEMPLATE = "newsdesk/page/listing.html"


class NewsdeskPlugin(BasePlugin[NewsdeskConfig]):
    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this object across `mkdocs serve` rebuilds: the loader's cache and the
        # compiled templates live on.
        self.loader = StoryLoader()
        self.compiled = pages.CompiledTemplates()
        self.serving = command == "serve"
        self.dirty = dirty
        self.memo = Memo() if self.serving else None  # each rebuild takes over unchanged stories' parts

    serving = False
    """Under `mkdocs serve` a story's error does not stop the build (preview.py)."""
    memo: Memo | None = None
    dirty = False
    """`--dirty`: MkDocs rebuilds only the pages whose files changed (see on_config and on_files)."""
    banner = ""
    """While serving with errors, the problems every page shows first."""
    scratch: tempfile.TemporaryDirectory[str] | None = None
    """Where the site-wide feeds are written for MkDocs to copy, from on_files to the end of the build."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not hasattr(self, "loader"):
            self.loader = StoryLoader()
            self.compiled = pages.CompiledTemplates()
        overrides = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        # Material's theme.language: newsdesk's words and dates follow it (render/i18n.py).
        language, note = i18n.resolve(str(config.theme.get("language") or ""), overrides)
        if note:
            log.info(note)
        translations = i18n.activate(language, overrides)
        self.settings = settings_from(self.config, config.site_name, language=language)
        self.root = project_root(Path(config.config_file_path or "mkdocs.yml"), self.settings.registry_dir)
        if self.dirty and not self.serving:
            raise PluginError(DIRTY_BUILD)
        for name, plugin in config.plugins.items():
            if type(plugin).__module__.split(".")[0] == "mkdocs_static_i18n":
                raise PluginError(STATIC_I18N.format(name=name))
        if self.config.second_process is not None:
            log.info("the option second_process is retired: newsdesk builds in one process; remove it")
        self.renderer = pages.Renderer(overrides, self.compiled, translations, self.memo)
        self.overrides = overrides
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
        if found:  # never built, even for a preview: MkDocs would follow the link
            if self.serving:
                log.error(preview.message(found))  # MkDocs prints a repeated error once only
            raise PluginError(preview.message(found))

    @event_priority(50)  # before other plugins see the files, so they see the generated pages too
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        registry, found = load_registry(self.root, self.settings.registry_dir)
        result = LoadResult()  # a broken registry: no story, no calendar, until it is fixed
        if not any(p.is_error for p in found):
            result = self.loader.load(Path(config.docs_dir), self.root, registry, self.settings)
            found += result.problems
        errors = [p for p in found if p.is_error]
        self.banner = ""
        if errors and not self.serving:
            raise PluginError(preview.message(found))
        if errors:  # `mkdocs serve`: every build says it again, and the pages show it (preview.py)
            log.error(preview.message(found))
            self.banner = preview.banner(found, self.renderer)
        else:
            for problem in found:
                log.info(problem.as_text())
        prefix = f"{self.settings.stories_dir}/"
        storypages.keep_only_checked(files, prefix, {s.src_uri for s in result.stories}.union(result.images))
        stories, left_out = storypages.published(files, result.stories, serving=self.serving)
        if left_out:  # by exclude_docs, draft_docs or another plugin: said, never silent
            log.info(storypages.left_out_note(left_out))
        site_url = config.site_url or ""
        if self.memo is not None:
            folders = [pages.TEMPLATES, i18n.LOCALES, *([self.overrides] if self.overrides else [])]
            self.memo.renew(
                Context.of(
                    registry,
                    self.settings,
                    site_url=site_url,
                    directory_urls=config.use_directory_urls,
                    folders=folders,
                )
            )
        self.site = Site(
            registry,
            self.settings,
            tuple(stories),
            site_url.rstrip("/") + "/" if site_url else "",
            directory_urls=config.use_directory_urls,
        )
        # Planning findings (a quiet department, an open slot) are news, not faults: info, so --strict passes.
        found_in_planning = findings.findings(self.site)
        if found_in_planning:  # one line: the details are `newsdesk check`'s and the dashboard's
            log.info(reports.findings_summary(found_in_planning))
        report = build_report(self.site, found=found_in_planning)  # for the dashboard and its data files
        self.stories: dict[str, Story] = {story.src_uri: story for story in stories}
        for story in stories:
            file = files.get_file_from_path(story.src_uri)
            assert file is not None, "published() keeps only stories MkDocs lists"
            dest_uri = _dest_uri(story.url, config.use_directory_urls)
            storypages.hand_over(file, story, dest_uri=dest_uri, trusted=self.config.trust_authors)
        if self.dirty:
            storypages.rebuild_with_the_calendar(files, views.HOME_MARKER, prefix)
        docs_folder = Path(os.path.relpath(config.docs_dir, self.root)).as_posix()
        forge = forge_of(
            config.repo_url or "",
            config.edit_uri or "",
            docs_folder,
            kind=self.config.forge,
            branch=self.config.forge_branch,
        )
        self.generated = {page.src_uri: page for page in sitepages.site_pages(self.site, report, forge)}
        for page in self.generated.values():
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            _replace(files, File.generated(config, page.src_uri, content="", inclusion=inclusion))
        # The site-wide feeds and the other files newsdesk adds are files MkDocs copies, so that a page
        # linking to feeds/all.ics passes --strict; written to a scratch folder rather than held in memory
        # until the build ends (50 MB of feeds at 10,000 stories, a megabyte of report.json and .csv).
        self._cleanup()
        self.scratch = tempfile.TemporaryDirectory(prefix="newsdesk-")
        scratch = Path(self.scratch.name)
        written = outputs.write_files(scratch, outputs.data_files(self.site, report).items())
        for path, asset in outputs.asset_paths().items():  # copied by MkDocs from the package itself
            _replace(files, File.generated(config, path, abs_src_path=str(asset)))
        self.feeds = outputs.FeedOutput(self.site, self.root, self.memo)
        note = self.feeds.write_site_wide(scratch)
        if note:
            log.info(note)
        for path in [*written, *self.feeds.paths]:
            _replace(files, File.generated(config, path, abs_src_path=str(scratch / path)))
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # After the theme's own folders (custom_dir first), so a site overrides newsdesk's page templates
        # the way it overrides Material's.
        env.loader = ChoiceLoader([env.loader, FileSystemLoader(str(pages.TEMPLATES))] if env.loader else [])
        env.globals["newsdesk_story_header"] = self._story_header
        env.globals["newsdesk_listing"] = self._listing
        return env

    def _story_header(self, page: Page) -> Markup:
        story = self.stories[page.file.src_uri]
        wanted = has_story_feed(story, self.settings.today)
        calendar = self.feeds.story_calendar(story) if wanted else ""

        def header() -> Markup:
            return Markup(self.renderer.story_header(story, self.site, calendar))

        return part(self.memo, ("header", story.path), story, calendar, header)

    def _listing(self, page: Page) -> Markup:
        generated = self.generated[page.file.src_uri]
        rendered = self.renderer.render(generated.template, page.url, self.site, **generated.render_context())
        return Markup(rendered)

    @event_priority(100)  # first: the plugins reading page.meta here (tags, macros, meta) see the story's
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        uri = page.file.src_uri
        story = self.stories.get(uri)
        if story is not None:
            page.meta.update(storypages.page_meta(story, trusted=self.config.trust_authors))
            return storypages.read_by_mkdocs(page.file, story, markdown)
        generated = self.generated.get(uri)
        if generated is not None:
            page.meta.update(generated.meta)
            page.meta["title"] = html.escape(generated.title)
            if not generated.searched:
                page.meta["template"] = LISTING_TEMPLATE
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        uri = page.file.src_uri
        if uri in self.stories:
            if self.settings.allow_raw_html:
                return html
            # The allowlist (sanitize.py); the toc follows the renamed ids.
            anchors = list(page.toc)
            while anchors:
                anchor = anchors.pop()
                anchor.id = safe_id(anchor.id)
                anchors.extend(anchor.children)
            return part(self.memo, ("body", uri), self.stories[uri], html, lambda: sanitize(html))
        generated = self.generated.get(uri)
        if generated is not None:
            if not generated.searched:
                return ""  # the theme renders it, through LISTING_TEMPLATE
            return self.renderer.render(generated.template, page.url, self.site, **generated.render_context())
        return views.fill_markers(html, page.url, self.site, self.renderer)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return preview.with_banner(output, self.banner) if self.banner else output

    @event_priority(100)  # before the search plugin writes its index, the build's last large piece of work
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._cleanup()
        # Every page is written: the stories, the feeds' events, the chips and the pages' contexts are
        # needed no more, and memory they free serves the search index. Under `mkdocs serve` the loader
        # keeps its stories for the next rebuild (and the memo its parts).
        for name in ("site", "stories", "generated", "feeds", "renderer"):
            self.__dict__.pop(name, None)
        if not self.serving:
            self.loader = StoryLoader()

    def on_build_error(self, *, error: Exception) -> None:
        self._cleanup()

    def on_shutdown(self) -> None:
        self._cleanup()

    def _cleanup(self) -> None:
        scratch, self.scratch = self.scratch, None
        if scratch is not None:
            scratch.cleanup()

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
