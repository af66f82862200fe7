"""The planning fixture site through the real `newsdesk check` and `mkdocs build --strict`.

tests/fixtures/sites/planning/ was written with one of each finding, and with a near miss beside each
(a past clash, copy that is long only as written, a draft due today, a cancelled story on a gap day...).
Where each finding must point is worked out here from the files' text, not through newsdesk.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sitekit import SITES, copy_site, mkdocs_build, newsdesk

pytestmark = pytest.mark.build

PLANNING = SITES / "planning"


def line_of(path: str, pattern: str, root: Path = PLANNING) -> int:
    """The 1-based line of the first line of `path` matching `pattern`."""
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if re.match(pattern, text))


def expected() -> set[tuple[str, int]]:
    story = "content/stories/{}.md".format
    return {
        ("calendar/departments.yml", line_of("calendar/departments.yml", r"legal:")),  # quiet
        (
            "calendar/departments.yml",
            line_of("calendar/departments.yml", r"events:"),
        ),  # quiet, never published
        (
            "calendar/departments.yml",
            line_of("calendar/departments.yml", r"  cadence: 1/week"),
        ),  # hr, last 4 weeks
        (
            "calendar/departments.yml",
            line_of("calendar/departments.yml", r"  cadence: 2/month"),
        ),  # research, coming
        (
            story("hr/2026-11-26-hiring"),
            line_of(story("hr/2026-11-26-hiring"), "channels:"),
        ),  # research's turn
        ("calendar/channels.yml", line_of("calendar/channels.yml", r"blog:")),  # gap days
        (
            "calendar/channels.yml",
            line_of("calendar/channels.yml", r"linkedin:"),
        ),  # gap days beside its Thursday slot
        (
            story("marketing/2026-12-08-live-from-the-forum"),
            line_of(story("marketing/2026-12-08-live-from-the-forum"), "date:"),
        ),
        (
            story("marketing/2026-11-24-winter-offers"),
            line_of(story("marketing/2026-11-24-winter-offers"), "copy:"),
        ),
        (
            story("hr/2026-11-16-old-idea"),
            line_of(story("hr/2026-11-16-old-idea"), "status:"),
        ),  # missed: its day has passed and it is still an idea
        (
            story("marketing/2026-12-01-year-in-review-draft"),
            line_of(story("marketing/2026-12-01-year-in-review-draft"), "due:"),
        ),
    }


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory):
    root = copy_site("planning", tmp_path_factory.mktemp("planning-check"))
    return root, newsdesk(root, "check", "--format", "json")


def test_check_prints_every_finding_as_a_warning_and_passes(checked) -> None:
    _root, result = checked
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert {(p["path"], p["line"]) for p in found} == expected()
    assert {p["severity"] for p in found} == {"warning"}
    assert result.stderr.strip() == "newsdesk: 27 valid stories, 0 errors, 11 warnings"


def test_the_messages_say_what_and_where(checked) -> None:
    _root, result = checked
    messages = sorted(p["message"] for p in json.loads(result.stdout))
    assert "Legal has published nothing since 1 September 2026 and has nothing planned" in messages
    assert "Events has published nothing in the last 6 weeks and has nothing planned" in messages
    assert (
        "Blog has nothing on 2 of its posting days in the coming 4 weeks: Tue 8 Dec, Thu 17 Dec" in messages
    )
    # LinkedIn's Thursdays are its slot's (an open slot, above); its other posting days can still be gaps
    assert ("LinkedIn has nothing on 15 of its posting days in the coming 4 weeks: Mon 23 Nov, Tue 24 Nov, "
            "Wed 25 Nov, Fri 27 Nov, Mon 30 Nov, Tue 1 Dec and 9 more") in messages  # fmt: skip
    assert any(
        m.startswith("LinkedIn Thursday on Thu 26 Nov 2026 is open: it is Research's turn; 'We are hiring'")
        for m in messages
    )
    assert any(
        m.startswith("LinkedIn has 3 stories on Tue 8 Dec 2026, more than its 2 a day") for m in messages
    )
    assert (
        "the Twitter / X copy is 291 characters, links counted as 23; Twitter / X takes at most 280"
        in messages
    )
    assert (
        "'An idea that never went out' was planned for Mon 16 Nov 2026 (7 days ago) and is still idea; "
        "set status: published if it went out, status: cancelled if it will not, or move its date"
    ) in messages


def test_warnings_as_errors_fails_and_github_annotates_each_line(tmp_path: Path) -> None:
    root = copy_site("planning", tmp_path)
    strict = newsdesk(root, "check", "--warnings-as-errors")
    assert strict.returncode == 1
    assert "11 warnings" in strict.stderr
    github = newsdesk(root, "check", GITHUB_ACTIONS="true")
    assert github.returncode == 0
    annotations = [line for line in github.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 11 and all(line.startswith("::warning file=") for line in annotations)
    located = {
        (m["file"], int(m["line"]))
        for m in (re.match(r"::warning file=(?P<file>[^,]+),line=(?P<line>\d+),", a) for a in annotations)
        if m
    }
    assert located == expected()
    text = newsdesk(root, "check")
    assert (
        "content/stories/marketing/2026-12-01-year-in-review-draft.md:7: warning: 'The year in review' was due"
        in text.stdout
    )


def test_a_clean_calendar_has_no_findings(tmp_path: Path) -> None:
    result = newsdesk(copy_site("planning-clean", tmp_path), "check")
    assert (result.returncode, result.stdout, result.stderr.strip()) == (
        0,
        "",
        "newsdesk: 2 valid stories, 0 errors, 0 warnings",
    )


def test_findings_wait_until_the_errors_are_fixed(tmp_path: Path) -> None:
    root = copy_site("planning", tmp_path)
    broken = root / "content/stories/hr/2026-12-03-graduates.md"
    broken.write_text(broken.read_text().replace("status: scheduled", "status: sheduled"))
    result = newsdesk(root, "check", "--format", "json")
    found = json.loads(result.stdout)
    assert result.returncode == 1
    assert [(p["path"], p["severity"]) for p in found] == [
        ("content/stories/hr/2026-12-03-graduates.md", "error")
    ]


def test_the_build_sums_findings_up_in_one_info_line_and_passes_strict(tmp_path: Path) -> None:
    built = mkdocs_build(copy_site("planning", tmp_path))
    assert built.ok, built.log
    # One line, not one per finding: the details are `newsdesk check`'s (which lists the same eleven).
    assert not [line for line in built.log.splitlines() if "warning: " in line], built.log
    [summary] = [line for line in built.log.splitlines() if "planning finding" in line]
    assert summary.startswith("INFO") and "newsdesk: 11 planning findings (" in summary, (
        summary
    )  # the logger names newsdesk
    checked = newsdesk(built.root, "check")
    assert checked.stdout.count(": warning: ") == 11, checked.stdout
    assert not re.search(r"^WARNING", built.log, re.MULTILINE)
    assert (built.site / "dashboard/index.html").is_file()


@pytest.mark.parametrize(
    ("slots", "where"),
    [
        ("a:\n  channel: linkedin\n  every: someday\n", "calendar/slots.yml:3"),
        ("a:\n  channel: linkedin\n  every: thursday\n  rotation: [research, hr]\n", "calendar/slots.yml:1"),
    ],
)
def test_a_bad_slots_file_stops_check_and_build(tmp_path: Path, slots: str, where: str) -> None:
    root = copy_site("planning", tmp_path)
    (root / "calendar/slots.yml").write_text(slots)
    result = newsdesk(root, "check")
    assert result.returncode == 1 and result.stdout.startswith(f"{where}: "), result.stdout
    built = mkdocs_build(root)
    assert not built.ok and where in built.log


def test_per_channel_cadence_is_checked_against_the_channels(tmp_path: Path) -> None:
    root = copy_site("planning", tmp_path)
    departments = root / "calendar/departments.yml"
    departments.write_text(departments.read_text().replace("newsletter: 1/month", "newsleter: 1/month"))
    result = newsdesk(root, "check")
    line = line_of("calendar/departments.yml", r"    newsletter: 1/month$")  # the entry itself, not cadence:
    assert result.returncode == 1
    assert (
        f"calendar/departments.yml:{line}: cadence of 'marketing' names 'newsleter', which is neither 'all' nor a channel"
        in result.stdout
    )
    assert "did you mean 'newsletter'?" in result.stdout
