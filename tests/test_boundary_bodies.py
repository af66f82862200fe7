"""Story bodies the markdown converter cannot survive are problems on their line, not tracebacks or hangs."""

from __future__ import annotations

import time
from pathlib import Path

import markdown
import pytest
from newsdesk.sources.bodies import MAX_LIST_DEPTH, body_problems
from sitekit import copy_site, mkdocs_build, newsdesk

HEAD = "---\ntitle: Deep\ndate: 2026-12-01\nchannels: [website]\n---\n\nFirst line.\n\n"
# The body's first line is line 7 of such a file; the shape under test starts on line 9.
DEEP = {
    "markers": ("- " * 3000 + "x\n", "nests lists or quotes 3000 levels deep"),
    "numbered": ("1. " * 3000 + "x\n", "nests lists or quotes 3000 levels deep"),
    "indented": ("".join("    " * i + "- x\n" for i in range(600)), "levels deep; stories may nest 20", 19),
    "tabs": ("".join("\t" * i + "- x\n" for i in range(600)), "levels deep; stories may nest 20", 19),
    "asterisks": ("*" * 20000 + "word" + "*" * 20000 + "\n", "20000 '*' in a row"),
    "underscores": ("_" * 20000 + "word" + "_" * 20000 + "\n", "20000 '_' in a row"),
    "brackets": ("[" * 5000 + "x" + "]" * 5000 + "\n", "square brackets nest more than 20 deep"),
    "interleaved-brackets": ("[a" * 3000 + "]" * 3000 + "\n", "square brackets nest more than 20 deep"),
    "brackets-across-lines": ("[[[[[[[[[[\n" * 400, "square brackets nest more than 20 deep", 11),
    "unclosed-links": ("[a](" * 2000 + "\n", "more than 500 links"),
    "entities": ("&#106;" * 20000 + "\n", "more than 2000 '&' characters"),
    "backticks": ("`" * 20000 + "x\n", "more than 2000 backticks"),
    "snippet": ('--8<-- "/etc/passwd"\n', "includes another file"),
    "snippet-block": ("--8<--\n/proc/self/environ\n--8<--\n", "includes another file"),
}


# Entities and backticks take seconds only in far larger numbers; their budgets keep a margin, not a premise.
MARGIN_ONLY = {"entities", "backticks"}


@pytest.mark.parametrize("name", [n for n in DEEP if not n.startswith("snippet") and n not in MARGIN_ONLY])
def test_each_shape_breaks_the_converter_without_the_limit(name: str) -> None:
    # The premise: each body really ends Python-Markdown with a RecursionError or takes seconds.
    body = DEEP[name][0]
    start = time.process_time()
    try:
        markdown.markdown(body, extensions=["attr_list", "tables", "toc", "admonition"])
    except RecursionError:
        return
    assert time.process_time() - start > 0.5, f"{name} is harmless to the converter: not a test of the limit"


@pytest.mark.parametrize(("name", "case"), DEEP.items(), ids=list(DEEP))
def test_each_shape_is_refused_on_its_line(name: str, case: tuple[str, ...]) -> None:
    body, message = case[:2]
    found = body_problems("First line.\n\n" + body, path="p.md", first_line=7)
    assert found, name
    assert found[0].line == (case[2] if len(case) > 2 else 9)  # an indented list: where it passes the limit
    assert message in found[0].message
    assert len(found) <= 4  # hundreds of deep lines: three shown, the rest counted


def test_ordinary_markdown_passes_untouched() -> None:
    body = (
        "# A heading\n\n- one\n    - two\n        - three\n\n1. first\n2. second\n\n> quoted\n> > twice\n\n"
        "**bold**, __strong__, *em* and [a link](https://example.org) [with [brackets]](x.md)\n\n"
        + "*" * 72
        + "\n\n"
        + "- - -\n\n"
        + "    code block\n" * 3
    )
    assert body_problems(body, path="p.md", first_line=7) == []


def test_the_limit_is_generous() -> None:
    nested = "".join("  " * i + "- level\n" for i in range(MAX_LIST_DEPTH - 1))
    assert body_problems(nested, path="p.md", first_line=1) == []
    markdown.markdown(nested)  # and the converter builds it


def test_a_body_of_ten_thousand_lines_is_checked_in_linear_time() -> None:
    def cost(lines: int) -> float:
        body = "- - [a] *b* text\n" * lines
        start = time.process_time()
        body_problems(body, path="p.md", first_line=1)
        return time.process_time() - start

    assert cost(40_000) < 10 * max(cost(10_000), 0.001)


@pytest.mark.parametrize("name", ["markers", "asterisks", "snippet"])
def test_check_and_the_build_name_the_line(tmp_path: Path, name: str) -> None:
    root = copy_site("basic", tmp_path)
    story = root / "content" / "stories" / "hr" / "2026-12-01-deep.md"
    story.write_text(HEAD + DEEP[name][0], encoding="utf-8")
    checked = newsdesk(root, "check")
    assert checked.returncode == 1
    located = [
        line
        for line in checked.stdout.splitlines()
        if line.startswith("content/stories/hr/2026-12-01-deep.md:9: ")
    ]
    assert located and DEEP[name][1] in located[0], checked.stdout
    built = mkdocs_build(root)
    assert not built.ok
    assert "content/stories/hr/2026-12-01-deep.md:9:" in built.log
    assert "Traceback" not in built.log and "RecursionError" not in built.log
