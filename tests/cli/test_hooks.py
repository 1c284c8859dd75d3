"""The plain git hook (hooks/pre-commit) and ``check --staged``, in scratch git repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmlint.cli.env import Environment, ExitStatus
from pmlint.cli.main import COMMANDS, main

ROOT = Path(__file__).resolve().parents[2]
HOOK = ROOT / "hooks" / "pre-commit"
BASE = (Path(__file__).parents[1] / "rules" / "base.md").read_text(encoding="utf-8")
ASAP = BASE.replace("| 2026-04-03 |", "| ASAP |")

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("sh") is None,
                                reason="needs git and a POSIX sh")


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)


def hook_env(**extra: str) -> dict[str, str]:
    """PATH with this interpreter's scripts first, so the hook finds this pmlint."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com", **extra)
    return env


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    git(tmp_path, "init", "-q")
    (tmp_path / "docs" / "incidents").mkdir(parents=True)
    (tmp_path / "notes.md").write_text("# not a post-mortem\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def stage(repo: Path, name: str, text: str) -> Path:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    assert git(repo, "add", name).returncode == 0
    return path


def run_hook(repo: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", str(HOOK)], cwd=repo, capture_output=True, text=True,
                          env=hook_env(**extra), check=False)


def test_hook_blocks_a_staged_bad_post_mortem_and_shows_the_finding(repo: Path) -> None:
    stage(repo, "docs/incidents/2026-03-10-pool.md", ASAP)
    done = run_hook(repo, PMLINT_SKIP_TODO="1")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "PM404" in done.stdout and "ASAP" in done.stdout


def test_hook_passes_a_clean_post_mortem_and_ignores_files_outside_the_incidents_folder(repo: Path) -> None:
    stage(repo, "docs/incidents/2026-03-10-pool.md", BASE)
    stage(repo, "notes.md", ASAP)  # outside docs/incidents: not a post-mortem
    done = run_hook(repo, PMLINT_SKIP_TODO="1")
    assert done.returncode == 0, done.stdout + done.stderr


def test_hook_checks_the_staged_content_not_the_working_copy(repo: Path) -> None:
    path = stage(repo, "docs/incidents/2026-03-10-pool.md", ASAP)
    path.write_text(BASE, encoding="utf-8")  # fixed, but the fix is not staged
    assert run_hook(repo, PMLINT_SKIP_TODO="1").returncode == 1


def test_hook_without_pmlint_fails_with_a_clear_message(repo: Path, tmp_path: Path) -> None:
    stage(repo, "docs/incidents/2026-03-10-pool.md", BASE)
    bare = tmp_path / "bin"
    bare.mkdir()
    for tool in ("git", "dirname"):
        found = shutil.which(tool)
        if found:
            (bare / tool).symlink_to(found)
    env = {**hook_env(), "PATH": str(bare)}
    done = subprocess.run([shutil.which("sh") or "sh", str(HOOK)], cwd=repo, capture_output=True, text=True,
                          env=env, check=False)
    assert done.returncode == 2 and "pmlint is not installed" in done.stderr


@pytest.mark.skipif("sync-todo" not in COMMANDS, reason="sync-todo is not registered yet")
def test_hook_fails_when_todo_md_is_stale(repo: Path) -> None:
    stage(repo, "docs/incidents/2026-03-10-pool.md", BASE)
    done = run_hook(repo)
    assert done.returncode == 1 and "TODO.md is out of date" in done.stderr
    subprocess.run([sys.executable, "-m", "pmlint", "sync-todo"], cwd=repo, check=True, capture_output=True)
    assert run_hook(repo).returncode == 0


def test_installed_hook_blocks_git_commit(repo: Path) -> None:
    result = CliRunner().invoke(main, ["install-hook"], obj=Environment(variables={}))
    assert result.exit_code == 0, result.stderr
    stage(repo, "docs/incidents/2026-03-10-pool.md", ASAP)
    done = subprocess.run(["git", "commit", "-q", "-m", "pm"], cwd=repo, capture_output=True, text=True,
                          env=hook_env(PMLINT_SKIP_TODO="1"), check=False)
    assert done.returncode != 0 and "PM404" in done.stdout + done.stderr
    stage(repo, "docs/incidents/2026-03-10-pool.md", BASE)
    done = subprocess.run(["git", "commit", "-q", "-m", "pm"], cwd=repo, capture_output=True, text=True,
                          env=hook_env(PMLINT_SKIP_TODO="1"), check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_staged_outside_git_and_with_paths_exit_2(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = CliRunner().invoke(main, ["check", "--staged"], obj=Environment(variables={}))
    assert result.exit_code == ExitStatus.ERROR and "not inside a git repository" in result.stderr
    result = CliRunner().invoke(main, ["check", "--staged", "x.md"], obj=Environment(variables={}))
    assert result.exit_code == ExitStatus.ERROR and "give no paths" in result.stderr


def test_check_staged_with_nothing_staged_passes(repo: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--staged"], obj=Environment(variables={}))
    assert result.exit_code == ExitStatus.SUCCESS, result.stdout
