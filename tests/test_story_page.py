"""A story's page shows what the social team posts: each channel's copy with its length against the
channel's limit, and the campaign, tags and link; the theme's "Edit this page" leads to the story's file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from htmltree import Node, parse
from mkdocs.structure.files import File
from newsdesk.core.model import Channel, Department, Registry, Settings, Story
from newsdesk.core.site import Site
from newsdesk.mkdocs.storypages import read_by_mkdocs
from newsdesk.render.pages import Renderer
from sitekit import copy_site, mkdocs_build

LINK = "https://example.org/news?a=1&b=2"


def header_of(**fields: object) -> str:
    registry = Registry(
        {"hr": Department("hr", "People & Culture", "#000")},
        {
            "x": Channel("x", "Twitter / X", "#000", max_length=40, url_length=23),
            "li": Channel("li", "LinkedIn", "#000", max_length=3000),
            "web": Channel("web", "Website", "#000"),
        },
    )
    story = Story(
        id="s", path="content/stories/hr/2026-12-03-s.md", src_uri="stories/hr/2026-12-03-s.md",
        department="hr", slug="s", title="Spring <b>launch</b>", start=dt.date(2026, 12, 3), timezone="UTC",
        channels=("x", "li", "web"), **fields,  # type: ignore[arg-type]
    )  # fmt: skip
    return Renderer().story_header(story, Site(registry, Settings(), (story,)))


def test_each_channels_copy_is_shown_with_its_length_against_the_limit() -> None:
    out = parse(header_of(copy=(("x", f"Read it: {LINK} <script>alert(1)</script>"), ("li", "Hello"))))
    section = out.one("section", cls="nd-story-copy")
    figures = [n for n in section.iter() if n.tag == "figure"]
    assert len(figures) == 2
    x, li = figures
    # "Read it: " (9) + the link as 23 + " <script>alert(1)</script>" (26) = 58 of 40
    assert "nd-post--over" in x.classes and "nd-post--over" not in li.classes
    assert "58 of 40 characters: 18 too many" in x.text()
    assert "5 of 3000 characters" in li.text()
    [text] = [n for n in x.iter() if n.tag == "pre"]
    assert text.text() == f"Read it: {LINK} <script>alert(1)</script>"  # as written, and as text
    # No script but the scripts' words (render/scriptstrings.py), which are JSON, not code
    scripts = [n.attrs for n in out.iter() if n.tag == "script"]
    assert scripts == [{"type": "application/json", "id": "nd-strings"}]
    # newsdesk.js's one copy handler (the subscribe page's too) copies each button's data-copy
    assert [b.attrs["data-copy"] for b in section.all("button", cls="nd-copy")] == [text.text(), "Hello"]


def test_campaign_tags_and_link_are_facts_of_the_story() -> None:
    out = parse(header_of(campaign="Spring <2027>", tags=("people", "awards"), link=LINK))
    pairs = [[c for c in div.children if isinstance(c, Node)] for div in out.all("div")]
    facts = {pair[0].text(): pair[1] for pair in pairs if [c.tag for c in pair] == ["dt", "dd"]}
    assert facts["Campaign"].text() == "Spring <2027>"
    assert facts["Tags"].text() == "people, awards"
    [link] = [n for n in facts["Link"].iter() if n.tag == "a"]
    assert link.attrs["href"] == LINK and link.text() == LINK
    assert "noopener" in link.attrs["rel"]


def test_a_story_without_copy_or_extras_shows_none_of_them() -> None:
    out = header_of()
    assert "nd-story-copy" not in out and "Campaign" not in out and "Tags" not in out and ">Link<" not in out


def test_the_built_story_page_shows_the_copy_and_its_edit_link(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    config = root / "mkdocs.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings.update(repo_url="https://github.com/example/newsroom", edit_uri="edit/main/content/")
    theme = settings["theme"] if isinstance(settings["theme"], dict) else {"name": settings["theme"]}
    settings["theme"] = {**theme, "features": ["content.action.edit"]}
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    built = mkdocs_build(root)
    assert built.ok, built.log
    page = parse(built.page("stories/hr/welcome-new-partners/"))
    figure = page.one("figure", cls="nd-post")
    assert "LinkedIn" in figure.text() and "43 of 3000 characters" in figure.text()
    edits = [
        n.attrs["href"] for n in page.iter() if n.tag == "a" and "edit" in n.attrs.get("title", "").lower()
    ]
    assert edits == [
        "https://github.com/example/newsroom/edit/main/content/stories/hr/2026-12-03-welcome-new-partners.md"
    ]


def test_the_page_the_file_and_the_story_hold_one_body(tmp_path: Path) -> None:
    """Once MkDocs has read a story's page, what it holds to the end of the build is the story's own body
    string, unless a plugin before newsdesk changed the markdown: then that change is kept."""
    body = "".join(["Spring launch.\n", "\n", "More words.\n"])  # made at run time: not an interned literal
    story = Story(
        id="s", path="content/stories/hr/2026-12-03-s.md", src_uri="stories/hr/2026-12-03-s.md",
        department="hr", slug="s", title="S", start=dt.date(2026, 12, 3), timezone="UTC",
        channels=("web",), body=body,
    )  # fmt: skip
    (tmp_path / "stories/hr").mkdir(parents=True)
    source = tmp_path / "stories/hr/2026-12-03-s.md"
    source.write_text("---\ntitle: S\n---\n" + body, encoding="utf-8")
    file = File("stories/hr/2026-12-03-s.md", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True)
    read = "---\n{}\n---\n" + body  # what MkDocs read and sliced: an equal string, not the same one
    markdown = read[len("---\n{}\n---\n") :]
    assert markdown == body and markdown is not body
    kept = read_by_mkdocs(file, story, markdown)
    assert kept is body and file.content_string is body
    assert file.abs_src_path == str(source)  # other plugins still find the real file
    changed = read_by_mkdocs(file, story, markdown + "Added by a plugin.\n")
    assert changed.endswith("Added by a plugin.\n") and file.content_string is changed
