"""Words for people: counted nouns, translated messages and the slugs made of titles, each written once
for the whole package.

Messages and counted nouns go through gettext from the start, so a translation can take over every one at
once (some languages have more than two forms of a counted noun); until one is installed, the English
forms are used. The translations and their language are installed once per build (render/i18n.py reads
the catalogs); the core itself reads no file.
"""

from __future__ import annotations

import gettext as gnu
import re
import unicodedata

_translations: gnu.NullTranslations = gnu.NullTranslations()
_language = "en"

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def use_translations(translations: gnu.NullTranslations, language: str = "en") -> None:
    """Words from `translations`, and dates in `language` (core/dates.py), from now on: the build installs
    the site's language once, before it writes anything (render/i18n.py)."""
    global _translations, _language
    _translations = translations
    _language = language


def language() -> str:
    """The language installed with `use_translations`: a code Babel knows, such as "de" or "pt_BR"."""
    return _language


def gettext(message: str, **values: object) -> str:
    """`message` in the installed language, then `%(name)s` placeholders filled from `values`, so that a
    translation may move them (Jinja's newstyle gettext does the same in templates)."""
    translated = _translations.gettext(message)
    return translated % values if values else translated


def ngettext(singular: str, plural: str, count: int, **values: object) -> str:
    """The form of a counted message that agrees with `count` in the installed language ("%(num)d day ago",
    "%(num)d days ago"), `%(num)d` the count and other placeholders from `values`: Jinja's newstyle
    ngettext does the same, so code and templates write counted messages alike."""
    return _translations.ngettext(singular, plural, count) % {"num": count, **values}


def N_(message: str) -> str:  # the name the message extractor looks for
    """Marks `message` for the catalog where it is defined; `gettext` translates it where it is used."""
    return message


def form(count: int, singular: str, plural: str) -> str:
    """The form of a word that agrees with `count`: form(1, "remains", "remain") is "remains"."""
    return _translations.ngettext(singular, plural, count)


def counted(count: int, singular: str, plural: str = "") -> str:
    """`count` and the noun in the form that count takes: "1 story", "2 stories", "0 warnings"."""
    return f"{count} {form(count, singular, plural or singular + 's')}"


def slugify(text: str, max_length: int = 60) -> str:
    """Lower-case ASCII letters and digits (café -> cafe, straße -> strasse), other runs one hyphen, at most
    `max_length` characters and never ending in a hyphen; empty when nothing of `text` is left."""
    if len(text) <= max_length and _SLUG.fullmatch(text):  # most calls: a slug already, which stays as it is
        return text
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")[:max_length].rstrip("-")
