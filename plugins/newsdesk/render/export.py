"""A newsdesk site as ordinary files, for an engine that has no newsdesk plugin (Zensical).

The engine converts markdown itself and runs no plugin, so everything the plugin does at build time is done
here first, by the same functions: the generated pages (calendar, months, departments, channels, dashboard,
subscribe, propose, nudge) rendered by the same `Renderer` into markdown files that hold one block of HTML;
each story as its header and its body, converted with the site's markdown extensions and sanitised with
the same allowlist (`sanitize`), since the engine would otherwise publish the body's raw HTML; the home
page's "this week" marker filled in; and the files the plugin adds (assets, feeds, stories.json, the
reports, the schema) written beside them. The engine then builds that folder like any docs folder.

What differs from the plugin's pages, because the engine renders them: a story's headings are inside its
HTML block, so they are not in the page's table of contents, and links between markdown files inside a
story body are not rewritten to page addresses.
"""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING, Any

from newsdesk.render.allowlist import sanitize
from newsdesk.render.views import HOME_MARKER, home_context

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence

    from newsdesk.core.model import Story
    from newsdesk.core.site import Site
    from newsdesk.render.pages import GeneratedPage, Renderer


_SCRIPT = re.compile(r"(<script\b.*?</script>)", re.DOTALL | re.IGNORECASE)
_FENCE_START = re.compile(r"^([ \t>]*)([`~])", re.MULTILINE)
NO_MACROS = {"render_macros": False}
"""Zensical runs mkdocs-macros, when mkdocs.yml lists it, as a markdown extension honouring this, as the
plugin does: nothing on newsdesk's pages is a site author's template."""


def inert(text: str) -> str:
    """HTML (or an escaped value printed as HTML) that the engine's markdown preprocessors, which read a
    page's whole text before any raw HTML is set aside, find nothing in: Zensical runs mkdocs-macros and
    markdownextradata (Jinja: `{{ ... }}` would run code on the build machine) and fenced code (a code
    block's ``` lines would be re-read) that way. Braces and a line's first backtick or tilde become
    character references, which mean the same in HTML; JSON data blocks are `json_script`'s."""
    parts = _SCRIPT.split(text)
    for at in range(0, len(parts), 2):
        braces = parts[at].replace("{", "&#123;").replace("}", "&#125;")
        parts[at] = _FENCE_START.sub(lambda m: f"{m[1]}&#{ord(m[2])};", braces)
    return "".join(parts)


def front_matter(meta: Mapping[str, Any]) -> str:
    """A front-matter block any engine reads back as `meta`: JSON, which YAML reads as itself."""
    return f"---\n{json.dumps(dict(meta), ensure_ascii=False)}\n---\n\n"


def html_block(html: str, kind: str) -> str:
    """HTML the engine's markdown must leave as it is: one element from the start of a line, so
    Python-Markdown keeps the whole of it as one raw block, blank lines included; made `inert`."""
    return f'<div class="nd-export nd-export--{kind}">\n{inert(html.strip())}\n</div>\n'


class StoryBodies:
    """Story bodies converted as the build converts them, with the site's markdown extensions, then
    sanitised (unless the site allows raw HTML)."""

    def __init__(
        self, extensions: Sequence[Any], configs: Mapping[str, Any] | None, *, raw_html: bool = False
    ) -> None:
        import markdown  # type: ignore[import-untyped]  # only this path converts markdown itself

        self.markdown = markdown.Markdown(extensions=list(extensions), extension_configs=dict(configs or {}))
        self.raw_html = raw_html

    def html(self, story: Story) -> str:
        converted: str = self.markdown.reset().convert(story.body)
        return converted if self.raw_html else sanitize(converted)


def story_files(
    site: Site,
    renderer: Renderer,
    bodies: StoryBodies,
    calendar: Callable[[Story], str],
) -> Iterator[tuple[str, str]]:
    """Each story as `(path in the docs folder, markdown)`: at `stories/<department>/<slug>.md`, which an
    engine with directory URLs publishes at the story's address. `calendar(story)` is its "Add to
    calendar" event, or '' for none."""
    for story in site.stories:
        header = renderer.story_header(story, site, calendar(story))
        # Zensical prints the title and description unescaped, as Material does: escaped as the plugin does.
        meta: dict[str, Any] = {"title": inert(html.escape(story.title)), **NO_MACROS}
        if story.summary:
            meta["description"] = inert(html.escape(story.summary))
        text = (
            front_matter(meta) + html_block(header, "header") + "\n" + html_block(bodies.html(story), "body")
        )
        yield f"{story.url.rstrip('/')}.md", text


def generated_files(
    site: Site, renderer: Renderer, pages: Sequence[GeneratedPage]
) -> Iterator[tuple[str, str]]:
    """Each generated page as `(its src_uri, markdown)`, rendered by the templates the plugin uses."""
    for page in pages:
        page_url = page.src_uri[: -len("index.md")]
        rendered = renderer.render(page.template, page_url, site, **page.render_context())
        meta = {**page.meta, "title": inert(html.escape(page.title)), **NO_MACROS}
        yield page.src_uri, front_matter(meta) + html_block(rendered, "page")


def fill_marker(markdown_text: str, page_url: str, site: Site, renderer: Renderer) -> str:
    """A page of the site's own with the home page's marker line, filled with "this week"."""
    if HOME_MARKER not in markdown_text:
        return markdown_text
    block = html_block(
        renderer.render("newsdesk/this_week.html", page_url, site, **home_context(site)), "week"
    )
    return markdown_text.replace(HOME_MARKER, "\n" + block)
