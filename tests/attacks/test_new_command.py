"""``pmlint new``: any title gives a post-mortem that parses, a failed write leaves no file,
non-Latin titles get distinct names (issue 16, items 16, 17, 26, 27)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from attackkit import INCIDENTS, make_repo, pmlint, pmlint_process

from pmlint.cli.tools import slugify
from pmlint.workspace import files as fileio


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo", {})
    monkeypatch.chdir(root)
    return root


def created(repo: Path) -> list[Path]:
    return sorted((repo / INCIDENTS).glob("*.md"))


def test_an_invalid_utf8_title_is_refused_without_a_file(repo: Path) -> None:
    result = pmlint_process(repo, "new", os.fsdecode(b"Outage \xff\xfe"), extra_env={"LC_ALL": "C.UTF-8"})
    assert result.returncode == 2 and "not valid UTF-8" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert created(repo) == []  # before the fix: a 0-byte post-mortem that blocked the retry


def test_a_full_disk_leaves_no_empty_post_mortem(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(handle: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync", full)
    result = pmlint("new", "Disk filled up", "--date", "2026-04-01")
    assert result.code == 2 and "No space left on device" in result.stderr
    assert "2026-04-01-disk-filled-up.md" in result.stderr
    assert list((repo / INCIDENTS).iterdir()) == []  # no post-mortem, no temp file
    monkeypatch.undo()
    monkeypatch.chdir(repo)
    assert pmlint("new", "Disk filled up", "--date", "2026-04-01").code == 0  # the retry works


@pytest.mark.parametrize("title", ["Outage \x85 next line", "Billing \x9b31m down", "Odd \ufffe char",
                                   "Line\u2028separator", "Quote \" and backslash \\ and #hash: colon"])
def test_any_title_gives_front_matter_that_parses(repo: Path, title: str) -> None:
    made = pmlint("new", title, "--date", "2026-04-01", "--severity", "SEV-2")
    assert made.code == 0, made.stderr
    [path] = created(repo)
    result = pmlint("check", "--no-cache", "--select", "PM002,PM001,PM004", str(path))
    assert "PM002" not in result.stdout and "PM001" not in result.stdout, result.stdout  # parses


def test_two_non_latin_titles_on_one_day_get_two_files(repo: Path) -> None:
    for title in ("Сбой базы данных", "Отказ очереди", "数据库故障", "キューの遅延"):
        result = pmlint("new", title, "--date", "2026-04-01")
        assert result.code == 0, result.stderr  # before the fix: both slugged to 'incident', the second refused
    assert len(created(repo)) == 4


@pytest.mark.parametrize(("title", "slug"), [
    ("DB pool: exhausted (EU)", "db-pool-exhausted-eu"),
    ("Café crème outage", "cafe-creme-outage"),
    ("Сбой базы данных", "сбой-базы-данных"),
    ("डेटाबेस विफलता", "डेटाबेस-विफलता"),
    ("!!!", "incident"),
])
def test_slugs_keep_letters(title: str, slug: str) -> None:
    assert slugify(title) == slug
