"""The message catalogs: newsdesk's words in the site's language (MkDocs' `theme.language`).

The catalogs are gettext `.po` files in the package (`locales/<lang>/LC_MESSAGES/newsdesk.po`, made from
`newsdesk.pot` by `make messages`); a site adds a language or changes a label with a `.po` of its own under
`overrides/newsdesk/locales/`, merged over the shipped one message by message. No compiled `.mo` is kept
in git: Babel reads the `.po` and compiles it in memory, once per process for each language and override.
The words then reach the templates (Jinja's i18n extension) and the core (`text.use_translations`, which
the planning findings and the dates read) from one `Translations` object.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from newsdesk.core import text

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "newsdesk"
SOURCE_LANGUAGE = "en"
"""The language the msgids are written in: it needs no catalog."""
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*")


def catalog_path(folder: Path, language: str) -> Path:
    return folder / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages(overrides: Path | None = None) -> tuple[str, ...]:
    """The languages newsdesk can speak: English, those shipped, and those the site's overrides add."""
    found = {SOURCE_LANGUAGE}
    for folder in (LOCALES, _override_folder(overrides)):
        if folder is not None and folder.is_dir():
            found.update(p.name for p in folder.iterdir() if catalog_path(folder, p.name).is_file())
    return tuple(sorted(found))


def resolve(requested: str, overrides: Path | None = None) -> tuple[str, str]:
    """The language to build in for `theme.language` `requested` ("de", "pt-BR", "pt_BR"), and a note for
    the log when newsdesk has no catalog for it (then English). A region falls back to its language."""
    known = languages(overrides)
    wanted = (requested or SOURCE_LANGUAGE).strip().replace("-", "_")
    for candidate in (wanted, wanted.split("_")[0]):
        for language in known:
            if language.lower() == candidate.lower():
                return language, ""
    note = (
        f"newsdesk has no translation for theme.language {requested!r}: its pages and feeds are in English"
        f" (languages shipped: {', '.join(known)}; to add one, see the README's 'Languages')"
    )
    return SOURCE_LANGUAGE, note


def activate(language: str, overrides: Path | None = None) -> Translations:
    """Install `language`'s words for the core (findings, dates) and return them for the templates."""
    translations = load(language, overrides)
    text.use_translations(translations, language)
    return translations


def load(language: str, overrides: Path | None = None) -> Translations:
    """The shipped catalog of `language` with the site's override merged over it, compiled in memory."""
    override = _override_folder(overrides)
    override_po = catalog_path(override, language) if override is not None else None
    stamp = override_po.stat().st_mtime_ns if override_po is not None and override_po.is_file() else 0
    return _compiled(language, str(override_po) if stamp else "", stamp)


@lru_cache(maxsize=16)
def _compiled(language: str, override_po: str, stamp: int) -> Translations:
    """Cached per process; `stamp` (the override's mtime) makes `mkdocs serve` see an edited override."""
    catalog = read_catalog(catalog_path(LOCALES, language), language)
    if override_po:
        for message in read_catalog(Path(override_po), language):
            if message.id and message.string and not message.fuzzy:
                shipped = catalog.get(message.id, context=message.context)
                if shipped is None:
                    catalog[message.id] = message
                else:  # Catalog's item assignment would merge the two and keep the shipped words
                    shipped.string = message.string
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def read_catalog(path: Path, language: str) -> Catalog:
    """A `.po` file as Babel reads it; an empty catalog when there is none (English)."""
    if not path.is_file() or not _LANGUAGE.fullmatch(language):
        from babel.messages.catalog import Catalog

        return Catalog(locale=SOURCE_LANGUAGE, domain=DOMAIN)
    with path.open("rb") as po:
        return read_po(po, locale=language.replace("-", "_"), domain=DOMAIN)


def _override_folder(overrides: Path | None) -> Path | None:
    return overrides / "newsdesk" / "locales" if overrides is not None else None
