"""`newsdesk results import` (issue 17, item 3): matched, unmatched and ambiguous rows, each failure on its
CSV line; the files it changes differ from before only inside `results:`; a second import changes nothing."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml
from sitekit import copy_site, newsdesk

pytestmark = pytest.mark.build

CSV = """\
story,channel,impressions,clicks,views,visitors
mkt-awards,linkedin,4400,120,,
https://results.example.com/desk/stories/research/climate-study/?utm_source=mail,website,,,800,610
content/stories/hr/2026-11-10-benefits-update.md,Website,,,450,
stories/hr/2026-10-12-graduate-intake.md,linkedin,7300,,,
no-such-story,linkedin,1,,,
mkt-winter,linkedin,300,,,
mkt-winter,linkedin,310,,,
mkt-autumn,twitter,5,,,
res-review,website,,,12,
mkt-webinar,linkedin,-4,,,
"""
FAILED = {  # CSV line: what the message says
    6: "no story has the id, path or address 'no-such-story'",
    7: "is in more than one row",
    8: "is in more than one row",
    9: "is not on Twitter / X",
    10: "is draft: results are for a published story",
    11: "impressions must be a whole number",
}


def front(text: str) -> tuple[str, str]:
    head, _, body = text.partition("\n---\n")
    return head, body


def outside_results(text: str) -> list[str]:
    """The file's lines but those of its `results:` block (the key and its indented lines)."""
    kept, inside = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("results:"):
            inside = True
            continue
        if inside and line.startswith((" ", "\t")):
            continue
        inside = False
        kept.append(line)
    return kept


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = copy_site("results", tmp_path)
    (root / "figures.csv").write_text(CSV, encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "content").rglob("*.md"))}


def test_the_round_trip(site: Path) -> None:
    before = snapshot(site)
    first = newsdesk(site, "results", "import", "figures.csv")
    assert first.returncode == 1, first.stderr
    failed = {
        int(line.split(":")[1]): line for line in first.stderr.splitlines() if line.startswith("figures.csv:")
    }
    assert set(failed) == set(FAILED), first.stderr
    for line, words in FAILED.items():
        assert words in failed[line], failed[line]
    after = snapshot(site)
    changed = {path for path in before if before[path] != after[path]}
    assert changed == {
        "content/stories/marketing/2026-11-03-client-awards.md",
        "content/stories/research/2026-08-20-climate-study.md",
        "content/stories/hr/2026-11-10-benefits-update.md",
    }  # the graduate intake already had 7300 impressions: unchanged
    for path in changed:
        old, new = before[path].decode(), after[path].decode()
        assert outside_results(old) == outside_results(new), "".join(
            difflib.unified_diff(old.splitlines(True), new.splitlines(True))
        )
    figures = {
        path: yaml.safe_load(front(after[path].decode())[0].removeprefix("---\n"))["results"]
        for path in changed
    }
    assert figures["content/stories/marketing/2026-11-03-client-awards.md"] == {
        "website": {"views": 2500, "visitors": 1800}, "linkedin": {"impressions": 4400, "clicks": 120}
    }  # fmt: skip
    assert figures["content/stories/research/2026-08-20-climate-study.md"] == {
        "website": {"views": 800, "visitors": 610}
    }
    assert figures["content/stories/hr/2026-11-10-benefits-update.md"] == {"website": {"views": 450}}
    assert newsdesk(site, "check").returncode == 0
    second = newsdesk(site, "results", "import", "figures.csv")
    assert second.returncode == 1
    assert snapshot(site) == after
    assert "0 files changed" in second.stderr


def test_comments_quoting_and_line_endings_outside_results_are_kept(site: Path) -> None:
    path = site / "content/stories/marketing/2026-09-15-autumn-campaign.md"
    crlf = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(crlf)
    (site / "one.csv").write_text("story,channel,clicks\nmkt-autumn,linkedin,230\n", encoding="utf-8")
    result = newsdesk(site, "results", "import", "one.csv")
    assert result.returncode == 0, result.stderr
    new = path.read_bytes()
    assert b"\r\n" in new and b"\n" not in new.replace(b"\r\n", b"")
    assert outside_results(new.decode()) == outside_results(crlf.decode())
    assert b'title: "Autumn campaign launches"   # quoted on purpose' in new
    assert b"# figures read off LinkedIn page analytics" in new
    meta = yaml.safe_load(new.decode().replace("\r\n", "\n").split("---\n")[1])
    assert meta["results"]["linkedin"] == {"impressions": 5400, "clicks": 230, "reactions": 88}
    assert meta["results"]["website"] == {"views": 1900}


def test_dry_run_writes_nothing(site: Path) -> None:
    before = snapshot(site)
    result = newsdesk(site, "results", "import", "figures.csv", "--dry-run")
    assert result.returncode == 1
    assert "would change" in result.stdout
    assert snapshot(site) == before


def test_an_unknown_column_stops_the_import(site: Path) -> None:
    (site / "bad.csv").write_text("story,channel,impresions\nmkt-awards,linkedin,3\n", encoding="utf-8")
    before = snapshot(site)
    result = newsdesk(site, "results", "import", "bad.csv")
    assert result.returncode == 1
    assert "bad.csv:1: column 'impresions'" in result.stderr and "impressions" in result.stderr
    assert snapshot(site) == before


def test_hostile_cells_are_printable_in_the_log(site: Path) -> None:
    (site / "evil.csv").write_text(
        'story,channel,views\n"x\x1b[31m\n::error::y",website,1\n', encoding="utf-8"
    )
    result = newsdesk(site, "results", "import", "evil.csv")
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\n::error" not in result.stderr
