"""The report's renderings on a small in-memory calendar: markdown that shows titles as written, CSV that a
spreadsheet cannot run, JSON that round-trips."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from newsdesk.model import Cadence, Channel, Department, Registry, Settings, Story
from newsdesk.report import as_csv, as_json, as_markdown, build_report, parse_month
from newsdesk.schedule import Month
from newsdesk.site import Site


def tiny_site() -> Site:
    departments = {
        "hr": Department("hr", "=HYPERLINK(\"http://evil\")", "#000", cadence=Cadence(1, "month")),
        "legal": Department("legal", "Legal | Compliance", "#000"),
    }
    channels = {"web": Channel("web", "Web", "#000")}
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
    return Site(Registry(departments, channels), Settings(today=dt.date(2026, 11, 23), site_name="Desk"), stories, "https://d.example/")


def test_markdown_keeps_titles_and_names_as_written() -> None:
    text = as_markdown(build_report(tiny_site()))
    assert r"- 2 Nov: [Pay \*rises\* \| \[all\] staff\_wide \<b\>](https://d.example/stories/hr/s0/)" in text
    assert r"| Legal \| Compliance | 0 | 0 |  | no target |" in text
    assert "| =HYPERLINK(\"http://evil\") | 1 | 1 | 1 (1/month) | ✓ met |" in text
    assert "Contributors over 9 months: Ann, Bob." in text
    assert "\n\n\n" not in text and text.endswith("\n")


def test_csv_cells_never_start_a_formula() -> None:
    rows = list(csv.reader(io.StringIO(as_csv(build_report(tiny_site())), newline="")))
    names = {row[2] for row in rows[1:]}
    assert names == {"'=HYPERLINK(\"http://evil\")", "Legal | Compliance"}
    assert rows[0] == ["month", "department", "department_name", "published", "planned", "total", "target", "state"]


def test_json_round_trips_and_months_cross_the_year() -> None:
    data = json.loads(as_json(build_report(tiny_site(), Month(2027, 1))))
    assert data["months"] == ["2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04"]
    hr = data["departments"][0]
    assert [m["target"] for m in hr["months"]] == [None, 1, 1, 1, 1, 1, 1, 1, 1]  # judged from September
    assert [m["state"] for m in hr["months"][:5]] == [None, "missed", "missed", "met", "short"]
    assert hr["published"] == [] and hr["planned"] == []  # nothing in January 2027


@pytest.mark.parametrize("bad", ["2026-00", "2026-13", "26-03", "March"])
def test_parse_month(bad: str) -> None:
    assert parse_month(" 2026-03 ") == Month(2026, 3)
    with pytest.raises(ValueError, match="write it like 2026-11"):
        parse_month(bad)
