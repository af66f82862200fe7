"""YAML at the contribution boundary: every slip or trap in a story's front-matter, a registry file or
slots.yml is a problem on its line, all of a file's problems at once, in words a non-developer can act
on, never a traceback, and in time linear in the size of the file."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from newsdesk.core import yamltext
from newsdesk.core.model import Settings
from newsdesk.core.problems import Problem
from newsdesk.sources.registry import load_registry
from newsdesk.sources.storytext import parse_story
from sitekit import SITES, copy_site, newsdesk

SETTINGS = Settings(timezone="Europe/London")
REGISTRY, _ = load_registry(SITES / "basic")
GOOD = "title: A title\ndate: 2026-12-03\nchannels: [website, linkedin]\n"
LONG_NUMBER = "1" * 5000


def story(front: str, body: str = "Body.\n", *, registry=REGISTRY) -> list[Problem]:
    """The problems of a story whose front-matter is `front` (its first line is the file's line 2)."""
    text = f"---\n{front}---\n{body}"
    found, problems = parse_story(
        text,
        path="s.md",
        src_uri="stories/hr/2026-12-03-s.md",
        department="hr",
        registry=registry,
        settings=SETTINGS,
    )
    assert (found is None) == any(p.is_error for p in problems)
    return problems


def where(problems: list[Problem], piece: str) -> list[int]:
    """The line of each problem whose message holds `piece`."""
    return [p.line for p in problems if piece in p.message]


def registry_files(tmp_path: Path, **files: str) -> list[Problem]:
    """The problems of a registry made of the basic site's files, with `files` (departments, channels,
    slots) replaced."""
    folder = tmp_path / "calendar"
    folder.mkdir()
    for name in ("departments", "channels"):
        (folder / f"{name}.yml").write_text((SITES / "basic/calendar" / f"{name}.yml").read_text())
    for name, text in files.items():
        (folder / f"{name}.yml").write_bytes(text.encode())
    return load_registry(tmp_path)[1]


# --- 1. Duplicate keys, at any depth, in flow style, quoted --------------------------------------------


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        (
            "title: A\ndate: 2026-12-03\ntitle: B\nchannels: [website]\n",
            4,
            "'title' is given twice (first on line 2)",
        ),
        (
            "{title: A, title: B, date: 2026-12-03, channels: [website]}\n",
            2,
            "'title' is given twice (first on line 2)",
        ),
        (
            'title: A\n"title": B\ndate: 2026-12-03\nchannels: [website]\n',
            3,
            "'title' is given twice (first on line 2)",
        ),
        (
            GOOD + "copy:\n  linkedin: One.\n  website: Two.\n  linkedin: Three.\n",
            8,
            "'linkedin' is given twice (first on line 6)",
        ),
        (GOOD + "copy: {linkedin: One, 'linkedin': Two}\n", 5, "'linkedin' is given twice (first on line 5)"),
    ],
    ids=["block", "flow", "quoted", "nested", "nested-flow"],
)
def test_a_key_given_twice_is_an_error_on_its_line(front: str, line: int, message: str) -> None:
    assert where(story(front), message) == [line]


@pytest.mark.parametrize(
    ("file", "text", "line", "message"),
    [
        ("departments", "hr: {name: A, name: B}\n", 1, "'name' is defined twice (first on line 1)"),
        ("departments", 'hr:\n  name: A\n  "name": B\n', 3, "'name' is defined twice (first on line 2)"),
        (
            "departments",
            "hr:\n  cadence: {all: 1/week, all: 2/week}\n",
            2,
            "'all' is defined twice (first on line 2)",
        ),
        ("channels", "website: {}\n'website': {}\n", 2, "'website' is defined twice (first on line 1)"),
        (
            "slots",
            "a:\n  channel: website\n  every: monday\n  channel: blog\n",
            4,
            "'channel' is defined twice (first on line 2)",
        ),
    ],
)
def test_registry_and_slots_keys_given_twice(
    tmp_path: Path, file: str, text: str, line: int, message: str
) -> None:
    problems = registry_files(tmp_path, **{file: text})
    assert [(p.path, p.line) for p in problems if message in p.message] == [(f"calendar/{file}.yml", line)], (
        problems
    )


def test_the_loader_gives_key_and_item_lines_and_load_refuses_duplicates() -> None:
    document = yamltext.read("a: 1\nb:\n  - x\n  - y\nc: {d: 1, d: 2}\n")
    assert document.key_lines(document.data) == {"a": 1, "b": 2, "c": 5}
    assert document.item_lines(document.data["b"]) == [3, 4]
    assert [(d.key, d.line, d.first_line) for d in document.duplicates] == [("d", 5, 5)]
    with pytest.raises(yamltext.YamlError, match="'d' is given twice"):
        yamltext.load("c: {d: 1, d: 2}\n")


# --- 2. Linear time: large maps and lists ---------------------------------------------------------------


def _seconds(run, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def _copy_story(keys: int) -> str:
    return GOOD + "copy:\n" + "".join(f"  k{i}: Post {i}.\n" for i in range(keys))


def test_a_copy_map_of_10000_keys_checks_in_linear_time() -> None:
    small, large = _copy_story(2500), _copy_story(10_000)
    problems = story(large)
    assert len(problems) == 11  # ten shown, then one line counting the rest
    assert problems[0].line == 6 and problems[9].line == 15  # each on its own key's line
    assert "and 9990 more problems with 'copy'" in problems[-1].message and problems[-1].line == 5
    t_small, t_large = _seconds(lambda: story(small)), _seconds(lambda: story(large))
    assert t_large < 2.0
    assert t_large < 8 * t_small + 0.05, (
        t_small,
        t_large,
    )  # four times the input: not sixteen times the time


def test_a_thousand_unknown_channels_are_bounded(tmp_path: Path) -> None:
    # A registry of 2,000 channels: a suggestion per unknown channel would compare each with all of them.
    channels = "".join(f"channel-{i}: {{}}\n" for i in range(2000))
    registry, problems = load_registry(_registry(tmp_path, channels=channels))
    assert problems == []
    listed = ", ".join(f"chanel-{i}x" for i in range(50))
    found = story(f"title: T\ndate: 2026-12-03\nchannels: [{listed}]\n", registry=registry)
    assert len(found) == 11 and "and 40 more problems with 'channels'" in found[-1].message
    assert all(p.line == 4 for p in found)

    many = ", ".join(f"chanel-{i}x" for i in range(1000))
    start = time.process_time()
    found = story(f"title: T\ndate: 2026-12-03\nchannels: [{many}]\n", registry=registry)
    assert time.process_time() - start < 2.0
    assert [(p.line, p.message) for p in found] == [(4, "channels lists 1,000 items; at most 50 are allowed")]


def test_unknown_channels_in_a_block_list_are_reported_on_their_own_lines() -> None:
    problems = story("title: T\ndate: 2026-12-03\nchannels:\n  - website\n  - linkdin\n  - twiter\n")
    assert [(p.line, p.message, p.hint) for p in problems] == [
        (6, "unknown channel 'linkdin'", "did you mean 'linkedin'?"),
        (7, "unknown channel 'twiter'", "did you mean 'twitter'?"),
    ]


def test_a_cadence_map_of_many_unknown_channels_is_bounded(tmp_path: Path) -> None:
    cadence = "".join(f"    nochannel-{i}: 1/week\n" for i in range(5000))
    problems = registry_files(tmp_path, departments=f"hr:\n  cadence:\n{cadence}")
    assert len(problems) == 11 and "and 4990 more problems with 'cadence' of 'hr'" in problems[-1].message
    assert [p.line for p in problems[:3]] == [3, 4, 5]


def _registry(tmp_path: Path, **files: str) -> Path:
    registry_files(tmp_path, **files)
    return tmp_path


# --- 3. Numbers too long, nesting too deep, odd tags: problems, never tracebacks ----------------------


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        (GOOD + f"summary: {LONG_NUMBER}\n", 5, "this number is too long"),
        (f"title: {LONG_NUMBER}\ndate: 2026-12-03\nchannels: [website]\n", 2, "this number is too long"),
        (GOOD + f"copy:\n  linkedin: -{LONG_NUMBER}\n", 6, "this number is too long"),
        (GOOD + f"tags: [a, 0x{'f' * 5000}, {LONG_NUMBER}]\n", 5, "this number is too long"),
        (GOOD + "summary: " + "[" * 10_000 + "]" * 10_000 + "\n", 5, "nested more than 50 levels deep"),
        (
            GOOD + "summary: !!timestamp 2026-02-30\n",
            5,
            "YAML tags (a value starting with '!') are not allowed",
        ),
        (GOOD + "summary: !!int twelve\n", 5, "this is not a whole number"),
        (GOOD + 'summary: !!int ""\n', 5, "this is not a whole number"),
        (GOOD + "summary: !!float\n", 5, "this is not a number"),
        (GOOD + "summary: !!seq x\n", 5, "YAML tags"),
        (GOOD + "summary: !!map [a]\n", 5, "YAML tags"),
        (GOOD + "tags: !!seq {a: b}\n", 5, "YAML tags"),
        (GOOD + "summary: !!python/object:os.system x\n", 5, "YAML tags"),
        (
            GOOD + f'duration: "{LONG_NUMBER}m"\n',
            5,
            "the value is not a duration between 1 minute and 24 hours",
        ),
    ],
    ids=[
        "summary",
        "title",
        "copy",
        "tags",
        "deep",
        "timestamp-tag",
        "int-tag",
        "empty-int-tag",
        "empty-float-tag",
        "seq-tag-on-text",
        "map-tag-on-list",
        "seq-tag-on-map",
        "python-tag",
        "duration",
    ],
)
def test_what_yaml_or_python_cannot_read_is_a_problem_on_its_line(
    front: str, line: int, message: str
) -> None:
    assert where(story(front), message) == [line]


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000 + "]" * 100_000,
        "".join("  " * i + f"k{i}:\n" for i in range(200)),
        "- " * 1000 + "x",
    ],
    ids=["flow", "block", "compact"],
)
def test_deep_nesting_never_reaches_the_composer(text: str) -> None:
    # PyYAML's C composer recurses: 100,000 levels crash the interpreter, not just the check.
    with pytest.raises(yamltext.YamlError, match="nested more than 50 levels"):
        yamltext.read(text)


@pytest.mark.parametrize(
    ("file", "text", "line", "message"),
    [
        ("channels", f"website:\n  max_length: {LONG_NUMBER}\n", 2, "this number is too long"),
        ("departments", f"hr:\n  cadence: {{all: 1/week, {LONG_NUMBER}: 1/week}}\n", 2, "YAML error"),
        (
            "departments",
            f"hr:\n  name: HR\n  cadence: {'9' * 5000}/week\n",
            3,
            "cadence of 'hr' must look like 2/week",
        ),
        (
            "slots",
            f"a:\n  channel: website\n  every: {LONG_NUMBER} weeks on monday\n",
            3,
            "every of 'a' is not a rhythm",
        ),
        (
            "slots",
            f"a:\n  channel: website\n  every: monday\n  time: {LONG_NUMBER}\n",
            4,
            "this number is too long",
        ),
        ("slots", "a: " + "{b: " * 10_000 + "}" * 10_000 + "\n", 1, "nested more than 50 levels deep"),
    ],
)
def test_registry_and_slots_numbers_and_nesting(
    tmp_path: Path, file: str, text: str, line: int, message: str
) -> None:
    problems = registry_files(tmp_path, **{file: text})
    assert [(p.path, p.line) for p in problems if message in p.message] == [(f"calendar/{file}.yml", line)], (
        problems
    )


# --- 4. Every problem of a file at once --------------------------------------------------------------------


def test_every_field_is_checked_whatever_the_others_hold() -> None:
    problems = story(
        "title: [not, text]\ndate: 2026-02-30\nchannels: []\nsummary: [a]\nauthor: 12\n"
        "tags: {a: 1}\ncampaign: [x]\nlink: http://example.org\n"
    )
    assert [(p.line, p.message.split(",")[0]) for p in problems] == [
        (2, "title must be text"),
        (4, "'channels' is empty: a story must be on at least one channel"),
        (3, "date: '2026-02-30' is not a date: February 2026 has 28 days"),
        (9, "link must start with https://"),
        (6, "author must be one text or a list of texts"),
        (5, "summary must be text"),
        (7, "tags must be one text or a list of texts"),
        (8, "campaign must be text"),
    ]


# --- 5. Registry values: whole-string matches, no control or invisible characters ---------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('"hr\\n":\n  name: HR\n', 1, "'hr\\n' is not a valid key"),
        ('"HR\\t":\n  name: HR\n', 1, "is not a valid key"),
        ('hr:\n  lead: "@jane\\nx"\n', 2, "lead of 'hr' holds a control character or a line break"),
        ('hr:\n  lead: "@jane/team x"\n', 2, "lead of 'hr' must be a GitHub handle"),
        (
            'hr:\n  name: "People\\u2028Culture"\n',
            2,
            "name of 'hr' holds a control character or a line break",
        ),
        ('hr:\n  name: "People\\x85Culture"\n', 2, "name of 'hr' holds a control character or a line break"),
        ('hr:\n  name: "Peo\\u2029ple"\n', 2, "name of 'hr' holds a control character"),
        ('hr:\n  description: "Hiring\\x07"\n', 2, "description of 'hr' holds a control character"),
        (
            'hr:\n  description: "Line one\\nLine two"\n',
            2,
            "description of 'hr' holds a control character or a line break",
        ),
        (
            'hr:\n  name: "Invoice \\u202efdp.exe"\n',
            2,
            "name of 'hr' holds an invisible character that reverses text direction (U+202E)",
        ),
        ('hr:\n  description: "x\\u2066y"\n', 2, "reverses text direction (U+2066)"),
    ],
)
def test_registry_texts_and_keys(tmp_path: Path, text: str, line: int, message: str) -> None:
    problems = registry_files(tmp_path, departments=text)
    assert [(p.path, p.line) for p in problems if message in p.message] == [
        ("calendar/departments.yml", line)
    ], problems


def test_a_channel_name_with_a_line_separator_is_refused(tmp_path: Path) -> None:
    problems = registry_files(tmp_path, channels='website:\n  name: "Web\\u2028site"\n')
    assert [(p.line, p.message) for p in problems] == [
        (2, "name of 'website' holds a control character or a line break")
    ]


# --- 6. Empty channels, https links, invisible characters in every text --------------------------------


@pytest.mark.parametrize(
    ("front", "line", "message", "hint"),
    [
        ("title: T\ndate: 2026-12-03\nchannels: []\n", 4, "'channels' is empty", "channels: [website]"),
        (
            GOOD + "link: http://example.org/news\n",
            5,
            "link must start with https://",
            "https://example.org/news",
        ),
        (GOOD + "link: https://example.org/a b\n", 5, "holds a character a web address cannot hold", "%20"),
        (
            GOOD + "link: 'https://example.org/\"onmouseover=x'\n",
            5,
            "holds a character a web address cannot hold",
            "",
        ),
        (GOOD + "link: https://example.org\\evil\n", 5, "holds a character a web address cannot hold", ""),
        (GOOD + "link: javascript:alert(1)\n", 5, "full web address starting with https://", ""),
        (GOOD + "link: https://\n", 5, "holds a character a web address cannot hold", ""),
    ],
)
def test_channels_and_links(front: str, line: int, message: str, hint: str) -> None:
    problems = story(front)
    assert [(p.line, hint in p.hint) for p in problems if message in p.message] == [(line, True)], problems


def test_a_good_https_link_passes() -> None:
    assert story(GOOD + "link: https://www.example.org:8443/news/2026?x=1#part\n") == []


RLO = "\u202e"


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        (
            f'title: "Invoice {RLO}fdp.exe"\ndate: 2026-12-03\nchannels: [website]\n',
            2,
            "the title holds an invisible character that reverses text direction",
        ),
        (GOOD + 'summary: "a\\u2067b"\n', 5, "the summary holds an invisible character"),
        (GOOD + f"author: [Ada, 'Gr{RLO}ace']\n", 5, "one of the author holds an invisible character"),
        (GOOD + 'tags: "x\\u202ay"\n', 5, "one of the tags holds an invisible character"),
        (GOOD + 'campaign: "x\\u2069"\n', 5, "the campaign holds an invisible character"),
        (
            GOOD + f"copy:\n  linkedin: 'Hi {RLO}there'\n",
            6,
            "the copy for 'linkedin' holds an invisible character",
        ),
        (f"id: abc{RLO}def\n" + GOOD, 2, "the id holds an invisible character"),
    ],
    ids=["title", "summary", "author", "tags", "campaign", "copy", "id"],
)
def test_bidi_overrides_in_every_text(front: str, line: int, message: str) -> None:
    problems = story(front)
    assert where(problems, message) == [line], problems
    assert all(RLO not in p.message + p.hint for p in problems)  # the message never carries the character


# --- 7. Messages for the common slips ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "line", "message", "hint"),
    [
        ("title: T\n\tdate: 2026-12-03\nchannels: [website]\n", 3, "line 3 is indented with a tab", "spaces"),
        (GOOD + "copy:\n\tlinkedin: Hi\n", 6, "line 6 is indented with a tab", "spaces"),
        (
            "title: @home\ndate: 2026-12-03\nchannels: [website]\n",
            2,
            "a value cannot start with '@'",
            'title: "@home"',
        ),
        (
            "title: `code`\ndate: 2026-12-03\nchannels: [website]\n",
            2,
            "a value cannot start with a backtick",
            'title: "`code`"',
        ),
        (
            "title: %off\ndate: 2026-12-03\nchannels: [website]\n",
            2,
            "a value cannot start with '%'",
            'title: "%off"',
        ),
        (GOOD + "tags: [news, @team]\n", 5, "a value cannot start with '@'", '"@team"'),
        (
            'title: "Hello\ndate: 2026-12-03\nchannels: [website]\n',
            2,
            'the double quote (") opened on line 2 is never closed',
            "",
        ),
        (
            'title: T\nsummary: "Hello\ndate: 2026-12-03\nchannels: ["website"]\n',
            3,
            "opened on line 3 is never closed",
            "",
        ),
        (
            "title: 'Hello\ndate: 2026-12-03\nchannels: [website]\n",
            2,
            "the single quote (') opened on line 2",
            "",
        ),
        (
            "title: 'It's here'\ndate: 2026-12-03\nchannels: [website]\n",
            2,
            "holds another single quote",
            "It''s",
        ),
        (
            "title: T\ndate: 03/12/2026\nchannels: [website]\n",
            3,
            "can be read as 3 December 2026 or as March 12, 2026",
            "date: 2026-12-03 for 3 December 2026, date: 2026-03-12 for March 12, 2026",
        ),
        (
            'title: T\ndate: "03/12/2026 09:30"\nchannels: [website]\n',
            3,
            "can be read as 3 December 2026",
            'date: "2026-12-03 09:30"',
        ),
        (
            "title: T\ndate: 25.12.2026\nchannels: [website]\n",
            3,
            "not written the way newsdesk reads dates",
            "for 25 December 2026, write date: 2026-12-25",
        ),
        (
            GOOD + "due: 01/12/2026\n",
            5,
            "due: '01/12/2026' can be read as 1 December 2026 or as January 12, 2026",
            "due: 2026-12-01",
        ),
        (
            GOOD + 'time: "09:30"\n',
            5,
            "unknown key 'time': a story's time goes in its date",
            'date: "2026-12-03 09:30"',
        ),
        (
            "title: #1 in the rankings\ndate: 2026-12-03\nchannels: [website]\n",
            2,
            "title is empty: YAML reads everything after an unquoted # as a comment",
            "quotes",
        ),
    ],
    ids=[
        "tab",
        "tab-nested",
        "at",
        "backtick",
        "percent",
        "at-in-list",
        "unclosed-double",
        "unclosed-later",
        "unclosed-single",
        "apostrophe",
        "day-first",
        "day-first-time",
        "one-reading",
        "due",
        "time-key",
        "hash",
    ],
)
def test_messages_for_common_slips(front: str, line: int, message: str, hint: str) -> None:
    problems = story(front)
    assert [(p.line, hint in p.hint) for p in problems if message in p.message] == [(line, True)], problems


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        (
            "---\rtitle: T\rdate: 2026-12-03\rchannels: [website]\r---\rBody.\r",
            1,
            "carriage return only",
            "LF",
        ),
        (
            "---\ntitle: T\x00\ndate: 2026-12-03\nchannels: [website]\n---\nBody.\n",
            2,
            "the file is not text: it holds a NUL byte",
            "",
        ),
        ("---\ntitle: T\ndate: 2026-12-03\nchannels: [website]\n---\nBody.\n\x00\x01\x02", 7, "NUL byte", ""),
    ],
    ids=["cr-only", "nul-front-matter", "nul-body"],
)
def test_file_shapes(text: str, line: int, message: str, hint: str) -> None:
    _story, problems = parse_story(
        text,
        path="s.md",
        src_uri="stories/hr/2026-12-03-s.md",
        department="hr",
        registry=REGISTRY,
        settings=SETTINGS,
    )
    assert [(p.line, hint in p.hint) for p in problems if message in p.message] == [(line, True)], problems


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        (
            "hr:\n  name: HR\n  colour: #ff0000\n",
            3,
            "colour of 'hr' is empty: YAML reads everything after an unquoted # as a comment",
            'colour: "#ff0000"',
        ),
        ("hr:\n  lead: @jane\n", 2, "a value cannot start with '@'", 'lead: "@jane"'),
        ("hr:\n\tname: HR\n", 2, "line 2 is indented with a tab", "spaces"),
        ("hr:\n  name: HR\x00\n", 2, "this file is not text: it holds a NUL byte", ""),
    ],
)
def test_registry_slips(tmp_path: Path, text: str, line: int, message: str, hint: str) -> None:
    problems = registry_files(tmp_path, departments=text)
    found = [(p.path, p.line, hint in p.hint) for p in problems if message in p.message]
    assert found == [("calendar/departments.yml", line, True)], problems


# --- Through `newsdesk check` -------------------------------------------------------------------------------


def test_check_reports_each_on_its_line(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    hr = root / "content/stories/hr"
    (hr / "2026-12-05-copy-twice.md").write_text(
        "---\ntitle: T\ndate: 2026-12-05\nchannels: [linkedin]\ncopy:\n  linkedin: A\n  linkedin: B\n---\n"
    )
    (hr / "2026-12-06-day-first.md").write_text("---\ntitle: T\ndate: 06/12/2026\nchannels: [website]\n---\n")
    (hr / "2026-12-07-nul.md").write_bytes(b"---\ntitle: T\ndate: 2026-12-07\nchannels: [website]\n---\n\x00")
    (hr / "2026-12-08-big.md").write_text(
        f"---\ntitle: T\ndate: 2026-12-08\nchannels: [website]\nsummary: {LONG_NUMBER}\n---\n"
    )
    departments = root / "calendar/departments.yml"
    departments.write_text(departments.read_text().replace('colour: "#6d4c41"', "colour: #6d4c41"))
    result = newsdesk(root, "check", "--format", "json")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    reported = {(p["path"], p["line"], p["message"]) for p in json.loads(result.stdout)}
    expected = {
        ("content/stories/hr/2026-12-05-copy-twice.md", 7, "'linkedin' is given twice (first on line 6)"),
        (
            "content/stories/hr/2026-12-06-day-first.md",
            3,
            "date: '06/12/2026' can be read as 6 December 2026 or as June 12, 2026",
        ),
        ("content/stories/hr/2026-12-07-nul.md", 6, "the file is not text: it holds a NUL byte"),
        ("content/stories/hr/2026-12-08-big.md", 5, "this number is too long (more than 4,300 digits)"),
        (
            "calendar/departments.yml",
            14,
            "colour of 'legal' is empty: YAML reads everything after an unquoted # as a comment",
        ),
    }
    assert expected <= reported, reported
