"""/dashboard/ of a real build, read back with an HTML parser and its charts with an XML parser.

The figures on the page must be report.json's, and report.json's are checked against an independent
count in test_report.py; here the page is also checked against that count directly.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from html import escape as html_escape
from pathlib import Path

import pytest
from htmltree import Node, parse
from newsdesk.core.model import Cadence, Channel, Department, Registry, Settings, Story
from newsdesk.core.schedule import Month
from newsdesk.core.site import Site
from newsdesk.planning.report import build_report
from newsdesk.render.dashboard import calendar_months, dashboard_context
from newsdesk.render.pages import Renderer
from newsdesk.render.views import month_pages
from newsdesk.sources.registry import load_registry
from sitekit import SITES, Built, copy_site, mkdocs_build
from test_report import MONTHS, independent_figures

SVG = "{http://www.w3.org/2000/svg}"


def svgs(html: str) -> list[ET.Element]:
    """Every inline chart, parsed as the XML it must be."""
    return [ET.fromstring(chunk) for chunk in re.findall(r"<svg class=\"nd-chart\".*?</svg>", html, re.S)]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    result = mkdocs_build(copy_site("planning", tmp_path_factory.mktemp("dashboard")))
    assert result.ok, result.log
    return result


@pytest.fixture(scope="module")
def page(built: Built) -> Node:
    return parse(built.page("dashboard/"))


pytestmark = pytest.mark.build


def test_the_month_table_shows_the_reports_figures_and_the_independent_count(
    built: Built, page: Node
) -> None:
    data = json.loads(built.read("dashboard/report.json"))
    from_json = {(d["key"], m["month"]): m for d in data["departments"] for m in d["months"]}
    counted = independent_figures(SITES / "planning", MONTHS)
    cells = page.all("td", "nd-figure")
    assert len(cells) == 6 * len(MONTHS) + len(MONTHS)  # and a row for marketing's newsletter target
    for row in page.all("tr"):
        department = row.attrs.get("data-department")
        if department is None or not row.all("td", "nd-figure") or "data-target-channel" in row.attrs:
            continue
        for cell in row.all("td", "nd-figure"):
            month = cell.attrs["data-month"]
            shown = {
                "published": int(cell.attrs["data-published"]),
                "planned": int(cell.attrs["data-planned"]),
                "target": int(cell.attrs["data-target"]) if cell.attrs["data-target"] else None,
                "state": cell.attrs["data-state"] or None,
            }
            expected = {k: counted[(department, month)][k] for k in shown}
            assert shown == expected == {k: from_json[(department, month)][k] for k in shown}
            visible = " ".join(cell.text().split())
            assert visible.startswith(str(expected["published"] + expected["planned"]))  # type: ignore[operator]
            label = {"met": "✓ met", "missed": "✗ missed", "on-track": "✓ on track", "short": "✗ short by"}
            if expected["state"]:
                assert label[str(expected["state"])] in visible  # in words and a mark, not colour alone


def test_every_chart_is_accessible_and_colours_only_beside_a_name(built: Built) -> None:
    registry, _ = load_registry(built.root, "calendar")
    html = built.page("dashboard/")
    charts = svgs(html)
    assert len(charts) == 6 + 3  # a month chart per department; channels, statuses, contributors
    for chart in charts:
        title, desc = chart.find(f"{SVG}title"), chart.find(f"{SVG}desc")
        assert title is not None and desc is not None and title.text and desc.text
        assert chart.get("role") == "img"
        assert chart.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    by_id = {chart.get("id"): chart for chart in charts}

    def bar_paints(chart: ET.Element) -> list[str]:
        return [el.get("fill") or "" for el in chart.iter(f"{SVG}rect")]

    for key, department in registry.departments.items():
        # The department's colour, and its name in the caption under the chart: never the colour alone.
        chart = by_id[f"nd-chart-{key}"]
        assert set(bar_paints(chart)) <= {department.colour}
        assert re.search(
            rf'id="nd-chart-{key}".*?<figcaption>.*?{re.escape(html_escape(department.name))}', html, re.S
        )
    for chart_id, colours in (
        ("nd-chart-channels", {c.name: c.colour for c in registry.channels.values()}),
        ("nd-chart-contributors", {d.name: d.colour for d in registry.departments.values()}),
    ):
        chart = by_id[chart_id]
        labels = [el.text for el in chart.iter(f"{SVG}text") if el.get("class") == "nd-chart__label"]
        assert [colours[label] for label in labels] == bar_paints(chart)  # each bar on its named row
    statuses = by_id["nd-chart-statuses"]  # statuses have no colours: the text colour, in both palettes
    assert {el.get(a) for el in statuses.iter() for a in ("fill", "stroke") if el.get(a)} == {"currentColor"}


def test_month_chart_bars_are_proportional_and_say_their_numbers(built: Built) -> None:
    data = json.loads(built.read("dashboard/report.json"))
    marketing = next(d for d in data["departments"] if d["key"] == "marketing")
    chart = next(c for c in svgs(built.page("dashboard/")) if c.get("id") == "nd-chart-marketing")
    solid = [r for r in chart.iter(f"{SVG}rect") if r.get("class") == "nd-chart__bar"]
    outlined = [r for r in chart.iter(f"{SVG}rect") if "nd-chart__bar--planned" in (r.get("class") or "")]
    assert len(solid) == len(MONTHS) and len(outlined) == sum(1 for m in marketing["months"] if m["planned"])
    heights = [float(r.get("height") or 0) for r in solid]
    published = [m["published"] for m in marketing["months"]]
    unit = max(h / p for h, p in zip(heights, published, strict=True) if p)
    assert all(abs(h - p * unit) < 0.2 for h, p in zip(heights, published, strict=True))
    desc = chart.find(f"{SVG}desc")
    assert desc is not None and desc.text
    assert "October 2026: 1 published, target 4, missed" in desc.text
    assert "November 2026: 3 published, 2 planned, target 4, on track" in desc.text
    marks = [t.text for t in chart.iter(f"{SVG}text") if t.get("class") == "nd-chart__value"]
    assert marks[4:6] == ["1✗", "5✓"]


def test_findings_link_to_pages_that_exist(built: Built, page: Node) -> None:
    counts = {n.attrs["data-kind"]: int(n.text()) for n in page.all("strong", "nd-finding-count")}
    assert counts == {
        "quiet": 2, "cadence": 2, "slot": 1, "gaps": 2, "clash": 1, "copy": 1, "missed": 1, "overdue": 1,
        "results": 0,  # no channel of this fixture reports metrics
    }  # fmt: skip
    items = page.all("li", "nd-finding")
    assert len(items) == 11
    for item in items:
        hrefs = [a.attrs["href"] for a in item.all("a")]
        assert hrefs, item.text()
        for href in hrefs:
            target = posixpath.normpath(posixpath.join("dashboard", href.split("?")[0]))
            path = built.site / target / "index.html" if not target.endswith(".html") else built.site / target
            assert path.is_file(), (href, target)
    slot = next(i for i in items if i.attrs["data-kind"] == "slot")
    assert " ".join(slot.text().split()).startswith(
        "Thu 26 Nov 2026 at 12:00: LinkedIn Thursday on LinkedIn is open, Research's turn."
    )
    assert [a.attrs["href"] for a in slot.all("a")][-1] == "../stories/hr/hiring/"
    gaps = next(i for i in items if i.attrs["data-kind"] == "gaps")
    assert [t.attrs["datetime"] for t in gaps.all("time")] == ["2026-12-08", "2026-12-17"]


def test_mix_funnel_and_contributors_tables(built: Built, page: Node) -> None:
    data = json.loads(built.read("dashboard/report.json"))
    channels = {
        r.attrs["data-channel"]: int(r.all("td")[0].text())
        for r in page.all("tr")
        if "data-channel" in r.attrs
    }
    assert channels == {c["key"]: c["stories"] for c in data["channels"]}
    statuses = {
        r.attrs["data-status"]: int(r.all("td")[0].text()) for r in page.all("tr") if "data-status" in r.attrs
    }
    assert statuses == {s["status"]: s["stories"] for s in data["statuses"]}
    people = {
        r.attrs["data-department"]: r.all("td")[1].text()
        for r in page.all("tr") if "data-department" in r.attrs and len(r.all("td")) == 2
    }  # fmt: skip
    assert people["marketing"] == "Maya Lindqvist, Sofia Marquez, Tom Okonjo"
    assert people["events"] == ""
    assert page.all("a", href="report.json") and page.all("a", href="report.csv")


def test_the_dashboard_is_in_the_nav_and_out_of_search(built: Built) -> None:
    home = parse(built.page(""))
    assert [a for a in home.all("a") if a.attrs.get("href") == "dashboard/" and "Dashboard" in a.text()]
    index = json.loads(built.read("search/search_index.json"))
    assert not [doc for doc in index["docs"] if doc["location"].startswith("dashboard/")]


def test_a_clean_calendar_says_none_everywhere(tmp_path_factory: pytest.TempPathFactory) -> None:
    built = mkdocs_build(copy_site("planning-clean", tmp_path_factory.mktemp("clean")))
    assert built.ok, built.log
    page = parse(built.page("dashboard/"))
    assert {int(n.text()) for n in page.all("strong", "nd-finding-count")} == {0}
    assert len([p for p in page.all("p", "nd-empty") if p.text() == "None."]) == 9  # one per kind of finding
    assert json.loads(built.read("dashboard/report.json"))["findings"] == []


def test_names_are_escaped_in_tables_and_charts() -> None:
    hostile = 'R&D <script>alert("x")</script>'
    registry = Registry(
        {"rd": Department("rd", hostile, "#000", cadence=Cadence(1, "week"))},
        {"web": Channel("web", f"Web {hostile}", "#000")},
    )
    story = Story(
        id="s", path="content/stories/rd/2026-11-20-s.md", src_uri="stories/rd/2026-11-20-s.md", department="rd",
        slug="s", title="<b>Title</b>", start=dt.date(2026, 11, 20), timezone="UTC", channels=("web",),
        status="published", authors=("<img src=x onerror=alert(1)>",),
    )  # fmt: skip
    site = Site(registry, Settings(today=dt.date(2026, 11, 23)), (story,))
    html = Renderer().render(
        "newsdesk/dashboard.html", "dashboard/", site, **dashboard_context(site, build_report(site))
    )
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "R&amp;D &lt;script&gt;" in html
    for chart in svgs(html):  # still well-formed XML, with the name as text
        title = chart.find(f"{SVG}title")
        assert title is not None and title.text is not None
    assert any(hostile in (c.find(f"{SVG}title").text or "") for c in svgs(html))  # type: ignore[union-attr]


def test_per_channel_targets_have_rows_of_their_own(built: Built, page: Node) -> None:
    rows = page.all("tr", "nd-channel-target")
    assert [(r.attrs["data-department"], r.attrs["data-target-channel"]) for r in rows] == [
        ("marketing", "newsletter")
    ]
    row = rows[0]
    assert (
        " ".join(row.all("th")[0].text().split()) == "Marketing on Newsletter"
    )  # "Marketing" for screen readers
    assert row.all("td")[0].text() == "1/month"
    counted = independent_figures(SITES / "planning", MONTHS, "newsletter")
    data = json.loads(built.read("dashboard/report.json"))
    from_json = {
        m["month"]: m
        for m in next(d for d in data["departments"] if d["key"] == "marketing")["channel_months"][0][
            "months"
        ]
    }
    labels = {"met": "✓ met", "missed": "✗ missed", "on-track": "✓ on track", "short": "✗ short by"}
    for cell in row.all("td", "nd-figure"):
        month = cell.attrs["data-month"]
        expected = counted[("marketing", month)]
        assert int(cell.attrs["data-published"]) == expected["published"] == from_json[month]["published"]
        assert (cell.attrs["data-state"] or None) == expected["state"] == from_json[month]["state"]
        if expected["state"]:
            assert labels[str(expected["state"])] in " ".join(
                cell.text().split()
            )  # in words, not colour alone
    assert [c.attrs["data-state"] for c in row.all("td", "nd-figure")][3:6] == ["missed", "missed", "met"]


@pytest.fixture(scope="module")
def edges(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Stories in October and November 2026 only: the dashboard's window (June 2026 to February 2027) reaches
    five months before them and three after, and gap days and an open slot fall in December."""
    root = copy_site("dashboard-edges", tmp_path_factory.mktemp("edges"))
    # The fixture has no site_url, for the markdown report (test_report.py); a build without one warns, and
    # --strict stops it: this copy gets one.
    config = root / "mkdocs.yml"
    config.write_text(
        "site_url: https://edges.example.com/\n" + config.read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = mkdocs_build(root)
    assert result.ok, result.log
    return result


@pytest.mark.parametrize("fixture", ["built", "edges"])
def test_every_link_on_the_dashboard_resolves(fixture: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(fixture)
    links = [n.attrs["href"] for n in parse(built.page("dashboard/")).all("a") if "href" in n.attrs]
    assert len(links) > 40  # the crawl really saw the page
    assert built.broken_links("dashboard/") == []


def test_months_without_a_page_are_plain_text(edges: Built) -> None:
    page = parse(edges.page("dashboard/"))
    assert sorted(p.name for p in (edges.site / "calendar/2026").iterdir()) == ["10", "11"]
    cells = page.all("td", "nd-figure")
    assert len(cells) == 4 * len(MONTHS)  # two departments, each with one per-channel target
    for cell in cells:
        links = cell.all("a")
        if cell.attrs["data-month"] in ("2026-10", "2026-11"):
            assert [a.attrs["href"].split("?")[0] for a in links] == [
                f"../calendar/{cell.attrs['data-month'].replace('-', '/')}/"
            ]
        else:
            assert links == [] and cell.all("span", "nd-figure__total")
    row = next(r for r in page.all("tr") if r.attrs.get("data-target-channel") == "blog")
    assert (
        row.all("td", "nd-figure")[5].all("a")[0].attrs["href"]
        == "../calendar/2026/11/?department=hr&channel=blog"
    )
    # findings: days in November link to the month; days in December, which has no page, are plain dates
    gaps = next(i for i in page.all("li", "nd-finding") if i.attrs["data-kind"] == "gaps")
    linked = {t.attrs["datetime"] for a in gaps.all("a") for t in a.all("time")}
    assert linked == {"2026-11-26"} and len(gaps.all("time")) == 7
    slots = [i for i in page.all("li", "nd-finding") if i.attrs["data-kind"] == "slot"]
    assert [bool(a.all("time")) for i in slots for a in i.all("a")][:1] == [True]
    december = slots[1]
    assert december.all("time")[0].attrs["datetime"] == "2026-12-03"
    assert not [a for a in december.all("a") if a.all("time")]


@pytest.mark.parametrize("days", [[], [dt.date(2026, 11, 2)], [dt.date(2025, 12, 30), dt.date(2026, 3, 1)]])
def test_the_dashboard_knows_the_calendars_months(days: list[dt.date]) -> None:
    registry = Registry({"rd": Department("rd", "R&D", "#000")}, {"web": Channel("web", "Web", "#000")})
    stories = tuple(
        Story(id=f"s{n}", path=f"content/stories/rd/s{n}.md", src_uri=f"stories/rd/s{n}.md", department="rd",
              slug=f"s{n}", title="T", start=day, timezone="UTC", channels=("web",))
        for n, day in enumerate(days)
    )  # fmt: skip
    site = Site(registry, Settings(today=dt.date(2026, 11, 23)), stories)
    _, counts = month_pages(site)
    assert calendar_months(site) == {month for month, _ in counts}
    assert (Month(2026, 2) in calendar_months(site)) == (len(days) == 2)


@pytest.mark.parametrize(("count", "words"), [(0, "0 stories"), (1, "1 story"), (2, "2 stories")])
def test_the_filters_count_stories_in_the_singular_too(count: int, words: str) -> None:
    from newsdesk.render.days import Filters

    template = Renderer().env.from_string(
        '{% from "newsdesk/partials/filters.html" import filters %}{{ filters(f) }}'
    )
    html = template.render(f=Filters([], [], [], count), status_labels={})
    summary = next(n for n in parse(html).all("span") if "data-nd-summary" in n.attrs)
    assert summary.text() == words


def test_a_long_list_of_findings_is_cut_short_with_the_rest_counted(tmp_path: Path) -> None:
    root = copy_site("planning", tmp_path)
    folder = root / "content/stories/finance"
    for number in range(60):  # drafts due a week ago (today is 2026-11-23), all overdue
        (folder / f"2026-12-{1 + number % 28:02d}-late-{number}.md").write_text(
            f"---\ntitle: Late draft {number}\ndate: 2026-12-{1 + number % 28:02d}\nchannels: [blog]\n"
            "status: draft\ndue: 2026-11-16\n---\n\nLate.\n",
            encoding="utf-8",
        )
    built = mkdocs_build(root)
    assert built.ok, built.log
    html = built.page("dashboard/")
    section = html[html.index('<h3 id="overdue">') :]
    section = section[: section.index("</section>")]
    total = int(re.search(r'<h3 id="overdue">[^(]*\((\d+)\)', section).group(1))
    assert total >= 60
    assert section.count('<li class="nd-finding"') == 50
    assert f"And {total - 50} more" in section and 'href="report.json"' in section
    overdue = [
        f for f in json.loads(built.read("dashboard/report.json"))["findings"] if f["kind"] == "overdue"
    ]
    assert len(overdue) == total
