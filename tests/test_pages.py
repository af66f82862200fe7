"""relative_url: the links between generated pages, held to posixpath.relpath; templates compiled once per
`mkdocs serve`."""

from __future__ import annotations

import itertools
import posixpath
from pathlib import Path
from typing import Any

import pytest
from newsdesk.render.pages import CompiledTemplates, Renderer, relative_url

PAGES = ["", "index.html", "calendar/", "calendar/2026/12/", "stories/hr/welcome/", "stories/hr/welcome.html"]
TARGETS = [*PAGES, "calendar/2026/11/", "stories/hr/", "feeds/all.ics", "feeds/departments/hr.ics"]


def by_relpath(target: str, page_url: str) -> str:
    folder = page_url.rsplit("/", 1)[0] if "/" in page_url else ""
    relative = posixpath.relpath("/" + target, "/" + folder)
    if target.endswith("/") or not target:  # a folder stays a folder: "../" rather than ".."
        relative = relative.rstrip("/") + "/"
    return "./" if relative == "./" else relative.removeprefix("./")


@pytest.mark.parametrize(("target", "page_url"), list(itertools.product(TARGETS, PAGES)))
def test_relative_url_agrees_with_relpath(target: str, page_url: str) -> None:
    assert relative_url(target, page_url) == by_relpath(target, page_url)


def test_relative_url_resolves_back_to_the_target() -> None:
    for target, page_url in itertools.product(TARGETS, PAGES):
        folder = page_url.rsplit("/", 1)[0] if "/" in page_url else ""
        resolved = posixpath.normpath(posixpath.join("/", folder, relative_url(target, page_url)))
        assert resolved == posixpath.normpath("/" + target), (target, page_url)


def test_a_serve_rebuild_reuses_compiled_templates_and_compiles_an_edited_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = tmp_path / "overrides" / "newsdesk" / "note.html"
    template.parent.mkdir(parents=True)
    template.write_text("first {{ 1 + 1 }}", encoding="utf-8")
    compiled = CompiledTemplates()
    assert (
        Renderer(tmp_path / "overrides", compiled).env.get_template("newsdesk/note.html").render()
        == "first 2"
    )

    def counted(renderer: Renderer) -> list[str]:
        names: list[str] = []
        compile_source = renderer.env.compile

        def compile_and_count(source: str, name: str | None = None, filename: str | None = None) -> Any:
            names.append(str(name))
            return compile_source(source, name, filename)

        monkeypatch.setattr(renderer.env, "compile", compile_and_count)
        return names

    again = Renderer(tmp_path / "overrides", compiled)  # the next rebuild of the same `mkdocs serve`
    compiles = counted(again)
    assert again.env.get_template("newsdesk/note.html").render() == "first 2"
    assert compiles == []
    template.write_text("second {{ 2 + 2 }}", encoding="utf-8")
    edited = Renderer(tmp_path / "overrides", compiled)
    compiles = counted(edited)
    assert edited.env.get_template("newsdesk/note.html").render() == "second 4"
    assert compiles == ["newsdesk/note.html"]
