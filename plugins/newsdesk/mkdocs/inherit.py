"""The folder a site's paths start from when its mkdocs.yml inherits from another (`INHERIT:`).

MkDocs resolves `docs_dir` from the configuration file it was given; newsdesk's `registry_dir` and the
paths problems name start from the project's folder: the first folder, from the given configuration up
through the ones it inherits from, that holds the registry. A site in `sites/intranet/mkdocs.yml` inheriting
`../../mkdocs.yml` thus finds `calendar/` at the repository's top without setting `registry_dir`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

_INHERIT = re.compile(r"^INHERIT:[ \t]*['\"]?(?P<path>[^'\"#\n]+?)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


def chain(config_file: Path) -> list[Path]:
    """The folders of `config_file` and of each configuration it inherits from, nearest first."""
    folders: list[Path] = []
    current: Path | None = config_file.resolve()
    while current is not None and current.parent not in folders:
        folders.append(current.parent)
        try:
            text = current.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            break
        found = _INHERIT.search(text)
        current = (current.parent / found["path"].strip()).resolve() if found else None
    return folders


def project_root(config_file: Path, registry_dir: str) -> Path:
    """The first folder of `chain(config_file)` holding `registry_dir`, else the configuration's own."""
    folders = chain(config_file)
    return next((folder for folder in folders if (folder / registry_dir).is_dir()), folders[0])
