"""Reading `mkdocs.yml` through MkDocs itself, so the `newsdesk` command sees exactly the options the build sees."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError, PluginError

from newsdesk.core.project import Project
from newsdesk.mkdocs.config import settings_from
from newsdesk.mkdocs.plugin import NewsdeskPlugin
from newsdesk.render import codeowners


class ProjectError(Exception):
    """The configuration cannot be used; the message says which file and why."""


def load_project(config_file: str) -> Project:
    """Read mkdocs.yml through MkDocs itself, so the CLI sees exactly the options the build sees."""
    path = Path(config_file)
    if not path.is_file():
        raise ProjectError(f"{config_file} not found: run newsdesk from the site's folder, or pass --config")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = load_config(str(path))
        plugin = next((p for p in config.plugins.values() if isinstance(p, NewsdeskPlugin)), None)
        if plugin is None:
            raise ProjectError(f"{config_file} does not list the newsdesk plugin under plugins:")
        settings = settings_from(plugin.config, config.site_name)
    except (ConfigurationError, PluginError) as exc:
        raise ProjectError(f"{config_file}: {exc}") from None
    wrong = codeowners.invalid_maintainers(plugin.config.maintainers)
    if wrong:
        raise ProjectError(f"{config_file}: maintainers must be GitHub handles like @org/team: {wrong}")
    site_url = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
    return Project(
        path.resolve().parent,
        Path(config.docs_dir),
        settings,
        tuple(plugin.config.maintainers),
        site_url,
        config.use_directory_urls,
        tuple(config.markdown_extensions),
        dict(config.mdx_configs),
    )
