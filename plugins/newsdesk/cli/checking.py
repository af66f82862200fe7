"""What `newsdesk check` finds, shared by the commands that must agree with it: check itself, `new` (which
asks about its file before writing it), and `build` and `serve` with an engine that runs no plugin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.core.site import Site
from newsdesk.planning import findings
from newsdesk.render import codeowners, sanitize
from newsdesk.sources import exclusions
from newsdesk.sources.registry import load_registry
from newsdesk.sources.stories import StoryLoader

if TYPE_CHECKING:
    from collections.abc import Sequence

    from newsdesk.core.model import Registry
    from newsdesk.core.problems import Problem
    from newsdesk.core.project import Project
    from newsdesk.sources.stories import LoadResult, Pending


def codeowners_text(project: Project, registry: Registry) -> str:
    maintainers = codeowners.maintainers_of(registry, project.maintainers)
    stories = f"{project.docs_path}/{project.settings.stories_dir}"
    return codeowners.render(registry, maintainers, stories)


def codeowners_problem(project: Project, registry: Registry) -> Problem | None:
    """A site on GitHub (it has a .github folder) keeps its CODEOWNERS in step with the registry."""
    if not (project.root / ".github").is_dir():
        return None
    path = project.root / codeowners.PATH
    committed = path.read_text(encoding="utf-8") if path.is_file() else None
    return codeowners.stale(committed, codeowners_text(project, registry))


def validate(
    project: Project, pending: Sequence[Pending] = (), loader: StoryLoader | None = None
) -> tuple[Registry, LoadResult]:
    """The registry and every story, with every problem found in either; `pending`: files about to be
    written, read as if they were. A `loader` used before reads again only the files changed since."""
    registry, found = load_registry(project.root, project.settings.registry_dir)
    loader = loader or StoryLoader()
    result = loader.load(project.docs_dir, project.root, registry, project.settings, pending)
    result.problems[:0] = found
    return registry, result


def check(project: Project, pending: Sequence[Pending] = (), loader: StoryLoader | None = None) -> LoadResult:
    """Everything `newsdesk check` reports; `newsdesk new` asks it about its file before writing it."""
    registry, result = validate(project, pending, loader)
    left_out = exclusions.left_out(result.stories, project.exclusions)
    result.problems.extend(left_out)
    if result.ok:  # planning findings, as warnings; with errors in the calendar, the errors come first
        gone = {problem.path for problem in left_out}  # the site plans without them, as the build does
        published = tuple(story for story in result.stories if story.path not in gone)
        result.problems.extend(findings.problems(Site(registry, project.settings, published)))
    registry_ok = not any(p.is_error and p.path.startswith(registry.folder + "/") for p in result.problems)
    if registry_ok and (stale := codeowners_problem(project, registry)):
        result.problems.append(stale)
    if not project.settings.allow_raw_html:  # what the build's sanitiser will remove, on its line
        extensions, configs = project.markdown_extensions, project.mdx_configs
        result.problems.extend(sanitize.story_warnings(result.stories, project.root, extensions, configs))
    return result
