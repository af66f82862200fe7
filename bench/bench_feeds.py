"""Feeds benchmark: git history plus every feed for n stories, as the build does it."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

from newsdesk.feeds import feed_files
from newsdesk.history import read_history
from newsdesk.model import Settings
from newsdesk.registry import load_registry
from newsdesk.site import Site
from newsdesk.stories import StoryLoader
from synthetic import write_site


def run(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="newsdesk-feeds-") as folder:
        root = write_site(Path(folder) / "site", n)
        env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@b", "GIT_COMMITTER_NAME": "b",
               "GIT_COMMITTER_EMAIL": "b@b"}  # fmt: skip
        for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "stories"]):
            # gc.auto=0: 10,000 new objects would start `git gc` in the background, which competes for the
            # CPU during the measurement and writes into .git while the folder is being removed.
            subprocess.run(["git", "-c", "gc.auto=0", *command], cwd=root, env=env, check=True)
        registry, _ = load_registry(root)
        settings = Settings(timezone="Europe/London", site_name="Bench")
        stories = StoryLoader().load(root / "content", root, registry, settings).stories
        site = Site(registry, settings, tuple(stories), "https://bench.example.org/")

        start = time.perf_counter()
        history = read_history(root, "content", [s.path for s in stories], os.environ)
        history_s = time.perf_counter() - start
        files = feed_files(site, history, statuses=settings.feeds_statuses, refresh="PT6H")
        total_s = time.perf_counter() - start
        # What the build then does with them: write each file into the site folder.
        site_dir = Path(folder) / "built"
        for path, text in files.items():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        written_s = time.perf_counter() - start
        size = sum(len(text.encode()) for text in files.values())
    return {"history_s": history_s, "feeds_total_s": total_s, "written_s": written_s, "files": len(files),
            "megabytes": size / 1e6}  # fmt: skip
