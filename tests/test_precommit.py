""".pre-commit-config.yaml runs `make lint`'s commands, through tools/venv.mjs, which finds the project's
tools without a venv being active and without the bin/ folder Windows venvs do not have."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitekit import REPO

CONFIG: dict[str, Any] = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
HOOKS: list[dict[str, Any]] = [hook for repo in CONFIG["repos"] for hook in repo["hooks"]]
LAUNCHER = "node tools/venv.mjs "
NODE = os.environ.get("NODE", "node")


def venv_mjs(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """tools/venv.mjs with no venv active; the tools of the Python running the tests last on the PATH, for
    a checkout without .venv (the Windows CI job installs into the runner's Python)."""
    path = os.pathsep.join([os.environ.get("PATH", ""), sysconfig.get_path("scripts")])
    environ = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"} | {"PATH": path} | env
    return subprocess.run(
        [NODE, str(REPO / "tools" / "venv.mjs"), *args],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
    )


def test_every_hook_is_local_and_names_no_platforms_path() -> None:
    assert [repo["repo"] for repo in CONFIG["repos"]] == ["local"]
    for hook in HOOKS:
        assert hook["language"] == "system", hook["id"]
        assert shlex.split(hook["entry"])[0] == "node", hook["id"]  # the same command on every platform
        assert not re.search(r"\.venv|\bbin/|Scripts", hook["entry"]), hook["id"]


def test_the_hooks_run_what_make_lint_runs() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe
    lint = [line.strip().removeprefix("$(BIN)/") for line in recipe.group(1).splitlines()]
    # pre-commit passes actionlint the workflows that changed, where make lint names them all
    lint = [line.removesuffix(" .github/workflows/*.yml") for line in lint]
    assert [hook["entry"].removeprefix(LAUNCHER) for hook in HOOKS] == lint


def test_the_launcher_runs_the_tool_of_this_environment() -> None:
    found = venv_mjs("ruff", "--version")
    assert found.returncode == 0, found.stderr
    own = subprocess.run(
        [sys.executable, "-m", "ruff", "--version"], capture_output=True, text=True, check=True
    )
    assert found.stdout == own.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="a stand-in command is a shell script")
def test_an_active_venv_comes_first(tmp_path: Path) -> None:
    stand_in = tmp_path / "bin" / "ruff"
    stand_in.parent.mkdir()
    stand_in.write_text('#!/bin/sh\necho "the active venv\'s ruff: $*"\nexit 3\n')
    stand_in.chmod(0o755)
    found = venv_mjs("ruff", "check", "a b", VIRTUAL_ENV=str(tmp_path))
    assert (found.returncode, found.stdout) == (3, "the active venv's ruff: check a b\n")
    # an active venv without the tool: the repository's .venv, or the PATH, still has it
    assert venv_mjs("mypy", "--version", VIRTUAL_ENV=str(tmp_path)).returncode == 0


def test_a_missing_tool_says_how_to_get_it() -> None:
    found = venv_mjs("no-such-newsdesk-tool")
    assert found.returncode == 127
    assert "run `make test` once to create .venv" in found.stderr
