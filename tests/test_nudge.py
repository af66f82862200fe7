"""`newsdesk nudge` and /nudge/ on the nudge fixture, a desk on Wednesday 25 November 2026 whose answers are
known: what goes out today and on Thursday, LinkedIn Thursday open on Research's turn, Legal quiet, a draft
due on Friday, an overdue draft; and Monday 6 July 2026, a day with nothing to ask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from htmltree import parse
from sitekit import Built, copy_site, mkdocs_build, newsdesk

TODAY = "2026-11-25"
SITE = "https://nudge.example.com/desk/"
PROPOSE = f"{SITE}contribute/new/?department=research&channels=linkedin&date=2026-11-26&time=12%3A00"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_site("nudge", tmp_path_factory.mktemp("nudge"))


def nudge(root: Path, *args: str) -> str:
    done = newsdesk(root, "nudge", *args, NEWSDESK_TODAY=TODAY)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_day_in_json(root: Path) -> None:
    data = json.loads(nudge(root, "--format", "json"))
    assert data["day"] == TODAY and data["empty"] is False
    today, thursday = data["outgoing"]
    assert today["day"] == TODAY
    # Today's stories, the cancelled talk left out, in time order (all day first).
    assert [s["id"] for s in today["stories"]] == ["pay-benefits", "stories/marketing/2026-11-25-webinar"]
    # Wednesday's next working day is Thursday; Friday's story is not asked about yet.
    assert thursday["day"] == "2026-11-26"
    assert [s["title"] for s in thursday["stories"]] == ["We are hiring"]
    [slot] = data["open_slots"]
    assert slot == {
        "slot": "linkedin-thursday",
        "name": "LinkedIn Thursday",
        "channel": "linkedin",
        "day": "2026-11-26",
        "start": "2026-11-26T12:00:00+00:00",
        "department": "research",  # hr's story that day is not Research's: the slot stays open
        "propose_url": PROPOSE,
    }
    assert [(d["kind"], d["department"]) for d in data["departments"]] == [("quiet", "legal")]
    assert [s["title"] for s in data["drafts_due"]] == ["The new paper"]
    assert [(s["title"], s["due"]) for s in data["overdue"]] == [("Buyer's guide", "2026-11-20")]
    assert data["url"] == f"{SITE}nudge/"


def test_the_day_in_text(root: Path) -> None:
    text = nudge(root)
    lines = text.splitlines()
    assert lines[0] == "Nudge fixture: Nudge for Wednesday 25 November 2026"
    assert lines[2:5] == [
        "Going out today, Wednesday 25 November",
        f'- Pay & benefits: "what\'s new" in *2027* (People & Culture; Website, LinkedIn) '
        f"{SITE}stories/hr/pay-and-benefits/",
        f"- Winter webinar (Marketing <!here> *team*; LinkedIn, Twitter / X; 14:00) {SITE}stories/marketing/webinar/",
    ]
    assert (
        f"- LinkedIn Thursday, Thu 26 Nov 12:00 (LinkedIn; Research's turn) Propose a story: {PROPOSE}"
        in lines
    )
    assert (
        f"- Legal has published nothing since 3 August 2026 and has nothing planned {SITE}departments/legal/"
        in lines
    )
    assert "Drafts due by Sat 28 Nov" in lines
    assert any(line.startswith("- 'Buyer's guide' was due on 2026-11-20 (5 days ago)") for line in lines)
    assert "A talk called off" not in text and "Friday notes" not in text


def test_an_empty_day_is_one_line(root: Path) -> None:
    text = nudge(root, "--day", "2026-07-06")
    assert text.splitlines() == [
        "Nudge fixture: Nudge for Monday 6 July 2026",
        "Nothing to ask for Monday 6 July 2026: nothing goes out, no slot is open, every department is on "
        "target and no draft is due.",
    ]
    assert json.loads(nudge(root, "--day", "2026-07-06", "--format", "json"))["empty"] is True


def test_a_friday_reaches_monday_and_the_week_looks_seven_days_ahead(root: Path) -> None:
    friday = json.loads(nudge(root, "--day", "2026-11-27", "--format", "json"))
    assert [d["day"] for d in friday["outgoing"]] == ["2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"]
    assert friday["overdue"][0]["title"] == "Buyer's guide"
    week = json.loads(nudge(root, "--week", "--format", "json"))
    assert week["week"] is True
    assert len(week["outgoing"]) == 7
    titles = [s["title"] for d in week["outgoing"] for s in d["stories"]]
    # 25 November to 1 December: the buyer's guide of 1 December is in, the paper of 4 December is not.
    assert titles[-3:] == ["We are hiring", "Friday notes", "Buyer's guide"]
    assert "The new paper" not in titles
    assert [s["title"] for s in week["drafts_due"]] == ["The new paper"]


def test_markdown_escapes_what_contributors_wrote(root: Path) -> None:
    text = nudge(root, "--format", "markdown")
    assert text.startswith("## Nudge fixture: Nudge for Wednesday 25 November 2026\n")
    assert f'- [Pay & benefits: "what\'s new" in \\*2027\\*](<{SITE}stories/hr/pay-and-benefits/>)' in text
    assert "Marketing &lt;!here&gt; \\*team\\*" in text
    assert f": [Propose a story](<{PROPOSE}>)" in text


def test_html_is_an_email_with_inline_styles_and_nothing_to_fetch(root: Path) -> None:
    html = nudge(root, "--format", "html")
    tree = parse(html)
    assert tree.one("title").words() == "Nudge fixture: Nudge for Wednesday 25 November 2026"
    assert not tree.all("link") and not tree.all("script") and not tree.all("img") and not tree.all("style")
    assert all(a.attrs["href"].startswith(SITE) for a in tree.all("a"))
    assert all("style" in node.attrs for node in tree.all("h2") + tree.all("li") + tree.all("a"))
    words = tree.one("body").words()
    assert "Marketing <!here> *team*" in words  # shown as written, escaped in the source
    assert "<!here>" not in html and "&lt;!here&gt;" in html
    assert PROPOSE in {a.attrs["href"] for a in tree.all("a")}


def test_the_site_shows_the_same_nudge(tmp_path: Path, root: Path) -> None:
    built: Built = mkdocs_build(copy_site("nudge", tmp_path), NEWSDESK_TODAY=TODAY)
    assert built.ok, built.log
    page = parse(built.page("nudge/"))
    article = page.one("article")
    headings = [h.words() for h in article.all("h2")]
    assert headings == [
        "Going out today, Wednesday 25 November",
        "Going out on Thursday 26 November",
        "Open slots in the coming 7 days",
        "Quiet or below target",
        "Drafts due by Sat 28 Nov",
        "Overdue drafts",
    ]
    hrefs = [a.attrs["href"] for a in article.all("a")]
    assert "../contribute/new/?department=research&channels=linkedin&date=2026-11-26&time=12%3A00" in hrefs
    assert "../stories/hr/pay-and-benefits/" in hrefs and "../feeds/nudges.xml" in hrefs
    # Every link resolves in the built site, the propose page's included.
    assert built.broken_links("nudge/") == []
    # The page and the command agree, line for line.
    text = nudge(built.root)
    for item in article.all("li"):
        first = item.words().split(" (")[0]
        assert first in text, first


def test_a_bad_day_and_a_broken_story_exit_2(tmp_path: Path) -> None:
    root = copy_site("nudge", tmp_path)
    done = newsdesk(root, "nudge", "--day", "2026-02-30")
    assert done.returncode == 2 and "--day:" in done.stderr
    (root / "content/stories/hr/2026-12-01-broken.md").write_text("---\ntitle: [unclosed\n---\n")
    done = newsdesk(root, "nudge", NEWSDESK_TODAY=TODAY)
    assert done.returncode == 2
    assert "2026-12-01-broken.md" in done.stderr and "valid stories only" in done.stderr
    assert done.stdout == ""


def test_the_command_speaks_the_sites_language(tmp_path: Path) -> None:
    """What `newsdesk nudge` posts or e-mails is read by the team: in the site's language, as /nudge/."""
    root = copy_site("nudge", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", "  font: false\n  language: de\n"))
    result = newsdesk(root, "nudge")
    assert result.returncode == 0, result.stderr
    assert "Erscheint heute" in result.stdout and "Offene Termine in den nächsten 7 Tagen" in result.stdout
    assert "Going out today" not in result.stdout
