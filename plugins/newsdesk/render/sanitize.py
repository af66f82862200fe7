"""Story bodies, sanitised with one allowlist after markdown conversion, and the warnings check gives first.

Why: anyone who can open a pull request writes a story, and a department lead who is not a developer
approves it. Python-Markdown passes raw HTML through and `attr_list` sets any attribute, so without this a
story could run script on the site's origin (on `org.github.io`, shared with every Pages site of the
organisation), redirect readers, or take the theme's own ids (Material reads its configuration from
`#__config`). The HTML is cleaned by nh3 (Rust's ammonia), a maintained sanitiser, never by hand; this
module only holds the policy: what contributors legitimately write after markdown conversion (headings,
lists, links, images, tables, code, admonitions, footnotes, ...) and nothing that runs, embeds or
configures. `newsdesk check` converts the bodies that may hold markup the policy removes and warns, on the
line, so a contributor learns before merging; the build always sanitises, whatever check saw.

No MkDocs import: the plugin calls `sanitize` and `safe_id`, the CLI `Audit`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

import nh3

from newsdesk.core.problems import Problem, Severity
from newsdesk.core.text import counted

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from pathlib import Path

    from newsdesk.core.model import Story


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
    return None if _protocol_relative(url) else url


def _protocol_relative(url: str) -> bool:
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


# --- what check says: which markup the build will remove, and on which line of the body ---------------

_MAYBE_MARKUP = re.compile(r"<[A-Za-z!/?]|\{|^[ \t]*(?:///|--8<--)", re.MULTILINE)
"""Raw HTML, attr_list's `{...}`, pymdownx's blocks and snippets: what can make markup the policy removes."""
_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s)>]*)|^[ ]{0,3}\[[^\]\n]*\]:[ \t]*<?(\S*)", re.MULTILINE)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20]")


def _refused_url(url: str) -> bool:
    bare = _CONTROL.sub("", html.unescape(url))
    scheme = _SCHEME.match(bare)
    return _protocol_relative(bare) or (scheme is not None and scheme[1].lower() not in URL_SCHEMES)


def might_hold_markup(body: str) -> bool:
    """Cheap: whether converting the body could show markup the build removes (no means no)."""
    if ("<" in body or "{" in body or "///" in body) and _MAYBE_MARKUP.search(body):
        return True
    if "](" not in body and "]:" not in body:
        return False
    targets = (m[1] or m[2] or "" for m in _LINK_TARGET.finditer(body))
    return any(_refused_url(t) for t in targets if ":" in t or "&" in t or t.startswith(("/", "\\")))


@dataclass(frozen=True)
class Removal:
    """One piece of markup the build will remove, on a 1-based line of the body."""

    line: int
    message: str
    hint: str = ""


_WHY_TAG = {
    tag: why
    for tags, why in (
        ("script noscript template", "stories may not run script"),
        ("iframe frame frameset object embed", "stories may not embed other pages or plugins"),
        ("svg", "inline SVG can run script: publish the picture as a PNG or JPEG image"),
        ("meta", "stories may not change the page's settings (a redirect, the character set)"),
        ("base", "stories may not change where the page's links lead"),
        ("link", "stories may not load stylesheets or other resources"),
        ("style", "stories may not carry their own styles"),
        ("form input button select textarea", "stories may not hold forms"),
    )
    for tag in tags.split()
}
HINT = "use markdown: headings, lists, links, images, tables, code, admonitions and footnotes are kept"
URL_HINT = "link to a full https:// address, a mailto: address or a page of the site"


_VOID = _words("area base br col embed frame hr img input keygen link meta param source track wbr")


class _Elements(HTMLParser):
    """Every start tag of an HTML text, with its attributes (entities decoded) and its text as written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]], str]] = []
        self._inside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._inside:
            self.found.append((tag, attrs, self.get_starttag_text() or ""))
        if tag in CLEAN_CONTENT_TAGS and tag not in _VOID:
            self._inside.append(tag)  # what is inside goes with it: one warning is enough

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._inside:
            self.found.append((tag, attrs, self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._inside:
            del self._inside[self._inside.index(tag) :]


def _elements(text: str) -> list[tuple[str, list[tuple[str, str | None]], str]]:
    parser = _Elements()
    parser.feed(text)
    parser.close()
    return parser.found


_ROW, _TABLE = ("<table><tbody><tr>", "</tr></tbody></table>"), ("<table>", "</table>")
_CONTEXT = {"td": _ROW, "th": _ROW, "tr": ("<table><tbody>", "</tbody></table>"), "col": _TABLE}
_CONTEXT.update(dict.fromkeys(("tbody", "thead", "tfoot", "caption", "colgroup"), _TABLE))
"""Where nh3 keeps a table's parts: html5ever drops a <td> outside a row."""
_ATTRIBUTE_NAME = re.compile(r"[^\s\"'>/=\x00-\x1f]+")
_JUDGED = frozenset({"href", "src", "class", "style"})


def _kept(tag: str, attrs: list[tuple[str, str | None]]) -> dict[str, str]:
    """The attributes nh3 keeps on one element, asked of nh3 itself (in a table where the tag needs one)."""
    written = " ".join(
        f'{name}="{html.escape(value or "", quote=True)}"'
        for name, value in attrs
        if _ATTRIBUTE_NAME.fullmatch(name)
    )
    before, after = _CONTEXT.get(tag, ("", ""))
    for found, kept, _ in _elements(CLEANER.clean(f"{before}<{tag} {written}></{tag}>{after}")):
        if found == tag:
            return {name: value or "" for name, value in kept}
    return {}


_Found = tuple[list[str], str, str, str]
"""Needles to find a removal in the markdown with, what is removed, why, and a hint."""


def _removals(tag: str, attrs: list[tuple[str, str | None]], text: str) -> Iterable[_Found]:
    """What the policy takes off one element of the converted body."""
    if tag not in TAGS:
        content = ", with what is inside it," if tag in CLEAN_CONTENT_TAGS - _VOID else ""
        yield [f"<{tag}"], f"<{_shown(tag)}>{content}", _WHY_TAG.get(tag, "it is not a tag stories use"), HINT
        return
    allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set()) | set(ATTRIBUTE_VALUES.get(tag, {}))
    if {name for name, _ in attrs} <= allowed - _JUDGED - set(ATTRIBUTE_VALUES.get(tag, {})):
        return  # nothing nh3 could take off: no need to ask it
    kept = _kept(tag, attrs)
    for name, value in attrs:
        value = value or ""
        if name == "rel" and tag == "a":
            continue  # replaced by LINK_REL, not lost
        if name in ("href", "src") and name in allowed and name not in kept:
            raw = re.search(rf"\b{name}\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", text, re.IGNORECASE)
            written = next((g for g in raw.groups() if g), value) if raw else value
            scheme = _SCHEME.match(_CONTROL.sub("", value))
            needles = [written, value, f"{scheme[1]}:" if scheme else value.strip()[:2]]
            why = "only http, https, mailto and relative addresses are kept"
            if _protocol_relative(value):
                why = "an address starting with // leaves the site without saying so"
            yield needles, f"the address {_shown(value)}", why, URL_HINT
        elif name == "class":
            for token in sorted(set(value.split()) - set(kept.get("class", "").split())):
                why = "a class is letters, digits, - and _, starting with a letter"
                if token.startswith(("md-", "nd-")):
                    why = "classes starting md- or nd- are the theme's"
                yield [token], f"the class {_shown(token)}", why, HINT
        elif name == "style" and name in allowed:
            other = ";".join(d for d in value.split(";") if d.split(":")[0].strip().lower() != "text-align")
            if other.strip():
                yield (
                    ["style"],
                    f"the style {_shown(other.strip())}",
                    "a cell keeps its text-align alone",
                    HINT,
                )
        elif name not in kept:
            why = "event handlers run script" if name.startswith("on") else f"it is not kept on <{tag}>"
            yield [name], f"the attribute {_shown(name)}", why, HINT


def _shown(text: str, limit: int = 60) -> str:
    """Safe to print: no control characters or line breaks, not too long."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Audit:
    """Converts bodies with the site's markdown extensions and says what the build will remove."""

    def __init__(self, extensions: Sequence[Any] = (), configs: Mapping[str, Any] | None = None) -> None:
        import markdown  # type: ignore[import-untyped]  # check needs it, and only for some bodies

        self.markdown = markdown.Markdown(extensions=list(extensions), extension_configs=dict(configs or {}))

    def removed(self, body: str) -> list[Removal]:
        if not might_hold_markup(body):
            return []
        try:
            converted = self.markdown.reset().convert(body)
        except Exception as exc:  # an extension's bug: the build will meet it too; say so, do not crash
            return [
                Removal(1, f"markdown could not convert the body: {type(exc).__name__}: {_shown(str(exc))}")
            ]
        lowered = body.lower()
        cursors: dict[str, int] = {}
        found: list[Removal] = []
        for tag, attrs, text in _elements(converted):
            for needles, what, why, hint in _removals(tag, attrs, text):
                message = f"{what} will be removed when the site is built: {why}"
                found.append(Removal(_line(lowered, needles, cursors), message, hint))
        return list(dict.fromkeys(found))


def _line(lowered: str, needles: list[str], cursors: dict[str, int]) -> int:
    """The line of the first needle the body holds: its next occurrence from where the last removal was
    found, so removals come out in the order of the text (1 when no needle is found)."""
    for needle in (n.lower() for n in needles if n):
        at = lowered.find(needle, max(cursors.get("", 0), cursors.get(needle, 0)))
        if at < 0:
            at = lowered.find(needle)
        if at >= 0:
            cursors[needle], cursors[""] = at + 1, at
            return lowered.count("\n", 0, at) + 1
    return 1


def body_offset(file: Path, body: str) -> int:
    """How many lines of the file come before its body (front-matter, blank lines)."""
    try:
        text = file.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeError):
        return 0
    return text[: len(text) - len(body)].count("\n") if text.endswith(body) else 0


MAX_WARNINGS = 50
"""Warnings shown for one story, then a count: 10,000 removed tags would be 10,000 annotations."""


def story_warnings(
    stories: Iterable[Story],
    root: Path,
    extensions: Sequence[Any] = (),
    configs: Mapping[str, Any] | None = None,
) -> list[Problem]:
    """A warning on the file's line for each piece of markup the build will remove from a story."""
    found: list[Problem] = []
    audit: Audit | None = None
    for story in (story for story in stories if might_hold_markup(story.body)):
        audit = audit or Audit(extensions, configs)
        removals = audit.removed(story.body)
        offset = body_offset(root / story.path, story.body) if removals else 0
        for removal in removals[:MAX_WARNINGS]:
            line = offset + removal.line
            found.append(Problem(story.path, line, 0, removal.message, removal.hint, Severity.WARNING))
        if len(removals) > MAX_WARNINGS:
            more = len(removals) - MAX_WARNINGS
            line = offset + removals[MAX_WARNINGS].line
            message = f"and {counted(more, 'more piece')} of markup the build will remove"
            found.append(
                Problem(story.path, line, 0, message, "remove the markup above first", Severity.WARNING)
            )
    return found
