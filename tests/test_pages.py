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


def counted_compiles(renderer: Renderer, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates `renderer` compiles from now on."""
    names: list[str] = []
    compile_source = renderer.env.compile

    def compile_and_count(source: str, name: str | None = None, filename: str | None = None) -> Any:
        names.append(str(name))
        return compile_source(source, name, filename)

    monkeypatch.setattr(renderer.env, "compile", compile_and_count)
    return names


@pytest.mark.parametrize("on_disk", [False, True], ids=["a serve rebuild", "the next build"])
def test_compiled_templates_are_reused_and_an_edited_one_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on_disk: bool
) -> None:
    overrides, cache = tmp_path / "overrides", tmp_path / "cache"
    template = overrides / "newsdesk" / "note.html"
    template.parent.mkdir(parents=True)
    cache.mkdir()
    template.write_text("first {{ 1 + 1 }}", encoding="utf-8")

    def next_renderer(compiled: CompiledTemplates) -> tuple[Renderer, list[str]]:
        # A serve rebuild shares the plugin's CompiledTemplates; the next `mkdocs build` is a new process
        # with a new one that finds the cache folder.
        renderer = Renderer(overrides, compiled if not on_disk else CompiledTemplates(cache))
        return renderer, counted_compiles(renderer, monkeypatch)

    compiled = CompiledTemplates(cache, on_disk=on_disk)
    first, compiles = next_renderer(compiled)
    assert first.env.get_template("newsdesk/note.html").render() == "first 2"
    assert compiles == ["newsdesk/note.html"]
    again, compiles = next_renderer(compiled)
    assert again.env.get_template("newsdesk/note.html").render() == "first 2"
    assert compiles == []
    template.write_text("second {{ 2 + 2 }}", encoding="utf-8")
    edited, compiles = next_renderer(compiled)
    assert edited.env.get_template("newsdesk/note.html").render() == "second 4"
    assert compiles == ["newsdesk/note.html"]
    assert any(cache.iterdir()) == on_disk


def test_a_cache_folder_that_cannot_be_written_only_costs_the_compiling(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache folder would be", encoding="utf-8")
    for _ in range(2):
        assert Renderer(compiled=CompiledTemplates(not_a_folder)).env.from_string("{{ 1 }}").render() == "1"
        rendered = Renderer(compiled=CompiledTemplates(not_a_folder)).env.get_template(
            "newsdesk/partials/mix.html"
        )
        assert rendered.module is not None
