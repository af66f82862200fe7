"""The nudge in words: one view of it (`NudgeView`, sections of lines with their links) and its formats.

Every format is made from the one view, so plain text, markdown, the e-mail's HTML, the /nudge/ page, the
chat payloads (chat.py) and the nudges feed say the same things in the same order. Each escapes for where
it goes: `printable` for plain text, the one markdown escaper for markdown, autoescaped templates for
HTML, json for JSON. Links are paths below the site root, made absolute by `Site.absolute_url` (or
relative, on the site's own page) where each format is written. A section lists at most `LINES_SHOWN`
lines, then how many more, so a nudge fits a chat message and an e-mail on any site; JSON has them all.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsdesk.core.dates import long_date
from newsdesk.core.problems import printable
from newsdesk.core.site import NUDGE_PAGE, NUDGES_ATOM, propose_path
from newsdesk.core.text import gettext, language, ngettext
from newsdesk.planning.findings.finding import short_day
from newsdesk.planning.nudge import nudge as nudge_of
from newsdesk.render import markdown
from newsdesk.render.pages import GeneratedPage
from newsdesk.render.statuswords import status_word

if TYPE_CHECKING:
    from newsdesk.core.model import Story
    from newsdesk.core.site import Site
    from newsdesk.planning.nudge import Nudge
    from newsdesk.planning.slots import SlotDay
    from newsdesk.render.pages import Renderer

LINES_SHOWN = 12
EMAIL_TEMPLATE = "newsdesk/nudge_email.html"


@dataclass(frozen=True)
class Line:
    """One thing the nudge says: its words, the page they link to, a note, and what to do about it."""

    text: str
    path: str = ""
    note: str = ""
    action: str = ""
    action_path: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[Line, ...]
    more: int = 0
    """Lines left out after `LINES_SHOWN`."""


@dataclass(frozen=True)
class NudgeView:
    title: str
    sections: tuple[Section, ...]
    quiet: str
    """The one line of a day with nothing to ask ('' when there is something)."""
    nudge: Nudge


def view(nudge: Nudge, site: Site) -> NudgeView:
    """The nudge as sections of lines, in the order every format shows them."""
    org = site.settings.site_name or "newsdesk"
    day = long_date(nudge.day)
    if nudge.week:
        title = gettext("%(site)s: Weekly digest for %(day)s", site=org, day=day)
    else:
        title = gettext("%(site)s: Nudge for %(day)s", site=org, day=day)
    if nudge.empty:
        quiet = gettext(
            "Nothing to ask for %(day)s: nothing goes out, no slot is open, every department is on target"
            " and no draft is due.",
            day=day,
        )
        return NudgeView(title, (), quiet, nudge)
    sections = []
    for day_out, stories in nudge.outgoing:
        if day_out == nudge.day:
            heading = gettext("Going out today, %(day)s", day=long_date(day_out, year=False))
        elif not stories:
            continue
        else:
            heading = gettext("Going out on %(day)s", day=long_date(day_out, year=False))
        lines = [_story_line(s, site) for s in stories] or [Line(gettext("Nothing is planned."))]
        sections.append(_section(heading, lines))
    if nudge.open_slots:
        lines = [_slot_line(slot, site) for slot in nudge.open_slots]
        sections.append(_section(gettext("Open slots in the coming 7 days"), lines))
    if nudge.departments:
        lines = [Line(f.message, f"departments/{f.department}/") for f in nudge.departments]
        sections.append(_section(gettext("Quiet or below target"), lines))
    if nudge.drafts_due:
        until = short_day(nudge.due_until)
        lines = [_due_line(s, site) for s in nudge.drafts_due]
        sections.append(_section(gettext("Drafts due by %(day)s", day=until), lines))
    if nudge.overdue:
        lines = [Line(f.message, f.stories[0].url if f.stories else "") for f in nudge.overdue]
        sections.append(_section(gettext("Overdue drafts"), lines))
    if nudge.results_due:
        lines = [Line(f.message, f.stories[0].url if f.stories else "") for f in nudge.results_due]
        sections.append(_section(gettext("Results due"), lines))
    return NudgeView(title, tuple(sections), "", nudge)


def _section(title: str, lines: list[Line]) -> Section:
    return Section(title, tuple(lines[:LINES_SHOWN]), max(len(lines) - LINES_SHOWN, 0))


def _story_line(story: Story, site: Site) -> Line:
    parts = [site.department(story.department).name, ", ".join(site.channel(c).name for c in story.channels)]
    if isinstance(story.start, dt.datetime):  # in the site's zone, as the calendar shows it
        parts.append(story.start.astimezone(site.settings.zone).strftime("%H:%M"))
    if story.status not in ("scheduled", "published"):
        parts.append(gettext("still %(status)s", status=status_word(story.status)))
    return Line(story.title, story.url, "; ".join(parts))


def _slot_line(slot: SlotDay, site: Site) -> Line:
    when = short_day(slot.day) + (f" {slot.start.strftime('%H:%M')}" if slot.start else "")
    if slot.department:
        whose = gettext("%(department)s's turn", department=site.department(slot.department).name)
    else:
        whose = gettext("any department")
    channel = site.channel(slot.slot.channel).name
    time = slot.slot.time if slot.start else None
    action_path = propose_path(slot.department, slot.slot.channel, slot.day, time)
    return Line(
        f"{slot.slot.name}, {when}", "", f"{channel}; {whose}", gettext("Propose a story"), action_path
    )


def _due_line(story: Story, site: Site) -> Line:
    assert story.due is not None
    due = gettext("due %(day)s", day=short_day(story.due))
    note = f"{due}; {status_word(story.status)}; {site.department(story.department).name}"
    return Line(story.title, story.url, note)


def more(count: int) -> str:
    """What a section says of the `count` lines it leaves out: "and 3 more"."""
    return ngettext("and %(num)d more", "and %(num)d more", count)


def on_the_site() -> str:
    """The words of the link to /nudge/ that every format ends with."""
    return gettext("The nudge on the site")


# --- Formats -------------------------------------------------------------------------------------------


def as_text(shown: NudgeView, site: Site) -> str:
    """Plain text, for a terminal, an e-mail's plain part and a chat message: one line per item."""
    if shown.quiet:
        return f"{printable(shown.title)}\n{shown.quiet}\n"
    out = [printable(shown.title)]
    for section in shown.sections:
        out.append("")
        out.append(section.title)
        for line in section.lines:
            words = printable(line.text)
            if line.note:
                words += f" ({printable(line.note)})"
            if line.path:
                words += f" {site.absolute_url(line.path)}"
            if line.action:
                words += f" {line.action}: {site.absolute_url(line.action_path)}"
            out.append(f"- {words}")
        if section.more:
            out.append(f"- {more(section.more)}")
    out += ["", f"{on_the_site()}: {site.absolute_url(NUDGE_PAGE)}"]
    return "\n".join(out) + "\n"


def as_markdown(shown: NudgeView, site: Site) -> str:
    """Markdown, for GitHub's job summary and markdown-reading tools: every value through the one escaper,
    every address in angle brackets."""
    if shown.quiet:
        return f"## {markdown.text(shown.title)}\n\n{markdown.text(shown.quiet)}\n"
    out = [f"## {markdown.text(shown.title)}"]
    for section in shown.sections:
        out += ["", f"### {markdown.text(section.title)}", ""]
        for line in section.lines:
            words = markdown.text(line.text)
            if line.path:
                words = f"[{words}](<{site.absolute_url(line.path)}>)"
            if line.note:
                words += f" ({markdown.text(line.note)})"
            if line.action:
                words += f": [{markdown.text(line.action)}](<{site.absolute_url(line.action_path)}>)"
            out.append(f"- {words}")
        if section.more:
            out.append(f"- {more(section.more)}")
    out += ["", f"[{markdown.text(on_the_site())}](<{site.absolute_url(NUDGE_PAGE)}>)"]
    return "\n".join(out) + "\n"


def as_html(shown: NudgeView, site: Site, renderer: Renderer, *, document: bool = True) -> str:
    """The e-mail's HTML: inline styles, no external resource, absolute links; with `document=False`
    the body's content alone (the nudges feed's entries)."""
    lang = language().replace("_", "-")  # a BCP 47 tag for <html lang>: pt-BR, not Babel's pt_BR
    return renderer.fragment(
        EMAIL_TEMPLATE,
        view=shown,
        link=site.absolute_url,
        nudge_page=NUDGE_PAGE,
        document=document,
        lang=lang,
    )


def as_json(nudge: Nudge, site: Site) -> str:
    """Everything the nudge holds, for other tools: ids, days, keys and full addresses, nothing cut."""
    data: dict[str, Any] = {
        "day": nudge.day.isoformat(),
        "week": nudge.week,
        "empty": nudge.empty,
        "outgoing": [
            {"day": day.isoformat(), "stories": [_story_data(s, site) for s in stories]}
            for day, stories in nudge.outgoing
        ],
        "open_slots": [
            {
                "slot": slot.slot.key,
                "name": slot.slot.name,
                "channel": slot.slot.channel,
                "day": slot.day.isoformat(),
                "start": slot.start.isoformat() if slot.start else None,
                "department": slot.department or None,
                "propose_url": site.absolute_url(_slot_line(slot, site).action_path),
            }
            for slot in nudge.open_slots
        ],
        "departments": [
            {"kind": f.kind, "department": f.department, "channel": f.channel or None, "message": f.message}
            for f in nudge.departments
        ],
        "drafts_due": [_story_data(s, site) for s in nudge.drafts_due],
        "overdue": [{**_story_data(f.stories[0], site), "message": f.message} for f in nudge.overdue],
        "results_due": [{**_story_data(f.stories[0], site), "message": f.message} for f in nudge.results_due],
        "url": site.absolute_url(NUDGE_PAGE),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _story_data(story: Story, site: Site) -> dict[str, Any]:
    due: dt.date | None = story.due
    return {
        "id": story.id,
        "title": story.title,
        "date": story.start.isoformat(),
        "department": story.department,
        "channels": list(story.channels),
        "status": story.status,
        "due": due.isoformat() if due else None,
        "url": site.absolute_url(story.url),
        "source": story.path,
    }


def render(nudge: Nudge, site: Site, fmt: str, renderer: Renderer) -> str:
    """The nudge in one of `FORMATS`."""
    if fmt == "json":
        return as_json(nudge, site)
    shown = view(nudge, site)
    if fmt == "html":
        return as_html(shown, site, renderer)
    return as_markdown(shown, site) if fmt == "markdown" else as_text(shown, site)


FORMATS = ("text", "markdown", "html", "json")


def nudge_page(site: Site) -> GeneratedPage:
    """/nudge/: today's nudge. Out of search and the navigation: it is news of one day."""
    meta = {"search": {"exclude": True}}
    context = {"view": view(nudge_of(site), site), "nudges_feed": NUDGES_ATOM}
    title = gettext("Nudge")
    return GeneratedPage(f"{NUDGE_PAGE}index.md", title, "newsdesk/nudge.html", context, meta=meta)
