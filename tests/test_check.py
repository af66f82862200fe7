"""`newsdesk check` over every kind of bad story at once: each is named with its line, nothing is lost."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sitekit import FIXTURES, copy_site, newsdesk

BAD = FIXTURES / "bad"

# file, line, a piece of the message, a piece of the hint ("" when none is expected)
CASES = [
    ("malformed-yaml.md", 3, "YAML error: mapping values are not allowed", "double quotes"),
    ("no-front-matter.md", 1, "does not start with front-matter", "title: ..."),
    ("not-a-mapping.md", 2, "must be 'key: value' lines, found a list", ""),
    ("wrong-type.md", 3, "title must be text, found the yes/no value true", "quotes"),
    ("missing-date.md", 1, "'date' is required", "date: 2026-12-03"),
    ("unknown-channel.md", 5, "unknown channel 'linkdin'", "did you mean 'linkedin'?"),
    ("unknown-status.md", 6, "unknown status 'publishd'", "did you mean 'published'?"),
    ("impossible-date.md", 4, "February 2026 has 28 days", ""),
    ("dst-gap.md", 4, "01:30 on 2026-03-29 does not exist in Europe/London", "after 02:30"),
    ("unknown-timezone.md", 5, "unknown time zone 'Europe/Londn'", "did you mean Europe/London?"),
    ("duplicate-id-b.md", 2, "id 'same-id' is already used by content/stories/hr/duplicate-id-a.md", ""),
    ("not-utf8.md", 3, "not UTF-8", "UTF-8"),
    ("empty.md", 1, "the file is empty", ""),
    ("alias-bomb.md", 7, "YAML aliases (*name) are not allowed", ""),
    ("department-mismatch.md", 5, "department is 'legal' but the file is in the 'hr' folder", ""),
    ("markup-title.md", 3, "the title must be plain text", ""),
    ("unknown-key.md", 6, "unknown key 'departement'", "did you mean 'department'?"),
    ("duplicate-key.md", 5, "'title' is given twice (first on line 3)", ""),
    ("unclosed.md", 1, "the front-matter is never closed", ""),
    ("control-character.md", 3, "title contains a line break", ""),
    ("id-number.md", 2, "id must be text, found the number 123456", "quotes"),
    ("copy-wrong-channel.md", 8, "copy for 'twitter', which is not one of this story's channels", ""),
    ("duration-all-day.md", 5, "duration only applies to a story with a time", ""),
]


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The basic site with every bad story added to the hr folder, plus folder-level mistakes."""
    root = copy_site("basic", tmp_path_factory.mktemp("bad"))
    stories = root / "content" / "stories"
    for case in BAD.iterdir():
        shutil.copy(case, stories / "hr" / case.name)
    (stories / "loose.md").write_text("---\ntitle: Loose\ndate: 2026-12-03\nchannels: [website]\n---\n")
    (stories / "marketing").mkdir()
    (stories / "marketing" / "2026-12-03-launch.md").write_text(
        "---\ntitle: Launch\ndate: 2026-12-03\nchannels: [website]\n---\n"
    )
    (stories / "hr" / "huge.md").write_text(
        "---\ntitle: Huge\ndate: 2026-12-03\nchannels: [website]\n---\n" + "x" * (300 * 1024)
    )
    return root


@pytest.fixture(scope="module")
def reported(bad_site: Path) -> list[dict[str, object]]:
    result = newsdesk(bad_site, "check", "--format", "json")
    assert result.returncode == 1, result.stderr
    problems: list[dict[str, object]] = json.loads(result.stdout)
    return problems


@pytest.mark.parametrize(("name", "line", "message", "hint"), CASES, ids=[c[0] for c in CASES])
def test_each_bad_story_is_reported_on_its_line(
    reported: list[dict[str, object]], name: str, line: int, message: str, hint: str
) -> None:
    path = f"content/stories/hr/{name}"
    mine = [p for p in reported if p["path"] == path]
    assert mine, f"{path} was not reported"
    assert any(p["line"] == line and message in str(p["message"]) and hint in str(p["hint"]) for p in mine), (
        mine
    )


def test_folder_mistakes_and_size_are_reported(reported: list[dict[str, object]]) -> None:
    messages = {str(p["path"]): str(p["message"]) for p in reported}
    assert "inside a department folder" in messages["content/stories/loose.md"]
    assert (
        "unknown department folder 'marketing'" in messages["content/stories/marketing/2026-12-03-launch.md"]
    )
    assert "stories are limited to 256 KiB" in messages["content/stories/hr/huge.md"]


def test_nothing_is_lost(bad_site: Path, reported: list[dict[str, object]]) -> None:
    """Every markdown file is either a valid story or named in an error."""
    valid = newsdesk(bad_site, "check", "--format", "text")
    named = {str(p["path"]) for p in reported}
    every = {p.relative_to(bad_site).as_posix() for p in (bad_site / "content" / "stories").rglob("*.md")}
    good = every - named
    assert good == {
        "content/stories/hr/2026-12-03-welcome-new-partners.md",
        "content/stories/research/2026-12-08-climate-report.md",
        "content/stories/legal/2026-11-10-gdpr-update.md",
    }  # duplicate-id-a.md parses, but its name has no date: every file here without one is an error
    assert any(
        p["path"] == "content/stories/hr/duplicate-id-a.md" and "starts with its date" in str(p["message"])
        for p in reported
    )
    assert f"newsdesk: {len(good)} valid stories" in valid.stderr
    assert "Traceback" not in valid.stdout + valid.stderr


def test_text_format_is_file_line_column_message(bad_site: Path) -> None:
    result = newsdesk(bad_site, "check")
    assert result.returncode == 1
    assert (
        "content/stories/hr/unknown-status.md:6: unknown status 'publishd'\n    hint: did you mean 'published'?"
        in (result.stdout)
    )
    assert "content/stories/hr/not-utf8.md:3:11: the file is not UTF-8 text" in result.stdout


def test_github_format_is_chosen_in_actions(bad_site: Path) -> None:
    result = newsdesk(bad_site, "check", GITHUB_ACTIONS="true")
    lines = result.stdout.splitlines()
    assert (
        "::error file=content/stories/hr/unknown-channel.md,line=5,title=newsdesk::unknown channel 'linkdin'%0A"
        "did you mean 'linkedin'?"
    ) in lines
    assert all(line.startswith("::error ") for line in lines)


def test_valid_site_exits_zero_whatever_its_warnings(basic_site: Path) -> None:
    # The basic site is valid but its departments are below target: planning warnings, never a failure.
    # (A site with no warnings at all prints nothing: tests/test_planning_site.py.)
    result = newsdesk(basic_site, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(": warning: " in line for line in lines), result.stdout
    assert "3 valid stories, 0 errors, 3 warnings" in result.stderr
    strict = newsdesk(basic_site, "check", "--warnings-as-errors")
    assert strict.returncode == 1


def test_missing_config_is_a_usage_error(tmp_path: Path) -> None:
    result = newsdesk(tmp_path, "check")
    assert result.returncode == 2
    assert "mkdocs.yml not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_timezone_option_is_a_usage_error(basic_site: Path) -> None:
    config = basic_site / "mkdocs.yml"
    config.write_text(config.read_text().replace("Europe/London", "Mars/Olympus"))
    result = newsdesk(basic_site, "check")
    assert result.returncode == 2
    assert "unknown time zone 'Mars/Olympus'" in result.stderr


def test_bad_today_is_a_usage_error(basic_site: Path) -> None:
    result = newsdesk(basic_site, "check", NEWSDESK_TODAY="2026-13-01")
    assert result.returncode == 2
    assert "NEWSDESK_TODAY" in result.stderr


@pytest.mark.parametrize("option", ["agenda_weeks", "planning_quiet_weeks", "default_duration"])
def test_a_count_option_below_one_is_a_usage_error(basic_site: Path, option: str) -> None:
    config = basic_site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("timezone: Europe/London", f"timezone: Europe/London\n      {option}: 0")
    )
    result = newsdesk(basic_site, "check")
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{option} must be 1 or more, not 0" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_works_from_any_folder_of_the_site(basic_site: Path) -> None:
    (basic_site / ".git").mkdir()  # the repository's top, where the search for mkdocs.yml stops
    at_top = newsdesk(basic_site, "check")
    inside = newsdesk(basic_site / "content" / "stories" / "research", "check")
    assert (inside.returncode, inside.stdout) == (at_top.returncode, at_top.stdout)
    assert at_top.stdout  # the warnings name the same files, from the site's top, wherever check runs
    assert inside.stderr.splitlines()[-1] == at_top.stderr.splitlines()[-1]


def test_the_search_for_mkdocs_yml_stops_at_the_top_of_the_repository(basic_site: Path) -> None:
    project = basic_site / "project"
    (project / ".git").mkdir(parents=True)
    (project / "notes").mkdir()
    result = newsdesk(project / "notes", "check")  # a mkdocs.yml above the repository is not its site
    assert result.returncode == 2
    assert "mkdocs.yml not found in this folder or any folder above it" in result.stderr
