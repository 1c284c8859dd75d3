"""A full disk or a read-only file is a one-line error naming the file, exit 2, and leaves
every file as it was (issue 16, items 13 and 23)."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest
from attackkit import INCIDENTS, make_repo, pmlint, postmortem, snapshot, tick

from pmlint.workspace import files as fileio

TIMELINE = "## Timeline\n\n| Time | Event |\n|---|---|\n| 9:02 | Alert |\n\n## Summary"
POOL = f"{INCIDENTS}/2026-03-10-db-pool.md"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo", {POOL: postmortem().replace("## Summary", TIMELINE)})
    monkeypatch.chdir(root)
    return root


def fail_with(monkeypatch: pytest.MonkeyPatch, name: str, code: int) -> None:
    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fileio.os, name, failing)


@pytest.mark.parametrize(("call", "code"), [("fsync", errno.ENOSPC), ("replace", errno.ENOSPC),
                                            ("mkstemp", errno.EROFS)])
def test_fix_on_a_full_disk_is_a_one_line_error(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                               call: str, code: int) -> None:
    before = snapshot(repo)
    if call == "mkstemp":  # a read-only folder: the temp file cannot even be made
        def read_only(*args: object, **kwargs: object) -> None:
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(tempfile, "mkstemp", read_only)
    else:
        fail_with(monkeypatch, call, code)
    monkeypatch.setattr(fileio, "_exchange", lambda first, second: False)
    result = pmlint("check", "--no-cache", "--fix", POOL)
    monkeypatch.undo()
    assert result.code == 2, result.stdout + result.stderr  # before the fix: a traceback and exit 1
    assert f"{POOL}:1:1: error: cannot write the fixes" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(repo) == before


def test_a_read_only_todo_file_is_not_replaced(repo: Path) -> None:
    assert pmlint("sync-todo").code == 0
    todo = repo / "TODO.md"
    todo.write_text(tick(todo.read_text(encoding="utf-8"), "AI-001"), encoding="utf-8")
    todo.chmod(0o444)
    before = snapshot(repo)
    inode = todo.stat().st_ino
    result = pmlint("sync-todo")
    assert result.code == 2 and "TODO.md: is read-only" in result.stderr
    assert todo.stat().st_ino == inode and snapshot(repo) == before  # before the fix: replaced anyway


def test_a_read_only_post_mortem_keeps_the_tick_in_todo(repo: Path) -> None:
    assert pmlint("sync-todo").code == 0
    todo = repo / "TODO.md"
    todo.write_text(tick(todo.read_text(encoding="utf-8"), "AI-001"), encoding="utf-8")
    (repo / POOL).chmod(0o444)
    before = (repo / POOL).read_bytes()
    result = pmlint("sync-todo")
    assert result.code == 0 and "is read-only" in result.stderr and "kept in TODO.md only" in result.stderr
    assert (repo / POOL).read_bytes() == before


def test_fix_leaves_a_read_only_post_mortem_alone(repo: Path) -> None:
    (repo / POOL).chmod(0o444)
    before = (repo / POOL).read_bytes()
    result = pmlint("check", "--no-cache", "--fix", POOL)
    assert "not fixed" in result.stderr and "is read-only" in result.stderr
    assert (repo / POOL).read_bytes() == before
