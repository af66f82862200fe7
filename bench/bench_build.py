"""Build benchmark: `mkdocs build` of n synthetic stories with newsdesk, against a plain Material build.

All builds read the same files from the same git repository. The plain configuration is MkDocs with
Material and search, the stories kept out of the nav with `not_in_nav`, and no newsdesk: what a site
without an editorial calendar would cost. The newsdesk site is also built with `second_process: false`,
to show what the second process costs and saves. Each build runs in a fresh interpreter under a small wrapper
that measures its time and memory (see WRAPPER). Targets (issue 3): newsdesk at most 1.15x the
plain build's time at 10,000 stories, growing linearly, and at most 1.5x its peak memory.

    python bench/bench_build.py 1000 [repeats]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from synthetic import write_site

PLAIN_YML = """\
site_name: Benchmark newsroom
site_url: https://bench.example.org/
docs_dir: content
theme:
  name: material
plugins:
  - search
not_in_nav: |
  /stories/
nav:
  - Home: index.md
"""

# Runs one build as its child and reports its wall time, CPU time and memory. Peak RSS is the largest
# single process's; the proportional set size (PSS), sampled over the build and any process it forked,
# counts memory the processes share copy-on-write once, so it is what the build costs the machine.
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
cpu = usage.ru_utime + usage.ru_stime  # steadier than wall time when the machine is shared
print(json.dumps({"wall_s": wall, "cpu_s": cpu, "peak_mib": usage.ru_maxrss / 1024, "pss_mib": peak_pss / 1024}))
"""

ENV = {**os.environ, "NEWSDESK_TODAY": "2026-11-23", "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
GIT = {
    "GIT_AUTHOR_NAME": "b",
    "GIT_AUTHOR_EMAIL": "b@b",
    "GIT_COMMITTER_NAME": "b",
    "GIT_COMMITTER_EMAIL": "b@b",
}


def build(root: Path, config: str, site: str) -> dict[str, float]:
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", site]
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{config} failed:\n{done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout)
    return result


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    """The fastest run's times (the least disturbed), and the highest peak memory seen."""
    return {
        "wall_s": min(r["wall_s"] for r in runs),
        "cpu_s": min(r["cpu_s"] for r in runs),
        "peak_mib": max(r["peak_mib"] for r in runs),
        "pss_mib": max(r["pss_mib"] for r in runs),
    }


def run(n: int, repeats: int | None = None) -> dict[str, float]:
    repeats = repeats or 3  # interleaved and the best taken: single 10,000-story builds here varied by 20%
    with tempfile.TemporaryDirectory(prefix=f"newsdesk-build-{n}-") as folder:
        root = write_site(Path(folder) / "site", n)
        (root / "plain.yml").write_text(PLAIN_YML, encoding="utf-8")
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        one_process = config.replace("  - newsdesk:\n", "  - newsdesk:\n      second_process: false\n")
        assert one_process != config
        (root / "one-process.yml").write_text(one_process, encoding="utf-8")
        for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "stories"]):
            subprocess.run(["git", *command], cwd=root, env={**os.environ, **GIT}, check=True)
        runs: dict[str, list[dict[str, float]]] = {"plain": [], "newsdesk": [], "one_process": []}
        for _ in range(repeats):  # interleaved, so a busy moment on the machine hits all alike
            runs["plain"].append(build(root, "plain.yml", "site-plain"))
            runs["newsdesk"].append(build(root, "mkdocs.yml", "site-newsdesk"))
            runs["one_process"].append(build(root, "one-process.yml", "site-one-process"))
        pages = sum(1 for _ in (root / "site-newsdesk").rglob("index.html"))
    p = best(runs["plain"])
    result: dict[str, float] = {"stories": n, "pages_built": pages}
    for name in ("plain", "newsdesk", "one_process"):
        for measure, value in best(runs[name]).items():
            result[f"{name}_{measure}"] = value
    for name in ("newsdesk", "one_process"):  # one_process: the plugin's `second_process: false`
        d = best(runs[name])
        result[f"{name}_ratio_time"] = d["wall_s"] / p["wall_s"]
        result[f"{name}_ratio_cpu"] = d["cpu_s"] / p["cpu_s"]
        result[f"{name}_ratio_peak"] = d["peak_mib"] / p["peak_mib"]
        result[f"{name}_ratio_pss"] = d["pss_mib"] / p["pss_mib"]
    return result


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(json.dumps(run(size, int(sys.argv[2]) if len(sys.argv) > 2 else None), indent=2))
