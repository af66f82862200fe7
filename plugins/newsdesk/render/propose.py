"""The "propose a story" page (`/contribute/new/`): a form that writes a story file a contributor can hand
to the forge without git.

The page is rendered complete without JavaScript: it explains the manual route (the folder, the file
name, a template to paste) with a link to each department's folder on the forge. `assets/propose.js`
then shows the form, validates it in the browser against the site's own schema (`sources/schema.py`,
the rules of `newsdesk check` a schema can say), and builds the file and the forge's prefilled
"new file" link. Everything the script needs is one JSON block written here, so that the rules, the
channels' limits and the body a new story starts with have one source each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.core.model import STATUSES
from newsdesk.core.site import PROPOSE_PAGE, STORIES_JSON
from newsdesk.core.text import gettext
from newsdesk.planning.findings.perstory import URL
from newsdesk.render.pages import GeneratedPage
from newsdesk.render.scriptstrings import json_script
from newsdesk.sources.frontmatter import STORY_BODY
from newsdesk.sources.schema import SCHEMA_PATH, story_schema

if TYPE_CHECKING:
    from newsdesk.core.forge import Forge
    from newsdesk.core.site import Site

FIELDS = ("department", "title", "date", "time", "channels", "status", "summary", "author")
"""The form's fields, which are also the query parameters that prefill it (`copy-<channel>` besides)."""


def propose_page(site: Site, forge: Forge | None) -> GeneratedPage:
    registry = site.registry
    stories_dir = site.settings.stories_dir
    folder = f"{forge.docs_path if forge else ''}{stories_dir}"
    data = {
        "schema": story_schema(registry),
        "departments": [{"key": d.key, "name": d.name} for d in registry.departments.values()],
        "channels": [
            {"key": c.key, "name": c.name, "max_length": c.max_length, "url_length": c.url_length}
            for c in registry.channels.values()
        ],
        "statuses": list(STATUSES),
        "fields": list(FIELDS),
        "link_pattern": URL.pattern,
        "body": STORY_BODY,
        "folder": folder,
        "forge": None,
    }
    folders = {}
    if forge is not None:
        name, text = forge.parameters
        data["forge"] = {
            "kind": forge.kind,
            "page": forge.new_file_page(stories_dir),
            "name": name,
            "text": text,
        }
        folders = {key: forge.new_file_page(f"{stories_dir}/{key}") for key in registry.departments}
    return GeneratedPage(
        f"{PROPOSE_PAGE}index.md",
        gettext("Propose a story"),
        "newsdesk/propose.html",
        {
            "data": json_script(data),
            "forge": forge,
            "folders": folders,
            "folder": folder,
            "stories_json": STORIES_JSON,
            "schema_path": SCHEMA_PATH,
            "body": STORY_BODY,
        },
    )
