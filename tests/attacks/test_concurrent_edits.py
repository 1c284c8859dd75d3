"""Edits made while pmlint runs are never lost (issue 16, items 3 and 21), and the experiments
that already passed keep passing: concurrent syncs lose no tick, kill -9 leaves each file old or new."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from attackkit import INCIDENTS, make_repo, pmlint, pmlint_process, postmortem, snapshot, tick

import pmlint.cli.todo as todo_command
from pmlint.workspace import files as fileio

POOL = f"{INCIDENTS}/2026-03-10-db-pool.md"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    assert pmlint("sync-todo").code == 0
    todo = root / "TODO.md"
    todo.write_text(tick(todo.read_text(encoding="utf-8"), "AI-001"), encoding="utf-8")  # a write-back is due
    return root


def edit_during_sync(monkeypatch: pytest.MonkeyPatch, edit: Callable[[], None]) -> None:
    """Run ``edit`` after sync-todo has read everything and before it writes."""
    real = todo_command.sync

    def sync_then_edit(*args: object, **kwargs: object) -> object:
        outcome = real(*args, **kwargs)  # type: ignore[arg-type]
        edit()
        return outcome

    monkeypatch.setattr(todo_command, "sync", sync_then_edit)


@pytest.mark.parametrize("edited", ["TODO.md", POOL])
def test_sync_keeps_an_edit_made_while_it_runs(repo: Path, monkeypatch: pytest.MonkeyPatch, edited: str) -> None:
    path = repo / edited
    note = "\nA sentence added while the sync was running.\n"
    edit_during_sync(monkeypatch, lambda: path.write_text(path.read_text("utf-8") + note, encoding="utf-8"))
    before = snapshot(repo)
    result = pmlint("sync-todo")
    assert result.code == 2, result.stdout
    assert f"{edited} changed while sync-todo was running; nothing was changed" in result.stderr
    after = snapshot(repo)
    assert after[edited].decode().endswith(note)  # before the fix: overwritten without a warning
    assert {name: data for name, data in after.items() if name != edited} == \
        {name: data for name, data in before.items() if name != edited}
    monkeypatch.undo()
    monkeypatch.chdir(repo)
    assert pmlint("sync-todo").code == 0  # the next run does the work and keeps the sentence
    assert note.strip() in path.read_text(encoding="utf-8")


def test_sync_does_not_replace_a_todo_file_created_while_it_runs(repo: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    todo = repo / "TODO.md"
    todo.unlink()
    edit_during_sync(monkeypatch, lambda: todo.write_text("# Written meanwhile\n", encoding="utf-8"))
    assert pmlint("sync-todo").code == 2
    assert todo.read_text(encoding="utf-8") == "# Written meanwhile\n"


def unpadded(repo: Path) -> Path:
    path = repo / POOL
    path.write_text(postmortem().replace("## Summary", "## Timeline\n\n| Time | Event |\n|---|---|\n"
                                         "| 9:02 | Alert |\n\n## Summary"), encoding="utf-8")
    return path


def test_fix_keeps_an_edit_made_between_its_check_and_the_rename(repo: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The narrow window of item 21: the edit lands right before the rename (on Linux, after the
    last moment a read-and-compare could run; elsewhere the fallback compare still sees it)."""
    path = unpadded(repo)
    edited = path.read_text(encoding="utf-8") + "\nEdited at the last moment.\n"
    real = fileio._exchange
    calls: list[Path] = []

    def edit_then_exchange(first: Path, second: Path) -> bool:
        if not calls:
            second.write_text(edited, encoding="utf-8")
        calls.append(second)
        return real(first, second)

    monkeypatch.setattr(fileio, "_exchange", edit_then_exchange)
    result = pmlint("check", "--no-cache", "--fix", POOL)
    assert path.read_text(encoding="utf-8") == edited  # before the fix: replaced by the fixed old text
    assert "changed on disk while fixing" in result.stderr
    assert not [p for p in path.parent.iterdir() if p.name.endswith(fileio.TEMP_SUFFIX)]


# ----------------------------------------------------------------- experiments that passed


def test_concurrent_syncs_lose_no_tick(repo: Path) -> None:
    todo = repo / "TODO.md"
    todo.write_text(tick(todo.read_text(encoding="utf-8"), "AI-002"), encoding="utf-8")
    runs = [subprocess.Popen([sys.executable, "-m", "pmlint", "sync-todo", "--today", "2026-04-15"], cwd=repo,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode in (0, 2), err  # 2: another run changed a file first; it wrote nothing
        assert "Traceback" not in err
    final = pmlint_process(repo, "sync-todo", "--today", "2026-04-15")
    assert final.returncode == 0, final.stderr
    text = (repo / POOL).read_text(encoding="utf-8")
    for item in ("AI-001", "AI-002"):
        assert f"| {item} |" in text and text.split(f"| {item} |")[1].split("\n")[0].rstrip().endswith("| Done |")
        assert f"- [x] {item}" in todo.read_text(encoding="utf-8")
    assert pmlint_process(repo, "sync-todo", "--check", "--today", "2026-04-15").returncode == 0


def test_kill_9_during_a_sync_leaves_each_file_old_or_new(tmp_path: Path) -> None:
    count = 60
    files = {f"{INCIDENTS}/2026-03-{day:02d}-pm{index}.md": postmortem(f"Outage {index}", f"2026-03-{day:02d}")
             for index in range(count) for day in [1 + index % 28]}
    repo = make_repo(tmp_path / "repo", files)
    assert pmlint_process(repo, "sync-todo").returncode == 0
    todo = repo / "TODO.md"
    ticked = todo.read_text(encoding="utf-8").replace("- [ ] AI-001", "- [x] AI-001")
    todo.write_text(ticked, encoding="utf-8")
    old = snapshot(repo)
    started = time.monotonic()
    done = pmlint_process(repo, "sync-todo")
    took = time.monotonic() - started  # kills land anywhere in a run: start-up, reading, writing
    assert done.returncode == 0, done.stderr
    new = snapshot(repo)
    for name, data in old.items():
        (repo / name).write_bytes(data)
    rng = random.Random(16)
    for _ in range(3):
        run = subprocess.Popen([sys.executable, "-m", "pmlint", "sync-todo"], cwd=repo,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 1.0) * took)
        run.send_signal(signal.SIGKILL)
        run.wait()
        now = snapshot(repo)
        for name, data in now.items():
            if name.endswith(".md"):
                assert data in (old.get(name), new.get(name)), name
        assert pmlint_process(repo, "sync-todo", "--check").returncode in (0, 1)  # TODO.md parses
        for name, data in old.items():
            (repo / name).write_bytes(data)
