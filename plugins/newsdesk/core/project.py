"""A site as the `newsdesk` command sees it: its folders and settings, and the options of its generator that
newsdesk's own work depends on. The generator's adapter reads them (`newsdesk.mkdocs.project`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from newsdesk.core.model import Settings


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    settings: Settings
    maintainers: tuple[str, ...] = ()
    """The plugin's `maintainers` option: who owns calendar/ and .github/ in CODEOWNERS."""
    site_url: str = ""
    """MkDocs' `site_url`, ending in '/', or '' when unset: the report links to the published pages."""
    directory_urls: bool = True
    """MkDocs' `use_directory_urls`: the published pages' addresses."""
    markdown_extensions: tuple[Any, ...] = ()
    """MkDocs' `markdown_extensions`, their options in `mdx_configs`: check converts bodies as the build does."""
    mdx_configs: Mapping[str, Any] = field(default_factory=dict)
    exclusions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """MkDocs' `exclude_docs` and `draft_docs`, each with its patterns: stories they match are left out."""
    config_file: Path | None = None
    """The configuration file read (mkdocs.yml), for the engines `newsdesk build` runs."""
    repo_url: str = ""
    edit_uri: str = ""
    """MkDocs' `repo_url` and `edit_uri`: where the propose page sends a new story."""
    custom_dir: Path | None = None
    """The theme's `custom_dir` (overrides/), which overrides newsdesk's templates too."""

    @property
    def docs_path(self) -> str:
        """docs_dir relative to the root, as git and CODEOWNERS name it."""
        return Path(os.path.relpath(self.docs_dir, self.root)).as_posix()
