"""Planning findings: what a desk editor should look at, computed from the stories, the registry and today.

Pure functions over a `Site`: no I/O, no clock. Every finding is a warning, never an error: a quiet
department is news for marketing, not a reason to stop a build. Each finding carries a `Problem` that
points at the story involved (`path:line`) or else at the registry entry behind the rule.

`findings(site)` gathers every family of checks, in `KINDS` order (`findings(site, kinds)`, those that
make `kinds`: a past month's report asks for `AS_OF_MONTH_END`):
- `cadence`: quiet departments, and departments below target;
- `openslots`: recurring slots no story fills in the next 14 days;
- `channeldays`: gap days and clashes on a channel;
- `perstory`: copy too long, stories whose day passed with no word of whether they went out (missed), and
  overdue stories;
- `resultsdue`: published stories without figures for a channel that reports them, after
  `results_due_days`.

`finding` holds `Finding` and `KINDS`; `counting` how stories count (the dashboard and the report count the
same way, through `went_out` and `planned`, and `missed` is neither). Those, and `copy_length`, are
re-exported here.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from newsdesk.core.problems import Problem
from newsdesk.planning.findings.cadence import quiet_and_cadence
from newsdesk.planning.findings.channeldays import clashes, gap_days
from newsdesk.planning.findings.counting import (
    counts_to_target,
    missed,
    month_target,
    planned,
    required,
    went_out,
)
from newsdesk.planning.findings.finding import KINDS, Finding
from newsdesk.planning.findings.openslots import unfilled_slots
from newsdesk.planning.findings.perstory import copy_length, long_copy, missed_dates, overdue
from newsdesk.planning.findings.resultsdue import figures_missing, results_due

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from newsdesk.core.site import Site

__all__ = [
    "AS_OF_MONTH_END",
    "KINDS",
    "Finding",
    "copy_length",
    "counts_to_target",
    "figures_missing",
    "findings",
    "missed",
    "month_target",
    "planned",
    "problems",
    "required",
    "went_out",
]


def findings(site: Site, kinds: Collection[str] = KINDS) -> list[Finding]:
    """Every finding of `kinds` for the site as of `site.settings.today`, in `KINDS` order (a family of
    checks none of whose kinds is asked for is not run)."""
    found = [
        finding
        for family_kinds, family in _FAMILIES
        if not family_kinds.isdisjoint(kinds)
        for finding in family(site)
        if finding.kind in kinds
    ]
    return sorted(found, key=_order)


_FAMILIES: tuple[tuple[frozenset[str], Callable[[Site], list[Finding]]], ...] = (
    (frozenset({"quiet", "cadence"}), quiet_and_cadence),
    (frozenset({"slot"}), unfilled_slots),
    (frozenset({"gaps"}), gap_days),
    (frozenset({"clash"}), clashes),
    (frozenset({"copy"}), long_copy),
    (frozenset({"missed"}), missed_dates),
    (frozenset({"overdue"}), overdue),
    (frozenset({"results"}), results_due),
)
"""Each family of checks, with the kinds of finding it makes."""
assert {kind for family_kinds, _ in _FAMILIES for kind in family_kinds} == set(KINDS)

AS_OF_MONTH_END = ("quiet", "cadence", "missed", "overdue", "results")
"""The kinds a past month's report lists: how things stood at the month's end, whatever is planned after
it. The others (open slots, gap days and clashes from that day on, and copy too long, which no day
bounds) are about days still to come: for a past month, the business of later months and of today's
dashboard, and they would change the month's report whenever later plans change."""


def _order(finding: Finding) -> tuple[int, Any]:
    """By kind, then as `Problem`s order, field by field: the fields' tuple made once a finding, rather
    than twice a comparison by the dataclass's own `<`."""
    return KINDS.index(finding.kind), _PROBLEM_FIELDS(finding.problem)


_PROBLEM_FIELDS = attrgetter(*(f.name for f in dataclasses.fields(Problem) if f.compare))


def problems(site: Site) -> list[Problem]:
    return [finding.problem for finding in findings(site)]
