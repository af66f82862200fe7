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
from sitekit import SITES, Built, copy_site, mkdocs_build, newsdesk

pytestmark = pytest.mark.build

TODAY = dt.date(2026, 11, 23)
MONTHS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02"]


def front_matter(path: Path) -> dict[str, object]:
    meta: dict[str, object] = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return meta


def independent_figures(
    root: Path, months: list[str], channel: str = ""
) -> dict[tuple[str, str], dict[str, object]]:
    """Per (department, month): published, planned, target and state, from the files alone; with `channel`,
    for each department with a target on that channel, its stories on the channel against that target."""
    stories = [(p.parent.name, front_matter(p)) for p in sorted((root / "content/stories").rglob("*.md"))]
    departments = yaml.safe_load((root / "calendar/departments.yml").read_text())
    first = min(dt.date.fromisoformat(str(m["date"])[:10]) for _, m in stories)
    published: Counter[tuple[str, str]] = Counter()
    planned: Counter[tuple[str, str]] = Counter()
    for department, meta in stories:
        if channel and channel not in meta["channels"]:
            continue
        day = dt.date.fromisoformat(str(meta["date"])[:10])
        status = meta.get("status", "draft")
        key = (department, day.strftime("%Y-%m"))
        if day < TODAY and status == "published":  # a past scheduled story is a missed date, not out
            published[key] += 1
        elif day >= TODAY and status != "cancelled":
            planned[key] += 1
    figures = {}
    for department, entry in departments.items():
        cadence = (entry or {}).get("cadence")
        if channel and not (isinstance(cadence, dict) and channel in cadence):
            continue
        if isinstance(cadence, dict):
            cadence = cadence.get(channel or "all")
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
    assert figures[("marketing", "2026-10")] == {
        "published": 1,
        "planned": 0,
        "total": 1,
        "target": 4,
        "state": "missed",
    }
    assert figures[("hr", "2026-11")] == {
        "published": 2,
        "planned": 1,
        "total": 3,
        "target": 4,
        "state": "short",
    }
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
        if (str(m["date"])[:10] < "2026-11-23" and m.get("status") == "published")
        or (str(m["date"])[:10] >= "2026-11-23" and m.get("status") != "cancelled")
    ]  # fmt: skip
    channels = Counter(c for m in counted for c in m["channels"])
    assert {c["key"]: c["stories"] for c in data["channels"]} == {
        k: channels[k] for k in ("website", "blog", "newsletter", "linkedin", "twitter")
    }
    assert Counter(f["kind"] for f in data["findings"]) == {
        "quiet": 2, "cadence": 2, "slot": 1, "gaps": 2, "clash": 1, "copy": 1, "missed": 1, "overdue": 1
    }  # fmt: skip  # gaps: the blog, and LinkedIn's weekdays besides its Thursday slot
    slot = next(f for f in data["findings"] if f["kind"] == "slot")
    assert (slot["department"], slot["channel"], slot["days"]) == ("research", "linkedin", ["2026-11-26"])
    assert slot["stories"] == ["https://plan.example.com/stories/hr/hiring/"]


def test_the_cli_report_is_the_sites_report(built: Built) -> None:
    as_json = newsdesk(built.root, "report", "--format", "json")
    as_csv = newsdesk(built.root, "report", "--format", "csv")
    assert as_json.returncode == 0 and as_csv.returncode == 0, as_json.stderr
    assert as_json.stdout == built.read("dashboard/report.json")
    assert as_csv.stdout == built.read("dashboard/report.csv")  # both read with universal newlines


def test_report_json_has_per_channel_months(built: Built) -> None:
    data = json.loads(built.read("dashboard/report.json"))
    per_channel = {
        (d["key"], c["channel"], m["month"]): {k: m[k] for k in ("published", "planned", "total", "target", "state")}
        for d in data["departments"] for c in d["channel_months"] for m in c["months"]
    }  # fmt: skip
    expected = independent_figures(SITES / "planning", MONTHS, "newsletter")
    assert {(d, "newsletter", m): f for (d, m), f in expected.items()} == per_channel
    marketing = next(d for d in data["departments"] if d["key"] == "marketing")
    assert [(c["channel"], c["cadence"]) for c in marketing["channel_months"]] == [("newsletter", "1/month")]
    # by hand: marketing's November newsletter went out on the 3rd; nothing went out on it in October
    assert per_channel[("marketing", "newsletter", "2026-11")]["state"] == "met"
    assert per_channel[("marketing", "newsletter", "2026-10")]["state"] == "missed"
    assert all(d["channel_months"] == [] for d in data["departments"] if d["key"] != "marketing")


def read_csv(built: Built) -> list[dict[str, str]]:
    raw = (built.site / "dashboard/report.csv").read_bytes().decode("utf-8")
    assert raw.endswith("\r\n")
    return list(csv.DictReader(io.StringIO(raw, newline="")))


def test_report_csv_months_match_an_independent_count(built: Built) -> None:
    rows = [r for r in read_csv(built) if r["section"] == "months"]
    assert len(rows) == 6 * len(MONTHS) + len(MONTHS)  # and marketing's newsletter target, month by month
    for channel in ("", "newsletter"):
        expected = independent_figures(SITES / "planning", MONTHS, channel)
        mine = [r for r in rows if r["channel"] == channel]
        assert len(mine) == len(expected)
        for row in mine:
            figure = expected[(row["department"], row["month"])]
            assert (int(row["published"]), int(row["planned"]), int(row["total"])) == (
                figure["published"], figure["planned"], figure["total"]
            )  # fmt: skip
            assert row["target"] == ("" if figure["target"] is None else str(figure["target"]))
            assert row["state"] == (figure["state"] or "")


def csv_as_data(rows: list[dict[str, str]]) -> dict[str, object]:
    """report.csv read back into report.json's shape, for the figures both hold."""

    def number(text: str) -> int | None:
        return int(text) if text else None

    departments: dict[str, dict[str, object]] = {}
    channels, statuses, findings = [], [], []
    for row in rows:
        section = row["section"]
        if section in ("months", "contributors"):
            entry = departments.setdefault(
                row["department"],
                {
                    "key": row["department"],
                    "name": row["department_name"],
                    "months": [],
                    "channel_months": {},
                },
            )
        if section == "months":
            figure = {
                "month": row["month"],
                "published": int(row["published"]),
                "planned": int(row["planned"]),
                "total": int(row["total"]),
                "target": number(row["target"]),
                "state": row["state"] or None,
            }
            if row["channel"]:
                target = entry["channel_months"].setdefault(  # type: ignore[attr-defined]
                    row["channel"], {"channel": row["channel"], "name": row["channel_name"], "months": []}
                )
                target["months"].append(figure)
            else:
                entry["months"].append(figure)  # type: ignore[attr-defined]
        elif section == "contributors":
            names = row["contributors"].split("; ") if row["contributors"] else []
            assert int(row["total"]) == len(names)
            entry["contributors"] = names
        elif section == "channels":
            channels.append(
                {"key": row["channel"], "name": row["channel_name"], "stories": int(row["total"])}
            )
        elif section == "statuses":
            statuses.append({"status": row["status"], "stories": int(row["total"])})
        else:
            assert section == "findings", section
            findings.append({
                "kind": row["kind"], "message": row["message"], "path": row["path"], "line": int(row["line"]),
                "department": row["department"] or None, "channel": row["channel"] or None,
                "days": row["days"].split(), "stories": row["stories"].split(),
            })  # fmt: skip
    for entry in departments.values():
        entry["channel_months"] = list(entry["channel_months"].values())  # type: ignore[attr-defined]
    return {
        "departments": list(departments.values()),
        "channels": channels,
        "statuses": statuses,
        "findings": findings,
    }


def json_figures(data: dict[str, object]) -> dict[str, object]:
    """report.json without what the CSV leaves out: the month's story lists and the cadence texts."""
    keep = ("key", "name", "months", "channel_months", "contributors")
    departments = [
        {**{k: d[k] for k in keep}, "channel_months": [{k: c[k] for k in ("channel", "name", "months")} for c in d["channel_months"]]}
        for d in data["departments"]  # type: ignore[attr-defined]
    ]  # fmt: skip
    return {"departments": departments, **{k: data[k] for k in ("channels", "statuses", "findings")}}


def test_report_csv_and_json_agree_figure_for_figure(built: Built) -> None:
    rows = read_csv(built)
    assert [r["section"] for r in rows] == sorted(
        (r["section"] for r in rows), key=("months", "channels", "statuses", "contributors", "findings").index
    )
    data = json.loads(built.read("dashboard/report.json"))
    assert csv_as_data(rows) == json_figures(data)
    assert len([r for r in rows if r["section"] == "findings"]) == len(data["findings"]) == 11


def test_markdown_report_for_another_month(built: Built) -> None:
    result = newsdesk(built.root, "report", "--month", "2026-10")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("# Planning fixture: October 2026\n")
    assert "| Marketing | 1 | 0 | 4 (1/week) | ✗ missed |" in text
    assert "| Research | 1 | 0 | 2 (2/month) | ✗ missed |" in text
    assert "| Finance | 0 | 0 |  | no target |" in text
    assert "- 27 Oct: [Autumn campaign](https://plan.example.com/stories/marketing/autumn-campaign/)" in text
    assert "\n## Findings\n\n" in text and text.count("\n- **") == 11
    json_month = json.loads(newsdesk(built.root, "report", "--month", "2026-10", "--format", "json").stdout)
    assert json_month["months"] == [
        "2026-05",
        "2026-06",
        "2026-07",
        "2026-08",
        "2026-09",
        "2026-10",
        "2026-11",
        "2026-12",
        "2027-01",
    ]


def test_markdown_report_this_month_with_planned_stories(built: Built) -> None:
    text = newsdesk(built.root, "report").stdout
    assert text.startswith("# Planning fixture: November 2026\n\nAs of 23 November 2026.")
    assert "| People & Culture | 2 | 1 | 4 (1/week) | ✗ short by 1 |" in text
    assert (
        "| Marketing | 3 | 2 | 4 (1/week) | ✓ on track |\n| Marketing on Newsletter | 1 | 0 | 1 (1/month) | ✓ met |\n"
        in text
    )
    assert (
        "Planned:\n\n- 24 Nov: [Winter offers](https://plan.example.com/stories/marketing/winter-offers/)\n"
        in text
    )
    assert (
        "- **Quiet departments**: Legal has published nothing since 1 September 2026 and has nothing planned (`calendar/departments.yml:15`)"
        in text
    )


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


def test_markdown_report_without_site_url_names_files_not_broken_links(tmp_path: Path) -> None:
    root = copy_site("dashboard-edges", tmp_path)  # no site_url in its mkdocs.yml
    result = newsdesk(root, "report")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "](/" not in text and "](" not in text  # no root-relative link that breaks in an email
    assert "- 10 Nov: Benefits (`content/stories/hr/2026-11-10-benefits.md`)\n" in text
    assert (
        r"- 5 Nov: Q4 \*results\* & R&D &lt;3 &gt; \[draft\] \| \#1 \_new\_ &#126;sale&#126; "
        "(`content/stories/research/2026-11-05-q4-results.md`)\n"
    ) in text
    # per-channel targets have rows of their own, met or missed in words
    assert "| R&D &lt;Labs&gt; | 1 | 0 | 2 (2/month) | ✗ short by 1 |\n" in text
    assert "| R&D &lt;Labs&gt; on LinkedIn | 1 | 0 | 1 (1/month) | ✓ met |\n" in text
    assert "| People on Blog | 0 | 1 | 2 (2/month) | ✗ short by 1 |\n" in text
    october = newsdesk(root, "report", "--month", "2026-10").stdout
    assert "| People on Blog | 0 | 0 | 2 (2/month) | ✗ missed |\n" in october
    assert "| R&D &lt;Labs&gt; on LinkedIn | 1 | 0 | 1 (1/month) | ✓ met |\n" in october
