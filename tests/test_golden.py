"""Whole outputs against tests/golden/: the monthly report as markdown and CSV, and `newsdesk diff`'s job
summary. The behaviour tests (test_report*.py, test_diff.py) say what each part must hold; these catch
any other change to the bytes a reader gets. Rewrite them with NEWSDESK_UPDATE_GOLDEN=1 (tests/goldenfiles.py).

The command runs in this process, so what it prints is captured without the platform's newline
translation: the CSV's \\r\\n line endings are part of what is compared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from goldenfiles import assert_golden
from newsdesk.cli import main
from sitekit import TODAY, copy_site
from test_diff import every_kind_of_change, write

if TYPE_CHECKING:
    from pathlib import Path


def run(root: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """`newsdesk ARGS` in `root` on TODAY, as a contributor runs it; its standard output."""
    monkeypatch.chdir(root)
    monkeypatch.setenv("NEWSDESK_TODAY", TODAY)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.fixture
def planning(tmp_path: Path) -> Path:
    return copy_site("planning", tmp_path)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("report-2026-11.md", ("--month", "2026-11", "--format", "markdown")),
        ("report-2026-10.md", ("--month", "2026-10", "--format", "markdown")),
        ("report-2026-11.csv", ("--month", "2026-11", "--format", "csv")),
    ],
)
def test_the_report(
    planning: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    args: tuple[str, ...],
) -> None:
    assert_golden(name, run(planning, monkeypatch, capsys, "report", *args))


def test_the_report_without_site_url_names_files(
    planning: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = planning / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_url:", "# site_url:"), encoding="utf-8"
    )
    out = run(planning, monkeypatch, capsys, "report", "--month", "2026-11")
    assert_golden("report-2026-11-without-site-url.md", out)


@pytest.mark.parametrize(("name", "style"), [("diff.md", "markdown"), ("diff.txt", "text")])
def test_the_diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, style: str
) -> None:
    """One change of every kind, an error and a planning warning, as the job summary's markdown and as a
    terminal's text; the commits' ids (which hold the time of the commit) are replaced by BASE and HEAD."""
    root = copy_site("basic", tmp_path)

    def late_draft(root: Path) -> None:
        write(
            root,
            "hr/2026-12-10-late.md",
            "id: late\ntitle: Late piece\ndate: 2026-12-10\nchannels: [website]\nstatus: draft\ndue: 2026-11-01",
        )

    base, head = every_kind_of_change(root, late_draft)
    out = run(root, monkeypatch, capsys, "diff", "--format", style, base, head)
    assert base[:12] in out and head[:12] in out
    assert_golden(name, out.replace(base[:12], "BASE").replace(head[:12], "HEAD"))
