"""The report's renderings on a small in-memory calendar: markdown that shows titles as written, CSV that a
spreadsheet cannot run, JSON that round-trips."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import html
import io
import json
import re

import markdown
import pytest
from newsdesk.core.model import Cadence, Channel, Department, Registry, Settings, Story
from newsdesk.core.schedule import Month, parse_month
from newsdesk.core.site import Site
from newsdesk.planning.report import build_report
from newsdesk.render.reports import as_csv, as_data, as_json, as_markdown, inert


def tiny_site() -> Site:
    departments = {
        "hr": Department("hr", '=HYPERLINK("http://evil")', "#000", cadence=Cadence(1, "month")),
        "legal": Department("legal", "Legal | Compliance", "#000"),
        "ops": Department("ops", "\tOps", "#000", channel_cadence=(("web", Cadence(1, "month")),)),
        "it": Department("it", "\r+IT", "#000"),
    }
    channels = {"web": Channel("web", "-Web", "#000")}
    stories = tuple(
        Story(id=f"s{n}", path=f"content/stories/{d}/s{n}.md", src_uri=f"stories/{d}/s{n}.md", department=d,
              slug=f"s{n}", title=title, start=day, timezone="UTC", channels=("web",), status=status,
              authors=authors)
        for n, (d, title, day, status, authors) in enumerate([
            ("hr", "Pay *rises* | [all] staff_wide <b>", dt.date(2026, 11, 2), "published", ("Ann",)),
            ("hr", "Winter hours", dt.date(2026, 11, 30), "draft", ("Bob", "Ann")),
            ("legal", "Old news", dt.date(2026, 9, 1), "published", ()),
        ])
    )  # fmt: skip
    return Site(
        Registry(departments, channels),
        Settings(today=dt.date(2026, 11, 23), site_name="Desk"),
        stories,
        "https://d.example/",
    )


def test_markdown_keeps_titles_and_names_as_written() -> None:
    text = as_markdown(build_report(tiny_site()))
    assert (
        r"- 2 Nov: [Pay \*rises\* \| \[all\] staff\_wide &lt;b&gt;](https://d.example/stories/hr/s0/)" in text
    )
    assert r"| Legal \| Compliance | 0 | 0 |  | no target |" in text
    assert '| =HYPERLINK("http://evil") | 1 | 1 | 1 (1/month) | ✓ met |' in text
    assert "Contributors over 9 months: Ann, Bob." in text
    assert "\n\n\n" not in text and text.endswith("\n")


def test_csv_cells_never_start_a_formula() -> None:
    rows = list(csv.reader(io.StringIO(as_csv(build_report(tiny_site())), newline="")))
    header = rows[0]
    assert header[:4] == ["section", "month", "department", "department_name"]
    names = {row[3] for row in rows[1:] if row[3]}
    assert names == {'\'=HYPERLINK("http://evil")', "Legal | Compliance", "'\tOps", "'\r+IT"}
    channels = {row[header.index("channel_name")] for row in rows[1:]} - {""}
    assert channels == {"'-Web"}
    messages = [row[header.index("message")] for row in rows[1:] if row[0] == "findings"]
    assert messages and all(m[:1] not in ("=", "+", "-", "@", "\t", "\r") for m in messages)
    for row in rows[1:]:  # no text cell anywhere starts a formula
        assert all(cell[:1] not in ("=", "+", "-", "@", "\t", "\r") for cell in row), row


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_inert(value: str) -> None:
    assert inert(value) == "'" + value
    assert inert("1-1") == "1-1" and inert(-1) == -1 and inert(None) == ""


def test_csv_carries_every_section_and_per_channel_months() -> None:
    report = build_report(tiny_site())
    rows = list(csv.DictReader(io.StringIO(as_csv(report), newline="")))
    sections = [r["section"] for r in rows]
    assert sorted(set(sections)) == ["channels", "contributors", "findings", "months", "statuses"]
    ops_web = [r for r in rows if r["section"] == "months" and r["department"] == "ops" and r["channel"]]
    data = as_data(report)
    ops = next(d for d in data["departments"] if d["key"] == "ops")
    assert [(r["month"], r["target"], r["state"]) for r in ops_web] == [
        (m["month"], "" if m["target"] is None else str(m["target"]), m["state"] or "")
        for m in ops["channel_months"][0]["months"]
    ]
    assert ops["channel_months"][0]["channel"] == "web" and ops["cadence"] is None
    assert [r["state"] for r in ops_web][3:6] == ["missed", "missed", "short"]  # nothing from ops on the web


TRICKY = [
    "Pay *rises* | [all] staff_wide <b>",
    "R&D <3 > & more",
    "&copy; &#169; &#xA9; are not entities here",
    "`code` ~~struck~~ #1 \\ back\\slash",
    "<https://autolink.example>",
    "a_b_c **not bold** __nor__ this",
]


@pytest.mark.parametrize("title", TRICKY)
@pytest.mark.parametrize("site_url", ["https://d.example/", ""])
def test_markdown_renders_titles_as_written(title: str, site_url: str) -> None:
    """Through Python-Markdown (what MkDocs uses) with tables: the text that comes out is the title."""
    site = tiny_site()
    stories = (dataclasses.replace(site.stories[0], title=title), *site.stories[1:])
    site = Site(site.registry, site.settings, stories, site_url)
    text = as_markdown(build_report(site))
    line = next(line for line in text.splitlines() if line.startswith("- 2 Nov: "))
    rendered = markdown.markdown(line, extensions=["tables"])
    assert "<b>" not in rendered and "<https" not in rendered and "<code>" not in rendered.split("(")[0]
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()
    if site_url:
        assert '<a href="https://d.example/stories/hr/s0/">' in rendered
        assert shown == f"2 Nov: {title}"
    else:
        assert "<a " not in rendered and "](" not in line
        assert shown == f"2 Nov: {title} (content/stories/hr/s0.md)"
    # in a table cell too: the name of a department
    row = next(r for r in as_markdown(build_report(Site(
        Registry({"x": Department("x", title, "#000")}, site.registry.channels), site.settings, (), site_url
    ))).splitlines() if r.startswith("| ") and "no target" in r)  # fmt: skip
    table = markdown.markdown("| a | b | c | d | e |\n| - | - | - | - | - |\n" + row, extensions=["tables"])
    cells = re.findall(r"<td[^>]*>(.*?)</td>", table, re.S)
    assert len(cells) == 5 and html.unescape(re.sub(r"<[^>]+>", "", cells[0])) == title


def test_json_round_trips_and_months_cross_the_year() -> None:
    data = json.loads(as_json(build_report(tiny_site(), Month(2027, 1))))
    assert data["months"] == [
        "2026-08",
        "2026-09",
        "2026-10",
        "2026-11",
        "2026-12",
        "2027-01",
        "2027-02",
        "2027-03",
        "2027-04",
    ]
    hr = data["departments"][0]
    assert [m["target"] for m in hr["months"]] == [None, 1, 1, 1, 1, 1, 1, 1, 1]  # judged from September
    assert [m["state"] for m in hr["months"][:5]] == [None, "missed", "missed", "met", "short"]
    assert hr["published"] == [] and hr["planned"] == []  # nothing in January 2027


@pytest.mark.parametrize("bad", ["2026-00", "2026-13", "26-03", "March"])
def test_parse_month(bad: str) -> None:
    assert parse_month(" 2026-03 ") == Month(2026, 3)
    with pytest.raises(ValueError, match="write it like 2026-11"):
        parse_month(bad)
