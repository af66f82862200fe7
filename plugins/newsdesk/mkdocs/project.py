"""Reading `mkdocs.yml` through MkDocs itself, so the `newsdesk` command sees exactly the options the build sees."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError, PluginError

from newsdesk.core.project import Project
from newsdesk.mkdocs.config import settings_from
from newsdesk.mkdocs.inherit import project_root
from newsdesk.mkdocs.plugin import NewsdeskPlugin
from newsdesk.render import codeowners, i18n


class ProjectError(Exception):
    """The configuration cannot be used; the message says which file and why."""


def find_config(config_file: str, start: Path | None = None) -> Path | None:
    """The site's configuration: `config_file` as given when it names a folder or exists here; a bare
    file name (mkdocs.yml) is also looked for in each folder above, up to the top of the git repository,
    so that newsdesk works from any folder of the site, such as a department's stories folder."""
    path = Path(config_file)
    if path.is_file():
        return path
    if path.is_absolute() or len(path.parts) != 1:
        return None
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / path).is_file():
            return folder / path
        if (folder / ".git").exists():  # the repository's top: a configuration above it is not this site's
            return None
    return None


def config_path(config_file: str) -> Path:
    """`find_config`'s answer, or ProjectError saying where it looked."""
    found = find_config(config_file)
    if found is None:
        raise ProjectError(
            f"{config_file} not found in this folder or any folder above it: run newsdesk inside the site's"
            " folder, or pass --config"
        )
    return found


def load_project(config_file: str) -> Project:
    """Read mkdocs.yml through MkDocs itself, so the CLI sees exactly the options the build sees."""
    path = config_path(config_file)
    config_file = str(path)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = load_config(str(path))
        plugin = next((p for p in config.plugins.values() if isinstance(p, NewsdeskPlugin)), None)
        if plugin is None:
            raise ProjectError(f"{config_file} does not list the newsdesk plugin under plugins:")
        custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        requested = config.theme.get("language") or ""
        language, _ = i18n.resolve(str(requested), custom_dir)  # the build's log says when it is unknown
        settings = settings_from(plugin.config, config.site_name, language=language)
    except (ConfigurationError, PluginError) as exc:
        raise ProjectError(f"{config_file}: {exc}") from None
    wrong = codeowners.invalid_maintainers(plugin.config.maintainers)
    if wrong:
        raise ProjectError(f"{config_file}: maintainers must be GitHub handles like @org/team: {wrong}")
    site_url = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
    return Project(
        project_root(path, settings.registry_dir),
        Path(config.docs_dir),
        settings,
        tuple(plugin.config.maintainers),
        site_url,
        config.use_directory_urls,
        tuple(config.markdown_extensions),
        dict(config.mdx_configs),
        tuple(
            (option, tuple(str(p.pattern) for p in spec.patterns if p.pattern))
            for option in ("exclude_docs", "draft_docs")
            if (spec := config[option]) is not None
        ),
        path.resolve(),
        config.repo_url or "",
        config.edit_uri or "",
        custom_dir,
    )
