"""`newsdesk new` writes only what `newsdesk check` accepts, and never overwrites a story.

Most tests run the command in this process (fast); those about a terminal run it in a real pseudo-terminal
and answer its questions as a person would.
"""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest
from newsdesk.cli import main
from newsdesk.core.text import slugify
from newsdesk.mkdocs.project import load_project
from newsdesk.sources.registry import load_registry
from newsdesk.sources.stories import StoryLoader
from sitekit import TODAY, build_env

if TYPE_CHECKING:
    from pathlib import Path

    from newsdesk.core.model import Story

HR = "content/stories/hr"


class Run:
    """`newsdesk ARGS` in a copy of the basic site, in this process, without a terminal."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
        self.root = root
        self.capsys = capsys
        monkeypatch.chdir(root)
        monkeypatch.setenv("NEWSDESK_TODAY", TODAY)
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        monkeypatch.setattr(
            "sys.stdin", io.TextIOWrapper(io.BytesIO())
        )  # not a terminal, even under pytest -s

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(list(args))
        out, err = self.capsys.readouterr()
        return code, out, err

    def new(self, title: str, *flags: str) -> tuple[int, str, str]:
        return self("new", *flags, "--", title)  # after --, a title may start with a dash

    def check_passes(self) -> str:
        code, out, err = self("check")
        assert code == 0, out + err
        return err

    def stories(self) -> dict[str, Story]:
        """Every valid story, by path, read the way the check reads them."""
        project = load_project("mkdocs.yml")
        registry, _ = load_registry(project.root)
        result = StoryLoader().load(project.docs_dir, project.root, registry, project.settings)
        return {story.path: story for story in result.stories}


@pytest.fixture
def run(basic_site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    return Run(basic_site, monkeypatch, capsys)


def front_matter(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("---\n")[1].splitlines()


def test_new_writes_a_story_check_accepts(run: Run) -> None:
    code, out, err = run.new(
        "Q3: results, in full",
        *("--department", "hr", "--channel", "linkedin", "--channel", "website"),
        *("--date", "2026-12-10 09:30", "--author", "Ada"),
    )
    assert code == 0, err
    assert out.strip() == f"{HR}/2026-12-10-q3-results-in-full.md"
    assert front_matter(run.root / out.strip())[1:] == [
        'title: "Q3: results, in full"',
        'date: "2026-12-10 09:30"',
        "channels: [linkedin, website]",
        "status: draft",
        "author: Ada",
    ]
    assert "4 valid stories, 0 errors" in run.check_passes()
    story = run.stories()[out.strip()]
    assert (story.title, story.channels, story.status, story.authors) == (
        "Q3: results, in full",
        ("linkedin", "website"),
        "draft",
        ("Ada",),
    )
    assert len(story.id) == 12


def test_a_new_story_is_a_draft_not_an_idea(run: Run) -> None:
    """(d) A story without a status is a draft, and feeds leave ideas out: new writes draft by default."""
    code, out, err = run.new("Open day", "-d", "hr", "-c", "website", "--date", "2026-12-11")
    assert code == 0, err
    assert "status: draft" in front_matter(run.root / out.strip())
    assert run.stories()[out.strip()].status == "draft"
    code, out, err = run.new(
        "An idea", "-d", "hr", "-c", "website", "--date", "2026-12-12", "--status", "Idea"
    )
    assert code == 0, err
    assert "status: idea" in front_matter(run.root / out.strip())


def test_a_timed_date_is_quoted_and_no_key_is_left_empty(run: Run) -> None:
    """(e) `date: 2026-12-10 09:30` bare is a timestamp to some YAML readers; `summary:` empty is noise."""
    code, out, err = run.new("Town hall", "-d", "hr", "-c", "website", "--date", "2026-12-10T09:30")
    assert code == 0, err
    lines = front_matter(run.root / out.strip())
    assert 'date: "2026-12-10T09:30"' in lines
    assert not [line for line in lines if re.fullmatch(r"[a-z]+:\s*", line)], lines
    assert not any(line.startswith(("summary", "author")) for line in lines)
    code, out, err = run.new("Town hall two", "-d", "hr", "-c", "website", "--date", "2026-12-9")
    assert code == 0, err
    assert "date: 2026-12-09" in front_matter(run.root / out.strip())
    summary = "What's next: #goals, 'plans' & more"
    code, out, err = run.new(
        "Town hall three", "-d", "hr", "-c", "blog", "--date", "2026-12-14", "--summary", summary
    )
    assert code == 0, err
    assert run.stories()[out.strip()].summary == summary
    run.check_passes()


def test_new_refuses_the_address_of_a_story_on_another_day(run: Run) -> None:
    """(a) The fixture's hr story is 2026-12-03-welcome-new-partners.md: the same slug on another date is
    the same page address, which check rejects whichever file it names."""
    later = run.new("Welcome new partners", "-d", "hr", "-c", "website", "--date", "2026-12-10")
    earlier = run.new("Welcome: new partners!", "-d", "hr", "-c", "website", "--date", "2026-12-01")
    for code, out, err in (later, earlier):
        assert code == 1 and out == "", err
        assert "would be published at /stories/hr/welcome-new-partners/" in err
        assert "would not accept" in err and "so it was not written" in err
    assert f"{HR}/2026-12-10-welcome-new-partners.md:1:" in later[2]
    assert f"{HR}/2026-12-03-welcome-new-partners.md:1:" in earlier[2]  # the clash names the other file
    assert sorted(p.name for p in (run.root / HR).iterdir()) == ["2026-12-03-welcome-new-partners.md"]
    run.check_passes()
    code, out, err = run.new("Welcome new partners", "-d", "legal", "-c", "website", "--date", "2026-12-10")
    assert code == 0, err  # another department, another address


def test_departments_and_channels_by_name_or_key_in_any_case(run: Run) -> None:
    """(c) `Website, LinkedIn` names two channels; a department by its name works as well as its key."""
    code, out, err = run.new(
        "Benefits fair", "-d", "people & CULTURE", "-c", "Website, LinkedIn", "--date", "2026-12-15"
    )
    assert code == 0, err
    assert out.strip() == f"{HR}/2026-12-15-benefits-fair.md"
    assert "channels: [website, linkedin]" in front_matter(run.root / out.strip())
    code, out, err = run.new(
        "Fair recap", "-d", "HR", "-c", "TWITTER / x", "-c", "blog,website, blog", "--date", "2026-12-16"
    )
    assert code == 0, err
    assert "channels: [twitter, blog, website]" in front_matter(run.root / out.strip())
    run.check_passes()


def test_a_bad_value_on_the_command_line_is_an_error_with_the_choices(run: Run) -> None:
    cases = [
        ("-d", "sales", "unknown department 'sales'; one of: hr (People & Culture), research (Research),"),
        ("-c", "website, fax", "unknown channel 'fax'; one of: website (Website), blog (Blog),"),
        ("--date", "2026-02-30", "February 2026 has 28 days"),
        ("--date", "2026-03-29 01:30", "does not exist in Europe/London"),
        ("--status", "publishd", "unknown status 'publishd'; did you mean 'published'?"),
    ]
    good = {"-d": "hr", "-c": "website", "--date": "2026-12-01", "--status": "draft"}
    for flag, value, said in cases:
        flags = [item for key, default in good.items() for item in (key, value if key == flag else default)]
        code, _out, err = run.new("A title", *flags)
        assert code == 2 and said in err, (flag, err)
    code, _out, err = run.new("<b>bold</b>", "-d", "hr", "-c", "website", "--date", "2026-12-01")
    assert code == 2 and "plain text" in err
    code, _out, err = run.new("A title")
    assert code == 2 and "missing --department, --channel, --date" in err
    assert sorted(p.name for p in (run.root / HR).iterdir()) == ["2026-12-03-welcome-new-partners.md"]


def test_new_refuses_to_overwrite(run: Run) -> None:
    args = ("Same title", "-d", "hr", "-c", "website", "--date", "2026-12-10")
    assert run.new(*args)[0] == 0
    code, _out, err = run.new(*args)
    assert code == 2 and "already exists" in err


def test_new_shows_the_warnings_check_would_give(run: Run) -> None:
    code, out, err = run.new("Far ahead", "-d", "hr", "-c", "website", "--date", "2031-12-01")
    assert code == 0, err
    assert "2031-12-01 is 5 years from today" in err
    assert out.strip() == f"{HR}/2031-12-01-far-ahead.md"


HOSTILE_TITLES = [
    "Q3: results, in full",
    '"Quoted" at the start, and "inside"',
    "'Single' at the start",
    "It's a 'mixed' \"quote\" day",
    "#1 in the rankings",
    "C# tips #2",
    "Results # not a comment",
    "@alder-bay joins the board",
    "- a dash first",
    "? a question mark first",
    "! an exclamation first",
    "% per cent",
    "& ampersand first",
    "* star first",
    "| pipe first",
    "> greater first",
    "{braces}",
    "[brackets]",
    "yes",
    "No",
    "off",
    "null",
    "~",
    "123",
    "1.5e3",
    "0x1F",
    "2026-12-03",
    "2026-12-03 09:30",
    "---",
    "...",
    "<<",
    "ends with a colon:",
    "back\\slash \\n not a newline",
    "Café déjà vu: «naïve» Zürich – 東京オフィス 🎉",
    '🎉 "emoji": first',
    "10\u00a0km for charity",
    "Ünïcödé only: ÄÖÜ",
    "x" * 200,
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_any_title_round_trips_and_passes_check(run: Run, title: str) -> None:
    """Whatever the title, the file says exactly it, and check accepts the file as written."""
    code, out, err = run.new(title, "-d", "research", "-c", "blog", "--date", "2027-01-05 09:30")
    assert code == 0, err
    assert run.stories()[out.strip()].title == title
    assert "4 valid stories, 0 errors" in run.check_passes()


def test_slugify() -> None:
    assert slugify("Café opening: día uno!") == "cafe-opening-dia-uno"
    assert slugify("東京オフィス") == ""  # `newsdesk new` names such a story "story"
    assert len(slugify("word " * 40)) <= 60


# -- in a terminal -------------------------------------------------------------------------------------------

PROMPT = re.compile(rb"(?:^|\n)[A-Z][^\n]*: \Z")
"""A question: a line that starts with a capital and ends in ": ", still waiting for its answer."""


def in_terminal(root: Path, *args: str, answers: list[str]) -> tuple[int, str]:
    """`newsdesk new ARGS` in a pseudo-terminal, answering each question with the next answer (Ctrl-D when
    none is left); its exit code and everything the terminal showed."""
    main_fd, replica = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "new", *args],
        cwd=root,
        env=build_env(),
        stdin=replica,
        stdout=replica,
        stderr=replica,
    )
    os.close(replica)
    left = list(answers)
    seen = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if not select.select([main_fd], [], [], 0.2)[0]:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(main_fd, 4096)
            except OSError:  # EIO: the command has ended and closed the terminal
                break
            if not chunk:
                break
            seen += chunk
            if PROMPT.search(seen):
                os.write(main_fd, (left.pop(0) + "\n").encode() if left else b"\x04")
    finally:
        if process.poll() is None:  # stuck: the transcript shows where
            process.kill()
        process.wait(timeout=60)
        os.close(main_fd)
    return process.returncode, seen.decode(errors="replace").replace("\r\n", "\n")


def test_in_a_terminal_a_bad_department_is_asked_again(basic_site: Path) -> None:
    """(b) The departments are listed by name; a wrong one is explained and asked again, not fatal."""
    code, shown = in_terminal(
        basic_site,
        answers=[
            "Contract templates refreshed",
            "Sales",
            "people & culture",
            "Website, fax",
            "website, LINKEDIN",
            "2026-02-30",
            "2026-12-14 09:30",
        ],
    )
    assert code == 0, shown
    assert "  hr        People & Culture\n  research  Research\n  legal     Legal\n" in shown
    assert "unknown department 'Sales'; one of: hr (People & Culture)" in shown
    assert "unknown channel 'fax'; one of: website (Website)" in shown
    assert "February 2026 has 28 days" in shown
    assert shown.count("Department: ") == 2 and shown.count("Channels: ") == 2 and shown.count("Date (") == 2
    written = basic_site / HR / "2026-12-14-contract-templates-refreshed.md"
    assert front_matter(written)[2:5] == [
        'date: "2026-12-14 09:30"',
        "channels: [website, linkedin]",
        "status: draft",
    ]
    assert (
        subprocess.run(
            [sys.executable, "-m", "newsdesk.cli", "check"],
            cwd=basic_site,
            env=build_env(),
            capture_output=True,
        ).returncode
        == 0
    )


def test_in_a_terminal_a_clashing_title_is_asked_again(basic_site: Path) -> None:
    code, shown = in_terminal(
        basic_site,
        "-d",
        "hr",
        "-c",
        "website",
        "--date",
        "2026-12-10",
        answers=["Welcome new partners", "Welcome our new partners"],
    )
    assert code == 0, shown
    assert "would be published at /stories/hr/welcome-new-partners/" in shown
    assert "Type another title" in shown
    assert (basic_site / HR / "2026-12-10-welcome-our-new-partners.md").is_file()
    assert not (basic_site / HR / "2026-12-10-welcome-new-partners.md").exists()


def test_in_a_terminal_no_answer_writes_nothing(basic_site: Path) -> None:
    code, shown = in_terminal(basic_site, "-d", "legal", answers=[])
    assert code == 2 and "no answer, so nothing was written" in shown
    assert sorted(p.name for p in (basic_site / "content/stories/legal").iterdir()) == [
        "2026-11-10-gdpr-update.md"
    ]
