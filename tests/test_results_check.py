"""Results in the registry and in stories (issue 17, items 1 and 2): every mistake on its line, with a hint,
in calendar/channels.yml and in a story's `results:`, read back from `newsdesk check --format json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from newsdesk.sources.registry import load_registry
from sitekit import SITES, copy_site, newsdesk

DEPARTMENTS = 'hr:\n  name: HR\n  colour: "#123456"\n'


def channels_problems(tmp_path: Path, channels: str) -> list[tuple[int, str, str]]:
    (tmp_path / "calendar").mkdir()
    (tmp_path / "calendar" / "departments.yml").write_text(DEPARTMENTS)
    (tmp_path / "calendar" / "channels.yml").write_text(channels)
    _, problems = load_registry(tmp_path)
    return [(p.line, p.message, p.hint) for p in problems]


def test_the_fixtures_metrics_are_read() -> None:
    registry, problems = load_registry(SITES / "results")
    assert problems == []
    linkedin, twitter = registry.channels["linkedin"], registry.channels["twitter"]
    assert linkedin.metrics == ("impressions", "clicks", "reactions", "shares")
    assert linkedin.headline_metric == "impressions"
    assert (twitter.metrics, twitter.headline_metric) == (("impressions", "engagements"), "")
    assert registry.channels["newsletter"].metrics == ()


@pytest.mark.parametrize(
    ("entry", "line", "message", "hint"),
    [
        ("  metrics: impressions\n", 3, "", ""),  # one name is a list of one
        ("  metrics: []\n", 3, "metrics of 'web' must be a list of 1 to 20", "metrics: [impressions"),
        ("  metrics: {a: 1}\n", 3, "metrics of 'web' must be a list", ""),
        ("  metrics: [Views]\n", 3, "metric 'Views' of 'web' is not a metric name", "lower-case"),
        ("  metrics: [views, 5]\n", 3, "metric the number 5 of 'web' is not a metric name", ""),
        ("  metrics: [story]\n", 3, "metric 'story' of 'web' is not a metric name", "not 'story'"),
        ("  metrics: [views, views]\n", 3, "metric 'views' of 'web' is listed twice", ""),
        (
            "  metrics: [views]\n  headline_metric: clicks\n",
            4,
            "headline_metric of 'web' must be one of",
            "views",
        ),
        ("  headline_metric: views\n", 3, "headline_metric of 'web' must be one of", "list the channel's"),
        ("  metric: [views]\n", 3, "unknown field 'metric' in 'web'", "metrics"),
    ],
)
def test_channel_metric_mistakes_are_on_their_line(
    tmp_path: Path, entry: str, line: int, message: str, hint: str
) -> None:
    found = channels_problems(tmp_path, "web:\n  name: Website\n" + entry)
    if not message:
        assert found == []
        return
    assert len(found) == 1, found
    assert found[0][0] == line
    assert found[0][1].startswith(message) or message in found[0][1], found
    assert hint in found[0][2]


BAD_STORIES = {
    # a story with results on a channel it does not list
    "marketing/2026-10-20-other-channel.md": (
        "---\ntitle: Other channel\ndate: 2026-10-20\nchannels: [website]\nstatus: published\n"
        "results:\n  website: {views: 10}\n  linkedin: {impressions: 20}\n---\n\nBody.\n",
        [(8, "results for 'linkedin', which is not one of this story's channels", "website")],
    ),
    # a story that is not published, with results
    "hr/2026-11-25-not-out.md": (
        "---\ntitle: Not out yet\ndate: 2026-11-25\nchannels: [linkedin]\nstatus: scheduled\n"
        "results:\n  linkedin: {impressions: 5}\n---\n\nBody.\n",
        [(6, "results are for a published story; this one is scheduled", "status: published")],
    ),
    # a negative and a fractional figure, a quoted one, a metric the channel does not report
    "research/2026-10-02-bad-figures.md": (
        "---\ntitle: Bad figures\ndate: 2026-10-02\nchannels: [linkedin, website, newsletter]\n"
        "status: published\nresults:\n  linkedin:\n    impressions: -40\n    clicks: 12.5\n"
        '    reactions: "1,200"\n    impresions: 3\n  website: {views: 5.400}\n'
        "  newsletter: {opens: 3}\nresults_as_of: 2026-13-01\n---\n\nBody.\n",
        [
            (
                8,
                "impressions on linkedin must be a whole number of 0 or more, found -40, below 0",
                "0 or more",
            ),
            (9, "clicks on linkedin must be a whole number of 0 or more, found 12.5", "whole number"),
            (10, "reactions on linkedin must be a whole number of 0 or more, found the text '1,200'", "5400"),
            (11, "LinkedIn reports no metric 'impresions'", "impressions"),
            (12, "views on website must be a whole number of 0 or more, found 5.4", "5400"),
            (13, "results for 'newsletter', whose channel reports no metrics", "metrics: ["),
            (14, "results_as_of:", ""),
        ],
    ),
    "research/2026-10-09-not-a-map.md": (
        "---\ntitle: Not a map\ndate: 2026-10-09\nchannels: [website]\nstatus: published\n"
        "results: [views, 10]\n---\n\nBody.\n",
        [(6, "results must map channels to their figures, found a list", "results:")],
    ),
}


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    root = copy_site("results", tmp_path_factory.mktemp("results-check"))
    for name, (text, _) in BAD_STORIES.items():
        (root / "content/stories" / name).write_text(text, encoding="utf-8")
    result = newsdesk(root, "check", "--format", "json")
    assert result.returncode == 1, result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


@pytest.mark.parametrize("name", sorted(BAD_STORIES))
def test_every_results_error_is_on_its_line(reported: list[dict[str, object]], name: str) -> None:
    path = f"content/stories/{name}"
    errors = [p for p in reported if p["path"] == path and p["severity"] == "error"]
    expected = BAD_STORIES[name][1]
    assert len(errors) == len(expected), errors
    for problem, (line, message, hint) in zip(errors, expected, strict=True):
        assert problem["line"] == line, problem
        assert str(problem["message"]).startswith(message), problem
        assert hint in str(problem["hint"]), problem


def test_the_fixture_itself_is_clean_but_for_planning(tmp_path: Path) -> None:
    result = newsdesk(copy_site("results", tmp_path), "check", "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(p["severity"] == "warning" for p in json.loads(result.stdout))
