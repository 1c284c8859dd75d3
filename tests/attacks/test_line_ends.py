"""Line ends survive: --fix on a CR-only file, a no-op sync of a TODO.md with one CRLF line
(issue 16, items 22 and 31)."""

from __future__ import annotations

from pathlib import Path

import pytest
from attackkit import INCIDENTS, make_repo, pmlint, postmortem

TIMELINE = "## Timeline\n\n| Time | Event |\n|---|---|\n| 9:02 | Alert |\n\n## Summary"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def test_fix_on_a_cr_only_file_inserts_cr_line_ends(repo: Path) -> None:
    path = repo / INCIDENTS / "2026-03-10-db-pool.md"
    text = postmortem().replace("## Summary", TIMELINE).replace("\n## Lessons Learned\n\n- Pool limits belong"
                                                               " in reviewed configuration.\n", "\n")
    path.write_bytes(text.replace("\n", "\r").encode())
    pmlint("check", "--no-cache", "--fix", str(path))
    data = path.read_bytes()
    assert b"| 09:02 |" in data and b"## Lessons Learned" in data  # a padded time and an inserted section
    assert b"\n" not in data  # before the fix: the inserted section came with LF line ends


def test_one_crlf_line_in_the_human_text_does_not_turn_the_block_crlf(repo: Path) -> None:
    todo = repo / "TODO.md"
    todo.write_bytes(b"# Team TODO\r\n\nNotes kept by hand.\n")
    assert pmlint("sync-todo").code == 0
    data = todo.read_bytes()
    assert data.count(b"\r\n") == 1  # the person's line, and only it
    assert pmlint("sync-todo").code == 0
    assert todo.read_bytes() == data  # before the fix: a no-op sync rewrote the whole block to CRLF


def test_a_crlf_todo_block_stays_crlf(repo: Path) -> None:
    todo = repo / "TODO.md"
    assert pmlint("sync-todo").code == 0
    crlf = todo.read_bytes().replace(b"\n", b"\r\n") + b"A last LF line\n"
    todo.write_bytes(crlf)
    assert pmlint("sync-todo").code == 0
    assert todo.read_bytes() == crlf
