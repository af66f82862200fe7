"""The "propose a story" page as built: the forge's new-file addresses, the data the form's script reads,
and the links to the page. The form itself is driven in Chromium (tests/browser/test_propose_browser.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from htmltree import parse
from newsdesk.core.forge import forge_of
from newsdesk.render.scriptstrings import json_script
from sitekit import Built, copy_site, mkdocs_build


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "kind", "page"),
    [
        (
            "https://github.com/org/news",
            "edit/main/content/",
            "github",
            "https://github.com/org/news/new/main/content/stories/hr",
        ),
        (
            "https://github.com/org/news.git/",
            "blob/trunk/docs/",
            "github",
            "https://github.com/org/news/new/trunk/docs/stories/hr",
        ),
        (
            "https://github.com/org/news",
            "",
            "github",
            "https://github.com/org/news/new/main/content/stories/hr",
        ),
        (
            "https://gitlab.com/org/news",
            "-/edit/develop/site/",
            "gitlab",
            "https://gitlab.com/org/news/-/new/develop/site/stories/hr",
        ),
        (
            "https://codeberg.org/org/news",
            "_edit/main/",
            "gitea",
            "https://codeberg.org/org/news/_new/main/stories/hr",
        ),
        (
            "https://git.example.org/org/news",
            "src/branch/pages/content/",
            "gitea",
            "https://git.example.org/org/news/_new/pages/content/stories/hr",
        ),
        (
            "https://github.com/org/news",
            "https://github.com/org/news/edit/a%20b/content/",
            "github",
            "https://github.com/org/news/new/a%2520b/content/stories/hr",
        ),
    ],
)
def test_the_forge_and_its_new_file_page(repo_url: str, edit_uri: str, kind: str, page: str) -> None:
    forge = forge_of(repo_url, edit_uri, "content")
    assert forge is not None
    assert (forge.kind, forge.new_file_page("stories/hr")) == (kind, page)


@pytest.mark.parametrize("repo_url", ["", "javascript:alert(1)", "file:///etc", "github.com/org/news"])
def test_no_forge_without_a_web_address(repo_url: str) -> None:
    assert forge_of(repo_url, "edit/main/content/", "content") is None


def test_the_options_override_what_edit_uri_says() -> None:
    forge = forge_of(
        "https://example.org/org/news", "edit/main/content/", "content", kind="gitlab", branch="x"
    )
    assert forge is not None
    assert forge.new_file_page("stories/it") == "https://example.org/org/news/-/new/x/content/stories/it"
    assert forge.parameters == ("file_name", "content")


def test_json_for_a_script_element_cannot_close_it() -> None:
    data = {"name": "</script><script>alert(1)</script><!-- & -->", "key": "a\u2028b"}
    written = str(json_script(data))
    assert "<" not in written and ">" not in written and "&" not in written
    assert json.loads(written) == data


@pytest.fixture(scope="module")
def gitlab_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = copy_site("basic", tmp_path_factory.mktemp("propose"))
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "repo_url: https://gitlab.example.org/comms/news\nedit_uri: -/edit/live/content/\n",
        encoding="utf-8",
    )
    built = mkdocs_build(root)
    assert built.ok, built.log
    return built


def _data(html: str) -> dict[str, Any]:
    [script] = [n for n in parse(html).iter() if n.tag == "script" and "data-nd-propose-data" in n.attrs]
    loaded: dict[str, Any] = json.loads(script.text())
    return loaded


def test_the_page_holds_the_forge_schema_and_channels(gitlab_build: Built) -> None:
    html = gitlab_build.page("contribute/new/")
    data = _data(html)
    assert data["forge"] == {
        "kind": "gitlab",
        "page": "https://gitlab.example.org/comms/news/-/new/live/content/stories",
        "name": "file_name",
        "text": "content",
    }
    assert json.loads(gitlab_build.read("schema/story.json"))["properties"] == data["schema"]["properties"]
    assert [c["key"] for c in data["channels"]] == ["website", "blog", "newsletter", "linkedin", "twitter"]
    links = re.findall(r'href="(https://gitlab[^"]+)"', html)
    assert "https://gitlab.example.org/comms/news/-/new/live/content/stories/hr" in links
    assert not gitlab_build.broken_links("contribute/new/")


def test_each_department_page_links_to_the_form_for_itself(gitlab_build: Built) -> None:
    html = gitlab_build.page("departments/hr/")
    assert 'href="../../contribute/new/?department=hr"' in html


def test_the_page_is_in_the_site_without_a_repository(tmp_path: Path) -> None:
    built = mkdocs_build(copy_site("basic", tmp_path))
    assert built.ok, built.log
    data = _data(built.page("contribute/new/"))
    assert data["forge"] is None
    assert "repo_url" in built.page("contribute/new/")
