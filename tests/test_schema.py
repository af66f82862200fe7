"""The JSON Schema of a story's front-matter: checked with the `jsonschema` package against what
`newsdesk check` decides, fixture by fixture and value by value, and published by the build."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, Draft202012Validator
from newsdesk.cli.main import validate
from newsdesk.core import yamltext
from newsdesk.mkdocs.project import load_project
from newsdesk.sources.registry import load_registry
from newsdesk.sources.schema import story_schema
from sitekit import FIXTURES, REPO, SITES, Built, copy_site, newsdesk, parse_hr_story

BAD = FIXTURES / "bad"
EXPRESSED = {
    "control-character.md",
    "copy-wrong-channel.md",
    "duration-all-day.md",
    "id-number.md",
    "impossible-date.md",
    "markup-title.md",
    "missing-date.md",
    "unknown-channel.md",
    "unknown-key.md",
    "unknown-status.md",
    "unknown-timezone.md",
    "wrong-type.md",
    "not-a-mapping.md",
}
NOT_EXPRESSED = {
    "department-mismatch.md": "the schema does not know which folder a story is in",
    "duplicate-id-a.md": "two stories sharing an id is a rule about the set of stories",
    "duplicate-id-b.md": "two stories sharing an id is a rule about the set of stories",
    "dst-gap.md": "a time the clocks skip needs the zone's rules",
    "duplicate-key.md": "YAML keeps the last of two keys before any schema sees the data",
}
UNREADABLE = {  # no front-matter for a schema to see
    "alias-bomb.md",  # newsdesk's YAML reader refuses aliases
    "empty.md",
    "malformed-yaml.md",
    "no-front-matter.md",
    "not-utf8.md",
    "unclosed.md",
}


def front_matter(text: str) -> object:
    """A story's front-matter as the loader reads it (dates stay text, as in JSON)."""
    _, head, _ = text.split("---\n", 2)
    return yamltext.read(head, first_line=2).data


def basic_registry(draft: str = "2020-12", site: str = "basic") -> Draft202012Validator | Draft7Validator:
    registry, found = load_registry(SITES / site, "calendar")
    assert not found
    validator = Draft7Validator if draft == "07" else Draft202012Validator
    return validator(story_schema(registry, draft=draft))


def test_the_schema_is_valid_in_both_drafts_it_names() -> None:
    registry, _ = load_registry(REPO, "calendar")
    Draft202012Validator.check_schema(story_schema(registry, "https://example.org/news/"))
    Draft7Validator.check_schema(story_schema(registry, "https://example.org/news/", draft="07"))


def test_every_bad_fixture_is_classified() -> None:
    names = {path.name for path in BAD.iterdir()}
    assert names == EXPRESSED | set(NOT_EXPRESSED) | UNREADABLE


@pytest.mark.parametrize("name", sorted(EXPRESSED))
def test_the_schema_rejects_each_bad_fixture_whose_rule_it_can_express(name: str) -> None:
    data = front_matter((BAD / name).read_text(encoding="utf-8"))
    assert list(basic_registry().iter_errors(data)), f"{name} passes the schema"


@pytest.mark.parametrize("name", sorted(NOT_EXPRESSED))
def test_what_the_schema_cannot_express_passes_it(name: str) -> None:
    """Kept honest both ways: when the schema learns a rule, move the fixture to EXPRESSED."""
    data = front_matter((BAD / name).read_text(encoding="utf-8"))
    assert not list(basic_registry().iter_errors(data)), NOT_EXPRESSED[name]


@pytest.mark.parametrize("site", [*sorted(p.name for p in SITES.iterdir()), "demo"])
def test_the_schema_accepts_every_story_check_accepts(site: str) -> None:
    root = REPO if site == "demo" else SITES / site
    project = load_project(str(root / "mkdocs.yml"))
    registry, result = validate(project)
    validator = Draft202012Validator(story_schema(registry))
    assert result.stories
    for story in result.stories:
        data = front_matter((project.root / story.path).read_text(encoding="utf-8"))
        errors = [error.message for error in validator.iter_errors(data)]
        assert not errors, (story.path, errors)


# One field at a time over values near each rule's edges: the schema and check agree, except where the
# module docstring of newsdesk.sources.schema says the schema cannot follow.
VALUES: dict[str, list[object]] = {
    "date": [
        "2026-12-03",
        "2026-1-5",
        "2026-12-03 09:30",
        "2026-12-03T09:30:15",
        "2026-12-03 09:30+01:00",
        "2026-12-03 09:30Z",
        " 2026-12-03 ",
        "2026-13-01",
        "2026-04-31",
        "2026-02-29",
        "2028-02-29",
        "1969-12-31",
        "2200-01-01",
        "2026-12-03 24:00",
        "2026-12-03 9:5",
        "03/12/2026",
        "2026/12/03",
        "2026-12-03 09:30+24:00",
        "tomorrow",
        20261203,
        True,
        None,
        ["2026-12-03"],
    ],
    "due": ["2026-12-01", "2026-12-01 10:00", "2026-02-30", "", None, 5],
    "status": ["draft", "published", "Published", "publishd", None, 1],
    "timezone": ["Europe/London", "UTC", "Etc/GMT+5", "Europe", "europe/london", None, "localtime"],
    "id": ["abc-1.2_3", "a" * 64, "a" * 65, "-abc", "a/b", "a b", 123, None],
    "title": [
        "Plain",
        "Über café",
        "A" * 200,
        "A" * 201,
        "  ",
        "<b>bold</b>",
        "a < b",
        "R&D",
        "&amp;",
        "[x](y)",
        "`code`",
        "**bold**",
        "snake_case",
        "__init__",
        "two\nlines",
        "tab\there",
        "bidi \u202e",
        5,
        None,
    ],
    "channels": [["website"], "website", [], ["linkdin"], ["website", "website"], [5], None, "Website"],
    "link": [
        "https://example.org/a?b=c#d",
        "http://example.org",
        "https://",
        "https://exa mple.org",
        "https://example.org/<script>",
        "javascript:alert(1)",
        "https://-bad.org",
        "HTTPS://example.org",
        None,
    ],
    "duration": [30, 0, 1440, 1441, "90m", "1h30m", "2 hours", "1:30", "90", "h", "", True, None, 1.5],
    "author": ["Ann", ["Ann", "Bo"], [], [""], ["a\nb"], None, 3],
    "tags": ["one", ["a", "b"], [1], None],
    "summary": ["Two\nlines are fine", "bell \x07", "", None, 3],
    "campaign": ["Spring", "a\nb", None],
    "copy": [{"website": "Post"}, {"website": ""}, {"twitter": "x"}, {"website": 5}, "text", None],
    # With the results fixture's registry (website reports views and visitors, newsletter nothing), on a
    # published story on website and linkedin: see RESULTS_FIELDS.
    "results": [
        {"website": {"views": 10}},
        {"website": {"views": 0, "visitors": 3}, "linkedin": {"impressions": 5, "clicks": 2}},
        {"website": {"views": -1}},
        {"website": {"views": 1.5}},
        {"website": {"views": 5.0}},
        {"website": {"views": "10"}},
        {"website": {"views": True}},
        {"website": {"views": None}},
        {"website": {"views": 10**15 - 1}},
        {"website": {"views": 10**15}},
        {"website": {"clicks": 1}},
        {"twitter": {"impressions": 1}},
        {"newsletter": {"opens": 1}},
        {"nowhere": {"views": 1}},
        {"website": {}},
        {"website": None},
        {"website": [1]},
        {},
        None,
        "text",
        [1],
    ],
    "results_as_of": ["2026-12-10", "2026-13-01", "2026-12-10 10:00", "", 5, None],
}
RESULTS_FIELDS = {"results", "results_as_of"}


def _check_accepts(data: dict[str, object], site: str = "basic") -> bool:
    registry, _ = load_registry(SITES / site, "calendar")
    text = "---\n" + json.dumps(data, ensure_ascii=False) + "\n---\nBody.\n"
    story, _problems = parse_hr_story(text, registry)
    return story is not None


CASES = [(field, value) for field, values in VALUES.items() for value in values]


@pytest.mark.parametrize("draft", ["2020-12", "07"])
@pytest.mark.parametrize(("field", "value"), CASES, ids=[f"{f}={v!r}"[:60] for f, v in CASES])
def test_the_schema_and_check_agree_value_by_value(field: str, value: object, draft: str) -> None:
    data: dict[str, object] = {"title": "A story", "date": "2026-12-03 10:00", "channels": ["website"]}
    data[field] = value
    if field == "duration" and value is None:
        data.pop(field)
    site = "basic"
    if field in RESULTS_FIELDS:
        site = "results"
        data |= {"status": "published", "channels": ["website", "linkedin", "newsletter"]}
    by_check = _check_accepts(data, site)
    by_schema = not list(basic_registry(draft, site).iter_errors(data))
    if (field, value) == ("date", "2026-02-29"):
        assert (by_check, by_schema) == (False, True), "the leap-year gap is documented: update the docs"
        return
    if (field, value) == ("results", {"website": {"views": 5.0}}):
        assert (by_check, by_schema) == (False, True), "5.0 is an integer to JSON Schema: documented"
        return
    assert by_schema == by_check, f"check {'accepts' if by_check else 'rejects'} {field}: {value!r}"


@pytest.mark.parametrize("status", [None, "idea", "draft", "review", "scheduled", "published", "cancelled"])
def test_results_only_on_a_published_story_in_both(status: str | None) -> None:
    data: dict[str, object] = {"title": "A story", "date": "2026-10-03", "channels": ["website"]}
    data["results"] = {"website": {"views": 3}}
    if status:
        data["status"] = status
    by_schema = not list(basic_registry("2020-12", "results").iter_errors(data))
    assert by_schema == _check_accepts(data, "results") == (status == "published")


def _patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


def test_every_pattern_reads_the_same_in_javascript() -> None:
    """Browser validators compile patterns as `new RegExp(pattern, "u")`; each must compile there and
    decide a set of probes as Python's `re` does."""
    registry, _ = load_registry(REPO, "calendar")
    patterns = sorted(set(_patterns(story_schema(registry))))
    probes = ["", "a", "2026-12-03", "2026-12-03 09:30", "x\ny", "\u202e", "<b>", "https://a.org/x", "1h30m"]
    script = (
        "const [patterns, probes] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(patterns.map(p => probes.map(s => new RegExp(p, 'u').test(s)))));"
    )
    node = subprocess.run(
        ["node", "-e", script],
        input=json.dumps([patterns, probes]),
        capture_output=True,
        text=True,
        check=True,
    )
    in_js = json.loads(node.stdout)
    in_python = [[re.search(p, s) is not None for s in probes] for p in patterns]
    assert in_js == in_python


def test_the_site_publishes_the_schema_newsdesk_schema_prints(basic_build: Built, tmp_path: Path) -> None:
    published = basic_build.read("schema/story.json")
    printed = newsdesk(copy_site("basic", tmp_path), "schema")
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == published
    schema = json.loads(published)
    assert schema["$id"].endswith("/schema/story.json")
    registry, _ = load_registry(SITES / "basic", "calendar")
    assert schema["properties"]["department"]["anyOf"][1]["enum"] == list(registry.departments)


def test_schema_output_file(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    result = newsdesk(root, "schema", "--output", "story.schema.json")
    assert result.returncode == 0, result.stderr
    Draft202012Validator.check_schema(json.loads((root / "story.schema.json").read_text(encoding="utf-8")))
