"""The cache folder is pmlint's only when it can prove it (issue 16, items 4 and 25)."""

from __future__ import annotations

from pathlib import Path

import pytest
from attackkit import INCIDENTS, make_repo, pmlint, snapshot

from pmlint.lint.cache import MARKER, MARKER_TEXT


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def configure(repo: Path, cache_dir: str) -> None:
    with (repo / "pyproject.toml").open("a", encoding="utf-8") as stream:
        stream.write(f'cache_dir = "{cache_dir}"\n')


def test_the_cache_folder_is_tagged_and_ignored_by_git(repo: Path) -> None:
    assert pmlint("check").code in (0, 1)
    folder = repo / ".pmlint_cache"
    assert (folder / MARKER).read_text(encoding="utf-8") == MARKER_TEXT
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "*\n"
    assert len(list(folder.glob("findings-*.json"))) == 1


def test_cache_dir_dot_deletes_and_writes_nothing_in_the_project_root(repo: Path) -> None:
    configure(repo, ".")
    (repo / "findings-2026-q1.json").write_text('{"team": "data"}', encoding="utf-8")
    before = snapshot(repo)
    first, second = pmlint("check"), pmlint("check")
    assert first.stdout == second.stdout
    assert snapshot(repo) == before  # before the fix: the JSON deleted, a .gitignore of '*' written
    assert not (repo / ".gitignore").exists()


def test_a_committed_symlink_as_cache_folder_is_not_followed(repo: Path) -> None:
    outside = repo.parent / "home"
    outside.mkdir()
    (outside / "findings-report.json").write_text("{}", encoding="utf-8")
    (repo / ".pmlint_cache").symlink_to(outside, target_is_directory=True)
    pmlint("check")
    assert sorted(p.name for p in outside.iterdir()) == ["findings-report.json"]
    assert (repo / ".pmlint_cache").is_symlink()


@pytest.mark.parametrize("cache_dir", ["../outside-cache", "/tmp/pmlint-attack-cache"])
def test_a_cache_folder_outside_the_project_is_never_created(repo: Path, cache_dir: str) -> None:
    configure(repo, cache_dir)
    target = (repo / cache_dir).resolve()
    assert not target.exists()
    pmlint("check")
    assert not target.exists()


def test_a_folder_holding_other_files_is_not_the_cache(repo: Path) -> None:
    configure(repo, "docs")
    before = snapshot(repo / "docs")
    pmlint("check")
    pmlint("check")
    assert snapshot(repo / "docs") == before


def test_an_older_pmlint_cache_folder_is_adopted(repo: Path) -> None:
    folder = repo / ".pmlint_cache"
    folder.mkdir()
    (folder / ".gitignore").write_text("*\n", encoding="utf-8")
    (folder / "findings-1-0.9.0-abc-def.json").write_text("{}", encoding="utf-8")
    pmlint("check")
    assert (folder / MARKER).exists()
    assert [p.name for p in folder.glob("findings-*.json")] != ["findings-1-0.9.0-abc-def.json"]


def test_without_a_config_file_the_cache_lives_beside_the_checked_files(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_repo(tmp_path / "project")
    (project / "pyproject.toml").unlink()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    pmlint("check", str(project / INCIDENTS))
    assert not (elsewhere / ".pmlint_cache").exists()  # before the fix: created in the working folder
    assert (project / ".pmlint_cache" / MARKER).exists()  # the repository (.git) holding the files
