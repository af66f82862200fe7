"""The plugin's options, validated by MkDocs' own Config classes, and the core's Settings made from them."""

from __future__ import annotations

import os

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError

from newsdesk.core import dates
from newsdesk.core.forge import KINDS
from newsdesk.core.model import STATUSES, WEEKDAYS, Settings
from newsdesk.core.recurrence import weekday_number

DEFAULTS = Settings()


class NewsdeskConfig(Config):
    timezone = c.Type(str, default=DEFAULTS.timezone)
    registry_dir = c.Type(str, default=DEFAULTS.registry_dir)
    stories_dir = c.Type(str, default=DEFAULTS.stories_dir)
    max_story_kib = c.Type(int, default=DEFAULTS.max_story_kib)
    max_image_kib = c.Type(int, default=DEFAULTS.max_image_kib)
    default_duration = c.Type(int, default=DEFAULTS.default_duration_minutes)
    # "" (the default): the day the week starts on in the site's language (theme.language), as CLDR says.
    first_weekday = c.Choice(("", "monday", "sunday", "saturday"), default="")
    agenda_weeks = c.Type(int, default=DEFAULTS.agenda_weeks)
    feeds_statuses = c.ListOfItems(c.Choice(STATUSES), default=list(DEFAULTS.feeds_statuses))
    feeds_refresh_hours = c.Type(int, default=DEFAULTS.feeds_refresh_hours)
    planning_quiet_weeks = c.Type(int, default=DEFAULTS.planning_quiet_weeks)
    planning_slots_in_feeds = c.Type(bool, default=DEFAULTS.planning_slots_in_feeds)
    # true: story bodies keep raw HTML, script included (sanitize.py); only where every author is trusted.
    allow_raw_html = c.Type(bool, default=DEFAULTS.allow_raw_html)
    # true: story pages run mkdocs-macros' {{ ... }} like any page; false (the default) shows them as written,
    # since a story is text from a pull request, not code (storypages.py).
    trust_authors = c.Type(bool, default=False)
    # Retired: newsdesk builds in one process. Still read, so that a site which sets it keeps building.
    second_process = c.Optional(c.Type(bool))
    # The forge of MkDocs' repo_url, for the "propose a story" page: github, gitlab or gitea ('' works it
    # out from the address), and the branch stories are proposed to ('' takes it from edit_uri, else main).
    forge = c.Choice(("", *KINDS), default="")
    forge_branch = c.Type(str, default="")
    # GitHub handles or teams that own calendar/ and the workflows in .github/CODEOWNERS (newsdesk codeowners).
    maintainers = c.ListOfItems(c.Type(str), default=[])
    # The Atom feeds for posting tools (feeds/published.xml, feeds/channels/<key>.xml): which statuses,
    # how many of the newest entries.
    outbound_published_statuses = c.ListOfItems(
        c.Choice(STATUSES), default=list(DEFAULTS.outbound_published_statuses)
    )
    outbound_channel_statuses = c.ListOfItems(
        c.Choice(STATUSES), default=list(DEFAULTS.outbound_channel_statuses)
    )
    outbound_entries = c.Type(int, default=DEFAULTS.outbound_entries)
    # The daily nudge: how many days feeds/nudges.xml goes back, and the desk's working days.
    nudge_days = c.Type(int, default=DEFAULTS.nudge_days)
    working_days = c.ListOfItems(c.Type(str), default=[WEEKDAYS[day] for day in DEFAULTS.working_days])
    # A story published more than this many days ago without figures for a channel that reports them is a
    # "results due" finding.
    results_due_days = c.Type(int, default=DEFAULTS.results_due_days)


FIRST_WEEKDAYS = {"monday": 0, "saturday": 5, "sunday": 6}


def settings_from(
    options: NewsdeskConfig, site_name: str, environ: dict[str, str] | None = None, language: str = "en"
) -> Settings:
    """The core's settings from the plugin's validated options, the environment ("today") and the
    language the site is built in (theme.language, as render/i18n.py resolved it)."""
    environ = dict(os.environ) if environ is None else environ
    try:
        zone = dates.zone(options.timezone)
        today = dates.today(environ, zone)
    except dates.DateError as exc:
        raise PluginError(f"newsdesk: {exc} ({exc.hint})" if exc.hint else f"newsdesk: {exc}") from None
    # agenda_weeks 0 would drop today from the agenda; feeds_refresh_hours 0 (PT0H) would ask calendar
    # apps to fetch the feeds without pause.
    for name in (
        "agenda_weeks",
        "planning_quiet_weeks",
        "feeds_refresh_hours",
        "default_duration",
        "outbound_entries",
        "nudge_days",
        "results_due_days",
    ):
        if options[name] < 1:
            raise PluginError(f"newsdesk: {name} must be 1 or more, not {options[name]}")
    return Settings(
        timezone=options.timezone,
        today=today,
        moment=dates.moment(environ, zone),
        stories_dir=options.stories_dir.strip("/"),
        max_story_kib=options.max_story_kib,
        max_image_kib=options.max_image_kib,
        default_duration_minutes=options.default_duration,
        first_weekday=(
            FIRST_WEEKDAYS[options.first_weekday] if options.first_weekday else dates.first_weekday(language)
        ),
        language=language,
        agenda_weeks=options.agenda_weeks,
        registry_dir=options.registry_dir,
        site_name=site_name,
        feeds_statuses=tuple(options.feeds_statuses),
        feeds_refresh_hours=options.feeds_refresh_hours,
        planning_quiet_weeks=options.planning_quiet_weeks,
        planning_slots_in_feeds=options.planning_slots_in_feeds,
        allow_raw_html=options.allow_raw_html,
        outbound_published_statuses=tuple(options.outbound_published_statuses),
        outbound_channel_statuses=tuple(options.outbound_channel_statuses),
        outbound_entries=options.outbound_entries,
        nudge_days=options.nudge_days,
        working_days=working_days(options.working_days),
        results_due_days=options.results_due_days,
    )


def working_days(names: list[str]) -> tuple[int, ...]:
    """The `working_days` option as weekday numbers (Monday 0), read as slots' weekdays are read."""
    numbers = [weekday_number(name) for name in names]
    wrong = [name for name, number in zip(names, numbers, strict=True) if number is None]
    if wrong or not names:
        found = f"found {', '.join(map(repr, wrong))}" if wrong else "found none"
        raise PluginError(
            f"newsdesk: working_days must list weekdays such as [mon, tue, wed, thu, fri], {found}"
        )
    return tuple(sorted({number for number in numbers if number is not None}))


NO_SITE_URL = (
    "newsdesk: site_url is not set in mkdocs.yml: the feeds have no links and their UIDs end in"
    " @newsdesk.invalid, so setting it later makes calendar apps re-create every event; set site_url to the"
    " address the site is published at"
)
