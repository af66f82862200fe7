"""`newsdesk diff` reads revisions a contributor made: a hand-made git tree can write nowhere, and links and
submodules under the stories folder are rows of the summary, never skipped."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sitekit import copy_site, newsdesk


def git(root: Path, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def committed(root: Path) -> Path:
    git(root, "init", "--quiet")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "--all")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "--quiet", "-m", "base")
    return root


def tree_with(root: Path, entries: dict[str, tuple[str, str]], base: str = "HEAD^{tree}") -> str:
    """A tree: `base`'s top level plus each name -> (mode, object), nested names given as their own trees."""
    lines = [line for line in git(root, "ls-tree", base).split("\n") if line]
    for name, (mode, obj) in entries.items():
        kind = "tree" if mode == "040000" else "commit" if mode == "160000" else "blob"
        lines = [line for line in lines if line.split("\t", 1)[1] != name]
        lines.append(f"{mode} {kind} {obj}\t{name}")
    return git(root, "mktree", stdin="\n".join(lines) + "\n")


def commit_tree(root: Path, tree: str) -> str:
    return git(
        root,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.org",
        "commit-tree",
        tree,
        "-p",
        "HEAD",
        "-m",
        "x",
    )


def test_a_tree_with_dot_dot_entries_writes_nothing_outside(tmp_path: Path) -> None:
    root = committed(copy_site("basic", tmp_path / "repo"))
    blob = git(root, "hash-object", "-w", "--stdin", stdin="pwned\n")
    # content/stories/../../../pwned-by-diff.md, as three nested trees named '..'
    inner = git(root, "mktree", stdin=f"100644 blob {blob}\tpwned-by-diff.md\n")
    for _ in range(3):
        inner = git(root, "mktree", stdin=f"040000 tree {inner}\t..\n")
    stories = git(root, "rev-parse", "HEAD:content/stories")
    stories_lines = git(root, "ls-tree", stories) + f"\n040000 tree {inner}\t..\n"
    new_stories = git(root, "mktree", stdin=stories_lines)
    content = tree_with(root, {"stories": ("040000", new_stories)}, base="HEAD:content")
    top = tree_with(root, {"content": ("040000", content)})
    head = commit_tree(root, top)
    scratch = tmp_path / "tmp"  # diff's scratch folder goes here: three '..' up from its stories is here too
    scratch.mkdir()
    done = newsdesk(root, "diff", "HEAD", head, TMPDIR=str(scratch))
    assert "Traceback" not in done.stderr
    assert not (scratch / "pwned-by-diff.md").exists()
    assert "newsdesk never reads it" in done.stdout, done.stdout + done.stderr


def test_links_and_submodules_under_the_stories_folder_are_rows(tmp_path: Path) -> None:
    root = committed(copy_site("basic", tmp_path))
    target = git(root, "hash-object", "-w", "--stdin", stdin="/etc/passwd")
    hr = git(root, "rev-parse", "HEAD:content/stories/hr")
    head_commit = git(root, "rev-parse", "HEAD")
    hr_lines = git(root, "ls-tree", hr)
    hr_lines += (
        f"\n120000 blob {target}\t2026-12-05-link.md\n160000 commit {head_commit}\t2026-12-06-module.md\n"
    )
    new_hr = git(root, "mktree", stdin=hr_lines)
    stories = tree_with(root, {"hr": ("040000", new_hr)}, base="HEAD:content/stories")
    content = tree_with(root, {"stories": ("040000", stories)}, base="HEAD:content")
    head = commit_tree(root, tree_with(root, {"content": ("040000", content)}))
    done = newsdesk(root, "diff", "HEAD", head)
    assert "Traceback" not in done.stderr
    assert "2026-12-05-link.md" in done.stdout and "symbolic link" in done.stdout, done.stdout
    assert "2026-12-06-module.md" in done.stdout and "submodule" in done.stdout, done.stdout
