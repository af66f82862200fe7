"""`.github/CODEOWNERS` from the registry: each department's lead reviews that department's stories.

Pure text in, text out, so `newsdesk codeowners` writes exactly what `newsdesk check` compares against.
GitHub applies the *last* matching line, so the catch-all for the site maintainers comes first and the
department folders after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.core.problems import Problem
from newsdesk.sources.entries import LEAD

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newsdesk.core.model import Registry

PATH = ".github/CODEOWNERS"


def maintainers_of(registry: Registry, option: Sequence[str]) -> tuple[str, ...]:
    """The site maintainers: the plugin's `maintainers` option, else the lead of the first department.

    The first department in `departments.yml` is usually the one that runs the site (marketing in the
    demo); a fork that wants someone else says so in mkdocs.yml.
    """
    if option:
        return tuple(dict.fromkeys(option))
    first = next((d.lead for d in registry.departments.values() if d.lead), "")
    return (first,) if first else ()


def invalid_maintainers(option: Sequence[str]) -> list[str]:
    """Entries of the `maintainers` option that are not a GitHub handle or team."""
    return [handle for handle in option if not LEAD.match(handle)]


def render(registry: Registry, maintainers: Sequence[str], stories_path: str) -> str:
    """The CODEOWNERS text. `stories_path` is the stories folder relative to the repository root."""
    owners = " ".join(maintainers)
    stories = _pattern(stories_path)
    rules: list[tuple[str, str]] = []
    if owners:
        rules += [("*", owners), (f"/{registry.folder.strip('/')}/", owners), ("/.github/", owners)]
    lines = [
        "# Who reviews what: GitHub asks the owners of the files a pull request changes for a review.",
        f"# Written by `newsdesk codeowners` from {registry.folder}/departments.yml (each department's lead)",
        "# and the newsdesk plugin's `maintainers` option in mkdocs.yml. Do not edit it by hand: change those",
        "# and run `newsdesk codeowners`; `newsdesk check` fails while this file is out of date.",
        "# The last line that matches a file wins.",
        "",
    ]
    if not owners:
        lines.append("# No site maintainers: set the plugin's `maintainers` option or a department's lead.")
    department_rules = [
        (f"{stories}{key}/", department.lead)
        for key, department in sorted(registry.departments.items())
        if department.lead
    ]
    width = max((len(pattern) for pattern, _ in rules + department_rules), default=0) + 2
    if rules:
        lines.append("# The site maintainers: everything not named below, the registry and the workflows.")
        lines += [f"{pattern:<{width}}{who}" for pattern, who in rules]
        lines.append("")
    lines.append("# Each department's lead: the department's stories.")
    lines += [f"{pattern:<{width}}{who}" for pattern, who in department_rules]
    for key, department in sorted(registry.departments.items()):
        if not department.lead:
            lines.append(
                f"# {key} has no lead in {registry.folder}/departments.yml: the maintainers review it."
            )
    return "\n".join(lines).rstrip("\n") + "\n"


def _pattern(folder: str) -> str:
    """A folder as an anchored CODEOWNERS pattern; spaces are escaped, as GitHub's syntax requires."""
    cleaned = folder.strip("/").replace(" ", "\\ ")
    return f"/{cleaned}/" if cleaned and cleaned != "." else "/"


def stale(committed: str | None, expected: str) -> Problem | None:
    """The problem with the committed CODEOWNERS, or None when it says what `render` says."""
    if committed == expected:
        return None
    message = (
        f"{PATH} is missing"
        if committed is None
        else f"{PATH} is out of date with the departments' leads and the site maintainers"
    )
    return Problem(
        PATH, 0 if committed is None else 1, 0, message, "run `newsdesk codeowners` and commit the file"
    )
