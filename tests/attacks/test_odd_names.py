"""Odd file names are reported, never fatal, and TODO.md stays parseable (issue 16, items 9 and 15)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from attackkit import INCIDENTS, make_repo, pmlint, pmlint_process, postmortem

pytestmark = pytest.mark.skipif(sys.platform == "darwin", reason="APFS refuses names that are not UTF-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def add_named(repo: Path, name: bytes) -> None:
    folder = os.fsencode(repo / INCIDENTS)
    with open(os.path.join(folder, name), "wb") as stream:
        stream.write(postmortem("Odd", "2026-02-02").replace("AI-00", "ODD-").encode())


@pytest.mark.parametrize("name", [b"2026-02-02-line\nbreak.md", b"2026-02-02-\xff\xfe-latin1.md",
                                  b"2026-02-02-esc\x1b[31m.md"])
def test_an_odd_file_name_is_reported_and_the_rest_synced(repo: Path, name: bytes) -> None:
    add_named(repo, name)
    first = pmlint("sync-todo")
    assert first.code == 2  # reported, like an unreadable post-mortem
    assert "rename the file" in first.stderr and "\n" not in first.stderr.rstrip("\n")
    assert "\x1b" not in first.stderr
    todo = (repo / "TODO.md").read_text(encoding="utf-8")
    assert "AI-001" in todo and "ODD-1" not in todo  # the other post-mortems are synced
    again = pmlint("sync-todo")  # before the fix: a broken item line, and exit 2 from then on
    assert again.code == 2 and "TODO.md:" not in again.stderr
    assert (repo / "TODO.md").read_text(encoding="utf-8") == todo
    assert pmlint("sync-todo", "--check").code == 2


@pytest.mark.parametrize("name", [b"2026-02-02-line\nbreak.md", b"2026-02-02-\xff\xfe-latin1.md"])
@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_check_survives_an_odd_file_name(repo: Path, name: bytes, cache: list[str]) -> None:
    add_named(repo, name)
    for _ in range(2):  # cold, then warm
        result = pmlint_process(repo, "check", *cache)
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr and "ODD-1" not in result.stderr
