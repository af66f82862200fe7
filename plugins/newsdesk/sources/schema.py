"""The JSON Schema (draft 2020-12) of a story's front-matter, made from the registry.

`newsdesk check` is the rule; this schema says as much of it as a schema can, for tools that validate
front-matter (and for the "propose a story" page, which validates in the browser with it). It accepts
nothing check rejects for a reason it can express: unknown keys, departments, channels, statuses and time
zones; dates that are not days of the calendar (only 29 February in a year that has none gets through);
a duration on an all-day story; copy for a channel the story is not on; text with control characters,
line breaks or direction-reversing characters; markup in a title; a link that is not https; results on a
story that is not published, for a channel it is not on or that reports no metrics, for a metric the
channel does not declare, or that are not whole numbers of 0 or more.

What it cannot say, check still does: that a `department:` matches the story's folder, duplicate keys
(YAML keeps the last one before any schema sees it), times the clocks skip, ids and slugs two stories
share, and whatever the body holds; and a figure written `5.0`, which JSON Schema counts as an integer
and check refuses (YAML reads `5.000`, five thousand to many Europeans, as that number).

Patterns are written for both readers of them: Python's `re` (the `jsonschema` package) and JavaScript's
`RegExp` with the `u` flag (every browser validator): ASCII classes (`[0-9]`, not `\\d`, which Python
reads as any script's digits), no named groups, no escapes `u` mode refuses.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from newsdesk.core import dates
from newsdesk.core.model import STATUSES
from newsdesk.sources.frontmatter import KEYS, MAX_ITEMS
from newsdesk.sources.metrics import MAX_FIGURE

if TYPE_CHECKING:
    from newsdesk.core.model import Registry

DRAFTS = {
    "2020-12": "https://json-schema.org/draft/2020-12/schema",
    "07": "http://json-schema.org/draft-07/schema#",
}
"""The schema uses only keywords draft 7 has too, so it can name either: draft 7 for the tools that read
no later one (remark-lint-frontmatter-schema, whose Ajv refuses 2020-12)."""
SCHEMA_PATH = "schema/story.json"
"""Where the site publishes the schema."""

_YEAR = "(?:19[7-9][0-9]|2[01][0-9]{2})"  # dates.FIRST_YEAR to dates.LAST_YEAR
_MONTH_DAY = (
    "(?:(?:0?[13578]|1[02])-(?:0?[1-9]|[12][0-9]|3[01])"
    "|(?:0?[469]|11)-(?:0?[1-9]|[12][0-9]|30)"
    "|0?2-(?:0?[1-9]|1[0-9]|2[0-9]))"
)
_DAY = f"{_YEAR}-{_MONTH_DAY}"
_TIME = "[ T](?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])? ?(?:Z|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])?"
DAY_PATTERN = f"^\\s*{_DAY}\\s*$"
MOMENT_PATTERN = f"^\\s*{_DAY}(?:{_TIME})?\\s*$"

_INVISIBLE = "\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069"
_CONTROLS = "\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029"
LINE_PATTERN = f"^[^{_CONTROLS}{_INVISIBLE}]*$"
"""One line of text: no control character, line break or direction-reversing character."""
TEXT_PATTERN = f"^[^\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029{_INVISIBLE}]*$"
"""Text that may run over lines (a summary, a post's copy)."""
MARKUP_PATTERN = "<[A-Za-z/!?]|&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);|\\[[^\\]]*\\]\\(|`|\\*\\*|__"
"""The markup a title may not hold (`frontmatter.MARKUP`)."""
NOT_BLANK = "\\S"
ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
LINK_PATTERN = (
    f"^https://{_LABEL}(?:\\.{_LABEL})*(?::[0-9]{{1,5}})?"
    "(?:[/?#][^\\s\"'<>\\\\`\\u0000-\\u001f\\u007f-\\u009f]*)?$"
)
"""`frontmatter.URL`: https only; no space, quote, `<`, `>`, backslash or control character."""
_HOURS = "[0-9]{1,6}\\s*[hH](?:[oO][uU][rR][sS]?|[rR][sS]?)?"
_MINUTES = "[0-9]{1,6}\\s*[mM](?:[iI][nN](?:[uU][tT][eE][sS]?|[sS])?)?"
DURATION_PATTERN = f"^\\s*(?:[0-9]{{1,2}}:[0-9]{{2}}|(?=[0-9])(?:{_HOURS})?\\s*(?:{_MINUTES})?)\\s*$"
"""`90m`, `1h30m`, `2 hours`, `1:30` (dates.parse_duration); a number of minutes is an integer."""


def _line(*patterns: str, **more: Any) -> dict[str, Any]:
    """Text on one line that also matches each of `patterns`."""
    schema: dict[str, Any] = {"type": "string", "pattern": LINE_PATTERN, **more}
    if patterns:
        schema["allOf"] = [{"pattern": pattern} for pattern in patterns]
    return schema


def _optional(schema: dict[str, Any]) -> dict[str, Any]:
    """An optional key may also be left empty (`summary:`), which reads as not given."""
    return {"anyOf": [{"type": "null"}, schema]}


def _one_or_list(item: dict[str, Any], what: str, *, least: int = 0) -> dict[str, Any]:
    items = {"type": "array", "items": item, "minItems": least, "maxItems": MAX_ITEMS}
    return {"description": f"one {what} or a list of them", "anyOf": [item, items]}


def _lists(key: str, channel: str) -> dict[str, Any]:
    """The story lists `channel` under `key` (as the one value or in the list)."""
    on_it = {"anyOf": [{"const": channel}, {"type": "array", "contains": {"const": channel}}]}
    return {"required": [key], "properties": {key: on_it}}


def _results(registry: Registry) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """`results:` (only channels that report metrics, only their metrics, whole numbers of 0 or more), and
    the rules across keys: only for a published story, only on the story's channels."""
    figure = {"type": "integer", "minimum": 0, "maximum": MAX_FIGURE}
    reporting = [channel for channel in registry.channels.values() if channel.metrics]
    results = {
        "type": "object",
        "properties": {
            channel.key: {
                "type": "object",
                "properties": {metric: figure for metric in channel.metrics},
                "additionalProperties": False,
            }
            for channel in reporting
        },
        "additionalProperties": False,
        "description": "what the story achieved: per channel, a whole number for each metric it reports",
    }
    rules: list[dict[str, Any]] = [
        {
            "if": {"required": ["results"], "properties": {"results": {"type": "object"}}},
            "then": {"required": ["status"], "properties": {"status": {"const": "published"}}},
        },
        *(
            {
                "if": {
                    "required": ["results"],
                    "properties": {"results": {"type": "object", "required": [channel.key]}},
                },
                "then": {"anyOf": [_lists("channels", channel.key), _lists("channel", channel.key)]},
            }
            for channel in reporting
        ),
    ]
    return results, rules


def story_schema(registry: Registry, site_url: str = "", draft: str = "2020-12") -> dict[str, Any]:
    """The schema of a story's front-matter for this registry, in `draft` (a key of DRAFTS); `$id` is its
    address when the site's is known."""
    departments = list(registry.departments)
    channels = list(registry.channels)
    channel = {"enum": channels, "description": "a channel key from the registry's channels.yml"}
    text = {"type": "string", "pattern": TEXT_PATTERN}
    properties: dict[str, Any] = {
        "id": _optional(_line(ID_PATTERN)),
        "title": _line(NOT_BLANK, maxLength=200, description="plain text, without HTML or markdown")
        | {"not": {"pattern": MARKUP_PATTERN}},
        "date": {
            "type": "string",
            "pattern": MOMENT_PATTERN,
            "description": 'the day (2026-12-03), or the day and time in quotes ("2026-12-03 09:30")',
        },
        "timezone": _optional({"enum": sorted(dates.zone_names())}),
        "department": _optional({"enum": departments, "description": "the key of the story's folder"}),
        "channels": _one_or_list(channel, "channel", least=1),
        "channel": _one_or_list(channel, "channel", least=1),
        "status": _optional({"enum": list(STATUSES)}),
        "author": _optional(_one_or_list(_line(NOT_BLANK), "author")),
        "summary": _optional(text),
        "due": _optional({"type": "string", "pattern": DAY_PATTERN}),
        "duration": {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 24 * 60, "description": "minutes"},
                {"type": "string", "pattern": DURATION_PATTERN},
            ]
        },
        "tags": _optional(_one_or_list(_line(NOT_BLANK), "tag")),
        "campaign": _optional(_line()),
        "link": _optional({"type": "string", "pattern": LINK_PATTERN}),
        "copy": _optional(
            {
                "type": "object",
                "propertyNames": {"enum": channels},
                "additionalProperties": {**text, "allOf": [{"pattern": NOT_BLANK}]},
                "description": "the post text for each of the story's channels",
            }
        ),
    }
    results, results_rules = _results(registry)
    properties["results"] = _optional(results)
    properties["results_as_of"] = _optional({"type": "string", "pattern": DAY_PATTERN})
    assert list(properties) == list(KEYS), "one schema property for each front-matter key, in order"
    copy_on_its_channel = [
        {
            "if": {"required": ["copy"], "properties": {"copy": {"type": "object", "required": [key]}}},
            "then": {"anyOf": [_lists("channels", key), _lists("channel", key)]},
        }
        for key in channels
    ]
    schema: dict[str, Any] = {"$schema": DRAFTS[draft]}
    if site_url:
        schema["$id"] = f"{site_url}{SCHEMA_PATH}"
    schema |= {
        "title": "A newsdesk story's front-matter",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "required": ["title", "date"],
        "anyOf": [{"required": ["channels"]}, {"required": ["channel"]}],
        "not": {"required": ["channels", "channel"]},
        "allOf": [
            {  # a duration only for a story with a time
                "if": {
                    "required": ["date"],
                    "properties": {"date": {"type": "string", "pattern": DAY_PATTERN}},
                },
                "then": {"not": {"required": ["duration"]}},
            },
            *copy_on_its_channel,
            *results_rules,
        ],
    }
    return schema


def schema_json(registry: Registry, site_url: str = "", draft: str = "2020-12") -> str:
    """The schema as the site publishes it and `newsdesk schema` prints it."""
    return json.dumps(story_schema(registry, site_url, draft), indent=2, ensure_ascii=False) + "\n"
