"""Feeds benchmark: git history plus every feed for n stories, as the build does it.

Issue 4's target is at most 1 s of the build for the feeds, git history included. The build hands the
feeds to its second process, which writes them while MkDocs converts the markdown: the build itself waits
only for the list of paths (`build_waits_s`). `site_wide_written_s` and `all_written_s` are how long the
second process takes for the site-wide feeds (ready before MkDocs copies files) and for all 10,017 files.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

from newsdesk.core.model import Settings
from newsdesk.core.site import Site
from newsdesk.render.feeds import FeedWriter, site_feeds, site_wide_files, story_files
from newsdesk.render.outputs import FeedOutput
from newsdesk.sources.history import read_history
from newsdesk.sources.registry import load_registry
from newsdesk.sources.stories import StoryLoader
from synthetic import write_site


def run(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="newsdesk-feeds-") as folder:
        root = write_site(Path(folder) / "site", n)
        env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@b", "GIT_COMMITTER_NAME": "b",
               "GIT_COMMITTER_EMAIL": "b@b"}  # fmt: skip

        def git(*command: str) -> None:
            # gc.auto=0: 10,000 new objects would start `git gc` in the background, which competes for the
            # CPU during the measurement and writes into .git while the folder is being removed.
            subprocess.run(["git", "-c", "gc.auto=0", *command], cwd=root, env=env, check=True)

        # A history worth reading: one commit per department, then every tenth story edited twice.
        git("init", "-q")
        for department in sorted(p.name for p in (root / "content" / "stories").iterdir()):
            git("add", f"content/stories/{department}")
            git("commit", "-q", "-m", f"{department}'s stories")
        git("add", "-A")
        git("commit", "-q", "--allow-empty", "-m", "the rest")
        edited = sorted((root / "content" / "stories").rglob("*.md"))[::10]
        for round_ in (1, 2):
            for path in edited:
                path.write_text(path.read_text(encoding="utf-8") + f"\nEdit {round_}.\n", encoding="utf-8")
            git("commit", "-q", "-am", f"edit round {round_}")
        registry, _ = load_registry(root)
        settings = Settings(timezone="Europe/London", site_name="Bench")
        stories = StoryLoader().load(root / "content", root, registry, settings).stories
        site = Site(registry, settings, tuple(stories), "https://bench.example.org/")

        # Making the texts alone, without the file system: the git history pass, then every feed.
        start = time.perf_counter()
        history = read_history(root, "content", [s.path for s in stories], os.environ)
        history_s = time.perf_counter() - start
        writer = FeedWriter(site, history, refresh="PT6H")
        texts = [text for _, text in site_wide_files(writer, site_feeds(site, settings.feeds_statuses))]
        site_wide_s = time.perf_counter() - start
        texts += [text for _, text in story_files(writer)]
        total_s = time.perf_counter() - start
        # What the build does, from the history on, with the file system: the site-wide feeds, then the
        # one-story files. Both are jobs for the build's second process, done while MkDocs converts the
        # markdown; what the build itself waits for is the feeds' list of paths (`build_waits_s`).
        start = time.perf_counter()
        feeds = FeedOutput(site, root, "content", Path(folder) / "built")
        build_waits_s = time.perf_counter() - start
        feeds.write_site_wide()
        site_wide_written_s = time.perf_counter() - start
        feeds.write_story_feeds()
        written_s = time.perf_counter() - start
        size = sum(len(text.encode()) for text in texts)
    return {"history_s": history_s, "site_wide_made_s": site_wide_s, "all_made_s": total_s,
            "build_waits_s": build_waits_s, "site_wide_written_s": site_wide_written_s,
            "all_written_s": written_s, "files": len(texts), "megabytes": size / 1e6}  # fmt: skip
