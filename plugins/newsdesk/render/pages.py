"""Renders newsdesk's HTML with an autoescaping Jinja environment; what a generated page is.

Templates live in the package under `templates/newsdesk/`; a file of the same path under the site's
`overrides/` folder wins, the way Material's own `custom_dir` overrides work.
"""

from __future__ import annotations

import gettext as gnu_gettext
from collections.abc import Mapping, MutableMapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    Template,
    select_autoescape,
)
from markupsafe import Markup

from newsdesk.core.dates import DATE_FILTERS
from newsdesk.core.model import STATUSES
from newsdesk.core.site import calendar_data_url
from newsdesk.core.text import N_, gettext, slugify
from newsdesk.planning.findings.perstory import copy_length
from newsdesk.render.fixedwords import COMPILED_WITH, WORDS, FixedWords, FixedWordsExtension
from newsdesk.render.memo import part
from newsdesk.render.scriptstrings import script_strings
from newsdesk.render.statuswords import status_word

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from jinja2.bccache import Bucket

    from newsdesk.core.model import Story
    from newsdesk.core.site import Site
    from newsdesk.render.memo import Memo

TEMPLATES = Path(__file__).parent / "templates"

STATUS_LABELS = {
    "idea": N_("Idea"),
    "draft": N_("Draft"),
    "review": N_("In review"),
    "scheduled": N_("Scheduled"),
    "published": N_("Published"),
    "cancelled": N_("Cancelled"),
}
assert tuple(STATUS_LABELS) == STATUSES


class StatusLabels(Mapping[str, str]):
    """`status_labels` in templates: each status's label in the site's language, read when it is shown."""

    def __getitem__(self, status: str) -> str:
        return gettext(STATUS_LABELS[status])

    def __iter__(self) -> Iterator[str]:
        return iter(STATUS_LABELS)

    def __len__(self) -> int:
        return len(STATUS_LABELS)


ROOT = "<nd-root/>"
"""Where a part rendered once for many pages (a chip) holds the way from its page back to the site root,
filled in when the page is done: autoescaping turns every '<' of a value into `&lt;`, so nothing a story
or the registry holds can spell it."""


@dataclass(frozen=True)
class GeneratedPage:
    """A page that exists only in the build: its address, title, template and what the template gets."""

    src_uri: str
    title: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    in_nav: bool = False
    meta: Mapping[str, Any] = field(default_factory=dict)
    """Front-matter the theme reads, such as Material's `hide: [navigation, toc]`."""
    later: Callable[[], Mapping[str, Any]] | None = None
    """More of the context, worked out only when the page is rendered and let go after: for the pages
    whose context is large and needed nowhere else (a past month's report: its findings and charts)."""

    def render_context(self) -> Mapping[str, Any]:
        """What the template gets: `context`, and what `later` works out now."""
        return {**self.context, **self.later()} if self.later is not None else self.context

    @property
    def searched(self) -> bool:
        """Whether the page is in the site's search (`search: exclude` in its meta says not): one that is
        not, a listing of stories, is rendered while the theme writes it, never kept in page.content."""
        return not self.meta.get("search", {}).get("exclude")


def to_root(page_url: str) -> str:
    """The way from the page at `page_url` back to the site root: `../` for each folder it is in."""
    return "../" * page_url.count("/")


def relative_url(target: str, page_url: str) -> str:
    """`target` (a site-root path such as `departments/hr/`) as seen from the page at `page_url`.

    The same answer as `posixpath.relpath` (tests/test_pages.py holds them to it), by splitting on '/':
    a 10,000-story build asks this 80,000 times, and relpath's normalising made it a second of the build.
    """
    slash = page_url.find("/")
    if slash < 0:  # a page at the root
        return target or "./"
    if not target.startswith(page_url[: slash + 1]):  # most links: nothing in common, up to the root
        return to_root(page_url) + target
    base = page_url.split("/")[:-1]  # the page's folder: "a/b/" -> [a, b]; "a/b.html" -> [a]
    parts = target.split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    relative = "/".join([".."] * (len(base) - common) + parts[common:])
    return relative or "./"


class CompiledTemplates(BytecodeCache):
    """Newsdesk's templates as compiled: in memory from one rebuild of `mkdocs serve` to the next (each
    makes a new Renderer, since a site may have changed its overrides), and in Jinja's own per-user cache
    folder from one build to the next (`FileSystemBytecodeCache`: a folder only its user may open), as
    Python keeps its bytecode. Jinja compares each template's source with the one it compiled, so an
    edited template, or an override, is compiled again and no other. A cache folder that cannot be used
    leaves the memory one: it only ever saves time."""

    def __init__(self, folder: Path | None = None, *, on_disk: bool = True) -> None:
        self._code: dict[str, bytes] = {}
        self._disk: FileSystemBytecodeCache | None = None
        if on_disk:
            try:
                self._disk = FileSystemBytecodeCache(str(folder) if folder else None)
            except (OSError, RuntimeError):  # Jinja refuses a temporary folder others could write to
                self._disk = None

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        # What newsdesk's environment does to a template as it compiles it (fixedwords.py) is part of the
        # key: code compiled by an earlier newsdesk, in the per-user folder, is never run by a later one.
        return super().get_cache_key(name, f"{filename}|{COMPILED_WITH}")

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self._disk is not None:
            with suppress(OSError, ValueError, EOFError):
                self._disk.load_bytecode(bucket)
            if bucket.code is not None:
                self._code[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
        if self._disk is not None:
            with suppress(OSError):
                self._disk.dump_bytecode(bucket)


def _direct_gettext(translations: gnu_gettext.NullTranslations) -> dict[str, Callable[..., Markup]]:
    """gettext, ngettext and `_` as Jinja's newstyle ones behave in an autoescaping environment (the
    translation is markup, every value filled in is escaped, `%` always formats), called directly: Jinja's
    own pass through the template context, twice for `_`, and cost a story header a third of its time."""

    def gettext(__string: str, **variables: Any) -> Markup:
        return Markup(translations.gettext(__string)) % variables

    def ngettext(__singular: str, __plural: str, __num: int, **variables: Any) -> Markup:
        variables.setdefault("num", __num)
        return Markup(translations.ngettext(__singular, __plural, __num)) % variables

    return {"gettext": gettext, "_": gettext, "ngettext": ngettext}


class _Environment(Environment):
    """Jinja's environment with each template's globals one flat dict: Jinja chains them to the
    environment's (a ChainMap, which Python walks key by key) and copies them into every render's
    context. newsdesk sets its globals before it loads a template, so a flat copy misses nothing."""

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


class Renderer:
    """One autoescaping Jinja environment for every page newsdesk writes."""

    def __init__(
        self,
        overrides: Path | None = None,
        compiled: CompiledTemplates | None = None,
        translations: gnu_gettext.NullTranslations | None = None,
        memo: Memo | None = None,
    ) -> None:
        search = [str(overrides)] if overrides and overrides.is_dir() else []
        self.env = _Environment(
            # {% trans %} and _(): newstyle gettext fills %(name)s itself, so every value is still escaped.
            extensions=["jinja2.ext.i18n", FixedWordsExtension],
            loader=FileSystemLoader([*search, str(TEMPLATES)]),
            bytecode_cache=compiled,
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # One Renderer per build (on_config makes a new one on every `mkdocs serve` rebuild), so
            # checking each template's mtime on every render, thousands of times a build, buys nothing.
            auto_reload=False,
        )
        self.env.policies["ext.i18n.trimmed"] = True  # a {% trans %} over several lines is one msgid
        translations = translations or gnu_gettext.NullTranslations()
        self.env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
        self.env.globals.update(_direct_gettext(translations))
        self.env.globals[WORDS] = FixedWords(translations.gettext)  # _("...") in templates (fixedwords.py)
        self.env.globals["status_labels"] = StatusLabels()
        self.env.globals["status_word"] = status_word  # a status inside a sentence ("still a draft")
        self.env.globals["copy_length"] = copy_length
        self.env.globals["script_strings"] = script_strings  # the nd-strings block's words, when rendered
        self.env.filters.update(DATE_FILTERS)  # "Thursday 3 December 2026", in the site's language
        self._chips: Chips | None = None
        self.memo = memo
        """Under `mkdocs serve`, the chips of the build before (memo.py)."""
        self._templates: dict[str, Template] = {}  # auto_reload is off: Jinja's own cache, without its lock

    def template(self, name: str) -> Template:
        found = self._templates.get(name)
        if found is None:
            found = self._templates[name] = self.env.get_template(name)
        return found

    def render(self, template: str, page_url: str, site: Site, **context: Any) -> str:
        def url(target: str) -> str:
            return relative_url(site.page_path(target), page_url)

        chips = self._chips
        if chips is None or chips.site is not site:
            chips = self._chips = Chips(self.env, site, self.memo)
        html = self.template(template).render(url=url, site=site, page_url=page_url, chip=chips, **context)
        return html.replace(ROOT, to_root(page_url)) if ROOT in html else html

    def fragment(self, template: str, **context: Any) -> str:
        """A template that links nowhere, such as the problems `mkdocs serve` shows on every page."""
        return self.template(template).render(**context)

    def story_header(self, story: Story, site: Site, calendar: str = "") -> str:
        """The header above a story's body; `calendar`, its one-event iCalendar text, for the "Add to
        calendar" button (none without)."""
        return self.render(
            "newsdesk/story_header.html",
            site.page_path(story.url),
            site,
            story=story,
            add_to_calendar=calendar_data_url(calendar) if calendar else "",
            calendar_file=f"{slugify(story.slug) or 'story'}.ics",
        )


class Chips:
    """`chip(story, past=False, note='')` for the calendar templates: the `chip` macro of
    `partials/chip.html`, rendered once per story, state and note and reused on every page that lists it
    (a story is on its month, its department's page, each of its channels' pages and the agenda). Its link
    starts at `ROOT`, which `Renderer.render` turns into the way back from the page it lands on."""

    def __init__(self, env: Environment, site: Site, memo: Memo | None = None) -> None:
        self.site = site
        self.memo = memo
        self._done: dict[tuple[str, bool, str], Markup] = {}

        def url(target: str) -> Markup:
            return Markup(ROOT) + site.page_path(target)  # the path escaped, as any value

        module = env.get_template("newsdesk/partials/chip.html").make_module({"url": url, "site": site})
        self._macro: Callable[..., str] = module.chip  # type: ignore[attr-defined]  # the template's macro

    def __call__(self, story: Story, past: bool = False, note: str = "") -> Markup:
        key = (story.path, past, note)
        done = self._done.get(key)
        if done is None:

            def make() -> Markup:
                return Markup(self._macro(story, past=past, note=note))

            done = self._done[key] = part(self.memo, ("chip", *key), story, None, make)
        return done
