"""newsdesk in the site's language: the catalogs are complete and in step with the sources, the language
and the first weekday follow theme.language, and a real build of the demo in each shipped language leaves
no English label on its pages (the calendar, a month, a department, the dashboard, the propose, subscribe
and nudge pages, a story) and names its feeds in the language (one build per language)."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import sys
from pathlib import Path

import feedparser
import icalendar
import pytest
from babel.dates import format_date
from babel.messages.pofile import read_po
from htmltree import parse
from newsdesk.core import dates
from newsdesk.mkdocs.config import NewsdeskConfig, settings_from
from newsdesk.render import i18n
from sitekit import REPO, mkdocs_build

sys.path.insert(0, str(REPO / "tools"))
import messages  # tools/messages.py: the extraction `make messages` runs

SHIPPED = ("de", "es", "fr", "nl")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
TODAY = dt.date(2026, 11, 23)  # sitekit's NEWSDESK_TODAY, a Monday
TODAY_WRITTEN = {
    "de": "Montag, 23. November 2026",
    "es": "lunes, 23 de noviembre de 2026",
    "fr": "lundi 23 novembre 2026",
    "nl": "maandag 23 november 2026",
}
OVERRIDE = ("Show all", "fr", "Tout voir")
"""The one label the French build's site overrides from overrides/newsdesk/locales/."""


def _catalog(language: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    path = i18n.catalog_path(i18n.LOCALES, language)
    with path.open("rb") as po:
        catalog = read_po(po, locale=language)
    return [(_forms(m.id), _forms(m.string)) for m in catalog if m.id]


def _forms(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _pot() -> set[str | tuple[str, ...]]:
    with i18n.LOCALES.joinpath("newsdesk.pot").open("rb") as pot:
        return {m.id for m in read_po(pot) if m.id}


def test_the_pot_is_in_step_with_the_sources() -> None:
    extracted = {m.id for m in messages.extract() if m.id}
    assert extracted == _pot(), "run `make messages` and translate what it adds"


def test_english_and_the_shipped_languages_are_offered() -> None:
    assert i18n.languages() == ("de", "en", "es", "fr", "nl")


@pytest.mark.parametrize("language", SHIPPED)
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    catalog = _catalog(language)
    assert {ids if len(ids) > 1 else ids[0] for ids, _ in catalog} == _pot()
    for ids, strings in catalog:
        assert all(strings), f"{language}: {ids[0]!r} is not translated"
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == set(PLACEHOLDER.findall(ids[-1])), (language, ids)
        if re.fullmatch(r"[EdMy ,.']+", ids[0]):  # a date pattern: a CLDR pattern that formats
            assert format_date(TODAY, strings[0], locale=language)


def test_a_language_without_a_catalog_falls_back_to_english_and_says_so() -> None:
    assert i18n.resolve("de") == ("de", "")
    assert i18n.resolve("de-AT") == ("de", "")
    assert i18n.resolve("pt-BR")[0] == "en"
    note = i18n.resolve("pt-BR")[1]
    assert "pt-BR" in note and "de, en, es, fr, nl" in note


def test_a_site_override_adds_a_language(tmp_path: Path) -> None:
    po = i18n.catalog_path(tmp_path / "newsdesk" / "locales", "pt")
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: pt\\n"\n\nmsgid "Calendar"\nmsgstr "Calendário"\n')
    assert i18n.resolve("pt-BR", tmp_path) == ("pt", "")
    assert i18n.load("pt", tmp_path).gettext("Calendar") == "Calendário"


def test_dates_follow_the_language_whatever_the_machine() -> None:
    assert dates.long_date(TODAY) == "Monday 23 November 2026"  # English, as before
    assert dates.weekday_name(TODAY, language="fr") == "lundi"
    assert dates.month_name(TODAY, language="de") == "November"


def _settings_first_weekday(language: str, option: str = "") -> int:
    options = NewsdeskConfig()
    options.load_dict({"first_weekday": option} if option else {})
    errors, _ = options.validate()
    assert not errors
    return settings_from(options, "site", {"NEWSDESK_TODAY": "2026-11-23"}, language=language).first_weekday


def test_the_first_weekday_is_the_locales_unless_the_option_says() -> None:
    assert _settings_first_weekday("en") == 0  # Monday: the fixtures' weeks stay as they were
    assert _settings_first_weekday("pt_BR") == 6  # Sunday, as CLDR has it for Brazil
    assert _settings_first_weekday("pt_BR", "monday") == 0


@pytest.fixture(scope="module", params=SHIPPED)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The demo, copied as the browser tests copy it, built with theme.language set: one build a language."""
    language: str = request.param
    root = tmp_path_factory.mktemp(f"demo-{language}") / "repo"
    ignore = shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "test-artifacts", ".*cache")
    shutil.copytree(REPO, root, ignore=ignore)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  language: en\n" in text
    config.write_text(text.replace("\n  language: en\n", f"\n  language: {language}\n"), encoding="utf-8")
    msgid, overridden, string = OVERRIDE
    if language == overridden:
        po = i18n.catalog_path(root / "overrides" / "newsdesk" / "locales", language)
        po.parent.mkdir(parents=True)
        po.write_text(
            f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n\nmsgid "{msgid}"\nmsgstr "{string}"\n'
        )
    result = mkdocs_build(root)
    assert result.ok, result.log
    return language, root / "site"


def _english_labels(language: str) -> list[str]:
    """The English text of every message the language translates differently, cut at its placeholders
    and tags: the pieces of eight characters or more, which no German, French, Spanish or Dutch page
    holds by chance as whole words (Spanish "Calendario" holds "Calendar", not as a word). A piece the
    translation keeps as it is anywhere (a command, a file name, `status: published`) is no evidence."""
    catalog = _catalog(language)
    kept = " ".join(PLACEHOLDER.sub(" ", string) for _, strings in catalog for string in strings)
    pieces = set()
    for ids, strings in catalog:
        if ids == strings:
            continue  # the same word in both (Agenda, Status)
        for message in ids:
            for piece in re.split(r"%\(\w+\)[sd]|<[^>]+>", message):
                piece = piece.strip(' .,:;"')
                if len(piece) >= 8 and not re.search(rf"\b{re.escape(piece)}\b", kept):
                    pieces.add(piece)
    return sorted(pieces)


def _content_text(path: Path) -> str:
    """The words of the page's content, less the stories' own titles and the registry's names (the demo's
    are English)."""
    page = path.read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    article = re.sub(r'<span class="nd-chip__title">.*?</span>', " ", article)
    article = re.sub(r"<(pre|script)\b.*?</\1>", " ", article, flags=re.S)  # a file's text, a script's data
    article = re.sub(
        r"<code\b.*?</code>|[\w.-]+\.(?:ics|xml)\b", " ", article, flags=re.S
    )  # an address, a file
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)))


PAGES = (
    "calendar/index.html",
    "calendar/2026/12/index.html",
    "departments/hr/index.html",
    "dashboard/index.html",
    "contribute/new/index.html",
    "subscribe/index.html",
    "nudge/index.html",
)
STORY = "stories/hr/celebrating-25-years-with-margaret-o-neill/index.html"
"""A story with post copy: its header and copy are newsdesk's words, its body the demo's English."""


def test_no_english_label_remains(built: tuple[str, Path]) -> None:
    language, site = built
    for name in PAGES:
        words = _content_text(site / name)
        left = [p for p in _english_labels(language) if re.search(rf"\b{re.escape(p)}\b", words)]
        assert not left, f"{language} {name}: English left: {left}"


def test_the_page_says_its_language_and_its_dates(built: tuple[str, Path]) -> None:
    language, site = built
    for name in PAGES:
        assert f'<html lang="{language}"' in (site / name).read_text(encoding="utf-8")
    assert TODAY_WRITTEN[language] in _content_text(site / "calendar/index.html")
    month = parse((site / "calendar/2026/12/index.html").read_text(encoding="utf-8"))
    headers = [th.text().strip() for th in month.one("table", "nd-month").one("thead").all("th")]
    monday = dates.weekday_name(TODAY, short=True, language=language)
    assert headers[0] == monday and monday != "Mon"


def test_a_label_overridden_from_overrides(built: tuple[str, Path]) -> None:
    msgid, language, string = OVERRIDE
    if built[0] != language:
        pytest.skip(f"the override is in the {language} build")
    calendar = (built[1] / "calendar/index.html").read_text(encoding="utf-8")
    shipped = dict((ids[0], strings[0]) for ids, strings in _catalog(language))[msgid]
    assert string in calendar and shipped not in calendar


def test_no_english_label_remains_on_a_story(built: tuple[str, Path]) -> None:
    language, site = built
    page = (site / STORY).read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in page
    ours = page[
        page.index('<header class="nd-story-header"') : page.index("</section>", page.index("nd-story-copy"))
    ]
    words = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", ours)))
    left = [p for p in _english_labels(language) if re.search(rf"\b{re.escape(p)}\b", words)]
    assert not left, f"{language} {STORY}: English left: {left}"
    strings = json.loads(parse(page).one("script", id="nd-strings").text())
    assert strings["copied"] != "Copied" and "%(num)s" in strings["stories_other"]


def _translated(language: str, msgid: str, **values: str) -> str:
    string = dict((ids[0], strings[0]) for ids, strings in _catalog(language))[msgid]
    assert string != msgid, (language, msgid)
    return string % values


def test_the_feeds_are_named_in_the_language(built: tuple[str, Path]) -> None:
    """The calendar's and the Atom feed's names as a calendar app and a feed reader read them."""
    language, site = built
    org = "Alder Bay Partners newsroom"  # the demo's site_name
    calendar = icalendar.Calendar.from_ical((site / "feeds/all.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == _translated(language, "%(site)s: all stories", site=org)
    assert str(calendar["DESCRIPTION"]).startswith(  # X-WR-CALDESC the same, which icalendar leaves escaped
        _translated(language, "Every story planned and published by %(site)s.", site=org)
    )
    deadlines = icalendar.Calendar.from_ical((site / "feeds/deadlines.ics").read_bytes())
    due = _translated(language, "Due: %(title)s", title="")
    assert all(str(event["SUMMARY"]).startswith(due) for event in deadlines.walk("VEVENT"))
    feed = feedparser.parse((site / "feeds/published.xml").read_bytes())
    assert not feed.bozo and feed.feed.title == _translated(language, "%(site)s: published", site=org)
    nudges = feedparser.parse((site / "feeds/nudges.xml").read_bytes())
    assert nudges.feed.title == _translated(language, "%(site)s: nudges", site=org)
