"""Findings about departments: quiet ones, and ones below their target in the last four weeks or the
coming four (for the department, and for each channel it has a target on)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from newsdesk.core.dates import long_date
from newsdesk.core.schedule import DateRange
from newsdesk.core.text import N_, gettext, ngettext
from newsdesk.planning.findings.counting import WINDOW, planned, required, went_out
from newsdesk.planning.findings.finding import Finding, short_day, warning

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newsdesk.core.model import Cadence, Department, Story
    from newsdesk.core.site import Site


def quiet_and_cadence(site: Site) -> list[Finding]:
    """Quiet departments, and departments below target in the last four weeks or the coming four.

    A quiet department gets that one finding, not also the cadence ones it implies."""
    today = site.settings.today
    past, coming = DateRange(today - WINDOW, today), DateRange(today, today + WINDOW)
    quiet_since = today - dt.timedelta(weeks=site.settings.planning_quiet_weeks)
    path = f"{site.registry.folder}/departments.yml"
    found = []
    for key, department in site.registry.departments.items():
        stories = site.by_department[key]
        out = [s for s in stories if went_out(s, today)]
        if not any(s.day >= quiet_since for s in out) and not any(planned(s, today) for s in stories):
            last = max((s.day for s in out), default=None)
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
        found.extend(_cadence(site, department, stories, past, coming, path))
    return found


def _cadence(
    site: Site,
    department: Department,
    stories: Sequence[Story],
    past: DateRange,
    coming: DateRange,
    path: str,
) -> list[Finding]:
    today = site.settings.today
    targets: list[tuple[str, Cadence]] = [("", department.cadence)] if department.cadence else []
    targets.extend(department.channel_cadence)
    found = []
    for channel, cadence in targets:
        mine = [s for s in stories if not channel or channel in s.channels]
        need = required(cadence, len(past))
        out = [s for s in mine if s.day in past and went_out(s, today)]
        ahead = [s for s in mine if s.day in coming and planned(s, today)]
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
