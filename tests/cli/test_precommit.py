"""The real ``pre-commit try-repo`` against this repository, in a scratch git repository.

pre-commit clones the hook repository, builds a virtualenv and pip-installs
pmlint into it (from PyPI for the dependencies). The hook repository is a
snapshot of this working tree — tracked and untracked, not ignored files —
committed into a temporary repository, so the test exercises the code under
test even before it is committed (``try-repo`` itself would only see
committed and modified tracked files).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BASE = (Path(__file__).parents[1] / "rules" / "base.md").read_text(encoding="utf-8")
ASAP = BASE.replace("| 2026-04-03 |", "| ASAP |")
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}


def _env() -> dict[str, str]:
    env = {**os.environ, **GIT_ENV}
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    return env


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=_env(), check=True)
    return done.stdout


def test_manifest_is_valid_and_publishes_the_hooks() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"pmlint", "pmlint-fix", "pmlint-sync-todo", "pmlint-sync-todo-fix"}
    assert hooks["pmlint"]["entry"] == "pmlint check"
    assert hooks["pmlint"]["files"] == r"^docs/incidents/.*\.md$"
    assert hooks["pmlint-sync-todo"]["entry"] == "pmlint sync-todo --check"
    assert hooks["pmlint-sync-todo"]["pass_filenames"] is False
    if shutil.which("pre-commit"):
        for command, name in (("validate-manifest", ".pre-commit-hooks.yaml"),
                              ("validate-config", ".pre-commit-config.yaml")):
            done = subprocess.run(["pre-commit", command, str(ROOT / name)], capture_output=True, text=True,
                                  check=False)
            assert done.returncode == 0, done.stdout + done.stderr


def _tree_files() -> list[str]:
    """The tree's files: git's view in a checkout, every file in an unpacked sdist (no .git)."""
    if (ROOT / ".git").exists():
        listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
        return list(filter(None, listed.split("\0")))
    skipped = {"__pycache__", ".pmlint_cache", ".hypothesis", ".pytest_cache", "build", "dist"}
    return [path.relative_to(ROOT).as_posix() for path in ROOT.rglob("*")
            if path.is_file() and not skipped.intersection(path.relative_to(ROOT).parts)]


def _snapshot(target: Path) -> Path:
    """This working tree (tracked + untracked, not ignored) committed into a new repository."""
    target.mkdir()
    for name in _tree_files():
        source = ROOT / name
        if source.is_file():
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "snapshot")
    return target


def _try_repo(hook_repo: Path, work: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = _env()
    env.pop("PRE_COMMIT_HOME", None)
    env["PRE_COMMIT_COLOR"] = "never"
    return subprocess.run(
        ["pre-commit", "try-repo", str(hook_repo), "pmlint", "--files", *files],
        cwd=work, capture_output=True, text=True, env=env, check=False, timeout=600,
    )


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is not installed")
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_try_repo_blocks_an_asap_due_date_and_passes_a_clean_post_mortem(tmp_path: Path) -> None:
    hook_repo = _snapshot(tmp_path / "pmlint")
    work = tmp_path / "work"
    (work / "docs" / "incidents").mkdir(parents=True)
    git(work, "init", "-q")
    (work / "docs/incidents/2026-03-10-bad.md").write_text(ASAP, encoding="utf-8")
    (work / "docs/incidents/2026-03-10-clean.md").write_text(BASE, encoding="utf-8")
    git(work, "add", "-A")

    bad = _try_repo(hook_repo, work, "docs/incidents/2026-03-10-bad.md")
    output = bad.stdout + bad.stderr
    if bad.returncode != 0 and "PM404" not in output and ("pip" in output or "virtualenv" in output):
        pytest.skip(f"pre-commit could not build the hook environment (offline?):\n{output[-2000:]}")
    assert bad.returncode == 1, output
    assert "PM404" in output and "ASAP" in output and "Failed" in output

    clean = _try_repo(hook_repo, work, "docs/incidents/2026-03-10-clean.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
