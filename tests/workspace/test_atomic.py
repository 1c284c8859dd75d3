"""Files on disk: sync-todo and ``check --fix`` write atomically, keep line ends
and the BOM, and a process killed midway leaves every file as it was.

The "kill" is the test-only hook of :mod:`pmlint.workspace.files`:
``PMLINT_TEST_CRASH_AFTER_STAGE=1`` makes a write ``os._exit(70)`` after every
temp file is staged and before the first rename — the moment a crash would do
the most harm. No cleanup code runs, exactly as with ``kill -9``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pmlint.workspace import files as fileio
from pmlint.workspace.files import (
    CRASH_AFTER_STAGE,
    CRASH_EXIT_CODE,
    OLD_SUFFIX,
    TEMP_SUFFIX,
    sweep_leftovers,
    write_all,
)

BASE = (Path(__file__).parents[1] / "rules" / "base.md").read_bytes()
CONFIG = b'[tool.pmlint]\nincidents = "docs/incidents"\ntodo = "TODO.md"\n'
INCIDENT = "docs/incidents/2026-03-10-db-pool.md"


def crlf_bom(data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")


def pmlint(project: Path, *args: str, crash: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop(CRASH_AFTER_STAGE, None)
    if crash:
        env[CRASH_AFTER_STAGE] = "1"
    return subprocess.run([sys.executable, "-m", "pmlint", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def snapshot(project: Path) -> dict[str, bytes]:
    """Every file's bytes (pmlint's own cache and temp files aside)."""
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in sorted(project.rglob("*"))
            if p.is_file() and ".pmlint_cache" not in p.parts and p not in leftovers(project)}


def leftovers(project: Path) -> list[Path]:
    return [p for p in project.rglob("*") if p.name.endswith((TEMP_SUFFIX, OLD_SUFFIX))]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository whose post-mortem (CRLF + BOM) and TODO.md both change on the next sync."""
    (tmp_path / "pyproject.toml").write_bytes(CONFIG)
    (tmp_path / "docs" / "incidents").mkdir(parents=True)
    (tmp_path / INCIDENT).write_bytes(crlf_bom(BASE))
    first = pmlint(tmp_path, "sync-todo")
    assert first.returncode == 0, first.stderr
    todo = (tmp_path / "TODO.md").read_bytes()
    ticked = todo.replace(b"- [ ] AI-002", b"- [x] AI-002")
    assert ticked != todo
    (tmp_path / "TODO.md").write_bytes(ticked)  # written back as Done into the post-mortem
    return tmp_path


def test_sync_todo_killed_after_staging_changes_nothing(project: Path) -> None:
    before = snapshot(project)
    killed = pmlint(project, "sync-todo", crash=True)
    assert killed.returncode == CRASH_EXIT_CODE, killed.stderr
    assert snapshot(project) == before  # byte for byte: TODO.md and the post-mortem
    stale = leftovers(project)
    assert {p.parent.name for p in stale} == {project.name, "incidents"}  # both files had been staged

    # the leftovers are never linted, and the next sync removes them and does the work
    assert "pmlint-tmp" not in pmlint(project, "check", "docs/incidents").stdout
    done = pmlint(project, "sync-todo")
    assert done.returncode == 0, done.stderr
    assert leftovers(project) == []
    incident = (project / INCIDENT).read_bytes()
    assert b"| AI-002 |" in incident and b"| Done |" in incident.split(b"| AI-002 |")[1].split(b"\r\n")[0]
    assert incident.startswith(b"\xef\xbb\xbf") and incident.count(b"\n") == incident.count(b"\r\n")
    assert pmlint(project, "sync-todo", "--check").returncode == 0


def test_check_fix_killed_after_staging_changes_nothing(project: Path) -> None:
    path = project / INCIDENT
    path.write_bytes(crlf_bom(BASE.replace(b"| 14:02 |", b"| 14.02 |", 1)))
    before = snapshot(project)
    killed = pmlint(project, "check", "--fix", "--no-cache", INCIDENT, crash=True)
    assert killed.returncode == CRASH_EXIT_CODE, killed.stderr
    assert snapshot(project) == before

    fixed = pmlint(project, "check", "--fix", "--no-cache", INCIDENT)
    assert fixed.returncode in (0, 1), fixed.stderr
    assert leftovers(project) == []
    assert path.read_bytes() == crlf_bom(BASE)  # only '14.02' changed; CRLF and BOM kept


# ------------------------------------------------------------------ write_all itself


def test_a_failed_rename_puts_back_the_files_already_replaced(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_bytes(b"old a\r\n")
    second.mkdir()  # renaming a file over a folder fails
    with pytest.raises(OSError):
        write_all({first: b"new a\r\n", second: b"new b"})
    assert first.read_bytes() == b"old a\r\n"
    assert leftovers(tmp_path) == []


def test_a_failed_rename_removes_files_the_batch_created(tmp_path: Path) -> None:
    created, blocked = tmp_path / "new.md", tmp_path / "z.md"
    blocked.mkdir()
    with pytest.raises(OSError):
        write_all({created: b"new", blocked: b"x"})
    assert not created.exists()
    assert leftovers(tmp_path) == []


def test_ctrl_c_during_the_renames_waits_for_the_last_one(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    files = {tmp_path / f"{name}.md": f"new {name}".encode() for name in "abc"}
    for path in files:
        path.write_bytes(b"old")
    real_replace = os.replace

    def interrupted_replace(source: str | Path, target: str | Path) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C right after the first rename starts
        monkeypatch.setattr(fileio.os, "replace", real_replace)
        real_replace(source, target)

    monkeypatch.setattr(fileio.os, "replace", interrupted_replace)
    with pytest.raises(KeyboardInterrupt):
        write_all(files)
    assert {path.read_bytes() for path in files} == {b"new a", b"new b", b"new c"}
    assert leftovers(tmp_path) == []


def test_leftovers_of_dead_processes_are_swept_and_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)
    stale = [tmp_path / f".TODO.md.{dead_pid}.k3j_x{TEMP_SUFFIX}",
             tmp_path / f".a.b.md.{dead_pid}.q{OLD_SUFFIX}"]
    live = tmp_path / f".TODO.md.{os.getpid()}.abc{TEMP_SUFFIX}"
    unrelated = [tmp_path / ".TODO.md.notapid.x.pmlint-tmp", tmp_path / "notes.pmlint-tmp"]
    for path in (*stale, live, *unrelated):
        path.write_bytes(b"x")
    assert sorted(sweep_leftovers(tmp_path)) == sorted(stale)
    assert live.exists() and all(path.exists() for path in unrelated)


def test_mode_and_line_ends_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "run.sh"
    path.write_bytes(b"#!/bin/sh\r\n")
    path.chmod(0o750)
    write_all({path: b"#!/bin/sh\r\necho hi\r\n"})
    assert path.read_bytes() == b"#!/bin/sh\r\necho hi\r\n"
    assert path.stat().st_mode & 0o777 == 0o750
