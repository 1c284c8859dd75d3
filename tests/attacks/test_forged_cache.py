"""A cache file pmlint did not write never hides a finding, and a damaged one never crashes
a check (issue 16, item 20)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from attackkit import INCIDENTS, make_repo, pmlint, pmlint_process, postmortem

from pmlint.lint.cache import MARKER, MARKER_TEXT

BAD_OWNER = postmortem().replace("| @dana |", "| the team |")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo", {f"{INCIDENTS}/2026-03-10-db-pool.md": BAD_OWNER})
    monkeypatch.chdir(root)
    return root


def _warm(repo: Path) -> Path:
    first = pmlint("check")
    assert first.code == 1 and "PM402" in first.stdout
    [path] = (repo / ".pmlint_cache").glob("findings-*.json")
    return path


def _split(data: bytes) -> tuple[bytes, bytes]:
    """(whatever precedes the JSON, the JSON)."""
    start = data.index(b"{")
    return data[:start], data[start:]


def test_an_edited_cache_file_does_not_hide_findings(repo: Path) -> None:
    path = _warm(repo)
    head, body = _split(path.read_bytes())
    payload = json.loads(body)
    for entry in payload["entries"].values():
        entry["findings"] = []  # "nothing to see here"
    path.write_bytes(head + json.dumps(payload).encode())
    result = pmlint("check")  # before: 'All checks passed'
    assert result.code == 1 and "PM402" in result.stdout


def test_a_committed_cache_folder_does_not_hide_findings(repo: Path) -> None:
    """A pull request adds the folder, its tag and a cache file keyed exactly as pmlint keys it."""
    name = _warm(repo).name
    shutil.rmtree(repo / ".pmlint_cache")
    folder = repo / ".pmlint_cache"
    folder.mkdir()
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    relative = f"{INCIDENTS}/2026-03-10-db-pool.md"
    key = hashlib.blake2b(relative.encode() + b"\0" + (repo / relative).read_bytes(), digest_size=16).hexdigest()
    payload = {"saved_ns": 0, "stats": {}, "entries": {key: {"findings": [], "lines": []}}}
    for seal in (b"", b"0" * 64 + b"\n"):  # no seal, and a guessed one
        (folder / name).write_bytes(seal + json.dumps(payload).encode())
        result = pmlint("check")
        assert result.code == 1 and "PM402" in result.stdout


def test_a_copied_cache_folder_is_only_a_cold_run(repo: Path, tmp_path: Path) -> None:
    _warm(repo)
    shutil.copytree(repo / ".pmlint_cache", tmp_path / "saved")
    shutil.rmtree(repo / ".pmlint_cache")
    shutil.copytree(tmp_path / "saved", repo / ".pmlint_cache")  # as a CI cache restore does
    result = pmlint("check")
    assert result.code == 1 and "PM402" in result.stdout


def test_the_cache_still_serves_a_warm_run(repo: Path) -> None:
    path = _warm(repo)
    before = path.read_bytes()
    result = pmlint("check")
    assert result.code == 1 and "PM402" in result.stdout
    assert path.read_bytes() == before  # served from the cache: nothing re-linted, nothing written


@pytest.mark.parametrize("content", [b"[" * 200_000, b'{"entries": ' + b"[" * 200_000], ids=["list", "entries"])
def test_a_deeply_nested_cache_file_does_not_crash_check(repo: Path, content: bytes) -> None:
    path = _warm(repo)
    path.write_bytes(content)
    result = pmlint_process(repo, "check")  # before: RecursionError, a traceback
    assert result.returncode == 1 and "PM402" in result.stdout
    assert "Traceback" not in result.stderr


def test_entries_of_the_wrong_shape_are_relinted(repo: Path) -> None:
    from pmlint.lint.cache import FindingsCache
    from pmlint.lint.config import load_config
    from pmlint.workspace.discovery import targets_for

    config = load_config(repo)
    [target] = targets_for([repo / INCIDENTS / "2026-03-10-db-pool.md"], config.root)
    cache = FindingsCache.open(config, [target.path])
    good = {"span": [1, 1, 1, 2], "code": "PM402", "name": "owner-not-a-person", "severity": "error",
            "message": "m", "suggestion": None}
    bad = [{**good, "code": "PM999"}, {**good, "name": "other"}, {**good, "severity": "note"},
           {**good, "span": [0, 1, 1, 2]}, {**good, "span": [1, 1, 1]}, {**good, "message": ["m"]}]
    cache.entries["k"] = {"findings": [good], "lines": [[1, "x"]]}
    assert cache._result(target, "k") is not None
    for item in bad:
        cache.entries["k"] = {"findings": [item], "lines": [[1, "x"]]}
        assert cache._result(target, "k") is None, item
    cache.entries["k"] = {"findings": [good], "lines": [["1", "x"]]}
    assert cache._result(target, "k") is None
