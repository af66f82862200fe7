"""The allowlist story bodies are sanitised with after markdown conversion, and nh3's `Cleaner` holding it.

What contributors legitimately write after markdown conversion (headings, lists, links, images, tables,
code, admonitions, footnotes, ...) and nothing that runs, embeds or configures: TAGS and ATTRIBUTES,
the URL schemes (no protocol-relative addresses), the classes a story may use, and `safe_id`, which
renames an id that could be the theme's. `sanitize` cleans one body with `CLEANER`; nh3 (Rust's ammonia)
does the cleaning, never newsdesk by hand. Why the policy exists is in `sanitize.py`.
"""

from __future__ import annotations

import re

import nh3


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TAGS = _words(
    "a abbr b blockquote br caption code col colgroup dd del details div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup "
    "table tbody td tfoot th thead time tr u ul var wbr"
)
CLEAN_CONTENT_TAGS = _words(
    "script style template noscript iframe frame frameset object embed svg math textarea title"
)
"""Removed with everything inside them; any other tag outside TAGS goes, and its text stays."""
_CELL = {"align", "colspan", "rowspan", "style"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": _CELL | {"scope"},
    "td": set(_CELL),
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "time": {"datetime"},
    "del": {"datetime"},
    "ins": {"datetime"},
}
"""No `on*`, no `style` but a cell's text-align (Python-Markdown's tables write it), no `name`: a name
can stand for an element in `document.<name>` as an id can, and stories have no use for one."""
ATTRIBUTE_VALUES = {"img": {"loading": {"lazy", "eager"}}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""And relative addresses, but not protocol-relative ones (`//host/x`, `\\\\host`): they leave the site
as a full address does, without saying so; a story writes `https://host/x` instead."""
LINK_REL = "noopener noreferrer"
ID_PREFIX = "story-"
CLASS = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
THEME_CLASSES = frozenset({"md-button", "md-button--primary"})
"""The only classes of Material's (`md-`) or newsdesk's (`nd-`) own that a story may use."""


def safe_id(value: str) -> str:
    """An id (or `#fragment`) a story set, renamed when it could be the theme's: Material's own all start
    with `_` (`__config`, `__drawer`, `__search`, `__toc`, `__palette_0`, and the ones its script numbers,
    `__nav_2`, `__tabbed_1_1`, `__code_0`), so every id starting with `_` gets ID_PREFIX. Other ids, such
    as toc's `some-heading` and the footnotes' `fn:1`, stay as they are, so permalinks keep working."""
    return ID_PREFIX + value if value.startswith("_") else value


def _safe_class(value: str) -> str | None:
    kept = [
        token
        for token in value.split()
        if CLASS.fullmatch(token) and (not token.startswith(("md-", "nd-")) or token in THEME_CLASSES)
    ]
    return " ".join(kept) or None


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        return _safe_class(value)
    if attribute == "id":
        return safe_id(value)
    if attribute == "href" and value.startswith("#"):
        return "#" + safe_id(value[1:])  # so footnotes and permalinks still reach their renamed ids
    return value


_IGNORED_IN_URL = re.compile(r"[\t\n\r]")
_LEADING = re.compile(r"^[\x00-\x20]+")


def _relative_url(url: str) -> str | None:
    """Relative addresses stay; protocol-relative ones go (browsers read `/\\` and `\\\\` as `//`)."""
    return None if protocol_relative(url) else url


def protocol_relative(url: str) -> bool:
    """Whether `url` leaves the site without naming a scheme (`//host/x`, `\\\\host`), as browsers read it."""
    bare = _LEADING.sub("", _IGNORED_IN_URL.sub("", url))  # what browsers ignore in an address
    return bare[:2] in ("//", "\\\\", "/\\", "\\/")


CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(CLEAN_CONTENT_TAGS),
    attributes=ATTRIBUTES,
    attribute_filter=_attribute_filter,
    strip_comments=True,
    link_rel=LINK_REL,
    tag_attribute_values=ATTRIBUTE_VALUES,
    url_schemes=set(URL_SCHEMES),
    filter_style_properties={"text-align"},
    url_relative=_relative_url,
)


def sanitize(body_html: str) -> str:
    """A story's HTML with everything outside the allowlist removed and theme ids renamed."""
    return CLEANER.clean(body_html)
