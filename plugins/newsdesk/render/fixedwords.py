"""Templates' fixed words, translated once per build rather than on every render.

`{{ _("Date") }}` is a call Jinja makes through the template context each time a page shows it: a story
header holds six, and thousands of headers, chips and listings are rendered in a build. When a template is
compiled, `FixedWordsExtension` turns every `_("...")` or `gettext("...")` whose only argument is one
string literal into a lookup, `newsdesk_words["..."]`, in a `FixedWords` mapping that translates each
message the first time it is asked for. What a page shows is unchanged: the translation as markup, `%`
formatted as gettext with no values does (`%%` is one `%`). Compiled templates do not depend on the
language, so the bytecode cache stays valid across languages; a call with values (`_("%(n)d days",
n=n)`) or with anything but a literal stays a call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2.ext import Extension
from jinja2.lexer import (
    TOKEN_DOT,
    TOKEN_LBRACKET,
    TOKEN_LPAREN,
    TOKEN_NAME,
    TOKEN_RBRACKET,
    TOKEN_RPAREN,
    TOKEN_STRING,
    Token,
    TokenStream,
)
from markupsafe import Markup

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

WORDS = "newsdesk_words"
"""The global that holds the words, in every template of newsdesk's environment."""
GETTEXT_NAMES = frozenset({"_", "gettext"})
COMPILED_WITH = "fixed-words 1"
"""Changes whenever the rewriting does, so that templates compiled before are compiled again."""


class FixedWords(dict[str, Markup]):
    """Each message's translation as markup, worked out when first shown."""

    def __init__(self, translate: Callable[[str], str]) -> None:
        super().__init__()
        self._translate = translate

    def __missing__(self, message: str) -> Markup:
        translated = self._translate(message)
        try:
            words = self[message] = Markup(translated) % {}  # as gettext without values
        except (TypeError, ValueError, KeyError) as exc:
            # Said in a ValueError: Jinja would take a TypeError or KeyError of a lookup for "undefined".
            raise ValueError(
                f"{translated!r} (for {message!r}) needs values or `%%` for a `%`: {exc}"
            ) from exc
        return words


class FixedWordsExtension(Extension):
    """Rewrites `_("...")` into `newsdesk_words["..."]` as a template is compiled (see the module's text)."""

    def filter_stream(self, stream: TokenStream) -> Iterator[Token]:
        tokens = list(stream)  # one template's
        at = 0
        while at < len(tokens):
            if _literal_call(tokens, at):
                name, message = tokens[at], tokens[at + 2]
                yield Token(name.lineno, TOKEN_NAME, WORDS)
                yield Token(name.lineno, TOKEN_LBRACKET, "[")
                yield message
                yield Token(message.lineno, TOKEN_RBRACKET, "]")
                at += 4
            else:
                yield tokens[at]
                at += 1


def _literal_call(tokens: list[Token], at: int) -> bool:
    """Whether `_("...")` starts at `tokens[at]`: the name, `(`, one string, `)`; not an attribute."""
    return (
        at + 3 < len(tokens)
        and tokens[at].type == TOKEN_NAME
        and tokens[at].value in GETTEXT_NAMES
        and tokens[at + 1].type == TOKEN_LPAREN
        and tokens[at + 2].type == TOKEN_STRING
        and tokens[at + 3].type == TOKEN_RPAREN
        and (at == 0 or tokens[at - 1].type != TOKEN_DOT)
    )
