"""Issue 12, item 3, the logs: the build log, `newsdesk check` (text and GitHub formats) and `newsdesk diff`
never echo a raw path or value that could carry a workflow command or a line break.

A file name on Linux can hold a line feed, a carriage return, an escape sequence or a bidi override. GitHub's
runner splits output into lines at CR as well as LF, reads a line as a workflow command when it starts with
`::` after leading whitespace, and reads the legacy `##[command]` anywhere in a line (actions/runner's
ActionCommand.TryParseV2 and TryParse); a bare CR in the job summary's markdown ends a table row."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from newsdesk.core.problems import Problem, Severity, printable, render
from newsdesk.render import markdown as md_text
from sitekit import copy_site, mkdocs_build, newsdesk

STORIES = Path("content/stories")
HOSTILE = {
    "lf": "2026-12-01-lf\n::error title=forged::from a line feed.md",
    "cr": "2026-12-02-cr\r::warning title=forged::from a carriage return.md",
    "controls": "2026-12-04-esc\x1b[2J\u202egnp.exe\u2028::error::sep\x85nel.md",
    "legacy": "2026-12-05-legacy ##[error]mid-line ##[stop-commands]token.md",
    "indented": "2026-12-06-indented\n   \t ::error::after spaces.md",
}
BROKEN = "---\ntitle: Broken\ndate: 2026-12-10\nchannels: [no-such-channel]\n---\n\nText.\n"
OWN_ANNOTATION = re.compile(
    r"::(error|warning) file=[^:,\r\n]*(,line=\d+)?(,col=\d+)?,title=[^:,\r\n]*::[^\r\n]*"
)


def hostile_site(tmp_path: Path) -> Path:
    """The basic site with three story files whose names hold line breaks and controls, each with an error,
    so that check and the build name them."""
    root = copy_site("basic", tmp_path)
    for name in HOSTILE.values():
        (root / STORIES / "hr" / name).write_text(BROKEN, encoding="utf-8")
    return root


def runner_lines(output: str) -> list[str]:
    """Output split into lines as the runner splits it: at CR, LF and CRLF only."""
    return re.split(r"\r\n|\r|\n", output)


def forged_lines(output: str) -> list[str]:
    """Lines the runner would read as a workflow command."""
    return [line for line in runner_lines(output) if line.lstrip().startswith("::") or "##[" in line]


def test_printable_escapes_what_moves_a_terminal_or_starts_a_line() -> None:
    for raw, shown in [
        ("a\nb", "a\\nb"), ("a\rb", "a\\rb"), ("tab\there", "tab\\there"), ("\x1b[31m", "\\x1b[31m"),
        ("del\x7f", "del\\x7f"), ("nel\x85", "nel\\x85"), ("csi\x9b", "csi\\x9b"), ("ls\u2028ps\u2029", "ls\\u2028ps\\u2029"),
        ("fdp\u202e.exe", "fdp\\u202e.exe"), ("\u2066iso\u2069", "\\u2066iso\\u2069"), ("bom\ufeff", "bom\\ufeff"),
        ("a ##[error]b", "a ##\\[error]b"), ("###[x", "###\\[x"),
    ]:  # fmt: skip
        assert printable(raw) == shown, raw
    ordinary = "Café — 東京 🎉 R&D <b> `x` 'q' \"d\" \\ 50% a:b,c"
    assert printable(ordinary) == ordinary


def test_text_problems_start_every_line_with_a_location_or_spaces() -> None:
    problem = Problem(
        f"content/stories/hr/{HOSTILE['lf']}", 3, 0, "unknown channel 'x\r\n::error::y'",
        "did you mean:\n::warning::z\nor\rthis", severity=Severity.WARNING,
    )  # fmt: skip
    text = render([problem], "text")
    assert forged_lines(text) == [] and "\r" not in text
    # a hint's own lines stay as they are (a YAML sample must be copyable), but for a leading '::'
    assert text == (
        "content/stories/hr/2026-12-01-lf\\n::error title=forged::from a line feed.md:3: warning: unknown channel"
        " 'x\\r\\n::error::y'\n    hint: did you mean:\n\\x3a:warning::z\nor\\rthis"
    )
    assert (
        Problem("p.md", 1, 0, "m", "a:\n---\ntitle: x").as_text() == "p.md:1: m\n    hint: a:\n---\ntitle: x"
    )


def test_github_problems_are_one_annotation_a_problem() -> None:
    problem = Problem(f"content/stories/hr/{HOSTILE['cr']}", 5, 2, "bad\u2028value: 50%", "a hint\non two lines",
                      title="newsdesk")  # fmt: skip
    line = render([problem], "github")
    assert "\n" not in line and "\r" not in line and OWN_ANNOTATION.fullmatch(line), line
    # the file keeps its exact name for the runner to decode (so the annotation lands on it); '::' is %3A%3A
    assert (
        "file=content/stories/hr/2026-12-02-cr%0D%3A%3Awarning title=forged%3A%3Afrom a carriage return.md,"
        in line
    )
    assert line.endswith("::bad\\u2028value: 50%25%0Aa hint%0Aon two lines")


def test_check_names_hostile_files_without_forging_commands(tmp_path: Path) -> None:
    root = hostile_site(tmp_path)
    text = newsdesk(root, "check")
    assert text.returncode == 1, text.stderr
    for output in (text.stdout, text.stderr):
        assert (
            forged_lines(output) == []
            and "\r" not in output
            and "\x1b" not in output
            and "\u202e" not in output
        )
    assert "2026-12-01-lf\\n::error title=forged::from a line feed.md" in text.stdout  # named, visibly
    assert "2026-12-02-cr\\r::warning title=forged::from a carriage return.md" in text.stdout
    assert "2026-12-04-esc\\x1b[2J\\u202egnp.exe\\u2028::error::sep\\x85nel.md" in text.stdout
    assert "2026-12-05-legacy ##\\[error]mid-line ##\\[stop-commands]token.md" in text.stdout

    github = newsdesk(root, "check", "--format", "github")
    assert github.returncode == 1, github.stderr
    lines = runner_lines(github.stdout.rstrip("\n"))
    assert len(lines) >= len(HOSTILE) and "\r" not in github.stdout
    # newsdesk's own annotations, one a line; once a line parses as one, the runner reads nothing else in it
    assert all(OWN_ANNOTATION.fullmatch(line) for line in lines), lines
    for line in lines:  # the properties as the runner parses them: only newsdesk's, with its own title
        name, _, properties = line.split("::", 2)[1].partition(" ")
        parsed = dict(item.split("=", 1) for item in properties.split(","))
        assert name in ("error", "warning") and parsed["title"] == "newsdesk", line
        assert set(parsed) <= {"file", "line", "col", "title"} and parsed["file"].startswith("content/"), line
    assert not [line for line in lines if "##[" in line.split("::", 2)[2]]  # the message: escaped anyway


@pytest.mark.build
def test_a_failed_build_names_hostile_files_without_forging_commands(tmp_path: Path) -> None:
    root = hostile_site(tmp_path)
    built = mkdocs_build(root)
    assert not built.ok
    assert "no-such-channel" in built.log
    assert forged_lines(built.log) == [] and "\r" not in built.log, built.log
    assert "\x1b[2J" not in built.log and "\u202e" not in built.log and "\u2028" not in built.log
    assert "2026-12-01-lf\\n::error title=forged::from a line feed.md" in built.log


# -- newsdesk diff ---------------------------------------------------------------------------------------------


def git(root: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.org", "GIT_COMMITTER_NAME": "Ada",
           "GIT_COMMITTER_EMAIL": "ada@example.org", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
           "PATH": "/usr/bin:/bin:/usr/local/bin"}  # fmt: skip
    return subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    ).stdout


class Tables(HTMLParser):
    """Headings and table rows (as lists of cells) of rendered markdown."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.rows: list[list[str]] = []
        self.tables: list[list[list[str]]] = []
        self.buffer: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th", "h1", "h2", "h3", "h4", "h5", "h6"):
            self.buffer = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.buffer is not None:
            self.tables[-1][-1].append("".join(self.buffer))
            self.buffer = None
        elif tag.startswith("h") and tag[1:].isdigit() and self.buffer is not None:
            self.headings.append("".join(self.buffer))
            self.buffer = None

    def handle_data(self, data: str) -> None:
        if self.buffer is not None:
            self.buffer.append(data)


STORY = "---\ntitle: Crafted\ndate: 2026-12-05\nchannels: [website]\n---\n\nText.\n"


def test_diff_keeps_its_tables_whole_whatever_a_path_holds(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    git(root, "init", "--quiet")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "base")
    names = ["2026-12-05-cr\r| forged | cells |\r## Pwned.md", "2026-12-06-lf\n## Pwned too\n> quote.md",
             "2026-12-07-tick` | `pipe.md"]  # fmt: skip
    for name in names:
        (root / STORIES / "hr" / name).write_text(STORY, encoding="utf-8")
    (root / STORIES / "legal/2026-11-10-gdpr-update.md").write_text(BROKEN, encoding="utf-8")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "crafted names")
    done = newsdesk(root, "diff", "--format", "markdown", "HEAD~1")
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stdout
    rendered = Tables(markdown.markdown(done.stdout, extensions=["tables"]))
    assert rendered.headings[0].startswith("Calendar changes from ")
    assert not [h for h in rendered.headings if "Pwned" in h or "forged" in h], rendered.headings
    assert rendered.tables
    for table in rendered.tables:
        header, *rows = table
        assert all(len(row) == len(header) for row in rows), table  # no row split, no cell added
    cells = "\n".join(cell for table in rendered.tables for row in table for cell in row)
    assert "content/stories/hr/2026-12-05-cr\\r| forged | cells |\\r## Pwned.md" in cells  # the path, visibly
    assert "content/stories/hr/2026-12-06-lf\\n## Pwned too\\n> quote.md" in cells
    assert "content/stories/hr/2026-12-07-tick` | `pipe.md" in cells


def test_diff_as_text_keeps_every_name_on_its_line(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    git(root, "init", "--quiet")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "base")
    names = [
        "2026-12-05-cr\r::error file=x::forged.md",
        "2026-12-06-esc\x1b[2J.md",
        "2026-12-07-rlo\u202etxt.md",
    ]
    for name in names:
        (root / STORIES / "hr" / name).write_text(STORY, encoding="utf-8")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "crafted names")
    done = newsdesk(root, "diff", "HEAD~1")  # text, for a terminal or a CI log
    assert done.returncode == 0, done.stderr
    assert not re.search(r"[\r\x1b\u202e]", done.stdout)
    assert not [line for line in done.stdout.splitlines() if line.lstrip().startswith("::")]
    assert "2026-12-05-cr\\r::error file=x::forged.md" in done.stdout  # the name, visibly
    assert "2026-12-06-esc\\x1b[2J.md" in done.stdout and "2026-12-07-rlo\\u202etxt.md" in done.stdout


def test_markdown_cells_hold_text_as_it_is() -> None:
    html = markdown.markdown(
        "| a | b |\n|---|---|\n| " + md_text.text("- 1. <b>x</b> | *y* `z` \\ [l](javascript:1) # >q\r\nnext")
        + " | " + md_text.code("p\r| q |\u2028r`s") + " |\n",
        extensions=["tables"],
    )  # fmt: skip
    [table] = Tables(html).tables
    assert table[1] == ["- 1. <b>x</b> | *y* `z` \\ [l](javascript:1) # >q next", "p\\r| q |\\u2028r`s"]
    assert "<b>" not in html and "<a" not in html and "<code>" not in html.split("</td>")[0]
    assert md_text.text("1. first") == "1&#46; first" and md_text.text("- item").startswith("&#45;")
    assert md_text.code("content/stories/hr/a.md") == "`content/stories/hr/a.md`"
