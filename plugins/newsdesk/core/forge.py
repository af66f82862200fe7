"""Where the site's repository lives, and the address of its "new file" page in a story folder.

The "propose a story" page hands a contributor to the forge with the file's name and text filled in, so
that someone without git (and without write access: the forge offers a fork) opens a pull request from
the browser. GitHub (`new/<branch>/<folder>?filename=&value=`), Gitea and Forgejo
(`_new/<branch>/<folder>?filename=&value=`) fill both in; GitLab (`-/new/<branch>/<folder>`) opens the
folder and, depending on its version, may leave the name and text for the contributor to paste.

The branch and the docs folder's place in the repository come from MkDocs' `edit_uri` when it names them
(`edit/main/content/`), as the "Edit this page" links do; the plugin's options override both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

KINDS = ("github", "gitlab", "gitea")
_EDIT_URI = {
    "github": re.compile(r"(?:edit|blob|tree)/(?P<branch>[^/]+)/(?P<path>.*)"),
    "gitlab": re.compile(r"-/(?:edit|blob|tree)/(?P<branch>[^/]+)/(?P<path>.*)"),
    "gitea": re.compile(r"(?:_edit/|src/branch/)(?P<branch>[^/]+)/(?P<path>.*)"),
}
_NEW_FILE = {"github": "new", "gitlab": "-/new", "gitea": "_new"}
_PARAMETERS = {
    "github": ("filename", "value"),
    "gitlab": ("file_name", "content"),
    "gitea": ("filename", "value"),
}


@dataclass(frozen=True)
class Forge:
    kind: str
    """github, gitlab or gitea (Forgejo and Codeberg too)."""
    repo_url: str
    branch: str
    docs_path: str
    """The docs folder's path in the repository, ending in '/' ('' at the top)."""

    def new_file_page(self, folder: str) -> str:
        """The forge's "new file" page in `folder` (a path below the docs folder), before its query."""
        path = quote(f"{self.docs_path}{folder}".strip("/"), safe="/")
        return f"{self.repo_url}/{_NEW_FILE[self.kind]}/{quote(self.branch, safe='')}/{path}"

    @property
    def parameters(self) -> tuple[str, str]:
        """The names of the query parameters that fill in the file's name and its text."""
        return _PARAMETERS[self.kind]


def _kind_of(host: str, edit_uri: str) -> str:
    if host == "github.com" or host.endswith(".github.com"):
        return "github"
    if "gitlab" in host or edit_uri.startswith("-/"):
        return "gitlab"
    if (
        host == "codeberg.org"
        or "gitea" in host
        or "forgejo" in host
        or edit_uri.startswith(("_edit/", "src/"))
    ):
        return "gitea"
    return "github"  # GitHub Enterprise runs on an organisation's own host


def forge_of(
    repo_url: str, edit_uri: str, docs_folder: str, *, kind: str = "", branch: str = ""
) -> Forge | None:
    """The forge of MkDocs' `repo_url`, or None without one (the page then offers the text to copy).

    `docs_folder` is the docs folder relative to mkdocs.yml, used when `edit_uri` does not say where it
    is; `kind` and `branch` are the plugin's options ('' to work them out)."""
    parts = urlsplit(repo_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    repo = f"{parts.scheme}://{parts.netloc}{parts.path}".rstrip("/").removesuffix(".git")
    edit = edit_uri.strip()
    if edit.startswith(repo):
        edit = edit[len(repo) :]
    edit = edit.lstrip("/")
    kind = kind or _kind_of(parts.hostname or "", edit)
    found = _EDIT_URI[kind].match(edit)
    docs = found["path"] if found else docs_folder
    docs = "" if docs.strip("/") in ("", ".") else docs.strip("/") + "/"
    return Forge(kind, repo, branch or (found["branch"] if found else "main"), docs)
