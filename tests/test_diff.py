"""`newsdesk diff BASE [HEAD]` on a real git repository with real commits.

The markdown it prints is rendered with Python-Markdown (the parser MkDocs uses, with its tables
extension) and read back as HTML, so the tests see the tables a reviewer sees in the job summary.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from sitekit import copy_site, newsdesk

STORIES = Path("content/stories")


def git(root: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "Ada",
        "GIT_AUTHOR_EMAIL": "ada@example.org",
        "GIT_COMMITTER_NAME": "Ada",
        "GIT_COMMITTER_EMAIL": "ada@example.org",
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": "/usr/bin:/bin:/usr/local/bin",
    }
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(root: Path, message: str) -> str:
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--no-verify", "-m", message)
    return git(root, "rev-parse", "HEAD")


def write(root: Path, path: str, front: str, body: str = "Text.") -> None:
    target = root / STORIES / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{front.strip()}\n---\n\n{body}\n", encoding="utf-8")


def move(root: Path, old: str, new: str) -> None:
    git(root, "mv", str(STORIES / old), str(STORIES / new))


class Summary(HTMLParser):
    """Sections (h2/h3 text) with their table rows and list items, from the rendered markdown."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.sections: dict[str, list[list[str]]] = {}
        self.items: dict[str, list[str]] = {}
        self.paragraphs: list[str] = []
        self.current = ""
        self.heading: list[str] | None = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.text: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3"):
            self.heading = []
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")
        elif tag in ("li", "p") and self.cell is None:
            self.text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3") and self.heading is not None:
            self.current = "".join(self.heading).strip()
            self.sections.setdefault(self.current, [])
            self.heading = None
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.sections[self.current].append(self.row)
            self.row = None
        elif tag == "li" and self.text is not None:
            self.items.setdefault(self.current, []).append("".join(self.text).strip())
            self.text = None
        elif tag == "p" and self.text is not None:
            self.paragraphs.append("".join(self.text).strip())
            self.text = None

    def handle_data(self, data: str) -> None:
        for buffer in (self.heading, self.cell, self.text):
            if buffer is not None:
                buffer.append(data)

    def table(self, section: str) -> list[dict[str, str]]:
        header, *rows = self.sections[section]
        assert all(len(row) == len(header) for row in rows), rows  # no cell split by a stray '|'
        return [dict(zip(header, row, strict=True)) for row in rows]


def summary(root: Path, *args: str) -> Summary:
    done = newsdesk(root, "diff", "--format", "markdown", *args)
    assert done.returncode == 0, done.stderr
    return Summary(markdown.markdown(done.stdout, extensions=["tables"]))


def every_kind_of_change(root: Path, also: Callable[[Path], None]) -> tuple[str, str]:
    """Two commits in a new repository at `root` (a copy of the basic site): the base calendar, then one
    change of every kind, with `also(root)`'s own among them. The two commits' ids."""
    git(root, "init", "--quiet", "--initial-branch=main")
    write(
        root,
        "hr/2026-12-20-office-party.md",
        "id: party\ntitle: Office party\ndate: 2026-12-20\nchannels: [website]",
    )
    write(
        root,
        "research/2027-01-05-outlook.md",
        "id: outlook\ntitle: The 2027 outlook\ndate: 2027-01-05\nchannels: [website]\nstatus: draft",
    )
    base = commit(root, "the calendar before")

    write(
        root,
        "hr/2026-12-15-holiday-hours.md",
        "id: holiday\ntitle: Holiday hours | what *changes* [and] why <3\ndate: 2026-12-15\n"
        "channels: [website, linkedin]\nstatus: scheduled",
    )
    (root / STORIES / "legal/2026-11-10-gdpr-update.md").unlink()  # no id: its path is its id
    move(root, "hr/2026-12-03-welcome-new-partners.md", "research/2026-12-03-welcome-new-partners.md")
    move(root, "hr/2026-12-20-office-party.md", "hr/2026-12-18-office-party.md")
    party = root / STORIES / "hr/2026-12-18-office-party.md"
    party.write_text(party.read_text().replace("date: 2026-12-20", "date: 2026-12-18"))
    outlook = root / STORIES / "research/2027-01-05-outlook.md"
    outlook.write_text(outlook.read_text().replace("status: draft", "status: review"))
    also(root)
    write(root, "hr/2026-12-22-broken.md", "title: Broken\ndate: 2026-02-30\nchannels: [website]")
    return base, commit(root, "one change of every kind")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A repository with two commits: the base calendar, then one change of every kind."""
    root = copy_site("basic", tmp_path_factory.mktemp("diff"))

    def retitle(root: Path) -> None:
        climate = root / STORIES / "research/2026-12-08-climate-report.md"
        climate.write_text(climate.read_text().replace("Κλιματική έκθεση 2026", "Climate report 2026"))

    base, head = every_kind_of_change(root, retitle)
    return root, base, head


def test_every_kind_of_change(history: tuple[Path, str, str]) -> None:
    root, base, head = history
    found = summary(root, base, head)
    assert f"Calendar changes from {base[:12]} to {head[:12]}" in found.sections

    [added] = found.table("Added")
    assert added["Story"] == (
        "Holiday hours | what *changes* [and] why <3\ncontent/stories/hr/2026-12-15-holiday-hours.md"
    )
    assert (added["Date"], added["Department"], added["Channels"], added["Status"]) == (
        "Tue 2026-12-15",
        "People & Culture",  # as the registry names them, not their keys
        "Website, LinkedIn",
        "scheduled",
    )

    [removed] = found.table("Removed")
    assert removed["Story"] == "GDPR policy update\ncontent/stories/legal/2026-11-10-gdpr-update.md"
    assert removed["Date"] == "Tue 2026-11-10 14:00 (America/New_York)"

    # Same id, new folder: the same story, moved to another department.
    [moved] = found.table("Renamed or moved")
    assert moved == {
        "Story": 'Welcome, new partners; "the class of 2026" 🎉',
        "From": "content/stories/hr/2026-12-03-welcome-new-partners.md",
        "To": "content/stories/research/2026-12-03-welcome-new-partners.md",
    }

    # A file renamed to follow its new date is rescheduled, not "moved".
    [rescheduled] = found.table("Rescheduled")
    assert rescheduled == {
        "Story": "Office party\ncontent/stories/hr/2026-12-18-office-party.md",
        "From": "Sun 2026-12-20",
        "To": "Fri 2026-12-18",
    }

    [status] = found.table("Status changed")
    assert status == {
        "Story": "The 2027 outlook\ncontent/stories/research/2027-01-05-outlook.md",
        "From": "draft",
        "To": "review",
    }

    [edited] = found.table("Edited")
    assert (
        edited["Story"]
        == "Climate report 2026 & what it means\ncontent/stories/research/2026-12-08-climate-report.md"
    )
    assert edited["Changed"] == "title"

    [broken] = found.table("Files with errors")
    assert broken["File"] == "content/stories/hr/2026-12-22-broken.md"
    assert broken["Line"] == "3"
    assert "February 2026 has 28 days" in broken["Problem"]

    assert (
        "1 story added, 1 story removed, 1 story rescheduled, 1 story with a new status, "
        "1 story renamed or moved, 1 story edited, 1 file with errors." in found.paragraphs
    )


def test_reads_git_not_the_working_tree(history: tuple[Path, str, str], tmp_path: Path) -> None:
    """Nothing is checked out: uncommitted edits and the checked-out revision change nothing."""
    root, base, head = history
    before = newsdesk(root, "diff", base, head).stdout
    scratch = copy_site("basic", tmp_path)  # a different working tree with the same .git
    shutil.rmtree(scratch / "content")
    (scratch / "content").mkdir()
    shutil.copytree(root / ".git", scratch / ".git")
    done = newsdesk(scratch, "diff", base, head)
    assert done.returncode == 0, done.stderr
    assert done.stdout == before
    assert git(scratch, "status", "--porcelain")  # the working tree there really differs from HEAD


def test_head_defaults_to_HEAD_and_no_change_says_so(history: tuple[Path, str, str]) -> None:
    root, base, head = history
    assert newsdesk(root, "diff", base).stdout == newsdesk(root, "diff", base, head).stdout
    found = summary(root, head, head)
    assert "No story was added, removed, moved or changed." in found.paragraphs
    assert list(found.sections) == [f"Calendar changes from {head[:12]} to {head[:12]}"]


def test_reverse_diff_swaps_added_and_removed(history: tuple[Path, str, str]) -> None:
    root, base, head = history
    found = summary(root, head, base)
    assert [row["Story"].split("\n")[0] for row in found.table("Added")] == ["GDPR policy update"]
    assert [row["Story"].split("\n")[0] for row in found.table("Removed")] == [
        "Holiday hours | what *changes* [and] why <3"
    ]
    assert "Files with errors" not in found.sections  # the base had no broken file


def test_registry_of_each_revision(tmp_path: Path) -> None:
    """Stories are read with the registry of their own revision: a department added in the same commit."""
    root = copy_site("basic", tmp_path)
    git(root, "init", "--quiet")
    base = commit(root, "base")
    departments = root / "calendar/departments.yml"
    departments.write_text(departments.read_text() + 'events:\n  name: Events\n  colour: "#ff0000"\n')
    write(
        root, "events/2026-12-01-forum.md", "id: forum\ntitle: Forum\ndate: 2026-12-01\nchannels: [website]"
    )
    commit(root, "a new department and its first story")
    found = summary(root, base)
    assert [row["Department"] for row in found.table("Added")] == ["Events"]  # the head registry names it
    assert "Files with errors" not in found.sections


def test_planning_warnings_the_change_brings(tmp_path: Path) -> None:
    """Warnings from the planning checks that the head has and the base had not (today is 2026-11-23)."""
    root = copy_site("basic", tmp_path)
    git(root, "init", "--quiet")
    base = commit(root, "base")
    write(
        root,
        "hr/2026-12-10-late.md",
        "id: late\ntitle: Late piece\ndate: 2026-12-10\nchannels: [website]\nstatus: draft\ndue: 2026-11-01",
    )
    commit(root, "an overdue draft")
    found = summary(root, base)
    [warning] = [item for item in found.items.get("Planning", []) if "Late piece" in item]
    assert warning.startswith("content/stories/hr/2026-12-10-late.md:")
    assert "was due on 2026-11-01" in warning


def test_bad_revision_is_a_usage_error(history: tuple[Path, str, str]) -> None:
    root, _base, _head = history
    done = newsdesk(root, "diff", "no-such-branch")
    assert done.returncode == 2
    assert "unknown revision 'no-such-branch'" in done.stderr


def test_outside_a_repository(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    done = newsdesk(root, "diff", "HEAD~1")
    assert done.returncode == 2
    assert done.stderr.startswith("newsdesk: ")


def check_problems(root: Path) -> dict[str, dict[str, object]]:
    """`newsdesk check`'s errors for the working tree, by file (the first per file, as the diff lists)."""
    done = newsdesk(root, "check", "--format", "json")
    found: dict[str, dict[str, object]] = {}
    for problem in json.loads(done.stdout):
        if problem["severity"] == "error":
            found.setdefault(problem["path"], problem)
    return found


def as_listed(problem: dict[str, object]) -> str:
    """A check problem as the diff's "Problem" cell reads once rendered: message, then hint."""
    return "\n".join(" ".join(str(problem[key]).split()) for key in ("message", "hint") if problem[key])


def test_a_copy_that_keeps_an_id_is_an_error_not_a_rename(tmp_path: Path) -> None:
    """A copy keeping the original's id, sorted after it or before it: never dropped, never a rename."""
    root = copy_site("basic", tmp_path)
    git(root, "init", "--quiet")
    original = "hr/2026-12-03-welcome-new-partners.md"
    base = commit(root, "base")
    text = (root / STORIES / original).read_text()
    (root / STORIES / "hr/2026-12-04-welcome-again.md").write_text(text)  # sorts after the original
    (root / STORIES / "hr/2026-12-01-welcome-copy.md").write_text(text)  # sorts before it
    commit(root, "two copies of one story")
    expected = check_problems(root)
    found = summary(root, base)

    broken = {row["File"]: row for row in found.table("Files with errors")}
    assert (
        set(broken)
        == set(expected)
        == {
            f"{STORIES}/{original}",
            f"{STORIES}/hr/2026-12-04-welcome-again.md",
        }
    )
    for path, row in broken.items():
        assert row["Problem"] == as_listed(expected[path])
        assert row["Line"] == str(expected[path]["line"])
    assert broken[f"{STORIES}/hr/2026-12-04-welcome-again.md"]["Problem"].startswith(
        f"id 'a1b2c3d4e5f6' is already used by {STORIES}/hr/2026-12-01-welcome-copy.md"
    )
    # The copy check accepts (the first by path) is a new story; the original did not move or vanish.
    [added] = found.table("Added")
    assert added["Story"].endswith(f"{STORIES}/hr/2026-12-01-welcome-copy.md")
    assert "Renamed or moved" not in found.sections
    assert "Removed" not in found.sections
    assert "Rescheduled" not in found.sections


def test_a_copy_at_the_same_address_is_an_error(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    git(root, "init", "--quiet")
    base = commit(root, "base")
    write(
        root, "research/2026-12-20-climate-report.md", "title: Again\ndate: 2026-12-20\nchannels: [website]"
    )
    commit(root, "a second climate report")
    expected = check_problems(root)
    found = summary(root, base)
    [row] = found.table("Files with errors")
    path = f"{STORIES}/research/2026-12-20-climate-report.md"
    assert row["File"] == path
    assert row["Problem"] == as_listed(expected[path])
    assert "would be published at /stories/research/climate-report/" in row["Problem"]
    assert "Added" not in found.sections


def test_a_story_without_id_renamed_is_the_same_story(tmp_path: Path) -> None:
    """No `id:` (its path is its id): git's rename detection follows it to its new date or folder."""
    root = copy_site("basic", tmp_path)
    git(root, "init", "--quiet")
    write(root, "hr/2026-12-10-canteen.md", "title: Canteen reopens\ndate: 2026-12-10\nchannels: [website]")
    base = commit(root, "base")
    move(root, "legal/2026-11-10-gdpr-update.md", "legal/2026-11-12-gdpr-update.md")
    gdpr = root / STORIES / "legal/2026-11-12-gdpr-update.md"
    gdpr.write_text(gdpr.read_text().replace("2026-11-10T14:00", "2026-11-12T14:00"))
    move(root, "hr/2026-12-10-canteen.md", "research/2026-12-10-canteen.md")
    commit(root, "a later date, and another folder")
    found = summary(root, base)

    assert "Added" not in found.sections
    assert "Removed" not in found.sections
    [rescheduled] = found.table("Rescheduled")
    assert rescheduled == {
        "Story": f"GDPR policy update\n{STORIES}/legal/2026-11-12-gdpr-update.md",
        "From": "Tue 2026-11-10 14:00 (America/New_York)",
        "To": "Thu 2026-11-12 14:00 (America/New_York)",
    }
    [moved] = found.table("Renamed or moved")
    assert moved == {
        "Story": "Canteen reopens",
        "From": f"{STORIES}/hr/2026-12-10-canteen.md",
        "To": f"{STORIES}/research/2026-12-10-canteen.md",
    }
    assert "1 story rescheduled, 1 story renamed or moved." in found.paragraphs


def test_an_unrelated_story_without_id_is_not_paired(tmp_path: Path) -> None:
    """Only what git itself calls a rename is one: a removed story and a different new one stay apart."""
    root = copy_site("basic", tmp_path)
    git(root, "init", "--quiet")
    base = commit(root, "base")
    (root / STORIES / "legal/2026-11-10-gdpr-update.md").unlink()
    write(
        root,
        "legal/2026-12-14-contracts.md",
        "title: Standard contracts, revised\ndate: 2026-12-14\nchannels: [website, linkedin]\nstatus: idea",
        "A new set of standard contracts for every client, with a shorter liability clause.",
    )
    commit(root, "one out, one in")
    found = summary(root, base)
    assert [row["Story"].split("\n")[0] for row in found.table("Added")] == ["Standard contracts, revised"]
    assert [row["Story"].split("\n")[0] for row in found.table("Removed")] == ["GDPR policy update"]


def test_a_warning_whose_counts_change_is_listed_once(tmp_path: Path) -> None:
    """Warnings are matched on what they are about, not their text: a new count is a change, not new+gone."""
    root = copy_site("basic", tmp_path)
    git(root, "init", "--quiet")
    write(
        root,
        "hr/2026-12-10-late.md",
        "title: Late piece\ndate: 2026-12-10\nchannels: [website]\nstatus: draft\ndue: 2026-11-01",
    )
    base = commit(root, "base")
    write(
        root,
        "research/2026-12-01-letter.md",
        "id: letter\ntitle: Letter\ndate: 2026-12-01\nchannels: newsletter",
    )
    move(root, "hr/2026-12-10-late.md", "hr/2026-12-11-late.md")  # no id: still the same overdue story
    late = root / STORIES / "hr/2026-12-11-late.md"
    late.write_text(late.read_text().replace("date: 2026-12-10", "date: 2026-12-11"))
    commit(root, "a newsletter on 1 December; the late piece a day later")
    found = summary(root, base)

    items = found.items["Planning"]
    [gaps] = [item for item in items if "Newsletter" in item]
    assert gaps.startswith("calendar/channels.yml:")
    assert "nothing on 3 of its posting days" in gaps
    assert "(before: Newsletter has nothing on 4 of its posting days" in gaps
    assert not any("Late piece" in item for item in items)  # unchanged, though its file was renamed
    assert "New warnings:" not in found.paragraphs
    assert "Resolved:" not in found.paragraphs
    assert "Changed:" in found.paragraphs
    # People & Culture below target, Research below target (its count did not change), the overdue piece.
    assert "3 planning warnings from before this change remain as they were." in found.paragraphs


def test_every_kind_of_finding_has_a_subject() -> None:
    from newsdesk.planning import diff, findings

    assert set(diff.SUBJECTS) == set(findings.KINDS)


def test_files_outside_a_department_folder_say_what_check_says(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    git(root, "init", "--quiet")
    base = commit(root, "base")
    front = "title: Stray\ndate: 2026-12-10\nchannels: [website]"
    write(root, "events/2026-12-10-forum.md", front)  # a department the registry does not have
    write(root, "2026-12-10-loose.md", front)  # no department folder at all
    write(root, "hr/huge/2026-12-10-deep.md", front)
    commit(root, "stray files")
    expected = check_problems(root)
    found = summary(root, base)
    broken = {row["File"]: row["Problem"] for row in found.table("Files with errors")}
    assert broken == {path: as_listed(problem) for path, problem in expected.items()}
    assert broken[f"{STORIES}/events/2026-12-10-forum.md"].startswith("unknown department folder 'events'\n")
    assert broken[f"{STORIES}/2026-12-10-loose.md"].startswith("a story must be inside a department folder\n")
