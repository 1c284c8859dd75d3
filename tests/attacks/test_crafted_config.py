"""Crafted configurations and hooks: a FIFO never hangs a command, ``template`` stays inside the
project, install-hook never overwrites a hook without a backup (issue 16, items 24, 28, 29)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from attackkit import INCIDENTS, make_repo, pmlint, pmlint_process

from pmlint.cli.tools import hook_script

SECRET = "root:$6$salt$hash:19000:0:99999:7:::\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("args", [("check", "--config", "fifo.toml"),
                                  ("check", "--no-cache", "--baseline", "fifo.toml"),
                                  ("new", "Pipe", "--config", "template.toml")])
def test_a_fifo_as_config_baseline_or_template_does_not_hang(repo: Path, args: tuple[str, ...]) -> None:
    os.mkfifo(repo / "fifo.toml")
    (repo / "template.toml").write_text('template = "fifo.toml"\n', encoding="utf-8")  # a .pmlint.toml-style file
    result = pmlint_process(repo, *args, timeout=30)  # before the fix: blocked until killed
    assert result.returncode == 2, result.stdout + result.stderr
    assert "not a regular file" in result.stderr and "Traceback" not in result.stderr
    assert list((repo / INCIDENTS).glob("*pipe*")) == []


@pytest.mark.parametrize("template", ["/etc/passwd", "../secret.md", "linked.md"])
def test_the_template_must_lie_inside_the_project(repo: Path, template: str) -> None:
    (repo.parent / "secret.md").write_text(SECRET, encoding="utf-8")
    (repo / "linked.md").symlink_to(repo.parent / "secret.md")
    with (repo / "pyproject.toml").open("a", encoding="utf-8") as stream:
        stream.write(f'template = "{template}"\n')
    result = pmlint("new", "Leak", "--date", "2026-04-01")
    assert result.code == 2 and "'template' must name a file inside" in result.stderr
    assert list((repo / INCIDENTS).glob("*leak*")) == []  # before the fix: a copy of the file


def test_a_template_inside_the_project_is_used(repo: Path) -> None:
    (repo / "tpl.md").write_text("---\ntitle: $title_yaml\n---\n# $title\n", encoding="utf-8")
    with (repo / "pyproject.toml").open("a", encoding="utf-8") as stream:
        stream.write('template = "tpl.md"\n')
    assert pmlint("new", "Fine", "--date", "2026-04-01").code == 0
    assert (repo / INCIDENTS / "2026-04-01-fine.md").read_text(encoding="utf-8").endswith("# Fine\n")


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture
def hooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / ".git" / "hooks"
    folder.mkdir(exist_ok=True)
    return folder


@needs_git
def test_an_edited_pmlint_hook_is_kept_as_a_backup(hooks: Path) -> None:
    edited = hook_script() + "\n# our team's extra step\nmake docs-lint\n"
    (hooks / "pre-commit").write_text(edited, encoding="utf-8")
    result = pmlint("install-hook")
    assert result.code == 0
    assert (hooks / "pre-commit").read_text(encoding="utf-8") == hook_script()
    assert (hooks / "pre-commit.pmlint-backup").read_text(encoding="utf-8") == edited  # before: lost
    assert "pre-commit.pmlint-backup" in result.stdout


@needs_git
def test_a_linked_hook_to_a_customised_tracked_copy_is_not_replaced(hooks: Path) -> None:
    tracked = hooks.parent.parent / "scripts" / "pre-commit"
    tracked.parent.mkdir()
    customised = hook_script() + "\nmake docs-lint\n"
    tracked.write_text(customised, encoding="utf-8")
    (hooks / "pre-commit").symlink_to(tracked)
    refused = pmlint("install-hook")
    assert refused.code == 2 and "--chain" in refused.stderr
    assert (hooks / "pre-commit").is_symlink() and tracked.read_text(encoding="utf-8") == customised
    forced = pmlint("install-hook", "--force")
    assert forced.code == 0
    assert (hooks / "pre-commit.pmlint-backup").is_symlink()  # the link itself moved aside
    assert tracked.read_text(encoding="utf-8") == customised


@needs_git
def test_an_up_to_date_hook_is_not_rewritten(hooks: Path) -> None:
    assert pmlint("install-hook").code == 0
    inode = (hooks / "pre-commit").stat().st_ino
    again = pmlint("install-hook")
    assert again.code == 0 and "already pmlint's hook" in again.stdout
    assert (hooks / "pre-commit").stat().st_ino == inode and not list(hooks.glob("*.pmlint-backup*"))
