"""How story files meet MkDocs and the other plugins of a site: which stories the site publishes, what
MkDocs reads of each, and the metadata other plugins see.

- **What is published**: MkDocs marks files by `exclude_docs` and `draft_docs` before any plugin runs, and
  plugins with an earlier `on_files` may remove files; a story so left out is left out of every listing and
  feed too, and said in the log (`newsdesk check` names the pattern, `sources/exclusions.py`).
- **What MkDocs reads**: newsdesk has read and checked the file already, so MkDocs is handed the body behind a
  front-matter block of newsdesk's own. MkDocs then parses newsdesk's block (never a contributor's: a body
  that starts with `---` or with `Key: value` lines stays body) and other plugins still see a real file of
  docs_dir: its `abs_src_path` is kept, which git dates, feeds and translation plugins read.
- **What other plugins see**: the story's page.meta holds its title, summary (as `description`), tags, date
  and whether it is out yet (`draft` until published, which feed plugins such as mkdocs-rss-plugin skip),
  HTML-escaped where themes print them unescaped. Contributor text is not code: `render_macros: false` keeps
  mkdocs-macros (before or after newsdesk) from running a story's `{{ ... }}`, unless `trust_authors`.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import InclusionLevel

from newsdesk.core.problems import printable

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mkdocs.structure.files import File, Files

    from newsdesk.core.model import Story

STORY_TEMPLATE = "newsdesk/page/story.html"


def keep_only_checked(files: Files, prefix: str, checked: set[str]) -> None:
    """MkDocs copies every file it lists (following links) as it is: under the stories folder (`prefix`),
    only what newsdesk has checked stays, the valid stories and images (any other file is a problem
    anyway); files other plugins generated there are theirs."""
    for stray in [f for f in files if f.src_uri.startswith(prefix) and f.src_uri not in checked]:
        if stray.generated_by is None:
            files.remove(stray)


def left_out_note(left_out: list[Story]) -> str:
    """The log's line for the stories `exclude_docs`, `draft_docs` or a plugin left out: never silent."""
    shown = ", ".join(printable(story.path) for story in left_out[:10])
    more = f" and {len(left_out) - 10} more" if len(left_out) > 10 else ""
    return f"{len(left_out)} stories left out of the site by mkdocs.yml or a plugin: {shown}{more}"


def published(files: Files, stories: Iterable[Story], *, serving: bool) -> tuple[list[Story], list[Story]]:
    """The stories the site publishes, and those MkDocs' exclusions or another plugin left out. Under
    `mkdocs serve`, drafts (`draft_docs`) are shown, as MkDocs shows draft pages."""
    kept: list[Story] = []
    left_out: list[Story] = []
    for story in stories:
        file = files.get_file_from_path(story.src_uri)
        shown = file is not None and (
            file.inclusion.is_in_serve() if serving else file.inclusion.is_included()
        )
        (kept if shown else left_out).append(story)
    return kept, left_out


def hand_over(file: File, story: Story, *, dest_uri: str, trusted: bool) -> None:
    """Make `file` the page of `story`: out of the nav (a draft under serve stays a draft), at the story's
    address, with the body MkDocs is to read."""
    if file.inclusion is not InclusionLevel.DRAFT:
        file.inclusion = InclusionLevel.NOT_IN_NAV
    file.dest_uri = dest_uri
    source = file.abs_src_path
    file.content_string = f"---\n{json.dumps(_read_first(trusted))}\n---\n{story.body}"
    file.abs_src_path = source  # the setter above unsets it


def read_by_mkdocs(file: File, story: Story, markdown: str) -> str:
    """The page's markdown once MkDocs has read `story`'s file: the story's own body string when it is what
    MkDocs read (the plugins before newsdesk's first `on_page_markdown` may have changed it), so that the
    page, the file and the story hold one string between them to the end of the build, not three."""
    if markdown == story.body:
        markdown = story.body
    source = file.abs_src_path
    file.content_string = markdown
    file.abs_src_path = source  # the setter above unsets it
    return markdown


def _read_first(trusted: bool) -> dict[str, Any]:
    """What page.meta holds before any plugin's on_page_markdown: mkdocs-macros reads it there."""
    return {} if trusted else {"render_macros": False}


def page_meta(story: Story, *, trusted: bool) -> dict[str, Any]:
    """What a story's page.meta gets (merged over what other plugins put there). Material prints the
    title, the description and tag names unescaped (nav, `<meta>`, tags index): they are escaped here."""
    meta: dict[str, Any] = {
        "title": html.escape(story.title),
        "template": STORY_TEMPLATE,
        "date": story.start,
        "draft": story.status != "published",
        **_read_first(trusted),
    }
    if story.summary:
        meta["description"] = html.escape(story.summary)
    if story.tags:
        meta["tags"] = [html.escape(tag) for tag in story.tags]
    return meta


def rebuild_with_the_calendar(files: Files, marker: str, stories_prefix: str) -> None:
    """Under `mkdocs serve --dirty`, MkDocs rebuilds a page only when its file changed: a page holding
    newsdesk's `marker` (the home page's "This week") changes with the stories, so it is handed its own
    text as content, which MkDocs always rebuilds."""
    for file in files.documentation_pages():
        if file.generated_by is not None or file.src_uri.startswith(stories_prefix):
            continue
        text = file.content_string
        if marker in text:
            source = file.abs_src_path
            file.content_string = text
            file.abs_src_path = source
