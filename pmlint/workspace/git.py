"""The little pmlint needs from git: the hooks folder and the staged files.

Everything goes through the ``git`` command, so worktrees, ``core.hooksPath``
and submodules behave exactly as git itself sees them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """Not in a git repository, or git is missing; the message says which."""


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except NotADirectoryError:
        raise GitError(f"{cwd} is not a folder") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        if message and "not a git repository" in message[0]:
            raise GitError(f"{cwd} is not inside a git repository (run 'git init' first)")
        raise GitError(f"git {' '.join(args)} failed: {message[0] if message else done.returncode}")
    return done.stdout


def top_level(cwd: Path) -> Path:
    return Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip())


def hooks_dir(cwd: Path) -> Path:
    """The folder git runs hooks from (honours ``core.hooksPath`` and worktrees)."""
    text = _git(["rev-parse", "--git-path", "hooks"], cwd).decode().strip()
    path = Path(text)
    return path if path.is_absolute() else (cwd / path)


def staged_files(cwd: Path) -> list[Path]:
    """Files added, copied, modified or renamed in the index, as absolute paths."""
    top = top_level(cwd)
    out = _git(["diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z"], top)
    return [top / name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


def staged_content(path: Path) -> bytes:
    """The staged (index) version of ``path`` — what the commit will contain."""
    top = top_level(path.parent)
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    return _git(["show", f":{relative}"], top)


def first_authors(path: Path) -> list[str]:
    """The author of the commit that added ``path`` (following renames), or [] when git
    has no history for it (not committed, not a repository, git missing)."""
    try:
        out = _git(["log", "--follow", "--diff-filter=A", "--format=%an", "--", path.name], path.parent)
    except GitError:
        return []
    names = [line.strip() for line in out.decode("utf-8", "replace").splitlines() if line.strip()]
    return names[-1:]  # the oldest addition: the file's first commit
