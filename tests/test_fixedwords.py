"""Templates' fixed words (render/fixedwords.py): `_("...")` with one literal becomes a lookup when a
template is compiled, and every page shows what gettext would have shown, in any language."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from jinja2 import TemplateSyntaxError
from newsdesk.render.fixedwords import WORDS
from newsdesk.render.pages import Renderer


class Catalog(gettext.NullTranslations):
    """A language whose words are given here: what a compiled catalog answers."""

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__()
        self.words = words
        self.asked: list[str] = []

    def gettext(self, message: str) -> str:
        self.asked.append(message)
        return self.words.get(message, message)


def rendered(tmp_path: Path, source: str, catalog: Catalog, **context: object) -> str:
    (tmp_path / "t.html").write_text(source, encoding="utf-8")
    return Renderer(tmp_path, translations=catalog).fragment("t.html", **context)


def compiled(tmp_path: Path, source: str) -> str:
    (tmp_path / "t.html").write_text(source, encoding="utf-8")
    renderer = Renderer(tmp_path)
    return str(renderer.env.compile(source, raw=True))


@pytest.mark.parametrize("call", ['_("Date")', "_('Date')", 'gettext("Date")', '_( "Date" )'])
def test_a_literal_call_becomes_a_lookup(tmp_path: Path, call: str) -> None:
    code = compiled(tmp_path, "{{ " + call + " }}")
    assert WORDS in code
    assert "context.call" not in code
    assert rendered(tmp_path, "{{ " + call + " }}", Catalog({"Date": "Datum"})) == "Datum"


@pytest.mark.parametrize(
    "source",
    [
        '{{ _("%(n)d days", n=3) }}',  # values: formatted at each call
        "{{ _(word) }}",  # not a literal
        '{{ _("a" ~ "b") }}',  # an expression
        '{{ x._("Date") }}',  # an attribute, not the global
    ],
)
def test_anything_else_stays_a_call(tmp_path: Path, source: str) -> None:
    assert WORDS not in compiled(tmp_path, source)


def test_each_message_is_translated_once_and_shown_as_gettext_shows_it(tmp_path: Path) -> None:
    catalog = Catalog({"Date": "<b>Datum</b>", "100%% done": "100%% fertig"})
    source = '{% for i in range(3) %}{{ _("Date") }}|{{ _("100%% done") }}|{% endfor %}'
    # The translation is markup (the catalog is the maintainer's), `%%` one `%`, as gettext gives them.
    assert rendered(tmp_path, source, catalog) == "<b>Datum</b>|100% fertig|" * 3
    assert catalog.asked == ["Date", "100%% done"]


def test_words_and_values_still_escape_what_they_hold(tmp_path: Path) -> None:
    catalog = Catalog({"Status": "État", "%(title)s is late": "%(title)s est en retard"})
    source = '{{ _("Status") }}: {{ _("%(title)s is late", title=title) }} {{ title }}'
    assert (
        rendered(tmp_path, source, catalog, title="<script>")
        == "État: &lt;script&gt; est en retard &lt;script&gt;"
    )


@pytest.mark.parametrize("message", ["100%", "100% done", "%(n)d days"])
def test_a_message_that_gettext_refuses_is_refused_in_words(tmp_path: Path, message: str) -> None:
    with pytest.raises(ValueError, match="needs values or `%%` for a `%`"):
        rendered(tmp_path, '{{ _("' + message + '") }}', Catalog({}))


def test_the_rewritten_template_reports_errors_on_its_own_lines(tmp_path: Path) -> None:
    with pytest.raises(TemplateSyntaxError) as raised:
        rendered(tmp_path, '{{ _("Date") }}\n{{ _("Date") }}\n{{ oops( }}', Catalog({}))
    assert raised.value.lineno == 3
