"""Findings about departments: quiet ones, and ones below their target in the last four weeks or the
coming four (for the department, and for each channel it has a target on)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from newsdesk.core.dates import long_date
from newsdesk.core.schedule import DateRange
from newsdesk.core.text import N_, gettext, ngettext
from newsdesk.planning.findings import timelines
from newsdesk.planning.findings.counting import WINDOW, required
from newsdesk.planning.findings.finding import Finding, short_day, warning

if TYPE_CHECKING:
    from newsdesk.core.model import Cadence, Department, Story
    from newsdesk.core.schedule import Timeline
    from newsdesk.core.site import Site


def quiet_and_cadence(site: Site) -> list[Finding]:
    """Quiet departments, and departments below target in the last four weeks or the coming four.

    A quiet department gets that one finding, not also the cadence ones it implies."""
    today = site.settings.today
    past, coming = DateRange(today - WINDOW, today), DateRange(today, today + WINDOW)
    quiet_since = today - dt.timedelta(weeks=site.settings.planning_quiet_weeks)
    path = f"{site.registry.folder}/departments.yml"
    found = []
    published, not_cancelled = site.shared(timelines.published), site.shared(timelines.not_cancelled)
    for key, department in site.registry.departments.items():
        out, ahead = published[key], not_cancelled[key]
        # Nothing went out since quiet_since, and nothing is planned.
        if not out.count(quiet_since, today) and not ahead.count(today):
            last = out.last_before(today)
            if last:
                message = gettext(
                    "%(department)s has published nothing since %(day)s and has nothing planned",
                    department=department.name,
                    day=long_date(last, weekday=False),
                )
            else:
                message = ngettext(
                    "%(department)s has published nothing in the last %(num)d week and has nothing planned",
                    "%(department)s has published nothing in the last %(num)d weeks and has nothing planned",
                    site.settings.planning_quiet_weeks,
                    department=department.name,
                )
            hint = f"its target is {department.cadence}" if department.cadence else ""
            found.append(
                Finding(
                    "quiet",
                    warning(path, department.line, message, hint, "quiet department"),
                    department=key,
                )
            )
            continue
        found.extend(_cadence(site, department, out, ahead, past, coming, path))
    return found


def _cadence(
    site: Site,
    department: Department,
    published: Timeline[Story],
    not_cancelled: Timeline[Story],
    past: DateRange,
    coming: DateRange,
    path: str,
) -> list[Finding]:
    """Below target: `published` and `not_cancelled` are the department's stories (`timelines`); what went
    out in `past` and what is planned in `coming` are those dated in each."""
    targets: list[tuple[str, Cadence]] = [("", department.cadence)] if department.cadence else []
    targets.extend(department.channel_cadence)
    found = []
    for channel, cadence in targets:
        need = required(cadence, len(past))
        out = _on(channel, published.between(past.start, past.end))
        ahead = _on(channel, not_cancelled.between(coming.start, coming.end))
        behind, short = len(out) < need, len(ahead) < need
        if not behind and not short:
            continue
        values = {
            "department": department.name,
            "channel": site.registry.channels[channel].name if channel else "",
            "published": _stories(len(out)),
            "planned": _stories(len(ahead)),
            "start": short_day(past.start),
            "end": short_day(coming.last),
            "target": cadence.label,
            "need": need,
        }
        message = gettext(_BELOW[bool(channel), behind, short], **values)
        found.append(
            Finding(
                "cadence",
                warning(path, department.cadence_line or department.line, message, kind="below target"),
                department=department.key,
                channel=channel,
                days=(past.start, coming.last),
                stories=tuple(out + ahead),
            )
        )
    return found


def _on(channel: str, stories: list[Story]) -> list[Story]:
    """Those of `stories` on `channel`, or all of them for the department's own target ('')."""
    return [s for s in stories if channel in s.channels] if channel else stories


def _stories(count: int) -> str:
    return ngettext("%(num)d story", "%(num)d stories", count)


_BELOW = {
    # (on a channel, behind in the last 4 weeks, short in the coming 4): each sentence whole, for translators
    (False, True, False): N_(
        "%(department)s published %(published)s in the last 4 weeks (from %(start)s); its target of %(target)s"
        " means at least %(need)d"
    ),
    (False, False, True): N_(
        "%(department)s has planned %(planned)s for the coming 4 weeks (to %(end)s); its target of %(target)s"
        " means at least %(need)d"
    ),
    (False, True, True): N_(
        "%(department)s published %(published)s in the last 4 weeks (from %(start)s) and has planned"
        " %(planned)s for the coming 4 weeks (to %(end)s); its target of %(target)s means at least %(need)d"
        " in each"
    ),
    (True, True, False): N_(
        "%(department)s published %(published)s on %(channel)s in the last 4 weeks (from %(start)s); its target"
        " of %(target)s on %(channel)s means at least %(need)d"
    ),
    (True, False, True): N_(
        "%(department)s has planned %(planned)s on %(channel)s for the coming 4 weeks (to %(end)s); its target"
        " of %(target)s on %(channel)s means at least %(need)d"
    ),
    (True, True, True): N_(
        "%(department)s published %(published)s on %(channel)s in the last 4 weeks (from %(start)s) and has"
        " planned %(planned)s on %(channel)s for the coming 4 weeks (to %(end)s); its target of %(target)s on"
        " %(channel)s means at least %(need)d in each"
    ),
}
