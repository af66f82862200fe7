"""Build benchmark: `mkdocs build` of n synthetic stories with newsdesk, against the same site without it.

Like for like: both builds use this repository's own `mkdocs.yml` (theme, features, palette, markdown
extensions, `overrides/`), its home and contribute pages and the same story files. The plain build is
that configuration with the newsdesk plugin removed, the stories kept out of the nav (`not_in_nav`) and the
nav entries only newsdesk generates left out: what the same site costs without an editorial calendar.

Each build runs in a fresh interpreter under a small wrapper that measures its wall time, the CPU time of
every process it ran, its peak RSS and its peak proportional set size (PSS, sampled: memory shared
copy-on-write is counted once). Builds are interleaved, so a busy moment on the machine hits both alike,
and restricted to one core (`taskset -c 0`) unless `cores` says otherwise: less work, not work hidden on
another core, is what the ratio must show.

`serve_rebuilds` measures `mkdocs serve`: the time MkDocs reports for the rebuild after one story is edited,
the fastest of five, plain and newsdesk in turn.

    python bench/bench_build.py 2000 [repeats] [--all-cores]
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from synthetic import REPOSITORY, write_site

# Runs one build as its child and reports its wall time, CPU time and memory.
WRAPPER = """\
import json, resource, subprocess, sys, tempfile, time
def tree(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            kids = [int(k) for k in children.read().split()]
    except OSError:
        return []
    return [pid] + [p for kid in kids for p in tree(kid)]
def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            return next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0
start = time.perf_counter()
log = tempfile.TemporaryFile()  # not a pipe: nobody reads it while the build runs
build = subprocess.Popen(sys.argv[1:], stdout=log, stderr=subprocess.STDOUT)
peak_pss = 0
while build.poll() is None:
    peak_pss = max(peak_pss, sum(pss_kib(pid) for pid in tree(build.pid)))
    time.sleep(0.05)
wall = time.perf_counter() - start
if build.returncode:
    log.seek(0)
    sys.exit(log.read().decode())
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
print(json.dumps({"wall_s": wall, "cpu_s": cpu, "peak_mib": usage.ru_maxrss / 1024, "pss_mib": peak_pss / 1024}))
"""

ENV = {**os.environ, "NEWSDESK_TODAY": "2026-11-23", "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
GIT = {
    "GIT_AUTHOR_NAME": "b",
    "GIT_AUTHOR_EMAIL": "b@b",
    "GIT_COMMITTER_NAME": "b",
    "GIT_COMMITTER_EMAIL": "b@b",
}
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
RAM = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
"""Both builds read and write in memory where the system has a RAM folder: a virtual machine's disk pauses
for seconds at a time (writing one 2,000-story site took 0.13 s in one run and 2.4 s of CPU in the next),
which would swamp the difference being measured. Both builds do the same reading and writing there."""


def plain_config(config_text: str) -> str:
    """The site's configuration minus newsdesk: its plugin gone and the stories out of the nav (MkDocs
    lists them otherwise). Everything else, the nav included, as it is: the nav's entries for the pages
    newsdesk generates become links MkDocs cannot resolve, which it says and builds on, so both builds
    render the same navigation on every page."""
    config = yaml.safe_load(config_text)
    config["plugins"] = [
        p for p in config["plugins"] if not (p == "newsdesk" or (isinstance(p, dict) and "newsdesk" in p))
    ]
    config["not_in_nav"] = "/stories/\n"
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def prepare(folder: Path, n: int) -> Path:
    # MkDocs and Material run from site-packages with their bytecode compiled at install; newsdesk runs
    # from this checkout, where `make` sets PYTHONDONTWRITEBYTECODE: compile it once, so that both builds
    # start alike and neither pays for compiling its own source on every run.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPOSITORY / "plugins")], check=True)
    root = write_site(folder / "site", n, config=(REPOSITORY / "mkdocs.yml").read_text(encoding="utf-8"))
    (root / "plain.yml").write_text(plain_config((root / "mkdocs.yml").read_text()))
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "stories"]):
        subprocess.run(["git", *command], cwd=root, env={**os.environ, **GIT}, check=True)
    return root


def pinned(command: list[str], all_cores: bool) -> list[str]:
    return command if all_cores or shutil.which("taskset") is None else ["taskset", "-c", "0", *command]


def build(root: Path, config: str, site: str, *, all_cores: bool = False) -> dict[str, float]:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site]
    done = subprocess.run(
        pinned([sys.executable, "-c", WRAPPER, *command], all_cores),
        cwd=root, env=ENV, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"{config} failed:\n{done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout)
    return result


class Server:
    """`mkdocs serve` of one configuration, pinned to one core like the builds; its first build done."""

    def __init__(self, root: Path, config: str) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "-f",
            config,
            "-a",
            f"127.0.0.1:{port}",
            "--livereload",
        ]
        self.config = config
        self.process = subprocess.Popen(
            pinned(command, False), cwd=root, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, start_new_session=True,
        )  # fmt: skip
        try:
            self.next_build()
        except BaseException:  # a server that never built is stopped here: nobody else holds it
            self.stop()
            raise

    def next_build(self) -> float:
        """The time MkDocs reports for the next build (its own figure)."""
        deadline = time.monotonic() + 600
        for line in self.process.stdout or ():
            found = BUILT.search(line)
            if found:
                return float(found.group(1))
            if time.monotonic() > deadline:
                break
        raise RuntimeError(f"mkdocs serve -f {self.config} stopped before a rebuild")

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(30)


def serve_rebuilds(root: Path, edits: int = 5) -> tuple[float, float]:
    """The fastest of `edits` rebuilds `mkdocs serve` reports after one story is edited, plain and newsdesk.

    Interleaved like the builds: each configuration serves its own copy of the site (a server rebuilds on
    any change in its docs folder, so one copy would rebuild both at once), and the copies are edited in
    turn, so that the machine's drift within the run hits both alike."""
    story = next((root / "content" / "stories").rglob("*.md")).relative_to(root)
    original = (root / story).read_text(encoding="utf-8")
    copies = {}
    for config in ("plain.yml", "mkdocs.yml"):
        copies[config] = root.parent / f"serve-{Path(config).stem}"
        shutil.copytree(root, copies[config], ignore=shutil.ignore_patterns("site-*"))
    servers: dict[str, Server] = {}
    timings: dict[str, list[float]] = {config: [] for config in copies}
    try:
        for config, copy in copies.items():  # one first build at a time
            servers[config] = Server(copy, config)
        for edit in range(edits):
            for config, copy in copies.items():
                time.sleep(1.5)  # past the watcher's debounce, so each edit is one rebuild
                (copy / story).write_text(original + f"\nEdited {edit}.\n", encoding="utf-8")
                timings[config].append(servers[config].next_build())
    finally:
        for server in servers.values():
            server.stop()
    return min(timings["plain.yml"]), min(timings["mkdocs.yml"])


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    """The fastest run's times (the least disturbed), and the highest peak memory seen."""
    return {
        "wall_s": min(r["wall_s"] for r in runs),
        "cpu_s": min(r["cpu_s"] for r in runs),
        "peak_mib": max(r["peak_mib"] for r in runs),
        "pss_mib": max(r["pss_mib"] for r in runs),
    }


def run(
    n: int, repeats: int | None = None, *, all_cores: bool = False, serve: bool | None = None
) -> dict[str, float]:
    repeats = repeats or 3
    with tempfile.TemporaryDirectory(prefix=f"newsdesk-build-{n}-", dir=RAM) as folder:
        root = prepare(Path(folder), n)
        runs: dict[str, list[dict[str, float]]] = {"plain": [], "newsdesk": []}
        for _ in range(repeats):  # interleaved
            runs["plain"].append(build(root, "plain.yml", "site-plain", all_cores=all_cores))
            runs["newsdesk"].append(build(root, "mkdocs.yml", "site-newsdesk", all_cores=all_cores))
        pages = sum(1 for _ in (root / "site-newsdesk").rglob("index.html"))
        result: dict[str, float] = {"stories": n, "pages_built": pages}
        p, d = best(runs["plain"]), best(runs["newsdesk"])
        for name, figures in (("plain", p), ("newsdesk", d)):
            for measure, value in figures.items():
                result[f"{name}_{measure}"] = value
        result["ratio_wall"] = d["wall_s"] / p["wall_s"]
        result["ratio_cpu"] = d["cpu_s"] / p["cpu_s"]
        result["ratio_peak_rss"] = d["peak_mib"] / p["peak_mib"]
        result["ratio_peak_pss"] = d["pss_mib"] / p["pss_mib"]
        if serve if serve is not None else n == 2000:
            plain_s, newsdesk_s = serve_rebuilds(root)
            result["serve_rebuild_plain_s"] = plain_s
            result["serve_rebuild_newsdesk_s"] = newsdesk_s
            result["ratio_serve_rebuild"] = newsdesk_s / plain_s
    return result


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if not a.startswith("--")]
    size = int(numbers[0]) if numbers else 1000
    repeats = int(numbers[1]) if len(numbers) > 1 else None
    print(
        json.dumps(
            run(size, repeats, all_cores="--all-cores" in sys.argv, serve="--serve" in sys.argv or None),
            indent=2,
        )
    )
