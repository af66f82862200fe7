"""Day and month names follow the site's language (theme.language, through Babel), never the machine's:
nothing newsdesk writes goes through strftime's locale-dependent codes, and a site built under a German
LC_TIME is byte for byte the one built under C."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest
from newsdesk.core import dates
from newsdesk.core.schedule import Month
from sitekit import REPO, build_env, copy_site

PACKAGE = REPO / "plugins" / "newsdesk"
LOCALE_CODES = re.compile(r"%[aAbB]|%[cpxX](?![A-Za-z])")
"""strftime's codes whose output follows LC_TIME: day and month names, AM/PM, the locale's own formats (a
letter after %c is git's `--format`, as in `%ct`, not strftime)."""

DAY = dt.date(2026, 12, 3)


def test_the_names_are_english() -> None:
    assert [dates.weekday_name(DAY + dt.timedelta(days=n)) for n in range(7)] == [
        "Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday",
    ]  # fmt: skip
    assert [dates.weekday_name(DAY + dt.timedelta(days=n), short=True) for n in range(7)] == [
        "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed",
    ]  # fmt: skip
    months = [dt.date(2026, n, 1) for n in range(1, 13)]
    assert [dates.month_name(d, short=True) for d in months] == [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]  # fmt: skip
    assert dates.month_name(DAY) == "December"
    assert dates.month_name(DAY, year=True) == "December 2026"
    assert dates.month_name(DAY, short=True, year=True) == "Dec 2026"
    assert dates.long_date(DAY, short=True) == "Thu 3 Dec 2026"
    assert dates.long_date(DAY, year=False, short=True) == "Thu 3 Dec"
    assert Month(2027, 1).name == "January 2027"


def test_the_names_are_filters_of_the_pages_templates() -> None:
    from newsdesk.render.pages import Renderer

    template = Renderer().env.from_string(
        "{{ day | weekday_name }}, {{ day | weekday_name(short=True) }}, {{ day | month_name }},"
        " {{ day | month_name(short=True, year=True) }}, {{ day | long_date(short=True) }}"
    )
    assert template.render(day=DAY) == "Thursday, Thu, December, Dec 2026, Thu 3 Dec 2026"


def _python_strings(path: Path) -> list[tuple[int, str]]:
    """Every string literal (f-string parts included) of a module, with its line: comments may name the
    codes, code may not."""
    kinds = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    return [(t.start[0], t.string) for t in tokens if t.type in kinds]


def _template_code(path: Path) -> list[tuple[int, str]]:
    """The Jinja expressions and statements of a template, with their line: its text may say anything."""
    text = path.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, m.start()) + 1, m.group())
        for m in re.finditer(r"\{\{.*?\}\}|\{%.*?%\}", text, re.S)
    ]


def test_no_locale_dependent_strftime_codes() -> None:
    found = []
    for path in sorted([*PACKAGE.rglob("*.py"), *(REPO / "tools").glob("*.py")]):
        found += [f"{path.relative_to(REPO)}:{n}" for n, s in _python_strings(path) if LOCALE_CODES.search(s)]
    for path in sorted((PACKAGE / "render" / "templates").rglob("*.html")):
        found += [f"{path.relative_to(REPO)}:{n}" for n, s in _template_code(path) if LOCALE_CODES.search(s)]
    assert not found, "use newsdesk.core.dates' names (filters in templates), not strftime's %a %A %b %B"


# Python sets LC_CTYPE from the environment at start-up but leaves LC_TIME "C" until a program asks for
# the user's locale; a library or a host application may, so the build is run after asking for it.
TAKE_LOCALE = """
import locale, sys
locale.setlocale(locale.LC_TIME, "")
"""
UNDER_LOCALE = (
    TAKE_LOCALE
    + """
module, sys.argv = sys.argv[1], sys.argv[1:]
if module == "mkdocs":
    from mkdocs.__main__ import cli
    cli()
else:
    from newsdesk.cli import main
    sys.exit(main())
"""
)


def _german(folder: Path) -> dict[str, str] | None:
    """Environment variables that give a subprocess German day and month names under LC_TIME: an installed
    locale, else one compiled into `folder` with glibc's localedef; None where neither works."""
    check = [
        sys.executable,
        "-c",
        TAKE_LOCALE
        + "import time; sys.exit(time.strftime('%B', (2026, 12, 3, 0, 0, 0, 3, 337, 0)) == 'December')",
    ]
    candidates = [{"LC_TIME": name} for name in ("de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8")]
    if shutil.which("localedef") and Path("/usr/share/i18n/locales/de_DE").is_file():
        compiled = subprocess.run(
            ["localedef", "-c", "-i", "de_DE", "-f", "UTF-8", str(folder / "de_DE.UTF-8")],
            capture_output=True,
            check=False,
        )
        if (folder / "de_DE.UTF-8").is_dir() or compiled.returncode == 0:
            candidates.append({"LC_TIME": "de_DE.UTF-8", "LOCPATH": str(folder)})
    for extra in candidates:
        env = build_env(LC_ALL="", **extra)
        if subprocess.run(check, env=env, capture_output=True, check=False).returncode == 0:
            return extra
    return None


def _run(root: Path, module: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", UNDER_LOCALE, module, *args]
    return subprocess.run(
        command, cwd=root, env=build_env(LC_ALL="", **env), capture_output=True, text=True, timeout=600
    )


@pytest.mark.build
def test_a_site_built_under_a_german_lc_time_is_the_same(tmp_path: Path) -> None:
    german = _german(tmp_path)
    if german is None:
        pytest.skip("no non-English LC_TIME locale here, and no localedef to make one")
    outputs = {}
    for name, env in (("c", {"LC_TIME": "C"}), ("german", german)):
        root = copy_site("planning", tmp_path / name)
        built = _run(root, "mkdocs", "build", "--strict", "--site-dir", "site", **env)
        assert built.returncode == 0, built.stderr
        report = _run(root, "newsdesk", "report", "--month", "2026-11", "--format", "markdown", **env)
        assert report.returncode == 0, report.stderr
        files = {
            str(p.relative_to(root / "site")): p.read_bytes()
            for p in (root / "site").rglob("*")
            if p.is_file() and not p.name.startswith("sitemap")
        }
        outputs[name] = (files, report.stdout)
    (c_files, c_report), (german_files, german_report) = outputs["c"], outputs["german"]
    assert "December 2026" in c_report or "November 2026" in c_report
    assert german_report == c_report
    assert sorted(german_files) == sorted(c_files)
    assert [path for path in c_files if german_files[path] != c_files[path]] == []
