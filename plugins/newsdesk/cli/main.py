"""The `newsdesk` command: check stories, start a new one, route reviews, summarise a change, print the
stories' schema. A thin layer."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.cli import build, scaffold, serve
from newsdesk.cli import nudge as nudge_command
from newsdesk.cli import results as results_command
from newsdesk.cli.checking import check, codeowners_text, validate
from newsdesk.core import problems as problem_text
from newsdesk.core.schedule import parse_month
from newsdesk.core.site import Site
from newsdesk.core.text import counted
from newsdesk.mkdocs.project import ProjectError, load_project
from newsdesk.planning import diff as calendar_diff
from newsdesk.planning import report
from newsdesk.render import codeowners, diff_summary, reports
from newsdesk.sources import schema
from newsdesk.sources.git import Git, GitError
from newsdesk.sources.registry import load_registry
from newsdesk.sources.stories import StoryLoader

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newsdesk.core.problems import Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Something about the command line or the site's configuration; printed without a traceback."""


def _check(args: argparse.Namespace) -> int:
    project = load_project(args.config)
    result = check(project)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    found: list[Problem] = result.problems
    if found or fmt == "json":
        print(problem_text.render(found, fmt))
    failing = [p for p in found if p.is_error or args.warnings_as_errors]
    stories = len(result.stories)
    print(
        f"newsdesk: {counted(stories, 'valid story', 'valid stories')}, {problem_text.summary(found)}",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if failing else EXIT_OK


def _new(args: argparse.Namespace) -> int:
    project = load_project(args.config)
    registry, found = load_registry(project.root, project.settings.registry_dir)
    if any(p.is_error for p in found):
        print(problem_text.render(found, "text"), file=sys.stderr)
        raise UsageError(f"fix {project.settings.registry_dir}/ first")
    ask = input if sys.stdin.isatty() and sys.stdout.isatty() else None
    path = scaffold.new_story(
        args, project, registry, functools.partial(check, project, loader=StoryLoader()), ask
    )
    if path is None:
        return EXIT_PROBLEMS
    print(path.relative_to(project.root).as_posix())
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    project = load_project(args.config)
    registry, result = validate(project)
    if not result.ok:
        print(problem_text.render([p for p in result.problems if p.is_error], "text"), file=sys.stderr)
        raise UsageError("fix these problems first: the report counts valid stories only")
    try:
        month = parse_month(args.month) if args.month else None
    except ValueError as exc:
        raise UsageError(f"--month: {exc}") from None
    site = Site(
        registry,
        project.settings,
        tuple(result.stories),
        project.site_url,
        directory_urls=project.directory_urls,
    )
    print(reports.render(report.build_report(site, month), args.format), end="")
    return EXIT_OK


def _codeowners(args: argparse.Namespace) -> int:
    project = load_project(args.config)
    registry, found = load_registry(project.root, project.settings.registry_dir)
    if any(p.is_error for p in found):
        print(problem_text.render(found, "text"), file=sys.stderr)
        raise UsageError(f"fix {project.settings.registry_dir}/ first")
    text = codeowners_text(project, registry)
    if args.stdout:
        print(text, end="")
        return EXIT_OK
    path = project.root / codeowners.PATH
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        print(f"{codeowners.PATH} is up to date", file=sys.stderr)
        return EXIT_OK
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(codeowners.PATH)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    project = load_project(args.config)
    registry, found = load_registry(project.root, project.settings.registry_dir)
    if any(p.is_error for p in found):
        print(problem_text.render(found, "text"), file=sys.stderr)
        raise UsageError(
            f"fix {project.settings.registry_dir}/ first: the schema lists its departments and channels"
        )
    text = schema.schema_json(registry, project.site_url, args.draft)
    if args.output is None:
        print(text, end="")
        return EXIT_OK
    args.output.write_text(text, encoding="utf-8")
    print(args.output)
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    project = load_project(args.config)
    git = Git(project.root)
    base, head = (
        calendar_diff.snapshot(git, revision, docs_path=project.docs_path, settings=project.settings)
        for revision in (args.base, args.head)
    )
    changes = calendar_diff.compare(base, head)
    warnings = calendar_diff.planning_warnings(base, head)
    summary = diff_summary.render(
        changes,
        base=base.revision,
        head=head.revision,
        warnings=warnings,
        names=diff_summary.Names.of(head.registry, base.registry),
        style=diff_summary.STYLES[args.format],
    )
    print(summary, end="")
    return EXIT_OK


def _results_import(args: argparse.Namespace) -> int:
    project = load_project(args.config)
    registry, result = validate(project)
    if any(p.is_error and p.path.startswith(registry.folder + "/") for p in result.problems):
        print(problem_text.render([p for p in result.problems if p.is_error], "text"), file=sys.stderr)
        raise UsageError(
            f"fix {project.settings.registry_dir}/ first: it says which metrics each channel has"
        )
    try:
        text = args.file.read_bytes().decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a BOM
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {problem_text.printable(str(args.file))}: {exc}") from None
    site = Site(registry, project.settings, tuple(result.stories), project.site_url, project.directory_urls)
    outcome = results_command.import_results(text, str(args.file), site, project)
    verb = "would change" if args.dry_run else "changed"
    for story, (_, said) in outcome.changed.items():
        print(problem_text.printable(f"{story.path}: {verb}: {said}"))
    if not args.dry_run:
        results_command.write(outcome, project.root)
    if outcome.problems:
        print(problem_text.render(outcome.problems, "text"), file=sys.stderr)
    print(
        f"newsdesk: {counted(outcome.matched, 'row')} matched, {counted(len(outcome.changed), 'file')} {verb}, "
        f"{counted(len(outcome.problems), 'problem')}",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if outcome.problems else EXIT_OK


def _nudge(args: argparse.Namespace) -> int:
    project = load_project(args.config)
    registry, result = validate(project)
    return nudge_command.run(args, project, registry, result)


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
    scaffold.add_arguments(new)
    new.set_defaults(run=_new)

    monthly = commands.add_parser(
        "report", help="the monthly report: per department, published, planned, target"
    )
    monthly.add_argument("--month", help="the month to report on, e.g. 2026-11 (default: this month)")
    monthly.add_argument(
        "--format", choices=("markdown", "csv", "json"), default="markdown", help="default: %(default)s"
    )
    monthly.set_defaults(run=_report)

    owners = commands.add_parser("codeowners", help="write .github/CODEOWNERS from the departments' leads")
    owners.add_argument("--stdout", action="store_true", help="print the file instead of writing it")
    owners.set_defaults(run=_codeowners)

    site = commands.add_parser("build", help="build the site with MkDocs, ProperDocs or Zensical")
    build.add_arguments(site)
    site.set_defaults(run=build.command)

    preview = commands.add_parser(
        "serve", help="preview the site with live reload (MkDocs, ProperDocs or Zensical)"
    )
    serve.add_arguments(preview)
    preview.set_defaults(run=serve.command)

    story_schema = commands.add_parser(
        "schema", help="the JSON Schema of a story's front-matter, from the registry (draft 2020-12)"
    )
    story_schema.add_argument(
        "--draft",
        choices=tuple(schema.DRAFTS),
        default="2020-12",
        help="the JSON Schema draft it names: 07 for tools that read no later one (default: %(default)s)",
    )
    story_schema.add_argument(
        "--output", "-o", type=Path, help="write it to this file instead of printing it"
    )
    story_schema.set_defaults(run=_schema)

    diff = commands.add_parser("diff", help="what changed in the calendar between two revisions")
    diff.add_argument("base", help="the revision to compare from, e.g. origin/main")
    diff.add_argument("head", nargs="?", default="HEAD", help="the revision to compare to (default: HEAD)")
    diff.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="text for a terminal, or markdown for a job summary (default: %(default)s)",
    )
    diff.set_defaults(run=_diff)

    figures = commands.add_parser("results", help="the figures stories achieved: import them from a CSV")
    figures_commands = figures.add_subparsers(dest="results_command", required=True, metavar="ACTION")
    importing = figures_commands.add_parser(
        "import", help="write a CSV's figures (columns story, channel, one per metric) into the stories"
    )
    importing.add_argument("file", type=Path, help="the CSV file")
    importing.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
    importing.set_defaults(run=_results_import)

    daily = commands.add_parser("nudge", help="the day's nudge: print it, post it to a chat, or e-mail it")
    nudge_command.add_arguments(daily)
    daily.set_defaults(run=_nudge)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except (UsageError, ProjectError, scaffold.ScaffoldError, GitError, nudge_command.NudgeError) as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
