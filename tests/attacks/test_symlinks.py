"""Symbolic links: no command writes through one, or outside the repository (issue 16, items 1, 7, 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from attackkit import INCIDENTS, make_repo, pmlint, postmortem, snapshot, tick

PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
TIMELINE = "## Timeline\n\n| Time | Event |\n|---|---|\n| 9:02 | Alert |\n\n## Summary"
UNPADDED = postmortem().replace("## Summary", TIMELINE)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def test_fix_never_rewrites_a_file_outside_the_repository_through_a_link(repo: Path) -> None:
    outside = repo.parent / "passwd"
    outside.write_text(PASSWD, encoding="utf-8")
    (repo / INCIDENTS / "passwd.md").symlink_to(outside)
    result = pmlint("check", "--no-cache", "--fix")
    assert outside.read_text(encoding="utf-8") == PASSWD  # before: 36 lines of skeleton sections
    assert (repo / INCIDENTS / "passwd.md").is_symlink()
    assert "passwd.md: is a symbolic link" in result.stderr and "not fixed" in result.stderr
    assert "Traceback" not in result.stderr


def test_fix_never_writes_into_a_linked_folder_outside_the_repository(repo: Path) -> None:
    outside = repo.parent / "elsewhere"
    outside.mkdir()
    (outside / "pm.md").write_text(UNPADDED, encoding="utf-8")
    (repo / INCIDENTS / "linked").symlink_to(outside, target_is_directory=True)
    result = pmlint("check", "--no-cache", "--fix")
    assert (outside / "pm.md").read_text(encoding="utf-8") == UNPADDED
    assert "outside" in result.stderr and "not fixed" in result.stderr


def test_fix_writes_the_real_file_when_named_directly(repo: Path) -> None:
    real = repo / INCIDENTS / "real.md"
    real.write_text(UNPADDED, encoding="utf-8")
    pmlint("check", "--no-cache", "--fix", str(real))
    assert "| 09:02 |" in real.read_text(encoding="utf-8")


def test_sync_lists_a_linked_post_mortem_once_and_keeps_the_link(repo: Path) -> None:
    real = repo / INCIDENTS / "2026-03-10-db-pool.md"
    link = repo / INCIDENTS / "2026-03-10-alias.md"
    link.symlink_to(real.name)
    assert pmlint("sync-todo").code == 0
    todo = (repo / "TODO.md").read_text(encoding="utf-8")
    assert todo.count("AI-001") == 1, todo  # before: listed under the link and under its target
    assert "alias" not in todo
    (repo / "TODO.md").write_text(tick(todo, "AI-001"), encoding="utf-8")
    result = pmlint("sync-todo")
    assert result.code == 0, result.stderr
    assert link.is_symlink()  # before: replaced by a copy holding the write-back
    assert "| AI-001 | Add alert for DB pool saturation | @dana | P1 | 2026-05-01 | Done |" in real.read_text("utf-8")


def test_sync_keeps_a_tick_it_cannot_write_through_a_link(repo: Path) -> None:
    (repo / "shared").mkdir()
    target = repo / "shared" / "pm.md"
    target.write_text(postmortem("Queue backlog", "2026-02-01").replace("AI-00", "Q-00"), encoding="utf-8")
    link = repo / INCIDENTS / "2026-02-01-queue.md"
    link.symlink_to(target)
    assert pmlint("sync-todo").code == 0
    todo = (repo / "TODO.md").read_text(encoding="utf-8")
    assert f"_(ref: {INCIDENTS}/2026-02-01-queue.md)_" in todo  # the path the reader sees
    before = target.read_bytes()
    ticked = tick(todo, "Q-001")
    (repo / "TODO.md").write_text(ticked, encoding="utf-8")
    result = pmlint("sync-todo")
    assert result.code == 0, result.stderr
    assert link.is_symlink() and target.read_bytes() == before
    assert "symbolic link" in result.stderr and "kept in TODO.md only" in result.stderr
    assert "- [x] Q-001" in (repo / "TODO.md").read_text(encoding="utf-8")


def test_sync_refuses_a_linked_todo_file(repo: Path) -> None:
    (repo / "notes").mkdir()
    (repo / "notes" / "TODO.md").write_text("# Team notes\n", encoding="utf-8")
    (repo / "TODO.md").symlink_to("notes/TODO.md")
    before = snapshot(repo)
    for args in (("sync-todo",), ("sync-todo", "--check")):
        result = pmlint(*args)
        assert result.code == 2, result.stdout
        assert "TODO.md: is a symbolic link" in result.stderr and "--todo" in result.stderr
    assert (repo / "TODO.md").is_symlink() and snapshot(repo) == before
    named = pmlint("sync-todo", "--todo", "notes/TODO.md")
    assert named.code == 0, named.stderr
    assert f"_(ref: ../{INCIDENTS}/2026-03-10-db-pool.md)_" in (repo / "notes" / "TODO.md").read_text("utf-8")
