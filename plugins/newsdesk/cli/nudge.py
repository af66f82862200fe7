"""`newsdesk nudge`: the day's nudge (or the week's digest) printed, posted to a chat webhook, or e-mailed.

It reads the site as the build does (the same stories, registry, settings and "today") and asks
planning/nudge.py, so what it sends is what /nudge/ shows. Sending is deliver.py's; the webhook's address
comes from `--post URL` or, better (a command line is visible to the machine's other users and in logs),
from NEWSDESK_WEBHOOK_URL.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from typing import TYPE_CHECKING

from newsdesk.cli import deliver
from newsdesk.core import problems as problem_text
from newsdesk.core.dates import DateError, parse_day
from newsdesk.core.site import Site
from newsdesk.planning.nudge import nudge
from newsdesk.render import chat, i18n
from newsdesk.render import nudge as nudge_formats
from newsdesk.render.pages import Renderer

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from newsdesk.core.model import Registry
    from newsdesk.core.project import Project
    from newsdesk.sources.stories import LoadResult

WEBHOOK_VARIABLE = "NEWSDESK_WEBHOOK_URL"
DEFAULT_TIMEOUT = 10.0


class NudgeError(Exception):
    """The command line or the site does not allow a nudge; exit 2 with this message."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--day", help="the day to nudge for, YYYY-MM-DD (default: today, as the build has it)"
    )
    parser.add_argument("--week", action="store_true", help="the weekly digest for department leads")
    parser.add_argument(
        "--format", choices=nudge_formats.FORMATS, default="text", help="what to print (default: %(default)s)"
    )
    parser.add_argument(
        "--post",
        nargs="?",
        const="",
        metavar="URL",
        help=f"post it to a chat incoming webhook: URL, or without it ${WEBHOOK_VARIABLE}",
    )
    parser.add_argument(
        "--post-format",
        choices=chat.POST_FORMATS,
        default="slack",
        help='slack (Slack, Google Chat: {"text": ...}) or teams (an Adaptive Card) (default: %(default)s)',
    )
    parser.add_argument(
        "--email", action="store_true", help="send it by SMTP, configured by NEWSDESK_SMTP_* variables"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help="seconds to wait for the webhook or the mail server (default: %(default)g)",
    )


def run(args: argparse.Namespace, project: Project, registry: Registry, result: LoadResult) -> int:
    """Print, post or e-mail the nudge; 0 when done, 1 when sending failed."""
    if not result.ok:
        print(problem_text.render([p for p in result.problems if p.is_error], "text"), file=sys.stderr)
        raise NudgeError("fix these problems first: the nudge is made from valid stories only")
    settings = project.settings
    if args.day:
        try:
            settings = dataclasses.replace(settings, today=parse_day(args.day))
        except DateError as exc:
            raise NudgeError(f"--day: {exc}") from None
    if args.timeout <= 0:
        raise NudgeError("--timeout must be more than 0 seconds")
    # In the site's language, as /nudge/ and the nudges feed: the team reads what is posted or e-mailed.
    translations = i18n.activate(settings.language, project.custom_dir)
    site = Site(registry, settings, tuple(result.stories), project.site_url, project.directory_urls)
    found = nudge(site, week=args.week)
    renderer = Renderer(project.custom_dir, translations=translations)
    shown = nudge_formats.view(found, site)
    sending = args.post is not None or args.email
    if not sending:
        print(nudge_formats.render(found, site, args.format, renderer), end="")
        return 0
    failed = False
    if args.post is not None:
        url = args.post or os.environ.get(WEBHOOK_VARIABLE, "").strip()
        if not url:
            raise NudgeError(f"--post needs a URL, or {WEBHOOK_VARIABLE} in the environment")
        failed |= not _attempt(
            "chat", lambda: deliver.post(url, chat.payload(shown, site, args.post_format), args.timeout)
        )
    if args.email:
        try:
            smtp = deliver.SmtpSettings.from_environ(os.environ)
        except deliver.DeliveryError as exc:
            raise NudgeError(str(exc)) from None
        text = nudge_formats.as_text(shown, site)
        html = nudge_formats.as_html(shown, site, renderer)
        mail = deliver.message(smtp, shown.title, text, html)
        failed |= not _attempt("e-mail", lambda: deliver.send_email(smtp, mail, args.timeout))
    return 1 if failed else 0


def _attempt(what: str, send: Callable[[], None]) -> bool:
    """Send one way, saying on stderr whether it went: each way is tried even when another failed."""
    try:
        send()
    except deliver.DeliveryError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return False
    print(f"newsdesk: the nudge went out by {what}", file=sys.stderr)
    return True
