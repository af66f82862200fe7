"""`newsdesk new` writes a story that passes the check, and never overwrites one."""

from __future__ import annotations

from pathlib import Path

import yaml
from newsdesk.core.text import slugify
from sitekit import newsdesk


def test_new_writes_a_valid_story(basic_site: Path) -> None:
    result = newsdesk(
        basic_site,
        "new",
        "Q3: results, in full",
        "--department",
        "hr",
        "--channel",
        "linkedin",
        "--channel",
        "website",
        "--date",
        "2026-12-10 09:30",
        "--author",
        "Ada",
    )
    assert result.returncode == 0, result.stderr
    path = basic_site / result.stdout.strip()
    assert path.relative_to(basic_site).as_posix() == "content/stories/hr/2026-12-10-q3-results-in-full.md"
    text = path.read_text()
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == "Q3: results, in full"
    assert meta["channels"] == ["linkedin", "website"]
    assert meta["status"] == "idea"
    assert len(meta["id"]) == 12
    check = newsdesk(basic_site, "check")
    assert check.returncode == 0, check.stdout
    assert "4 valid stories" in check.stderr


def test_new_refuses_to_overwrite(basic_site: Path) -> None:
    args = ("new", "Same title", "-d", "hr", "-c", "website", "--date", "2026-12-10")
    assert newsdesk(basic_site, *args).returncode == 0
    again = newsdesk(basic_site, *args)
    assert again.returncode == 2
    assert "already exists" in again.stderr


def test_new_explains_what_is_missing_without_a_terminal(basic_site: Path) -> None:
    result = newsdesk(basic_site, "new", "A title")
    assert result.returncode == 2
    assert "missing --department, --channel, --date" in result.stderr


def test_new_validates_its_input(basic_site: Path) -> None:
    bad_date = newsdesk(basic_site, "new", "T", "-d", "hr", "-c", "website", "--date", "2026-02-30")
    assert bad_date.returncode == 2 and "February 2026 has 28 days" in bad_date.stderr
    bad_channel = newsdesk(basic_site, "new", "T", "-d", "hr", "-c", "fax", "--date", "2026-12-01")
    assert bad_channel.returncode == 2 and "unknown channel 'fax'" in bad_channel.stderr
    bad_department = newsdesk(basic_site, "new", "T", "-d", "sales", "-c", "website", "--date", "2026-12-01")
    assert bad_department.returncode == 2 and "unknown department 'sales'" in bad_department.stderr
    markup = newsdesk(basic_site, "new", "<b>bold</b>", "-d", "hr", "-c", "website", "--date", "2026-12-01")
    assert markup.returncode == 2 and "plain text" in markup.stderr
    assert not list((basic_site / "content/stories/hr").glob("2026-12-01-*"))


def test_slugify() -> None:
    assert slugify("Café opening: día uno!") == "cafe-opening-dia-uno"
    assert slugify("東京オフィス") == ""  # `newsdesk new` names such a story "story"
    assert len(slugify("word " * 40)) <= 60


def test_new_asks_for_what_is_missing_in_a_terminal(basic_site: Path) -> None:
    """Run in a real pseudo-terminal and answer the prompts, as a person would."""
    import os
    import pty
    import subprocess
    import sys
    import time

    from sitekit import build_env

    main, replica = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "new", "--department", "legal"],
        cwd=basic_site,
        env=build_env(),
        stdin=replica,
        stdout=replica,
        stderr=replica,
    )
    os.close(replica)
    answers = iter(["Contract templates refreshed", "blog, website", "2026-12-14"])
    seen = b""
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        try:
            chunk = os.read(main, 1024)
        except OSError:
            break
        seen += chunk
        if chunk.rstrip().endswith(b":"):
            os.write(main, (next(answers) + "\n").encode())
    process.wait(timeout=30)
    os.close(main)
    text = seen.decode(errors="replace")
    assert process.returncode == 0, text
    assert (
        "Title:" in text
        and "Channels (separate with commas) [website, blog, newsletter, linkedin, twitter]:" in text
    )
    written = basic_site / "content/stories/legal/2026-12-14-contract-templates-refreshed.md"
    assert "channels:\n- blog\n- website\n" in written.read_text()
