"""Words for people: counted nouns and the slugs made of titles, each written once for the whole package.

Counted nouns go through gettext's `ngettext` from the start, so a translation can take over every count at
once (some languages have more than two forms); until one is installed, the English forms are used.
"""

from __future__ import annotations

import gettext
import re
import unicodedata

_translations: gettext.NullTranslations = gettext.NullTranslations()

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def use_translations(translations: gettext.NullTranslations) -> None:
    """Words from `translations` (say `gettext.translation("newsdesk", localedir, ["de"])`) from now on."""
    global _translations
    _translations = translations


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
