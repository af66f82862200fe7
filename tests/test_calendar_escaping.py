"""Nothing from a story or the registry becomes markup on the calendar pages.

The story validator refuses markup in titles, so the first test builds the model by hand, as a future
bug in the validator would; the second goes through a real build with a hostile registry, which the
registry accepts as plain text.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from htmltree import Node, parse
from newsdesk.core.model import Cadence, Channel, Department, Registry, Settings, Story
from newsdesk.core.site import Site
from newsdesk.planning.report import build_report
from newsdesk.render import views
from newsdesk.render.pages import Renderer
from newsdesk.render.sitepages import site_pages
from sitekit import copy_site, mkdocs_build

HOSTILE = "<img src=x onerror=alert(1)>"
SCRIPT = '"><script>alert(2)</script>'


def executable(node: Node) -> list[str]:
    """What the hostile texts would bring if they became markup: an element with an event handler, an
    image, a script or an iframe of their own, or a javascript: link. Material's own scripts are fine."""
    found = []
    for element in node.iter():
        if element.tag == "script" and element.attrs.get("type") == "application/json":
            # Data for a page's script (the propose form's): inert, and holding no '<' it could end on.
            if "<" in element.text():
                found.append("<script type=application/json> holding '<'")
            continue
        if element.tag in {"img", "iframe"} or (element.tag == "script" and "alert(" in element.text()):
            found.append(f"<{element.tag}>")
        found += [f"{element.tag}[{name}]" for name in element.attrs if name.startswith("on")]
        found += [
            f"{element.tag}[javascript:]"
            for v in element.attrs.values()
            if v.strip().lower().startswith("javascript:")
        ]
    return found


def hostile_site() -> Site:
    departments = {
        "hr": Department(
            "hr",
            f"People {HOSTILE}",
            "#8e24aa",
            description=f"About {SCRIPT}",
            lead=SCRIPT,
            cadence=Cadence(1, "week"),
        ),
    }
    channels = {"web": Channel("web", f"Web {SCRIPT}", "#3949ab", posting_days=(1,))}
    settings = Settings(timezone="Europe/London", today=dt.date(2026, 11, 23))

    def story(slug: str, day: dt.date, status: str, **extra: object) -> Story:
        return Story(
            id=slug, path=f"content/stories/hr/{day}-{slug}.md", src_uri=f"stories/hr/{day}-{slug}.md",
            department="hr", slug=slug, title=f"{HOSTILE} {slug} {SCRIPT}", start=day, timezone="Europe/London",
            channels=("web",), status=status, **extra,  # type: ignore[arg-type]
        )  # fmt: skip

    stories = (
        story("week", dt.date(2026, 11, 24), "review"),
        story("due", dt.date(2026, 11, 26), "draft", due=dt.date(2026, 11, 25)),
        story("past", dt.date(2026, 11, 12), "published"),
        story("later", dt.date(2026, 12, 3), "cancelled"),
    )
    return Site(Registry(departments, channels), settings, stories, "https://news.example.com/")


def test_hostile_text_stays_text_on_every_generated_page() -> None:
    site = hostile_site()
    renderer = Renderer()
    pages = site_pages(site, build_report(site))
    assert {
        "calendar/index.md",
        "calendar/2026/11/index.md",
        "calendar/2026/12/index.md",
        "departments/hr/index.md",
        "channels/web/index.md",
    } <= {p.src_uri for p in pages}
    for page in pages:
        url = page.src_uri.removesuffix("index.md")
        html = renderer.render(page.template, url, site, **page.context)
        tree = parse(html)
        assert executable(tree) == [], page.src_uri
        if page.template in {"newsdesk/agenda.html", "newsdesk/month.html", "newsdesk/department.html"}:
            assert HOSTILE in tree.text(), page.src_uri  # shown, as the text it is
    home = views.fill_markers(f"<p>Hello</p>\n<p>{views.HOME_MARKER}</p>", "", site, renderer)
    tree = parse(home)
    assert executable(tree) == []
    assert tree.text().count(f"{HOSTILE} week {SCRIPT}") == 2  # this week, and in review
    assert f"{HOSTILE} due {SCRIPT}" in tree.text()


@pytest.mark.build
def test_hostile_registry_through_a_real_build(tmp_path: Path) -> None:
    root = copy_site("calendar", tmp_path)
    departments = root / "calendar/departments.yml"
    departments.write_text(
        departments.read_text().replace("name: Legal", f"name: 'Legal {HOSTILE}'\n  description: '{SCRIPT}'")
    )
    channels = root / "calendar/channels.yml"
    channels.write_text(channels.read_text().replace("name: Blog", f"name: 'Blog {HOSTILE}'"))
    built = mkdocs_build(root)
    assert built.ok, built.log
    for url in [
        "",
        "calendar/",
        "calendar/2026/12/",
        "departments/",
        "departments/legal/",
        "channels/",
        "channels/blog/",
        "stories/legal/briefing-one/",
    ]:
        tree = parse(built.page(url))
        assert executable(tree) == [], url
    legal = parse(built.page("departments/legal/"))
    assert legal.one("title").text().startswith(f"Legal {HOSTILE}")
    assert legal.one("article").one("h1").words() == f"Legal {HOSTILE}"
    docs = json.loads(built.read("search/search_index.json"))["docs"]
    hub = [doc for doc in docs if doc["location"].startswith("departments/")]
    assert any("Legal &lt;img" in doc["text"] for doc in hub), hub  # listed on the hub, as text
    assert not any("<img" in doc["title"] + doc["text"] or "<script" in doc["text"] for doc in docs)
