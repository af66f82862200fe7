"""`newsdesk codeowners` writes .github/CODEOWNERS from the registry; `newsdesk check` fails when it is stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsdesk.render import codeowners
from newsdesk.sources.registry import load_registry
from sitekit import REPO, copy_site, newsdesk

BASIC_LEADS = {"hr": "@fixture/hr", "research": "@fixture/research"}


def rules(text: str) -> list[tuple[str, list[str]]]:
    """(pattern, owners) for each rule line, in file order."""
    found = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            found.append((pattern, owners))
    return found


def owners_of(text: str, path: str) -> list[str]:
    """GitHub's rule, for the two pattern shapes newsdesk writes: the last matching line wins.

    `*` matches every file; an anchored folder `/a/b/` matches everything below it.
    """
    owners: list[str] = []
    for pattern, who in rules(text):
        assert pattern == "*" or (pattern.startswith("/") and pattern.endswith("/")), pattern
        if pattern == "*" or path.startswith(pattern[1:]):
            owners = who
    return owners


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = copy_site("basic", tmp_path)
    (root / ".github").mkdir()
    return root


def test_each_department_folder_goes_to_its_lead(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    registry, problems = load_registry(root)
    assert not problems
    text = codeowners.render(registry, ["@fixture/web"], "content/stories")
    for key, lead in BASIC_LEADS.items():
        assert owners_of(text, f"content/stories/{key}/2026-12-03-x.md") == [lead]
    # legal has no lead: its stories, the registry, the workflows and everything else go to the maintainers.
    assert owners_of(text, "content/stories/legal/2026-11-10-gdpr-update.md") == ["@fixture/web"]
    assert owners_of(text, "calendar/departments.yml") == ["@fixture/web"]
    assert owners_of(text, ".github/workflows/check.yml") == ["@fixture/web"]
    assert owners_of(text, "mkdocs.yml") == ["@fixture/web"]
    assert "# legal has no lead in calendar/departments.yml" in text
    assert rules(text)[0] == ("*", ["@fixture/web"])  # the catch-all first, or it would win everywhere


def test_maintainers_default_to_the_first_departments_lead(tmp_path: Path) -> None:
    registry, _ = load_registry(copy_site("basic", tmp_path))
    assert codeowners.maintainers_of(registry, []) == ("@fixture/hr",)
    assert codeowners.maintainers_of(registry, ["@a/b", "@c", "@a/b"]) == ("@a/b", "@c")


def test_without_any_owner_nothing_is_claimed(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    departments = root / "calendar" / "departments.yml"
    departments.write_text(
        "\n".join(line for line in departments.read_text().splitlines() if "lead:" not in line)
    )
    registry, problems = load_registry(root)
    assert not problems
    text = codeowners.render(registry, codeowners.maintainers_of(registry, []), "content/stories")
    assert rules(text) == []
    assert "No site maintainers" in text


def test_docs_dir_with_a_space_is_escaped(tmp_path: Path) -> None:
    registry, _ = load_registry(copy_site("basic", tmp_path))
    text = codeowners.render(registry, ["@web"], "my docs/stories")
    [line] = [line for line in text.splitlines() if line.endswith("@fixture/hr")]
    assert line.split("  ")[0] == "/my\\ docs/stories/hr/"


def test_command_writes_the_file_and_check_follows_it(site: Path) -> None:
    # A site with a .github folder but no CODEOWNERS yet: check says so.
    done = newsdesk(site, "check")
    assert done.returncode == 1
    assert ".github/CODEOWNERS: .github/CODEOWNERS is missing" in done.stdout
    assert "hint: run `newsdesk codeowners`" in done.stdout

    done = newsdesk(site, "codeowners")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ".github/CODEOWNERS"
    written = (site / ".github" / "CODEOWNERS").read_text()
    assert owners_of(written, "content/stories/hr/2026-12-03-welcome-new-partners.md") == ["@fixture/hr"]
    assert newsdesk(site, "check").returncode == 0
    assert "up to date" in newsdesk(site, "codeowners").stderr

    # A new lead in the registry makes the committed file stale, annotated on the file in CI.
    departments = site / "calendar" / "departments.yml"
    departments.write_text(departments.read_text().replace("@fixture/research", "@fixture/analysts"))
    done = newsdesk(site, "check", "--format", "github")
    assert done.returncode == 1
    [annotation] = [line for line in done.stdout.splitlines() if "CODEOWNERS" in line]
    assert annotation.startswith("::error file=.github/CODEOWNERS,line=1,")
    assert "out of date" in annotation

    assert newsdesk(site, "codeowners").returncode == 0
    assert newsdesk(site, "check").returncode == 0
    written = (site / ".github" / "CODEOWNERS").read_text()
    assert owners_of(written, "content/stories/research/2026-12-08-climate-report.md") == [
        "@fixture/analysts"
    ]


def test_hand_edits_are_stale(site: Path) -> None:
    assert newsdesk(site, "codeowners").returncode == 0
    path = site / ".github" / "CODEOWNERS"
    path.write_text(path.read_text() + "/content/stories/hr/ @someone-else\n")
    done = newsdesk(site, "check")
    assert done.returncode == 1
    assert ".github/CODEOWNERS:1: .github/CODEOWNERS is out of date" in done.stdout


def test_sites_without_github_are_not_asked(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    done = newsdesk(root, "check")
    assert done.returncode == 0, done.stdout
    assert "CODEOWNERS" not in done.stdout


def test_maintainers_option(site: Path) -> None:
    config = site / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "timezone: Europe/London", 'timezone: Europe/London\n      maintainers: ["@fixture/web", "@ada"]'
        )
    )
    done = newsdesk(site, "codeowners", "--stdout")
    assert done.returncode == 0, done.stderr
    assert rules(done.stdout)[0] == ("*", ["@fixture/web", "@ada"])
    assert not (site / ".github" / "CODEOWNERS").exists()  # --stdout writes nothing

    config.write_text(config.read_text().replace('"@ada"', '"ada lovelace"'))
    done = newsdesk(site, "codeowners")
    assert done.returncode == 2
    assert "maintainers must be GitHub handles" in done.stderr


def test_registry_errors_stop_the_command(site: Path) -> None:
    departments = site / "calendar" / "departments.yml"
    departments.write_text(departments.read_text().replace('lead: "@fixture/hr"', "lead: fixture hr"))
    done = newsdesk(site, "codeowners")
    assert done.returncode == 2
    assert "fix calendar/ first" in done.stderr
    assert not (site / ".github" / "CODEOWNERS").exists()


def test_the_repositorys_own_file_is_current() -> None:
    done = newsdesk(REPO, "codeowners", "--stdout")
    assert done.returncode == 0, done.stderr
    assert (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == done.stdout
