"""The words newsdesk's scripts show (newsdesk.js, propose.js), in the site's language, and the one safe way
to put data into a page for a script (`json_script`).

The scripts have no catalog of their own: the page templates write these messages, translated from the one
gettext catalog, into a `<script type="application/json" id="nd-strings">` block, which the scripts read
when they need a word; a page without the block (an override that leaves it out) gets the English the
scripts carry. Placeholders are `%(name)s`, filled by the script. A counted noun is two messages, `_one`
and `_other`, chosen by the browser's `Intl.PluralRules` for the page's language: the forms the shipped
languages have (a language with more forms gets "other" for them).
"""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

from newsdesk.core.text import N_, gettext

SCRIPT_STRINGS = {
    "copied": N_("Copied"),
    "copy_by_hand": N_("Press Ctrl+C to copy"),
    "search": N_("Search"),
    "stories_one": N_("%(num)s story"),
    "stories_other": N_("%(num)s stories"),
    "shown": N_("%(shown)s of %(stories)s shown"),
    "problem_department": N_("Choose your department."),
    "problem_title": N_(
        "Give a title of up to 200 characters, in plain words: no HTML, and no markdown such as **bold**,"
        " `code` or [links](...)."
    ),
    "problem_date": N_("Choose the story's day (between 1970 and 2199)."),
    "problem_channels": N_("Choose at least one channel."),
    "problem_status": N_("Choose a status."),
    "problem_summary": N_(
        "The summary holds a character that cannot be published (a control or text-direction character):"
        " retype it."
    ),
    "problem_author": N_("Give the author's name on one line."),
    "problem_copy": N_(
        "The post text holds a character that cannot be published (a control or text-direction character):"
        " retype it."
    ),
    "problem_slug": N_("Use some letters or digits in the title: they name the file."),
    "problem_taken": N_("Another story of this department has this title already: change a word or two."),
    "length": N_("%(used)s characters"),
    "length_of": N_("%(used)s of %(max)s characters"),
    "length_over": N_("%(used)s of %(max)s characters: %(over)s too many for %(channel)s"),
    "to_fix_one": N_("One thing to fix before the file can be proposed: see the fields marked above."),
    "to_fix_other": N_("%(num)s things to fix before the file can be proposed: see the fields marked above."),
    "ready": N_("The file is ready."),
}
"""Each word a script shows, by the key the script asks for."""


_TAG_START = re.compile(r"\{(?=[{%#])")


def json_script(data: Any) -> Markup:
    """`data` as JSON for a `<script type="application/json">` element: no '<', '>' or '&' is written raw,
    so no value can close the element or open a comment, whatever a registry, a story or a catalog holds;
    nor '{{', '{%' or '{#', so no template engine reading the page's text (mkdocs-macros under Zensical) finds
    a tag in a value (a '{' followed by one of those is inside a string: JSON's own is followed by '"' or '}')."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(_TAG_START.sub(r"\\u007b", text))


def script_strings() -> Markup:
    """The scripts' words in the installed language, as the JSON the nd-strings block holds."""
    return json_script({key: gettext(message) for key, message in SCRIPT_STRINGS.items()})
