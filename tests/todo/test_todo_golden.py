"""Golden folders: tests/golden/todo/<case>/ holds ``incidents/*.md`` and optionally ``TODO.md.in``.

The sync runs (today = 2026-04-15) in a copy and must produce ``TODO.md.expected``;
post-mortems must match ``incidents.expected/`` when it exists, else stay unchanged;
the exit code is 0 unless ``expected-exit`` says otherwise. A second run must change
nothing. ``PMLINT_UPDATE_GOLDEN=1 pytest tests/todo/test_todo_golden.py`` rewrites the
expected files (review the diff before committing).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pmlint.cli.env import Environment
from pmlint.cli.main import main

GOLDEN = Path(__file__).parents[1] / "golden" / "todo"
CASES = sorted(path.name for path in GOLDEN.iterdir() if path.is_dir())
TODAY = dt.date(2026, 4, 15)
UPDATE = os.environ.get("PMLINT_UPDATE_GOLDEN") == "1"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.md"))}


def _sync(work: Path) -> int:
    result = CliRunner().invoke(main, ["sync-todo", "--config", str(work / ".pmlint.toml")],
                                obj=Environment(today=TODAY))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = GOLDEN / case
    work = tmp_path / case
    shutil.copytree(source / "incidents", work / "incidents")
    (work / ".pmlint.toml").write_text('incidents = "incidents"\ntodo = "TODO.md"\n', encoding="utf-8")
    if (source / "TODO.md.in").exists():
        shutil.copyfile(source / "TODO.md.in", work / "TODO.md")
    monkeypatch.chdir(work)
    code = _sync(work)
    if UPDATE:
        shutil.copyfile(work / "TODO.md", source / "TODO.md.expected")
        if _files(work / "incidents") != _files(source / "incidents"):
            shutil.rmtree(source / "incidents.expected", ignore_errors=True)
            shutil.copytree(work / "incidents", source / "incidents.expected")
    expected_exit = source / "expected-exit"
    assert code == (int(expected_exit.read_text()) if expected_exit.exists() else 0)
    assert (work / "TODO.md").read_bytes() == (source / "TODO.md.expected").read_bytes()
    expected_incidents = source / "incidents.expected"
    wanted = _files(expected_incidents if expected_incidents.exists() else source / "incidents")
    assert _files(work / "incidents") == wanted
    before = {**_files(work), **_files(work / "incidents")}
    _sync(work)
    assert {**_files(work), **_files(work / "incidents")} == before
