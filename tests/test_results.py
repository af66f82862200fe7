"""Results rolled up (issue 17, items 4 to 6), from a real `mkdocs build --strict` of the results fixture:
every total on the dashboard, in report.json, in report.csv and in `newsdesk report --format json` equal to
a sum made here from the fixture's front-matter (read with PyYAML, not newsdesk); the frozen month pages;
the charts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
import yaml
from htmltree import Node, parse
from newsdesk.planning import findings
from sitekit import SITES, Built, copy_site, mkdocs_build, newsdesk

pytestmark = pytest.mark.build

TODAY = dt.date(2026, 11, 23)
MONTHS = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]
ROOT = SITES / "results"
SVG = "{http://www.w3.org/2000/svg}"


def independent(
    root: Path, today: dt.date = TODAY
) -> tuple[Counter[tuple[str, ...]], Counter[tuple[str, ...]]]:
    """(department, month, channel) -> stories published; (department, month, channel, metric) -> sum."""
    published: Counter[tuple[str, ...]] = Counter()
    sums: Counter[tuple[str, ...]] = Counter()
    for path in sorted((root / "content/stories").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        day = dt.date.fromisoformat(str(meta["date"])[:10])
        if meta.get("status") != "published" or day > today:
            continue
        month, department = day.strftime("%Y-%m"), path.parent.name
        for channel in meta["channels"]:
            published[(department, month, channel)] += 1
        for channel, figures in (meta.get("results") or {}).items():
            for metric, value in figures.items():
                sums[(department, month, channel, metric)] += value
    return published, sums


METRICS = {"website": ["views", "visitors"], "linkedin": ["impressions", "clicks", "reactions", "shares"],
           "twitter": ["impressions", "engagements"]}  # fmt: skip
DEPARTMENTS = ["marketing", "hr", "research"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    result = mkdocs_build(copy_site("results", tmp_path_factory.mktemp("results")))
    assert result.ok, result.log
    return result


def test_the_fixture_has_figures_on_several_channels_and_months() -> None:
    _, sums = independent(ROOT)
    assert {key[2] for key in sums} == set(METRICS)
    assert len({key[1] for key in sums}) >= 3


def _check_json(data: dict[str, object]) -> None:
    published, sums = independent(ROOT)
    results = data["results"]
    assert isinstance(results, dict)
    assert results["months"] == MONTHS
    for row in results["departments"]:
        for each in row["channels"]:
            for f in each["months"]:
                key = (row["key"], f["month"], each["channel"])
                assert f["published"] == published[key], key
                assert f["totals"] == {m: sums[(*key, m)] for m in METRICS[each["channel"]]}, key
    for each in results["totals"]:
        for f in each["months"]:
            for metric, total in f["totals"].items():
                assert total == sum(sums[(d, f["month"], each["channel"], metric)] for d in DEPARTMENTS)
    top = {t["channel"]: [(s["title"], s["value"]) for s in t["stories"]] for t in results["top"]}
    assert top == {
        "website": [("Data report", 3100), ("Client awards shortlist", 2500), ("Benefits update", 400)],
        "linkedin": [("Data report", 9100), ("Team day", 2100)],
    }  # twitter has no headline metric: no ranking
    missing = {(s["title"], tuple(s["missing"])) for s in results["without_results"]}
    assert missing == {
        ("Climate study", ("website", "twitter")),
        ("Client awards shortlist", ("linkedin",)),
        ("Winter preview", ("linkedin",)),
    }


def test_report_json_totals_are_the_independent_sums(built: Built) -> None:
    _check_json(json.loads(built.read("dashboard/report.json")))


def test_newsdesk_report_json_is_the_same(built: Built, tmp_path: Path) -> None:
    printed = newsdesk(copy_site("results", tmp_path), "report", "--format", "json")
    assert printed.returncode == 0, printed.stderr
    data = json.loads(printed.stdout)
    _check_json(data)
    assert data["results"] == json.loads(built.read("dashboard/report.json"))["results"]


def test_report_csv_totals_are_the_independent_sums(built: Built) -> None:
    published, sums = independent(ROOT)
    rows = list(csv.DictReader(io.StringIO(built.read("dashboard/report.csv"))))
    result_rows = [r for r in rows if r["section"] == "results"]
    assert len(result_rows) == (len(DEPARTMENTS) + 1) * len(MONTHS) * sum(map(len, METRICS.values()))
    for r in result_rows:
        if r["department"]:
            key = (r["department"], r["month"], r["channel"])
            assert int(r["published"]) == published[key]
            assert int(r["total"]) == sums[(*key, r["metric"])], r
        else:
            assert int(r["total"]) == sum(
                sums[(d, r["month"], r["channel"], r["metric"])] for d in DEPARTMENTS
            )
    tops = [(r["channel"], r["title"], int(r["total"])) for r in rows if r["section"] == "top"]
    assert ("linkedin", "Data report", 9100) in tops
    lacking = {(r["title"], r["channel"]) for r in rows if r["section"] == "no-results"}
    assert lacking == {("Climate study", "website"), ("Climate study", "twitter"),
                       ("Client awards shortlist", "linkedin"), ("Winter preview", "linkedin")}  # fmt: skip


def _result_rows(page: Node) -> list[Node]:
    return page.all("tr", "nd-result-row")


def test_the_dashboard_shows_the_independent_sums(built: Built) -> None:
    published, sums = independent(ROOT)
    page = parse(built.page("dashboard/"))
    rows = _result_rows(page)
    assert len(rows) == len(METRICS) * (len(DEPARTMENTS) + 1)
    for row in rows:
        department, channel, month = (row.attrs[k] for k in ("data-department", "data-channel", "data-month"))
        assert month == "2026-11"
        for cell in row.all("td", "nd-result"):
            metric = cell.attrs["data-metric"]
            departments = [department] if department else DEPARTMENTS
            assert int(cell.text()) == sum(sums[(d, month, channel, metric)] for d in departments)
        if department:
            assert int(row.attrs["data-published"]) == published[(department, month, channel)]
    # the charts' tables: the headline metric per department per month
    for table in page.all("table", "nd-results-months"):
        for cell in table.all("td", "nd-result"):
            row = next(r for r in table.all("tr") if cell in r.iter())
            key = (row.attrs["data-department"], cell.attrs["data-month"], row.attrs["data-channel"])
            assert int(cell.text()) == sums[(*key, cell.attrs["data-metric"])]


def test_results_charts_are_accessible_and_coloured_beside_a_name(built: Built) -> None:
    html = built.page("dashboard/")
    registry = yaml.safe_load((ROOT / "calendar/departments.yml").read_text())
    _, sums = independent(ROOT)
    charts = {
        c.get("id"): c
        for c in (ET.fromstring(x) for x in re.findall(r"<svg class=\"nd-chart\".*?</svg>", html, re.S))
    }
    for channel, metric in (("website", "views"), ("linkedin", "impressions")):
        for department in DEPARTMENTS:
            chart = charts[f"nd-chart-results-{channel}-{department}"]
            title, desc = chart.find(f"{SVG}title"), chart.find(f"{SVG}desc")
            assert title is not None and desc is not None and chart.get("role") == "img"
            assert metric in (title.text or "")
            for month in MONTHS:
                assert f": {sums[(department, month, channel, metric)]} {metric}" in (desc.text or "")
            fills = {r.get("fill") for r in chart.iter(f"{SVG}rect")}
            assert fills <= {registry[department]["colour"]}
            name = registry[department]["name"].replace("&", "&amp;")
            assert re.search(
                rf'id="nd-chart-results-{channel}-{department}".*?<figcaption>.*?{re.escape(name)}',
                html,
                re.S,
            )
    assert not any(key.startswith("nd-chart-results-twitter") for key in charts)  # no headline metric


def test_a_report_page_for_each_past_month_linked_from_the_dashboard(built: Built) -> None:
    page = parse(built.page("dashboard/"))
    nav = page.one("nav", "nd-past-reports")
    assert [a.attrs["href"] for a in nav.all("a")] == ["2026/10/", "2026/09/", "2026/08/"]
    assert not (built.site / "dashboard/2026/11").exists()  # the month of today has the dashboard
    for url in ("dashboard/2026/08/", "dashboard/2026/09/", "dashboard/2026/10/"):
        assert built.broken_links(url) == []


def test_a_month_report_is_evaluated_on_its_last_day(built: Built) -> None:
    page = parse(built.page("dashboard/2026/10/"))
    assert "As of 31 October 2026" in page.one("p", "nd-lead").words()
    _published, sums = independent(ROOT, dt.date(2026, 10, 31))
    for row in _result_rows(page):
        assert row.attrs["data-month"] == "2026-10"
        department, channel = row.attrs["data-department"], row.attrs["data-channel"]
        for cell in row.all("td", "nd-result"):
            departments = [department] if department else DEPARTMENTS
            assert int(cell.text()) == sum(
                sums[(d, "2026-10", channel, cell.attrs["data-metric"])] for d in departments
            )
    # as of 31 October, only the climate study (20 August) was due its figures: the awards were not out
    due = page.one("ul", "nd-finding-list", data_kind="results")
    assert [li.one("a").text() for li in due.all("li")] == ["Climate study"]


def _frozen(html: str) -> str:
    """A month page's report, without the links to other months (a new month adds a "next" link)."""
    article = html[html.index("<h1") : html.index("</article>")]
    return re.sub(r'<p class="nd-lead">.*?</p>', "", article, flags=re.S)


def test_a_month_report_reads_the_same_later(built: Built, tmp_path: Path) -> None:
    later = mkdocs_build(copy_site("results", tmp_path), NEWSDESK_TODAY="2027-01-20")
    assert later.ok, later.log
    for url in ("dashboard/2026/09/", "dashboard/2026/10/"):
        assert _frozen(later.page(url)) == _frozen(built.page(url))
    assert (later.site / "dashboard/2026/11/index.html").is_file()


def test_a_month_report_lists_how_things_stood_at_its_end_not_later_plans(
    built: Built, tmp_path: Path
) -> None:
    """A clash planned for December is on today's dashboard, and in no past month's report: those list
    only the findings of how things stood at the month's end, and do not change with later plans."""
    site = copy_site("results", tmp_path)
    channels = site / "calendar/channels.yml"
    channels.write_text(channels.read_text() + "  max_per_day: 1\n", encoding="utf-8")  # the newsletter
    for slug in ("gift-guide", "year-review"):
        (site / f"content/stories/marketing/2026-12-10-{slug}.md").write_text(
            f"---\ntitle: {slug}\ndate: 2026-12-10\nchannels: [newsletter]\nstatus: scheduled\n---\n\nText.\n",
            encoding="utf-8",
        )
    planned = mkdocs_build(site)
    assert planned.ok, planned.log
    clash = parse(planned.page("dashboard/")).one("ul", "nd-finding-list", data_kind="clash")
    assert len(clash.all("li")) == 1
    for url in ("dashboard/2026/09/", "dashboard/2026/10/"):
        assert _frozen(planned.page(url)) == _frozen(built.page(url))
        sections = [h3.attrs["id"] for h3 in parse(planned.page(url)).one("article").all("h3")]
        assert [kind for kind in sections if kind in findings.KINDS] == list(findings.AS_OF_MONTH_END)


def test_the_nudge_asks_for_the_results_due(tmp_path: Path) -> None:
    """Published more than results_due_days (14) ago on a channel that reports figures, without them."""
    expected = set()
    for path in sorted((ROOT / "content/stories").rglob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        day = dt.date.fromisoformat(str(meta["date"])[:10])
        if meta.get("status") != "published" or (TODAY - day).days <= 14:
            continue
        missing = [c for c in meta["channels"] if c in METRICS and c not in (meta.get("results") or {})]
        if missing:
            expected.add(str(meta["title"]))
    assert expected, "the fixture has stories whose results are due"
    nudged = newsdesk(copy_site("results", tmp_path), "nudge", "--format", "json")
    assert nudged.returncode == 0, nudged.stderr
    due = json.loads(nudged.stdout)["results_due"]
    assert {entry["title"] for entry in due} == expected
    text = newsdesk(tmp_path / "results", "nudge").stdout
    assert "Results due" in text
