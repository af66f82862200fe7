"""The nudge as a chat message, for incoming webhooks: Slack's and Google Chat's `{"text": ...}`, and
Microsoft Teams' Adaptive Card (the only thing its Workflows webhooks take).

Chat apps read their own markup, so each value is escaped for the one it goes to:

- Slack and Google Chat read `&`, `<` and `>` as markup (`<https://x|a link>`, `<!channel>`, `<users/all>`):
  `mrkdwn` turns them into the entities both apps document, so no title can make a link or a mention.
  Their emphasis marks (`*`, `_`, `~`) have no escape in either app: a title written `*so*` shows in bold,
  which is all it can do.
- An Adaptive Card's TextBlock reads markdown; a RichTextBlock's TextRun reads none. Every value goes into
  a TextRun (a link is the run's `selectAction`), so the card shows each value as it is.

JSON escaping is json's.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from newsdesk.core.site import NUDGE_PAGE
from newsdesk.render.nudge import more, on_the_site

if TYPE_CHECKING:
    from newsdesk.core.site import Site
    from newsdesk.render.nudge import Line, NudgeView

POST_FORMATS = ("slack", "teams")
_MRKDWN = re.compile("[&<>]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def mrkdwn(value: str) -> str:
    """`value` as Slack's (and Google Chat's) message text shows it: `&`, `<`, `>` as entities, on one
    line (a line break would end the list item it is in)."""
    return _MRKDWN.sub(lambda m: _ENTITIES[m[0]], " ".join(value.split()))


def _link(url: str, label: str) -> str:
    """A Slack link. `url` comes from `Site.absolute_url`, which percent-encodes `|`, `<` and `>`."""
    return f"<{url}|{mrkdwn(label)}>" if url.startswith(("https://", "http://")) else mrkdwn(label)


def slack_text(shown: NudgeView, site: Site) -> str:
    out = [f"*{mrkdwn(shown.title)}*"]
    if shown.quiet:
        return "\n".join([*out, mrkdwn(shown.quiet)])
    for section in shown.sections:
        out += ["", f"*{mrkdwn(section.title)}*"]
        for line in section.lines:
            words = _link(site.absolute_url(line.path), line.text) if line.path else mrkdwn(line.text)
            if line.note:
                words += f" ({mrkdwn(line.note)})"
            if line.action:
                words += f": {_link(site.absolute_url(line.action_path), line.action)}"
            out.append(f"• {words}")
        if section.more:
            out.append(f"• {more(section.more)}")
    out += ["", _link(site.absolute_url(NUDGE_PAGE), on_the_site())]
    return "\n".join(out)


def _run(text: str, url: str = "", **style: str | bool) -> dict[str, Any]:
    run: dict[str, Any] = {"type": "TextRun", "text": text, **style}
    if url.startswith(("https://", "http://")):
        run["selectAction"] = {"type": "Action.OpenUrl", "url": url}
    return run


def _block(*runs: dict[str, Any], spacing: str = "") -> dict[str, Any]:
    block: dict[str, Any] = {"type": "RichTextBlock", "inlines": list(runs)}
    if spacing:
        block["spacing"] = spacing
    return block


def _line_runs(line: Line, site: Site) -> list[dict[str, Any]]:
    runs = [_run("• "), _run(line.text, site.absolute_url(line.path) if line.path else "")]
    if line.note:
        runs.append(_run(f" ({line.note})", isSubtle=True))
    if line.action:
        runs += [_run(": "), _run(line.action, site.absolute_url(line.action_path), weight="bolder")]
    return runs


def teams_card(shown: NudgeView, site: Site) -> dict[str, Any]:
    """The Adaptive Card (version 1.4, which Teams renders) inside the message a Workflows webhook takes."""
    body = [_block(_run(shown.title, size="medium", weight="bolder"))]
    if shown.quiet:
        body.append(_block(_run(shown.quiet)))
    for section in shown.sections:
        body.append(_block(_run(section.title, weight="bolder"), spacing="medium"))
        body.extend(_block(*_line_runs(line, site)) for line in section.lines)
        if section.more:
            body.append(_block(_run(f"• {more(section.more)}")))
    page = site.absolute_url(NUDGE_PAGE)
    body.append(_block(_run(on_the_site(), page), spacing="medium"))
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": body,
    }
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}
        ],
    }


def payload(shown: NudgeView, site: Site, post_format: str) -> bytes:
    """The body to POST to a webhook of `post_format` (one of `POST_FORMATS`), as UTF-8 JSON."""
    data = teams_card(shown, site) if post_format == "teams" else {"text": slack_text(shown, site)}
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
