"""The `newsdesk` command: check stories, start a new one. A thin layer over the core."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import problems as problem_text
from . import scaffold
from .registry import load_registry
from .stories import StoryLoader

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .model import Registry, Settings
    from .problems import Problem
    from .stories import LoadResult

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Something about the command line or the site's configuration; printed without a traceback."""


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    settings: Settings


def load_project(config_file: str) -> Project:
    """Read mkdocs.yml through MkDocs itself, so the CLI sees exactly the options the build sees."""
    import logging

    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError, PluginError

    from .plugin import NewsdeskPlugin, settings_from

    path = Path(config_file)
    if not path.is_file():
        raise UsageError(f"{config_file} not found: run newsdesk from the site's folder, or pass --config")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = load_config(str(path))
        plugin = next((p for p in config.plugins.values() if isinstance(p, NewsdeskPlugin)), None)
        if plugin is None:
            raise UsageError(f"{config_file} does not list the newsdesk plugin under plugins:")
        settings = settings_from(plugin.config, config.site_name)
    except (ConfigurationError, PluginError) as exc:
        raise UsageError(f"{config_file}: {exc}") from None
    return Project(path.resolve().parent, Path(config.docs_dir), settings)


def validate(project: Project) -> tuple[Registry, LoadResult]:
    """The registry and every story, with every problem found in either."""
    registry, found = load_registry(project.root, project.settings.registry_dir)
    result = StoryLoader().load(project.docs_dir, project.root, registry, project.settings)
    result.problems[:0] = found
    return registry, result


def _check(args: argparse.Namespace) -> int:
    project = load_project(args.config)
    _registry, result = validate(project)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    found: list[Problem] = result.problems
    if found or fmt == "json":
        print(problem_text.render(found, fmt))
    failing = [p for p in found if p.is_error or args.warnings_as_errors]
    stories = len(result.stories)
    print(
        f"newsdesk: {stories} valid stor{'y' if stories == 1 else 'ies'}, {problem_text.summary(found)}",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if failing else EXIT_OK


def _new(args: argparse.Namespace) -> int:
    project = load_project(args.config)
    registry, found = load_registry(project.root, project.settings.registry_dir)
    if any(p.is_error for p in found):
        print(problem_text.render(found, "text"), file=sys.stderr)
        raise UsageError(f"fix {project.settings.registry_dir}/ first")
    request = scaffold.ask_missing(args, registry, interactive=sys.stdin.isatty() and sys.stdout.isatty())
    path = scaffold.write_story(project.root, project.docs_dir, registry, project.settings, request)
    print(path.relative_to(project.root).as_posix())
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="newsdesk", description="An editorial calendar kept in git.")
    top.add_argument(
        "--config", "-f", default="mkdocs.yml", help="the site's mkdocs.yml (default: %(default)s)"
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate the registry and every story")
    check.add_argument(
        "--format",
        choices=("text", "github", "json"),
        help="text, GitHub Actions annotations (the default when GITHUB_ACTIONS=true), or json",
    )
    check.add_argument("--warnings-as-errors", action="store_true", help="exit 1 on warnings too")
    check.set_defaults(run=_check)

    new = commands.add_parser("new", help="write a new story file with valid front-matter")
    new.add_argument("title", nargs="?", help="the story's title")
    new.add_argument("--department", "-d", help="the department's key, e.g. hr")
    new.add_argument(
        "--channel", "-c", action="append", dest="channels", help="a channel key; repeat for more"
    )
    new.add_argument("--date", help="2026-12-03 for all day, or '2026-12-03 09:30'")
    new.add_argument("--status", default="idea", help="the starting status (default: %(default)s)")
    new.add_argument("--author", help="who writes it")
    new.set_defaults(run=_new)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except (UsageError, scaffold.ScaffoldError) as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
