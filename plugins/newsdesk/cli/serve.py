"""`newsdesk serve --engine zensical`: a live preview with an engine that runs no newsdesk code.

`zensical serve` watches the docs folder it is given, which for newsdesk is the build-only copy. So newsdesk
watches what that copy is made from (the docs folder with the stories, the registry, mkdocs.yml), and
after each change checks again and rewrites the copy; `build._sync` touches only the files that differ,
and Zensical rebuilds what changed. A change that brings an error leaves the last good copy in place and
prints the problems, every time, as `newsdesk check` words them. With MkDocs, `mkdocs serve` runs the plugin,
which does all of this itself (and shows the problems on every page).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from newsdesk.cli import build
from newsdesk.cli.checking import validate
from newsdesk.core import problems
from newsdesk.mkdocs.project import config_path, load_project
from newsdesk.sources.stories import StoryLoader

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from newsdesk.core.project import Project

POLL_SECONDS = 1.0
"""How often the sources are looked at: a walk of their folders' entries, no file is read."""


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--engine", choices=build.ENGINES, default="mkdocs", help="default: %(default)s")
    command.add_argument("--dev-addr", "-a", default="127.0.0.1:8000", help="default: %(default)s")


def snapshot(folders: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """Each file under `folders` (not following links) with its modification time and size."""
    seen: dict[str, tuple[int, int]] = {}
    for folder in folders:
        if folder.is_file():
            stat = folder.stat()
            seen[str(folder)] = (stat.st_mtime_ns, stat.st_size)
            continue
        for parent, _, names in os.walk(folder):
            for name in names:
                try:
                    stat = os.lstat(os.path.join(parent, name))
                except OSError:
                    continue  # gone between the listing and the look: the next poll sees it
                seen[os.path.join(parent, name)] = (stat.st_mtime_ns, stat.st_size)
    return seen


def command(args: argparse.Namespace) -> int:
    """`newsdesk serve`."""
    if args.engine != "zensical":  # MkDocs and ProperDocs read the configuration and serve with the plugin
        config = str(config_path(args.config))
        engine = [sys.executable, "-m", args.engine, "serve", "-f", config, "-a", args.dev_addr]
        return subprocess.run(engine, check=False).returncode
    project = load_project(args.config)
    assert project.config_file is not None, "load_project names the file it read"
    loader = StoryLoader()  # kept between refreshes: only changed stories are read again

    def refresh() -> bool:
        registry, result = validate(project, loader=loader)
        errors = [p for p in result.problems if p.is_error]
        if errors:
            print(problems.render(errors, "text"), file=sys.stderr)
            print(
                f"newsdesk: {problems.summary(errors)}; the preview shows the last good site", file=sys.stderr
            )
            return False
        build.write_docs(project, registry, result.stories, result.images)
        print("newsdesk: the preview's pages are up to date", file=sys.stderr)
        return True

    return serve_zensical(project, project.config_file, args.dev_addr, refresh)


def serve_zensical(project: Project, config: Path, address: str, refresh: Callable[[], bool]) -> int:
    """Refresh the copy, start `zensical serve`, and refresh again on every change until it stops.
    `refresh()` checks and rewrites the copy, printing any problems; False when there were errors."""
    if not refresh():
        print("newsdesk: fix the problems above; the preview starts once the site builds", file=sys.stderr)
        return 1
    generated = build.write_config(project, config, None)
    command = [sys.executable, "-m", "zensical", "serve", "-f", str(generated), "-a", address]
    engine = subprocess.Popen(command, cwd=project.root)
    watched = [project.docs_dir, project.root / project.settings.registry_dir, config]
    last = snapshot(watched)
    try:
        while engine.poll() is None:
            time.sleep(POLL_SECONDS)
            now = snapshot(watched)
            if now != last:
                last = now
                refresh()
    except KeyboardInterrupt:
        engine.terminate()
    return engine.wait()
