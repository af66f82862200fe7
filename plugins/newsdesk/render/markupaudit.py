"""What `newsdesk check` says before the build sanitises: which markup the allowlist will remove from a
story's body, and on which line of the body.

`might_hold_markup` is the cheap test (no means no); `Audit` converts a body with the site's markdown
extensions, parses every element of the result, asks nh3 itself which attributes it keeps, and gives a
`Removal` for each tag, attribute, class, style or address that goes, with why and a hint, found back in
the markdown so the line is the one the contributor wrote.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from newsdesk.render.allowlist import (
    ATTRIBUTE_VALUES,
    ATTRIBUTES,
    CLEAN_CONTENT_TAGS,
    CLEANER,
    TAGS,
    URL_SCHEMES,
    protocol_relative,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence


_MAYBE_MARKUP = re.compile(r"<[A-Za-z!/?]|\{|^[ \t]*(?:///|--8<--)", re.MULTILINE)
"""Raw HTML, attr_list's `{...}`, pymdownx's blocks and snippets: what can make markup the policy removes."""
_LINK_TARGET = re.compile(r"\]\(\s*<?([^\s)>]*)|^[ ]{0,3}\[[^\]\n]*\]:[ \t]*<?(\S*)", re.MULTILINE)
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20]")


def _refused_url(url: str) -> bool:
    bare = _CONTROL.sub("", html.unescape(url))
    scheme = _SCHEME.match(bare)
    return protocol_relative(bare) or (scheme is not None and scheme[1].lower() not in URL_SCHEMES)


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


_VOID = frozenset({"area", "base", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
                   "meta", "param", "source", "track", "wbr"})  # fmt: skip


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
            if protocol_relative(value):
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
