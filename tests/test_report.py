"""`newsdesk report` and /dashboard/report.json and report.csv: the same figures, and the figures a count
made here from the fixture's front-matter (read with PyYAML, not through newsdesk) gives."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import SITES, Built, copy_site, mkdocs_build, newsdesk

pytestmark = pytest.mark.build

TODAY = dt.date(2026, 11, 23)
MONTHS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02"]


def front_matter(path: Path) -> dict[str, object]:
    meta: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return meta


def independent_figures(root: Path, months: list[str]) -> dict[tuple[str, str], dict[str, object]]:
    """Per (department, month): published, planned, target and state, from the files alone."""
    stories = [(p.parent.name, front_matter(p)) for p in sorted((root / "content/stories").rglob("*.md"))]
    departments = yaml.safe_load((root / "calendar/departments.yml").read_text())
    first = min(dt.date.fromisoformat(str(m["date"])[:10]) for _, m in stories)
    published: Counter[tuple[str, str]] = Counter()
    planned: Counter[tuple[str, str]] = Counter()
    for department, meta in stories:
        day = dt.date.fromisoformat(str(meta["date"])[:10])
        status = meta.get("status", "draft")
        key = (department, day.strftime("%Y-%m"))
        if day < TODAY and status in ("published", "scheduled"):
            published[key] += 1
        elif day >= TODAY and status != "cancelled":
            planned[key] += 1
    figures = {}
    for department, entry in departments.items():
        cadence = (entry or {}).get("cadence")
        if isinstance(cadence, dict):
            cadence = cadence.get("all")
        for month in months:
            year, number = map(int, month.split("-"))
            start = dt.date(year, number, 1)
            length = ((start + dt.timedelta(days=32)).replace(day=1) - start).days
            target = None
            if cadence and start >= first:
                count, per = cadence.split("/")
                target = int(count) if per == "month" else int(count) * length // 7
            out, ahead = published[(department, month)], planned[(department, month)]
            state = None
            if target is not None:
                over = (start + dt.timedelta(days=length)) <= TODAY
                if out >= target:
                    state = "met"
                elif over:
                    state = "missed"
                else:
                    state = "on-track" if out + ahead >= target else "short"
            figures[(department, month)] = {
                "published": out, "planned": ahead, "total": out + ahead, "target": target, "state": state
            }  # fmt: skip
    return figures


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    result = mkdocs_build(copy_site("planning", tmp_path_factory.mktemp("report")))
    assert result.ok, result.log
    return result


def test_report_json_matches_an_independent_count(built: Built) -> None:
    data = json.loads(built.read("dashboard/report.json"))
    assert (data["today"], data["month"], data["months"]) == ("2026-11-23", "2026-11", MONTHS)
    figures = {(d["key"], m["month"]): {k: m[k] for k in ("published", "planned", "total", "target", "state")}
               for d in data["departments"] for m in d["months"]}  # fmt: skip
    assert figures == independent_figures(SITES / "planning", MONTHS)
    # spot checks, by hand: marketing published once in October (the 27th), hr twice in November so far
    assert figures[("marketing", "2026-10")] == {"published": 1, "planned": 0, "total": 1, "target": 4, "state": "missed"}
    assert figures[("hr", "2026-11")] == {"published": 2, "planned": 1, "total": 3, "target": 4, "state": "short"}
    assert figures[("legal", "2026-08")]["target"] is None  # before the calendar's first story, not judged


def test_report_json_lists_stories_channels_statuses_and_findings(built: Built) -> None:
    data = json.loads(built.read("dashboard/report.json"))
    marketing = next(d for d in data["departments"] if d["key"] == "marketing")
    assert marketing["cadence"] == "1/week" and marketing["channel_cadence"] == {"newsletter": "1/month"}
    assert [s["date"] for s in marketing["published"]] == ["2026-11-03", "2026-11-10", "2026-11-17"]
    assert [s["title"] for s in marketing["planned"]] == ["Winter offers", "Thursday notes"]
    assert marketing["planned"][0]["url"] == "https://plan.example.com/stories/marketing/winter-offers/"
    assert marketing["contributors"] == ["Maya Lindqvist", "Sofia Marquez", "Tom Okonjo"]

    metas = [front_matter(p) for p in (SITES / "planning/content/stories").rglob("*.md")]
    in_window = [m for m in metas if "2026-06-01" <= str(m["date"])[:10] <= "2027-02-28"]
    statuses = Counter(str(m.get("status", "draft")) for m in in_window)
    assert {s["status"]: s["stories"] for s in data["statuses"]} == {
        s: statuses[s] for s in ("idea", "draft", "review", "scheduled", "published", "cancelled")
    }
    counted = [
        m for m in in_window
        if (str(m["date"])[:10] < "2026-11-23" and m.get("status") in ("published", "scheduled"))
        or (str(m["date"])[:10] >= "2026-11-23" and m.get("status") != "cancelled")
    ]  # fmt: skip
    channels = Counter(c for m in counted for c in m["channels"])
    assert {c["key"]: c["stories"] for c in data["channels"]} == {
        k: channels[k] for k in ("website", "blog", "newsletter", "linkedin", "twitter")
    }
    assert Counter(f["kind"] for f in data["findings"]) == {
        "quiet": 2, "cadence": 2, "slot": 1, "gaps": 1, "clash": 1, "copy": 1, "overdue": 1
    }  # fmt: skip
    slot = next(f for f in data["findings"] if f["kind"] == "slot")
    assert (slot["department"], slot["channel"], slot["days"]) == ("research", "linkedin", ["2026-11-26"])
    assert slot["stories"] == ["https://plan.example.com/stories/hr/hiring/"]


def test_the_cli_report_is_the_sites_report(built: Built) -> None:
    as_json = newsdesk(built.root, "report", "--format", "json")
    as_csv = newsdesk(built.root, "report", "--format", "csv")
    assert as_json.returncode == 0 and as_csv.returncode == 0, as_json.stderr
    assert as_json.stdout == built.read("dashboard/report.json")
    assert as_csv.stdout == built.read("dashboard/report.csv")  # both read with universal newlines


def test_report_csv_is_one_row_per_department_and_month(built: Built) -> None:
    raw = (built.site / "dashboard/report.csv").read_bytes().decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert raw.endswith("\r\n")
    assert len(rows) == 6 * len(MONTHS)
    expected = independent_figures(SITES / "planning", MONTHS)
    for row in rows:
        figure = expected[(row["department"], row["month"])]
        assert (int(row["published"]), int(row["planned"]), int(row["total"])) == (
            figure["published"], figure["planned"], figure["total"]
        )  # fmt: skip
        assert row["target"] == ("" if figure["target"] is None else str(figure["target"]))
        assert row["state"] == (figure["state"] or "")


def test_markdown_report_for_another_month(built: Built) -> None:
    result = newsdesk(built.root, "report", "--month", "2026-10")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("# Planning fixture: October 2026\n")
    assert "| Marketing | 1 | 0 | 4 (1/week) | ✗ missed |" in text
    assert "| Research | 1 | 0 | 2 (2/month) | ✗ missed |" in text
    assert "| Finance | 0 | 0 |  | no target |" in text
    assert "- 27 Oct: [Autumn campaign](https://plan.example.com/stories/marketing/autumn-campaign/)" in text
    assert "\n## Findings\n\n" in text and text.count("\n- **") == 9
    json_month = json.loads(newsdesk(built.root, "report", "--month", "2026-10", "--format", "json").stdout)
    assert json_month["months"] == ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01"]


def test_markdown_report_this_month_with_planned_stories(built: Built) -> None:
    text = newsdesk(built.root, "report").stdout
    assert text.startswith("# Planning fixture: November 2026\n\nAs of 23 November 2026.")
    assert "| People & Culture | 2 | 1 | 4 (1/week) | ✗ short by 1 |" in text
    assert "| Marketing | 3 | 2 | 4 (1/week) | ✓ on track |" in text
    assert "Planned:\n\n- 24 Nov: [Winter offers](https://plan.example.com/stories/marketing/winter-offers/)\n" in text
    assert "- **Quiet departments**: Legal has published nothing since 1 September 2026 and has nothing planned (`calendar/departments.yml:15`)" in text


@pytest.mark.parametrize("month", ["2026-13", "November", "2026-1-1"])
def test_a_bad_month_is_a_usage_error(tmp_path: Path, month: str) -> None:
    result = newsdesk(copy_site("planning-clean", tmp_path), "report", "--month", month)
    assert result.returncode == 2
    assert "is not a month; write it like 2026-11" in result.stderr


def test_no_report_from_a_calendar_with_errors(tmp_path: Path) -> None:
    root = copy_site("planning-clean", tmp_path)
    story = root / "content/stories/hr/2026-12-01-december-newsletter.md"
    story.write_text(story.read_text().replace("channels: [newsletter]", "channels: [newsleter]"))
    result = newsdesk(root, "report")
    assert result.returncode == 2 and result.stdout == ""
    assert "unknown channel 'newsleter'" in result.stderr
